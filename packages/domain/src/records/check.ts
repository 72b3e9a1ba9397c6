/**
 * The check every uploaded record gets once it is in the bucket: do its first bytes say it is the
 * kind of file the tourist declared, and is it within the size? A presigned POST's conditions hold
 * the declared Content-Type and size on AWS, but a Content-Type is only a label the browser sends:
 * the bytes are what a hospital's viewer will open. Pure: bytes and numbers in, a verdict out.
 */
import { RECORD_MAX_BYTES, type RecordContentType, type RecordRejection } from '@shifa/contracts';

/** How many leading bytes the check reads: enough for every signature below. */
export const RECORD_HEAD_BYTES = 16;

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const FTYP = [0x66, 0x74, 0x79, 0x70]; // ftyp

/**
 * Major brands of the HEIF family (ISO/IEC 23008-12) that mean an image or image sequence a HEIC
 * viewer opens. Only the major brand counts: AVIF files list `mif1` among their compatible brands.
 */
export const HEIF_BRANDS = ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'] as const;

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length &&
  signature.every((byte, index) => bytes[offset + index] === byte);

/** An ISO base media file whose first box is `ftyp` with a HEIF major brand. */
function isHeif(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, FTYP, 4) || bytes.length < 12) return false;
  const brand = String.fromCharCode(...bytes.subarray(8, 12));
  return (HEIF_BRANDS as readonly string[]).includes(brand);
}

const SIGNATURES: Record<RecordContentType, (bytes: Uint8Array) => boolean> = {
  'application/pdf': (bytes) => startsWith(bytes, PDF),
  'image/jpeg': (bytes) => startsWith(bytes, JPEG),
  'image/png': (bytes) => startsWith(bytes, PNG),
  'image/heic': isHeif,
};

/** Whether `head`, a file's first bytes, begins as a file of `contentType` does. */
export const matchesContentType = (contentType: RecordContentType, head: Uint8Array): boolean =>
  SIGNATURES[contentType](head);

export type UploadVerdict = { ok: true } | { ok: false; reason: RecordRejection };

/**
 * The verdict on an upload: too large first (nothing else about it matters then), then its bytes
 * against the declared type. An empty file has no signature, so it is a type mismatch.
 */
export function checkUpload(upload: {
  contentType: RecordContentType;
  size: number;
  head: Uint8Array;
}): UploadVerdict {
  if (upload.size > RECORD_MAX_BYTES) return { ok: false, reason: 'too_large' };
  if (!matchesContentType(upload.contentType, upload.head)) return { ok: false, reason: 'type_mismatch' };
  return { ok: true };
}
