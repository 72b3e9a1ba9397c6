/**
 * Holding a departure for a tourist: price it from the catalog, take every
 * resource in one transaction, then open the card authorisation. A failure to
 * reach the payment provider leaves a valid hold that the tourist can pay for
 * through POST /bookings/{id}/payment before it expires.
 */
import { randomBytes } from 'node:crypto';
import type { BookingView, CreateBookingBody, Principal } from '@shifa/contracts';
import { NotFoundError, planHold, toBookingView } from '@shifa/domain';
import { logger } from '@shifa/http';
import {
  agencyStore,
  catalogReader,
  createHold,
  type HealthNote,
  healthNotesCipher,
  updatePayment,
} from '@shifa/store';
import { bookingConfig } from './config';
import type { PaymentPort } from './ports';

/** Booking ids: short, unguessable, slug-shaped. */
export function newBookingId(): string {
  return `bk-${randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')}`;
}

export async function holdBooking(
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
  const plan = planHold({
    bookingId,
    touristId: principal.userId,
    request,
    pkg: found.pkg,
    departure,
    hotel: hotel === undefined ? undefined : { hotelId: hotel.hotelId, allotment: hotel.beds },
    now,
    holdMinutes: bookingConfig.holdMinutes,
    touristEmail: principal.email,
  });
  const notes: HealthNote[] = request.travellers.flatMap((traveller, index) =>
    traveller.healthNotes === undefined ? [] : [{ traveller: index, text: traveller.healthNotes.text }],
  );
  await createHold(plan, notes, healthNotesCipher());

  let booking = plan.booking;
  try {
    const authorization = await payments.authorize({
      bookingId,
      amount: booking.price.total,
      currency: booking.price.currency,
      description: `Shifa booking ${bookingId}`,
    });
    booking = await updatePayment(
      booking,
      { ...booking.payment, paymentIntentId: authorization.paymentIntentId },
      now.toISOString(),
    );
    return toBookingView(booking, { now, clientSecret: authorization.clientSecret, healthNotes: notes });
  } catch (error) {
    // The hold stands; the tourist can ask for the payment again while it lasts.
    logger.warn('payment authorisation could not be opened', {
      bookingId,
      error: (error as Error).name,
      kind: (error as { kind?: string }).kind,
    });
    return toBookingView(booking, { now, healthNotes: notes });
  }
}
