/**
 * `npm start`: the whole marketplace on one machine. DynamoDB Local keeps its
 * data under .local-data/, the table is created from the same definition the
 * CDK app deploys, demo data is loaded, and the HTTP API serves the same
 * handlers as Lambda. Ctrl-C stops everything, Java included.
 */
// First: it sets the log level before any module makes the shared logger.
import './log-level';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import type { Server } from 'node:http';
import { schedules } from '@shifa/functions/schedules';
import { createStripeSimulator, type StripeSimulator } from '@shifa/payments/simulator';
import { type DynamoDbLocal, LOCAL_AWS_ENV, startDynamoDbLocal } from './dynamodb-local';
import { type EventPipeline, startEventPipeline } from './event-pipeline';
import { localDeliveryEnvironment, localDeliverySettings } from './hospital-delivery';
import { persistentIssuer } from './issuer';
import { localConfig } from './local-config';
import { createLocalEndpoints } from './local-endpoints';
import { type MetricsFile, writeMetricsTo } from './metrics-file';
import {
  DATA_DIR,
  DYNAMODB_DIR,
  HEALTH_DATA_KEYS_FILE,
  ISSUER_KEY_FILE,
  LEGACY_HEALTH_NOTES_KEY_FILE,
  LOCK_FILE,
  METRICS_FILE,
  S3_DIR,
} from './paths';
import type { LocalS3 } from './s3-local';
import { type LocalScheduler, startScheduler } from './scheduler';
import { localKeys } from './secrets';
import { ensureWebApp } from './web-app';

type Lock = { pid: number; apiUrl: string };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock atomically; returns the running instance's lock if another one holds it. */
function takeLock(lock: Lock): Lock | undefined {
  mkdirSync(DATA_DIR, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(LOCK_FILE, 'wx');
      writeSync(fd, JSON.stringify(lock));
      closeSync(fd);
      return undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: Lock | undefined;
      try {
        holder = JSON.parse(readFileSync(LOCK_FILE, 'utf8')) as Lock;
      } catch {
        holder = undefined;
      }
      if (holder !== undefined && isAlive(holder.pid)) return holder;
      rmSync(LOCK_FILE, { force: true }); // left behind by a run that was killed
    }
  }
  throw new Error(`could not take ${LOCK_FILE}`);
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
}

