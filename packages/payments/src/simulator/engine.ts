/**
 * The simulator's model of a Stripe account: PaymentIntents with their state
 * machine, charges, refunds and card authorisations that expire, on a clock the
 * tests can move. Every change emits the event Stripe would emit. No HTTP here.
 */
import { ApiError, apiErrors } from './errors';
import type { FormObject } from './form';
import { amountTooLarge, cardLimit, intentLimit } from './limits';
import {
  asJson,
  type CardOutcome,
  type ChargeObject,
  clone,
  type EventObject,
  type Json,
  type LastPaymentError,
  newId,
  type PaymentIntentObject,
  type PaymentMethodObject,
  type RefundFailureReason,
  type RefundObject,
  type RefundOutcome,
  type RefundReason,
  randomToken,
  TEST_CARDS,
  type TestCard,
} from './objects';
import {
  allowOnly,
  mergeMetadata,
  optBoolean,
  optEnum,
  optHash,
  optInteger,
  optMetadata,
  optString,
  optStringList,
  requiredAmount,
  requiredCurrency,
} from './params';

/** Who made a request: the secret key, or the publishable key a browser holds. */
export type Access = 'secret' | 'publishable';

/** The request an event came from; null for changes Stripe makes on its own (an expiring authorisation). */
export type RequestContext = { requestId: string | null; idempotencyKey: string | null };

export type EngineOptions = {
  apiVersion: string;
  authorizationTtlSeconds: number;
  eventLimit: number;
  /** How long a refund that settles later (a refund test card, failNextRefund) stays as first reported. */
  refundSettleMs: number;
  /** Where the simulator listens: 3-D Secure pages link back to it. */
  baseUrl: () => string;
  onEvent: (event: EventObject) => void;
};

export type AuthenticationOutcome = 'succeed' | 'fail';

const NO_REQUEST: RequestContext = { requestId: null, idempotencyKey: null };

const CREATE_PARAMS = [
  'amount',
  'currency',
  'allowed_payment_method_types',
  'automatic_payment_methods',
  'capture_method',
  'confirm',
  'confirmation_method',
  'description',
  'error_on_requires_action',
  'excluded_payment_method_types',
  'expand',
  'metadata',
  'off_session',
  'payment_method',
  'payment_method_options',
  'receipt_email',
  'return_url',
  'statement_descriptor',
  'statement_descriptor_suffix',
  'use_stripe_sdk',
] as const;
const CONFIRM_PARAMS = [
  'allowed_payment_method_types',
  'capture_method',
  'client_secret',
  'error_on_requires_action',
  'expand',
  'off_session',
  'payment_method',
  'payment_method_options',
  'receipt_email',
  'return_url',
  'use_stripe_sdk',
] as const;
const CAPTURE_PARAMS = [
  'amount_to_capture',
  'expand',
  'final_capture',
  'metadata',
  'statement_descriptor',
  'statement_descriptor_suffix',
] as const;
const CANCEL_PARAMS = ['cancellation_reason', 'expand'] as const;
const REFUND_PARAMS = [
  'amount',
  'charge',
  'expand',
  'instructions_email',
  'metadata',
  'payment_intent',
  'reason',
] as const;

const LIST_REFUNDS_PARAMS = [
  'charge',
  'ending_before',
  'expand',
  'limit',
  'payment_intent',
  'starting_after',
] as const;

const CANCELABLE = [
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
] as const;
const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'] as const;

/** Which fields of which objects `expand[]` may replace by the object they name. */
const EXPANDABLE: Record<string, readonly string[]> = {
  payment_intent: ['latest_charge', 'payment_method'],
  charge: ['payment_intent'],
  refund: ['charge', 'payment_intent'],
};

export class StripeEngine {
  private offsetSeconds = 0;
  private readonly paymentIntents = new Map<string, PaymentIntentObject>();
  private readonly paymentMethods = new Map<string, { object: PaymentMethodObject; card: TestCard }>();
  private readonly charges = new Map<string, ChargeObject>();
  private readonly refunds = new Map<string, RefundObject>();
  /** When each PaymentIntent's card authorisation was granted, in simulator seconds. */
  private readonly authorizedAt = new Map<string, number>();
  /** PaymentIntents Stripe canceled because their authorisation lapsed. */
  private readonly expired = new Set<string>();
  /** PaymentIntents whose next refund will fail later, and why: a simulator control. */
  private readonly failNextRefundOf = new Map<string, RefundFailureReason>();
  /** Refunds whose status changes later: to what, and when (simulator milliseconds). */
  private readonly refundChanges = new Map<
    string,
    { to: 'succeeded' | 'failed'; failureReason: RefundFailureReason; dueMs: number }
  >();
  private refundTimer: NodeJS.Timeout | undefined;
  /** Where the browser goes after a 3-D Secure page, per PaymentIntent confirmed with a return_url. */
  private readonly returnUrls = new Map<string, string>();
  readonly events: EventObject[] = [];
  private readonly eventsById = new Map<string, EventObject>();

