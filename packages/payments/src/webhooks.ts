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
  /** The PaymentIntent's status, or the charge's for charge.refunded. */
  status: string;
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

function flatten(event: StripePaymentEvent): PaymentEvent {
  const base = {
    handled: true as const,
    eventId: event.id,
    created: event.created,
    livemode: event.livemode,
  };
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
  };
}
