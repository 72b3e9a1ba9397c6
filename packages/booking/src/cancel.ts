/**
 * A tourist cancels. The booking and everything it took are released in one transaction, with the
 * money step its state calls for: an authorisation (or an unconfirmed PaymentIntent) is released,
 * a capture is refunded by the package's tiers. The reconciler then does it (at once, here, when
 * the provider answers; else within minutes). While the hospital's acceptance is being captured the
 * cancellation is refused with 409 `decision_in_progress`, to be asked again once the booking is
 * confirmed, when it is refunded by its tier: no interleaving leaves money captured on a booking
 * that is neither confirmed nor refunded by its policy.
 */
import type { Booking, BookingView, CancellationPolicy, Principal } from '@shifa/contracts';
import {
  ConflictError,
  cancellationDecision,
  effectiveStatus,
  NotFoundError,
  startRefund,
  startRelease,
  transitionBooking,
} from '@shifa/domain';
import { catalogReader, changeStatus } from '@shifa/store';
import { bookingFor, mutationView, onFreshBooking } from './access';
import { expireHold } from './expire';
import type { PaymentPort } from './ports';
import { driveMoney } from './reconcile';

/** Long enough for a capture to finish, which is what the tourist waits for. */
export const DECISION_IN_PROGRESS_RETRY_SECONDS = 5;

export async function cancelBooking(
  principal: Principal,
  bookingId: string,
  payments: PaymentPort,
  now: Date,
  reason: string | undefined,
): Promise<BookingView> {
  const booking = await onFreshBooking(async () => {
    const { booking: read } = await bookingFor(principal, bookingId, ['tourist']);
    return cancel(read, payments, now, reason);
  });
  const { booking: settled } = await driveMoney(booking.bookingId, payments, now);
  return mutationView(settled ?? booking, now);
}

async function cancel(
  read: Booking,
  payments: PaymentPort,
  now: Date,
  reason: string | undefined,
): Promise<Booking> {
  let booking = read;
  const at = now.toISOString();
  if (
    booking.status === 'HELD' &&
    effectiveStatus(booking.status, booking.holdExpiresAt, now) === 'EXPIRED'
  ) {
    booking = await expireHold(booking, payments, now);
  }
  if (booking.status === 'AWAITING_HOSPITAL' && booking.decision?.outcome === 'accepted') {
    throw new ConflictError(
      'decision_in_progress',
      'the hospital has just accepted this booking and the card is being charged; cancel again in a few seconds, and the refund follows the cancellation tiers',
      undefined,
      { retryAfterSeconds: DECISION_IN_PROGRESS_RETRY_SECONDS },
    );
  }
  if (booking.status !== 'CANCELLED') {
    const decision = cancellationDecision(booking, await policyOf(booking), now);
    const { status, entry } = transitionBooking(booking.status, 'tourist_cancelled', at, reason);
    const payment =
      booking.payment.status === 'captured'
        ? startRefund(booking.payment, booking.bookingId, decision.amount, decision.rule, at)
        : startRelease(
            booking.payment,
            booking.bookingId,
            'the tourist cancelled before anything was charged',
            at,
          );
    booking = await changeStatus({
      booking,
      to: status,
      entry,
      at,
      counters: 'release',
      cancellation: { ...decision, at },
      // Conditioned on the version read: an acceptance committed meanwhile makes this one stale.
      payment,
    });
  }
  return booking;
}

/** The tiers the booking was made under; bookings made before they were snapshotted read the package's. */
async function policyOf(booking: Booking): Promise<CancellationPolicy> {
  if (booking.cancellationPolicy !== undefined) return booking.cancellationPolicy;
  const found = await catalogReader.packageWithDepartures(booking.packageId);
  if (found === undefined)
    throw new NotFoundError('package_not_found', 'the booked package no longer exists');
  return found.pkg.cancellationPolicy;
}