  constructor(private readonly options: EngineOptions) {}

  /** The simulator's time in unix seconds: the real time, plus what advanceClock added. */
  now(): number {
    return Math.floor(Date.now() / 1000) + this.offsetSeconds;
  }

  private nowMs(): number {
    return Date.now() + this.offsetSeconds * 1_000;
  }

  advanceClock(seconds: number): number {
    if (!Number.isSafeInteger(seconds) || seconds < 0)
      throw new RangeError('advance the clock by whole seconds, forward only');
    this.offsetSeconds += seconds;
    this.catchUp();
    return this.now();
  }

  /** What Stripe does on its own as time passes: authorisations lapse, refunds settle. */
  catchUp(): void {
    this.expireAuthorizations();
    this.settleRefunds();
  }

  close(): void {
    if (this.refundTimer !== undefined) clearTimeout(this.refundTimer);
    this.refundTimer = undefined;
  }

  /** Card authorisations last seven days: past that, Stripe cancels the PaymentIntent itself. */
  expireAuthorizations(): void {
    const now = this.now();
    for (const [id, at] of this.authorizedAt) {
      const intent = this.paymentIntents.get(id);
      if (intent === undefined || intent.status !== 'requires_capture') {
        this.authorizedAt.delete(id);
        continue;
      }
      if (at + this.options.authorizationTtlSeconds > now) continue;
      this.authorizedAt.delete(id);
      this.expired.add(id);
      intent.status = 'canceled';
      intent.cancellation_reason = 'automatic';
      intent.canceled_at = now;
      intent.amount_capturable = 0;
      const charge = intent.latest_charge === null ? undefined : this.charges.get(intent.latest_charge);
      if (charge !== undefined) {
        charge.refunded = true;
        charge.amount_refunded = charge.amount;
        this.emit('charge.expired', charge, NO_REQUEST);
      }
      this.emit('payment_intent.canceled', intent, NO_REQUEST);
    }
  }

  // ---- PaymentIntents -------------------------------------------------------

  createPaymentIntent(params: FormObject, context: RequestContext): Json {
    if (params.payment_method_types !== undefined) {
      throw apiErrors.invalidParam(
        'payment_method_types',
        `Received unknown parameter: payment_method_types. Since API version 2026-09-30.endive, use allowed_payment_method_types.`,
        'parameter_unknown',
      );
    }
    allowOnly(params, CREATE_PARAMS);
    const amount = requiredAmount(params, 'amount');
    const currency = requiredCurrency(params);
    const captureMethod =
      optEnum(params, 'capture_method', ['automatic', 'automatic_async', 'manual']) ?? 'automatic_async';
    const confirmationMethod = optEnum(params, 'confirmation_method', ['automatic', 'manual']) ?? 'automatic';
    const confirm = optBoolean(params, 'confirm') ?? false;
    const automatic = optHash(params, 'automatic_payment_methods');
    const types = optStringList(params, 'allowed_payment_method_types');
    const excluded = optStringList(params, 'excluded_payment_method_types');
    if (automatic !== undefined && types !== undefined) {
      throw apiErrors.invalidParam(
        'automatic_payment_methods',
        'You may only specify one of these parameters: automatic_payment_methods, allowed_payment_method_types.',
        'parameters_exclusive',
      );
    }
    const limit = intentLimit(types, excluded);
    if (amount > limit) throw amountTooLarge('amount', limit, currency);
    if (types !== undefined && !types.includes('card')) {
      throw apiErrors.invalidParam(
        'allowed_payment_method_types',
        'The payment simulator only supports cards: include card in allowed_payment_method_types.',
      );
    }
    let automaticPaymentMethods: PaymentIntentObject['automatic_payment_methods'] = null;
    if (automatic !== undefined) {
      const enabled = optBoolean(automatic, 'enabled');
      if (enabled === undefined) throw apiErrors.parameterMissing('automatic_payment_methods[enabled]');
      const allowRedirects = optEnum(automatic, 'allow_redirects', ['always', 'never']);
      automaticPaymentMethods = {
        enabled,
        ...(allowRedirects === undefined ? {} : { allow_redirects: allowRedirects }),
      };
    } else if (types === undefined) {
      // Since API version 2023-08-16 a PaymentIntent without payment_method_types uses automatic payment methods.
      automaticPaymentMethods = { enabled: true };
    }
    const receiptEmail = optString(params, 'receipt_email', 800);
    if (receiptEmail !== undefined && !/^[^\s@]+@[^\s@]+$/.test(receiptEmail)) {
      throw apiErrors.invalidParam(
        'receipt_email',
        `Invalid email address: ${receiptEmail.slice(0, 80)}`,
        'email_invalid',
      );
    }
    const returnUrl = optString(params, 'return_url', 2_048);
    if (returnUrl !== undefined && !confirm) {
      throw apiErrors.invalidParam('return_url', 'You can only provide a return_url when confirm is true.');
    }
    const offSession = optBoolean(params, 'off_session') ?? false;
    const paymentMethodParam = optString(params, 'payment_method', 200);
    const paymentMethod =
      paymentMethodParam === undefined ? undefined : this.resolvePaymentMethod(paymentMethodParam);
    if (paymentMethod !== undefined) this.checkCardLimit(amount, currency, paymentMethod);
    const metadata = mergeMetadata({}, optMetadata(params));

    const id = newId('pi');
    const intent: PaymentIntentObject = {
      id,
      object: 'payment_intent',
      allowed_payment_method_types: types ?? null,
      amount,
      amount_capturable: 0,
      amount_details: { tip: {} },
      amount_received: 0,
      application: null,
      application_fee_amount: null,
      automatic_payment_methods: automaticPaymentMethods,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: captureMethod,
      client_secret: `${id}_secret_${randomToken(25)}`,
      confirmation_method: confirmationMethod,
      created: this.now(),
      currency,
      customer: null,
      customer_account: null,
      description: optString(params, 'description', 1_000) ?? null,
      excluded_payment_method_types: excluded ?? null,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      managed_payments: null,
      metadata,
      next_action: null,
      on_behalf_of: null,
      payment_method: paymentMethod?.object.id ?? null,
      payment_method_configuration_details: null,
      payment_method_options: {
        card: {
          installments: null,
          mandate_options: null,
          network: null,
          request_three_d_secure: 'automatic',
        },
      },
      // The simulator only knows cards: whatever was allowed, cards are what a confirmation can use.
      payment_method_types: ['card'],
      payment_record: null,
      processing: null,
      receipt_email: receiptEmail ?? null,
      review: null,
      setup_future_usage: null,
      shipping: null,
      source: null,
      statement_descriptor: optString(params, 'statement_descriptor', 22) ?? null,
      statement_descriptor_suffix: optString(params, 'statement_descriptor_suffix', 22) ?? null,
      status: paymentMethod === undefined ? 'requires_payment_method' : 'requires_confirmation',
      transfer_data: null,
      transfer_group: null,
    };
    this.paymentIntents.set(id, intent);
    this.emit('payment_intent.created', intent, context);
    if (confirm) {
      if (paymentMethod === undefined) throw apiErrors.parameterMissing('payment_method');
      this.attempt(intent, paymentMethod, { returnUrl, offSession }, context);
    }
    return this.render(intent, params);
  }

