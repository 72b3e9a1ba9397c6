/**
 * The hospital's answer. Accepting records the decision and the capture the money must take, in
 * one transaction conditioned on the booking still awaiting an answer within its deadline; then the
 * reconciler captures the card and confirms the booking (at once, here, when the provider answers;
 * else within minutes). Declining, or the deadline passing, releases every resource and records the
 * release of the authorisation in the same way, so the patient is never charged. Whichever of an
 * answer and a tourist's cancellation commits first wins; the other is refused with 409.
 */
import type { Booking, BookingView, DeclineReason, Principal } from '@shifa/contracts';
import { ConflictError, startCapture, startRelease, transitionBooking } from '@shifa/domain';
import { countBusiness, logger, runWithKeys } from '@shifa/runtime';
import { changeBooking, changeStatus, dueBookings } from '@shifa/store';
import { bookingFor, mutationView, onFreshBooking } from './access';
import type { PaymentPort } from './ports';
import { driveMoney } from './reconcile';

function awaitingDecision(booking: Booking): void {
  if (booking.status !== 'AWAITING_HOSPITAL') {
    throw new ConflictError(
      'not_awaiting_decision',
      `the booking is ${booking.status}; there is nothing to decide`,
      [{ path: 'status', message: booking.status }],
    );
  }
}

/** The booking after the provider was asked, or as recorded if the provider did not answer. */
async function driven(booking: Booking, payments: PaymentPort, now: Date): Promise<Booking> {
  const { booking: after } = await driveMoney(booking.bookingId, payments, now);
  return after ?? booking;
}

export async function acceptBooking(
  principal: Principal,
  bookingId: string,
  payments: PaymentPort,
  now: Date,
): Promise<BookingView> {
  const booking = await onFreshBooking(async () => {
    const { booking: read } = await bookingFor(principal, bookingId, ['hospital']);
    const accepted = read.decision?.outcome === 'accepted';
    if (read.status === 'CONFIRMED' && accepted) return read;
    awaitingDecision(read);
    if (accepted) return read;
    const at = now.toISOString();
    if (read.decision !== undefined) throw new ConflictError('already_declined', 'this booking was declined');
    if (read.decisionDeadline !== undefined && read.decisionDeadline <= at) {
      throw new ConflictError('decision_deadline_passed', 'the deadline to answer this booking has passed');
    }
    const recorded = await changeBooking({
      booking: read,
      at,
      patch: { decision: { outcome: 'accepted', at } },
      payment: startCapture(read.payment, read.bookingId, 'the hospital accepted the booking', at),
      // The sweep releases bookings whose deadline passed: an acceptance must come before it.
      condition: {
        expression: 'attribute_not_exists(#decision) AND #deadline > :at',
        names: { '#decision': 'decision', '#deadline': 'decisionDeadline' },
        values: { ':at': at },
      },
    });
    countBusiness('hospitalDecisions', { decision: 'accept' });
    return recorded;
  });
  return mutationView(await driven(booking, payments, now), now);
}

/** Declines with `reason` (the hospital's, or its deadline passing): everything goes back, nothing is charged. */
async function decline(
  booking: Booking,
  reason: DeclineReason,
  note: string | undefined,
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
    payment: startRelease(
      booking.payment,
      booking.bookingId,
      `the booking was ${status.toLowerCase()}: ${reason}`,
      at,
    ),
  });
  countBusiness('hospitalDecisions', { decision: reason === 'hospital_timeout' ? 'timeout' : 'decline' });
  return declined;
}

export async function declineBooking(
  principal: Principal,
  bookingId: string,
  reason: Exclude<DeclineReason, 'hospital_timeout'>,
  note: string | undefined,
  payments: PaymentPort,
  now: Date,
): Promise<BookingView> {
  const booking = await onFreshBooking(async () => {
    const { booking: read } = await bookingFor(principal, bookingId, ['hospital']);
    if (read.status === 'DECLINED' && read.decision?.outcome === 'declined') return read;
    awaitingDecision(read);
    if (read.decision?.outcome === 'accepted') {
      throw new ConflictError('already_accepted', 'this booking was accepted; it is being confirmed');
    }
    return decline(read, reason, note, now);
  });
  return mutationView(await driven(booking, payments, now), now);
}

/**
 * The decision sweep: bookings past their deadline without an answer are declined with
 * `hospital_timeout`. It only records (the reconciler releases the money), so no provider outage
 * and no single booking can hold it up: each booking is on its own, at most `batch` per run.
 */
export async function sweepDecisions(now: Date, batch = 50): Promise<{ timedOut: number; failed: number }> {
  let timedOut = 0;
  let failed = 0;
  for (const due of await dueBookings('DECISIONS', now.toISOString(), batch)) {
    await runWithKeys({ bookingId: due.bookingId }, async () => {
      try {
        if (due.status !== 'AWAITING_HOSPITAL' || due.decision !== undefined) return;
        await decline(due, 'hospital_timeout', 'the hospital did not answer in time', now);
        timedOut += 1;
      } catch (error) {
        // Answered meanwhile: the hospital's answer stands. Anything else waits for the next run.
        if (error instanceof ConflictError) return;
        failed += 1;
        logger.error('a hospital timeout could not be recorded', {
          bookingId: due.bookingId,
          error: error instanceof Error ? error.name : String(error),
        });
      }
    });
  }
  return { timedOut, failed };
}

/** The completion sweep: confirmed trips that have ended become COMPLETED, each on its own. */
export async function completeEndedTrips(now: Date, batch = 50): Promise<number> {
  const at = now.toISOString();
  const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
  let done = 0;
  for (const booking of await dueBookings('TRIPS', yesterday, batch)) {
    await runWithKeys({ bookingId: booking.bookingId }, async () => {
      try {
        const { status, entry } = transitionBooking(booking.status, 'trip_ended', at);
        await changeStatus({ booking, to: status, entry, at, counters: 'none' });
        done += 1;
      } catch (error) {
        if (error instanceof ConflictError) return;
        logger.error('a trip could not be completed', {
          bookingId: booking.bookingId,
          error: error instanceof Error ? error.name : String(error),
        });
      }
    });
  }
  return done;
}
