/**
 * Hospitals' webhook endpoints and the deliveries of booking events to them,
 * all under the hospital (HOSP#{hospitalId}): the endpoint with its sealed
 * signing secrets, one item per delivery (one per event and hospital, however
 * often the event arrives) and one per attempt. Every change of a delivery is a
 * Put conditional on the version read, so two workers holding the same queue
 * message cannot both claim an attempt, and a redelivery that starts a new
 * round makes the old round's late messages fall away.
 */
import { randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DeliveryStatus, IsoDateTime, Slug } from '@shifa/contracts';
import { ConflictError } from '@shifa/domain';
import { Sealed, type WebhookSecretsSealer } from '@shifa/sealing';
import * as z from 'zod';
import { documentClient, tableName } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { deliveryKeys, ENTITY } from './keys';
import { TABLE } from './table';

type Item = Record<string, unknown>;

/** How long a replaced signing secret keeps signing, so the hospital can switch without a gap. */
export const SECRET_OVERLAP_MS = 24 * 3_600_000;

/** Deliveries and attempts stay readable this long after their last change (as long as the bus archive keeps events). */
export const DELIVERY_RETENTION_DAYS = 90;

const StoredSecret = z.object({
  secretId: z.string(),
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime.nullable(),
  hint: z.string(),
  sealed: Sealed,
});
export type StoredSecret = z.infer<typeof StoredSecret>;

export const WebhookEndpointRecord = z.object({
  hospitalId: Slug,
  url: z.string().nullable().default(null),
  enabled: z.boolean().default(false),
  version: z.number().int().min(0).default(0),
  secretsRevision: z.number().int().min(0).default(0),
  secrets: z.array(StoredSecret).default([]),
  updatedAt: IsoDateTime.nullable().default(null),
});
export type WebhookEndpointRecord = z.infer<typeof WebhookEndpointRecord>;

export const emptyEndpoint = (hospitalId: string): WebhookEndpointRecord =>
  WebhookEndpointRecord.parse({ hospitalId });

export async function getWebhookEndpoint(hospitalId: string): Promise<WebhookEndpointRecord | undefined> {
  const result = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: deliveryKeys.webhook(hospitalId), ConsistentRead: true }),
  );
  return result.Item === undefined ? undefined : WebhookEndpointRecord.parse(result.Item);
}

/**
 * Sets the URL and switch, keeping the secrets. Without `expected`, only while no URL was ever
 * set; with it, only if the version is still the one read. 409 version_conflict otherwise.
 */
export async function putWebhookEndpoint(
  hospitalId: string,
  change: { url: string; enabled: boolean },
  expected: number | undefined,
  now: string,
): Promise<WebhookEndpointRecord> {
  const first = expected === undefined || expected === 0;
  try {
    const result = await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: deliveryKeys.webhook(hospitalId),
        UpdateExpression:
          'SET #url = :url, #enabled = :enabled, #updatedAt = :now, #hospitalId = :hospitalId, #entity = :entity, #version = if_not_exists(#version, :zero) + :one',
        ConditionExpression: first ? 'attribute_not_exists(#url)' : '#version = :expected',
        ExpressionAttributeNames: {
          '#url': 'url',
          '#enabled': 'enabled',
          '#updatedAt': 'updatedAt',
          '#hospitalId': 'hospitalId',
          '#entity': 'entity',
          '#version': 'version',
        },
        ExpressionAttributeValues: {
          ':url': change.url,
          ':enabled': change.enabled,
          ':now': now,
          ':hospitalId': hospitalId,
          ':entity': ENTITY.webhookEndpoint,
          ':zero': 0,
          ':one': 1,
          ...(first ? {} : { ':expected': expected }),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return WebhookEndpointRecord.parse(result.Attributes);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new ConflictError(
        'version_conflict',
        first
          ? 'your webhook endpoint is already set: read it and send the version you read'
          : `your webhook endpoint has changed since you read version ${expected}; read it again and reapply your change`,
        [
          {
            path: 'version',
            message: first ? 'required once the endpoint is set' : 'not the current version',
          },
        ],
      );
    }
    throw error;
  }
}

export type Rotation = {
  endpoint: WebhookEndpointRecord;
  secretId: string;
  /** The new secret in clear: for the response only, never stored, never logged. */
  secret: string;
  previousExpiresAt: string | null;
};

/**
 * Makes a new signing secret current. The one it replaces keeps signing for 24 hours; any
 * older one still overlapping stops at once, so at most two ever sign. Retried on a race
 * with another rotation; a concurrent PUT of the URL does not conflict with it.
 */
