/** POST /hospital/bookings/{bookingId}/accept: the hospital accepts; the card is captured and the booking confirmed. */
import { acceptBooking } from '@shifa/booking';
import { stripePayments } from '@shifa/booking/stripe';
import { BookingPathParams } from '@shifa/contracts';
import { httpHandler, ok, parsePath } from '@shifa/http';
import { idempotent } from '@shifa/http/idempotency';
import { route } from '../routes';

export const handler = httpHandler(route('acceptHospitalBooking'), async ({ event, context, principal }) =>
  idempotent(event, context, async () => {
    const { bookingId } = parsePath(BookingPathParams, event);
    return ok(await acceptBooking(principal, bookingId, stripePayments(), new Date()));
  }),
);