  retrievePaymentIntent(id: string, params: FormObject, access: Access): Json {
    const intent = this.paymentIntent(id);
    if (access === 'publishable') this.checkClientSecret(intent, params);
    else allowOnly(params, ['expand']);
    return this.render(intent, params);
  }

  confirmPaymentIntent(id: string, params: FormObject, access: Access, context: RequestContext): Json {
    const intent = this.paymentIntent(id);
    // Stripe.js sends more than the server libraries do; only its key-holder proof matters here.
    if (access === 'publishable') this.checkClientSecret(intent, params);
    else allowOnly(params, CONFIRM_PARAMS);
    if (!includes(CONFIRMABLE, intent.status)) {
      throw apiErrors.unexpectedState(
        `You cannot confirm this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(', ')}.`,
        this.render(intent),
      );
    }
    const paymentMethodId = optString(params, 'payment_method', 200) ?? intent.payment_method ?? undefined;
    if (paymentMethodId === undefined) throw apiErrors.parameterMissing('payment_method');
    const paymentMethod = this.resolvePaymentMethod(paymentMethodId);
    this.checkCardLimit(intent.amount, intent.currency, paymentMethod);
    const captureMethod = optEnum(params, 'capture_method', ['automatic', 'automatic_async', 'manual']);
    if (captureMethod !== undefined) intent.capture_method = captureMethod;
    const receiptEmail = optString(params, 'receipt_email', 800);
    if (receiptEmail !== undefined) intent.receipt_email = receiptEmail;
    const returnUrl = optString(params, 'return_url', 2_048);
    const offSession = access === 'secret' ? (optBoolean(params, 'off_session') ?? false) : false;
    this.attempt(intent, paymentMethod, { returnUrl, offSession }, context);
    return this.render(intent, params);
  }

