/** GET /bookings: the signed-in tourist's bookings, newest first. */
import { myBookings } from '@shifa/booking';
import { ListBookingsQuery } from '@shifa/contracts';
import { httpHandler, ok, parseQuery } from '@shifa/http';
import { route } from '../routes';

export const handler = httpHandler(route('listMyBookings'), async ({ event, principal }) => {
  const query = parseQuery(ListBookingsQuery, event);
  return ok(await myBookings(principal, query, new Date()));
});
