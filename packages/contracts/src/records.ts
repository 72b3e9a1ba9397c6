/**
 * Travellers' medical records (scans, lab results, discharge summaries): what a tourist declares
 * before uploading, the presigned form the upload goes through, and what the API shows of a record.
 * The file itself never passes through the API: the browser posts it to the bucket, and the bucket
 * tells the verifier, which checks its first bytes and size against what was declared.
 */
import * as z from 'zod';
import { IsoDateTime, int32, Slug } from './common';
import { intParam } from './params';

/** The kinds of file a record may be: what hospitals can open, and what the verifier recognises by its bytes. */
export const RECORD_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/heic'] as const;
export const RecordContentType = z.enum(RECORD_CONTENT_TYPES);
export type RecordContentType = z.infer<typeof RecordContentType>;

/** 20 MiB: a phone's photo of a page or a scanned discharge summary fits many times over. */
export const RECORD_MAX_BYTES = 20 * 1024 * 1024;

/**
 * pending: declared, the upload not yet checked; available: its bytes are the declared kind and
 * within the size, so it can be downloaded; rejected: the upload was not what was declared, and is deleted.
 */
export const RECORD_STATUSES = ['pending', 'available', 'rejected'] as const;
export const RecordStatus = z.enum(RECORD_STATUSES);
export type RecordStatus = z.infer<typeof RecordStatus>;

/** Why an upload was rejected, stable for clients: its bytes are not the declared kind, or it is too large. */
export const RECORD_REJECTIONS = ['type_mismatch', 'too_large'] as const;
export const RecordRejection = z.enum(RECORD_REJECTIONS);
export type RecordRejection = z.infer<typeof RecordRejection>;

export const RecordId = Slug.describe('record id');

/**
 * The name the tourist's device gave the file, shown back to them only. No path separators or
 * control characters: it is never part of a storage key or a URL.
 */
export const RecordFileName = z
  .string()
  .trim()
  .min(1)
  .max(255)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses.
  .regex(/^[^/\\\u0000-\u001f\u007f]+$/, 'a file name without slashes or control characters');

export const CreateRecordBody = z.strictObject({
  fileName: RecordFileName,
  contentType: RecordContentType.describe('the kind of file; the upload must be exactly this'),
  size: int32(1, RECORD_MAX_BYTES).describe(`the file's size in bytes, at most ${RECORD_MAX_BYTES} (20 MiB)`),
});
export type CreateRecordBody = z.infer<typeof CreateRecordBody>;

/** A record as stored in the table (one item per record, under its owner). */
export const MedicalRecord = z.object({
  recordId: RecordId,
  ownerId: z.string().min(1).max(128),
  fileName: RecordFileName,
  contentType: RecordContentType,
  /** Declared until the upload is checked, then the size the bucket holds. */
  size: int32(0, RECORD_MAX_BYTES),
  status: RecordStatus,
  reason: RecordRejection.optional(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  /** When the bytes were checked (available or rejected). */
  checkedAt: IsoDateTime.optional(),
});
export type MedicalRecord = z.infer<typeof MedicalRecord>;

/**
 * The presigned form: POST `url` as multipart/form-data with every one of `fields`, then the file
 * last as the field `file`. The bucket refuses another key, another Content-Type, a file outside
 * 1 byte to the declared size's ceiling, or a form past `expiresAt`.
 */
export const RecordUpload = z.object({
  url: z.url().max(2048),
  fields: z.record(z.string().max(64), z.string().max(8192)),
});

export const RecordUploadResponse = z.object({
  recordId: RecordId,
  status: z.literal('pending'),
  upload: RecordUpload,
  expiresAt: IsoDateTime,
});
export type RecordUploadResponse = z.infer<typeof RecordUploadResponse>;

/** What the owner sees of a record; `download` only while it is available, valid until its `expiresAt`. */
export const RecordView = z.object({
  recordId: RecordId,
  fileName: RecordFileName,
  contentType: RecordContentType,
  size: int32(0, RECORD_MAX_BYTES),
  status: RecordStatus,
  reason: RecordRejection.nullable().describe('why the upload was rejected; null unless rejected'),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  download: z.object({ url: z.url().max(4096), expiresAt: IsoDateTime }).nullable(),
});
export type RecordView = z.infer<typeof RecordView>;

export const RecordListResponse = z.object({
  items: z.array(RecordView),
  nextCursor: z.string().nullable(),
});
export type RecordListResponse = z.infer<typeof RecordListResponse>;

export const RECORDS_LIMIT_MAX = 50;
export const RECORDS_LIMIT_DEFAULT = 20;

export const ListRecordsQuery = z.strictObject({
  limit: intParam(1, RECORDS_LIMIT_MAX)
    .optional()
    .describe(`page size, 1 to ${RECORDS_LIMIT_MAX}, default ${RECORDS_LIMIT_DEFAULT}`),
  cursor: z.string().min(1).max(1024).optional().describe('nextCursor of the previous page'),
});

export const RecordPathParams = z.strictObject({ recordId: RecordId });
