/**
 * The payment gateway the booking flow uses: authorise a booking's card while
 * the hospital decides, capture on acceptance, release on decline or timeout,
 * refund by policy. One implementation, over stripe-node; Stripe's errors come
 * back as a `PaymentError` whose `kind` says what the booking code can do next.
 */
import { traced } from '@shifa/runtime';
import Stripe from 'stripe';
import * as z from 'zod';
import { stripe } from './client';

export type PaymentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'canceled'
  | 'succeeded';

/** A PaymentIntent as the booking flow needs it. Amounts are integers in the minor unit. */
export type PaymentSnapshot = {
  paymentIntentId: string;
  bookingId: string | null;
  status: PaymentStatus;
  amount: number;
  amountCapturable: number;
  amountReceived: number;
  /** ISO 4217, upper case (Stripe writes it in lower case). */
  currency: string;
  captureMethod: string;
  clientSecret: string | null;
  /** Stripe's value; 'automatic' means Stripe canceled it itself, e.g. an authorisation that lapsed. */
  cancellationReason: string | null;
  /** 'use_stripe_sdk' or 'redirect_to_url' while the cardholder must authenticate (3-D Secure). */
  nextActionType: string | null;
  lastPaymentError: {
    type: string;
    code: string | null;
    declineCode: string | null;
    message: string | null;
  } | null;
  latestChargeId: string | null;
  /**
   * While requires_capture: when the card authorisation lapses (unix seconds), from the charge's
   * capture_before. The hospital's deadline must fall before it. Null when Stripe does not say.
   */
  captureBefore: number | null;
  /** When the card was authorised (unix seconds, Stripe's clock): the charge's creation. Null before. */
  authorizedAt: number | null;
  livemode: boolean;
};

export type Authorization = PaymentSnapshot & { clientSecret: string };

export type RefundSnapshot = {
  refundId: string;
  paymentIntentId: string | null;
  chargeId: string | null;
  amount: number;
  currency: string;
  /**
   * pending, succeeded, failed or canceled (Stripe's values). A card refund can move from succeeded
   * or pending to failed later (charge.refund.updated): only succeeded and pending refunds took money back.
   */
  status: string | null;
  reason: string | null;
  /** Why a failed refund failed (expired_or_canceled_card, lost_or_stolen_card, unknown); null otherwise. */
  failureReason: string | null;
  /** What the platform attached when it asked: bookingId, and e.g. the money step that made it. */
  metadata: Record<string, string>;
  /** Unix seconds, Stripe's clock. */
  created: number;
};

/** Stripe's cancellation_reason values for a PaymentIntent canceled through the API. */
export type CancellationReason = 'duplicate' | 'fraudulent' | 'requested_by_customer' | 'abandoned';
/** Stripe's refund reasons. */
export type RefundReason = 'duplicate' | 'fraudulent' | 'requested_by_customer';

export type AuthorizeInput = {
  bookingId: string;
  amount: number;
  currency: string;
  customerEmail?: string | undefined;
  /** Shown on Stripe's dashboard and receipts: the package and dates, never health information. */
  description: string;
};

export type ConfirmInput = {
  paymentIntentId: string;
  /** A PaymentMethod id; in test mode, one of Stripe's test ids such as pm_card_visa. */
  paymentMethod: string;
  returnUrl?: string | undefined;
};

export type RefundInput = {
  paymentIntentId: string;
  bookingId: string;
  amount: number;
  reason: RefundReason;
  /** Tells a second refund of the same amount for the same booking from a retry of the first. */
  sequence?: number | undefined;
  /** Why, in the platform's words (e.g. the cancellation tier); at most 500 characters, no personal data. */
  note?: string | undefined;
  /**
   * The Idempotency-Key, when the caller has a stable one of its own (e.g. its money step's id); by
   * default booking + (sequence +) amount. Stripe keeps a key for 24 hours only: after that the same
   * key refunds again, so read listRefunds before repeating an old step.
   */
  idempotencyKey?: string | undefined;
  /** More metadata on the refund (e.g. { stepId }), so listRefunds can tell which step made which refund. */
  metadata?: Record<string, string> | undefined;
};

