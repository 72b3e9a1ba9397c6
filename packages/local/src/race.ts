/**
 * `npm run race -- --bookings 12`: against a running `npm start`, many paid bookings, each raced by
 * the hospital's acceptance and the tourist's cancellation at a different offset, with Stripe faults
 * injected on the simulator (failing refunds, slow and dropped captures); a cancellation refused
 * with 409 and Retry-After is asked again, as a client would. Then it waits for the reconciler to
 * settle every money step and holds each booking to the provider's own objects: what the simulator
 * captured minus what it refunded is what the booking's status and policy say, and no authorisation
 * is left open on a finished booking. It also pays an Uzbek package in UZS. Exit code 1 on any miss.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { BookingView, PackageDetail, PackageListResponse } from '@shifa/contracts';
import { findDemoUser } from './demo/users';
import { persistentIssuer } from './issuer';
import { localConfig } from './local-config';
import { ISSUER_KEY_FILE } from './paths';

const { values: args } = parseArgs({
  options: {
    bookings: { type: 'string', default: '12' },
    'settle-minutes': { type: 'string', default: '6' },
  },
});
const BOOKINGS = Math.max(1, Math.min(60, Number(args.bookings)));
const SETTLE_MS = Number(args['settle-minutes']) * 60_000;

const config = localConfig(process.env);
const api = `http://127.0.0.1:${config.port}`;
const simulator = `http://127.0.0.1:${config.stripeSimulatorPort}`;
const issuer = await persistentIssuer(ISSUER_KEY_FILE);

async function tokenOf(email: string): Promise<string> {
  const user = findDemoUser(email);
  if (user === undefined) throw new Error(`no demo user ${email}`);
  return issuer.sign(user);
}
const TOURIST = await tokenOf('aigerim@example.kz');
const HOSPITAL = await tokenOf('international@xj-tcm.example.cn');

type Reply = { status: number; headers: Headers; body: unknown };

async function call(
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  idempotent = false,
): Promise<Reply> {
  // One key for the request and its retries, as a client must, so a throttled retry never repeats it.
  const key = idempotent ? randomUUID() : undefined;
  let response: Response;
  for (let attempt = 1; ; attempt += 1) {
    response = await fetch(`${api}${path}`, {
      method,
      headers: {
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // The gateway's throttle: wait as told and ask again.
    if (response.status !== 429 || attempt >= 10) break;
    await response.arrayBuffer();
    await new Promise((resume) =>
      setTimeout(resume, Number(response.headers.get('retry-after') ?? 1) * 1000),
    );
  }
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

async function simulatorCall(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${simulator}${path}`, {
    method,
    headers: { authorization: 'Bearer sk_test_shifa_local_simulator', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status >= 400)
    throw new Error(`simulator ${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function pay(clientSecret: string): Promise<void> {
  const paymentIntentId = clientSecret.split('_secret_')[0] ?? '';
  const response = await fetch(`${simulator}/v1/payment_intents/${paymentIntentId}/confirm`, {
    method: 'POST',
    headers: {
      authorization: 'Bearer pk_test_shifa_local_simulator',
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ client_secret: clientSecret, payment_method: 'pm_card_visa' }).toString(),
  });
  if (response.status !== 200) throw new Error(`the card was not authorised: ${await response.text()}`);
}

async function booking(bookingId: string): Promise<BookingView> {
  return BookingView.parse((await call('GET', `/bookings/${bookingId}`, TOURIST)).body);
}

async function until<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  ms: number,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

/** A paid hold on the first departure of `packageId` with a seat left, in `currency`. */
async function paidHold(packageId: string, currency: string): Promise<BookingView> {
  const detail = PackageDetail.parse((await call('GET', `/packages/${packageId}`)).body);
  // The last one: far enough away that a cancellation is refunded in part by the package's tiers.
  const departure = detail.departures.findLast((d) => d.seatsLeft > 0);
  if (departure === undefined) throw new Error(`${packageId} has no seat left`);
  const held = await call(
    'POST',
    '/bookings',
    TOURIST,
    {
      packageId,
      departureId: departure.departureId,
      currency,
      travellers: [
        { fullName: 'RACE TEST', birthDate: '1970-01-01', nationality: 'KZ', preferredLanguage: 'ru' },
      ],
    },
    true,
  );
  if (held.status !== 201) throw new Error(`hold refused: ${held.status} ${JSON.stringify(held.body)}`);
  const view = BookingView.parse(held.body);
  await pay(view.paymentAction?.clientSecret ?? '');
  return until(
    `${view.bookingId} to reach its hospital`,
    () => booking(view.bookingId),
    (b) => b.status === 'AWAITING_HOSPITAL',
    30_000,
  );
}