  capturePaymentIntent(id: string, params: FormObject, context: RequestContext): Json {
    allowOnly(params, CAPTURE_PARAMS);
    const intent = this.paymentIntent(id);
    if (intent.status !== 'requires_capture') {
      if (this.expired.has(id)) {
        // Stripe's code for an authorisation that lapsed before capture.
        throw new ApiError(400, {
          type: 'invalid_request_error',
          code: 'charge_expired_for_capture',
          message:
            'This PaymentIntent could not be captured because its authorization has expired. Uncaptured payments expire 7 days after authorization.',
          payment_intent: this.render(intent),
        });
      }
      throw apiErrors.unexpectedState(
        `This PaymentIntent could not be captured because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
        this.render(intent),
      );
    }
    const amountToCapture = optInteger(params, 'amount_to_capture') ?? intent.amount_capturable;
    if (amountToCapture < 1) {
      throw apiErrors.invalidParam(
        'amount_to_capture',
        'This value must be greater than or equal to 1.',
        'parameter_invalid_integer',
      );
    }
    if (amountToCapture > intent.amount_capturable) {
      throw apiErrors.invalidParam(
        'amount_to_capture',
        `The amount to capture (${amountToCapture}) must be less than or equal to the amount capturable on this PaymentIntent (${intent.amount_capturable}).`,
        'amount_too_large',
      );
    }
    const metadata = optMetadata(params);
    const charge = this.latestCharge(intent);
    charge.captured = true;
    charge.amount_captured = amountToCapture;
    intent.amount_received = amountToCapture;
    intent.amount_capturable = 0;
    intent.status = 'succeeded';
    intent.metadata = mergeMetadata(intent.metadata, metadata);
    this.authorizedAt.delete(id);
    this.emit('charge.captured', charge, context);
    this.emit('payment_intent.succeeded', intent, context);
    return this.render(intent, params);
  }

  cancelPaymentIntent(id: string, params: FormObject, context: RequestContext): Json {
    allowOnly(params, CANCEL_PARAMS);
    const reason = optEnum(params, 'cancellation_reason', [
      'duplicate',
      'fraudulent',
      'requested_by_customer',
      'abandoned',
    ]);
    const intent = this.paymentIntent(id);
    if (!includes(CANCELABLE, intent.status)) {
      throw apiErrors.unexpectedState(
        `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}, processing.`,
        this.render(intent),
      );
    }
    const heldFunds = intent.status === 'requires_capture';
    intent.status = 'canceled';
    intent.canceled_at = this.now();
    intent.cancellation_reason = reason ?? null;
    intent.amount_capturable = 0;
    intent.next_action = null;
    this.authorizedAt.delete(id);
    if (heldFunds) {
      // Releasing an authorisation refunds the uncaptured charge, and Stripe says so with charge.refunded.
      const charge = this.latestCharge(intent);
      charge.refunded = true;
      charge.amount_refunded = charge.amount;
      this.emit('charge.refunded', charge, context);
    }
    this.emit('payment_intent.canceled', intent, context);
    return this.render(intent, params);
  }

  /** The cardholder's answer to the 3-D Secure challenge, which Stripe.js would show. */
  authenticate(id: string, outcome: AuthenticationOutcome, context: RequestContext): Json {
    const intent = this.paymentIntent(id);
    if (intent.status !== 'requires_action' || intent.payment_method === null) {
      throw apiErrors.unexpectedState(
        `This PaymentIntent has a status of ${intent.status}; only a PaymentIntent that requires_action can be authenticated.`,
        this.render(intent),
      );
    }
    const paymentMethod = this.resolvePaymentMethod(intent.payment_method);
    intent.next_action = null;
    if (outcome === 'succeed') {
      this.authorize(intent, paymentMethod, true, context);
    } else {
      intent.status = 'requires_payment_method';
      intent.payment_method = null;
      intent.last_payment_error = {
        type: 'invalid_request_error',
        code: 'payment_intent_authentication_failure',
        message:
          'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
        payment_method: asJson(paymentMethod.object),
        doc_url: 'https://stripe.com/docs/error-codes/payment-intent-authentication-failure',
      };
      this.emit('payment_intent.payment_failed', intent, context);
    }
    return this.render(intent);
  }

  /** The return_url a 3-D Secure page sends the browser back to, as Stripe's redirect does. */
  returnUrlAfterAuthentication(id: string): string | undefined {
    return this.returnUrls.get(id);
  }

  // ---- Refunds, charges, payment methods, events -----------------------------

  createRefund(params: FormObject, context: RequestContext): Json {
    allowOnly(params, REFUND_PARAMS);
    const intentId = optString(params, 'payment_intent', 200);
    const chargeId = optString(params, 'charge', 200);
    if (intentId === undefined && chargeId === undefined) {
      throw apiErrors.invalidParam(
        'payment_intent',
        'One of the following params should be provided for this request: payment_intent or charge.',
      );
    }
    let charge: ChargeObject;
    if (intentId !== undefined) {
      const intent = this.paymentIntent(intentId, 'payment_intent');
      if (intent.status !== 'succeeded' || intent.latest_charge === null) {
        throw apiErrors.unexpectedState(
          `This PaymentIntent (${intent.id}) does not have a successful charge to refund: its status is ${intent.status}.`,
          this.render(intent),
        );
      }
      charge = this.latestCharge(intent);
    } else {
      const found = this.charges.get(chargeId ?? '');
      if (found === undefined) throw apiErrors.resourceMissing('charge', chargeId ?? '', 'charge');
      charge = found;
    }
    if (!charge.captured || charge.status !== 'succeeded') {
      throw apiErrors.invalidParam(
        'charge',
        `Charge ${charge.id} has not been captured and cannot be refunded.`,
      );
    }
    const remaining = charge.amount_captured - charge.amount_refunded;
    if (remaining <= 0) {
      throw new ApiError(400, {
        type: 'invalid_request_error',
        code: 'charge_already_refunded',
        message: `Charge ${charge.id} has already been refunded.`,
        charge: charge.id,
      });
    }
    const amount = optInteger(params, 'amount') ?? remaining;
    if (amount < 1) {
      throw apiErrors.invalidParam(
        'amount',
        'This value must be greater than or equal to 1.',
        'parameter_invalid_integer',
      );
    }
    if (amount > remaining) {
      throw apiErrors.invalidParam(
        'amount',
        `Refund amount (${amount} ${charge.currency}) is greater than unrefunded amount on charge (${remaining} ${charge.currency})`,
        'amount_too_large',
      );
    }
    const reason: RefundReason | undefined = optEnum(params, 'reason', [
      'duplicate',
      'fraudulent',
      'requested_by_customer',
    ]);
    // Most card refunds succeed at once; Stripe's refund test cards (and the simulator's failNextRefund)
    // settle later, with charge.refund.updated: https://docs.stripe.com/refunds#failed-refunds.
    const armedFailure = this.failNextRefundOf.get(charge.payment_intent);
    this.failNextRefundOf.delete(charge.payment_intent);
    const later: RefundOutcome | undefined =
      armedFailure === undefined
        ? this.paymentMethods.get(charge.payment_method)?.card.refunds
        : 'fails_later';
    const refund: RefundObject = {
      id: newId('re'),
      object: 'refund',
      amount,
      balance_transaction: null,
      charge: charge.id,
      created: this.now(),
      currency: charge.currency,
      customer: null,
      customer_account: null,
      destination_details: {
        card: {
          reference: randomToken(23),
          reference_status: 'pending',
          reference_type: 'acquirer_reference_number',
          type: 'refund',
        },
        type: 'card',
      },
      metadata: mergeMetadata({}, optMetadata(params)),
      payment_intent: charge.payment_intent,
      payment_method: charge.payment_method,
      ...(later === 'pending_then_succeeds' ? { pending_reason: 'processing' as const } : {}),
      reason: reason ?? null,
      receipt_number: null,
      source_transfer_reversal: null,
      status: later === 'pending_then_succeeds' ? 'pending' : 'succeeded',
      transfer_reversal: null,
    };
    this.refunds.set(refund.id, refund);
    // A pending refund already counts: it cannot be refunded twice while it settles.
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded >= charge.amount_captured;
    if (later !== undefined) {
      this.refundChanges.set(refund.id, {
        to: later === 'fails_later' ? 'failed' : 'succeeded',
        failureReason: armedFailure ?? 'expired_or_canceled_card',
        dueMs: this.nowMs() + this.options.refundSettleMs,
      });
      this.scheduleRefundChanges();
    }
    this.emit('charge.refunded', charge, context);
    this.emit('refund.created', refund, context);
    return this.renderAny(refund, params);
  }

  /** Refunds newest first, filtered by PaymentIntent or charge, a page at a time, as GET /v1/refunds. */
  listRefunds(params: FormObject): Json {
    allowOnly(params, LIST_REFUNDS_PARAMS);
    const intentId = optString(params, 'payment_intent', 200);
    const chargeId = optString(params, 'charge', 200);
    if (intentId !== undefined) this.paymentIntent(intentId, 'payment_intent');
    if (chargeId !== undefined && !this.charges.has(chargeId)) {
      throw apiErrors.resourceMissing('charge', chargeId, 'charge');
    }
    const limit = optInteger(params, 'limit') ?? 10;
    if (limit < 1 || limit > 100) {
      throw apiErrors.invalidParam(
        'limit',
        limit < 1
          ? 'This value must be greater than or equal to 1.'
          : 'This value must be less than or equal to 100.',
        'parameter_invalid_integer',
      );
    }
    const startingAfter = optString(params, 'starting_after', 200);
    const endingBefore = optString(params, 'ending_before', 200);
    if (startingAfter !== undefined && endingBefore !== undefined) {
      throw apiErrors.invalidParam(
        'starting_after',
        'You may only specify one of these parameters: ending_before, starting_after.',
        'parameters_exclusive',
      );
    }
    const itemExpand = listItemExpand(params);
    const newestFirst = [...this.refunds.values()].reverse();
    const matches = (refund: RefundObject) =>
      (intentId === undefined || refund.payment_intent === intentId) &&
      (chargeId === undefined || refund.charge === chargeId);
    const cursorAt = (id: string, param: string): number => {
      const at = newestFirst.findIndex((refund) => refund.id === id);
      if (at === -1) throw apiErrors.resourceMissing('refund', id, param);
      return at;
    };
    let page: RefundObject[];
    let hasMore: boolean;
    if (endingBefore !== undefined) {
      // The page just newer than the cursor, still listed newest first.
      const newer = newestFirst.slice(0, cursorAt(endingBefore, 'ending_before')).filter(matches);
      page = newer.slice(-limit);
      hasMore = newer.length > limit;
    } else {
      const from = startingAfter === undefined ? 0 : cursorAt(startingAfter, 'starting_after') + 1;
      const older = newestFirst.slice(from).filter(matches);
      page = older.slice(0, limit);
      hasMore = older.length > limit;
    }
    return {
      object: 'list',
      data: page.map((refund) => this.renderAny(refund, itemExpand)),
      has_more: hasMore,
      url: '/v1/refunds',
    };
  }

  /** The next refund of this PaymentIntent succeeds at first, then fails (a simulator control). */
  failNextRefund(paymentIntentId: string, reason: RefundFailureReason): void {
    this.paymentIntent(paymentIntentId);
    this.failNextRefundOf.set(paymentIntentId, reason);
  }

  /**
   * Settles the refunds whose time has come (all of them with `everything`), each with
   * charge.refund.updated and refund.updated, plus refund.failed for a failure. Returns their ids.
   */
  settleRefunds(everything = false): string[] {
    const now = this.nowMs();
    const settled: string[] = [];
    for (const [id, change] of this.refundChanges) {
      if (!everything && change.dueMs > now) continue;
      this.refundChanges.delete(id);
      const refund = this.refunds.get(id);
      if (refund === undefined) continue;
      delete refund.pending_reason;
      if (change.to === 'failed') {
        refund.status = 'failed';
        refund.failure_reason = change.failureReason;
        refund.failure_balance_transaction = newId('txn');
        refund.destination_details.card.reference_status = 'unavailable';
        // The money comes back to the account: the charge no longer counts it as refunded.
        const charge = this.charges.get(refund.charge);
        if (charge !== undefined) {
          charge.amount_refunded -= refund.amount;
          charge.refunded = charge.amount_refunded >= charge.amount_captured;
        }
      } else {
        refund.status = 'succeeded';
        refund.destination_details.card.reference_status = 'available';
      }
      this.emit('charge.refund.updated', refund, NO_REQUEST);
      this.emit('refund.updated', refund, NO_REQUEST);
      if (refund.status === 'failed') this.emit('refund.failed', refund, NO_REQUEST);
      settled.push(id);
    }
    this.scheduleRefundChanges();
    return settled;
  }

  private scheduleRefundChanges(): void {
    if (this.refundTimer !== undefined) clearTimeout(this.refundTimer);
    this.refundTimer = undefined;
    let next = Number.POSITIVE_INFINITY;
    for (const change of this.refundChanges.values()) next = Math.min(next, change.dueMs);
    if (next === Number.POSITIVE_INFINITY) return;
    this.refundTimer = setTimeout(
      () => {
        this.refundTimer = undefined;
        this.settleRefunds();
      },
      Math.max(0, next - this.nowMs()),
    );
    // Pending changes alone do not keep a process alive.
    this.refundTimer.unref();
  }

  retrieveRefund(id: string, params: FormObject): Json {
    allowOnly(params, ['expand']);
    const refund = this.refunds.get(id);
    if (refund === undefined) throw apiErrors.resourceMissing('refund', id, 'id');
    return this.renderAny(refund, params);
  }

  retrieveCharge(id: string, params: FormObject): Json {
    allowOnly(params, ['expand']);
    const charge = this.charges.get(id);
    if (charge === undefined) throw apiErrors.resourceMissing('charge', id, 'charge');
    return this.renderAny(charge, params);
  }

  retrievePaymentMethod(id: string, params: FormObject): Json {
    allowOnly(params, ['expand']);
    const found = this.paymentMethods.get(id);
    if (found === undefined) throw apiErrors.resourceMissing('payment_method', id, 'payment_method');
    return asJson(found.object);
  }

  retrieveEvent(id: string, params: FormObject): Json {
    allowOnly(params, ['expand']);
    const event = this.eventsById.get(id);
    if (event === undefined) throw apiErrors.resourceMissing('event', id, 'id');
    return asJson(event);
  }

  // ---- internals ---------------------------------------------------------------

  private paymentIntent(id: string, param = 'intent'): PaymentIntentObject {
    const intent = this.paymentIntents.get(id);
    if (intent === undefined) throw apiErrors.resourceMissing('payment_intent', id, param);
    return intent;
  }

  private latestCharge(intent: PaymentIntentObject): ChargeObject {
    const charge = intent.latest_charge === null ? undefined : this.charges.get(intent.latest_charge);
    if (charge === undefined) throw new Error(`PaymentIntent ${intent.id} has no charge`);
    return charge;
  }

  private checkClientSecret(intent: PaymentIntentObject, params: FormObject): void {
    const secret = params.client_secret;
    if (typeof secret !== 'string' || secret === '') throw apiErrors.parameterMissing('client_secret');
    if (secret !== intent.client_secret) {
      throw apiErrors.invalidParam(
        'client_secret',
        'The client_secret provided does not match the client_secret associated with the PaymentIntent.',
        'payment_intent_invalid_parameter',
      );
    }
  }

  /** An American Express card carries at most nine digits: refused before anything is attempted. */
  private checkCardLimit(
    amount: number,
    currency: string,
    paymentMethod: { object: PaymentMethodObject; card: TestCard },
  ): void {
    const limit = cardLimit(paymentMethod.card.brand);
    if (amount > limit) throw amountTooLarge('amount', limit, currency);
  }

  /** A test PaymentMethod id (`pm_card_visa`) becomes a new PaymentMethod, as in Stripe test mode. */
  private resolvePaymentMethod(id: string): { object: PaymentMethodObject; card: TestCard } {
    const existing = this.paymentMethods.get(id);
    if (existing !== undefined) return existing;
    const card = TEST_CARDS[id];
    if (card === undefined) throw apiErrors.resourceMissing('PaymentMethod', id, 'payment_method');
    const { outcome: _outcome, refunds: _refunds, ...details } = card;
    const object: PaymentMethodObject = {
      id: newId('pm'),
      object: 'payment_method',
      allow_redisplay: 'unspecified',
      billing_details: {
        address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
        email: null,
        name: null,
        phone: null,
      },
      card: {
        ...details,
        exp_month: 12,
        exp_year: new Date(this.now() * 1000).getUTCFullYear() + 3,
        fingerprint: randomToken(16),
        checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
        networks: { available: [card.brand], preferred: null },
        three_d_secure_usage: { supported: true },
        wallet: null,
      },
      created: this.now(),
      customer: null,
      livemode: false,
      metadata: {},
      type: 'card',
    };
    const entry = { object, card };
    this.paymentMethods.set(object.id, entry);
    return entry;
  }

  /** One confirmation attempt: what the card network and the issuer answer for this test card. */
  private attempt(
    intent: PaymentIntentObject,
    paymentMethod: { object: PaymentMethodObject; card: TestCard },
    how: { returnUrl: string | undefined; offSession: boolean },
    context: RequestContext,
  ): void {
    intent.last_payment_error = null;
    const outcome: CardOutcome = paymentMethod.card.outcome;
    if (outcome.kind === 'authorized') {
      this.authorize(intent, paymentMethod, false, context);
      return;
    }
    if (outcome.kind === 'declined') {
      this.decline(intent, paymentMethod, outcome.code, outcome.declineCode, outcome.message, context);
      return;
    }
    if (how.offSession) {
      this.decline(
        intent,
        paymentMethod,
        'authentication_required',
        'authentication_required',
        'Your card was declined. This transaction requires authentication.',
        context,
      );
      return;
    }
    const page = `${this.options.baseUrl()}/_simulator/3ds/${intent.id}`;
    intent.status = 'requires_action';
    intent.payment_method = paymentMethod.object.id;
    intent.next_action =
      how.returnUrl === undefined
        ? {
            type: 'use_stripe_sdk',
            use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: page, source: newId('src') },
          }
        : { type: 'redirect_to_url', redirect_to_url: { url: page, return_url: how.returnUrl } };
    if (how.returnUrl === undefined) this.returnUrls.delete(intent.id);
    else this.returnUrls.set(intent.id, how.returnUrl);
    this.emit('payment_intent.requires_action', intent, context);
  }

  private authorize(
    intent: PaymentIntentObject,
    paymentMethod: { object: PaymentMethodObject; card: TestCard },
    threeDSecure: boolean,
    context: RequestContext,
  ): void {
    const manual = intent.capture_method === 'manual';
    const charge = this.newCharge(intent, paymentMethod, threeDSecure);
    charge.captured = !manual;
    charge.amount_captured = manual ? 0 : intent.amount;
    intent.latest_charge = charge.id;
    intent.payment_method = paymentMethod.object.id;
    intent.last_payment_error = null;
    intent.next_action = null;
    if (manual)
      charge.payment_method_details.card.capture_before = this.now() + this.options.authorizationTtlSeconds;
    this.emit('charge.succeeded', charge, context);
    if (manual) {
      intent.status = 'requires_capture';
      intent.amount_capturable = intent.amount;
      this.authorizedAt.set(intent.id, this.now());
      this.emit('payment_intent.amount_capturable_updated', intent, context);
    } else {
      intent.status = 'succeeded';
      intent.amount_received = intent.amount;
      this.emit('payment_intent.succeeded', intent, context);
    }
  }

  private decline(
    intent: PaymentIntentObject,
    paymentMethod: { object: PaymentMethodObject; card: TestCard },
    code: string,
    declineCode: string,
    message: string,
    context: RequestContext,
  ): never {
    const charge = this.newCharge(intent, paymentMethod, false);
    charge.status = 'failed';
    charge.paid = false;
    charge.failure_code = code;
    charge.failure_message = message;
    charge.outcome = {
      network_status: 'declined_by_network',
      reason: declineCode,
      risk_level: 'normal',
      seller_message: 'The bank did not return any further details with this decline.',
      type: 'issuer_declined',
    };
    const error: LastPaymentError = {
      type: 'card_error',
      code,
      decline_code: declineCode,
      message,
      charge: charge.id,
      payment_method: asJson(paymentMethod.object),
      doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`,
    };
    intent.status = 'requires_payment_method';
    intent.payment_method = null;
    intent.latest_charge = charge.id;
    intent.last_payment_error = error;
    intent.next_action = null;
    this.emit('charge.failed', charge, context);
    this.emit('payment_intent.payment_failed', intent, context);
    throw new ApiError(402, {
      type: 'card_error',
      code,
      decline_code: declineCode,
      message,
      charge: charge.id,
      payment_intent: this.render(intent),
      payment_method: asJson(paymentMethod.object),
    });
  }

