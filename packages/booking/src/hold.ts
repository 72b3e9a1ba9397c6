/**
 * Holding a departure for a tourist: price it from the catalog, open the card
 * authorisation, then take every resource and write the booking in one
 * transaction. A failure to reach the payment provider still lets the hold go
 * ahead; the tourist pays through POST /bookings/{id}/payment before it expires.
 */
import { randomBytes } from 'node:crypto';
import type { BookingView, CreateBookingBody, Principal } from '@shifa/contracts';
import { DomainError, NotFoundError, planHold, toBookingView } from '@shifa/domain';
import { correlate, countBusiness, logger } from '@shifa/runtime';
import { agencyStore, catalogReader, createHold, type HealthNote, healthNotesCipher } from '@shifa/store';
import { bookingSettings } from './config';
import type { Authorization, PaymentPort } from './ports';

/** Booking ids: short, unguessable, slug-shaped. */
export function newBookingId(): string {
  return `bk-${randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')}`;
}

/** Holds as `hold` does, counting each hold taken and each refused, by the code the tourist is answered with. */
export async function holdBooking(
  principal: Principal,
  request: CreateBookingBody,
  payments: PaymentPort,
  now: Date,
): Promise<BookingView> {
  try {
    const booking = await hold(principal, request, payments, now);
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
  payments: PaymentPort,
  now: Date,
): Promise<BookingView> {
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
  const bookingId = newBookingId();
  correlate({ bookingId });
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
  // The card authorisation is opened before the hold is written, so the hold is one transaction
  // and nothing more; if the hold is then refused, the unconfirmed PaymentIntent is cancelled.
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
    await createHold({ ...plan, booking }, notes, healthNotesCipher());
  } catch (error) {
    if (authorization !== undefined) {
      await payments
        .cancelAuthorization(authorization.paymentIntentId, bookingId, 'abandoned')
        .catch(() => undefined);
    }
    throw error;
  }
  return toBookingView(booking, {
    now,
    healthNotes: notes,
    ...(authorization === undefined ? {} : { clientSecret: authorization.clientSecret }),
  });
}
