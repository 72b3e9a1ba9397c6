/**
 * Planning a hold: from a published package, one of its departures and the
 * travellers, work out exactly what the booking takes (seats, the hospital's
 * beds on every treatment day, the hotel's beds on every night) and what it
 * costs, priced from the catalog and never from the client.
 */
import type {
  Booking,
  CreateBookingBody,
  Currency,
  Departure,
  Package,
  PriceSnapshot,
  PriceSnapshotLine,
} from '@shifa/contracts';
import { addDays } from '../dates';
import { ConflictError, GoneError, ValidationError } from '../errors';
import { priceIn } from '../pricing';
import { fitsOneCardPayment, MAX_CARD_PAYMENT, MAX_CARD_PAYMENT_DIGITS } from './limits';

export type HoldResource =
  | { kind: 'departure'; packageId: string; departureId: string; quantity: number }
  | { kind: 'hospital_day'; hospitalId: string; date: string; quantity: number }
  | {
      kind: 'hotel_night';
      agencyId: string;
      hotelId: string;
      date: string;
      quantity: number;
      allotment: number;
    };

export type HoldPlan = { booking: Booking; resources: HoldResource[] };

export const DEFAULT_HOLD_MINUTES = 15;

/** The hospital treats on these dates: from the treatment's first day for its length. */
export function treatmentDates(pkg: Package, startDate: string): string[] {
  return Array.from({ length: pkg.treatment.days }, (_, i) =>
    addDays(startDate, pkg.treatment.startDay - 1 + i),
  );
}

export function hotelNights(pkg: Package, startDate: string): string[] {
  return Array.from({ length: pkg.accommodation.nights }, (_, i) => addDays(startDate, i));
}

export function priceSnapshot(
  pkg: Package,
  departure: Departure,
  travellers: number,
  currency: Currency | undefined,
  pricedAt: string,
): PriceSnapshot {
  const offer = currency === undefined ? departure.prices[0] : priceIn(departure.prices, currency);
  if (offer === undefined) {
    throw new ValidationError('currency_not_offered', `this departure is not sold in ${currency}`, [
      { path: 'currency', message: `choose one of ${departure.prices.map((p) => p.currency).join(', ')}` },
    ]);
  }
  const hospital = { kind: 'hospital' as const, id: pkg.hospital.hospitalId };
  const agency = { kind: 'agency' as const, id: pkg.agencyId };
  const line = (kind: PriceSnapshotLine['kind'], perTraveller: number, payee: PriceSnapshotLine['payee']) => {
    const amount = perTraveller * travellers;
    if (!Number.isSafeInteger(amount)) throw new RangeError('price exceeds the safe integer range');
    return { kind, perTraveller, travellers, amount, payee };
  };
  const lines = [
    line('treatment', offer.lines.treatment, hospital),
    line('accommodation', offer.lines.accommodation, agency),
    line('sightseeing', offer.lines.sightseeing, agency),
    line('services', offer.lines.services, agency),
  ];
  const total = lines.reduce((sum, l) => sum + l.amount, 0);
  if (!Number.isSafeInteger(total)) throw new RangeError('price exceeds the safe integer range');
  if (total > MAX_CARD_PAYMENT) {
    const fitting = departure.prices
      .filter((p) =>
        fitsOneCardPayment(
          p.lines.treatment + p.lines.accommodation + p.lines.sightseeing + p.lines.services,
          travellers,
        ),
      )
      .map((p) => p.currency);
    throw new ValidationError(
      'amount_over_payment_limit',
      `one card payment in ${offer.currency} is limited to ${MAX_CARD_PAYMENT_DIGITS} digits in minor units; ${
        fitting.length > 0 ? `pay in ${fitting.join(' or ')}` : 'book fewer travellers at a time'
      }`,
      [
        {
          path: 'currency',
          message: fitting.length > 0 ? `choose ${fitting.join(' or ')}` : 'too large to pay by card',
        },
      ],
    );
  }
  return { currency: offer.currency, lines, total, pricedAt };
}

export { MAX_CARD_PAYMENT } from './limits';

