/**
 * The money state machine of a booking. A change of the booking that moves money (the hospital
 * accepts, a hold expires, a tourist cancels) does not call the provider: it records the step the
 * money must take (capture, release, refund by the policy), in the same transaction as the booking
 * change. The reconciler then drives each recorded step to its end against the provider's own
 * objects and settles it here. Pure: plain data in, plain data out.
 *
 *   unpaid ──authorised──▶ authorized ──accept──▶ capture_pending ──▶ captured ──cancel (tier > 0)──▶ refund_pending ──▶ refunded
 *     │                      │                        │                                  ▲
 *     └──expire / cancel / decline / timeout──▶ release_pending ──▶ released             │
 *                                   (the provider captured after all: the whole amount)──┘
 *   any pending step the provider refuses for good ──▶ needs_attention (still retried, listed for the operator)
 */
import type { Booking, MoneyState, MoneyStep, MoneyStepKind, Payment } from '@shifa/contracts';
import { ConflictError } from '../errors';

/** Waits between tries of a step the provider did not complete, in seconds; the last one repeats. */
export const MONEY_RETRY_SECONDS = [30, 60, 120, 300, 600, 1200, 1800, 3600] as const;

/** After this many failed tries a step is flagged for the operator; it is still retried. */
export const ATTENTION_AFTER_ATTEMPTS = 6;

/** States in which the reconciler has a step to drive. */
export const PENDING_MONEY_STATES: readonly MoneyState[] = [
  'capture_pending',
  'release_pending',
  'refund_pending',
  'needs_attention',
];

/** The step's id: the provider's idempotency key and the refund's metadata, the same on every retry. */
export const moneyStepId = (bookingId: string, kind: MoneyStepKind, sequence = 1): string =>
  kind === 'refund' ? `${bookingId}.refund.${sequence}` : `${bookingId}.${kind}`;

const addSeconds = (at: string, seconds: number): string =>
  new Date(Date.parse(at) + seconds * 1000).toISOString();

function step(kind: MoneyStepKind, id: string, amount: number, reason: string, at: string): MoneyStep {
  // Due at once: the change that records it also starts it (the table's stream, and the request itself).
  return { kind, id, amount, reason, requestedAt: at, attempts: 0, nextAttemptAt: at };
}

function refuse(payment: Payment, what: string): never {
  throw new ConflictError(
    'money_step_not_allowed',
    `the booking's money is ${payment.status}; it cannot ${what} now`,
    [{ path: 'payment.status', message: payment.status }],
  );
}

/** The card was authorised (the provider's word): the hold may go to its hospital. */
export function authorize(payment: Payment, paymentIntentId: string, authorizedAt: string): Payment {
  if (payment.status !== 'unpaid') refuse(payment, 'be authorised');
  return { ...payment, status: 'authorized', paymentIntentId, authorizedAt };
}

/** The hospital accepted: the authorised amount is to be captured. */
export function startCapture(payment: Payment, bookingId: string, reason: string, at: string): Payment {
  if (payment.status !== 'authorized') refuse(payment, 'be captured');
  return {
    ...payment,
    status: 'capture_pending',
    step: step('capture', moneyStepId(bookingId, 'capture'), payment.amount, reason, at),
  };
}

/**
 * Nothing may be charged (the hold expired or was cancelled, the hospital declined or did not
 * answer): any authorisation, and a PaymentIntent the tourist might still confirm, are cancelled.
 * Without a PaymentIntent there is nothing to release.
 */
export function startRelease(payment: Payment, bookingId: string, reason: string, at: string): Payment {
  if (payment.status !== 'unpaid' && payment.status !== 'authorized') refuse(payment, 'be released');
  if (payment.paymentIntentId === undefined) return { ...payment, status: 'released' };
  return {
    ...payment,
    status: 'release_pending',
    step: step('release', moneyStepId(bookingId, 'release'), 0, reason, at),
  };
}

/** A captured booking is cancelled: the policy's refund is owed (none when its tier gives nothing). */
export function startRefund(
  payment: Payment,
  bookingId: string,
  amount: number,
  reason: string,
  at: string,
): Payment {
  if (payment.status !== 'captured') refuse(payment, 'be refunded');
  if (!Number.isInteger(amount) || amount < 0 || amount > payment.amountCaptured - payment.amountRefunded) {
    throw new RangeError(`a refund of ${amount} does not fit what was captured and not yet refunded`);
  }
  if (amount === 0) return payment;
  const sequence = payment.refundSteps + 1;
  return {
    ...payment,
    status: 'refund_pending',
    refundSteps: sequence,
    step: step('refund', moneyStepId(bookingId, 'refund', sequence), amount, reason, at),
  };
}

