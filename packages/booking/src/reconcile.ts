/**
 * The reconciler: drives each booking's pending money step (capture, release, refund) to its end
 * against the provider's own objects. It always reads the PaymentIntent (and for a refund, its
 * refunds) before acting, so a step retried after a crash, after a lost answer or after the
 * provider's 24-hour idempotency window finds what the first attempt did instead of doing it again.
 * A step the provider could not complete waits and is tried again (recorded on the booking, so a
 * sweep finds it); one it will never complete is flagged for the operator. Nothing is dropped.
 *
 * Started three ways, all safe together: by the request that recorded the step, by the table's
 * stream when the step is recorded, and by the sweep for steps that are due again.
 */
import type { Booking, MoneyStep } from '@shifa/contracts';
import {
  ConflictError,
  expectedNet,
  retryLater,
  type Settlement,
  settle,
  startRefund,
  transitionBooking,
} from '@shifa/domain';
import { logger, reportMoneySteps, runWithKeys } from '@shifa/runtime';
import { changeBooking, countMoneySteps, dueBookings, getBooking } from '@shifa/store';
import type { PaymentPort, ProviderPayment, ProviderRefund } from './ports';

/** How long a refund the provider accepted is left before it is read again. */
const REFUND_CHECK_SECONDS = 60;

export type DriveResult = {
  booking: Booking | undefined;
  /** settled: the step ended; waiting: the provider is still at it; retry: it failed and waits; idle: nothing to do. */
  outcome: 'settled' | 'waiting' | 'retry' | 'idle';
};

/** What the provider says of the step now, or the reason to try again later. */
type Reading = { settlement: Settlement } | { waiting: string } | { failed: string };

const describe = (error: unknown): string => {
  if (error instanceof Error) {
    const { kind, code } = error as { kind?: string; code?: string };
    return [error.name, kind, code].filter((part) => part !== undefined).join(' ');
  }
  return String(error);
};

function mismatch(booking: Booking, intent: ProviderPayment): string | undefined {
  if (intent.bookingId !== null && intent.bookingId !== booking.bookingId) {
    return `the PaymentIntent belongs to booking ${intent.bookingId}`;
  }
  if (intent.currency !== booking.payment.currency || intent.amount !== booking.payment.amount) {
    return `the PaymentIntent is for ${intent.amount} ${intent.currency}, the booking for ${booking.payment.amount} ${booking.payment.currency}`;
  }
  return undefined;
}

function fromRefund(refund: ProviderRefund, at: string): Reading {
  switch (refund.status) {
    case 'succeeded':
      return {
        settlement: { kind: 'refunded', amount: refund.amount, providerObjectId: refund.refundId, at },
      };
    case 'pending':
    case 'requires_action':
      return { settlement: { kind: 'refund_accepted', providerObjectId: refund.refundId, at } };
    default:
      return {
        settlement: {
          kind: 'failed_for_good',
          reason: `the provider's refund ${refund.refundId} ${refund.status}${refund.failureReason === null ? '' : `: ${refund.failureReason}`}`,
          at,
        },
      };
  }
}

