/** GET /bookings/{bookingId}: the tourist who booked, the agency that sold it, the hospital it is for. */
import { bookingFor, viewFor } from '@shifa/booking';
import { BookingPathParams, GetBookingQuery } from '@shifa/contracts';
import { httpHandler, ok, parsePath } from '@shifa/http';
import { route } from '../routes';

export const handler = httpHandler(
  { ...route('getBooking'), query: GetBookingQuery },
  async ({ event, principal, query }) => {
    const { bookingId } = parsePath(BookingPathParams, event);
    const { booking, party } = await bookingFor(principal, bookingId, ['tourist', 'agency', 'hospital']);
    return ok(await viewFor(booking, party, principal, new Date(), { healthNotes: query.healthNotes }));
  },
);