export async function rotateWebhookSecret(
  hospitalId: string,
  now: Date,
  sealer: WebhookSecretsSealer,
): Promise<Rotation> {
  for (let attempt = 0; ; attempt += 1) {
    const read = (await getWebhookEndpoint(hospitalId)) ?? emptyEndpoint(hospitalId);
    const at = now.toISOString();
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const secretId = `sec-${at.replace(/\D/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}`;
    const current = read.secrets.find(
      (candidate) => candidate.expiresAt === null || Date.parse(candidate.expiresAt) > now.getTime(),
    );
    const previous =
      current === undefined
        ? undefined
        : {
            ...current,
            expiresAt: current.expiresAt ?? new Date(now.getTime() + SECRET_OVERLAP_MS).toISOString(),
          };
    // Bound to this attempt's secretId: a retry after a lost race makes and seals a new one.
    const sealed = await sealer.seal(secret, { hospitalId, secretId });
    const secrets: StoredSecret[] = [
      { secretId, createdAt: at, expiresAt: null, hint: `…${secret.slice(-4)}`, sealed },
      ...(previous === undefined ? [] : [previous]),
    ];
    try {
      const result = await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: deliveryKeys.webhook(hospitalId),
          UpdateExpression:
            'SET #secrets = :secrets, #secretsRevision = :next, #hospitalId = :hospitalId, #entity = :entity, #enabled = if_not_exists(#enabled, :false), #version = if_not_exists(#version, :zero)',
          ConditionExpression:
            read.secretsRevision === 0
              ? 'attribute_not_exists(#secretsRevision)'
              : '#secretsRevision = :revision',
          ExpressionAttributeNames: {
            '#secrets': 'secrets',
            '#secretsRevision': 'secretsRevision',
            '#hospitalId': 'hospitalId',
            '#entity': 'entity',
            '#enabled': 'enabled',
            '#version': 'version',
          },
          ExpressionAttributeValues: {
            ':secrets': secrets,
            ':next': read.secretsRevision + 1,
            ':hospitalId': hospitalId,
            ':entity': ENTITY.webhookEndpoint,
            ':false': false,
            ':zero': 0,
            ...(read.secretsRevision === 0 ? {} : { ':revision': read.secretsRevision }),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const endpoint = WebhookEndpointRecord.parse(result.Attributes);
      return { endpoint, secretId, secret, previousExpiresAt: previous?.expiresAt ?? null };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      if (attempt >= 2) {
        throw new ConflictError(
          'rotation_in_progress',
          'another rotation of your secret is under way; try again',
        );
      }
    }
  }
}

/** The secrets that sign a delivery at `now`, current first, opened. Never log them. */
export async function signingSecrets(
  endpoint: WebhookEndpointRecord,
  now: Date,
  sealer: WebhookSecretsSealer,
): Promise<string[]> {
  const signing = endpoint.secrets
    .filter((secret) => secret.expiresAt === null || Date.parse(secret.expiresAt) > now.getTime())
    .sort((a, b) =>
      a.expiresAt === null ? -1 : b.expiresAt === null ? 1 : b.createdAt.localeCompare(a.createdAt),
    );
  return Promise.all(
    signing.map((secret) =>
      sealer.open(secret.sealed, { hospitalId: endpoint.hospitalId, secretId: secret.secretId }),
    ),
  );
}

export const DeliveryRecord = z.object({
  deliveryId: z.string(),
  hospitalId: Slug,
  eventId: z.string(),
  eventType: z.string(),
  bookingId: Slug,
  occurredAt: IsoDateTime,
  /** The event's detail as it arrived: no health notes, which are read afresh for each attempt. */
  detail: z.record(z.string(), z.unknown()),
  status: DeliveryStatus,
  round: z.number().int().min(1),
  /** Attempts claimed in this round; `settled` of them have an outcome recorded. */
  attempt: z.number().int().min(0),
  settled: z.number().int().min(0),
  claimedAt: IsoDateTime.optional(),
  roundStartedAt: IsoDateTime,
  nextAttemptAt: IsoDateTime.optional(),
  deliveredAt: IsoDateTime.optional(),
  failedAt: IsoDateTime.optional(),
  skippedReason: z.string().optional(),
  lastError: z.string().optional(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int().min(1),
});
export type DeliveryRecord = z.infer<typeof DeliveryRecord>;

const ttlOf = (at: string) => Math.floor(Date.parse(at) / 1000) + DELIVERY_RETENTION_DAYS * 86_400;

function deliveryItem(record: DeliveryRecord): Item {
  const watched = record.status === 'pending' || record.status === 'failed';
  return {
    ...deliveryKeys.delivery(record.hospitalId, record.deliveryId),
    ...(watched
      ? deliveryKeys.byStatus(record.status as 'pending' | 'failed', record.updatedAt, record.deliveryId)
      : {}),
    entity: ENTITY.delivery,
    ...record,
    [TABLE.ttlAttribute]: ttlOf(record.updatedAt),
  };
}

/** Records a new delivery; if the event already has one for this hospital, returns that instead. */
export async function createDelivery(
  record: DeliveryRecord,
): Promise<{ created: true } | { created: false; existing: DeliveryRecord }> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: deliveryItem(record),
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
      }),
    );
    return { created: true };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const existing = await getDelivery(record.hospitalId, record.deliveryId);
    if (existing === undefined) throw error;
    return { created: false, existing };
  }
}

