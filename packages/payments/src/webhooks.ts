/**
 * Stripe webhooks in: the signature is checked on the raw body (HMAC-SHA256,
 * five minutes' tolerance) before anything is parsed, then the events the
 * platform acts on are read through zod into a flat view with the booking id.
 */
import Stripe from 'stripe';
import * as z from 'zod';
import { paymentsSettings } from './config';

export const WEBHOOK_TOLERANCE_SECONDS = 300;

export type WebhookRefusal = 'unsigned' | 'bad_signature' | 'stale' | 'malformed';

export class WebhookVerificationError extends Error {
  readonly reason: WebhookRefusal;
  constructor(reason: WebhookRefusal, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'WebhookVerificationError';
    this.reason = reason;
  }
}

export const HANDLED_EVENT_TYPES = [
  'payment_intent.amount_capturable_updated',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  'charge.refunded',
  'charge.refund.updated',
] as const;
export type HandledEventType = (typeof HANDLED_EVENT_TYPES)[number];

const Minor = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const StripeCurrency = z.string().regex(/^[a-z]{3}$/);
const Metadata = z.record(z.string(), z.string());

const PaymentIntentObject = z.object({
  id: z.string().startsWith('pi_'),
  object: z.literal('payment_intent'),
  status: z.string(),
  amount: Minor,
  amount_capturable: Minor,
  amount_received: Minor,
  currency: StripeCurrency,
  metadata: Metadata,
  cancellation_reason: z.string().nullable().optional(),
  last_payment_error: z
    .object({ type: z.string(), code: z.string().optional(), decline_code: z.string().optional() })
    .nullable()
    .optional(),
  latest_charge: z
    .union([z.string(), z.object({ id: z.string() })])
    .nullable()
    .optional(),
});

const ChargeObject = z.object({
  id: z.string().startsWith('ch_'),
  object: z.literal('charge'),
  status: z.string(),
  amount: Minor,
  amount_captured: Minor,
  amount_refunded: Minor,
  captured: z.boolean(),
  refunded: z.boolean(),
  currency: StripeCurrency,
  metadata: Metadata,
  payment_intent: z.string().startsWith('pi_'),
});

/** A refund's status changed (a card refund that failed, a pending one that succeeded): https://docs.stripe.com/refunds#failed-refunds. */
const RefundObject = z.object({
  id: z.string().startsWith('re_'),
  object: z.literal('refund'),
  amount: Minor,
  status: z.string().nullable(),
  currency: StripeCurrency,
  metadata: Metadata.nullable(),
  payment_intent: z.string().startsWith('pi_').nullable(),
  charge: z.string().nullable().optional(),
  failure_reason: z.string().nullable().optional(),
});

const envelope = <T extends HandledEventType, O extends z.ZodType>(type: T, object: O) =>
  z.object({
    id: z.string().startsWith('evt_'),
    type: z.literal(type),
    created: z.number().int(),
    livemode: z.boolean(),
    data: z.object({ object }),
  });

/** The Stripe events the platform handles, as much of each as it reads. */
export const StripePaymentEvent = z.discriminatedUnion('type', [
  envelope('payment_intent.amount_capturable_updated', PaymentIntentObject),
  envelope('payment_intent.succeeded', PaymentIntentObject),
  envelope('payment_intent.payment_failed', PaymentIntentObject),
  envelope('payment_intent.canceled', PaymentIntentObject),
  envelope('charge.refunded', ChargeObject),
  envelope('charge.refund.updated', RefundObject),
]);
export type StripePaymentEvent = z.infer<typeof StripePaymentEvent>;

/** A handled event, flattened: everything the booking flow needs to find the booking and act. */
export type PaymentEvent = {
  handled: true;
  eventId: string;
  type: HandledEventType;
  /** Unix seconds, Stripe's clock. */
  created: number;
  livemode: boolean;
  paymentIntentId: string;
  /** From the PaymentIntent's (or its charge's) metadata; null if Stripe holds a payment the platform did not make. */
  bookingId: string | null;
  /** The PaymentIntent's status, the charge's for charge.refunded, the refund's for charge.refund.updated. */
  status: string;
  /** The PaymentIntent's amount, the charge's, or the refund's for charge.refund.updated. */
  amount: number;
  amountCapturable: number;
  amountReceived: number;
  /** Only charge.refunded carries it; 0 otherwise. */
  amountRefunded: number;
  /**
   * For charge.refunded: false when the refund is the release of an uncaptured authorisation
   * (Stripe sends charge.refunded when a requires_capture PaymentIntent is canceled).
   */
  captured: boolean;
  /** ISO 4217, upper case. */
  currency: string;
  cancellationReason: string | null;
  lastPaymentErrorCode: string | null;
  declineCode: string | null;
  chargeId: string | null;
  /** Only for charge.refund.updated: the refund as it now is. */
  refund: {
    refundId: string;
    amount: number;
    /** pending, succeeded, failed or canceled. */
    status: string;
    /** Why it failed, when it did: expired_or_canceled_card, lost_or_stolen_card, unknown. */
    failureReason: string | null;
    /** What the platform attached to it: bookingId, and e.g. the money step that made it. */
    metadata: Record<string, string>;
  } | null;
};

