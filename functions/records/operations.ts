/** The records area's operations, for the OpenAPI document. */
import {
  CreateRecordBody,
  ListRecordsQuery,
  RecordListResponse,
  RecordPathParams,
  RecordUploadResponse,
  RecordView,
} from '@shifa/contracts';
import type { Operations } from '../operations';

export const recordsOperations = {
  createRecord: {
    summary:
      'Declare a medical record (PDF, JPEG, PNG or HEIC, at most 20 MiB) and get a presigned form, valid 10 minutes, to upload it with',
    body: CreateRecordBody,
    responses: { 201: RecordUploadResponse },
    errors: { 409: 'idempotency_in_progress', 422: 'idempotency_key_reused' },
  },
  listRecords: {
    summary: "List the signed-in tourist's medical records, newest first",
    query: ListRecordsQuery,
    responses: { 200: RecordListResponse },
  },
  getRecord: {
    summary:
      'Read one of your records: pending until its upload is checked, then available with a download link valid 5 minutes, or rejected with the reason',
    path: RecordPathParams,
    responses: { 200: RecordView },
    errors: { 404: 'record_not_found' },
  },
  deleteRecord: {
    summary: 'Delete one of your records and its file, every stored version of it',
    path: RecordPathParams,
    responses: { 204: null },
    errors: { 404: 'record_not_found' },
  },
} satisfies Operations;
