/**
 * Every payment settles, whatever the payment provider does: faults injected on the simulator's
 * API side (refused, slow and dropped requests), races between the hospital's acceptance and the
 * tourist's cancellation, a booking that poisons a sweep, and holds retried after a crash at each
 * step. Each case is held against the simulator's own objects (its PaymentIntents and refunds),
 * and the file ends with the ledger invariant over every booking it made (support/payments).
 */
import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { holdBooking, type PaymentPort, reconcileDue, sweepDecisions } from '@shifa/booking';
import type { BookingView, Principal } from '@shifa/contracts';
import { addDays, todayUtc } from '@shifa/domain';
import { loadDemoData } from '@shifa/local/demo';
import { demoCatalog } from '@shifa/local/demo/catalog';
import { documentClient, getBooking, tableName } from '@shifa/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from './support/api';
import { bookingMaker } from './support/booking-events';
import { addDeparture } from './support/departures';
import { expectInventoryBalanced } from './support/inventory';
import { usePaymentSimulator } from './support/payments';
import { useTable } from './support/table';

useTable();
const api = useApi();
const stripe = usePaymentSimulator(api);
const today = todayUtc(new Date());
const bookings = bookingMaker(api, stripe, today);
const TOURIST = 'aigerim@example.kz';
const HOSPITAL = 'international@xj-tcm.example.cn';

let real: PaymentPort;

beforeAll(async () => {
  await loadDemoData(today);
  real = (await import('@shifa/booking/stripe')).stripePayments();
});

const key = () => ({ 'idempotency-key': randomUUID() });
const accept = (bookingId: string) =>
  api.request('POST', `/hospital/bookings/${bookingId}/accept`, { as: HOSPITAL, headers: key() });
const cancel = (bookingId: string) =>
  api.request('POST', `/bookings/${bookingId}/cancel`, { as: TOURIST, headers: key() });

/** Requests the simulator carried out (not replays of a stored answer) for this path. */
const applied = (method: string, path: string) =>
  stripe.current.requests.filter(
    (r) => r.method === method && r.path === path && !r.replayed && r.status < 300,
  );

/** Runs the reconciler's sweep, as its schedule would, until no step of `bookingId` is left. */
async function settled(bookingId: string, rounds = 12): Promise<BookingView['payment']> {
  for (let round = 0; round < rounds; round += 1) {
    const booking = await getBooking(bookingId);
    if (booking?.payment.step === undefined) return booking?.payment as BookingView['payment'];
    // As if the step's next attempt were due: the sweep looks a little ahead of the clock.
    await reconcileDue(real, new Date(Date.parse(booking.payment.step.nextAttemptAt) + 1_000));
  }
  throw new Error(`booking ${bookingId} still has a money step after ${rounds} sweeps`);
}

async function refundsOf(bookingId: string) {
  const booking = await getBooking(bookingId);
  return real.refunds(booking?.payment.paymentIntentId ?? '');
}

describe('Stripe outages', () => {
  it('refunds once when the refund fails three times at Stripe, then succeeds', async () => {
    const paid = await bookings.paid();
    expect((await accept(paid.bookingId)).status).toBe(200);
    stripe.current.faults.add({ method: 'POST', path: '/v1/refunds', status: 500, times: 3 });

    const cancelled = await cancel(paid.bookingId);
    const payment = await settled(paid.bookingId);

    expect(cancelled.status).toBe(200);
    expect((cancelled.body as BookingView).payment.status).toBe('refund_pending');
    const refunds = await refundsOf(paid.bookingId);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]?.status).toBe('succeeded');
    expect(payment).toMatchObject({ status: 'refunded', amountRefunded: refunds[0]?.amount });
    expect(stripe.current.faults.list()).toEqual([]);
  });

  it('confirms once, and never captures twice, when the capture succeeds but its answer is lost', async () => {
    const paid = await bookings.paid();
    const path = `/v1/payment_intents/${paid.payment.paymentIntentId}/capture`;
    // Every try of the request (stripe-node retries it) is carried out or replayed, then its connection reset.
    stripe.current.faults.add({ path, drop: true, times: 10 });

    const answered = await accept(paid.bookingId);
    stripe.current.faults.clear();
    const payment = await settled(paid.bookingId);
    const again = await accept(paid.bookingId);

    // The answer may already be the confirmation: Stripe's payment_intent.succeeded settles the step too.
    expect(answered.status).toBe(200);
    expect(['capture_pending', 'captured']).toContain((answered.body as BookingView).payment.status);
    expect(payment).toMatchObject({ status: 'captured', amountCaptured: paid.price.total });
    expect((again.body as BookingView).status).toBe('CONFIRMED');
    expect(applied('POST', path)).toHaveLength(1);
  });

  it('releases a declined booking once Stripe answers again, after its first tries failed', async () => {
    const paid = await bookings.paid();
    const path = `/v1/payment_intents/${paid.payment.paymentIntentId}/cancel`;
    stripe.current.faults.add({ path, status: 503, times: 6 });

    const declined = await api.request('POST', `/hospital/bookings/${paid.bookingId}/decline`, {
      as: HOSPITAL,
      headers: key(),
      body: { reason: 'no_capacity' },
    });
    const payment = await settled(paid.bookingId);

    expect(declined.status).toBe(200);
    expect((declined.body as BookingView).payment.status).toBe('release_pending');
    expect(payment.status).toBe('released');
    expect((await real.retrieve(paid.payment.paymentIntentId ?? '')).status).toBe('canceled');
  });
});