/** Reads the provider's objects and does what the step still needs, once. */
async function advance(
  booking: Booking,
  step: MoneyStep,
  payments: PaymentPort,
  at: string,
): Promise<Reading> {
  const paymentIntentId = booking.payment.paymentIntentId;
  if (paymentIntentId === undefined) {
    // Only a release can be recorded without a PaymentIntent, and it settles at once (domain/money).
    return { settlement: { kind: 'failed_for_good', reason: 'a money step without a PaymentIntent', at } };
  }
  const intent = await payments.retrieve(paymentIntentId);
  const wrong = mismatch(booking, intent);
  if (wrong !== undefined) return { settlement: { kind: 'failed_for_good', reason: wrong, at } };
  switch (step.kind) {
    case 'capture': {
      if (intent.status === 'succeeded') {
        return { settlement: { kind: 'captured', amount: intent.amountReceived, at } };
      }
      if (intent.status === 'canceled') return { settlement: { kind: 'released', at } };
      if (intent.status !== 'requires_capture') {
        return {
          settlement: {
            kind: 'failed_for_good',
            reason: `nothing to capture: the PaymentIntent is ${intent.status}`,
            at,
          },
        };
      }
      const captured = await payments.capture(paymentIntentId, step.id);
      return captured.status === 'succeeded'
        ? { settlement: { kind: 'captured', amount: captured.amountReceived, at } }
        : { waiting: `the capture left the PaymentIntent ${captured.status}` };
    }
    case 'release': {
      if (intent.status === 'canceled') return { settlement: { kind: 'released', at } };
      if (intent.status === 'succeeded') {
        return { settlement: { kind: 'captured_instead', amount: intent.amountReceived, at } };
      }
      if (intent.status === 'processing') return { waiting: 'the PaymentIntent is processing' };
      const canceled = await payments.cancel(paymentIntentId, step.id, 'abandoned');
      return canceled.status === 'canceled'
        ? { settlement: { kind: 'released', at } }
        : { waiting: `the cancel left the PaymentIntent ${canceled.status}` };
    }
    case 'refund': {
      const existing = (await payments.refunds(paymentIntentId)).find((refund) => refund.stepId === step.id);
      if (existing !== undefined) return fromRefund(existing, at);
      const refund = await payments.refund({
        paymentIntentId,
        bookingId: booking.bookingId,
        stepId: step.id,
        amount: step.amount,
        reason: step.reason,
      });
      return fromRefund(refund, at);
    }
  }
}

/** The booking once the reading is applied: its money, and its status when the capture decides it. */
async function record(booking: Booking, reading: Reading, at: string): Promise<Booking> {
  if (!('settlement' in reading)) {
    const why = 'waiting' in reading ? reading.waiting : reading.failed;
    return changeBooking({ booking, at, payment: retryLater(booking.payment, why, at) });
  }
  const { settlement } = reading;
  const payment = settle(booking.payment, booking.bookingId, settlement);
  if (settlement.kind === 'refund_accepted' && payment.step !== undefined) {
    const check = new Date(Date.parse(at) + REFUND_CHECK_SECONDS * 1000).toISOString();
    return changeBooking({
      booking,
      at,
      payment: { ...payment, step: { ...payment.step, nextAttemptAt: check } },
    });
  }
  const capturing = booking.payment.step?.kind === 'capture';
  if (capturing && settlement.kind === 'captured' && booking.status === 'AWAITING_HOSPITAL') {
    const { status, entry } = transitionBooking(booking.status, 'hospital_accepted', at);
    return changeBooking({ booking, at, to: status, entry, counters: 'confirm', payment });
  }
  if (capturing && settlement.kind === 'released' && booking.status === 'AWAITING_HOSPITAL') {
    // The hospital accepted, but the card can no longer be charged: the booking ends, nobody pays.
    const { status, entry } = transitionBooking(
      booking.status,
      'capture_failed',
      at,
      'the card authorisation had lapsed',
    );
    return changeBooking({ booking, at, to: status, entry, counters: 'release', payment });
  }
  return changeBooking({ booking, at, payment });
}

/**
 * Drives the booking's pending money step once. `onlyIfDue` (the sweep) leaves a step alone until
 * its next attempt is due; the request and the stream drive it at once.
 */
export async function driveMoney(
  bookingId: string,
  payments: PaymentPort,
  now: Date,
  options: { onlyIfDue?: boolean } = {},
): Promise<DriveResult> {
  const at = now.toISOString();
  for (let round = 0; round < 3; round += 1) {
    const booking = await getBooking(bookingId);
    const step = booking?.payment.step;
    if (booking === undefined || step === undefined) return { booking, outcome: 'idle' };
    if (options.onlyIfDue === true && step.nextAttemptAt > at) return { booking, outcome: 'idle' };
    let reading: Reading;
    try {
      reading = await advance(booking, step, payments, at);
    } catch (error) {
      reading = { failed: describe(error) };
      logger.warn('money step not done yet', { bookingId, step: step.id, error: describe(error) });
    }
    try {
      const written = await record(booking, reading, at);
      const outcome =
        'failed' in reading
          ? 'retry'
          : 'waiting' in reading || written.payment.step !== undefined
            ? 'waiting'
            : 'settled';
      if (written.payment.status === 'needs_attention') {
        logger.error('money step needs attention', {
          bookingId,
          step: step.id,
          reason: written.payment.attention?.reason,
        });
      }
      return { booking: written, outcome };
    } catch (error) {
      // Someone else settled or moved the booking meanwhile: read it again and see what is left to do.
      if (error instanceof ConflictError && error.code === 'stale_booking') continue;
      throw error;
    }
  }
  return { booking: await getBooking(bookingId), outcome: 'retry' };
}

