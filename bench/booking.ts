/**
 * `npm run bench`: the booking path under concurrent load, through the real
 * local HTTP server, Stripe simulator and an in-memory DynamoDB Local. Local
 * numbers only mean something next to the engine's own ceiling, so every
 * figure is reported as a ratio to raw TransactWriteItems measured in the same
 * run, together with the DynamoDB calls one hold makes.
 *
 *   npm run bench -- --holds 300 --concurrency 16
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import {
  DynamoDBClient,
  PutItemCommand,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { addDays, hotelNights, todayUtc, treatmentDates } from '@shifa/domain';
import { type DynamoDbLocal, LOCAL_AWS_ENV, startDynamoDbLocal } from '@shifa/local/dynamodb-local';
import type { LocalIssuer } from '@shifa/local/issuer';
import type { StripeSimulator } from '@shifa/payments/simulator';
import { newLocalKey } from '@shifa/sealing';

const PACKAGE_ID = 'kz-urumqi-acupuncture-13';
/** Departures of the benchmark's own, far enough apart that their treatment days never overlap. */
const DEPARTURES = 8;
const DEPARTURE_SPACING_DAYS = 21;
const FIRST_DEPARTURE_OFFSET_DAYS = 30;
/** The schema's ceilings for a departure's seats and a hospital day's beds. */
const MAX_SEATS = 500;
const MAX_BEDS = 1000;
const POLL_INTERVAL_MS = 25;
const POLL_DEADLINE_MS = 20_000;

// ---------- options ----------

const { values: flags } = parseArgs({
  options: {
    holds: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '16' },
    warmup: { type: 'string', default: '20' },
    counted: { type: 'string', default: '10' },
  },
  strict: true,
});

function positive(name: string, raw: string, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`--${name} must be a whole number from 1 to ${max} (got ${raw})`);
  }
  return value;
}

const HOLDS = positive('holds', flags.holds, 1500);
const CONCURRENCY = positive('concurrency', flags.concurrency, 256);
const WARMUP = positive('warmup', flags.warmup, 500);
const COUNTED = positive('counted', flags.counted, 100);
// Every hold takes a seat and a bed per treatment day; they must all fit.
const TOTAL_HOLDS = WARMUP + 2 * HOLDS + COUNTED;
if (Math.ceil(TOTAL_HOLDS / DEPARTURES) > MAX_SEATS) {
  throw new Error(
    `at most ${DEPARTURES * MAX_SEATS - WARMUP - COUNTED} holds in all fit the bench departures`,
  );
}

// ---------- measuring ----------

type Stats = { count: number; seconds: number; perSecond: number; p50Ms: number; p99Ms: number };

