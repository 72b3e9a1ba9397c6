/**
 * What the payment provider tells us, applied to bookings. Each event id is
 * processed once (its marker is written in the same transaction as the change
 * it causes); events that arrive late or out of order cannot move a booking
 * backwards, because every change is conditioned on the status it expects.
 * An authorisation that arrives after its hold expired is cancelled, never
 * captured.
 */
import type { Booking } from '@shifa/contracts';
import { ConflictError, effectiveStatus, transitionBooking } from '@shifa/domain';
import { correlate, countBusiness, logger } from '@shifa/runtime';
import { changeStatus, getBooking, markEventProcessed, updatePayment } from '@shifa/store';
import { bookingSettings } from './config';
import { expireHold } from './expire';
import type { PaymentPort } from './ports';

export type PaymentEvent = {
  id: string;
  type: string;
  paymentIntentId: string;
  bookingId: string | undefined;
  amountCapturable: number;
  amountReceived: number;
};

export type EventOutcome =
  | 'awaiting_hospital'
  | 'late_authorization_cancelled'
  | 'recorded'
  | 'duplicate'
  | 'ignored';

export function decisionDeadline(now: Date, hours = bookingSettings().decisionHours): string {
  return new Date(now.getTime() + hours * 3_600_000).toISOString();
}

async function authorized(
  event: PaymentEvent,
  booking: Booking,
  payments: PaymentPort,
  now: Date,
): Promise<EventOutcome> {
  const at = now.toISOString();
  const live = effectiveStatus(booking.status, booking.holdExpiresAt, now);
  if (live === 'HELD') {
    const { status, entry } = transitionBooking(booking.status, 'payment_authorized', at);
    try {
      await changeStatus({
        booking,
        to: status,
        entry,
        at,
        counters: 'none',
        // The hold must still be alive: the sweeper's release is conditioned on the opposite.
        condition: {
          expression: '#holdExpiresAt > :now',
          names: { '#holdExpiresAt': 'holdExpiresAt' },
          values: { ':now': at },
        },
        payment: { ...booking.payment, paymentIntentId: event.paymentIntentId, status: 'authorized' },
        processedEvent: { provider: 'STRIPE', eventId: event.id },
        inboxAt: decisionDeadline(now),
        patch: { decisionDeadline: decisionDeadline(now) },
      });
      return 'awaiting_hospital';
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      if (error.code === 'event_already_processed') return 'duplicate';
      // The booking moved meanwhile (expired, cancelled): decide again on what it is now.
      const fresh = await getBooking(booking.bookingId);
      if (fresh === undefined || fresh.status === 'HELD') throw error;
      return authorized(event, fresh, payments, now);
    }
  }
  if (live === 'AWAITING_HOSPITAL' || live === 'CONFIRMED' || live === 'COMPLETED') {
    // Already past this point: a repeated or reordered event.
    return (await markEventProcessed('STRIPE', event.id, booking.bookingId, at)) ? 'recorded' : 'duplicate';
  }
  // Expired, cancelled or declined: nobody may be charged for it.
  if (booking.status === 'HELD') {
    // Its time is up but the sweeper has not come by yet: release it now, which also cancels the payment.
    await expireHold(booking, payments, now);
  }
  await payments.cancelAuthorization(event.paymentIntentId, booking.bookingId);
  const current = (await getBooking(booking.bookingId)) ?? booking;
  if (current.payment.status !== 'authorization_canceled') {
    await updatePayment(current, { ...current.payment, status: 'authorization_canceled' }, at);
  }
  logger.info('late authorisation cancelled', { bookingId: booking.bookingId, status: live });
  await markEventProcessed('STRIPE', event.id, booking.bookingId, at);
  return 'late_authorization_cancelled';
}

export async function applyPaymentEvent(
  event: PaymentEvent,
  payments: PaymentPort,
  now: Date,
): Promise<EventOutcome> {
  if (event.bookingId === undefined) return 'ignored';
  correlate({ bookingId: event.bookingId });
  const booking = await getBooking(event.bookingId);
  if (
    booking === undefined ||
    (booking.payment.paymentIntentId !== event.paymentIntentId &&
      booking.payment.paymentIntentId !== undefined)
  ) {
    logger.warn('payment event for an unknown booking or payment', { eventId: event.id, type: event.type });
    return 'ignored';
  }
  switch (event.type) {
    case 'payment_intent.amount_capturable_updated': {
      if (event.amountCapturable <= 0) return 'ignored';
      const outcome = await authorized(event, booking, payments, now);
      if (outcome === 'awaiting_hospital') countBusiness('paymentsAuthorised', {});
      return outcome;
    }
    case 'payment_intent.payment_failed': {
      // The hold stays; the tourist may try another card until it expires.
      const first = await markEventProcessed('STRIPE', event.id, booking.bookingId, now.toISOString());
      if (first) countBusiness('paymentsFailed', {});
      return first ? 'recorded' : 'duplicate';
    }
    default:
      return 'ignored';
  }
}
