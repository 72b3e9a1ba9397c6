/**
 * What the booking flow needs from the payment provider. The one real
 * implementation wraps @shifa/payments' Stripe gateway (see payments.ts);
 * it reaches real Stripe or the local simulator depending on configuration.
 */
import type { Currency } from '@shifa/contracts';

export type Authorization = { paymentIntentId: string; clientSecret: string };

export type PaymentIntentState = {
  status: string;
  clientSecret: string;
  amount: number;
  amountCapturable: number;
  amountReceived: number;
};

export interface PaymentPort {
  /** Idempotent per booking: asking again returns the same PaymentIntent. */
  authorize(input: {
    bookingId: string;
    amount: number;
    currency: Currency;
    description: string;
  }): Promise<Authorization>;
  retrieve(paymentIntentId: string): Promise<PaymentIntentState>;
  /** Throws AuthorizationLapsedError when there is nothing left to capture. */
  capture(paymentIntentId: string, bookingId: string): Promise<{ amountCaptured: number }>;
  /** Idempotent; a PaymentIntent that is already cancelled counts as done. */
  cancelAuthorization(
    paymentIntentId: string,
    bookingId: string,
    reason?: 'abandoned' | 'requested_by_customer',
  ): Promise<void>;
  /** Refunds `amount` more; idempotent per booking and amount. Returns what this refund returned. */
  refund(input: {
    paymentIntentId: string;
    bookingId: string;
    amount: number;
  }): Promise<{ amountRefunded: number }>;
}

/** The card can no longer be charged: the authorisation lapsed or was already released. */
export class AuthorizationLapsedError extends Error {
  override readonly name = 'AuthorizationLapsedError';
}