/** Nearest-rank percentile of a sorted list. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function stats(latencies: readonly number[], seconds: number): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    seconds: round(seconds, 2),
    perSecond: round(sorted.length / seconds, 1),
    p50Ms: round(percentile(sorted, 50), 1),
    p99Ms: round(percentile(sorted, 99), 1),
  };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

type Run<T> = { samples: T[]; errors: string[]; seconds: number };

/** Runs `operation` `total` times on `concurrency` workers and times the whole. */
async function drive<T>(
  total: number,
  concurrency: number,
  operation: (index: number) => Promise<T>,
): Promise<Run<T>> {
  const samples: T[] = [];
  const errors: string[] = [];
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < total; index = next++) {
      try {
        samples.push(await operation(index));
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return { samples, errors, seconds: (performance.now() - started) / 1000 };
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

// ---------- the environment, set before any module that reads it is loaded ----------

const stops: (() => Promise<void>)[] = [];

let stopping: Promise<void> | undefined;

/** Stops what was started, last first; callers at the same time share one stop. */
function stopAll(): Promise<void> {
  stopping ??= (async () => {
    for (const stop of stops.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        console.error(`while stopping: ${(error as Error).message}`);
      }
    }
  })();
  return stopping;
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping`);
    void stopAll().finally(() => process.exit(130));
  });
}

type Environment = {
  dynamo: DynamoDbLocal;
  tableName: string;
  idempotencyTableName: string;
};

async function startDynamo(): Promise<Environment> {
  const dynamo = await startDynamoDbLocal({ port: 0 });
  stops.push(() => dynamo.stop());
  const tableName = `bench-${randomUUID()}`;
  const idempotencyTableName = `bench-idem-${randomUUID()}`;
  Object.assign(process.env, LOCAL_AWS_ENV, {
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    TABLE_NAME: tableName,
    IDEMPOTENCY_TABLE_NAME: idempotencyTableName,
    HEALTH_DATA_KEYS: newLocalKey('bench-1'),
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  return { dynamo, tableName, idempotencyTableName };
}

// ---------- counting DynamoDB calls ----------

type CallCounter = {
  start(): void;
  take(): Map<string, number>;
};

/**
 * Counts every command sent through the shared client (logical calls: SDK
 * retries are not counted again), keyed by command and by table, the
 * idempotency table apart. It must be added before the first request, while
 * the client has not yet built its handler.
 */
async function countCalls(idempotencyTableName: string): Promise<CallCounter> {
  const { dynamoDb } = await import('@shifa/store');
  let counts = new Map<string, number>();
  let counting = false;
  dynamoDb.middlewareStack.add(
    (next, context) => async (args) => {
      if (counting) {
        const input = args.input as { TableName?: unknown };
        const where = input.TableName === idempotencyTableName ? 'idempotency' : 'main';
        const command = (context.commandName ?? 'Unknown').replace(/Command$/, '');
        const key = `${where}:${command}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return next(args);
    },
    { step: 'initialize', name: 'benchCallCounter', priority: 'high' },
  );
  return {
    start() {
      counts = new Map();
      counting = true;
    },
    take() {
      counting = false;
      return counts;
    },
  };
}

const READS = new Set(['GetItem', 'Query', 'BatchGetItem', 'Scan', 'TransactGetItems']);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

type CallsPerOperation = {
  transactWriteItems: number;
  reads: number;
  otherWrites: number;
  idempotency: number;
  byCommand: Record<string, number>;
};

function perOperation(runs: readonly Map<string, number>[]): CallsPerOperation {
  const total = new Map<string, number>();
  for (const run of runs) for (const [key, n] of run) total.set(key, (total.get(key) ?? 0) + n);
  const per = (n: number) => round(n / Math.max(1, runs.length), 2);
  const sum = (match: (where: string, command: string) => boolean) =>
    per(
      [...total].reduce((acc, [key, n]) => {
        const [where = '', command = ''] = key.split(':');
        return match(where, command) ? acc + n : acc;
      }, 0),
    );
  return {
    transactWriteItems: sum((w, c) => w === 'main' && c === 'TransactWriteItems'),
    reads: sum((w, c) => w === 'main' && READS.has(c)),
    otherWrites: sum((w, c) => w === 'main' && WRITES.has(c)),
    idempotency: sum((w) => w === 'idempotency'),
    byCommand: Object.fromEntries([...total].sort().map(([key, n]) => [key, per(n)])),
  };
}

// ---------- the baseline: raw transactions on the same engine ----------

type Baseline = { items: number; stats: Stats; errors: number };
type Measured = { items: number; latencies: number[]; seconds: number; errors: number };

/** Several runs of one baseline as one: the API phases ran between them, so this evens out drift. */
function combined(...runs: readonly Measured[]): Baseline {
  return {
    items: runs[0]?.items ?? 0,
    stats: stats(
      runs.flatMap((run) => run.latencies),
      runs.reduce((sum, run) => sum + run.seconds, 0),
    ),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
  };
}

/**
 * Raw TransactWriteItems at the same concurrency, on the same table: a
 * conditioned counter update plus a conditioned put (the smallest hold), and a
 * transaction of the real hold's shape (the booking, the tourist's unpaid count, the package's,
 * agency's and hospital's checks, a departure counter, one counter per treatment day and hotel
 * night), spread over as many counters as the API run uses departures.
 */
