/**
 * The metrics of the running marketplace, as `npm start` keeps them: real requests through the
 * local API (the catalog, a hold refused and one taken, Stripe's webhook, the hospital's decline)
 * append EMF lines to a file, and the summary `npm run metrics` prints is computed from that file:
 * per route its requests and 4xx, and the business metrics where they happened.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { todayUtc } from '@shifa/domain';
import { loadDemoData } from '@shifa/local/demo';
import { demoCatalog } from '@shifa/local/demo/catalog';
import { type MetricsFile, writeMetricsTo } from '@shifa/local/metrics-file';
import { summarise } from '@shifa/local/metrics-summary';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useApi } from './support/api';
import { bookingMaker } from './support/booking-events';
import { usePaymentSimulator } from './support/payments';
import { useTable } from './support/table';

useTable();
const api = useApi();
const stripe = usePaymentSimulator(api);
const today = todayUtc(new Date());
const bookings = bookingMaker(api, stripe, today);
const dir = mkdtempSync(join(tmpdir(), 'shifa-metrics-'));
let metrics: MetricsFile | undefined;

beforeAll(async () => {
  await loadDemoData(today);
  metrics = writeMetricsTo(join(dir, 'metrics.jsonl'));
});
afterAll(async () => {
  await metrics?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('summarises per route and per business event what the requests did, from the lines the functions wrote', async () => {
  // Prepare: a published package to ask about.
  const { pkg } = demoCatalog(today).packages[0] ?? {};
  if (pkg === undefined) throw new Error('no demo package');

  // Act
  const listed = await api.get('/packages');
  const missing = await api.get('/packages/no-such-package');
  const refused = await api.request('POST', '/bookings', {
    as: 'aigerim@example.kz',
    headers: { 'idempotency-key': randomUUID() },
    body: {
      packageId: pkg.packageId,
      departureId: `${pkg.packageId}-no-such-departure`,
      currency: 'USD',
      travellers: [
        {
          fullName: 'AIGERIM NURLANOVA',
          birthDate: '1966-09-30',
          nationality: 'KZ',
          preferredLanguage: 'ru',
        },
      ],
    },
  });
  const paid = await bookings.paid();
  const declined = await api.request('POST', `/hospital/bookings/${paid.bookingId}/decline`, {
    as: 'international@xj-tcm.example.cn',
    headers: { 'idempotency-key': randomUUID() },
    body: { reason: 'no_capacity' },
  });
  await stripe.current.idle();
  await metrics?.close();

  // Assess
  expect([listed.status, missing.status, refused.status, declined.status]).toEqual([200, 404, 404, 200]);
  const { routes, business, skipped } = summarise(
    readFileSync(join(dir, 'metrics.jsonl'), 'utf8').split('\n'),
  );
  const route = (id: string) => routes.find((row) => row.route === id);
  expect(skipped).toBe(0);
  expect(route('listPackages')).toMatchObject({
    unit: 'catalog',
    count: 1,
    clientErrors: 0,
    serverErrors: 0,
  });
  expect(route('getPackage')).toMatchObject({
    unit: 'catalog',
    count: 1,
    clientErrors: 1,
    clientErrorRate: 1,
  });
  expect(route('createBooking')).toMatchObject({
    unit: 'payments',
    count: 2,
    clientErrors: 1,
    serverErrors: 0,
  });
  expect(route('declineHospitalBooking')).toMatchObject({ unit: 'payments', count: 1, clientErrors: 0 });
  expect(route('stripeWebhook')?.count).toBeGreaterThanOrEqual(1);
  expect(routes.every((row) => row.serverErrors === 0)).toBe(true);
  expect(route('createBooking')?.p99).toEqual(expect.any(Number));
  expect(business).toEqual([
    { metric: 'HoldsRefused', dimensions: { reason: 'departure_not_found' }, total: 1 },
    { metric: 'HoldsTaken', dimensions: {}, total: 1 },
    { metric: 'HospitalDecisions', dimensions: { decision: 'decline' }, total: 1 },
    { metric: 'PaymentsAuthorised', dimensions: {}, total: 1 },
  ]);
});
