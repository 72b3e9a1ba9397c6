/**
 * Loads the demo catalog into the table. Each item is written only if absent,
 * so loading again on every start is harmless and never resets seats taken.
 */
import { catalogItems, putIfAbsent } from '@shifa/store';
import { demoCatalog } from './catalog';

export type LoadReport = { written: number; present: number; packages: number; departures: number };

export async function loadDemoData(today: string): Promise<LoadReport> {
  const catalog = demoCatalog(today);
  const items = [
    ...catalog.hospitals.map(catalogItems.hospital),
    ...catalog.programmes.map(catalogItems.programme),
    ...catalog.agencies.map(catalogItems.agency),
    ...catalog.packages.flatMap(({ pkg, departures }) => [
      catalogItems.package(pkg),
      ...departures.map((departure) => catalogItems.departure(departure, pkg)),
    ]),
  ];
  let written = 0;
  // A few writes at a time: DynamoDB Local is the bottleneck, not the loop.
  for (let start = 0; start < items.length; start += 8) {
    const results = await Promise.all(items.slice(start, start + 8).map(putIfAbsent));
    written += results.filter(Boolean).length;
  }
  return {
    written,
    present: items.length - written,
    packages: catalog.packages.length,
    departures: catalog.packages.reduce((sum, entry) => sum + entry.departures.length, 0),
  };
}
