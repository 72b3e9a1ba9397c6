/** POST /bookings: a tourist holds seats, beds and rooms on a departure and gets what is needed to pay. */

import { holdBooking, paymentSecretKept } from '@shifa/booking';
import { stripePayments } from '@shifa/booking/stripe';
import { CreateBookingBody } from '@shifa/contracts';
import { created, httpHandler, idempotencyKeyOf, parseBody } from '@shifa/http';
import { idempotent } from '@shifa/http/idempotency';
import { route } from '../routes';

export const handler = httpHandler(route('createBooking'), async ({ event, context, principal }) => {
  const payments = stripePayments();
  return idempotent(
    event,
    context,
    async () => {
      const body = parseBody(CreateBookingBody, event);
      // The attempt's key names the booking, so a retry after any crash finds the hold it made.
      const booking = await holdBooking(principal, body, idempotencyKeyOf(event), payments, new Date());
      return created(booking, { location: `/bookings/${booking.bookingId}` });
    },
    paymentSecretKept(payments),
  );
});
