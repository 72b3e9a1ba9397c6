/**
 * A throw-away Shifa for the browser tests (and for trying the web app while
 * `npm start` is busy elsewhere): DynamoDB Local in memory on a free port, the
 * Stripe simulator, the demo data, the local HTTP server with the built web app
 * and its /_local/ endpoints, and the event pipeline (stream poller, local bus,
 * hospital deliveries with their retries, a demo hospital receiver on a free
 * port, tourist mail into a temporary mailbox), as `npm start` wires them, but
 * sharing no files or ports with it. Retries follow the real schedule played a
 * million times faster, so a receiver that keeps failing has its delivery
 * dead-lettered within seconds. `npx tsx web/e2e/stack.ts` runs one until Ctrl-C
 * (LOCAL_RETRY_SCALE=0.001 to watch the retries at `npm start`'s pace).
 */
// First: it sets the log level before any module makes the shared logger.
import './log-level';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USERS } from '@shifa/local/demo/users';
import { LOCAL_AWS_ENV, startDynamoDbLocal } from '@shifa/local/dynamodb-local';
import type { EventPipeline } from '@shifa/local/event-pipeline';
import { localDeliveryEnvironment, localDeliverySettings } from '@shifa/local/hospital-delivery';
import type { HospitalReceiver } from '@shifa/local/hospital-receiver';
import { ephemeralIssuer } from '@shifa/local/issuer';
import { createLocalEndpoints } from '@shifa/local/local-endpoints';
import { stopAfterFailedStart, stopInTurn } from '@shifa/local/shutdown';
import { createStripeSimulator, type StripeSimulator } from '@shifa/payments/simulator';

/** Real time per unit of the 24-hour retry schedule (LOCAL_RETRY_SCALE): all 32 attempts in a blink. */
export const TEST_RETRY_SCALE = 1e-6;

export type Stack = {
  url: string;
  /** Where the browser confirms card payments, as the web app is told. */
  payments: { apiUrl: string; publishableKey: string };
  /** An ID token for a demo user, from the issuer the server trusts: for tests that prepare data through the API. */
  idToken(userId: string): Promise<string>;
  /** The demo hospital system every verified demo hospital's webhook points at: set it to fail, see what it got. */
  receiver: HospitalReceiver;
  /** Stops everything it started, each part even if one before it fails to stop. */
  stop(): Promise<void>;
};

export async function startStack(options: {
  port?: number;
  staticDir: string;
  /** LOCAL_RETRY_SCALE for the hospital deliveries; TEST_RETRY_SCALE unless given. */
  retryScale?: number;
}): Promise<Stack> {
  const dynamo = await startDynamoDbLocal({ port: 0 });
  const mailDir = mkdtempSync(join(tmpdir(), 'shifa-e2e-mail-'));
  let simulator: StripeSimulator | undefined;
  let server: Server | undefined;
  let pipeline: EventPipeline | undefined;
  // Last resort if the test process dies without running its teardown: never leave Java behind.
  const killJava = () => {
    if (dynamo.pid === undefined) return;
    try {
      process.kill(dynamo.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killJava);
  const stop = () =>
    stopInTurn([
      async () => {
        server?.closeAllConnections();
        await new Promise((done) => (server === undefined ? done(undefined) : server.close(done)));
      },
      // Before DynamoDB Local goes: the poller and the delivery attempts read the table.
      () => pipeline?.stop(),
      () => simulator?.close(),
      () => dynamo.stop(),
      async () => {
        rmSync(mailDir, { recursive: true, force: true });
        process.off('exit', killJava);
      },
    ]);
  try {
    simulator = await createStripeSimulator({ port: 0 });
    // As `npm start` reads them from its environment, but on a free port and a mailbox of its own.
    const deliverySettings = localDeliverySettings({
      LOCAL_RETRY_SCALE: String(options.retryScale ?? TEST_RETRY_SCALE),
      HOSPITAL_RECEIVER_PORT: '0',
      MAILBOX_FILE: join(mailDir, 'mailbox.jsonl'),
    });
    Object.assign(process.env, LOCAL_AWS_ENV, localDeliveryEnvironment(deliverySettings), {
      TABLE_NAME: `web-e2e-${randomUUID()}`,
      IDEMPOTENCY_TABLE_NAME: `web-e2e-idem-${randomUUID()}`,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      // A local key as @shifa/sealing reads them (name:base64): importing that package up here
      // would make the shared logger before its level is set.
      HEALTH_DATA_KEYS: `e2e-1:${randomBytes(32).toString('base64')}`,
      POWERTOOLS_LOG_LEVEL: process.env.LOG_LEVEL ?? 'SILENT',
      STRIPE_SECRET_KEY: simulator.secretKey,
      STRIPE_WEBHOOK_SECRET: simulator.webhookSecret,
      STRIPE_API_URL: simulator.url,
    });
    // Imported only now: storage and handlers read their settings from the environment at load.
    const [
      { ensureTable, createIdempotencyTableInput },
      { dynamoDb, tableName },
      { loadDemoData },
      api,
      { startEventPipeline },
    ] = await Promise.all([
      import('@shifa/store/admin'),
      import('@shifa/store'),
      import('@shifa/local/demo'),
      import('@shifa/local/api-server'),
      import('@shifa/local/event-pipeline'),
    ]);
    const idempotencyTable = process.env.IDEMPOTENCY_TABLE_NAME ?? '';
    const today = new Date().toISOString().slice(0, 10);
    await ensureTable(dynamoDb, tableName);
    await ensureTable(dynamoDb, idempotencyTable, createIdempotencyTableInput(idempotencyTable));
    await loadDemoData(today);
    pipeline = await startEventPipeline({
      tableName,
      dynamoDbEndpoint: dynamo.endpoint,
      delivery: deliverySettings,
      today,
      // Each attempt and the receiver's answers: wanted only when looking into a failure.
      log: process.env.LOG_LEVEL === undefined ? () => undefined : (line) => console.log(line),
    });

    const issuer = await ephemeralIssuer();
    server = api.createApiServer({
      issuer,
      staticDir: options.staticDir,
      localEndpoints: createLocalEndpoints({
        issuer,
        payments: { provider: 'simulator', apiUrl: simulator.url, publishableKey: simulator.publishableKey },
      }),
    });
    server.listen(options.port ?? 0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    simulator.setWebhookTarget(`${url}/payments/stripe/webhook`);
    const idToken = async (userId: string) => {
      const user = DEMO_USERS.find((candidate) => candidate.id === userId);
      if (user === undefined) throw new Error(`no demo user "${userId}"`);
      return issuer.sign(user);
    };
    return {
      url,
      payments: { apiUrl: simulator.url, publishableKey: simulator.publishableKey },
      idToken,
      receiver: pipeline.delivery.receiver,
      stop,
    };
  } catch (error) {
    return stopAfterFailedStart(error, stop);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { WEB_DIST, ensureWebApp } = await import('@shifa/local/web-app');
  await ensureWebApp((line) => console.log(line));
  const stack = await startStack({
    port: Number(process.env.PORT ?? 3100),
    staticDir: WEB_DIST,
    ...(process.env.LOCAL_RETRY_SCALE === undefined
      ? {}
      : { retryScale: Number(process.env.LOCAL_RETRY_SCALE) }),
  });
  console.log(
    `Shifa (throw-away) at ${stack.url}/, demo hospital receiver at ${stack.receiver.url} — Ctrl-C stops it`,
  );
  const stop = () => void stack.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