export async function getDelivery(
  hospitalId: string,
  deliveryId: string,
): Promise<DeliveryRecord | undefined> {
  const result = await documentClient.send(
    new GetCommand({
      TableName: tableName,
      Key: deliveryKeys.delivery(hospitalId, deliveryId),
      ConsistentRead: true,
    }),
  );
  return result.Item === undefined ? undefined : DeliveryRecord.parse(result.Item);
}

/** Writes the next state of a delivery if it is still at the version read; false if someone else moved it. */
export async function saveDelivery(
  next: Omit<DeliveryRecord, 'version'>,
  read: DeliveryRecord,
): Promise<DeliveryRecord | undefined> {
  const record = { ...next, version: read.version + 1 };
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: deliveryItem(record),
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':version': read.version },
      }),
    );
    return record;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

export const AttemptRecord = z.object({
  deliveryId: z.string(),
  hospitalId: Slug,
  round: z.number().int().min(1),
  attempt: z.number().int().min(1),
  at: IsoDateTime,
  outcome: z.enum(['delivered', 'failed']),
  statusCode: z.number().int().nullable(),
  latencyMs: z.number().int().min(0),
  error: z.string().nullable(),
});
export type AttemptRecord = z.infer<typeof AttemptRecord>;

export async function recordAttempt(attempt: AttemptRecord): Promise<void> {
  await documentClient.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...deliveryKeys.attempt(attempt.hospitalId, attempt.deliveryId, attempt.round, attempt.attempt),
        entity: ENTITY.deliveryAttempt,
        ...attempt,
        [TABLE.ttlAttribute]: ttlOf(attempt.at),
      },
    }),
  );
}

/** The latest attempts of a delivery (up to `limit`), oldest first. */
export async function attemptsOf(
  hospitalId: string,
  deliveryId: string,
  limit = 100,
): Promise<AttemptRecord[]> {
  const result = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': TABLE.partitionKey, '#sk': TABLE.sortKey },
      ExpressionAttributeValues: {
        ':pk': deliveryKeys.webhook(hospitalId).PK,
        ':prefix': `ATTEMPT#${deliveryId}#`,
      },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map((item) => AttemptRecord.parse(item)).reverse();
}

const Position = z.record(z.string(), z.string());

export type DeliveryPage = { items: DeliveryRecord[]; nextCursor: string | null };

/** A hospital's deliveries, newest first. */
export async function listHospitalDeliveries(
  hospitalId: string,
  page: { limit: number; cursor: string | undefined },
): Promise<DeliveryPage> {
  const result = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': TABLE.partitionKey, '#sk': TABLE.sortKey },
      ExpressionAttributeValues: { ':pk': deliveryKeys.webhook(hospitalId).PK, ':prefix': 'DELIVERY#' },
      ScanIndexForward: false,
      Limit: page.limit,
      ...(page.cursor === undefined ? {} : { ExclusiveStartKey: decodeCursor(page.cursor, Position) }),
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => DeliveryRecord.parse(item)),
    nextCursor: result.LastEvaluatedKey === undefined ? null : encodeCursor(result.LastEvaluatedKey),
  };
}

/** Deliveries in one watched status across hospitals, most recently changed first. */
export async function listDeliveriesByStatus(
  status: 'pending' | 'failed',
  page: { limit: number; cursor: string | undefined },
): Promise<DeliveryPage> {
  const index = TABLE.indexes.listing;
  const result = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: index.indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': index.partitionKey },
      ExpressionAttributeValues: { ':pk': deliveryKeys.byStatus(status, '', '').GSI1PK },
      ScanIndexForward: false,
      Limit: page.limit,
      ...(page.cursor === undefined ? {} : { ExclusiveStartKey: decodeCursor(page.cursor, Position) }),
    }),
  );
  return {
    // The index is read eventually consistently: a delivery that has just moved on may still show up.
    items: (result.Items ?? [])
      .map((item) => DeliveryRecord.parse(item))
      .filter((item) => item.status === status),
    nextCursor: result.LastEvaluatedKey === undefined ? null : encodeCursor(result.LastEvaluatedKey),
  };
}
