/**
 * The records bucket for the test files that need it: s3rver in this file's process on a free port,
 * in a folder of its own, a bucket of its own, every upload handed to the record checker as on AWS.
 * The records functions' settings point at it before the first test, so they reach it through their
 * unit's environment like any other setting.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localRecordsEnvironment, startLocalRecords } from '@shifa/local/record-checks';
import type { LocalS3 } from '@shifa/local/s3-local';
import { afterAll, beforeAll } from 'vitest';

export type RecordsStore = {
  /** s3rver's URL, as S3_ENDPOINT. */
  endpoint: () => string;
  bucket: string;
  /** Resolves once every upload so far has been checked. */
  checked: () => Promise<void>;
  /** Checks that failed (thrown by the checker); a test expects none. */
  failures: unknown[];
};

export function useRecordsStore(): RecordsStore {
  const bucket = `records-${randomUUID().slice(0, 8)}`;
  const failures: unknown[] = [];
  let s3: LocalS3 | undefined;
  let directory: string | undefined;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'shifa-s3-'));
    s3 = await startLocalRecords({
      port: 0,
      directory,
      bucket,
      corsOrigins: ['http://localhost:3000'],
      onError: (error) => failures.push(error),
    });
    Object.assign(process.env, localRecordsEnvironment(s3));
  });
  afterAll(async () => {
    await s3?.close();
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
  });
  const running = (): LocalS3 => {
    if (s3 === undefined) throw new Error('the records store starts before the first test');
    return s3;
  };
  return {
    endpoint: () => running().endpoint,
    bucket,
    checked: () => running().idle(),
    failures,
  };
}