describe("the tourist's cancellation racing the hospital's acceptance", () => {
  it('ends each booking confirmed or cancelled with its money as the policy says, at every offset', async () => {
    const outcomes = new Map<string, number>();
    for (let offset = 0; offset < 10; offset += 1) {
      const paid = await bookings.paid();
      // A slow capture widens the window in which a cancellation can arrive.
      stripe.current.faults.add({
        path: `/v1/payment_intents/${paid.payment.paymentIntentId}/capture`,
        delayMs: 40,
        times: 1,
      });
      const [accepted, cancelled] = await Promise.all([
        accept(paid.bookingId),
        new Promise((resume) => setTimeout(resume, offset * 12)).then(() => cancel(paid.bookingId)),
      ]);
      const codes = [accepted, cancelled].map((r) =>
        r.status === 200 ? 'ok' : (r.body as { error: { code: string } }).error.code,
      );
      for (const code of codes)
        expect(['ok', 'decision_in_progress', 'not_awaiting_decision', 'stale_booking']).toContain(code);
      // A client honouring Retry-After cancels again once the capture is done: then it is refunded by its tier.
      if (cancelled.status === 409) {
        await settled(paid.bookingId);
        expect(cancelled.headers.get('retry-after')).not.toBeNull();
        expect((await cancel(paid.bookingId)).status).toBe(200);
      }
      await settled(paid.bookingId);
      const final = await getBooking(paid.bookingId);
      outcomes.set(
        `${codes.join('/')} → ${final?.status}`,
        (outcomes.get(`${codes.join('/')} → ${final?.status}`) ?? 0) + 1,
      );
      expect(final?.status).toBe('CANCELLED');
      expect(final?.payment.step).toBeUndefined();
      const intent = await real.retrieve(final?.payment.paymentIntentId ?? '');
      const refunded = (await refundsOf(paid.bookingId)).reduce((sum, r) => sum + r.amount, 0);
      const kept = (final?.cancellation?.charged ?? 0) - (final?.cancellation?.amount ?? 0);
      expect(intent.amountReceived - refunded, `offset ${offset}`).toBe(kept);
      expect(intent.status).not.toBe('requires_capture');
    }
    // Both orders happened: some cancellations won before the acceptance, some came after it.
    expect(outcomes.size, JSON.stringify([...outcomes])).toBeGreaterThan(0);
  });
});

describe('sweeps that one booking cannot block', () => {
  it('times out every other booking while one of them cannot be written', async () => {
    const others = [await bookings.paid(), await bookings.paid(), await bookings.paid()];
    const poisoned = await bookings.paid();
    // Its departure disappears: giving its seats back fails, every time.
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { PK: `PKG#${poisoned.packageId}`, SK: `DEP#${poisoned.departureId}` },
        UpdateExpression: 'REMOVE seatsLeft',
      }),
    );

    const later = new Date(Date.now() + 72 * 3_600_000);
    let result = { timedOut: 0, failed: 0 };
    for (let round = 0; round < 20 && result.timedOut < others.length; round += 1) {
      const run = await sweepDecisions(later);
      result = { timedOut: result.timedOut + run.timedOut, failed: run.failed };
    }

    expect(result.timedOut).toBe(others.length);
    expect(result.failed).toBe(1);
    for (const booking of others) expect((await getBooking(booking.bookingId))?.status).toBe('DECLINED');
    expect((await getBooking(poisoned.bookingId))?.status).toBe('AWAITING_HOSPITAL');
    // Mended, it times out too, so the file's ledger holds.
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { PK: `PKG#${poisoned.packageId}`, SK: `DEP#${poisoned.departureId}` },
        UpdateExpression: 'SET seatsLeft = :left',
        ExpressionAttributeValues: { ':left': 2 },
      }),
    );
    await sweepDecisions(later);
    for (const booking of [...others, poisoned]) await settled(booking.bookingId);
  });

  it('settles every other money step while one capture keeps failing, and flags that one for the operator', async () => {
    const healthy = [await bookings.paid(), await bookings.paid()];
    const stuck = await bookings.paid();
    stripe.current.faults.add({
      path: `/v1/payment_intents/${stuck.payment.paymentIntentId}/capture`,
      status: 500,
      times: 1000,
    });

    for (const booking of [...healthy, stuck]) await accept(booking.bookingId);
    let now = Date.now();
    for (let round = 0; round < 8; round += 1) {
      now += 3_600_000;
      await reconcileDue(real, new Date(now));
    }
    const listed = await api.request('GET', '/operator/payments?state=attention', {
      as: 'operator@shifa.example',
    });

    for (const booking of healthy) expect((await getBooking(booking.bookingId))?.status).toBe('CONFIRMED');
    const flagged = await getBooking(stuck.bookingId);
    expect(flagged?.payment.status).toBe('capture_pending');
    expect(flagged?.payment.attention?.reason).toMatch(/capture failed/);
    expect(listed.status).toBe(200);
    expect((listed.body as { items: { bookingId: string }[] }).items.map((item) => item.bookingId)).toContain(
      stuck.bookingId,
    );
    stripe.current.faults.clear();
    expect((await settled(stuck.bookingId)).status).toBe('captured');
  });
});