async function baseline(env: Environment, items: 'two' | number, total: number): Promise<Measured> {
  const client = new DynamoDBClient({ endpoint: env.dynamo.endpoint, region: LOCAL_AWS_ENV.AWS_REGION });
  const TableName = env.tableName;
  const shape = items === 'two' ? 'TX2' : `TX${items}`;
  const counter = (name: string) => ({ PK: { S: `BENCH#${shape}#${name}` }, SK: { S: 'COUNTER' } });
  // Every counter of a hold beyond the departure's: treatment days and hotel nights (the rest: three
  // checks, the tourist's count of unpaid holds, the departure, the booking).
  const perDeparture = items === 'two' ? 0 : items - 6;
  const counters = Array.from({ length: DEPARTURES }, (_, d) => [
    `D${d}`,
    ...Array.from({ length: perDeparture }, (_, n) => `D${d}#N${n}`),
  ]);
  try {
    await Promise.all(
      counters.flat().map((name) =>
        client.send(
          new PutItemCommand({
            TableName,
            Item: { ...counter(name), available: { N: '1000000000' }, held: { N: '0' } },
          }),
        ),
      ),
    );
    for (const seller of ['PACKAGE', 'AGENCY', 'HOSPITAL']) {
      await client.send(
        new PutItemCommand({
          TableName,
          Item: { PK: { S: `BENCH#${seller}` }, SK: { S: 'PROFILE' }, status: { S: 'verified' } },
        }),
      );
    }
    const take = (name: string): TransactWriteItem => ({
      Update: {
        TableName,
        Key: counter(name),
        UpdateExpression: 'SET #available = #available - :one, #held = #held + :one',
        ConditionExpression: 'attribute_exists(#available) AND #available >= :one',
        ExpressionAttributeNames: { '#available': 'available', '#held': 'held' },
        ExpressionAttributeValues: { ':one': { N: '1' } },
      },
    });
    const put = (): TransactWriteItem => ({
      Put: {
        TableName,
        Item: {
          PK: { S: `BENCH#${shape}#HOLD#${randomUUID()}` },
          SK: { S: 'HOLD' },
          createdAt: { S: new Date().toISOString() },
          status: { S: 'HELD' },
        },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': 'PK' },
      },
    });
    // The package's, the agency's and the hospital's status, as a hold checks them.
    const checks: TransactWriteItem[] = ['PACKAGE', 'AGENCY', 'HOSPITAL'].map((seller) => ({
      ConditionCheck: {
        TableName,
        Key: { PK: { S: `BENCH#${seller}` }, SK: { S: 'PROFILE' } },
        ConditionExpression: '#status = :verified',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':verified': { S: 'verified' } },
      },
    }));
    // Each hold is a different tourist's, as in the API run: their own count of unpaid holds.
    const unpaid = (): TransactWriteItem => ({
      Update: {
        TableName,
        Key: { PK: { S: `BENCH#${shape}#TOURIST#${randomUUID()}` }, SK: { S: 'UNPAID_HOLDS' } },
        UpdateExpression: 'ADD #count :one',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':one': { N: '1' }, ':limit': { N: '3' } },
      },
    });
    const transaction = (index: number): TransactWriteItem[] => {
      const [departure = '', ...others] = counters[index % DEPARTURES] ?? [];
      return items === 'two'
        ? [take(departure), put()]
        : [put(), unpaid(), ...checks, take(departure), ...others.map(take)];
    };
    const run = await drive(total, CONCURRENCY, async (index) => {
      const [, ms] = await timed(() =>
        client.send(new TransactWriteItemsCommand({ TransactItems: transaction(index) })),
      );
      return ms;
    });
    return {
      items: items === 'two' ? 2 : items,
      latencies: run.samples,
      seconds: run.seconds,
      errors: run.errors.length,
    };
  } finally {
    client.destroy();
  }
}

// ---------- the API ----------

type Api = {
  base: string;
  server: Server;
  simulator: StripeSimulator;
  issuer: LocalIssuer;
};

async function startApi(): Promise<Api> {
  const { createStripeSimulator } = await import('@shifa/payments/simulator');
  const simulator = await createStripeSimulator({ port: 0 });
  stops.push(async () => {
    await Promise.race([simulator.idle(), sleep(5000)]);
    await simulator.close();
  });
  // Payment settings are read when the first handler that needs them loads.
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: simulator.secretKey,
    STRIPE_WEBHOOK_SECRET: simulator.webhookSecret,
    STRIPE_API_URL: simulator.url,
  });
  const { createApiServer } = await import('@shifa/local/api-server');
  const { ephemeralIssuer } = await import('@shifa/local/issuer');
  const issuer = await ephemeralIssuer();
  const server = createApiServer({ issuer });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  stops.push(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  simulator.setWebhookTarget(`${base}/payments/stripe/webhook`);
  return { base, server, simulator, issuer };
}

