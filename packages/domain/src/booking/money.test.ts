/** The money state machine: each step recorded once, settled by what the provider says, never dropped. */
import type { Booking, Payment } from '@shifa/contracts';
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../errors';
import {
  ATTENTION_AFTER_ATTEMPTS,
  authorize,
  expectedNet,
  MONEY_RETRY_SECONDS,
  moneyStepId,
  needsAttention,
  retryLater,
  settle,
  startCapture,
  startRefund,
  startRelease,
} from './money';

const AT = '2027-03-01T10:00:00.000Z';
const LATER = '2027-03-01T10:05:00.000Z';

const unpaid = (overrides: Partial<Payment> = {}): Payment => ({
  provider: 'stripe',
  status: 'unpaid',
  amount: 250_000,
  currency: 'USD',
  amountCaptured: 0,
  amountRefunded: 0,
  refundSteps: 0,
  ledger: [],
  ...overrides,
});

const authorized = () => authorize(unpaid({ paymentIntentId: 'pi_1' }), 'pi_1', AT);
const captured = () =>
  settle(startCapture(authorized(), 'bk-1', 'hospital accepted', AT), 'bk-1', {
    kind: 'captured',
    amount: 250_000,
    at: AT,
  });

describe('recording a step', () => {
  it('captures what was authorised, under a step id that stays the same for every retry', () => {
    const pending = startCapture(authorized(), 'bk-1', 'hospital accepted', AT);

    expect(pending.status).toBe('capture_pending');
    expect(pending.step).toMatchObject({ kind: 'capture', id: 'bk-1.capture', amount: 250_000, attempts: 0 });
    expect(pending.step?.nextAttemptAt).toBe(AT);
  });

  it('releases an authorisation, and settles at once when no PaymentIntent was ever made', () => {
    expect(startRelease(authorized(), 'bk-1', 'hold expired', AT)).toMatchObject({
      status: 'release_pending',
      step: { kind: 'release', id: 'bk-1.release', amount: 0 },
    });
    expect(startRelease(unpaid(), 'bk-1', 'hold expired', AT)).toMatchObject({ status: 'released' });
    expect(startRelease(unpaid(), 'bk-1', 'hold expired', AT).step).toBeUndefined();
  });

  it('refunds what the policy owes, numbering each refund step, and records nothing for a tier of 0 %', () => {
    const first = startRefund(captured(), 'bk-1', 125_000, 'tier 50 %', AT);

    expect(first).toMatchObject({ status: 'refund_pending', refundSteps: 1 });
    expect(first.step).toMatchObject({ kind: 'refund', id: 'bk-1.refund.1', amount: 125_000 });
    expect(startRefund(captured(), 'bk-1', 0, 'tier 0 %', AT)).toEqual(captured());
  });

  it('refuses a refund larger than what was captured and is not yet refunded', () => {
    expect(() => startRefund(captured(), 'bk-1', 250_001, 'too much', AT)).toThrow(RangeError);
    expect(() => startRefund(captured(), 'bk-1', -1, 'negative', AT)).toThrow(RangeError);
  });

  it.each([
    ['capture an unpaid booking', () => startCapture(unpaid(), 'bk-1', 'x', AT)],
    ['release a captured booking', () => startRelease(captured(), 'bk-1', 'x', AT)],
    ['refund an authorisation', () => startRefund(authorized(), 'bk-1', 1, 'x', AT)],
    ['authorise twice', () => authorize(authorized(), 'pi_1', AT)],
  ])('refuses to %s with 409 money_step_not_allowed', (_, act) => {
    expect(act).toThrow(ConflictError);
    expect(act).toThrow(/cannot/);
  });
});