  private newCharge(
    intent: PaymentIntentObject,
    paymentMethod: { object: PaymentMethodObject; card: TestCard },
    threeDSecure: boolean,
  ): ChargeObject {
    const { card } = paymentMethod.object;
    const charge: ChargeObject = {
      id: newId('ch'),
      object: 'charge',
      amount: intent.amount,
      amount_captured: 0,
      amount_refunded: 0,
      balance_transaction: null,
      billing_details: clone(paymentMethod.object.billing_details),
      captured: false,
      created: this.now(),
      currency: intent.currency,
      description: intent.description,
      disputed: false,
      failure_code: null,
      failure_message: null,
      livemode: false,
      // A charge inherits its PaymentIntent's metadata, so charge events carry the booking too.
      metadata: { ...intent.metadata },
      outcome: {
        network_status: 'approved_by_network',
        reason: null,
        risk_level: 'normal',
        seller_message: 'Payment complete.',
        type: 'authorized',
      },
      paid: true,
      payment_intent: intent.id,
      payment_method: paymentMethod.object.id,
      payment_method_details: {
        card: {
          brand: card.brand,
          country: card.country,
          exp_month: card.exp_month,
          exp_year: card.exp_year,
          fingerprint: card.fingerprint,
          funding: card.funding,
          last4: card.last4,
          network: card.brand,
          three_d_secure: threeDSecure
            ? { authentication_flow: 'challenge', result: 'authenticated', version: '2.2.0' }
            : null,
        },
        type: 'card',
      },
      receipt_email: intent.receipt_email,
      refunded: false,
      status: 'succeeded',
    };
    this.charges.set(charge.id, charge);
    return charge;
  }

