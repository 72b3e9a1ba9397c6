/** POST /bookings/{bookingId}/payment: what the client needs to authorise the card for a hold (asked again, the same). */
import { paymentFor, paymentSecretKept } from '@shifa/booking';
import { stripePayments } from '@shifa/booking/stripe';
import { BookingPathParams } from '@shifa/contracts';
import { httpHandler, ok, parsePath } from '@shifa/http';
import { idempotent } from '@shifa/http/idempotency';
import { route } from '../routes';

export const handler = httpHandler(route('payBooking'), async ({ event, context, principal }) => {
  const payments = stripePayments();
  return idempotent(
    event,
    context,
    async () => {
      const { bookingId } = parsePath(BookingPathParams, event);
      return ok(await paymentFor(principal, bookingId, payments, new Date()));
    },
    paymentSecretKept(payments),
  );
});
