/**
 * A tourist may hold at most MAX_UNPAID_HOLDS unpaid bookings at once (3 by default): the next is
 * refused with 409 too_many_unpaid_holds and takes nothing. The count lives on the tourist's own
 * item and moves in the same transaction as the booking, so concurrent holds cannot overshoot it
 * and paying, cancelling or expiring a hold frees a place. Checked against DynamoDB's items.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { expireHold } from '@shifa/booking';
import { stripePayments } from '@shifa/booking/stripe';
import { BookingView, ErrorResponse } from '@shifa/contracts';
import { addDays, todayUtc } from '@shifa/domain';
import { loadDemoData } from '@shifa/local/demo';
import { demoCatalog } from '@shifa/local/demo/catalog';
import { bookingKeys, documentClient, getBooking, tableName } from '@shifa/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from './support/api';
import { addDeparture } from './support/departures';
import { departureCounters, expireHoldNow } from './support/inventory';
import { confirmCard, usePaymentSimulator } from './support/payments';
import { useTable } from './support/table';

// The default limit, before any handler reads its settings (the other files raise it).
process.env.MAX_UNPAID_HOLDS = '3';

useTable();
const api = useApi();
const stripe = usePaymentSimulator(api);
const today = todayUtc(new Date());
const entry = demoCatalog(today).packages.find((p) => p.pkg.hospital.hospitalId === 'xj-tcm-hospital');
if (entry === undefined) throw new Error('no demo package at xj-tcm-hospital');
const { pkg } = entry;

let departureSeq = 0;
async function departure(seats = 20): Promise<string> {
  departureSeq += 1;
  if (entry === undefined) throw new Error('no demo package');
  const id = `${pkg.packageId}-unpaid-${departureSeq}`;
  return addDeparture(entry, { id, startDate: addDays(today, 150 + departureSeq), seats });
}

/** A tourist of their own per test, so each starts with no holds. */
const tourist = () => ({
  id: `tourist-${randomUUID()}`,
  email: 'unpaid@example.kz',
  role: 'tourist' as const,
  organisation: null,
});

/**
 * A hold as a client makes it: one Idempotency-Key for the attempt, asked again (after Retry-After)
 * while the answer is 409 transaction_conflict, which says that nothing was written.
 */
async function hold(as: ReturnType<typeof tourist>, departureId: string) {
  const key = randomUUID();
  for (let attempt = 1; ; attempt += 1) {
    const answer = await holdOnce(as, departureId, key);
    const code = (answer.body as { error?: { code?: string } } | undefined)?.error?.code;
    if (code !== 'transaction_conflict' || attempt >= 10) return answer;
    await new Promise((resume) => setTimeout(resume, 200 * attempt));
  }
}

function holdOnce(as: ReturnType<typeof tourist>, departureId: string, key: string) {
  return api.request('POST', '/bookings', {
    as,
    headers: { 'idempotency-key': key },
    body: {
      packageId: pkg.packageId,
      departureId,
      currency: 'USD',
      travellers: [
        { fullName: 'DANIYAR SEITKALI', birthDate: '1970-02-11', nationality: 'KZ', preferredLanguage: 'ru' },
      ],
    },
  });
}

async function unpaidCount(touristId: string): Promise<number> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: bookingKeys.unpaidHolds(touristId), ConsistentRead: true }),
  );
  return Number(Item?.count ?? 0);
}

beforeAll(async () => {
  await loadDemoData(today);
});

describe('unpaid holds per tourist', () => {
  it('refuses the fourth unpaid hold with 409 too_many_unpaid_holds, taking no seat', async () => {
    const someone = tourist();
    const departureId = await departure();
    for (let n = 0; n < 3; n += 1) expect((await hold(someone, departureId)).status).toBe(201);

    const fourth = await hold(someone, departureId);

    expect(fourth.status).toBe(409);
    expect(ErrorResponse.parse(fourth.body).error.code).toBe('too_many_unpaid_holds');
    expect(await departureCounters(pkg.packageId, departureId)).toMatchObject({ held: 3 });
    expect(await unpaidCount(someone.id)).toBe(3);
  });

  it('lets concurrent holds through only up to the limit', async () => {
    const someone = tourist();
    const departureId = await departure();

    const answers = await Promise.all(Array.from({ length: 7 }, () => hold(someone, departureId)));

    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(3);
    expect(statuses.filter((status) => status !== 201)).toEqual([409, 409, 409, 409]);
    expect(await departureCounters(pkg.packageId, departureId)).toMatchObject({ held: 3 });
    expect(await unpaidCount(someone.id)).toBe(3);
  });

  it('frees a place when a hold is paid, cancelled or expires', async () => {
    const someone = tourist();
    const departureId = await departure();
    const held = await Promise.all([0, 1, 2].map(() => hold(someone, departureId)));
    const [toPay, toCancel, toExpire] = held.map((answer) => BookingView.parse(answer.body));
    if (toPay === undefined || toCancel === undefined || toExpire === undefined) throw new Error('no holds');

    const paid = await confirmCard(stripe.current, toPay.paymentAction?.clientSecret ?? '', 'pm_card_visa');
    const cancelled = await api.request('POST', `/bookings/${toCancel.bookingId}/cancel`, {
      as: someone,
      headers: { 'idempotency-key': randomUUID() },
    });
    await expireHoldNow(toExpire.bookingId);
    const stale = await getBooking(toExpire.bookingId);
    if (stale === undefined) throw new Error('booking vanished');
    await expireHold(stale, stripePayments(), new Date());
    await stripe.current.idle();

    expect(paid.status).toBe(200);
    expect(cancelled.status).toBe(200);
    expect((await getBooking(toPay.bookingId))?.status).toBe('AWAITING_HOSPITAL');
    expect((await getBooking(toExpire.bookingId))?.status).toBe('EXPIRED');
    expect(await unpaidCount(someone.id)).toBe(0);
    expect((await hold(someone, departureId)).status).toBe(201);
  });
});