async function main(): Promise<void> {
  const config = localConfig(process.env);
  const apiUrl = `http://localhost:${config.port}`;
  const holder = takeLock({ pid: process.pid, apiUrl });
  if (holder !== undefined) {
    console.error(
      `Shifa is already running (pid ${holder.pid}) at ${holder.apiUrl}.\n` +
        `Use that one, or stop it (Ctrl-C in its terminal, or kill ${holder.pid}) before starting again.`,
    );
    process.exit(1);
  }

  let dynamo: DynamoDbLocal | undefined;
  let server: Server | undefined;
  let simulator: StripeSimulator | undefined;
  let scheduler: LocalScheduler | undefined;
  let pipeline: EventPipeline | undefined;
  let metrics: MetricsFile | undefined;
  let records: LocalS3 | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping Shifa…');
    scheduler?.stop();
    await pipeline?.stop().catch((error: unknown) => console.error(error));
    await new Promise<void>((done) => (server === undefined ? done() : server.close(() => done())));
    server?.closeAllConnections();
    await simulator?.close();
    await records?.close();
    await metrics?.close();
    await dynamo?.stop();
    rmSync(LOCK_FILE, { force: true });
    console.log(
      'Stopped: HTTP API, scheduled jobs, event bus, payment simulator, S3 (s3rver), DynamoDB Local.',
    );
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  // Last resort if the process dies another way: never leave Java running.
  process.on('exit', () => {
    if (dynamo?.pid !== undefined && isAlive(dynamo.pid)) process.kill(dynamo.pid, 'SIGKILL');
    if (!stopping) rmSync(LOCK_FILE, { force: true });
  });

  try {
    console.log('Starting DynamoDB Local…');
    dynamo = await startDynamoDbLocal({ port: config.dynamoDbPort, dataDir: DYNAMODB_DIR });
    const idempotencyTable = `${config.tableName}-idempotency`;
    Object.assign(process.env, LOCAL_AWS_ENV, {
      TABLE_NAME: config.tableName,
      IDEMPOTENCY_TABLE_NAME: idempotencyTable,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      POWERTOOLS_LOG_LEVEL: config.logLevel,
      // Local keys seal health data, unless a KMS key is named: then that key (and AWS credentials) do.
      ...(process.env.HEALTH_DATA_KMS_KEY_ARN === undefined
        ? { HEALTH_DATA_KEYS: process.env.HEALTH_DATA_KEYS ?? localKeys(HEALTH_DATA_KEYS_FILE) }
        : {}),
    });
    // ── medical records: s3rver in this process, the bucket made, each upload handed to the checker ──
    const { startLocalRecords, localRecordsEnvironment } = await import('./record-checks');
    records = await startLocalRecords({
      port: config.s3Port,
      directory: S3_DIR,
      bucket: config.recordsBucket,
      corsOrigins: [apiUrl, `http://127.0.0.1:${config.port}`],
      onError: (error) =>
        console.error('[record check] failed:', error instanceof Error ? error.message : error),
    });
    Object.assign(process.env, localRecordsEnvironment(records));
    // ── hospital deliveries and tourist notifications: settings the handlers read at load ──
    const deliverySettings = localDeliverySettings(process.env);
    Object.assign(process.env, localDeliveryEnvironment(deliverySettings));

    // The metric lines each function would print to CloudWatch Logs, appended to a file instead.
    metrics = writeMetricsTo(METRICS_FILE);

    // Real Stripe test mode when its keys are given; otherwise the local simulator stands in.
    const realStripe = config.stripeSecretKey !== undefined && config.stripeWebhookSecret !== undefined;
    if (realStripe) {
      Object.assign(process.env, {
        STRIPE_SECRET_KEY: config.stripeSecretKey,
        STRIPE_WEBHOOK_SECRET: config.stripeWebhookSecret,
      });
      delete process.env.STRIPE_API_URL;
    } else {
      simulator = await createStripeSimulator({
        port: config.stripeSimulatorPort,
        webhookUrl: `http://127.0.0.1:${config.port}/payments/stripe/webhook`,
      });
      Object.assign(process.env, {
        STRIPE_SECRET_KEY: simulator.secretKey,
        STRIPE_WEBHOOK_SECRET: simulator.webhookSecret,
        STRIPE_API_URL: simulator.url,
      });
    }

    // Imported only now: storage reads its configuration from the environment set above.
    const [
      { ensureTable, createIdempotencyTableInput },
      { dynamoDb },
      { loadDemoData },
      { createApiServer },
      { resealLegacy },
    ] = await Promise.all([
      import('@shifa/store/admin'),
      import('@shifa/store'),
      import('./demo/load'),
      import('./api-server'),
      import('./legacy'),
    ]);
    const created = await ensureTable(dynamoDb, config.tableName);
    await ensureTable(dynamoDb, idempotencyTable, createIdempotencyTableInput(idempotencyTable));
    const demo = await loadDemoData(new Date().toISOString().slice(0, 10));
    const resealed = await resealLegacy(LEGACY_HEALTH_NOTES_KEY_FILE);
    if (resealed !== undefined) {
      console.log(
        `Resealed ${resealed.notes} health notes and ${resealed.secrets} webhook secrets from the old local key, now deleted.`,
      );
    }

    // ── events: the local bus (EventBridge's PutEvents, the declared rules) fed by the table's stream
    // from now on, through the same publisher handler Lambda runs; hospital deliveries: the timer queue
    // in place of SQS and the demo hospital receiver the demo hospitals' webhooks point at. Started
    // before the API listens, so that the first booking's event already finds the delivery queue ──
    pipeline = await startEventPipeline({
      tableName: config.tableName,
      dynamoDbEndpoint: dynamo.endpoint,
      delivery: deliverySettings,
      today: new Date().toISOString().slice(0, 10),
      log: (line) => console.log(line),
    });
    const { bus, delivery } = pipeline;

    const issuer = await persistentIssuer(ISSUER_KEY_FILE);
    // ── web app: built if needed, served on the API's origin with its LOCAL-ONLY /_local/ endpoints ──
    const webDir = await ensureWebApp((line) => console.log(line)).catch((error: unknown) => {
      console.error(
        `The web app could not be built (${error instanceof Error ? error.message : error}); serving the API only.`,
      );
      return undefined;
    });
    server = createApiServer({
      issuer,
      ...(webDir === undefined ? {} : { staticDir: webDir }),
      localEndpoints: createLocalEndpoints({
        issuer,
        payments:
          simulator === undefined
            ? { provider: 'stripe', publishableKey: process.env.STRIPE_PUBLISHABLE_KEY ?? null }
            : { provider: 'simulator', apiUrl: simulator.url, publishableKey: simulator.publishableKey },
      }),
      onRequest: ({ method, path, status, ms }) => console.log(`${method} ${path} → ${status} (${ms} ms)`),
      throttle: true,
    });
    await listen(server, config.port);
    scheduler = startScheduler({
      onError: (id, error) =>
        console.error(`[schedule ${id}] failed:`, error instanceof Error ? error.message : error),
    });

    const deliveryLines = [
      `  Hospital hooks   demo receiver ${delivery.receiver.url} (${delivery.pointed} demo hospitals newly pointed at it; POST ${delivery.receiver.url}/_receiver/mode {"mode":"fail","times":3} to watch retries)`,
      `                   retries follow the 24-hour schedule ×${deliverySettings.retryScale} (LOCAL_RETRY_SCALE)${delivery.resumed > 0 ? `; ${delivery.resumed} pending deliveries resumed` : ''}`,
      `  Tourist mail     ${deliverySettings.mailboxFile}  (npm run mailbox)`,
      `  Metrics          ${METRICS_FILE}  (npm run metrics: per route requests, 4xx and 5xx rates, p50 and p99)`,
    ];

    console.log(
      [
        '',
        'Shifa is running.',
        `  HTTP API         ${apiUrl}   (try ${apiUrl}/packages)`,
        webDir === undefined
          ? '  Web app          not built (see the error above)'
          : `  Web app          ${apiUrl}/`,
        `  DynamoDB Local   ${dynamo.endpoint}   table "${config.tableName}" ${created ? 'created' : 'reused'}, data in .local-data/dynamodb`,
        `  S3 (s3rver)      ${records.endpoint}   bucket "${records.bucket}" for medical records, files in .local-data/s3; each upload checked on arrival`,
        `  Demo data        ${demo.packages} packages, ${demo.departures} departures (${demo.written} items new, ${demo.present} already there)`,
        `  Sign-in          local issuer as an OAuth server (code flow + PKCE, as Cognito): pick a demo user at ${apiUrl}/sign-in; for curl: npm run token -- --list`,
        realStripe
          ? '  Payments         real Stripe (test mode), from STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET'
          : `  Payments         Stripe simulator at ${simulator?.url} (test cards pm_card_visa, pm_card_chargeDeclined, pm_card_authenticationRequired; publishable key ${simulator?.publishableKey})`,
        `  Scheduled jobs   ${schedules.map((job) => `${job.id} every ${job.everyMinutes} min`).join(', ')}`,
        `  Event bus        ${bus.rules.length} rules (${bus.rules.map((rule) => rule.id).join(', ')}), fed by the table's stream; PutEvents at ${bus.url}`,
        ...deliveryLines,
        '',
        'Press Ctrl-C to stop everything.',
      ].join('\n'),
    );
  } catch (error) {
    const message =
      (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
        ? `port ${config.port} is taken by another program; set PORT to a free port, e.g. PORT=3001 npm start`
        : error instanceof Error
          ? error.message
          : String(error);
    console.error(`Shifa could not start: ${message}`);
    await stop(1);
  }
}

await main();
