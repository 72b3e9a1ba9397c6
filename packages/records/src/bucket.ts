/**
 * The records bucket, behind the few calls the records use cases make: presigned forms and links
 * (signed here, no request to S3), the first bytes and size of an upload, its tag, and deleting every
 * version of an object. One S3 client per set of records settings, made on first use.
 */
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  NoSuchKey,
  NotFound,
  PutObjectTaggingCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { RecordContentType } from '@shifa/contracts';
import { captureClient } from '@shifa/runtime';
import { CHECK_TAG, DOWNLOAD_EXPIRY_SECONDS, UPLOAD_EXPIRY_SECONDS } from './policy';
import { type RecordsSettings, recordsSettings } from './settings';

const tagging = (value: string) =>
  `<Tagging><TagSet><Tag><Key>${CHECK_TAG.key}</Key><Value>${value}</Value></Tag></TagSet></Tagging>`;

const clients = new WeakMap<RecordsSettings, S3Client>();

function client(config: RecordsSettings): S3Client {
  let made = clients.get(config);
  if (made === undefined) {
    made = captureClient(
      new S3Client(
        config.S3_ENDPOINT === undefined ? {} : { endpoint: config.S3_ENDPOINT, forcePathStyle: true },
      ),
    );
    clients.set(config, made);
  }
  return made;
}

/** This unit's bucket and client; fails, naming the setting, in a unit not given the records capability. */
function bucket(): { name: string; s3: S3Client } {
  const config = recordsSettings();
  return { name: config.RECORDS_BUCKET, s3: client(config) };
}

export type UploadForm = { url: string; fields: Record<string, string>; expiresAt: Date };

/**
 * A form that uploads exactly `size` bytes of `contentType` to `key` and nothing else, until ten
 * minutes from `now`. The bucket's default encryption (SSE-KMS) applies to what it stores.
 */
export async function presignUpload(
  key: string,
  contentType: RecordContentType,
  size: number,
  now: Date,
): Promise<UploadForm> {
  const { name, s3 } = bucket();
  const { url, fields } = await createPresignedPost(s3, {
    Bucket: name,
    Key: key,
    // Each field is also an exact-match condition of the policy, as are the bucket and the key.
    Fields: { 'Content-Type': contentType, tagging: tagging(CHECK_TAG.unchecked) },
    Conditions: [['content-length-range', size, size]],
    Expires: UPLOAD_EXPIRY_SECONDS,
  });
  return { url, fields, expiresAt: new Date(now.getTime() + UPLOAD_EXPIRY_SECONDS * 1000) };
}

/**
 * A link that downloads the object for five minutes, always as an attachment of the declared type,
 * so a browser never renders it in the API's or the bucket's origin.
 */
export async function presignDownload(
  key: string,
  contentType: RecordContentType,
  now: Date,
): Promise<{ url: string; expiresAt: Date }> {
  const { name, s3 } = bucket();
  const url = await getSignedUrl(
    s3,
    new GetObjectCommand({
      Bucket: name,
      Key: key,
      ResponseContentType: contentType,
      ResponseContentDisposition: 'attachment',
    }),
    { expiresIn: DOWNLOAD_EXPIRY_SECONDS },
  );
  return { url, expiresAt: new Date(now.getTime() + DOWNLOAD_EXPIRY_SECONDS * 1000) };
}

const isMissing = (error: unknown): boolean =>
  error instanceof NoSuchKey ||
  error instanceof NotFound ||
  (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404);

/**
 * An object's size and first `bytes` bytes (a ranged GET), of the version given or the current one;
 * undefined when it is gone (deleted since the event, or an event delivered twice after a rejection).
 */
export async function readHead(
  key: string,
  bytes: number,
  versionId: string | undefined,
): Promise<{ size: number; head: Uint8Array; versionId: string | undefined } | undefined> {
  const { name, s3 } = bucket();
  const version = versionId === undefined ? {} : { VersionId: versionId };
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: name, Key: key, ...version }));
    const size = head.ContentLength ?? 0;
    // An empty object has no byte range to ask for; S3 answers such a Range with 416.
    if (size === 0) return { size, head: new Uint8Array(), versionId: head.VersionId ?? versionId };
    const object = await s3.send(
      new GetObjectCommand({ Bucket: name, Key: key, Range: `bytes=0-${bytes - 1}`, ...version }),
    );
    const body = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
    return { size, head: body.subarray(0, bytes), versionId: head.VersionId ?? versionId };
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** Marks an object's version as checked and accepted, so the lifecycle rule for unchecked uploads leaves it. */
export async function tagPassed(key: string, versionId: string | undefined): Promise<void> {
  const { name, s3 } = bucket();
  await s3.send(
    new PutObjectTaggingCommand({
      Bucket: name,
      Key: key,
      ...(versionId === undefined ? {} : { VersionId: versionId }),
      Tagging: { TagSet: [{ Key: CHECK_TAG.key, Value: CHECK_TAG.passed }] },
    }),
  );
}

/**
 * Deletes every version of the object and every delete marker, so nothing of it stays in the
 * versioned bucket. Safe to repeat: a second run finds nothing to delete.
 */
export async function deleteEveryVersion(key: string): Promise<number> {
  const { name, s3 } = bucket();
  let deleted = 0;
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectVersionsCommand({
        Bucket: name,
        Prefix: key,
        ...(keyMarker === undefined ? {} : { KeyMarker: keyMarker }),
        ...(versionIdMarker === undefined ? {} : { VersionIdMarker: versionIdMarker }),
      }),
    );
    // The prefix also matches longer keys; only this key's versions go.
    const versions = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]
      .filter((version) => version.Key === key)
      .map((version) => ({
        Key: key,
        ...(version.VersionId === undefined ? {} : { VersionId: version.VersionId }),
      }));
    if (versions.length > 0) {
      const result = await s3.send(
        new DeleteObjectsCommand({ Bucket: name, Delete: { Objects: versions, Quiet: true } }),
      );
      const failed = result.Errors ?? [];
      if (failed.length > 0) {
        throw new Error(
          `could not delete ${failed.length} version(s) of a record: ${failed[0]?.Code ?? 'unknown'}`,
        );
      }
      deleted += versions.length;
    }
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (keyMarker !== undefined);
  return deleted;
}
