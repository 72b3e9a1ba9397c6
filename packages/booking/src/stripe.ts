/**
 * The booking flow's payment port over @shifa/payments' Stripe gateway: real Stripe with a Stripe
 * key in this unit's settings, the local simulator otherwise. Every call that changes something
 * carries a key derived from the booking or its money step, so asking again never repeats it.
 */
import {
  type PaymentGateway,
  type PaymentSnapshot,
  paymentGateway,
  paymentsSettings,
  type RefundSnapshot,
} from '@shifa/payments';
import type { PaymentPort, ProviderPayment, ProviderRefund } from './ports';

const iso = (seconds: number | null): string | null =>
  seconds === null ? null : new Date(seconds * 1000).toISOString();

function toProvider(snapshot: PaymentSnapshot): ProviderPayment {
  return {
    paymentIntentId: snapshot.paymentIntentId,
    bookingId: snapshot.bookingId,
    status: snapshot.status,
    amount: snapshot.amount,
    amountCapturable: snapshot.amountCapturable,
    amountReceived: snapshot.amountReceived,
    currency: snapshot.currency,
    authorizedAt: iso(snapshot.authorizedAt),
    cancellationReason: snapshot.cancellationReason,
    clientSecret: snapshot.clientSecret,
  };
}

const REFUND_STATUSES: readonly ProviderRefund['status'][] = [
  'pending',
  'requires_action',
  'succeeded',
  'failed',
  'canceled',
];

function toRefund(refund: RefundSnapshot): ProviderRefund {
  const status = REFUND_STATUSES.find((known) => known === refund.status);
  return {
    refundId: refund.refundId,
    amount: refund.amount,
    // A status Stripe adds later is treated as still in progress: read again, never assumed done.
    status: status ?? 'pending',
    stepId: refund.metadata.step ?? null,
    failureReason: refund.failureReason,
  };
}

function portOver(gateway: PaymentGateway, livemode: boolean): PaymentPort {
  return {
    livemode,

    async authorize({ bookingId, amount, currency, description }) {
      const authorization = await gateway.authorize({ bookingId, amount, currency, description });
      return { paymentIntentId: authorization.paymentIntentId, clientSecret: authorization.clientSecret };
    },

    async retrieve(paymentIntentId) {
      return toProvider(await gateway.retrieve(paymentIntentId));
    },

    async capture(paymentIntentId, stepId) {
      return toProvider(await gateway.capture(paymentIntentId, stepId));
    },

    async cancel(paymentIntentId, stepId, reason) {
      return toProvider(await gateway.cancelAuthorization(paymentIntentId, stepId, reason));
    },

    async refund({ paymentIntentId, bookingId, stepId, amount, reason }) {
      return toRefund(
        await gateway.refund({
          paymentIntentId,
          bookingId,
          amount,
          // The step's id keys the refund and labels it, so `refunds` finds it again after 24 hours too.
          idempotencyKey: stepId,
          metadata: { step: stepId },
          reason: 'requested_by_customer',
          note: reason.slice(0, 500),
        }),
      );
    },

    async refunds(paymentIntentId) {
      return (await gateway.listRefunds(paymentIntentId)).map(toRefund);
    },
  };
}

const ports = new WeakMap<PaymentGateway, PaymentPort>();

/** The port for this unit's payment settings. */
export function stripePayments(): PaymentPort {
  const gateway = paymentGateway();
  let port = ports.get(gateway);
  if (port === undefined) {
    port = portOver(gateway, /^(sk|rk)_live_/.test(paymentsSettings().STRIPE_SECRET_KEY));
    ports.set(gateway, port);
  }
  return port;
}
