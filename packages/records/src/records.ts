/**
 * The medical-records use cases: a tourist declares a record and gets a form to upload it with;
 * reads, lists and deletes their own; and the verifier checks each upload once the bucket holds it.
 * A record is its owner's alone: every read names the owner, so another tourist's id is not found.
 * Nothing here logs a file's name or content.
 */
import { randomBytes } from 'node:crypto';
import type { CreateRecordBody, MedicalRecord, RecordUploadResponse, RecordView } from '@shifa/contracts';
import {
  checkUpload,
  NotFoundError,
  newRecordId,
  parseRecordObjectKey,
  RECORD_HEAD_BYTES,
  recordObjectKey,
} from '@shifa/domain';
import { logger } from '@shifa/runtime';
import { deleteRecordItem, getRecord, listRecords, markRecordChecked, putPendingRecord } from '@shifa/store';
import { deleteEveryVersion, presignDownload, presignUpload, readHead, tagPassed } from './bucket';

const notFound = () => new NotFoundError('record_not_found', 'no record with this id (or not one of yours)');

/** Declares a record, pending until its upload is checked, and answers the form to upload it with. */
export async function declareRecord(
  ownerId: string,
  body: CreateRecordBody,
  now: Date,
): Promise<RecordUploadResponse> {
  const at = now.toISOString();
  const record: MedicalRecord = {
    recordId: newRecordId(now, randomBytes(6).toString('hex')),
    ownerId,
    fileName: body.fileName,
    contentType: body.contentType,
    size: body.size,
    status: 'pending',
    createdAt: at,
    updatedAt: at,
  };
  // Signed before anything is written: a failure to sign leaves no record behind.
  const form = await presignUpload(
    recordObjectKey(ownerId, record.recordId),
    record.contentType,
    record.size,
    now,
  );
  await putPendingRecord(record);
  return {
    recordId: record.recordId,
    status: 'pending',
    upload: { url: form.url, fields: form.fields },
    expiresAt: form.expiresAt.toISOString(),
  };
}

/** What the owner sees of a record, without a download link. */
const summaryOf = (record: MedicalRecord): RecordView => ({
  recordId: record.recordId,
  fileName: record.fileName,
  contentType: record.contentType,
  size: record.size,
  status: record.status,
  reason: record.reason ?? null,
  createdAt: record.createdAt,
  updatedAt: record.updatedAt,
  download: null,
});

/** What the owner sees: the record, and while it is available a link to download it. */
export async function viewOf(record: MedicalRecord, now: Date): Promise<RecordView> {
  if (record.status !== 'available') return summaryOf(record);
  const link = await presignDownload(
    recordObjectKey(record.ownerId, record.recordId),
    record.contentType,
    now,
  );
  return { ...summaryOf(record), download: { url: link.url, expiresAt: link.expiresAt.toISOString() } };
}

export async function myRecord(ownerId: string, recordId: string, now: Date): Promise<RecordView> {
  const record = await getRecord(ownerId, recordId);
  if (record === undefined) throw notFound();
  return viewOf(record, now);
}

/** A page of the owner's records, newest first; a download link only on the one record read alone. */
export async function myRecords(
  ownerId: string,
  page: { limit: number; cursor: string | undefined },
): Promise<{ items: RecordView[]; nextCursor: string | null }> {
  const { items, nextCursor } = await listRecords(ownerId, page);
  return { items: items.map(summaryOf), nextCursor };
}

/**
 * Deletes the record's file, every version of it, then its item. Run again after a failure half way,
 * it finishes the job: the file's deletion is safe to repeat, and the item is still there to find.
 */
export async function deleteMyRecord(ownerId: string, recordId: string): Promise<void> {
  const record = await getRecord(ownerId, recordId);
  if (record === undefined) throw notFound();
  await deleteEveryVersion(recordObjectKey(ownerId, recordId));
  await deleteRecordItem(ownerId, recordId);
}

/**
 * Deletes every record of the owner, each file with every version before its declaration (DELETE
 * /me), and answers how many. Run again after a failure half way, it deletes what is left.
 */
export async function deleteEveryRecordOf(ownerId: string): Promise<number> {
  let deleted = 0;
  for (;;) {
    const { items } = await listRecords(ownerId, { limit: 50, cursor: undefined });
    if (items.length === 0) return deleted;
    for (const record of items) {
      await deleteEveryVersion(recordObjectKey(ownerId, record.recordId));
      await deleteRecordItem(ownerId, record.recordId);
      deleted += 1;
    }
  }
}

export type CheckOutcome = 'available' | 'rejected' | 'orphan' | 'gone';

/**
 * Checks one uploaded object (a version of it, when the bucket names one): its size and first bytes
 * against the record it belongs to. Good: the record becomes available. Bad: the record is rejected
 * with its reason (recorded first), then every version of the file is deleted. An object no record
 * wants (deleted, expired, rejected before) is deleted. Safe to run twice for the same event.
 */
export async function checkUploadedObject(
  key: string,
  versionId: string | undefined,
  now: Date,
): Promise<CheckOutcome> {
  const named = parseRecordObjectKey(key);
  const record = named === undefined ? undefined : await getRecord(named.ownerId, named.recordId);
  if (named === undefined || record === undefined || record.status === 'rejected') {
    await deleteEveryVersion(key);
    logger.info('record upload without a record that wants it, deleted', { recordId: named?.recordId });
    return 'orphan';
  }
  const object = await readHead(key, RECORD_HEAD_BYTES, versionId);
  if (object === undefined) return 'gone';
  const verdict = checkUpload({ contentType: record.contentType, size: object.size, head: object.head });
  const at = now.toISOString();
  if (verdict.ok) {
    await tagPassed(key, object.versionId);
    const written = await markRecordChecked(
      named.ownerId,
      named.recordId,
      { ok: true, size: object.size },
      at,
    );
    if (written !== undefined) {
      logger.info('record upload checked', { recordId: named.recordId, outcome: 'available' });
      return 'available';
    }
    // Rejected or deleted while this upload was being read: its file goes too.
    await deleteEveryVersion(key);
    return 'orphan';
  }
  await markRecordChecked(named.ownerId, named.recordId, { ok: false, reason: verdict.reason }, at);
  await deleteEveryVersion(key);
  logger.info('record upload checked', {
    recordId: named.recordId,
    outcome: 'rejected',
    reason: verdict.reason,
  });
  return 'rejected';
}
