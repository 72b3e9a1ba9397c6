/**
 * What the booking flow needs from the payment provider. The one real implementation wraps
 * @shifa/payments' Stripe gateway (stripe.ts); it reaches real Stripe or the local simulator
 * depending on configuration. The reconciler reads the provider's own objects (`retrieve`,
 * `refunds`) before it acts, so every action is safe to ask for again.
 */
import type { Currency } from '@shifa/contracts';

export type Authorization = { paymentIntentId: string; clientSecret: string };

export type ProviderStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'canceled'
  | 'succeeded';

/** A PaymentIntent as the provider holds it. Amounts in minor units; currency ISO 4217, upper case. */
export type ProviderPayment = {
  paymentIntentId: string;
  bookingId: string | null;
  status: ProviderStatus;
  amount: number;
  amountCapturable: number;
  amountReceived: number;
  currency: string;
  /** When the card was authorised, by the provider's clock (its charge's creation); null before. */
  authorizedAt: string | null;
  cancellationReason: string | null;
  clientSecret: string | null;
};

/** A refund as the provider holds it. */
export type ProviderRefund = {
  refundId: string;
  amount: number;
  status: 'pending' | 'requires_action' | 'succeeded' | 'failed' | 'canceled';
  /** The money step that asked for it (its metadata); null for a refund made elsewhere, e.g. the Dashboard. */
  stepId: string | null;
  failureReason: string | null;
};

export interface PaymentPort {
  /** Whether the provider account is live: events from the other mode are refused. */
  readonly livemode: boolean;
  /** Idempotent per booking: asking again returns the same PaymentIntent. */
  authorize(input: {
    bookingId: string;
    amount: number;
    currency: Currency;
    description: string;
  }): Promise<Authorization>;
  retrieve(paymentIntentId: string): Promise<ProviderPayment>;
  /** Idempotent per step: the step's id is the idempotency key. */
  capture(paymentIntentId: string, stepId: string): Promise<ProviderPayment>;
  /** Cancels the PaymentIntent, releasing an authorisation; idempotent per step. */
  cancel(
    paymentIntentId: string,
    stepId: string,
    reason: 'abandoned' | 'requested_by_customer',
  ): Promise<ProviderPayment>;
  /** Refunds `amount`, keyed and labelled by the step, so the step's refund is found again by `refunds`. */
  refund(input: {
    paymentIntentId: string;
    bookingId: string;
    stepId: string;
    amount: number;
    reason: string;
  }): Promise<ProviderRefund>;
  /** Every refund of the PaymentIntent. */
  refunds(paymentIntentId: string): Promise<ProviderRefund[]>;
}
