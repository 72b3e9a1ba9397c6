/**
 * The booking flow's payment port over @shifa/payments' Stripe gateway: real
 * Stripe with a Stripe key in the environment, the local simulator otherwise.
 * Releasing something already released counts as done, so every call is safe
 * to repeat after a crash.
 */
import { PaymentError, paymentGateway } from '@shifa/payments';
import { AuthorizationLapsedError, type PaymentPort } from './ports';

export const stripePayments: PaymentPort = {
  async authorize({ bookingId, amount, currency, description }) {
    const authorization = await paymentGateway().authorize({ bookingId, amount, currency, description });
    return { paymentIntentId: authorization.paymentIntentId, clientSecret: authorization.clientSecret };
  },

  async retrieve(paymentIntentId) {
    const snapshot = await paymentGateway().retrieve(paymentIntentId);
    return {
      status: snapshot.status,
      clientSecret: snapshot.clientSecret ?? '',
      amount: snapshot.amount,
      amountCapturable: snapshot.amountCapturable,
      amountReceived: snapshot.amountReceived,
    };
  },

  async capture(paymentIntentId, bookingId) {
    try {
      const snapshot = await paymentGateway().capture(paymentIntentId, bookingId);
      return { amountCaptured: snapshot.amountReceived };
    } catch (error) {
      if (
        error instanceof PaymentError &&
        (error.kind === 'authorization_expired' || error.kind === 'already_canceled')
      ) {
        throw new AuthorizationLapsedError(
          `the authorisation of booking ${bookingId} can no longer be captured`,
        );
      }
      throw error;
    }
  },

  async cancelAuthorization(paymentIntentId, bookingId, reason = 'abandoned') {
    try {
      await paymentGateway().cancelAuthorization(paymentIntentId, bookingId, reason);
    } catch (error) {
      if (error instanceof PaymentError && error.kind === 'already_canceled') return;
      throw error;
    }
  },

  async refund({ paymentIntentId, bookingId, amount }) {
    const refund = await paymentGateway().refund({
      paymentIntentId,
      bookingId,
      amount,
      reason: 'requested_by_customer',
      note: 'refund under the package cancellation policy',
    });
    return { amountRefunded: refund.amount };
  },
};