  private emit(type: string, object: object, context: RequestContext): void {
    const event: EventObject = {
      id: newId('evt'),
      object: 'event',
      api_version: this.options.apiVersion,
      created: this.now(),
      data: { object: asJson(object) },
      livemode: false,
      pending_webhooks: 0,
      request: { id: context.requestId, idempotency_key: context.idempotencyKey },
      type,
    };
    this.events.push(event);
    this.eventsById.set(event.id, event);
    while (this.events.length > this.options.eventLimit) {
      const dropped = this.events.shift();
      if (dropped !== undefined) this.eventsById.delete(dropped.id);
    }
    this.options.onEvent(event);
  }

  private render(intent: PaymentIntentObject, params?: FormObject): Json {
    return this.renderAny(intent, params);
  }

  private renderAny(object: { object: string }, params?: FormObject): Json {
    const json = asJson(object);
    const paths = params === undefined ? undefined : params.expand;
    if (paths === undefined) return json;
    const list = typeof paths === 'string' ? [paths] : Array.isArray(paths) ? paths : undefined;
    if (list === undefined) throw apiErrors.invalidParam('expand', 'Invalid array');
    for (const path of list) {
      if (typeof path !== 'string') throw apiErrors.invalidParam('expand', 'Invalid array');
      this.expand(json, path.split('.'), path);
    }
    return json;
  }

