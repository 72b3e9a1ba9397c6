/**
 * Medical records end to end on the local engines: a tourist declares a record through the API,
 * posts the file to s3rver with the presigned form as a browser would (multipart/form-data, the
 * form's fields, then the file), the bucket's event runs the checker, and the record becomes
 * available (downloadable through its presigned link) or is rejected with its file deleted. What the
 * bucket holds is checked against the records at the end, not only what the API says.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import {
  ErrorResponse,
  RECORD_MAX_BYTES,
  RecordListResponse,
  RecordUploadResponse,
  RecordView,
} from '@shifa/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { type ApiResponse, useApi } from './support/api';
import { useRecordsStore } from './support/records';
import { useTable } from './support/table';

useTable();
const store = useRecordsStore();
const api = useApi();

const AIGERIM = 'tourist-aigerim';
const BEKZOD = 'tourist-bekzod';

/** A small but whole PDF: one empty page. */
const PDF = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n'),
  'latin1',
);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const s3 = () =>
  new S3Client({
    endpoint: store.endpoint(),
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

/** Every key the bucket holds. */
async function bucketKeys(): Promise<string[]> {
  const listed = await s3().send(new ListObjectsV2Command({ Bucket: store.bucket }));
  return (listed.Contents ?? []).map((object) => object.Key ?? '').sort();
}

const describeResponse = (response: ApiResponse) => `${response.status} ${JSON.stringify(response.body)}`;

async function declare(
  as: string,
  body: Record<string, unknown>,
  idempotencyKey = randomUUID(),
): Promise<ApiResponse> {
  return api.request('POST', '/records', { as, body, headers: { 'idempotency-key': idempotencyKey } });
}

async function declared(as: string, file: { name: string; type: string; bytes: Buffer }) {
  const response = await declare(as, {
    fileName: file.name,
    contentType: file.type,
    size: file.bytes.length,
  });
  expect(response.status, describeResponse(response)).toBe(201);
  return RecordUploadResponse.parse(response.body);
}

/** Posts the file as a browser posts an HTML form: every field of the form, the file last. */
async function upload(form: RecordUploadResponse['upload'], bytes: Buffer, type: string): Promise<Response> {
  const body = new FormData();
  for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
  body.append('file', new Blob([bytes], { type }), 'record');
  const response = await fetch(form.url, { method: 'POST', body });
  await store.checked();
  return response;
}

const read = async (as: string, recordId: string) => api.request('GET', `/records/${recordId}`, { as });

async function recordOf(as: string, recordId: string): Promise<RecordView> {
  const response = await read(as, recordId);
  expect(response.status, describeResponse(response)).toBe(200);
  return RecordView.parse(response.body);
}

/** The records the tests left available: the bucket must hold their files and nothing else. */
const available = new Map<string, string>();

afterAll(async () => {
  expect(store.failures).toEqual([]);
});

describe('uploading a record', () => {
  it('answers a presigned form for exactly the declared key, type and size, valid ten minutes', async () => {
    const before = Date.now();

    const form = await declared(AIGERIM, {
      name: 'discharge summary.pdf',
      type: 'application/pdf',
      bytes: PDF,
    });

    expect(form.status).toBe('pending');
    expect(form.upload.url).toBe(`${store.endpoint()}/${store.bucket}`);
    expect(form.upload.fields.key).toBe(`tourist/${AIGERIM}/${form.recordId}`);
    expect(form.upload.fields['Content-Type']).toBe('application/pdf');
    const expiresIn = Date.parse(form.expiresAt) - before;
    expect(expiresIn).toBeGreaterThan(9 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(10 * 60_000 + 5_000);
    const policy = JSON.parse(Buffer.from(form.upload.fields.Policy ?? '', 'base64').toString('utf8')) as {
      expiration: string;
      conditions: unknown[];
    };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', PDF.length, PDF.length],
        { 'Content-Type': 'application/pdf' },
        { key: `tourist/${AIGERIM}/${form.recordId}` },
        { bucket: store.bucket },
      ]),
    );
    expect(Math.abs(Date.parse(policy.expiration) - Date.parse(form.expiresAt))).toBeLessThan(5_000);
    expect((await recordOf(AIGERIM, form.recordId)).status).toBe('pending');
  });

  it('makes a real PDF posted through the form available, and downloads it byte for byte through a five-minute link', async () => {
    const form = await declared(AIGERIM, { name: 'lab-results.pdf', type: 'application/pdf', bytes: PDF });

    const posted = await upload(form.upload, PDF, 'application/pdf');

    expect(posted.status).toBe(204);
    const record = await recordOf(AIGERIM, form.recordId);
    expect(record).toMatchObject({
      recordId: form.recordId,
      fileName: 'lab-results.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      status: 'available',
      reason: null,
    });
    const link = record.download;
    if (link === null) throw new Error('an available record has a download link');
    expect(Date.parse(link.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    const downloaded = await fetch(link.url);
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers.get('content-type')).toBe('application/pdf');
    expect(downloaded.headers.get('content-disposition')).toBe('attachment');
    expect(Buffer.from(await downloaded.arrayBuffer()).equals(PDF)).toBe(true);
    available.set(form.recordId, `tourist/${AIGERIM}/${form.recordId}`);
  });

  it('rejects a PDF declared as a PNG as type_mismatch, and deletes its file', async () => {
    const form = await declared(AIGERIM, { name: 'scan.png', type: 'image/png', bytes: PDF });

    await upload(form.upload, PDF, 'image/png');

    const record = await recordOf(AIGERIM, form.recordId);
    expect(record).toMatchObject({ status: 'rejected', reason: 'type_mismatch', download: null });
    expect(await bucketKeys()).not.toContain(`tourist/${AIGERIM}/${form.recordId}`);
  });

  it('rejects random bytes declared as a PDF, whatever Content-Type the form sent', async () => {
    const bytes = randomBytes(2048);
    const form = await declared(AIGERIM, { name: 'x-ray.pdf', type: 'application/pdf', bytes });

    await upload(form.upload, bytes, 'application/pdf');

    expect(await recordOf(AIGERIM, form.recordId)).toMatchObject({
      status: 'rejected',
      reason: 'type_mismatch',
    });
    expect(await bucketKeys()).not.toContain(`tourist/${AIGERIM}/${form.recordId}`);
  });

  it('rejects a second upload through the same form that is not the declared type, and keeps nothing of either', async () => {
    const png = Buffer.concat([PNG_SIGNATURE, randomBytes(64)]);
    const form = await declared(AIGERIM, { name: 'ecg.png', type: 'image/png', bytes: png });
    await upload(form.upload, png, 'image/png');
    expect((await recordOf(AIGERIM, form.recordId)).status).toBe('available');

    await upload(form.upload, Buffer.from('<html><script>alert(1)</script></html>'), 'image/png');

    expect(await recordOf(AIGERIM, form.recordId)).toMatchObject({
      status: 'rejected',
      reason: 'type_mismatch',
    });
    expect(await bucketKeys()).not.toContain(`tourist/${AIGERIM}/${form.recordId}`);
  });

  it('answers a retried declaration with the same Idempotency-Key with the same record', async () => {
    const key = randomUUID();
    const body = { fileName: 'ct.pdf', contentType: 'application/pdf', size: PDF.length };

    const first = await declare(AIGERIM, body, key);
    const again = await declare(AIGERIM, body, key);

    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(RecordUploadResponse.parse(again.body).recordId).toBe(
      RecordUploadResponse.parse(first.body).recordId,
    );
  });
});

describe('what a declaration may be', () => {
  it('refuses a content type outside PDF, JPEG, PNG and HEIC with 400 naming contentType', async () => {
    const response = await declare(AIGERIM, {
      fileName: 'notes.docx',
      contentType: 'application/msword',
      size: 100,
    });

    expect(response.status, describeResponse(response)).toBe(400);
    const { error } = ErrorResponse.parse(response.body);
    expect(error.code).toBe('invalid_body');
    expect(error.details).toEqual([expect.objectContaining({ path: 'contentType', code: 'invalid_value' })]);
  });

  it('refuses a file over 20 MiB with 400 naming size and the limit', async () => {
    const response = await declare(AIGERIM, {
      fileName: 'mri.pdf',
      contentType: 'application/pdf',
      size: RECORD_MAX_BYTES + 1,
    });

    expect(response.status, describeResponse(response)).toBe(400);
    const { error } = ErrorResponse.parse(response.body);
    expect(error.code).toBe('invalid_body');
    expect(error.details).toEqual([
      expect.objectContaining({
        path: 'size',
        code: 'too_big',
        limit: { value: RECORD_MAX_BYTES, of: 'value' },
      }),
    ]);
  });

  it('accepts exactly 20 MiB', async () => {
    const response = await declare(AIGERIM, {
      fileName: 'mri.pdf',
      contentType: 'application/pdf',
      size: RECORD_MAX_BYTES,
    });

    expect(response.status, describeResponse(response)).toBe(201);
  });

  it('refuses a file name with a slash, so no name ever looks like a path', async () => {
    const response = await declare(AIGERIM, {
      fileName: '../etc/passwd',
      contentType: 'application/pdf',
      size: 10,
    });

    expect(response.status).toBe(400);
    expect(ErrorResponse.parse(response.body).error.details?.[0]?.path).toBe('fileName');
  });
});

describe("another tourist's records", () => {
  it('are not found, not listed and not deletable by another tourist', async () => {
    const form = await declared(AIGERIM, { name: 'allergy-test.pdf', type: 'application/pdf', bytes: PDF });
    await upload(form.upload, PDF, 'application/pdf');
    available.set(form.recordId, `tourist/${AIGERIM}/${form.recordId}`);

    const got = await read(BEKZOD, form.recordId);
    const deleted = await api.request('DELETE', `/records/${form.recordId}`, { as: BEKZOD });
    const listed = await api.request('GET', '/records?limit=50', { as: BEKZOD });

    expect(got.status, describeResponse(got)).toBe(404);
    expect(ErrorResponse.parse(got.body).error.code).toBe('record_not_found');
    expect(deleted.status).toBe(404);
    expect(JSON.stringify(listed.body)).not.toContain(form.recordId);
    expect((await recordOf(AIGERIM, form.recordId)).status).toBe('available');
    expect(await bucketKeys()).toContain(`tourist/${AIGERIM}/${form.recordId}`);
  });

  it("refuses another tourist's cursor as not one this API gave out", async () => {
    const first = await api.request('GET', '/records?limit=1', { as: AIGERIM });
    const cursor = RecordListResponse.parse(first.body).nextCursor;
    if (cursor === null) throw new Error('the tourist has more than one record by now');

    const response = await api.request('GET', `/records?limit=1&cursor=${encodeURIComponent(cursor)}`, {
      as: BEKZOD,
    });

    expect(response.status).toBe(400);
    expect(ErrorResponse.parse(response.body).error.code).toBe('invalid_cursor');
  });
});

describe('listing and deleting', () => {
  it("lists the tourist's records newest first, page by page", async () => {
    const pages: RecordView[][] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const response = await api.request('GET', `/records?limit=2${query}`, { as: AIGERIM });
      expect(response.status, describeResponse(response)).toBe(200);
      const page = RecordListResponse.parse(response.body);
      pages.push(page.items);
      cursor = page.nextCursor;
    } while (cursor !== null && pages.length < 50);

    const ids = pages.flat().map((record) => record.recordId);
    expect(pages[0]).toHaveLength(2);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort().reverse()).toEqual(ids);
    for (const id of available.keys()) expect(ids).toContain(id);
    expect(pages.flat().every((record) => record.download === null)).toBe(true);
  });

  it('deletes the record and its file; then it is gone, and deleting again is 404', async () => {
    const form = await declared(AIGERIM, { name: 'prescription.pdf', type: 'application/pdf', bytes: PDF });
    await upload(form.upload, PDF, 'application/pdf');
    const key = `tourist/${AIGERIM}/${form.recordId}`;
    expect(await bucketKeys()).toContain(key);

    const deleted = await api.request('DELETE', `/records/${form.recordId}`, { as: AIGERIM });

    expect(deleted.status, describeResponse(deleted)).toBe(204);
    expect(await bucketKeys()).not.toContain(key);
    expect((await read(AIGERIM, form.recordId)).status).toBe(404);
    expect((await api.request('DELETE', `/records/${form.recordId}`, { as: AIGERIM })).status).toBe(404);
  });

  it('deletes a file uploaded through the form of a record already deleted', async () => {
    const form = await declared(AIGERIM, { name: 'late.pdf', type: 'application/pdf', bytes: PDF });
    await api.request('DELETE', `/records/${form.recordId}`, { as: AIGERIM });

    const posted = await upload(form.upload, PDF, 'application/pdf');

    expect(posted.status).toBe(204);
    expect(await bucketKeys()).not.toContain(`tourist/${AIGERIM}/${form.recordId}`);
  });
});

