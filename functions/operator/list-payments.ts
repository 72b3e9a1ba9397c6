/**
 * GET /operator/payments: bookings whose money a person should look at (a step the provider keeps
 * refusing, one it refused for good, money that disagrees with the provider), or every step in flight.
 * Ids, amounts and steps only: nothing about the travellers.
 */
import { ListPaymentsQuery, type PaymentOverview } from '@shifa/contracts';
import { httpHandler, ok } from '@shifa/http';
import { moneyBookings } from '@shifa/store';
import { route } from '../routes';

export const handler = httpHandler(
  { ...route('listPayments'), query: ListPaymentsQuery },
  async ({ event, query }) => {
    const page = await moneyBookings(query.state, { limit: query.limit ?? 20, cursor: query.cursor });
    const items = page.items.map(
      (booking): PaymentOverview => ({
        bookingId: booking.bookingId,
        bookingStatus: booking.status,
        agencyId: booking.agencyId,
        hospitalId: booking.hospitalId,
        money: booking.payment.status,
        amount: booking.payment.amount,
        currency: booking.payment.currency,
        amountCaptured: booking.payment.amountCaptured,
        amountRefunded: booking.payment.amountRefunded,
        paymentIntentId: booking.payment.paymentIntentId ?? null,
        step: booking.payment.step ?? null,
        attention: booking.payment.attention ?? null,
        updatedAt: booking.updatedAt,
      }),
    );
    return ok({ items, nextCursor: page.nextCursor });
  },
);
