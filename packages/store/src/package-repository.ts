/**
 * Writing an agency's package and its departures: every write is one
 * TransactWriteItems that puts the package at its next version (conditional
 * on the version read), writes the departures it touches, keeps their listing
 * keys in step with the package's status, and checks the agency's and the
 * hospital's standing as they are when it commits. Departures are updated
 * field by field, never replaced, because bookings decrement seatsLeft
 * concurrently.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { Package } from '@shifa/contracts';
import {
  type AgencyPage,
  type AgencyPageRequest,
  agencyErrors,
  ConflictError,
  type DepartureWrite,
  type PackageWrite,
} from '@shifa/domain';
import * as z from 'zod';
import { catalogItems } from './catalog-repository';
import { documentClient, tableName } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { ENTITY, keys, listingKeys, ownerKeys } from './keys';
import { TABLE } from './table';
import { type GuardedItem, transactGuarded } from './transact';

const PK = { '#pk': TABLE.partitionKey };
const LISTING = TABLE.indexes.listing;

/** The agency's profile must still allow the write when it commits (an operator may suspend it meanwhile). */
export function agencyGuard(agencyId: string, must: PackageWrite['agencyMust']): GuardedItem {
  const verified = must === 'be_verified';
  return {
    item: {
      ConditionCheck: {
        TableName: tableName,
        Key: keys.agency(agencyId),
        ConditionExpression: verified ? '#status = :status' : 'attribute_exists(#pk) AND #status <> :status',
        ExpressionAttributeNames: { '#status': 'status', ...(verified ? {} : PK) },
        ExpressionAttributeValues: { ':status': verified ? 'verified' : 'suspended' },
      },
    },
    failed: verified ? agencyErrors.agencyNotVerified : agencyErrors.agencySuspended,
    busy: agencyErrors.busy,
  };
}

function hospitalGuard(hospitalId: string): GuardedItem {
  return {
    item: {
      ConditionCheck: {
        TableName: tableName,
        Key: keys.hospital(hospitalId),
        ConditionExpression: '#status = :verified',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':verified': 'verified' },
      },
    },
    failed: () => agencyErrors.hospitalNotVerified(hospitalId),
    busy: agencyErrors.busy,
  };
}

function packagePut(pkg: Package, expected: number | undefined): GuardedItem {
  const Item = catalogItems.package(pkg);
  if (expected === undefined) {
    return {
      item: {
        Put: {
          TableName: tableName,
          Item,
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: PK,
        },
      },
      failed: () =>
        new ConflictError('package_id_taken', 'a package with this id exists; send the request again'),
      busy: agencyErrors.busy,
    };
  }
  // A package written before versions existed has none: version 0 matches it.
  const version =
    expected === 0 ? '(attribute_not_exists(#version) OR #version = :expected)' : '#version = :expected';
  const conflict = () => agencyErrors.versionConflict('package', expected);
  // A booking checking the package at that instant also holds it: only a new version is a conflict.
  const busy = async () => {
    const current = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: keys.package(pkg.packageId), ConsistentRead: true }),
    );
    return (current.Item?.version ?? 0) === expected ? agencyErrors.busy() : conflict();
  };
  return {
    item: {
      Put: {
        TableName: tableName,
        Item,
        ConditionExpression: `#agencyId = :agencyId AND ${version}`,
        ExpressionAttributeNames: { '#agencyId': 'agencyId', '#version': 'version' },
        ExpressionAttributeValues: { ':agencyId': pkg.agencyId, ':expected': expected },
      },
    },
    failed: conflict,
    busy,
  };
}

