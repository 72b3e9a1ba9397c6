/**
 * A tourist cancels. The booking and everything it took are released in one
 * transaction first; then the money follows: an authorisation is cancelled,
 * a capture is refunded by the package's tiers. If the provider cannot be
 * reached, the booking is already cancelled and a repeated cancel request
 * finishes the money part (every provider call is idempotent).
 */
import type { Booking, BookingView, CancellationPolicy, Principal } from '@shifa/contracts';
import {
  ConflictError,
  cancellationDecision,
  effectiveStatus,
  NotFoundError,
  transitionBooking,
} from '@shifa/domain';
import { logger } from '@shifa/runtime';
import { catalogReader, changeStatus, updatePayment } from '@shifa/store';
import { bookingFor, viewFor } from './access';
import { expireHold } from './expire';
import type { PaymentPort } from './ports';

export async function cancelBooking(
  principal: Principal,
  bookingId: string,
  payments: PaymentPort,
  now: Date,
  reason: string | undefined,
): Promise<BookingView> {
  let { booking } = await bookingFor(principal, bookingId, ['tourist']);
  const at = now.toISOString();
  if (
    effectiveStatus(booking.status, booking.holdExpiresAt, now) === 'EXPIRED' &&
    booking.status === 'HELD'
  ) {
    booking = await expireHold(booking, payments, now);
  }
  if (booking.status !== 'CANCELLED') {
    const decision = cancellationDecision(booking, await policyOf(booking), now);
    const { status, entry } = transitionBooking(booking.status, 'tourist_cancelled', at, reason);
    booking = await changeStatus({
      booking,
      to: status,
      entry,
      at,
      counters: 'release',
      cancellation: { ...decision, at },
    });
  }
  booking = await settleCancellation(booking, payments, at);
  return viewFor(booking, 'tourist', now);
}

/** Makes the money match a cancelled booking; safe to run again after a crash. */
export async function settleCancellation(
  booking: Booking,
  payments: PaymentPort,
  at: string,
): Promise<Booking> {
  const { payment } = booking;
  if (booking.status !== 'CANCELLED' || payment.paymentIntentId === undefined) return booking;
  try {
    if (payment.status === 'pending' || payment.status === 'authorized') {
      await payments.cancelAuthorization(payment.paymentIntentId, booking.bookingId, 'requested_by_customer');
      return await updatePayment(booking, { ...payment, status: 'authorization_canceled' }, at);
    }
    const owed = booking.cancellation?.amount ?? 0;
    if (payment.status === 'captured' || payment.status === 'partially_refunded') {
      if (owed > payment.amountRefunded) {
        const refund = await payments.refund({
          paymentIntentId: payment.paymentIntentId,
          bookingId: booking.bookingId,
          amount: owed - payment.amountRefunded,
        });
        const amountRefunded = payment.amountRefunded + refund.amountRefunded;
        const status = amountRefunded >= payment.amountCaptured ? 'refunded' : 'partially_refunded';
        return await updatePayment(booking, { ...payment, amountRefunded, status }, at);
      }
    }
  } catch (error) {
    if (error instanceof ConflictError) throw error;
    logger.warn('cancellation money not settled yet', {
      bookingId: booking.bookingId,
      error: (error as Error).name,
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