/** Any other event Stripe sends: verified, acknowledged, not acted on. */
export type IgnoredEvent = { handled: false; eventId: string; type: string; created: number };

export type VerifiedWebhookEvent = PaymentEvent | IgnoredEvent;

const Envelope = z.object({ id: z.string(), type: z.string(), created: z.number().int() });

/**
 * Verifies a Stripe webhook on its raw body (decode API Gateway's base64 first;
 * never JSON-parse before this) and returns what it says.
 */
export function verifyStripeEvent(
  rawBody: string | Buffer,
  signatureHeader: string | undefined,
  secret: string = paymentsSettings().STRIPE_WEBHOOK_SECRET,
  nowMs: number = Date.now(),
): VerifiedWebhookEvent {
  if (signatureHeader === undefined || signatureHeader.trim() === '') {
    throw new WebhookVerificationError('unsigned', 'the request has no Stripe-Signature header');
  }
  let event: unknown;
  try {
    event = Stripe.webhooks.constructEvent(
      rawBody,
      signatureHeader,
      secret,
      WEBHOOK_TOLERANCE_SECONDS,
      undefined,
      nowMs,
    );
  } catch (error) {
    throw refusal(error);
  }
  const envelope = Envelope.safeParse(event);
  if (!envelope.success)
    throw new WebhookVerificationError('malformed', 'the signed body is not a Stripe event');
  if (!(HANDLED_EVENT_TYPES as readonly string[]).includes(envelope.data.type)) {
    return {
      handled: false,
      eventId: envelope.data.id,
      type: envelope.data.type,
      created: envelope.data.created,
    };
  }
  const parsed = StripePaymentEvent.safeParse(event);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new WebhookVerificationError(
      'malformed',
      `event ${envelope.data.id} (${envelope.data.type}) lacks fields: ${problems}`,
    );
  }
  return flatten(parsed.data);
}

function refusal(error: unknown): WebhookVerificationError {
  if (error instanceof SyntaxError)
    return new WebhookVerificationError('malformed', 'the signed body is not JSON', error);
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith('Timestamp outside the tolerance zone')) {
    return new WebhookVerificationError(
      'stale',
      `the signature is older than ${WEBHOOK_TOLERANCE_SECONDS} s`,
      error,
    );
  }
  return new WebhookVerificationError(
    'bad_signature',
    'the Stripe-Signature header does not match the body',
    error,
  );
}

function flatten(event: StripePaymentEvent): VerifiedWebhookEvent {
  const base = {
    handled: true as const,
    eventId: event.id,
    created: event.created,
    livemode: event.livemode,
  };
  if (event.type === 'charge.refund.updated') {
    const refund = event.data.object;
    // A refund of a charge made without a PaymentIntent is none of the platform's.
    if (refund.payment_intent === null)
      return { handled: false, eventId: event.id, type: event.type, created: event.created };
    const metadata = refund.metadata ?? {};
    return {
      ...base,
      type: event.type,
      paymentIntentId: refund.payment_intent,
      bookingId: metadata.bookingId ?? null,
      status: refund.status ?? 'unknown',
      amount: refund.amount,
      amountCapturable: 0,
      amountReceived: 0,
      amountRefunded: 0,
      captured: true,
      currency: refund.currency.toUpperCase(),
      cancellationReason: null,
      lastPaymentErrorCode: null,
      declineCode: null,
      chargeId: refund.charge ?? null,
      refund: {
        refundId: refund.id,
        amount: refund.amount,
        status: refund.status ?? 'unknown',
        failureReason: refund.failure_reason ?? null,
        metadata,
      },
    };
  }
  if (event.type === 'charge.refunded') {
    const charge = event.data.object;
    return {
      ...base,
      type: event.type,
      paymentIntentId: charge.payment_intent,
      bookingId: charge.metadata.bookingId ?? null,
      status: charge.status,
      amount: charge.amount,
      amountCapturable: 0,
      amountReceived: charge.amount_captured,
      amountRefunded: charge.amount_refunded,
      captured: charge.captured,
      currency: charge.currency.toUpperCase(),
      cancellationReason: null,
      lastPaymentErrorCode: null,
      declineCode: null,
      chargeId: charge.id,
      refund: null,
    };
  }
  const intent = event.data.object;
  const charge = intent.latest_charge;
  return {
    ...base,
    type: event.type,
    paymentIntentId: intent.id,
    bookingId: intent.metadata.bookingId ?? null,
    status: intent.status,
    amount: intent.amount,
    amountCapturable: intent.amount_capturable,
    amountReceived: intent.amount_received,
    amountRefunded: 0,
    captured: intent.status === 'succeeded',
    currency: intent.currency.toUpperCase(),
    cancellationReason: intent.cancellation_reason ?? null,
    lastPaymentErrorCode: intent.last_payment_error?.code ?? null,
    declineCode: intent.last_payment_error?.decline_code ?? null,
    chargeId:
      charge === null || charge === undefined ? null : typeof charge === 'string' ? charge : charge.id,
    refund: null,
  };
}