export interface PaymentGateway {
  /** Creates the booking's PaymentIntent with manual capture; the browser confirms it with the client secret. */
  authorize(input: AuthorizeInput): Promise<Authorization>;
  /** Confirms on the server (demo, tests); in the product the browser confirms with Stripe.js. */
  confirm(input: ConfirmInput): Promise<PaymentSnapshot>;
  retrieve(paymentIntentId: string): Promise<PaymentSnapshot>;
  /** Takes the authorised amount: the hospital accepted. */
  capture(paymentIntentId: string, bookingId: string): Promise<PaymentSnapshot>;
  /** Releases the authorisation: declined, timed out, or cancelled before acceptance. */
  cancelAuthorization(
    paymentIntentId: string,
    bookingId: string,
    reason: CancellationReason,
  ): Promise<PaymentSnapshot>;
  refund(input: RefundInput): Promise<RefundSnapshot>;
  /** Every refund of the PaymentIntent, newest first, failed ones included: what Stripe holds, read before acting again. */
  listRefunds(paymentIntentId: string): Promise<RefundSnapshot[]>;
}

export type PaymentErrorKind =
  /** The issuer refused the card (any card_error but authentication): ask for another card. */
  | 'card_declined'
  /** The cardholder must authenticate (3-D Secure) or failed to: confirm again in the browser. */
  | 'authentication_required'
  /** The authorisation lapsed (7 days) and Stripe released it: nothing can be captured. */
  | 'authorization_expired'
  /** Already captured: a repeated accept, or cancel after capture (refund instead). */
  | 'already_captured'
  /** Already canceled: a repeated decline/timeout, or capture after cancel. */
  | 'already_canceled'
  /** Everything captured has been refunded. */
  | 'already_refunded'
  /** More than the authorisation or the unrefunded amount, or above Stripe's limit. */
  | 'amount_too_large'
  /** The same idempotency key was used with different parameters (e.g. a re-priced booking). */
  | 'idempotency_conflict'
  | 'not_found'
  | 'invalid_request'
  /** The API key was refused: an operator must fix the configuration. */
  | 'misconfigured'
  /** Stripe could not be reached or failed: retry later with the same call. */
  | 'unavailable';

export class PaymentError extends Error {
  readonly kind: PaymentErrorKind;
  /** Stripe's error code, e.g. card_declined, payment_intent_unexpected_state. */
  readonly code: string | undefined;
  /** The issuer's reason, e.g. insufficient_funds. */
  readonly declineCode: string | undefined;
  /** Stripe's message; for card errors it is meant for the cardholder. */
  readonly stripeMessage: string | undefined;
  readonly statusCode: number | undefined;
  readonly requestId: string | undefined;
  /** The PaymentIntent as Stripe reported it with the error, when it did. */
  readonly paymentIntent: PaymentSnapshot | undefined;
  readonly retryable: boolean;

