/** GET /bookings/{bookingId}/access-log: who opened the booking's health notes; the tourist, or the operator. */
import { accessLogOf } from '@shifa/booking';
import { AccessLogQuery, BookingPathParams } from '@shifa/contracts';
import { httpHandler, ok, parsePath } from '@shifa/http';
import { route } from '../routes';

export const handler = httpHandler(
  { ...route('getHealthAccessLog'), query: AccessLogQuery },
  async ({ event, principal, query }) => {
    const { bookingId } = parsePath(BookingPathParams, event);
    return ok(await accessLogOf(principal, bookingId, query));
  },
);
