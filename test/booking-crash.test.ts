/**
 * Crashes between the steps of a booking's life: each call to the card provider
 * fails once (before or after the provider did its part) after the table has
 * changed, then the step is driven again. Nothing may be lost or double-sold, no
 * card is charged for a booking that did not go through, and the file ends with
 * the ledger invariant against the simulator's own objects (support/payments).
 */
import { randomUUID } from 'node:crypto';
import {
  acceptBooking,
  applyPaymentEvent,
  cancelBooking,
  driveMoney,
  expireHold,
  holdBooking,
  type PaymentPort,
  paymentFor,
  reconcileDue,
  sweepDecisions,
} from '@shifa/booking';
import type { Principal } from '@shifa/contracts';
import { addDays, todayUtc } from '@shifa/domain';
import { loadDemoData } from '@shifa/local/demo';
import { demoCatalog } from '@shifa/local/demo/catalog';
import { getBooking } from '@shifa/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from './support/api';
import { addDeparture } from './support/departures';
import { departureCounters, expectInventoryBalanced, expireHoldNow } from './support/inventory';
import { confirmCard, usePaymentSimulator } from './support/payments';
import { useTable } from './support/table';

useTable();
const api = useApi();
const stripe = usePaymentSimulator(api);
const today = todayUtc(new Date());
const demo = demoCatalog(today);
const entry = demo.packages.find((p) => p.pkg.hospital.hospitalId === 'xj-tcm-hospital');
if (entry === undefined) throw new Error('no demo package at xj-tcm-hospital');
const { pkg } = entry;

const tourist: Principal = {
  userId: 'tourist-crash',
  email: 'crash@example.kz',
  roles: ['tourist'],
  organisationId: undefined,
};
const hospital: Principal = {
  userId: 'hospital-xj-tcm',
  email: undefined,
  roles: ['hospital'],
  organisationId: pkg.hospital.hospitalId,
};

let real: PaymentPort;

/** The real port, except that `method` fails once — after the provider has done its part when `after` is set. */
function failingOnce(method: keyof PaymentPort, after = false): PaymentPort {
  let failed = false;
  return new Proxy(real, {
    get(target, property, receiver) {
      const original = Reflect.get(target, property, receiver) as (...args: unknown[]) => Promise<unknown>;
      if (property !== method) return original;
      return async (...args: unknown[]) => {
        if (failed) return original.apply(target, args);
        failed = true;
        if (after) await original.apply(target, args);
        throw new Error(`injected crash in ${String(method)}`);
      };
    },
  });
}

let seq = 0;
async function departure(): Promise<string> {
  seq += 1;
  if (entry === undefined) throw new Error('no demo package');
  const id = `${pkg.packageId}-crash-${seq}`;
  return addDeparture(entry, { id, startDate: addDays(today, 150 + seq), seats: 4 });
}

const request = (departureId: string) => ({
  packageId: pkg.packageId,
  departureId,
  currency: 'USD' as const,
  optionalServices: [],
  travellers: [
    {
      fullName: 'CRASH TEST',
      birthDate: '1970-01-01',
      nationality: 'KZ' as const,
      preferredLanguage: 'ru' as const,
    },
  ],
});

/** The event Stripe sends when a card is authorised, from the PaymentIntent as the provider holds it. */
async function authorisedEvent(bookingId: string, intent: string) {
  const state = await real.retrieve(intent);
  return {
    id: `evt_${randomUUID()}`,
    type: 'payment_intent.amount_capturable_updated',
    created: Math.floor(Date.parse(state.authorizedAt ?? new Date().toISOString()) / 1000),
    livemode: false,
    paymentIntentId: intent,
    bookingId,
    amount: state.amount,
    currency: state.currency,
    amountCapturable: state.amountCapturable,
    amountReceived: 0,
  };
}

/** Pays a hold with pm_card_visa and applies the authorisation as the webhook would. */
async function authorise(bookingId: string, payments: PaymentPort): Promise<void> {
  const booking = await getBooking(bookingId);
  const intent = booking?.payment.paymentIntentId ?? '';
  const { clientSecret } = await real.retrieve(intent);
  await confirmCard(stripe.current, clientSecret ?? '', 'pm_card_visa');
  await applyPaymentEvent(await authorisedEvent(bookingId, intent), payments, new Date());
}

