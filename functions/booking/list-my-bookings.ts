/** GET /bookings: the signed-in tourist's bookings, newest first. */
import { myBookings } from '@shifa/booking';
import { ListBookingsQuery } from '@shifa/contracts';
import { httpHandler, ok } from '@shifa/http';
import { route } from '../routes';

export const handler = httpHandler(
  { ...route('listMyBookings'), query: ListBookingsQuery },
  async ({ event, principal, query }) => {
    return ok(await myBookings(principal, query, new Date()));
  },
);
