/**
 * The Stripe objects the simulator keeps, in the JSON shape Stripe's API returns
 * (snake_case fields, `object` names, id prefixes, unix-second timestamps), and
 * Stripe's test payment methods with the outcome each one produces.
 */
import { randomBytes } from 'node:crypto';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type Metadata = Record<string, string>;

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A random base62 string, like the tails of Stripe's ids. */
export function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

export function newId(prefix: 'pi' | 'pm' | 'ch' | 're' | 'evt' | 'req' | 'src' | 'txn'): string {
  return `${prefix}_${randomToken(24)}`;
}

export type PaymentIntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'canceled'
  | 'succeeded';

export type LastPaymentError = {
  type: 'card_error' | 'invalid_request_error';
  code: string;
  decline_code?: string;
  message: string;
  charge?: string;
  payment_method?: Json;
  doc_url?: string;
};

export type NextAction =
  | {
      type: 'use_stripe_sdk';
      use_stripe_sdk: { type: 'three_d_secure_redirect'; stripe_js: string; source: string };
    }
  | { type: 'redirect_to_url'; redirect_to_url: { url: string; return_url: string } };

export type PaymentIntentObject = {
  id: string;
  object: 'payment_intent';
  allowed_payment_method_types: string[] | null;
  amount: number;
  amount_capturable: number;
  amount_details: { tip: Record<string, never> };
  amount_received: number;
  application: null;
  application_fee_amount: null;
  automatic_payment_methods: { enabled: boolean; allow_redirects?: 'always' | 'never' } | null;
  canceled_at: number | null;
  cancellation_reason: string | null;
  capture_method: 'automatic' | 'automatic_async' | 'manual';
  client_secret: string;
  confirmation_method: 'automatic' | 'manual';
  created: number;
  currency: string;
  customer: null;
  customer_account: null;
  description: string | null;
  excluded_payment_method_types: string[] | null;
  last_payment_error: LastPaymentError | null;
  latest_charge: string | null;
  livemode: false;
  managed_payments: null;
  metadata: Metadata;
  next_action: NextAction | null;
  on_behalf_of: null;
  payment_method: string | null;
  payment_method_configuration_details: null;
  payment_method_options: {
    card: { installments: null; mandate_options: null; network: null; request_three_d_secure: 'automatic' };
  };
  payment_method_types: string[];
  payment_record: null;
  processing: null;
  receipt_email: string | null;
  review: null;
  setup_future_usage: null;
  shipping: null;
  source: null;
  statement_descriptor: string | null;
  statement_descriptor_suffix: string | null;
  status: PaymentIntentStatus;
  transfer_data: null;
  transfer_group: null;
};

export type CardDetails = {
  brand: string;
  last4: string;
  funding: 'credit' | 'debit';
  country: string;
  exp_month: number;
  exp_year: number;
  fingerprint: string;
};

export type PaymentMethodObject = {
  id: string;
  object: 'payment_method';
  allow_redisplay: 'unspecified';
  billing_details: {
    address: { city: null; country: null; line1: null; line2: null; postal_code: null; state: null };
    email: null;
    name: null;
    phone: null;
  };
  card: CardDetails & {
    checks: { address_line1_check: null; address_postal_code_check: null; cvc_check: 'pass' };
    networks: { available: string[]; preferred: null };
    three_d_secure_usage: { supported: true };
    wallet: null;
  };
  created: number;
  customer: null;
  livemode: false;
  metadata: Metadata;
  type: 'card';
};

export type ChargeObject = {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  balance_transaction: null;
  billing_details: PaymentMethodObject['billing_details'];
  captured: boolean;
  created: number;
  currency: string;
  description: string | null;
  disputed: false;
  failure_code: string | null;
  failure_message: string | null;
  livemode: false;
  metadata: Metadata;
  outcome: {
    network_status: 'approved_by_network' | 'declined_by_network';
    reason: string | null;
    risk_level: 'normal';
    seller_message: string;
    type: 'authorized' | 'issuer_declined';
  };
  paid: boolean;
  payment_intent: string;
  payment_method: string;
  payment_method_details: {
    card: CardDetails & {
      /** With manual capture: when the authorisation lapses (unix seconds). */
      capture_before?: number;
      network: string;
      three_d_secure: { authentication_flow: 'challenge'; result: 'authenticated'; version: '2.2.0' } | null;
    };
    type: 'card';
  };
  receipt_email: string | null;
  refunded: boolean;
  status: 'succeeded' | 'failed';
};

export type RefundReason = 'duplicate' | 'fraudulent' | 'requested_by_customer';

export type RefundStatus = 'pending' | 'succeeded' | 'failed' | 'canceled';
/** Why a card refund failed, as Stripe reports it. */
export type RefundFailureReason = 'expired_or_canceled_card' | 'lost_or_stolen_card' | 'unknown';

