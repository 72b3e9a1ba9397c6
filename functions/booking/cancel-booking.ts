/** POST /bookings/{bookingId}/cancel: the tourist cancels; the package's tiers decide the refund. */
import { cancelBooking } from '@shifa/booking';
import { stripePayments } from '@shifa/booking/stripe';
import { BookingPathParams, CancelBookingBody } from '@shifa/contracts';
import { httpHandler, ok, parseBody, parsePath } from '@shifa/http';
import { idempotent } from '@shifa/http/idempotency';
import { route } from '../routes';

export const handler = httpHandler(route('cancelBooking'), async ({ event, context, principal }) =>
  idempotent(event, context, async () => {
    const { bookingId } = parsePath(BookingPathParams, event);
    const body = event.body === undefined ? {} : parseBody(CancelBookingBody, event);
    return ok(await cancelBooking(principal, bookingId, stripePayments(), new Date(), body.reason));
  }),
);
