/**
 * The agency area's storage: its hotels and excursions in the agency's
 * partition (AGENCY#{agencyId}, SK HOTEL#… / EXC#…), the hospital, programme,
 * agency and capacity reads that composing and publishing need, and packages
 * (./package-repository). Keys carry the agency id, so another agency's
 * component is simply not found. Items are parsed, never cast.
 */
import { randomBytes } from 'node:crypto';
import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { Agency, ExcursionComponent, Hospital, Hotel, TreatmentProgramme } from '@shifa/contracts';
import {
  type AgencyPage,
  type AgencyPageRequest,
  type AgencyStore,
  agencyErrors,
  ConflictError,
} from '@shifa/domain';
import * as z from 'zod';
import { capacityBetween } from './capacity-repository';
import { catalogReader } from './catalog-repository';
import { documentClient, tableName } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { getParsed } from './items';
import { ENTITY, keys } from './keys';
import { agencyGuard, agencyPackages, savePackage } from './package-repository';
import { TABLE } from './table';
import { transactGuarded } from './transact';

type Item = Record<string, unknown>;

/** One page of the items under a sort-key prefix in one partition. */
async function queryPrefix<T extends z.ZodType>(
  partition: string,
  prefix: string,
  schema: T,
  page: AgencyPageRequest,
): Promise<AgencyPage<z.infer<T>>> {
  // A cursor is only ever a position in this very listing, so a forged one cannot reach elsewhere.
  const Position = z.object({ PK: z.literal(partition), SK: z.string().startsWith(prefix) });
  const result = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': TABLE.partitionKey, '#sk': TABLE.sortKey },
      ExpressionAttributeValues: { ':pk': partition, ':prefix': prefix },
      Limit: page.limit,
      ...(page.cursor === undefined ? {} : { ExclusiveStartKey: decodeCursor(page.cursor, Position) }),
    }),
  );
  const last = result.LastEvaluatedKey;
  return {
    items: (result.Items ?? []).map((item) => schema.parse(item)),
    nextCursor: last === undefined ? null : encodeCursor(last),
  };
}

/** Puts a component, new or at the version read, while the agency is not suspended. */
async function saveComponent(
  agencyId: string,
  what: 'hotel' | 'excursion',
  item: Item,
  expected: number | undefined,
): Promise<void> {
  const conflict = () =>
    expected === undefined
      ? new ConflictError(`${what}_id_taken`, `a ${what} with this id exists; send the request again`)
      : agencyErrors.versionConflict(what, expected);
  await transactGuarded([
    agencyGuard(agencyId, 'not_be_suspended'),
    {
      item: {
        Put: {
          TableName: tableName,
          Item: item,
          ...(expected === undefined
            ? {
                ConditionExpression: 'attribute_not_exists(#pk)',
                ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
              }
            : {
                ConditionExpression: '#version = :expected',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':expected': expected },
              }),
        },
      },
      failed: conflict,
      busy: conflict,
    },
  ]);
}

/** A hotel's and an excursion's items as every writer stores them (the API, and the demo data loader). */
export const agencyItems = {
  hotel: (hotel: Hotel): Item => ({
    ...keys.hotel(hotel.agencyId, hotel.hotelId),
    entity: ENTITY.hotel,
    ...hotel,
  }),
  excursion: (excursion: ExcursionComponent): Item => ({
    ...keys.excursion(excursion.agencyId, excursion.excursionId),
    entity: ENTITY.excursion,
    ...excursion,
  }),
};

const HOTEL_PREFIX = keys.hotel('', '').SK;
const EXCURSION_PREFIX = keys.excursion('', '').SK;

const SUFFIX_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Six base-36 characters: 2 billion ids per base, so a collision (refused by a condition) is rare. */
const randomSuffix = (): string =>
  Array.from(randomBytes(6), (byte) => SUFFIX_ALPHABET[byte % SUFFIX_ALPHABET.length]).join('');

export const agencyStore: AgencyStore = {
  agency: (agencyId) => getParsed(keys.agency(agencyId), Agency),
  hospital: (hospitalId) => getParsed(keys.hospital(hospitalId), Hospital),
  programme: (hospitalId, programmeId) =>
    getParsed(keys.programme(hospitalId, programmeId), TreatmentProgramme),
  capacity: capacityBetween,

  hotel: (agencyId, hotelId) => getParsed(keys.hotel(agencyId, hotelId), Hotel),
  hotels: (agencyId, page) => queryPrefix(keys.agency(agencyId).PK, HOTEL_PREFIX, Hotel, page),
  saveHotel: (hotel, expected) => saveComponent(hotel.agencyId, 'hotel', agencyItems.hotel(hotel), expected),

  excursion: (agencyId, excursionId) => getParsed(keys.excursion(agencyId, excursionId), ExcursionComponent),
  async excursionsByIds(agencyId, excursionIds) {
    const found: ExcursionComponent[] = [];
    let request: Record<string, { Keys: Item[]; ConsistentRead: boolean }> | undefined = {
      [tableName]: { Keys: excursionIds.map((id) => keys.excursion(agencyId, id)), ConsistentRead: true },
    };
    while (request !== undefined && Object.keys(request).length > 0) {
      const result = await documentClient.send(new BatchGetCommand({ RequestItems: request }));
      found.push(...(result.Responses?.[tableName] ?? []).map((item) => ExcursionComponent.parse(item)));
      request = result.UnprocessedKeys as typeof request;
    }
    return found;
  },
  excursions: (agencyId, page) =>
    queryPrefix(keys.agency(agencyId).PK, EXCURSION_PREFIX, ExcursionComponent, page),
  saveExcursion: (excursion, expected) =>
    saveComponent(excursion.agencyId, 'excursion', agencyItems.excursion(excursion), expected),

  packageWithDepartures: (packageId) => catalogReader.packageWithDepartures(packageId),
  packages: agencyPackages,
  savePackage,

  newId: (base) => `${base}-${randomSuffix()}`,
};
