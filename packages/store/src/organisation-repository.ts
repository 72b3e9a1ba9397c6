/**
 * Agencies and hospitals as the operator sees them: listed by kind from the
 * byOwner index, and their status changed together with the platform's
 * suspension list in one transaction, so search never disagrees with a profile.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  Agency,
  Hospital,
  IsoDateTime,
  ORGANISATION_KINDS,
  type OrganisationDetail,
  type OrganisationKind,
  type OrganisationStatus,
  type OrganisationView,
  StatusChange,
} from '@shifa/contracts';
import { ConflictError, type OrganisationStore } from '@shifa/domain';
import * as z from 'zod';
import { documentClient, tableName } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { ENTITY, keys, ownerKeys } from './keys';
import { TABLE } from './table';
import { type GuardedItem, transactGuarded } from './transact';

type Item = Record<string, unknown>;

/** What an operator's status change leaves on a profile; absent until the first change. */
const StatusFields = {
  statusReason: z.string().nullable().optional(),
  statusChangedAt: IsoDateTime.optional(),
  statusHistory: z.array(StatusChange).optional(),
};

const HospitalProfile = Hospital.pick({ hospitalId: true, status: true, name: true, city: true }).extend(
  StatusFields,
);
const AgencyProfile = Agency.pick({ agencyId: true, status: true, name: true, city: true }).extend(
  StatusFields,
);

function toOrganisation(kind: OrganisationKind, item: Item): OrganisationDetail {
  const profile = kind === 'hospital' ? HospitalProfile.parse(item) : AgencyProfile.parse(item);
  return {
    kind,
    id: 'hospitalId' in profile ? profile.hospitalId : profile.agencyId,
    name: profile.name,
    city: profile.city,
    status: profile.status,
    statusReason: profile.statusReason ?? null,
    statusChangedAt: profile.statusChangedAt ?? null,
    history: profile.statusHistory ?? [],
  };
}

const profileKey = (kind: OrganisationKind, organisationId: string) =>
  kind === 'hospital' ? keys.hospital(organisationId) : keys.agency(organisationId);

const byOwner = TABLE.indexes.byOwner;

const partitionOf = (kind: OrganisationKind) => ownerKeys.organisation(kind, '').GSI2PK;

const positionOf = (item: Item): string =>
  encodeCursor({ PK: item.PK, SK: item.SK, GSI2PK: item.GSI2PK, GSI2SK: item.GSI2SK });

/** Queries of the index per request, so a rare status never makes one request read every organisation. */
export const ORGANISATION_READS_PER_LIST = 5;
/** Organisations read per query when filtering by status, where most may not match. */
const FILTERED_READ_SIZE = 100;

export type OrganisationPage = { items: OrganisationView[]; nextCursor: string | null };

/**
 * Organisations of one kind, or agencies then hospitals, by id, keeping those
 * with `status`. A page ends after `limit` matches or once the read budget is
 * spent; its cursor is the position of the last organisation looked at.
 */
export async function listOrganisations(input: {
  kind: OrganisationKind | undefined;
  status: OrganisationStatus | undefined;
  limit: number;
  cursor: string | undefined;
}): Promise<OrganisationPage> {
  const kinds: readonly OrganisationKind[] = input.kind === undefined ? ORGANISATION_KINDS : [input.kind];
  // A cursor from a listing of another kind is not one this listing gave out.
  const Position = z.object({
    PK: z.string(),
    SK: z.string(),
    GSI2PK: z.enum(kinds.map(partitionOf)),
    GSI2SK: z.string(),
  });
  let startKey: Item | undefined;
  let partition = 0;
  if (input.cursor !== undefined) {
    const position = decodeCursor(input.cursor, Position);
    partition = kinds.findIndex((kind) => partitionOf(kind) === position.GSI2PK);
    startKey = position;
  }

  const items: OrganisationView[] = [];
  for (let reads = 0; ; reads += 1) {
    const kind = kinds[partition];
    if (kind === undefined) return { items, nextCursor: null };
    // Past the budget, stop where a read left off; at a kind's end, read on so the page moves forward.
    if (reads >= ORGANISATION_READS_PER_LIST && startKey !== undefined) {
      return { items, nextCursor: positionOf(startKey) };
    }
    const result = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: byOwner.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': byOwner.partitionKey },
        ExpressionAttributeValues: { ':pk': partitionOf(kind) },
        Limit: input.status === undefined ? input.limit : FILTERED_READ_SIZE,
        ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
      }),
    );
    const found = result.Items ?? [];
    for (const [index, item] of found.entries()) {
      const { history: _history, ...view } = toOrganisation(kind, item);
      if (input.status === undefined || view.status === input.status) items.push(view);
      if (items.length === input.limit) {
        const more =
          index < found.length - 1 || result.LastEvaluatedKey !== undefined || partition < kinds.length - 1;
        return { items, nextCursor: more ? positionOf(item) : null };
      }
    }
    startKey = result.LastEvaluatedKey;
    if (startKey === undefined) partition += 1;
  }
}

