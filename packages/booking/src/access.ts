/**
 * Who may see a booking: the tourist who made it, the agency that sold it and
 * the hospital it is for. Anyone else gets 404, as if it did not exist.
 * Health notes are decrypted only for the tourist and the treating hospital.
 */
import type { Booking, BookingView, Principal } from '@shifa/contracts';
import { ConflictError, NotFoundError, toBookingView } from '@shifa/domain';
import { healthNotesCipher } from '@shifa/sealing';
import { getBooking, readHealthNotes } from '@shifa/store';

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

export async function viewFor(booking: Booking, party: Party, now: Date): Promise<BookingView> {
  const withNotes = party !== 'agency' && booking.travellers.some((t) => t.hasHealthNotes);
  const healthNotes = withNotes ? await readHealthNotes(booking.bookingId, healthNotesCipher()) : undefined;
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
