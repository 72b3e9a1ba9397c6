/**
 * The records bucket on one machine: s3rver with the bucket made (and CORS for the web app), its
 * object events handed to the record upload checker's module, run as that function with its own
 * settings and grants, as S3 invokes it on AWS.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { recordUploadChecker } from '@shifa/functions/consumers';
import { handlerFile } from '@shifa/functions/routes';
import { union } from '@shifa/functions/units';
import type { Context, S3Event } from 'aws-lambda';
import { lambdaContext } from './api-server';
import { type LocalS3, startLocalS3 } from './s3-local';
import { runAs } from './units';

type CheckerHandler = (event: S3Event, context: Context) => Promise<unknown>;

let checker: Promise<CheckerHandler> | undefined;

/** One notification, as the checker's function gets it on AWS. */
export async function runRecordChecker(event: S3Event): Promise<unknown> {
  checker ??= import(pathToFileURL(handlerFile(recordUploadChecker)).href).then(
    (module: { handler?: CheckerHandler }) => {
      if (typeof module.handler !== 'function')
        throw new Error(`${recordUploadChecker.handler} exports no handler`);
      return module.handler;
    },
  );
  const handler = await checker;
  return runAs(recordUploadChecker.id, union([recordUploadChecker]), () =>
    handler(event, lambdaContext(recordUploadChecker, randomUUID())),
  );
}

export type LocalRecordsOptions = {
  port: number;
  directory: string;
  bucket: string;
  corsOrigins: readonly string[];
  /** Told of a check that failed; on AWS Lambda would retry it, then keep it in the dead-letter queue. */
  onError: (error: unknown) => void;
};

/** s3rver with the records bucket, every upload checked by the checker's module. */
export const startLocalRecords = (options: LocalRecordsOptions): Promise<LocalS3> =>
  startLocalS3({ ...options, onEvent: runRecordChecker });

/** The settings the records functions read: the bucket, and s3rver as their S3. */
export const localRecordsEnvironment = (s3: LocalS3): Record<string, string> => ({
  RECORDS_BUCKET: s3.bucket,
  S3_ENDPOINT: s3.endpoint,
});