describe('erasing personal data (DELETE /me)', () => {
  it("deletes every record of the tourist with their files, and no one else's", async () => {
    const NURLAN = 'tourist-nurlan';
    const first = await declared(NURLAN, { name: 'mri.pdf', type: 'application/pdf', bytes: PDF });
    await upload(first.upload, PDF, 'application/pdf');
    const second = await declared(NURLAN, { name: 'ecg.pdf', type: 'application/pdf', bytes: PDF });
    await upload(second.upload, PDF, 'application/pdf');
    const keys = [first, second].map((form) => `tourist/${NURLAN}/${form.recordId}`);
    expect(await bucketKeys()).toEqual(expect.arrayContaining(keys));

    const erased = await api.request('DELETE', '/me', { as: NURLAN });

    expect(erased.status, describeResponse(erased)).toBe(200);
    expect(erased.body).toMatchObject({ bookings: 0, records: 2 });
    const listed = RecordListResponse.parse((await api.request('GET', '/records', { as: NURLAN })).body);
    expect(listed.items).toEqual([]);
    const left = await bucketKeys();
    for (const key of keys) expect(left).not.toContain(key);
    expect(left).toEqual([...available.values()].sort());
  });
});

describe('the bucket', () => {
  it('holds the files of available records and nothing else', async () => {
    expect(await bucketKeys()).toEqual([...available.values()].sort());
  });
});
