/**
 * The hospital's answer. Accepting first records the decision (only while the
 * booking awaits one and its deadline has not passed), then captures the card,
 * then confirms: a crash in between is finished by asking again or by the
 * sweep, and a lapsed authorisation ends in CANCELLED with the reason, never
 * CONFIRMED without money. Declining, or the deadline passing, releases every
 * resource and cancels the authorisation, so the patient is never charged.
 */
import type { Booking, BookingView, DeclineReason, Principal } from '@shifa/contracts';
import { ConflictError, transitionBooking } from '@shifa/domain';
import { countBusiness, logger, runWithKeys } from '@shifa/runtime';
import { changeStatus, dueBookings, markAccepted, updatePayment } from '@shifa/store';
import { bookingFor, viewFor } from './access';
import { AuthorizationLapsedError, type PaymentPort } from './ports';

function awaitingDecision(booking: Booking): void {
  if (booking.status !== 'AWAITING_HOSPITAL') {
    throw new ConflictError(
      'not_awaiting_decision',
      `the booking is ${booking.status}; there is nothing to decide`,
      [{ path: 'status', message: booking.status }],
    );
  }
}

/** Capture and confirm an accepted booking; safe to run again. */
export async function completeAcceptance(
  booking: Booking,
  payments: PaymentPort,
  now: Date,
): Promise<Booking> {
  const at = now.toISOString();
  const paymentIntentId = booking.payment.paymentIntentId;
  if (paymentIntentId === undefined)
    throw new Error(`booking ${booking.bookingId} awaits a decision without a payment`);
  try {
    const { amountCaptured } = await payments.capture(paymentIntentId, booking.bookingId);
    const { status, entry } = transitionBooking(booking.status, 'hospital_accepted', at);
    return await changeStatus({
      booking,
      to: status,
      entry,
      at,
      counters: 'confirm',
      payment: { ...booking.payment, status: 'captured', amountCaptured },
    });
  } catch (error) {
    if (error instanceof AuthorizationLapsedError) {
      const { status, entry } = transitionBooking(
        booking.status,
        'capture_failed',
        at,
        'the card authorisation had lapsed',
      );
      return changeStatus({
        booking,
        to: status,
        entry,
        at,
        counters: 'release',
        payment: { ...booking.payment, status: 'capture_failed' },
      });
    }
    throw error;
  }
}

export async function acceptBooking(
  principal: Principal,
  bookingId: string,
  payments: PaymentPort,
  now: Date,
): Promise<BookingView> {
  let { booking } = await bookingFor(principal, bookingId, ['hospital']);
  if (booking.status === 'CONFIRMED' && booking.decision?.outcome === 'accepted')
    return viewFor(booking, 'hospital', now);
  awaitingDecision(booking);
  if (booking.decision?.outcome !== 'accepted') {
    if (booking.decisionDeadline !== undefined && booking.decisionDeadline <= now.toISOString()) {
      throw new ConflictError('decision_deadline_passed', 'the deadline to answer this booking has passed');
    }
    booking = await markAccepted(booking, now.toISOString());
    countBusiness('hospitalDecisions', { decision: 'accept' });
  }
  booking = await completeAcceptance(booking, payments, now);
  return viewFor(booking, 'hospital', now);
}

async function decline(
  booking: Booking,
  reason: DeclineReason,
  note: string | undefined,
  payments: PaymentPort,
  now: Date,
): Promise<Booking> {
  const at = now.toISOString();
  const event = reason === 'hospital_timeout' ? 'hospital_timeout' : 'hospital_declined';
  const { status, entry } = transitionBooking(booking.status, event, at, note);
  const declined = await changeStatus({
    booking,
    to: status,
    entry,
    at,
    counters: 'release',
    // An accepted booking is being captured: neither a late decline nor the timeout may undo it.
    condition: {
      expression: 'attribute_not_exists(#decision)',
      names: { '#decision': 'decision' },
      values: {},
    },
    patch: { decision: { outcome: 'declined', at, reason, ...(note === undefined ? {} : { note }) } },
  });
  countBusiness('hospitalDecisions', { decision: reason === 'hospital_timeout' ? 'timeout' : 'decline' });
  return releaseAuthorization(declined, payments, at);
}

/** Cancels the card authorisation of a booking that will not be charged; safe to run again. */
export async function releaseAuthorization(
  booking: Booking,
  payments: PaymentPort,
  at: string,
): Promise<Booking> {
  const paymentIntentId = booking.payment.paymentIntentId;
  if (paymentIntentId === undefined || booking.payment.status !== 'authorized') return booking;
  try {
    await payments.cancelAuthorization(paymentIntentId, booking.bookingId, 'abandoned');
    return await updatePayment(booking, { ...booking.payment, status: 'authorization_canceled' }, at);
  } catch (error) {
    logger.warn('authorisation not released yet', {
      bookingId: booking.bookingId,
      error: (error as Error).name,
    });
    return booking;
  }
}

export async function declineBooking(
  principal: Principal,
  bookingId: string,
  reason: Exclude<DeclineReason, 'hospital_timeout'>,
  note: string | undefined,
  payments: PaymentPort,
  now: Date,
): Promise<BookingView> {
  const { booking } = await bookingFor(principal, bookingId, ['hospital']);
  if (booking.status === 'DECLINED' && booking.decision?.outcome === 'declined') {
    return viewFor(await releaseAuthorization(booking, payments, now.toISOString()), 'hospital', now);
  }
  awaitingDecision(booking);
  if (booking.decision?.outcome === 'accepted') {
    throw new ConflictError('already_accepted', 'this booking was accepted; it is being confirmed');
  }
  return viewFor(await decline(booking, reason, note, payments, now), 'hospital', now);
}

/**
 * The decision sweep: bookings past their deadline are declined with
 * `hospital_timeout`; accepted ones whose capture did not finish are finished.
 */
export async function sweepDecisions(
  payments: PaymentPort,
  now: Date,
  batch = 50,
): Promise<{ timedOut: number; completed: number }> {
  let timedOut = 0;
  let completed = 0;
  for (const due of await dueBookings('DECISIONS', now.toISOString(), batch)) {
    await runWithKeys({ bookingId: due.bookingId }, async () => {
      try {
        if (due.decision?.outcome === 'accepted') {
          if ((await completeAcceptance(due, payments, now)).status === 'CONFIRMED') completed += 1;
        } else {
          await decline(due, 'hospital_timeout', 'the hospital did not answer in time', payments, now);
          timedOut += 1;
        }
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        // Answered meanwhile: the hospital's answer stands.
      }
    });
  }
  // Accepted bookings whose capture did not finish are also retried before their deadline.
  return { timedOut, completed };
}

/** The completion sweep: confirmed trips that have ended become COMPLETED. */
export async function completeEndedTrips(now: Date, batch = 50): Promise<number> {
  const at = now.toISOString();
  const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
  let done = 0;
  for (const booking of await dueBookings('TRIPS', yesterday, batch)) {
    const { status, entry } = transitionBooking(booking.status, 'trip_ended', at);
    await runWithKeys({ bookingId: booking.bookingId }, async () => {
      try {
        await changeStatus({ booking, to: status, entry, at, counters: 'none' });
        done += 1;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    });
  }
  return done;
}
