/**
 * Holding a departure for a tourist: price it from the catalog, open the card authorisation, then
 * take every resource and write the booking in one transaction. The booking's id is derived from
 * the tourist and the request's Idempotency-Key, and the PaymentIntent's idempotency key from the
 * booking's id, so a request retried after a crash at any step finds the same booking and the same
 * PaymentIntent instead of making second ones. A write whose outcome is unknown (a timeout, a lost
 * answer) is resolved by reading the booking, never by cancelling the payment of a hold that may
 * have been made.
 */
import { createHash } from 'node:crypto';
import type { Booking, BookingView, CreateBookingBody, Principal } from '@shifa/contracts';
import {
  ConflictError,
  DomainError,
  NotFoundError,
  notesKeptUntil,
  planHold,
  toBookingView,
} from '@shifa/domain';
import { correlate, countBusiness, logger } from '@shifa/runtime';
import { healthNotesSealer } from '@shifa/sealing';
import {
  agencyStore,
  catalogReader,
  changeBooking,
  createHold,
  getBooking,
  type HealthNote,
} from '@shifa/store';
import { bookingSettings } from './config';
import type { Authorization, PaymentPort } from './ports';

/**
 * The booking one attempt of one tourist makes: the same for every retry of the attempt, different
 * for every other tourist and attempt. Slug-shaped, 80 bits of a SHA-256: not guessable from outside.
 */
export function bookingIdFor(touristId: string, attemptKey: string): string {
  return `bk-${createHash('sha256').update(`${touristId}\n${attemptKey}`).digest('hex').slice(0, 20)}`;
}

/** Holds as `hold` does, counting each hold taken and each refused, by the code the tourist is answered with. */
export async function holdBooking(
  principal: Principal,
  request: CreateBookingBody,
  attemptKey: string,
  payments: PaymentPort,
  now: Date,
): Promise<BookingView> {
  try {
    const booking = await hold(principal, request, attemptKey, payments, now);
    countBusiness('holdsTaken', {});
    return booking;
  } catch (error) {
    if (error instanceof DomainError) countBusiness('holdsRefused', { reason: error.code });
    throw error;
  }
}

async function hold(
  principal: Principal,
  request: CreateBookingBody,
  attemptKey: string,
  payments: PaymentPort,
  now: Date,
): Promise<BookingView> {
  // No read first: a retry of the attempt finds its booking when the hold's write is refused with
  // booking_exists (its first item), so the hold that happens once costs no extra read.
  const bookingId = bookingIdFor(principal.userId, attemptKey);
  correlate({ bookingId });
  const found = await catalogReader.packageWithDepartures(request.packageId);
  if (found === undefined || found.pkg.status !== 'published') {
    throw new NotFoundError('package_not_found', `no published package has the id ${request.packageId}`);
  }
  const departure = found.departures.find((d) => d.departureId === request.departureId);
  if (departure === undefined) {
    throw new NotFoundError(
      'departure_not_found',
      `package ${request.packageId} has no departure ${request.departureId}`,
    );
  }
  const hotelId = found.pkg.accommodation.hotelId;
  // The hotel's beds per night for this agency: the allotment a night's counter starts from.
  const hotel = hotelId === undefined ? undefined : await agencyStore.hotel(found.pkg.agencyId, hotelId);
  const plan = planHold({
    bookingId,
    touristId: principal.userId,
    request,
    pkg: found.pkg,
    departure,
    hotel: hotel === undefined ? undefined : { hotelId: hotel.hotelId, allotment: hotel.beds },
    now,
    holdMinutes: bookingSettings().holdMinutes,
    touristEmail: principal.email,
  });
  const notes: HealthNote[] = request.travellers.flatMap((traveller, index) =>
    traveller.healthNotes === undefined ? [] : [{ traveller: index, text: traveller.healthNotes.text }],
  );
  // The card authorisation is opened before the hold is written, so the hold is one transaction and
  // nothing more. The provider keys it by the booking: a retry gets the same PaymentIntent.
  let authorization: Authorization | undefined;
  try {
    authorization = await payments.authorize({
      bookingId,
      amount: plan.booking.price.total,
      currency: plan.booking.price.currency,
      description: `Shifa booking ${bookingId}`,
    });
  } catch (error) {
    // The hold still goes ahead; the tourist can ask for the payment again while it lasts.
    logger.warn('payment authorisation could not be opened', {
      bookingId,
      error: (error as Error).name,
      kind: (error as { kind?: string }).kind,
    });
  }
  const booking =
    authorization === undefined
      ? plan.booking
      : {
          ...plan.booking,
          payment: { ...plan.booking.payment, paymentIntentId: authorization.paymentIntentId },
        };
  try {
    const { maxUnpaidHolds, healthNotesDaysAfterTrip } = bookingSettings();
    await createHold({ ...plan, booking }, notes, healthNotesSealer(), {
      maxUnpaidHolds,
      notesDeleteAfter: notesKeptUntil(booking.endDate, healthNotesDaysAfterTrip),
    });
  } catch (error) {
    if (error instanceof ConflictError && error.code === 'booking_exists') {
      // A retry of this very attempt got there first.
      const made = await getBooking(bookingId);
      if (made !== undefined) return resumed(made, payments, now);
    }
    if (error instanceof ConflictError || error instanceof NotFoundError) {
      // Refused for certain (sold out, no beds, off sale): no booking exists, and the PaymentIntent,
      // which nobody can have confirmed (its secret was never handed out), is cancelled.
      if (authorization !== undefined) {
        await payments
          .cancel(authorization.paymentIntentId, `${bookingId}.abandon`, 'abandoned')
          .catch((cancelError: unknown) =>
            logger.warn('the PaymentIntent of a refused hold stays open', {
              bookingId,
              error: (cancelError as Error).name,
            }),
          );
      }
      throw error;
    }
    // The write may have committed: read, and never cancel the payment of a hold that exists.
    const made = await getBooking(bookingId).catch(() => undefined);
    if (made !== undefined) return resumed(made, payments, now);
    throw error;
  }
  // Without the notes: this answer is stored for replay (see mutationView).
  return toBookingView(booking, {
    now,
    ...(authorization === undefined ? {} : { clientSecret: authorization.clientSecret }),
  });
}

/**
 * The hold a retried attempt already made, with what the client needs to pay it while it is unpaid.
 * A hold made while the provider could not be reached gets its PaymentIntent now: the same one the
 * first attempt may have opened, since the provider keys it by the booking.
 */
async function resumed(booking: Booking, payments: PaymentPort, now: Date): Promise<BookingView> {
  if (booking.status !== 'HELD') return toBookingView(booking, { now });
  if (booking.payment.paymentIntentId === undefined) {
    const authorization = await payments
      .authorize({
        bookingId: booking.bookingId,
        amount: booking.price.total,
        currency: booking.price.currency,
        description: `Shifa booking ${booking.bookingId}`,
      })
      .catch(() => undefined);
    if (authorization === undefined) return toBookingView(booking, { now });
    const paid = await changeBooking({
      booking,
      at: now.toISOString(),
      payment: { ...booking.payment, paymentIntentId: authorization.paymentIntentId },
    }).catch(async () => (await getBooking(booking.bookingId)) ?? booking);
    return toBookingView(paid, { now, clientSecret: authorization.clientSecret });
  }
  const intent = await payments.retrieve(booking.payment.paymentIntentId).catch(() => undefined);
  return toBookingView(booking, {
    now,
    ...(intent?.clientSecret == null ? {} : { clientSecret: intent.clientSecret }),
  });
}