  constructor(
    kind: PaymentErrorKind,
    message: string,
    details: {
      code?: string | undefined;
      declineCode?: string | undefined;
      stripeMessage?: string | undefined;
      statusCode?: number | undefined;
      requestId?: string | undefined;
      paymentIntent?: PaymentSnapshot | undefined;
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'PaymentError';
    this.kind = kind;
    this.code = details.code;
    this.declineCode = details.declineCode;
    this.stripeMessage = details.stripeMessage;
    this.statusCode = details.statusCode;
    this.requestId = details.requestId;
    this.paymentIntent = details.paymentIntent;
    this.retryable = kind === 'unavailable';
  }
}

const BookingId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');
const PaymentIntentId = z.string().regex(/^pi_[A-Za-z0-9_]+$/, 'a PaymentIntent id (pi_…)');
const Amount = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const AuthorizeSchema = z.strictObject({
  bookingId: BookingId,
  amount: Amount,
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'an ISO 4217 code'),
  customerEmail: z.email().max(500).optional(),
  description: z.string().trim().min(1).max(1_000),
});
const ConfirmSchema = z.strictObject({
  paymentIntentId: PaymentIntentId,
  paymentMethod: z.string().regex(/^pm_[A-Za-z0-9_]+$/, 'a PaymentMethod id (pm_…)'),
  returnUrl: z.url({ protocol: /^https?$/ }).optional(),
});
/** Stripe's limits: at most 50 keys, keys up to 40 characters, values up to 500. */
const RefundMetadata = z
  .record(z.string().min(1).max(40), z.string().max(500))
  .refine((metadata) => Object.keys(metadata).length <= 48, 'at most 48 keys (bookingId and note are added)')
  .refine(
    (metadata) => !('bookingId' in metadata) && !('note' in metadata),
    'bookingId and note are set from their own fields',
  );
const RefundSchema = z.strictObject({
  paymentIntentId: PaymentIntentId,
  bookingId: BookingId,
  amount: Amount,
  reason: z.enum(['duplicate', 'fraudulent', 'requested_by_customer']),
  sequence: z.number().int().min(1).max(1_000).optional(),
  note: z.string().max(500).optional(),
  idempotencyKey: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
    .optional(),
  metadata: RefundMetadata.optional(),
});
const CancellationReasonSchema = z.enum(['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned']);

function valid<T>(schema: z.ZodType<T>, value: unknown, operation: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .map((issue) => `${issue.path.join('.') || 'value'}: ${issue.message}`)
    .join('; ');
  throw new PaymentError('invalid_request', `${operation}: ${problems}`);
}

/** Idempotency keys derived from the booking, so a retried step never repeats on Stripe's side. */
export const idempotencyKeys = {
  authorize: (bookingId: string) => `booking-${bookingId}-authorize`,
  capture: (bookingId: string) => `booking-${bookingId}-capture`,
  cancel: (bookingId: string) => `booking-${bookingId}-cancel`,
  refund: (bookingId: string, amount: number, sequence?: number) =>
    sequence === undefined
      ? `booking-${bookingId}-refund-${amount}`
      : `booking-${bookingId}-refund-${sequence}-${amount}`,
};

/** The charge comes with the PaymentIntent, for its authorisation's expiry. */
const WITH_CHARGE = ['latest_charge'];