const holdKey = () => randomUUID();

async function intentStatus(bookingId: string): Promise<string> {
  const booking = await getBooking(bookingId);
  return (await real.retrieve(booking?.payment.paymentIntentId ?? '')).status;
}

beforeAll(async () => {
  await loadDemoData(today);
  // Loaded only now: the payments module reads the simulator's settings when it loads.
  real = (await import('@shifa/booking/stripe')).stripePayments();
  stripe.current.setWebhookTarget(null);
});

describe('a crash', () => {
  it('after the hold, before the card authorisation opened: the hold stands and the payment can be asked for again', async () => {
    const departureId = await departure();

    const held = await holdBooking(
      tourist,
      request(departureId),
      holdKey(),
      failingOnce('authorize'),
      new Date(),
    );
    const retried = await paymentFor(tourist, held.bookingId, real, new Date());
    const again = await paymentFor(tourist, held.bookingId, real, new Date());

    expect(held.status).toBe('HELD');
    expect(held.paymentAction).toBeUndefined();
    expect(retried.paymentAction?.clientSecret).toMatch(/^pi_/);
    expect(again.paymentAction?.clientSecret).toBe(retried.paymentAction?.clientSecret);
    expect(await departureCounters(pkg.packageId, departureId)).toMatchObject({ free: 3, held: 1 });
  });

  it('after an expiry released the hold, before its PaymentIntent was cancelled: a late authorisation is released, never captured', async () => {
    const departureId = await departure();
    const held = await holdBooking(tourist, request(departureId), holdKey(), real, new Date());
    await expireHoldNow(held.bookingId);
    const stale = await getBooking(held.bookingId);
    if (stale === undefined) throw new Error('booking vanished');

    const expired = await expireHold(stale, real, new Date());
    const crashed = await driveMoney(held.bookingId, failingOnce('cancel'), new Date());
    await authorise(held.bookingId, real);
    const final = await getBooking(held.bookingId);

    expect(expired).toMatchObject({ status: 'EXPIRED', payment: { status: 'release_pending' } });
    expect(crashed.outcome).toBe('retry');
    expect(final).toMatchObject({ status: 'EXPIRED', payment: { status: 'released' } });
    expect(await intentStatus(held.bookingId)).toBe('canceled');
    expect(await departureCounters(pkg.packageId, departureId)).toMatchObject({ free: 4, held: 0 });
  });

  it("after a tourist's cancel released everything, before the authorisation was cancelled: cancelling again finishes it", async () => {
    const departureId = await departure();
    const held = await holdBooking(tourist, request(departureId), holdKey(), real, new Date());
    await authorise(held.bookingId, real);

    const first = await cancelBooking(tourist, held.bookingId, failingOnce('cancel'), new Date(), undefined);
    const second = await cancelBooking(tourist, held.bookingId, real, new Date(), undefined);

    expect(first.status).toBe('CANCELLED');
    expect(first.payment.status).toBe('release_pending');
    expect(first.payment.step?.attempts).toBe(1);
    expect(second.payment.status).toBe('released');
    expect(await intentStatus(held.bookingId)).toBe('canceled');
    expect(await departureCounters(pkg.packageId, departureId)).toMatchObject({
      free: 4,
      held: 0,
      confirmed: 0,
    });
  });

  it("after the hospital's acceptance was recorded, before the capture: the timeout cannot decline it and a retry confirms it once", async () => {
    const departureId = await departure();
    const held = await holdBooking(tourist, request(departureId), holdKey(), real, new Date());
    await authorise(held.bookingId, real);

    const answered = await acceptBooking(hospital, held.bookingId, failingOnce('capture'), new Date());
    // The sweeps read an index, which may lag the write by a moment: sweep until the reconciler has seen it.
    let timedOut = 0;
    for (
      let round = 0;
      round < 50 && (await getBooking(held.bookingId))?.status !== 'CONFIRMED';
      round += 1
    ) {
      timedOut += (await sweepDecisions(new Date(Date.now() + 72 * 3_600_000))).timedOut;
      await reconcileDue(real, new Date(Date.now() + 60_000));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const confirmed = await getBooking(held.bookingId);

    expect(answered.status).toBe('AWAITING_HOSPITAL');
    expect(answered.decision?.outcome).toBe('accepted');
    expect(answered.payment).toMatchObject({
      status: 'capture_pending',
      step: { kind: 'capture', attempts: 1 },
    });
    expect(timedOut).toBe(0);
    expect(confirmed?.status).toBe('CONFIRMED');
    expect(confirmed?.payment.amountCaptured).toBe(held.price.total);
    expect(await intentStatus(held.bookingId)).toBe('succeeded');
    expect(await departureCounters(pkg.packageId, departureId)).toMatchObject({ held: 0, confirmed: 1 });
  });

  it('after the capture succeeded, before the booking was confirmed: accepting again confirms without charging twice', async () => {
    const departureId = await departure();
    const held = await holdBooking(tourist, request(departureId), holdKey(), real, new Date());
    await authorise(held.bookingId, real);

    const lost = await acceptBooking(hospital, held.bookingId, failingOnce('capture', true), new Date());
    const confirmed = await acceptBooking(hospital, held.bookingId, real, new Date());

    expect(lost.payment.status).toBe('capture_pending');

    expect(confirmed.status).toBe('CONFIRMED');
    const captures = stripe.current.requests.filter(
      (r) =>
        r.path === `/v1/payment_intents/${held.payment.paymentIntentId}/capture` &&
        !r.replayed &&
        r.status === 200,
    );
    expect(captures).toHaveLength(1);
    expect(confirmed.payment.amountCaptured).toBe(held.price.total);
  });
});

describe('a race', () => {
  it('between an expiry and a payment arriving at the same moment has exactly one winner, and a loser that is never charged', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < 6; round += 1) {
      const departureId = await departure();
      const held = await holdBooking(tourist, request(departureId), holdKey(), real, new Date());
      const intent = (await getBooking(held.bookingId))?.payment.paymentIntentId ?? '';
      const { clientSecret } = await real.retrieve(intent);
      await confirmCard(stripe.current, clientSecret ?? '', 'pm_card_visa');
      // The hold ran out before the card was authorised: the payment's event and the sweeper both see it.
      await expireHoldNow(held.bookingId);
      const stale = await getBooking(held.bookingId);
      if (stale === undefined) throw new Error('booking vanished');
      const event = await authorisedEvent(held.bookingId, intent);

      await Promise.allSettled([
        expireHold(stale, real, new Date()),
        applyPaymentEvent(event, real, new Date()),
      ]);
      await driveMoney(held.bookingId, real, new Date());

      const final = await getBooking(held.bookingId);
      outcomes.push(final?.status ?? 'missing');
      expect(final?.status).toBe('EXPIRED');
      expect(await intentStatus(held.bookingId)).toBe('canceled');
      expect(await departureCounters(pkg.packageId, departureId)).toMatchObject({ free: 4, held: 0 });
    }
    expect(new Set(outcomes)).toEqual(new Set(['EXPIRED']));
    await expectInventoryBalanced(pkg.packageId, pkg.hospital.hospitalId, pkg.agencyId);
  });

  it('between two sweepers releases an expired hold once', async () => {
    const departureId = await departure();
    const held = await holdBooking(tourist, request(departureId), holdKey(), real, new Date());
    await expireHoldNow(held.bookingId);
    const stale = await getBooking(held.bookingId);
    if (stale === undefined) throw new Error('booking vanished');

    await Promise.all([
      expireHold(stale, real, new Date()),
      expireHold(stale, real, new Date()),
      expireHold(stale, real, new Date()),
    ]);

    expect(await departureCounters(pkg.packageId, departureId)).toMatchObject({ total: 4, free: 4, held: 0 });
    await expectInventoryBalanced(pkg.packageId, pkg.hospital.hospitalId, pkg.agencyId);
  });
});