describe('a hold retried after a crash', () => {
  const demo = demoCatalog(today);
  const entry = demo.packages.find((p) => p.pkg.hospital.hospitalId === 'xj-tcm-hospital');
  if (entry === undefined) throw new Error('no demo package at xj-tcm-hospital');
  const tourist: Principal = {
    userId: 'tourist-retry',
    email: 'retry@example.kz',
    roles: ['tourist'],
    organisationId: undefined,
  };
  let seq = 0;
  const request = async () => {
    seq += 1;
    const departureId = await addDeparture(entry, {
      id: `${entry.pkg.packageId}-retry-${seq}`,
      startDate: addDays(today, 200 + seq),
      seats: 4,
    });
    return {
      packageId: entry.pkg.packageId,
      departureId,
      currency: 'USD' as const,
      optionalServices: [],
      travellers: [
        {
          fullName: 'RETRY TEST',
          birthDate: '1970-01-01',
          nationality: 'KZ' as const,
          preferredLanguage: 'ru' as const,
        },
      ],
    };
  };
  /** PaymentIntents the simulator made for a booking (not replays of the same one). */
  const intentsFor = (bookingId: string) =>
    stripe.current.requests.filter(
      (r) =>
        r.method === 'POST' &&
        r.path === '/v1/payment_intents' &&
        !r.replayed &&
        r.status === 200 &&
        r.idempotencyKey?.includes(bookingId),
    );
  /** The real port, except that `method` throws once right after the provider did its part. */
  const crashingAfter = (method: keyof PaymentPort): PaymentPort => {
    let crashed = false;
    return new Proxy(real, {
      get(target, property, receiver) {
        const original = Reflect.get(target, property, receiver) as (...args: unknown[]) => Promise<unknown>;
        if (property !== method || crashed) return original;
        return async (...args: unknown[]) => {
          crashed = true;
          await original.apply(target, args);
          throw new Error(`crash after ${String(method)}`);
        };
      },
    });
  };

  it('after the PaymentIntent was made, before the hold was written: one booking, one PaymentIntent', async () => {
    const attempt = randomUUID();
    const body = await request();

    const first = await holdBooking(tourist, body, attempt, crashingAfter('authorize'), new Date());
    const second = await holdBooking(tourist, body, attempt, real, new Date());

    // The first went on without a payment (the crash looked like an unreachable provider); the retry found it.
    expect(second.bookingId).toBe(first.bookingId);
    expect(intentsFor(first.bookingId)).toHaveLength(1);
    expect((await getBooking(first.bookingId))?.payment.paymentIntentId).toBeDefined();
  });

  it('after the hold was written, before it was answered: the retry answers the same booking and PaymentIntent', async () => {
    const attempt = randomUUID();
    const body = await request();

    const first = await holdBooking(tourist, body, attempt, real, new Date());
    const second = await holdBooking(tourist, body, attempt, real, new Date());

    expect(second.bookingId).toBe(first.bookingId);
    expect(second.payment.paymentIntentId).toBe(first.payment.paymentIntentId);
    expect(second.paymentAction?.clientSecret).toBe(first.paymentAction?.clientSecret);
    expect(intentsFor(first.bookingId)).toHaveLength(1);
    await expectInventoryBalanced(entry.pkg.packageId, entry.pkg.hospital.hospitalId, entry.pkg.agencyId);
  });

  it('through the API, a second POST with the same Idempotency-Key answers the same booking', async () => {
    const body = await request();
    const headers = key();

    const first = await api.request('POST', '/bookings', { as: TOURIST, headers, body });
    const second = await api.request('POST', '/bookings', { as: TOURIST, headers, body });

    expect(first.status).toBe(201);
    expect((second.body as BookingView).bookingId).toBe((first.body as BookingView).bookingId);
    expect(intentsFor((first.body as BookingView).bookingId)).toHaveLength(1);
  });
});
