/**
 * Where medical records' files live: the bucket's name, and, off AWS, the S3 endpoint that stands in
 * for it (s3rver under `npm start` and the tests). Read only by units that declare the `records`
 * capability (functions/routes.ts): every other unit is given neither, on AWS and locally.
 */
import { settings } from '@shifa/runtime';
import * as z from 'zod';

export const recordsSettings = /* @__PURE__ */ settings('records', () =>
  z.object({
    RECORDS_BUCKET: z
      .string({ error: 'RECORDS_BUCKET must name the bucket that holds medical records' })
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'RECORDS_BUCKET must be an S3 bucket name'),
    /** Set only off AWS, e.g. http://127.0.0.1:4569 for s3rver; addressed by path then, not by host. */
    S3_ENDPOINT: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z.url({ protocol: /^https?$/, error: 'S3_ENDPOINT must be an http(s) URL' }).optional(),
    ),
  }),
);

export type RecordsSettings = ReturnType<typeof recordsSettings>;
