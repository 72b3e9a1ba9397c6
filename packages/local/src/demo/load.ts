/**
 * Loads the demo catalog into the table. Only items that are absent are
 * written, so loading again on every start is harmless and never resets seats
 * or beds taken. It runs before the API serves, as the only writer.
 */
import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { agencyItems, capacityItem, catalogItems, documentClient, TABLE, tableName } from '@shifa/store';
import { demoCapacity, demoCatalog } from './catalog';

export type LoadReport = {
  written: number;
  present: number;
  packages: number;
  departures: number;
  hotels: number;
  excursions: number;
};

export async function loadDemoData(today: string): Promise<LoadReport> {
  const catalog = demoCatalog(today);
  const items = [
    ...catalog.hospitals.map(catalogItems.hospital),
    ...catalog.programmes.map(catalogItems.programme),
    ...catalog.agencies.map(catalogItems.agency),
    ...catalog.hotels.map(agencyItems.hotel),
    ...catalog.excursions.map(agencyItems.excursion),
    ...catalog.packages.flatMap(({ pkg, departures }) => [
      catalogItems.package(pkg),
      ...departures.map((departure) => catalogItems.departure(departure, pkg)),
    ]),
    ...demoCapacity(today).map(capacityItem),
  ];
  const written = await writeMissing(items);
  return {
    written,
    present: items.length - written,
    packages: catalog.packages.length,
    departures: catalog.packages.reduce((sum, entry) => sum + entry.departures.length, 0),
    hotels: catalog.hotels.length,
    excursions: catalog.excursions.length,
  };
}

type Item = Record<string, unknown>;

const keyOf = (item: Item) => `${String(item[TABLE.partitionKey])}\u0000${String(item[TABLE.sortKey])}`;

function chunks<T>(list: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(list.length / size) }, (_, index) =>
    list.slice(index * size, (index + 1) * size),
  );
}

/** Which of these items already exist, by key, read in batches of 100. */
async function existingKeys(items: readonly Item[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const batch of chunks(items, 100)) {
    let request: Record<string, { Keys: Item[] }> | undefined = {
      [tableName]: {
        Keys: batch.map((item) => ({
          [TABLE.partitionKey]: item[TABLE.partitionKey],
          [TABLE.sortKey]: item[TABLE.sortKey],
        })),
      },
    };
    while (request !== undefined && Object.keys(request).length > 0) {
      const result = await documentClient.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of result.Responses?.[tableName] ?? []) found.add(keyOf(item));
      request = result.UnprocessedKeys as typeof request;
    }
  }
  return found;
}

async function writeMissing(items: readonly Item[]): Promise<number> {
  const present = await existingKeys(items);
  const missing = items.filter((item) => !present.has(keyOf(item)));
  for (const batch of chunks(missing, 25)) {
    let request: Record<string, { PutRequest: { Item: Item } }[]> | undefined = {
      [tableName]: batch.map((item) => ({ PutRequest: { Item: item } })),
    };
    while (request !== undefined && Object.keys(request).length > 0) {
      const result = await documentClient.send(new BatchWriteCommand({ RequestItems: request }));
      request = result.UnprocessedItems as typeof request;
    }
  }
  return missing.length;
}