type BenchCatalog = { departureIds: string[]; treatmentDays: number; hotelNights: number };

/**
 * Departures of the benchmark's own, with the seats, hospital beds and hotel
 * beds every hold of the run needs.
 */
async function seedCatalog(today: string): Promise<BenchCatalog> {
  const { loadDemoData } = await import('@shifa/local/demo');
  const { demoCatalog } = await import('@shifa/local/demo/catalog');
  const { bookingKeys, capacityItem, catalogItems, documentClient, ENTITY, tableName } = await import(
    '@shifa/store'
  );
  const { BatchWriteCommand } = await import('@aws-sdk/lib-dynamodb');
  await loadDemoData(today);
  const entry = demoCatalog(today).packages.find(({ pkg }) => pkg.packageId === PACKAGE_ID);
  const template = entry?.departures[0];
  if (entry === undefined || template === undefined) throw new Error(`the demo catalog has no ${PACKAGE_ID}`);
  const { pkg } = entry;
  const seats = Math.min(MAX_SEATS, Math.ceil(TOTAL_HOLDS / DEPARTURES) + 10);
  const items: Record<string, unknown>[] = [];
  const departureIds: string[] = [];
  let nights = 0;
  for (let d = 0; d < DEPARTURES; d++) {
    const startDate = addDays(today, FIRST_DEPARTURE_OFFSET_DAYS + d * DEPARTURE_SPACING_DAYS);
    const departureId = `${PACKAGE_ID}-bench-${d}`;
    departureIds.push(departureId);
    items.push(
      catalogItems.departure(
        {
          ...template,
          departureId,
          startDate,
          endDate: addDays(startDate, pkg.durationDays - 1),
          seatsTotal: seats,
          seatsLeft: seats,
        },
        pkg,
      ),
    );
    // Nothing is held yet, so the demo's days can simply be replaced by roomier ones.
    for (const date of treatmentDates(pkg, startDate)) {
      items.push(
        capacityItem({ hospitalId: pkg.hospital.hospitalId, date, capacity: MAX_BEDS, available: MAX_BEDS }),
      );
    }
    // A hotel night's counter starts from the agency's allotment when the first hold makes it; made
    // here first, it starts from enough beds for every seat instead.
    const hotelId = pkg.accommodation.hotelId;
    const stay = hotelId === undefined ? [] : hotelNights(pkg, startDate);
    nights = stay.length;
    for (const date of stay) {
      items.push({
        ...bookingKeys.hotelNight(pkg.agencyId, hotelId ?? '', date),
        entity: ENTITY.hotelNight,
        date,
        hotelId,
        capacity: seats,
        available: seats,
        held: 0,
      });
    }
  }
  for (let i = 0; i < items.length; i += 25) {
    let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
      [tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
    };
    while (request !== undefined && Object.keys(request).length > 0) {
      const result = await documentClient.send(new BatchWriteCommand({ RequestItems: request }));
      request = result.UnprocessedItems as typeof request;
    }
  }
  return { departureIds, treatmentDays: pkg.treatment.days, hotelNights: nights };
}

type Client = {
  hold(index: number): Promise<{ bookingId: string; clientSecret: string; token: string }>;
  confirm(clientSecret: string): Promise<void>;
  awaitHospital(bookingId: string, token: string): Promise<void>;
};