/** What the provider's objects say about the pending step, as the reconciler read them. */
export type Settlement =
  /** The capture happened: this much is captured. */
  | { kind: 'captured'; amount: number; at: string }
  /** Nothing is or will be captured: the authorisation is cancelled, or lapsed before the capture. */
  | { kind: 'released'; at: string }
  /** A release found the money captured after all: all of it is owed back. */
  | { kind: 'captured_instead'; amount: number; at: string }
  /** The provider accepted the refund but has not finished it (Stripe's `pending`). */
  | { kind: 'refund_accepted'; providerObjectId: string; at: string }
  | { kind: 'refunded'; amount: number; providerObjectId: string; at: string }
  /** The provider will not do it (a refund that failed, an object in a state no retry changes). */
  | { kind: 'failed_for_good'; reason: string; at: string };

/** The payment once the step is settled as the provider says. */
export function settle(payment: Payment, bookingId: string, settlement: Settlement): Payment {
  const current = payment.step;
  if (current === undefined) refuse(payment, 'be settled');
  const { step: _done, attention: _seen, ...rest } = payment;
  const done = (entry: { amount: number; providerObjectId?: string }) => [
    ...payment.ledger,
    { step: current.id, kind: current.kind, at: settlement.at, ...entry },
  ];
  switch (settlement.kind) {
    case 'captured':
      if (current.kind !== 'capture') refuse(payment, 'be settled as captured');
      return {
        ...rest,
        status: 'captured',
        amountCaptured: settlement.amount,
        ledger: done({ amount: settlement.amount }),
      };
    case 'released':
      if (current.kind === 'refund') refuse(payment, 'be settled as released');
      return { ...rest, status: 'released', ledger: done({ amount: 0 }) };
    case 'captured_instead': {
      if (current.kind !== 'release') refuse(payment, 'turn a release into a refund');
      const captured = { ...rest, status: 'captured' as const, amountCaptured: settlement.amount };
      return startRefund(
        captured,
        bookingId,
        settlement.amount - payment.amountRefunded,
        'the provider captured money on a booking that may not be charged: all of it is refunded',
        settlement.at,
      );
    }
    case 'refund_accepted':
      if (current.kind !== 'refund') refuse(payment, 'record a refund');
      return { ...payment, step: { ...current, providerObjectId: settlement.providerObjectId } };
    case 'refunded':
      if (current.kind !== 'refund') refuse(payment, 'be settled as refunded');
      return {
        ...rest,
        status: 'refunded',
        amountRefunded: payment.amountRefunded + settlement.amount,
        ledger: done({ amount: settlement.amount, providerObjectId: settlement.providerObjectId }),
      };
    case 'failed_for_good':
      return {
        ...payment,
        status: 'needs_attention',
        attention: { reason: settlement.reason, since: payment.attention?.since ?? settlement.at },
        step: { ...current, nextAttemptAt: addSeconds(settlement.at, 3600) },
      };
  }
}

/**
 * The provider could not be reached or answered with an error worth retrying: the step waits,
 * longer each time, and is flagged for the operator once it has failed often enough.
 */
export function retryLater(payment: Payment, error: string, now: string): Payment {
  const current = payment.step;
  if (current === undefined) refuse(payment, 'be retried');
  const attempts = current.attempts + 1;
  const wait = MONEY_RETRY_SECONDS[Math.min(attempts, MONEY_RETRY_SECONDS.length) - 1] ?? 3600;
  const flagged =
    attempts >= ATTENTION_AFTER_ATTEMPTS
      ? {
          attention: payment.attention ?? {
            reason: `${current.kind} failed ${attempts} times; last: ${error}`.slice(0, 300),
            since: now,
          },
        }
      : {};
  return {
    ...payment,
    ...flagged,
    step: { ...current, attempts, nextAttemptAt: addSeconds(now, wait), lastError: error.slice(0, 300) },
  };
}

/** Whether the reconciler has a step to drive, and whether an operator should look at it. */
export const hasPendingStep = (payment: Payment): boolean => payment.step !== undefined;
export const needsAttention = (payment: Payment): boolean =>
  payment.status === 'needs_attention' || payment.attention !== undefined;

/** Statuses after which the booking's money must be at rest. */
const FINAL_STATUSES: readonly Booking['status'][] = [
  'CONFIRMED',
  'COMPLETED',
  'CANCELLED',
  'EXPIRED',
  'DECLINED',
];

/**
 * What the provider must end up holding for the booking (captured minus refunded), as its status
 * and policy say, independent of what our own payment record claims. `settled` is whether the
 * money should already be there: the booking is final and no step is pending.
 */
export function expectedNet(booking: Booking): { net: number; settled: boolean } {
  const settled = FINAL_STATUSES.includes(booking.status) && booking.payment.step === undefined;
  switch (booking.status) {
    case 'CONFIRMED':
    case 'COMPLETED':
      return { net: booking.price.total, settled };
    case 'CANCELLED': {
      // What had been captured when it was cancelled, less the refund its policy gave; cancellations
      // recorded before `charged` existed were either uncaptured or refunded from a full capture.
      const cancellation = booking.cancellation;
      if (cancellation === undefined) return { net: 0, settled };
      const charged = cancellation.charged ?? (cancellation.method === 'refund' ? booking.price.total : 0);
      return { net: charged - cancellation.amount, settled };
    }
    default:
      return { net: 0, settled };
  }
}