const list = PackageListResponse.parse((await call('GET', '/packages?limit=50')).body);
const xjTcm = list.items.find((item) => item.hospital.hospitalId === 'xj-tcm-hospital');
if (xjTcm === undefined)
  throw new Error('no published package at xj-tcm-hospital: is `npm start` running with its demo data?');

// Stripe misbehaving while the race runs: refunds refused, captures slow or their answers lost.
await simulatorCall('POST', '/_simulator/faults', {
  method: 'POST',
  path: '/v1/refunds',
  status: 500,
  times: 6,
});
await simulatorCall('POST', '/_simulator/faults', {
  path: '/v1/payment_intents/*/capture',
  delayMs: 1500,
  times: 3,
});
await simulatorCall('POST', '/_simulator/faults', {
  path: '/v1/payment_intents/*/capture',
  drop: true,
  times: 3,
});

const raced: string[] = [];
const outcomes = new Map<string, number>();
for (let index = 0; index < BOOKINGS; index += 1) {
  const paid = await paidHold(xjTcm.packageId, 'USD');
  raced.push(paid.bookingId);
  // From the cancellation 1 s ahead of the acceptance to 2 s behind it.
  const offset = ((index * 397) % 3000) - 1000;
  const [accepted, cancelled] = await Promise.all([
    sleep(Math.max(0, -offset)).then(() =>
      call('POST', `/hospital/bookings/${paid.bookingId}/accept`, HOSPITAL, undefined, true),
    ),
    sleep(Math.max(0, offset)).then(() =>
      call('POST', `/bookings/${paid.bookingId}/cancel`, TOURIST, undefined, true),
    ),
  ]);
  let cancel = cancelled;
  for (let retry = 0; cancel.status === 409 && retry < 20; retry += 1) {
    await sleep(Number(cancel.headers.get('retry-after') ?? '2') * 1000);
    cancel = await call('POST', `/bookings/${paid.bookingId}/cancel`, TOURIST, undefined, true);
  }
  const key = `accept ${accepted.status}, cancel ${cancelled.status}${cancel === cancelled ? '' : ` then ${cancel.status}`}`;
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  console.log(`${paid.bookingId}: offset ${offset} ms: ${key}`);
}

// An Uzbek package, priced in sum, paid in sum (twelve digits fit one card payment).
const uzbek = list.items.find((item) => item.priceFrom.some((price) => price.currency === 'UZS'));
let uzs = 'no package priced in UZS';
if (uzbek !== undefined) {
  const paid = await paidHold(uzbek.packageId, 'UZS');
  uzs = `${paid.bookingId} paid ${paid.price.total} UZS (minor units), ${paid.status}`;
}

console.log(`\nwaiting up to ${SETTLE_MS / 60_000} minutes for the reconciler to settle every money step…`);
await until(
  'every money step to settle',
  async () => Promise.all(raced.map(booking)),
  (views) => views.every((view) => view.payment.step === undefined),
  SETTLE_MS,
);
await simulatorCall('DELETE', '/_simulator/faults');

// Held to the provider's own objects, read from the simulator itself.
const failures: string[] = [];
for (const bookingId of raced) {
  const view = await booking(bookingId);
  const intent = (await simulatorCall('GET', `/v1/payment_intents/${view.payment.paymentIntentId}`)) as {
    amount_received: number;
    status: string;
  };
  const refunds = (await simulatorCall(
    'GET',
    `/v1/refunds?payment_intent=${view.payment.paymentIntentId}&limit=100`,
  )) as {
    data: { amount: number; status: string }[];
  };
  const refunded = refunds.data
    .filter((refund) => refund.status === 'succeeded' || refund.status === 'pending')
    .reduce((sum, refund) => sum + refund.amount, 0);
  const kept =
    view.status === 'CONFIRMED'
      ? view.price.total
      : (view.cancellation?.charged ?? 0) - (view.cancellation?.amount ?? 0);
  const line = `${bookingId} ${view.status}, money ${view.payment.status}: provider captured ${intent.amount_received}, refunded ${refunded}; policy keeps ${kept}`;
  if (intent.amount_received - refunded !== kept || intent.status === 'requires_capture') failures.push(line);
  console.log(line);
}
console.log(`\noutcomes: ${[...outcomes].map(([key, count]) => `${count}× ${key}`).join('; ')}`);
console.log(`UZS: ${uzs}`);
console.log(
  failures.length === 0
    ? `all ${raced.length} raced bookings hold what their policy says; run npm run reconcile -- --check for every booking`
    : `${failures.length} bookings disagree with the provider:\n${failures.join('\n')}`,
);
process.exitCode = failures.length === 0 ? 0 : 1;