/**
 * The reconciler's sweep: every booking whose step is due, oldest first, each on its own (one that
 * fails never stops the others), at most `limit` per run.
 */
export async function reconcileDue(
  payments: PaymentPort,
  now: Date,
  limit = 50,
): Promise<{ settled: number; waiting: number; retry: number; failed: number }> {
  const counts = { settled: 0, waiting: 0, retry: 0, failed: 0 };
  for (const due of await dueBookings('MONEY', now.toISOString(), limit)) {
    await runWithKeys({ bookingId: due.bookingId }, async () => {
      try {
        const { outcome } = await driveMoney(due.bookingId, payments, now, { onlyIfDue: true });
        if (outcome !== 'idle') counts[outcome] += 1;
      } catch (error) {
        counts.failed += 1;
        logger.error('reconciling a booking failed', { bookingId: due.bookingId, error: describe(error) });
      }
    });
  }
  reportMoneySteps(await countMoneySteps());
  return counts;
}

/** What the provider holds for a booking, from its own objects: captured minus refunded, and whether an authorisation is open. */
export async function providerHoldings(
  booking: Booking,
  payments: PaymentPort,
): Promise<
  { captured: number; refunded: number; net: number; openAuthorization: boolean; status: string } | undefined
> {
  const paymentIntentId = booking.payment.paymentIntentId;
  if (paymentIntentId === undefined) return undefined;
  const intent = await payments.retrieve(paymentIntentId);
  const refunded = (await payments.refunds(paymentIntentId))
    .filter((refund) => refund.status === 'succeeded' || refund.status === 'pending')
    .reduce((sum, refund) => sum + refund.amount, 0);
  return {
    captured: intent.amountReceived,
    refunded,
    net: intent.amountReceived - refunded,
    openAuthorization: intent.status === 'requires_capture',
    status: intent.status,
  };
}

/**
 * A booking whose money is at rest, checked against the provider after it said something changed:
 * money the provider captured on a booking that may keep less of it (a capture nobody recorded) is
 * refunded; anything else that disagrees is flagged for the operator.
 */
export async function reconcileAtRest(booking: Booking, payments: PaymentPort, now: Date): Promise<Booking> {
  if (
    booking.payment.step !== undefined ||
    booking.status === 'HELD' ||
    booking.status === 'AWAITING_HOSPITAL'
  ) {
    return booking;
  }
  const held = await providerHoldings(booking, payments);
  if (held === undefined) return booking;
  const expected = expectedNet(booking).net;
  if (held.net === expected && !held.openAuthorization) return booking;
  const at = now.toISOString();
  if (held.net > expected && !held.openAuthorization) {
    const captured = {
      ...booking.payment,
      status: 'captured' as const,
      amountCaptured: held.captured,
      amountRefunded: held.refunded,
    };
    const payment = startRefund(
      captured,
      booking.bookingId,
      held.net - expected,
      `the provider holds ${held.net} ${booking.payment.currency} of which the booking may keep ${expected}: the rest is refunded`,
      at,
    );
    logger.error('provider holds more than the booking may keep', {
      bookingId: booking.bookingId,
      held: held.net,
      expected,
    });
    const written = await changeBooking({ booking, at, payment });
    return (await driveMoney(written.bookingId, payments, now)).booking ?? written;
  }
  const reason = held.openAuthorization
    ? `an authorisation is still open on a ${booking.status} booking`
    : `the provider holds ${held.net} ${booking.payment.currency}, the booking's policy says ${expected}`;
  logger.error('money disagrees with the provider', { bookingId: booking.bookingId, reason });
  return changeBooking({
    booking,
    at,
    payment: { ...booking.payment, attention: booking.payment.attention ?? { reason, since: at } },
  });
}
