/**
 * What the payment provider tells us, applied to bookings. Each event is checked against the
 * booking (its PaymentIntent, amount, currency, and the account's mode) before it counts; each
 * event id is processed once. A hold goes to its hospital when its card was authorised in time,
 * by the provider's clock, however late the event arrives; an authorisation made after the hold
 * ended is released, never captured. Events about captures, cancellations and refunds hand the
 * booking to the reconciler, which reads the provider's objects itself: events may come late,
 * twice or out of order, and none of that can move money twice.
 */
import type { Booking } from '@shifa/contracts';
import { authorize, ConflictError, transitionBooking } from '@shifa/domain';
import { correlate, countBusiness, logger } from '@shifa/runtime';
import { changeBooking, getBooking, markEventProcessed } from '@shifa/store';
import { bookingSettings } from './config';
import { expireHold } from './expire';
import type { PaymentPort } from './ports';
import { driveMoney, reconcileAtRest } from './reconcile';

export type PaymentEvent = {
  id: string;
  type: string;
  /** Unix seconds, the provider's clock: for an authorisation, when the card was authorised. */
  created: number;
  livemode: boolean;
  paymentIntentId: string;
  bookingId: string | undefined;
  amount: number;
  /** ISO 4217, upper case. */
  currency: string;
  amountCapturable: number;
  amountReceived: number;
};

export type EventOutcome =
  | 'awaiting_hospital'
  | 'late_authorization_released'
  | 'reconciled'
  | 'recorded'
  | 'duplicate'
  | 'mismatch'
  | 'ignored';

export function decisionDeadline(now: Date, hours = bookingSettings().decisionHours): string {
  return new Date(now.getTime() + hours * 3_600_000).toISOString();
}

/**
 * The card was authorised at `authorizedAt`, before the hold ran out: the booking goes to its
 * hospital, with the provider's event recorded in the same transaction when there is one.
 */
export async function acceptAuthorization(
  booking: Booking,
  paymentIntentId: string,
  authorizedAt: string,
  now: Date,
  processedEvent?: string,
): Promise<Booking> {
  const at = now.toISOString();
  const { status, entry } = transitionBooking(booking.status, 'payment_authorized', at);
  return changeBooking({
    booking,
    to: status,
    entry,
    at,
    counters: 'none',
    payment: authorize(booking.payment, paymentIntentId, authorizedAt),
    patch: { decisionDeadline: decisionDeadline(now) },
    ...(processedEvent === undefined
      ? {}
      : { processedEvent: { provider: 'STRIPE', eventId: processedEvent } }),
  });
}

async function authorized(
  event: PaymentEvent,
  booking: Booking,
  payments: PaymentPort,
  now: Date,
): Promise<EventOutcome> {
  const authorizedAt = new Date(event.created * 1000).toISOString();
  if (booking.status === 'HELD' && authorizedAt < booking.holdExpiresAt) {
    try {
      await acceptAuthorization(booking, event.paymentIntentId, authorizedAt, now, event.id);
      return 'awaiting_hospital';
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      if (error.code === 'event_already_processed') return 'duplicate';
      // Moved meanwhile (the sweeper read the same authorisation, or the tourist cancelled): decide again.
      const fresh = await getBooking(booking.bookingId);
      if (fresh === undefined || fresh.status === 'HELD') throw error;
      return authorized(event, fresh, payments, now);
    }
  }
  if (
    booking.status === 'AWAITING_HOSPITAL' ||
    booking.status === 'CONFIRMED' ||
    booking.status === 'COMPLETED'
  ) {
    // Already past this point: a repeated or reordered event.
    return (await markEventProcessed('STRIPE', event.id, booking.bookingId, now.toISOString()))
      ? 'recorded'
      : 'duplicate';
  }
  // Authorised after the hold ran out, or for a booking that ended: nobody may be charged for it.
  const ended =
    booking.status === 'HELD' ? await expireHold(booking, payments, now, { authorizedAt }) : booking;
  if (ended.status === 'AWAITING_HOSPITAL') return 'awaiting_hospital';
  await driveMoney(ended.bookingId, payments, now);
  logger.info('late authorisation released', { bookingId: booking.bookingId, status: ended.status });
  await markEventProcessed('STRIPE', event.id, booking.bookingId, now.toISOString());
  return 'late_authorization_released';
}

/** Events about the money after authorisation: the reconciler reads the provider and acts on what it finds. */
async function moneyMoved(
  event: PaymentEvent,
  booking: Booking,
  payments: PaymentPort,
  now: Date,
): Promise<EventOutcome> {
  if (booking.payment.step !== undefined) {
    await driveMoney(booking.bookingId, payments, now);
    return 'reconciled';
  }
  // Nothing pending on our side: the provider may still have done something nobody asked for.
  await reconcileAtRest(booking, payments, now);
  await markEventProcessed('STRIPE', event.id, booking.bookingId, now.toISOString());
  return 'recorded';
}

export async function applyPaymentEvent(
  event: PaymentEvent,
  payments: PaymentPort,
  now: Date,
): Promise<EventOutcome> {
  if (event.livemode !== payments.livemode) {
    logger.warn('payment event from the other mode refused', { eventId: event.id, livemode: event.livemode });
    return 'ignored';
  }
  if (event.bookingId === undefined) return 'ignored';
  correlate({ bookingId: event.bookingId });
  const booking = await getBooking(event.bookingId);
  if (
    booking === undefined ||
    (booking.payment.paymentIntentId !== undefined &&
      booking.payment.paymentIntentId !== event.paymentIntentId)
  ) {
    logger.warn('payment event for an unknown booking or payment', { eventId: event.id, type: event.type });
    return 'ignored';
  }
  // A refund's event carries the refund's amount; every other one the payment's, which must be the booking's.
  const amountOf = event.type === 'charge.refund.updated' ? booking.payment.amount : event.amount;
  if (amountOf !== booking.payment.amount || event.currency !== booking.payment.currency) {
    // Not the payment this booking asked for: it must not move the booking. The hold's end releases it.
    logger.error('payment event does not match its booking', {
      eventId: event.id,
      bookingId: booking.bookingId,
      amount: event.amount,
      currency: event.currency,
    });
    return 'mismatch';
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
    case 'payment_intent.succeeded':
    case 'payment_intent.canceled':
    case 'charge.refunded':
    case 'charge.refund.updated':
      return moneyMoved(event, booking, payments, now);
    default:
      return 'ignored';
  }
}