export function createStripeGateway(client: Stripe): PaymentGateway {
  // Each call a subsegment of the invocation's trace on AWS (its HTTPS request to Stripe inside it).
  async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    return traced(
      `Stripe ${operation}`,
      async () => {
        try {
          return await run();
        } catch (error) {
          throw toPaymentError(error, operation);
        }
      },
      { annotations: { stripeOperation: operation } },
    );
  }

  return {
    async authorize(input) {
      const checked = valid(AuthorizeSchema, input, 'authorize');
      const intent = await call('authorize', () =>
        client.paymentIntents.create(
          {
            amount: checked.amount,
            currency: checked.currency.toLowerCase(),
            capture_method: 'manual',
            // Cards only: their authorisations can be held for the hospital's decision and expire on a known schedule.
            allowed_payment_method_types: ['card'],
            description: checked.description,
            metadata: { bookingId: checked.bookingId },
            ...(checked.customerEmail === undefined ? {} : { receipt_email: checked.customerEmail }),
          },
          { idempotencyKey: idempotencyKeys.authorize(checked.bookingId) },
        ),
      );
      const snapshot = toSnapshot(intent);
      if (snapshot.clientSecret === null) {
        throw new PaymentError(
          'unavailable',
          'authorize: Stripe returned a PaymentIntent without a client secret',
        );
      }
      return { ...snapshot, clientSecret: snapshot.clientSecret };
    },

    async confirm(input) {
      const checked = valid(ConfirmSchema, input, 'confirm');
      const intent = await call('confirm', () =>
        client.paymentIntents.confirm(checked.paymentIntentId, {
          payment_method: checked.paymentMethod,
          ...(checked.returnUrl === undefined ? {} : { return_url: checked.returnUrl }),
          expand: WITH_CHARGE,
        }),
      );
      return toSnapshot(intent);
    },

    async retrieve(paymentIntentId) {
      const id = valid(PaymentIntentId, paymentIntentId, 'retrieve');
      return toSnapshot(
        await call('retrieve', () => client.paymentIntents.retrieve(id, { expand: WITH_CHARGE })),
      );
    },

    async capture(paymentIntentId, bookingId) {
      const id = valid(PaymentIntentId, paymentIntentId, 'capture');
      const booking = valid(BookingId, bookingId, 'capture');
      const intent = await call('capture', () =>
        client.paymentIntents.capture(
          id,
          { expand: WITH_CHARGE },
          { idempotencyKey: idempotencyKeys.capture(booking) },
        ),
      );
      return toSnapshot(intent);
    },

    async cancelAuthorization(paymentIntentId, bookingId, reason) {
      const id = valid(PaymentIntentId, paymentIntentId, 'cancelAuthorization');
      const booking = valid(BookingId, bookingId, 'cancelAuthorization');
      const why = valid(CancellationReasonSchema, reason, 'cancelAuthorization');
      const intent = await call('cancelAuthorization', () =>
        client.paymentIntents.cancel(
          id,
          { cancellation_reason: why, expand: WITH_CHARGE },
          { idempotencyKey: idempotencyKeys.cancel(booking) },
        ),
      );
      return toSnapshot(intent);
    },

    async refund(input) {
      const checked = valid(RefundSchema, input, 'refund');
      const refund = await call('refund', () =>
        client.refunds.create(
          {
            payment_intent: checked.paymentIntentId,
            amount: checked.amount,
            reason: checked.reason,
            metadata: {
              ...checked.metadata,
              bookingId: checked.bookingId,
              ...(checked.note === undefined ? {} : { note: checked.note }),
            },
          },
          {
            idempotencyKey:
              checked.idempotencyKey ??
              idempotencyKeys.refund(checked.bookingId, checked.amount, checked.sequence),
          },
        ),
      );
      return toRefundSnapshot(refund);
    },

    async listRefunds(paymentIntentId) {
      const id = valid(PaymentIntentId, paymentIntentId, 'listRefunds');
      const refunds = await call('listRefunds', () =>
        client.refunds
          .list({ payment_intent: id, limit: 100 })
          .autoPagingToArray({ limit: MAX_LISTED_REFUNDS }),
      );
      return refunds.map(toRefundSnapshot);
    },
  };
}

/** Far more refunds than one booking's payment can have; autoPagingToArray insists on a bound. */
const MAX_LISTED_REFUNDS = 10_000;

export function toRefundSnapshot(refund: Stripe.Refund): RefundSnapshot {
  return {
    refundId: refund.id,
    paymentIntentId: idOf(refund.payment_intent),
    chargeId: idOf(refund.charge),
    amount: refund.amount,
    currency: refund.currency.toUpperCase(),
    status: refund.status,
    reason: refund.reason,
    failureReason: refund.failure_reason ?? null,
    metadata: { ...(refund.metadata ?? {}) },
    created: refund.created,
  };
}

const STATUSES: readonly PaymentStatus[] = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'processing',
  'requires_capture',
  'canceled',
  'succeeded',
];

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : value.id;
}