export type RefundObject = {
  id: string;
  object: 'refund';
  amount: number;
  balance_transaction: null;
  charge: string;
  created: number;
  currency: string;
  customer: null;
  customer_account: null;
  destination_details: {
    card: {
      reference: string;
      reference_status: 'pending' | 'available' | 'unavailable';
      reference_type: 'acquirer_reference_number';
      type: 'refund';
    };
    type: 'card';
  };
  /** Only once the refund failed: the balance transaction that gives the amount back to the account. */
  failure_balance_transaction?: string;
  failure_reason?: RefundFailureReason;
  metadata: Metadata;
  payment_intent: string;
  payment_method: string;
  /** Only while pending. */
  pending_reason?: 'processing';
  reason: RefundReason | null;
  receipt_number: null;
  source_transfer_reversal: null;
  status: RefundStatus;
  transfer_reversal: null;
};

export type EventObject = {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: Json };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
};

/** What confirming with a test card leads to. */
export type CardOutcome =
  | { kind: 'authorized' }
  | { kind: 'declined'; code: string; declineCode: string; message: string }
  | { kind: 'three_d_secure' };

/** What becomes of a refund to a test card: most succeed at once. */
export type RefundOutcome =
  /** Succeeded at first, failed some time later (charge.refund.updated), as with Stripe's 4000000000005126. */
  | 'fails_later'
  /** Pending at first, succeeded some time later (charge.refund.updated), as with Stripe's 4000000000007726. */
  | 'pending_then_succeeds';

export type TestCard = Omit<CardDetails, 'exp_month' | 'exp_year' | 'fingerprint'> & {
  outcome: CardOutcome;
  refunds?: RefundOutcome;
};

const declined = (code: string, declineCode: string, message: string): CardOutcome => ({
  kind: 'declined',
  code,
  declineCode,
  message,
});

/** Stripe's test PaymentMethod ids (https://docs.stripe.com/testing) that the simulator knows. */
export const TEST_CARDS: Record<string, TestCard> = {
  pm_card_visa: {
    brand: 'visa',
    last4: '4242',
    funding: 'credit',
    country: 'US',
    outcome: { kind: 'authorized' },
  },
  pm_card_visa_debit: {
    brand: 'visa',
    last4: '5556',
    funding: 'debit',
    country: 'US',
    outcome: { kind: 'authorized' },
  },
  pm_card_amex: {
    brand: 'amex',
    last4: '0005',
    funding: 'credit',
    country: 'US',
    outcome: { kind: 'authorized' },
  },
  pm_card_mastercard: {
    brand: 'mastercard',
    last4: '4444',
    funding: 'credit',
    country: 'US',
    outcome: { kind: 'authorized' },
  },
  // Stripe's refund test cards (https://docs.stripe.com/testing#refunds): the charge succeeds, the refund does not settle at once.
  pm_card_refundFail: {
    brand: 'visa',
    last4: '5126',
    funding: 'credit',
    country: 'US',
    outcome: { kind: 'authorized' },
    refunds: 'fails_later',
  },
  pm_card_pendingRefund: {
    brand: 'visa',
    last4: '7726',
    funding: 'credit',
    country: 'US',
    outcome: { kind: 'authorized' },
    refunds: 'pending_then_succeeds',
  },
  pm_card_chargeDeclined: {
    brand: 'visa',
    last4: '0002',
    funding: 'credit',
    country: 'US',
    outcome: declined('card_declined', 'generic_decline', 'Your card was declined.'),
  },
  pm_card_chargeDeclinedInsufficientFunds: {
    brand: 'visa',
    last4: '9995',
    funding: 'credit',
    country: 'US',
    outcome: declined('card_declined', 'insufficient_funds', 'Your card has insufficient funds.'),
  },
  pm_card_chargeDeclinedExpiredCard: {
    brand: 'visa',
    last4: '0069',
    funding: 'credit',
    country: 'US',
    outcome: declined('expired_card', 'expired_card', 'Your card has expired.'),
  },
  pm_card_chargeDeclinedIncorrectCvc: {
    brand: 'visa',
    last4: '0127',
    funding: 'credit',
    country: 'US',
    outcome: declined('incorrect_cvc', 'incorrect_cvc', "Your card's security code is incorrect."),
  },
  pm_card_chargeDeclinedProcessingError: {
    brand: 'visa',
    last4: '0119',
    funding: 'credit',
    country: 'US',
    outcome: declined(
      'processing_error',
      'processing_error',
      'An error occurred while processing your card. Try again in a little bit.',
    ),
  },
  pm_card_authenticationRequired: {
    brand: 'visa',
    last4: '3184',
    funding: 'credit',
    country: 'DE',
    outcome: { kind: 'three_d_secure' },
  },
  pm_card_threeDSecure2Required: {
    brand: 'visa',
    last4: '3220',
    funding: 'credit',
    country: 'US',
    outcome: { kind: 'three_d_secure' },
  },
};

export function clone<T extends Json | object>(value: T): T {
  return structuredClone(value);
}

export function asJson(value: object): Json {
  return clone(value) as unknown as Json;
}
