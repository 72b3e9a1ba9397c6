/** POST /bookings: a tourist holds seats, beds and rooms on a departure and gets what is needed to pay. */

import { holdBooking } from '@shifa/booking';
import { stripePayments } from '@shifa/booking/stripe';
import { CreateBookingBody } from '@shifa/contracts';
import { created, httpHandler, parseBody } from '@shifa/http';
import { idempotent } from '@shifa/http/idempotency';
import { route } from '../routes';

export const handler = httpHandler(route('createBooking'), async ({ event, context, principal }) =>
  idempotent(event, context, async () => {
    const body = parseBody(CreateBookingBody, event);
    const booking = await holdBooking(principal, body, stripePayments, new Date());
    return created(booking, { location: `/bookings/${booking.bookingId}` });
  }),
);