function departureItem(write: DepartureWrite, pkg: Package): GuardedItem {
  const { departure } = write;
  const Key = keys.departure(departure.packageId, departure.departureId);
  const seats = { '#left': 'seatsLeft', '#total': 'seatsTotal' };
  switch (write.op) {
    case 'add':
      return {
        item: {
          Put: {
            TableName: tableName,
            Item: catalogItems.departure(departure, pkg),
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: PK,
          },
        },
        failed: () =>
          new ConflictError('departure_id_taken', 'a departure with this id exists; send the request again'),
        busy: agencyErrors.busy,
      };
    case 'change':
      return {
        item: {
          Update: {
            TableName: tableName,
            Key,
            UpdateExpression: 'SET #total = :total, #prices = :prices, #left = #left + :delta',
            // Bookings may have taken seats since the read: the change is applied to what is there now.
            ConditionExpression: 'attribute_exists(#pk) AND #total = :totalRead AND #left >= :leftNeeded',
            ExpressionAttributeNames: { ...PK, ...seats, '#prices': 'prices' },
            ExpressionAttributeValues: {
              ':total': departure.seatsTotal,
              ':prices': departure.prices,
              ':delta': write.seatsDelta,
              ':totalRead': write.seatsTotalRead,
              ':leftNeeded': Math.max(0, -write.seatsDelta),
            },
          },
        },
        failed: () => agencyErrors.seatsBelowSold(),
        busy: agencyErrors.busy,
      };
    case 'relist': {
      const listing =
        pkg.status === 'published'
          ? listingKeys.departure(
              pkg.treatment.kind,
              pkg.packageId,
              departure.startDate,
              departure.departureId,
            )
          : undefined;
      const unsold = write.lockedPaths.length > 0;
      return {
        item: {
          Update: {
            TableName: tableName,
            Key,
            UpdateExpression:
              listing === undefined
                ? 'SET #endDate = :endDate REMOVE #gpk, #gsk'
                : 'SET #endDate = :endDate, #gpk = :gpk, #gsk = :gsk',
            ConditionExpression: unsold
              ? 'attribute_exists(#pk) AND #left = #total'
              : 'attribute_exists(#pk)',
            ExpressionAttributeNames: {
              ...PK,
              ...(unsold ? seats : {}),
              '#endDate': 'endDate',
              '#gpk': LISTING.partitionKey,
              '#gsk': LISTING.sortKey,
            },
            ExpressionAttributeValues: {
              ':endDate': departure.endDate,
              ...(listing === undefined ? {} : { ':gpk': listing.GSI1PK, ':gsk': listing.GSI1SK }),
            },
          },
        },
        failed: unsold ? () => agencyErrors.compositionLocked(write.lockedPaths) : agencyErrors.busy,
        busy: agencyErrors.busy,
      };
    }
    case 'check_unsold':
      return {
        item: {
          ConditionCheck: {
            TableName: tableName,
            Key,
            ConditionExpression: '#left = #total',
            ExpressionAttributeNames: seats,
          },
        },
        failed: () => agencyErrors.compositionLocked(write.lockedPaths),
        busy: agencyErrors.busy,
      };
    case 'remove':
      return {
        item: {
          Delete: {
            TableName: tableName,
            Key,
            ConditionExpression: '#left = #total',
            ExpressionAttributeNames: seats,
          },
        },
        failed: agencyErrors.departureHasBookings,
        busy: agencyErrors.busy,
      };
  }
}

export async function savePackage(write: PackageWrite): Promise<void> {
  const { pkg } = write;
  await transactGuarded([
    // The agency's standing first: when several conditions fail, a 403 says the most.
    agencyGuard(pkg.agencyId, write.agencyMust),
    ...(write.hospitalMustBeVerified ? [hospitalGuard(pkg.hospital.hospitalId)] : []),
    packagePut(pkg, write.expectedVersion),
    ...write.departures.map((departure) => departureItem(departure, pkg)),
  ]);
}

const PACKAGE_PREFIX = ownerKeys.agencyPackage('', '').GSI2SK;

/** An agency's packages, every status, by id, from the byOwner index. */
export async function agencyPackages(
  agencyId: string,
  page: AgencyPageRequest,
): Promise<AgencyPage<Package>> {
  const index = TABLE.indexes.byOwner;
  const partition = ownerKeys.agencyPackage(agencyId, '').GSI2PK;
  const Position = z.object({
    PK: z.string().startsWith(keys.package('').PK),
    SK: z.literal(keys.package('').SK),
    GSI2PK: z.literal(partition),
    GSI2SK: z.string().startsWith(PACKAGE_PREFIX),
  });
  const result = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: index.indexName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
      ExpressionAttributeValues: { ':pk': partition, ':prefix': PACKAGE_PREFIX },
      Limit: page.limit,
      ...(page.cursor === undefined ? {} : { ExclusiveStartKey: decodeCursor(page.cursor, Position) }),
    }),
  );
  const items = (result.Items ?? [])
    .filter((item) => item.entity === ENTITY.package)
    .map((item) => Package.parse(item));
  const last = result.LastEvaluatedKey;
  return { items, nextCursor: last === undefined ? null : encodeCursor(last) };
}
