/**
 * Who may see a booking: the tourist who made it, the agency that sold it and
 * the hospital it is for. Anyone else gets 404, as if it did not exist.
 * Health notes are decrypted only for the tourist, and for the treating hospital
 * while it needs them (notesVisibleTo); every decryption is recorded first.
 */
import type { Booking, BookingView, HealthAccessActor, Principal } from '@shifa/contracts';
import { ConflictError, hospitalSeesNotes, NotFoundError, toBookingView } from '@shifa/domain';
import { healthNotesCipher } from '@shifa/sealing';
import { getBooking, openHealthNotes } from '@shifa/store';
import { bookingSettings } from './config';

export type Party = 'tourist' | 'agency' | 'hospital';

export function partyOf(principal: Principal, booking: Booking): Party | undefined {
  if (principal.roles.includes('tourist') && booking.touristId === principal.userId) return 'tourist';
  if (principal.roles.includes('agency') && booking.agencyId === principal.organisationId) return 'agency';
  if (principal.roles.includes('hospital') && booking.hospitalId === principal.organisationId)
    return 'hospital';
  return undefined;
}

/** The booking if this principal is one of its parties, else 404. */
export async function bookingFor(
  principal: Principal,
  bookingId: string,
  allowed: readonly Party[],
): Promise<{ booking: Booking; party: Party }> {
  const booking = await getBooking(bookingId);
  const party = booking === undefined ? undefined : partyOf(principal, booking);
  if (booking === undefined || party === undefined || !allowed.includes(party)) {
    throw new NotFoundError('booking_not_found', `no booking of yours has the id ${bookingId}`);
  }
  return { booking, party };
}

/**
 * What a change (hold, accept, decline, cancel) answers: the booking without its health notes.
 * The idempotency layer stores these answers for a day to replay them, so nothing derived from
 * health data may be in them; notes come only from the read endpoints (viewFor).
 */
export const mutationView = (booking: Booking, now: Date): BookingView => toBookingView(booking, { now });

/**
 * Least sight: the tourist sees their travellers' notes while they exist; the treating hospital
 * only while the booking awaits its decision or is confirmed (completed once the trip ends), and
 * until `healthNotesDaysAfterTrip` days after the trip; the agency and the operator never (a view
 * tells them only that notes exist). A held, expired, cancelled or declined booking shows the
 * hospital none.
 */
export function notesVisibleTo(party: Party, booking: Booking, now: Date): boolean {
  if (party === 'tourist') return booking.travellers.some((traveller) => traveller.hasHealthNotes);
  return party === 'hospital' && hospitalSeesNotes(booking, now, bookingSettings().healthNotesDaysAfterTrip);
}

/** Who a principal is, for the access log: role, organisation and user. */
export function actorOf(principal: Principal, party: Party | 'operator'): HealthAccessActor {
  return {
    role: party,
    ...(principal.organisationId === undefined ? {} : { organisationId: principal.organisationId }),
    userId: principal.userId,
  };
}

export async function viewFor(
  booking: Booking,
  party: Party,
  principal: Principal,
  now: Date,
  options: { healthNotes: 'include' | 'omit' } = { healthNotes: 'include' },
): Promise<BookingView> {
  const healthNotes =
    options.healthNotes === 'include' && notesVisibleTo(party, booking, now)
      ? await openHealthNotes(
          booking,
          { at: now.toISOString(), actor: actorOf(principal, party), purpose: 'view' },
          healthNotesCipher(),
        )
      : undefined;
  return toBookingView(booking, { now, ...(healthNotes === undefined ? {} : { healthNotes }) });
}

/**
 * Runs `change` (which reads the booking and writes it conditioned on the version read) again when
 * another change committed between its read and its write, so the caller answers from the booking
 * as it now is (e.g. 409 with the reason) rather than with a bare `stale_booking`.
 */
export async function onFreshBooking<T>(change: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await change();
    } catch (error) {
      if (!(error instanceof ConflictError) || error.code !== 'stale_booking' || attempt >= attempts)
        throw error;
    }
  }
}
