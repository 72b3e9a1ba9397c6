/**
 * S3 on one machine: s3rver, in this process, serving the records bucket over HTTP to the real
 * AWS SDK (path-style addressing), the presigned form posts of browsers and tests, and presigned
 * downloads. Each object it stores is announced by its in-process `event` emitter in S3's
 * notification format, which `onEvent` hands to the same checker module S3 invokes on AWS.
 *
 * s3rver checks no signature and no POST-policy condition: uploads it accepts prove the code path,
 * not the form's limits, which is why every upload is checked after it lands, here and on AWS. It
 * keeps no versions and has no ListObjectVersions; the small answer below lists each object as its
 * one "null" version, as S3 does for an object stored before versioning, so deleting "every version"
 * runs the same code as on AWS.
 */
import type { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { S3Event } from 'aws-lambda';
import S3rver from 's3rver';

export type LocalS3Options = {
  /** 0 picks a free port. */
  port: number;
  /** Where s3rver keeps buckets and objects. */
  directory: string;
  bucket: string;
  /** Origins a browser may post upload forms from (the local web app). */
  corsOrigins: readonly string[];
  /** Each event s3rver emits, as S3 would notify the checker; a failure is passed to `onError`. */
  onEvent?: (event: S3Event) => Promise<unknown>;
  onError?: (error: unknown) => void;
};

export type LocalS3 = {
  /** `http://127.0.0.1:<port>`: S3_ENDPOINT for the functions. */
  endpoint: string;
  bucket: string;
  /** Resolves once every event emitted so far has been handled: what a test waits for after an upload. */
  idle(): Promise<void>;
  close(): Promise<void>;
};

const corsConfiguration = (origins: readonly string[]): string =>
  `<CORSConfiguration><CORSRule>${origins.map((origin) => `<AllowedOrigin>${origin}</AllowedOrigin>`).join('')}<AllowedMethod>POST</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>600</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

type KoaContext = {
  method: string;
  path: string;
  query: Record<string, string | string[] | undefined>;
  body: unknown;
  store: {
    getBucket(name: string): Promise<unknown>;
    listObjects(
      bucket: string,
      options: { prefix?: string; maxKeys?: number },
    ): Promise<{
      objects: { key: string; size: number; lastModifiedDate: Date; metadata: Record<string, string> }[];
    }>;
  };
};
type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;

/** GET /{bucket}?versions: every object under the prefix as its only, current, "null" version. */
const listObjectVersions: Middleware = async (ctx, next) => {
  const bucket = /^\/([^/]+)\/?$/.exec(ctx.path)?.[1];
  if (ctx.method !== 'GET' || !('versions' in ctx.query) || bucket === undefined) return next();
  if (!(await ctx.store.getBucket(bucket))) return next();
  const prefix = typeof ctx.query.prefix === 'string' ? ctx.query.prefix : '';
  const { objects } = await ctx.store.listObjects(bucket, { prefix, maxKeys: 1000 });
  ctx.body = {
    ListVersionsResult: {
      '@': { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/' },
      Name: bucket,
      Prefix: prefix,
      KeyMarker: '',
      VersionIdMarker: '',
      MaxKeys: 1000,
      IsTruncated: false,
      Version: objects.map((object) => ({
        Key: object.key,
        VersionId: 'null',
        IsLatest: true,
        LastModified: object.lastModifiedDate.toISOString(),
        ETag: object.metadata.etag,
        Size: object.size,
        StorageClass: 'STANDARD',
      })),
    },
  };
};

type S3rverAccount = { createKeyPair(accessKeyId: string, secretAccessKey: string): void };

/**
 * s3rver knows one access key of its own (S3RVER) and refuses any other with 403 InvalidAccessKeyId,
 * though it checks no signature. The functions sign with this process's credentials (the local ones
 * DynamoDB Local takes), so those are made a key of its account, in its memory only.
 */
function acceptCredentials(accessKeyId: string, secretAccessKey: string): void {
  const account = createRequire(import.meta.url)('s3rver/lib/models/account') as {
    DUMMY_ACCOUNT: S3rverAccount;
  };
  account.DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey);
}

export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  mkdirSync(options.directory, { recursive: true });
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY } = process.env;
  if (AWS_ACCESS_KEY_ID === undefined || AWS_SECRET_ACCESS_KEY === undefined) {
    throw new Error('set AWS credentials (any will do locally) before starting S3');
  }
  acceptCredentials(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY);
  const server = new S3rver({
    port: options.port,
    address: '127.0.0.1',
    directory: options.directory,
    silent: true,
    configureBuckets: [{ name: options.bucket, configs: [corsConfiguration(options.corsOrigins)] }],
  });
  // s3rver is a Koa application, which its type declarations do not say: an event emitter with middleware.
  const app = server as unknown as Pick<EventEmitter, 'on'> & { middleware: Middleware[] };
  // Before the router (the last middleware), after the one that writes object bodies as XML.
  app.middleware.splice(app.middleware.length - 1, 0, listObjectVersions);

  const inFlight = new Set<Promise<unknown>>();
  app.on('event', (event: S3Event) => {
    if (options.onEvent === undefined) return;
    const handled = options
      .onEvent(event)
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => inFlight.delete(handled));
    inFlight.add(handled);
  });

  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket: options.bucket,
    idle: async () => {
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
    close: async () => {
      await server.close();
    },
  };
}