export function toSnapshot(intent: Stripe.PaymentIntent): PaymentSnapshot {
  const status = STATUSES.find((known) => known === intent.status);
  if (status === undefined) {
    throw new PaymentError(
      'unavailable',
      `Stripe reported a PaymentIntent status this code does not know: ${intent.status}`,
    );
  }
  const error = intent.last_payment_error;
  return {
    paymentIntentId: intent.id,
    bookingId: intent.metadata?.bookingId ?? null,
    status,
    amount: intent.amount,
    amountCapturable: intent.amount_capturable,
    amountReceived: intent.amount_received,
    currency: intent.currency.toUpperCase(),
    captureMethod: intent.capture_method,
    clientSecret: intent.client_secret,
    cancellationReason: intent.cancellation_reason,
    nextActionType: intent.next_action?.type ?? null,
    lastPaymentError:
      error === null || error === undefined
        ? null
        : {
            type: error.type,
            code: error.code ?? null,
            declineCode: error.decline_code ?? null,
            message: error.message ?? null,
          },
    latestChargeId: idOf(intent.latest_charge),
    captureBefore:
      typeof intent.latest_charge === 'object' && intent.latest_charge !== null
        ? (intent.latest_charge.payment_method_details?.card?.capture_before ?? null)
        : null,
    authorizedAt:
      typeof intent.latest_charge === 'object' && intent.latest_charge !== null
        ? intent.latest_charge.created
        : null,
    livemode: intent.livemode,
  };
}

/** Turns whatever stripe-node threw into the kind of failure the booking flow acts on. */
export function toPaymentError(error: unknown, operation: string): PaymentError {
  if (error instanceof PaymentError) return error;
  if (!(error instanceof Stripe.errors.StripeError)) {
    return new PaymentError('unavailable', `${operation}: unexpected failure calling Stripe`, {
      cause: error,
    });
  }
  let paymentIntent: PaymentSnapshot | undefined;
  try {
    paymentIntent = error.payment_intent === undefined ? undefined : toSnapshot(error.payment_intent);
  } catch {
    paymentIntent = undefined;
  }
  const kind = kindOf(error, paymentIntent);
  return new PaymentError(
    kind,
    `${operation}: ${kind}${error.code === undefined ? '' : ` (${error.code})`}`,
    {
      code: error.code,
      declineCode: error.decline_code,
      stripeMessage: error.message,
      statusCode: error.statusCode,
      requestId: error.requestId,
      paymentIntent,
      cause: error,
    },
  );
}

function kindOf(
  error: Stripe.errors.StripeError,
  paymentIntent: PaymentSnapshot | undefined,
): PaymentErrorKind {
  if (error instanceof Stripe.errors.StripeCardError) {
    return error.code === 'authentication_required' ? 'authentication_required' : 'card_declined';
  }
  if (error instanceof Stripe.errors.StripeIdempotencyError) return 'idempotency_conflict';
  if (
    error instanceof Stripe.errors.StripeAuthenticationError ||
    error instanceof Stripe.errors.StripePermissionError
  ) {
    return 'misconfigured';
  }
  if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) return 'unavailable';
  switch (error.code) {
    case 'charge_expired_for_capture':
      return 'authorization_expired';
    case 'payment_intent_unexpected_state':
      if (paymentIntent?.status === 'succeeded') return 'already_captured';
      if (paymentIntent?.status === 'canceled') {
        return paymentIntent.cancellationReason === 'automatic'
          ? 'authorization_expired'
          : 'already_canceled';
      }
      return 'invalid_request';
    case 'charge_already_refunded':
      return 'already_refunded';
    case 'amount_too_large':
      return 'amount_too_large';
    case 'payment_intent_authentication_failure':
      return 'authentication_required';
    case 'resource_missing':
      return 'not_found';
    default:
      return error.statusCode === 404 ? 'not_found' : 'invalid_request';
  }
}

const gateways = new WeakMap<Stripe, PaymentGateway>();

/** The gateway over this unit's Stripe client. */
export function paymentGateway(): PaymentGateway {
  const client = stripe();
  let gateway = gateways.get(client);
  if (gateway === undefined) {
    gateway = createStripeGateway(client);
    gateways.set(client, gateway);
  }
  return gateway;
}