  private expand(json: Json, path: string[], whole: string): void {
    const [field, ...rest] = path;
    if (field === undefined || json === null || typeof json !== 'object' || Array.isArray(json)) return;
    const kind = json.object;
    const allowed = typeof kind === 'string' ? EXPANDABLE[kind] : undefined;
    if (allowed === undefined || !allowed.includes(field)) {
      throw apiErrors.invalidParam('expand', `This property cannot be expanded (${whole.slice(0, 80)}).`);
    }
    const value = json[field];
    if (typeof value === 'string') json[field] = this.lookup(value);
    const expanded = json[field];
    if (rest.length > 0 && expanded !== undefined) this.expand(expanded, rest, whole);
  }

  private lookup(id: string): Json {
    const found =
      this.paymentIntents.get(id) ??
      this.charges.get(id) ??
      this.refunds.get(id) ??
      this.paymentMethods.get(id)?.object;
    return found === undefined ? id : asJson(found);
  }
}

/** `expand[]=data.charge` on a list expands `charge` in every item. */
function listItemExpand(params: FormObject): FormObject | undefined {
  const paths = params.expand;
  if (paths === undefined) return undefined;
  const list = typeof paths === 'string' ? [paths] : Array.isArray(paths) ? paths : undefined;
  if (list === undefined) throw apiErrors.invalidParam('expand', 'Invalid array');
  return {
    expand: list.map((path) => {
      if (typeof path !== 'string' || !path.startsWith('data.')) {
        throw apiErrors.invalidParam(
          'expand',
          `This property cannot be expanded (${String(path).slice(0, 80)}).`,
        );
      }
      return path.slice('data.'.length);
    }),
  };
}

function includes<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}
