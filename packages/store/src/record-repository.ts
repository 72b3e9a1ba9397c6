/**
 * Medical records' items (access patterns 33–36 in table.ts): declared pending, checked once their
 * file is in the bucket, read and listed by their owner only, deleted on request. The file itself is
 * the records bucket's (@shifa/records); these items hold what the API shows of it.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { MedicalRecord, type RecordRejection } from '@shifa/contracts';
import * as z from 'zod';
import { documentClient, tableName } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { getParsed } from './items';
import { ENTITY, recordKeys } from './keys';
import { TABLE } from './table';

/** A record declared but never uploaded goes by itself after this (DynamoDB's TTL; the bucket's lifecycle does the same for its file). */
export const PENDING_RECORD_DAYS = 2;

/** Writes a new record, pending; fails if the id is taken. */
export async function putPendingRecord(record: MedicalRecord): Promise<void> {
  await documentClient.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...recordKeys.record(record.ownerId, record.recordId),
        entity: ENTITY.record,
        ...record,
        [TABLE.ttlAttribute]: Math.floor(Date.parse(record.createdAt) / 1000) + PENDING_RECORD_DAYS * 86_400,
      },
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
    }),
  );
}

/** The owner's record; undefined if there is none (another owner's id is simply not under this owner). */
export const getRecord = (ownerId: string, recordId: string): Promise<MedicalRecord | undefined> =>
  getParsed(recordKeys.record(ownerId, recordId), MedicalRecord);

/** A cursor is the last key of a page of this owner's records, and nothing else. */
const positionOf = (ownerId: string) =>
  z.object({
    PK: z.literal(recordKeys.record(ownerId, 'x').PK),
    SK: z.string().startsWith(recordKeys.prefix),
  });

/** A page of the owner's records, newest first. */
export async function listRecords(
  ownerId: string,
  options: { limit: number; cursor: string | undefined },
): Promise<{ items: MedicalRecord[]; nextCursor: string | null }> {
  const startKey =
    options.cursor === undefined ? undefined : decodeCursor(options.cursor, positionOf(ownerId));
  const result = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': TABLE.partitionKey, '#sk': TABLE.sortKey },
      ExpressionAttributeValues: { ':pk': recordKeys.record(ownerId, 'x').PK, ':prefix': recordKeys.prefix },
      ScanIndexForward: false,
      Limit: options.limit,
      ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => MedicalRecord.parse(item)),
    nextCursor: result.LastEvaluatedKey === undefined ? null : encodeCursor(result.LastEvaluatedKey),
  };
}

export type RecordCheck = { ok: true; size: number } | { ok: false; reason: RecordRejection };

/**
 * Records the verdict on the record's upload and takes its ttl away. An upload found good makes a
 * pending (or already available) record available; it never revives a rejected one. One found bad
 * rejects the record, whatever it was. Returns the record as written, or undefined when there is no
 * record (deleted, expired) or it was rejected before: the caller then deletes the file.
 */
export async function markRecordChecked(
  ownerId: string,
  recordId: string,
  check: RecordCheck,
  at: string,
): Promise<MedicalRecord | undefined> {
  const values = check.ok
    ? { ':status': 'available', ':size': check.size, ':at': at, ':rejected': 'rejected' }
    : { ':status': 'rejected', ':reason': check.reason, ':at': at };
  try {
    const result = await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: recordKeys.record(ownerId, recordId),
        UpdateExpression: check.ok
          ? 'SET #status = :status, #size = :size, checkedAt = :at, updatedAt = :at REMOVE #ttl'
          : 'SET #status = :status, reason = :reason, checkedAt = :at, updatedAt = :at REMOVE #ttl',
        ConditionExpression: check.ok
          ? 'attribute_exists(#pk) AND #status <> :rejected'
          : 'attribute_exists(#pk)',
        ExpressionAttributeNames: {
          '#pk': TABLE.partitionKey,
          '#status': 'status',
          '#ttl': TABLE.ttlAttribute,
          ...(check.ok ? { '#size': 'size' } : {}),
        },
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return MedicalRecord.parse(result.Attributes);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/** Deletes the record's item; false if there was none. */
export async function deleteRecordItem(ownerId: string, recordId: string): Promise<boolean> {
  try {
    await documentClient.send(
      new DeleteCommand({
        TableName: tableName,
        Key: recordKeys.record(ownerId, recordId),
        ConditionExpression: 'attribute_exists(#pk)',
        ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