export async function findOrganisation(
  kind: OrganisationKind,
  organisationId: string,
): Promise<OrganisationDetail | undefined> {
  const result = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: profileKey(kind, organisationId), ConsistentRead: true }),
  );
  return result.Item === undefined ? undefined : toOrganisation(kind, result.Item);
}

const SUSPENSION_SETS: Record<OrganisationKind, 'agencies' | 'hospitals'> = {
  agency: 'agencies',
  hospital: 'hospitals',
};

/** The profile moved since it was read (another operator's change won); nothing was written. */
const statusMoved = () =>
  new ConflictError('status_changed', "the organisation's status changed meanwhile; read it again");

function statusChangeTransaction(before: OrganisationDetail, after: OrganisationDetail): GuardedItem[] {
  const unchangedSince =
    before.statusChangedAt === null ? 'attribute_not_exists(#changedAt)' : '#changedAt = :changedAtBefore';
  return [
    {
      failed: statusMoved,
      item: {
        Update: {
          TableName: tableName,
          Key: profileKey(after.kind, after.id),
          // The status and time read must still be there: of two concurrent changes, one wins.
          ConditionExpression: `attribute_exists(#pk) AND #status = :statusBefore AND ${unchangedSince}`,
          // `version` moves with every change of the profile, so an edit made from an older read is refused.
          UpdateExpression:
            'SET #status = :status, #reason = :reason, #changedAt = :changedAt, #history = :history ADD #version :one',
          ExpressionAttributeNames: {
            '#pk': TABLE.partitionKey,
            '#status': 'status',
            '#reason': 'statusReason',
            '#changedAt': 'statusChangedAt',
            '#history': 'statusHistory',
            '#version': 'version',
          },
          ExpressionAttributeValues: {
            ':statusBefore': before.status,
            ...(before.statusChangedAt === null ? {} : { ':changedAtBefore': before.statusChangedAt }),
            ':status': after.status,
            ':reason': after.statusReason,
            ':changedAt': after.statusChangedAt,
            ':history': after.history,
            ':one': 1,
          },
        },
      },
    },
    {
      item: {
        Update: {
          TableName: tableName,
          Key: keys.suspensions(),
          UpdateExpression: `SET #entity = :entity ${after.status === 'suspended' ? 'ADD' : 'DELETE'} #set :id`,
          ExpressionAttributeNames: { '#entity': 'entity', '#set': SUSPENSION_SETS[after.kind] },
          ExpressionAttributeValues: { ':entity': ENTITY.suspensions, ':id': new Set([after.id]) },
        },
      },
    },
  ];
}

export const organisationStore: OrganisationStore = {
  find: findOrganisation,

  async saveStatusChange(before, after) {
    try {
      await transactGuarded(statusChangeTransaction(before, after));
      return true;
    } catch (error) {
      // Another change won, or kept the items busy: the caller reads again and tells the operator.
      if (error instanceof ConflictError && ['status_changed', 'transaction_conflict'].includes(error.code)) {
        return false;
      }
      throw error;
    }
  },
};
