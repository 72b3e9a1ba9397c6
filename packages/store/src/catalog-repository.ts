/**
 * Catalog storage: hospitals, programmes, agencies, packages and departures.
 * Items are parsed with the contracts' schemas on the way out, never cast.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  type Agency as AgencyRecord,
  Departure,
  type Departure as DepartureRecord,
  type Hospital as HospitalRecord,
  Package,
  type Package as PackageRecord,
  type TreatmentProgramme as TreatmentProgrammeRecord,
} from '@shifa/contracts';
import type { CatalogReader, ListingEntry, Suspended } from '@shifa/domain';
import * as z from 'zod';
import { documentClient, tableName } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { queryAll } from './items';
import { ENTITY, keys, LISTING_PARTITION, listingKeys, ownerKeys } from './keys';
import { TABLE } from './table';

type Item = Record<string, unknown>;

export const catalogItems = {
  hospital: (hospital: HospitalRecord): Item => ({
    ...keys.hospital(hospital.hospitalId),
    ...ownerKeys.organisation('hospital', hospital.hospitalId),
    entity: ENTITY.hospital,
    ...hospital,
  }),
  programme: (programme: TreatmentProgrammeRecord): Item => ({
    ...keys.programme(programme.hospitalId, programme.programmeId),
    entity: ENTITY.programme,
    ...programme,
  }),
  agency: (agency: AgencyRecord): Item => ({
    ...keys.agency(agency.agencyId),
    ...ownerKeys.organisation('agency', agency.agencyId),
    entity: ENTITY.agency,
    ...agency,
  }),
  package: (pkg: PackageRecord): Item => ({
    ...keys.package(pkg.packageId),
    ...ownerKeys.agencyPackage(pkg.agencyId, pkg.packageId),
    ...(pkg.status === 'published' ? listingKeys.package(pkg.treatment.kind, pkg.packageId) : {}),
    entity: ENTITY.package,
    ...pkg,
  }),
  /** A departure is listed only while its package is published. */
  departure: (departure: DepartureRecord, pkg: PackageRecord): Item => ({
    ...keys.departure(departure.packageId, departure.departureId),
    ...(pkg.status === 'published'
      ? listingKeys.departure(pkg.treatment.kind, pkg.packageId, departure.startDate, departure.departureId)
      : {}),
    entity: ENTITY.departure,
    ...departure,
  }),
};

const ListingPosition = z.object({
  PK: z.string(),
  SK: z.string(),
  GSI1PK: z.literal(LISTING_PARTITION),
  GSI1SK: z.string(),
});

const positionOf = (item: Item): string =>
  encodeCursor({ PK: item.PK, SK: item.SK, GSI1PK: item.GSI1PK, GSI1SK: item.GSI1SK });

function toListingEntry(item: Item): ListingEntry | undefined {
  const position = positionOf(item);
  if (item.entity === ENTITY.package) return { type: 'package', position, pkg: Package.parse(item) };
  if (item.entity === ENTITY.departure)
    return { type: 'departure', position, departure: Departure.parse(item) };
  return undefined;
}

const SuspensionsItem = z.object({
  agencies: z.set(z.string()).optional(),
  hospitals: z.set(z.string()).optional(),
});

/** Organisations suspended by an operator, from the one item that lists them. */
export async function readSuspensions(): Promise<Suspended> {
  const result = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: keys.suspensions(), ConsistentRead: true }),
  );
  const item = SuspensionsItem.parse(result.Item ?? {});
  return { agencies: item.agencies ?? new Set(), hospitals: item.hospitals ?? new Set() };
}

export const catalogReader: CatalogReader = {
  suspended: readSuspensions,

  async listing({ treatment, after, maxEntries }) {
    const index = TABLE.indexes.listing;
    const input: QueryCommandInput = {
      TableName: tableName,
      IndexName: index.indexName,
      KeyConditionExpression:
        treatment === undefined ? '#pk = :pk' : '#pk = :pk AND begins_with(#sk, :kindPrefix)',
      ExpressionAttributeNames: {
        '#pk': index.partitionKey,
        ...(treatment === undefined ? {} : { '#sk': index.sortKey }),
      },
      ExpressionAttributeValues: {
        ':pk': LISTING_PARTITION,
        ...(treatment === undefined ? {} : { ':kindPrefix': `${treatment}#` }),
      },
      Limit: maxEntries,
      ...(after === undefined ? {} : { ExclusiveStartKey: decodeCursor(after, ListingPosition) }),
    };
    const result = await documentClient.send(new QueryCommand(input));
    const entries = (result.Items ?? []).map(toListingEntry).filter((entry) => entry !== undefined);
    const last = result.LastEvaluatedKey;
    return { entries, next: last === undefined ? undefined : positionOf(last) };
  },

  async packageWithDepartures(packageId) {
    const items = await queryAll({
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
      ExpressionAttributeValues: { ':pk': keys.package(packageId).PK },
      ConsistentRead: true,
    });
    const pkgItem = items.find((item) => item.entity === ENTITY.package);
    if (pkgItem === undefined) return undefined;
    return {
      pkg: Package.parse(pkgItem),
      departures: items
        .filter((item) => item.entity === ENTITY.departure)
        .map((item) => Departure.parse(item)),
    };
  },
};

/**
 * Writes an item unless one with its key exists; returns whether it wrote.
 * Loading demo data with it is idempotent and never resets live counters.
 */
export async function putIfAbsent(item: Item): Promise<boolean> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: item,
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