function client(api: Api, catalog: BenchCatalog, tokens: readonly string[]): Client {
  return {
    async hold(index) {
      const token = tokens[index % tokens.length] ?? '';
      const response = await fetch(`${api.base}/bookings`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify({
          packageId: PACKAGE_ID,
          departureId: catalog.departureIds[index % catalog.departureIds.length],
          currency: 'USD',
          travellers: [
            {
              fullName: `BENCH TRAVELLER ${index}`,
              birthDate: '1968-04-12',
              nationality: 'KZ',
              preferredLanguage: 'ru',
            },
          ],
        }),
      });
      const body = (await response.json()) as {
        bookingId?: string;
        paymentAction?: { clientSecret?: string };
        error?: { code?: string };
      };
      if (response.status !== 201) {
        throw new Error(`POST /bookings answered ${response.status} ${body.error?.code ?? ''}`);
      }
      const clientSecret = body.paymentAction?.clientSecret;
      if (body.bookingId === undefined || clientSecret === undefined) {
        throw new Error('POST /bookings gave no bookingId or clientSecret');
      }
      return { bookingId: body.bookingId, clientSecret, token };
    },

    /** As Stripe.js would from the browser: confirm the PaymentIntent with a test card. */
    async confirm(clientSecret) {
      const paymentIntentId = clientSecret.split('_secret_')[0] ?? '';
      const response = await fetch(`${api.simulator.url}/v1/payment_intents/${paymentIntentId}/confirm`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${api.simulator.publishableKey}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ client_secret: clientSecret, payment_method: 'pm_card_visa' }).toString(),
      });
      const body = (await response.json()) as { status?: string };
      if (response.status !== 200 || body.status !== 'requires_capture') {
        throw new Error(`confirming the card answered ${response.status} ${body.status ?? ''}`);
      }
    },

    /** Polls the booking until the webhook has moved it to the hospital's inbox. */
    async awaitHospital(bookingId, token) {
      const deadline = Date.now() + POLL_DEADLINE_MS;
      let status = '';
      while (Date.now() < deadline) {
        const response = await fetch(`${api.base}/bookings/${bookingId}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        status = ((await response.json()) as { status?: string }).status ?? `HTTP ${response.status}`;
        if (status === 'AWAITING_HOSPITAL') return;
        if (status !== 'HELD') break;
        await sleep(POLL_INTERVAL_MS);
      }
      throw new Error(`booking ${bookingId} is ${status}, not AWAITING_HOSPITAL`);
    },
  };
}

type BookingSample = { holdMs: number; totalMs: number };

async function book(api: Client, index: number): Promise<BookingSample> {
  const started = performance.now();
  const [held, holdMs] = await timed(() => api.hold(index));
  await api.confirm(held.clientSecret);
  await api.awaitHospital(held.bookingId, held.token);
  return { holdMs, totalMs: performance.now() - started };
}

// ---------- the run ----------

type Report = {
  at: string;
  machine: { cpus: number; node: string };
  settings: { holds: number; concurrency: number; warmup: number; counted: number; departures: number };
  baseline: { twoItems: Baseline; twoItemsBefore: Stats; twoItemsAfter: Stats; holdShaped: Baseline };
  holds: Stats & { errors: number; vsBaseline: Ratios; vsHoldShaped: Ratios };
  bookings: Stats & { holdP50Ms: number; holdP99Ms: number; errors: number; vsBaseline: Ratios };
  calls: {
    perHold: CallsPerOperation;
    perPayment: CallsPerOperation;
    target: { transactWriteItems: 1; otherWrites: 0; maxReads: 2 };
    verdict: { transaction: Verdict; otherWrites: Verdict; reads: Verdict };
  };
  errors: string[];
};

type Ratios = { throughput: number; p50: number; p99: number };
type Verdict = 'PASS' | 'OVER';

const ratios = (api: Stats, raw: Stats): Ratios => ({
  throughput: round(api.perSecond / raw.perSecond, 3),
  p50: round(api.p50Ms / raw.p50Ms, 2),
  p99: round(api.p99Ms / raw.p99Ms, 2),
});

const step = (message: string) => process.stderr.write(`· ${message}\n`);

async function main(): Promise<Report> {
  step('starting DynamoDB Local (in memory)');
  const env = await startDynamo();
  // Before anything else touches the shared client.
  const counter = await countCalls(env.idempotencyTableName);
  const { dynamoDb } = await import('@shifa/store');
  const { createIdempotencyTableInput, ensureTable } = await import('@shifa/store/admin');
  await ensureTable(dynamoDb, env.tableName);
  await ensureTable(
    dynamoDb,
    env.idempotencyTableName,
    createIdempotencyTableInput(env.idempotencyTableName),
  );
  step('loading the demo catalog and the bench departures');
  const catalog = await seedCatalog(todayUtc(new Date()));
  step('starting the Stripe simulator and the local API');
  const api = await startApi();
  // One tourist per hold, as in real traffic: none reaches the limit of unpaid holds.
  const tokens = await Promise.all(
    Array.from({ length: TOTAL_HOLDS }, (_, i) =>
      api.issuer.sign({
        id: `bench-tourist-${i}`,
        email: `bench-tourist-${i}@example.kz`,
        role: 'tourist',
        organisation: null,
      }),
    ),
  );
  const http = client(api, catalog, tokens);
  let index = 0;
  const nextIndex = () => index++;

  step(`warming up: ${WARMUP} bookings and ${WARMUP} raw transactions of each shape`);
  const warm = await drive(WARMUP, CONCURRENCY, () => book(http, nextIndex()));
  if (warm.errors.length > 0) throw new Error(`the warm-up failed: ${warm.errors[0]}`);
  // The booking, the tourist's unpaid count, three checks, the departure, each treatment day and hotel night.
  const holdShape = 1 + 1 + 3 + 1 + catalog.treatmentDays + catalog.hotelNights;
  await baseline(env, 'two', WARMUP);
  await baseline(env, holdShape, WARMUP);

  step(
    `baseline: ${HOLDS} raw TransactWriteItems of 2 and of ${holdShape} items at concurrency ${CONCURRENCY}`,
  );
  const twoItemsBefore = await baseline(env, 'two', HOLDS);
  const holdShaped = combined(await baseline(env, holdShape, HOLDS));

  step(`holds: ${HOLDS} POST /bookings at concurrency ${CONCURRENCY}`);
  const holdRun = await drive(HOLDS, CONCURRENCY, async () => {
    const [, ms] = await timed(() => http.hold(nextIndex()));
    return ms;
  });
  const holdStats = stats(holdRun.samples, holdRun.seconds);

  step(`bookings: ${HOLDS} holds paid by card, each until the webhook puts it in the hospital's inbox`);
  const bookingRun = await drive(HOLDS, CONCURRENCY, () => book(http, nextIndex()));
  const bookingStats = stats(
    bookingRun.samples.map((s) => s.totalMs),
    bookingRun.seconds,
  );
  const bookingHolds = stats(
    bookingRun.samples.map((s) => s.holdMs),
    bookingRun.seconds,
  );

  step(`baseline again: ${HOLDS} raw TransactWriteItems of 2 items`);
  const twoItemsAfter = await baseline(env, 'two', HOLDS);
  const twoItems = combined(twoItemsBefore, twoItemsAfter);

  step(`counting DynamoDB calls over ${COUNTED} sequential holds and payments`);
  const perHold: Map<string, number>[] = [];
  const perPayment: Map<string, number>[] = [];
  for (let i = 0; i < COUNTED; i++) {
    await api.simulator.idle();
    counter.start();
    const held = await http.hold(nextIndex());
    perHold.push(counter.take());
    // Webhooks the hold itself caused (e.g. payment_intent.created) and the payment's own.
    counter.start();
    await api.simulator.idle();
    await http.confirm(held.clientSecret);
    await api.simulator.idle();
    perPayment.push(counter.take());
    await http.awaitHospital(held.bookingId, held.token);
  }
  const holdCalls = perOperation(perHold);

  return {
    at: new Date().toISOString(),
    machine: { cpus: (await import('node:os')).availableParallelism(), node: process.version },
    settings: {
      holds: HOLDS,
      concurrency: CONCURRENCY,
      warmup: WARMUP,
      counted: COUNTED,
      departures: DEPARTURES,
    },
    baseline: {
      twoItems,
      twoItemsBefore: combined(twoItemsBefore).stats,
      twoItemsAfter: combined(twoItemsAfter).stats,
      holdShaped,
    },
    holds: {
      ...holdStats,
      errors: holdRun.errors.length,
      vsBaseline: ratios(holdStats, twoItems.stats),
      vsHoldShaped: ratios(holdStats, holdShaped.stats),
    },
    bookings: {
      ...bookingStats,
      holdP50Ms: bookingHolds.p50Ms,
      holdP99Ms: bookingHolds.p99Ms,
      errors: bookingRun.errors.length,
      vsBaseline: ratios(bookingStats, twoItems.stats),
    },
    calls: {
      perHold: holdCalls,
      perPayment: perOperation(perPayment),
      target: { transactWriteItems: 1, otherWrites: 0, maxReads: 2 },
      verdict: {
        transaction: holdCalls.transactWriteItems === 1 ? 'PASS' : 'OVER',
        otherWrites: holdCalls.otherWrites === 0 ? 'PASS' : 'OVER',
        reads: holdCalls.reads <= 2 ? 'PASS' : 'OVER',
      },
    },
    errors: [...new Set([...holdRun.errors, ...bookingRun.errors])].slice(0, 10),
  };
}

function print(report: Report): void {
  const { baseline: base, holds, bookings, calls } = report;
  const line = (label: string, s: Stats) =>
    `${label.padEnd(34)}${String(s.perSecond).padStart(8)}/s   p50 ${String(s.p50Ms).padStart(7)} ms   p99 ${String(s.p99Ms).padStart(7)} ms`;
  const ratio = (r: Ratios) => `× ${r.throughput} throughput, × ${r.p50} p50, × ${r.p99} p99`;
  const fmt = (c: CallsPerOperation) =>
    `${c.transactWriteItems} TransactWriteItems, ${c.reads} reads, ${c.otherWrites} other writes; idempotency table ${c.idempotency}`;
  const out = [
    '',
    `Booking path on DynamoDB Local: ${report.settings.holds} operations per run, concurrency ${report.settings.concurrency}, ${report.machine.cpus} cores, Node ${report.machine.node}`,
    '',
    line(`raw TransactWriteItems (${base.twoItems.items} items)`, base.twoItems.stats),
    `  before the API runs ${base.twoItemsBefore.perSecond}/s, after ${base.twoItemsAfter.perSecond}/s: ratios use both`,
    line(`raw TransactWriteItems (${base.holdShaped.items} items)`, base.holdShaped.stats),
    line('POST /bookings (hold)', holds),
    `  vs ${base.twoItems.items}-item baseline:  ${ratio(holds.vsBaseline)}`,
    `  vs ${base.holdShaped.items}-item baseline: ${ratio(holds.vsHoldShaped)}`,
    line('hold → card → AWAITING_HOSPITAL', bookings),
    `  vs ${base.twoItems.items}-item baseline:  ${ratio(bookings.vsBaseline)}`,
    `  hold latency under this mix:  p50 ${bookings.holdP50Ms} ms, p99 ${bookings.holdP99Ms} ms`,
    '',
    `DynamoDB calls per hold (mean of ${report.settings.counted} sequential): ${fmt(calls.perHold)}`,
    `  ${Object.entries(calls.perHold.byCommand)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
    `  target one transaction: ${calls.verdict.transaction}; no other write: ${calls.verdict.otherWrites}; at most two reads: ${calls.verdict.reads}`,
    `DynamoDB calls per card payment (webhooks): ${fmt(calls.perPayment)}`,
    `  ${Object.entries(calls.perPayment.byCommand)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
    '',
    `errors: holds ${holds.errors}, bookings ${bookings.errors}, baseline ${base.twoItems.errors + base.holdShaped.errors}`,
    ...report.errors.map((e) => `  ${e}`),
  ];
  console.log(out.join('\n'));
}

let exitCode = 0;
try {
  const report = await main();
  print(report);
  const folder = resolve(import.meta.dirname, '..', '.bench');
  mkdirSync(folder, { recursive: true });
  writeFileSync(resolve(folder, 'booking.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwritten to .bench/booking.json`);
  const failed =
    report.holds.errors +
    report.bookings.errors +
    report.baseline.twoItems.errors +
    report.baseline.holdShaped.errors;
  // Figures measured over failures are not comparable with other runs.
  if (failed > 0) exitCode = 1;
} catch (error) {
  // Requests cut short by stopping are no failure worth a stack.
  if (!interrupted)
    console.error(
      `the benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  exitCode = interrupted ? 130 : 1;
} finally {
  await stopAll();
}
// Keep-alive sockets and SDK clients would otherwise hold the process open.
process.exit(exitCode);
