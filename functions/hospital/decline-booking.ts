/** POST /hospital/bookings/{bookingId}/decline: the hospital declines with a reason; everything is released, nothing charged. */
import { declineBooking } from '@shifa/booking';
import { stripePayments } from '@shifa/booking/stripe';
import { BookingPathParams, DeclineBookingBody } from '@shifa/contracts';
import { httpHandler, ok, parseBody, parsePath } from '@shifa/http';
import { idempotent } from '@shifa/http/idempotency';
import { route } from '../routes';

export const handler = httpHandler(route('declineHospitalBooking'), async ({ event, context, principal }) =>
  idempotent(event, context, async () => {
    const { bookingId } = parsePath(BookingPathParams, event);
    const { reason, note } = parseBody(DeclineBookingBody, event);
    return ok(await declineBooking(principal, bookingId, reason, note, stripePayments(), new Date()));
  }),
);
