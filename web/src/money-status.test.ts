import { describe, expect, it } from 'vitest';
import type { BookingView } from './api';
import { moneyLine } from './money-status';

type Payment = BookingView['payment'];

const PAYMENT: Payment = {
  provider: 'stripe',
  paymentIntentId: 'pi_1',
  status: 'unpaid',
  amount: 321_000,
  currency: 'USD',
  amountCaptured: 0,
  amountRefunded: 0,
  refundSteps: 0,
  ledger: [],
};
const AT = '2027-02-01T10:00:00.000Z';
const step = (kind: 'capture' | 'release' | 'refund', amount: number): Payment['step'] => ({
  kind,
  id: `bk-1.${kind}`,
  amount,
  reason: 'test',
  requestedAt: AT,
  attempts: 0,
  nextAttemptAt: AT,
});

const line = (status: BookingView['status'], payment: Partial<Payment>) =>
  moneyLine({ status, payment: { ...PAYMENT, ...payment } });

describe("a booking's money, in the tourist's terms", () => {
  it('says nothing while a hold waits for the card, and "nothing charged" once it is over unpaid', () => {
    expect(line('HELD', {})).toEqual({ kind: 'none', delayed: false });
    expect(line('EXPIRED', {})).toEqual({ kind: 'nothingCharged', delayed: false });
  });

  it('tells an authorisation, a charge under way and a charge done apart', () => {
    expect(line('AWAITING_HOSPITAL', { status: 'authorized' })).toMatchObject({
      kind: 'authorised',
      amount: 321_000,
    });
    expect(
      line('AWAITING_HOSPITAL', { status: 'capture_pending', step: step('capture', 321_000) }),
    ).toMatchObject({
      kind: 'charging',
      amount: 321_000,
    });
    expect(line('CONFIRMED', { status: 'captured', amountCaptured: 321_000 })).toMatchObject({
      kind: 'charged',
      amount: 321_000,
    });
  });

  it('says an authorisation being released or released charges nothing', () => {
    expect(line('DECLINED', { status: 'release_pending', step: step('release', 0) })).toMatchObject({
      kind: 'releasing',
      amount: 321_000,
    });
    expect(line('CANCELLED', { status: 'released' })).toMatchObject({ kind: 'released' });
  });

  it('gives what was charged and what comes back, while the refund is under way and once done', () => {
    const charged = { amountCaptured: 321_000 };

    expect(
      line('CANCELLED', { ...charged, status: 'refund_pending', step: step('refund', 160_500) }),
    ).toEqual({
      kind: 'refunding',
      charged: 321_000,
      refund: 160_500,
      delayed: false,
    });
    expect(line('CANCELLED', { ...charged, status: 'refunded', amountRefunded: 160_500 })).toEqual({
      kind: 'refunded',
      charged: 321_000,
      refunded: 160_500,
      delayed: false,
    });
  });

  it('says a cancelled charge with no refund by the terms is kept', () => {
    expect(line('CANCELLED', { status: 'captured', amountCaptured: 321_000 })).toMatchObject({
      kind: 'keptNoRefund',
      charged: 321_000,
    });
  });

  it('says what is delayed when a step needs a person, without hiding what it is', () => {
    const attention = { reason: 'refund failed', since: AT };

    expect(
      line('CANCELLED', {
        status: 'needs_attention',
        amountCaptured: 321_000,
        step: step('refund', 321_000),
        attention,
      }),
    ).toEqual({ kind: 'refunding', charged: 321_000, refund: 321_000, delayed: true });
    expect(
      line('AWAITING_HOSPITAL', { status: 'capture_pending', step: step('capture', 321_000), attention }),
    ).toMatchObject({ kind: 'charging', delayed: true });
  });
});