export type HoldInput = {
  bookingId: string;
  touristId: string;
  request: CreateBookingBody;
  pkg: Package;
  departure: Departure;
  /** The hotel's beds per night for this agency, when the package names its hotel. */
  hotel: { hotelId: string; allotment: number } | undefined;
  now: Date;
  holdMinutes: number;
  /** The tourist's sign-in email, for notifications; never sent to hospitals. */
  touristEmail: string | undefined;
};

export function planHold(input: HoldInput): HoldPlan {
  const { pkg, departure, request, now } = input;
  const travellers = request.travellers.length;
  const today = now.toISOString().slice(0, 10);
  if (departure.startDate <= today) {
    throw new GoneError(
      'departure_closed',
      'this departure has already left or leaves today; choose a later one',
    );
  }
  if (departure.seatsLeft < travellers) {
    // Read from the catalog; the transaction's condition is what really guards the seats.
    throw new ConflictError(
      'departure_sold_out',
      `only ${departure.seatsLeft} seats are left on this departure`,
      [{ path: 'travellers', message: `at most ${departure.seatsLeft}` }],
    );
  }
  const offered = new Set(pkg.services.map((service) => service.kind));
  const unknown = request.optionalServices.filter((kind) => !offered.has(kind));
  if (unknown.length > 0) {
    throw new ValidationError('service_not_offered', `this package does not offer ${unknown.join(', ')}`, [
      { path: 'optionalServices', message: `choose among ${[...offered].join(', ') || 'none'}` },
    ]);
  }
  const at = now.toISOString();
  const dates = treatmentDates(pkg, departure.startDate);
  const nights = hotelNights(pkg, departure.startDate);
  const price = priceSnapshot(pkg, departure, travellers, request.currency, at);
  const resources: HoldResource[] = [
    { kind: 'departure', packageId: pkg.packageId, departureId: departure.departureId, quantity: travellers },
    ...dates.map((date) => ({
      kind: 'hospital_day' as const,
      hospitalId: pkg.hospital.hospitalId,
      date,
      quantity: travellers,
    })),
    ...(input.hotel === undefined
      ? []
      : nights.map((date) => ({
          kind: 'hotel_night' as const,
          agencyId: pkg.agencyId,
          hotelId: input.hotel?.hotelId ?? '',
          date,
          quantity: travellers,
          allotment: input.hotel?.allotment ?? 0,
        }))),
  ];
  const booking: Booking = {
    bookingId: input.bookingId,
    status: 'HELD',
    touristId: input.touristId,
    packageId: pkg.packageId,
    departureId: departure.departureId,
    agencyId: pkg.agencyId,
    hospitalId: pkg.hospital.hospitalId,
    startDate: departure.startDate,
    endDate: departure.endDate,
    treatmentDates: dates,
    nights,
    ...(input.hotel === undefined ? {} : { hotelId: input.hotel.hotelId }),
    travellers: request.travellers.map(({ healthNotes, ...traveller }) => ({
      ...traveller,
      hasHealthNotes: healthNotes !== undefined,
      // What was agreed to, in which language, when and by whom: kept with the booking.
      ...(healthNotes === undefined
        ? {}
        : { healthNotesConsent: { ...healthNotes.consent, at, by: input.touristId } }),
    })),
    optionalServices: request.optionalServices,
    contact: {
      ...(input.touristEmail === undefined ? {} : { email: input.touristEmail }),
      language: request.travellers[0]?.preferredLanguage ?? 'ru',
    },
    price,
    cancellationPolicy: pkg.cancellationPolicy,
    payment: {
      provider: 'stripe',
      status: 'unpaid',
      amount: price.total,
      currency: price.currency,
      amountCaptured: 0,
      amountRefunded: 0,
      refundSteps: 0,
      ledger: [],
    },
    holdExpiresAt: new Date(now.getTime() + input.holdMinutes * 60_000).toISOString(),
    createdAt: at,
    updatedAt: at,
    version: 1,
    history: [{ at, from: null, to: 'HELD', cause: 'tourist_held' }],
  };
  return { booking, resources };
}