describe('settling a step by what the provider says', () => {
  it('settles a capture with the amount the provider captured and writes it in the ledger', () => {
    const done = captured();

    expect(done).toMatchObject({ status: 'captured', amountCaptured: 250_000 });
    expect(done.step).toBeUndefined();
    expect(done.ledger).toEqual([{ step: 'bk-1.capture', kind: 'capture', amount: 250_000, at: AT }]);
  });

  it('settles a capture the provider can no longer make as released: nothing was charged', () => {
    const pending = startCapture(authorized(), 'bk-1', 'hospital accepted', AT);

    expect(settle(pending, 'bk-1', { kind: 'released', at: LATER })).toMatchObject({
      status: 'released',
      amountCaptured: 0,
    });
  });

  it('turns a release that finds the money captured into a refund of all of it', () => {
    const pending = startRelease(authorized(), 'bk-1', 'hospital declined', AT);

    const next = settle(pending, 'bk-1', { kind: 'captured_instead', amount: 250_000, at: LATER });

    expect(next).toMatchObject({ status: 'refund_pending', amountCaptured: 250_000, refundSteps: 1 });
    expect(next.step).toMatchObject({ kind: 'refund', id: 'bk-1.refund.1', amount: 250_000 });
  });

  it('keeps a refund the provider accepted but has not finished pending, with its id', () => {
    const pending = startRefund(captured(), 'bk-1', 125_000, 'tier 50 %', AT);

    const accepted = settle(pending, 'bk-1', {
      kind: 'refund_accepted',
      providerObjectId: 're_1',
      at: LATER,
    });

    expect(accepted.status).toBe('refund_pending');
    expect(accepted.step?.providerObjectId).toBe('re_1');
  });

  it('adds a finished refund to what was refunded', () => {
    const pending = startRefund(captured(), 'bk-1', 125_000, 'tier 50 %', AT);

    const done = settle(pending, 'bk-1', {
      kind: 'refunded',
      amount: 125_000,
      providerObjectId: 're_1',
      at: LATER,
    });

    expect(done).toMatchObject({ status: 'refunded', amountRefunded: 125_000 });
    expect(done.step).toBeUndefined();
    expect(done.ledger.at(-1)).toEqual({
      step: 'bk-1.refund.1',
      kind: 'refund',
      amount: 125_000,
      at: LATER,
      providerObjectId: 're_1',
    });
  });

  it('flags a step the provider refuses for good, keeping the step so it is never dropped', () => {
    const pending = startRefund(captured(), 'bk-1', 125_000, 'tier 50 %', AT);

    const stuck = settle(pending, 'bk-1', {
      kind: 'failed_for_good',
      reason: 'refund failed: expired card',
      at: LATER,
    });

    expect(stuck.status).toBe('needs_attention');
    expect(stuck.step?.id).toBe('bk-1.refund.1');
    expect(stuck.attention).toEqual({ reason: 'refund failed: expired card', since: LATER });
    expect(needsAttention(stuck)).toBe(true);
  });

  it('refuses to settle a refund as a capture', () => {
    const pending = startRefund(captured(), 'bk-1', 1, 'x', AT);

    expect(() => settle(pending, 'bk-1', { kind: 'captured', amount: 1, at: LATER })).toThrow(ConflictError);
  });
});

describe('retrying a step', () => {
  it('waits longer after each failure, up to an hour, and flags the step after repeated failures', () => {
    let payment = startCapture(authorized(), 'bk-1', 'hospital accepted', AT);
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MONEY_RETRY_SECONDS.length + 2; attempt += 1) {
      payment = retryLater(payment, 'api_error: 500', AT);
      waits.push((Date.parse(payment.step?.nextAttemptAt ?? AT) - Date.parse(AT)) / 1000);
      expect(needsAttention(payment), `after ${attempt} failures`).toBe(attempt >= ATTENTION_AFTER_ATTEMPTS);
    }

    expect(waits).toEqual([...MONEY_RETRY_SECONDS, 3600, 3600]);
    expect(payment.status).toBe('capture_pending');
    expect(payment.step).toMatchObject({
      attempts: MONEY_RETRY_SECONDS.length + 2,
      lastError: 'api_error: 500',
    });
  });
});

describe('what the provider must end up holding', () => {
  const booking = (status: Booking['status'], payment: Payment, cancellation?: Booking['cancellation']) =>
    ({
      status,
      price: { total: 250_000 },
      payment,
      ...(cancellation === undefined ? {} : { cancellation }),
    }) as Booking;

  const cancelled = (charged: number, refund: number) => ({
    daysBeforeDeparture: 20,
    charged,
    refundPercent: 50,
    amount: refund,
    rule: 'x',
    method: refund > 0 ? ('refund' as const) : ('none' as const),
    at: AT,
  });

  it('is the whole price for a confirmed trip, nothing for one expired or declined', () => {
    expect(expectedNet(booking('CONFIRMED', captured()))).toEqual({ net: 250_000, settled: true });
    expect(expectedNet(booking('EXPIRED', unpaid({ status: 'released' })))).toEqual({
      net: 0,
      settled: true,
    });
    expect(expectedNet(booking('DECLINED', unpaid({ status: 'released' })))).toEqual({
      net: 0,
      settled: true,
    });
  });

  it('is what was charged less the tier refund for a cancelled trip, and nothing when nothing was charged', () => {
    expect(expectedNet(booking('CANCELLED', captured(), cancelled(250_000, 125_000))).net).toBe(125_000);
    expect(expectedNet(booking('CANCELLED', captured(), cancelled(250_000, 0))).net).toBe(250_000);
    expect(expectedNet(booking('CANCELLED', unpaid(), cancelled(0, 0))).net).toBe(0);
    expect(expectedNet(booking('CANCELLED', unpaid())).net).toBe(0);
  });

  it('is not yet settled while a step is pending or the booking is not final', () => {
    const pending = startRefund(captured(), 'bk-1', 1, 'x', AT);

    expect(expectedNet(booking('CANCELLED', pending, cancelled(250_000, 1))).settled).toBe(false);
    expect(expectedNet(booking('AWAITING_HOSPITAL', authorized())).settled).toBe(false);
  });

  it('names steps by booking and kind', () => {
    expect(moneyStepId('bk-9', 'release')).toBe('bk-9.release');
    expect(moneyStepId('bk-9', 'refund', 3)).toBe('bk-9.refund.3');
  });
});
