/**
 * The payment step of a hold: what the client needs to authorise the card.
 * Asking again returns the same PaymentIntent (the provider call is idempotent
 * per booking), so a client that lost the first answer can simply retry.
 */
import type { BookingView, Principal } from '@shifa/contracts';
import { ConflictError, effectiveStatus, toBookingView } from '@shifa/domain';
import { changeBooking } from '@shifa/store';
import { bookingFor } from './access';
import type { PaymentPort } from './ports';

export async function paymentFor(
  principal: Principal,
  bookingId: string,
  payments: PaymentPort,
  now: Date,
): Promise<BookingView> {
  let { booking } = await bookingFor(principal, bookingId, ['tourist']);
  const status = effectiveStatus(booking.status, booking.holdExpiresAt, now);
  if (status !== 'HELD') {
    throw new ConflictError('not_awaiting_payment', `the booking is ${status}; there is nothing to pay now`, [
      { path: 'status', message: status },
    ]);
  }
  const authorization = await payments.authorize({
    bookingId,
    amount: booking.price.total,
    currency: booking.price.currency,
    description: `Shifa booking ${bookingId}`,
  });
  if (booking.payment.paymentIntentId === undefined) {
    booking = await changeBooking({
      booking,
      at: now.toISOString(),
      payment: { ...booking.payment, paymentIntentId: authorization.paymentIntentId },
    });
  }
  return toBookingView(booking, { now, clientSecret: authorization.clientSecret });
}

type WithPaymentAction = {
  payment?: { paymentIntentId?: string };
  paymentAction?: { clientSecret?: string };
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The payment's client secret, kept out of the idempotency table: a hold's or a payment's answer is
 * stored without it, and a replay asks the provider for it again (it is the PaymentIntent's own).
 * Where the provider no longer gives one, the replay answers without `paymentAction`; asking for
 * the payment again (POST /bookings/{id}/payment) says what is possible.
 */
export const paymentSecretKept = (payments: PaymentPort) => ({
  strip(body: unknown): unknown {
    if (!isObject(body) || !isObject(body.paymentAction)) return body;
    const { clientSecret: _secret, ...action } = body.paymentAction;
    return { ...body, paymentAction: action };
  },
  async restore(body: unknown): Promise<unknown> {
    if (!isObject(body) || !isObject(body.paymentAction)) return body;
    const { paymentAction, ...rest } = body as WithPaymentAction & Record<string, unknown>;
    const paymentIntentId = (body as WithPaymentAction).payment?.paymentIntentId;
    const clientSecret =
      paymentIntentId === undefined ? null : (await payments.retrieve(paymentIntentId)).clientSecret;
    return clientSecret === null ? rest : { ...rest, paymentAction: { ...paymentAction, clientSecret } };
  },
});
