/**
 * The records bucket's ObjectCreated notifications (S3 invokes this function on AWS; locally s3rver's
 * `event` emitter calls it through the local runtime): each upload checked against its record. A
 * failure throws, so Lambda retries the event and, after its retries, hands it to the dead-letter
 * queue; the check is safe to repeat.
 */
import { lambdaHandler } from '@shifa/http';
import { checkUploadedObject, recordsSettings } from '@shifa/records';
import { logger } from '@shifa/runtime';
import type { S3Event } from 'aws-lambda';

/** Keys arrive URL-encoded in notifications, a space as `+`. */
const decodeKey = (key: string): string => decodeURIComponent(key.replace(/\+/g, ' '));

export const handler = lambdaHandler(async (event: S3Event): Promise<void> => {
  const bucket = recordsSettings().RECORDS_BUCKET;
  for (const record of event.Records) {
    if (!record.eventName.startsWith('ObjectCreated:')) continue;
    if (record.s3.bucket.name !== bucket) {
      logger.warn('notification from another bucket ignored', { bucket: record.s3.bucket.name });
      continue;
    }
    await checkUploadedObject(decodeKey(record.s3.object.key), record.s3.object.versionId, new Date());
  }
});
