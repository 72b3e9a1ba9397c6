/**
 * The payment gateway as the booking flow will use it, wired exactly as in
 * production (configuration from the environment, the module-scope client) but
 * pointed at the local simulator through STRIPE_API_URL.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStripeSimulator, type StripeSimulator } from './simulator/index';

type Payments = typeof import('./index');

let simulator: StripeSimulator;
let payments: Payments;
let bookingCounter = 0;

beforeAll(async () => {
  simulator = await createStripeSimulator();
  vi.stubEnv('STRIPE_SECRET_KEY', simulator.secretKey);
  vi.stubEnv('STRIPE_WEBHOOK_SECRET', simulator.webhookSecret);
  vi.stubEnv('STRIPE_API_URL', simulator.url);
  payments = await import('./index');
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await simulator.close();
});

function newBooking(): string {
  bookingCounter += 1;
  return `bk-gw-${bookingCounter}`;
}

async function paymentError(call: Promise<unknown>): Promise<InstanceType<Payments['PaymentError']>> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof payments.PaymentError))
    throw new Error(`expected a PaymentError, got ${String(error)}`);
  return error;
}

function requestsWithKey(key: string) {
  return simulator.requests.filter((request) => request.idempotencyKey === key);
}

/** A booking whose card is authorised, waiting for the hospital. */
async function authorisedBooking(amount = 18_500_000) {
  const bookingId = newBooking();
  const { paymentIntentId } = await payments.paymentGateway().authorize({
    bookingId,
    amount,
    currency: 'KZT',
    description: 'Acupuncture week, Urumqi, 2027-04-05',
  });
  await payments.paymentGateway().confirm({ paymentIntentId, paymentMethod: 'pm_card_visa' });
  return { bookingId, paymentIntentId };
}

describe('authorize', () => {
  it('creates a manual-capture PaymentIntent keyed by the booking, for the browser to confirm', async () => {
    const bookingId = newBooking();

    const authorization = await payments.paymentGateway().authorize({
      bookingId,
      amount: 18_500_000,
      currency: 'KZT',
      customerEmail: 'aigerim@example.kz',
      description: 'Acupuncture week, Urumqi, 2027-04-05',
    });

    expect(authorization).toMatchObject({
      bookingId,
      status: 'requires_payment_method',
      amount: 18_500_000,
      currency: 'KZT',
      captureMethod: 'manual',
    });
    expect(authorization.clientSecret).toMatch(new RegExp(`^${authorization.paymentIntentId}_secret_`));
    const [request] = requestsWithKey(`booking-${bookingId}-authorize`);
    expect(request?.path).toBe('/v1/payment_intents');
    expect(request?.params).toMatchObject({
      amount: '18500000',
      currency: 'kzt',
      capture_method: 'manual',
      allowed_payment_method_types: ['card'],
      metadata: { bookingId },
      receipt_email: 'aigerim@example.kz',
    });
    expect(request?.stripeVersion).toBe(payments.STRIPE_API_VERSION);
  });

  it('a retried authorisation of the same booking returns the same PaymentIntent', async () => {
    const input = {
      bookingId: newBooking(),
      amount: 90_000,
      currency: 'USD',
      description: 'Massage, Horgos',
    };

    const first = await payments.paymentGateway().authorize(input);
    const second = await payments.paymentGateway().authorize(input);

    expect(second.paymentIntentId).toBe(first.paymentIntentId);
  });

  it('the same booking at another price is an idempotency_conflict, never a second PaymentIntent', async () => {
    const input = {
      bookingId: newBooking(),
      amount: 90_000,
      currency: 'USD',
      description: 'Massage, Horgos',
    };
    await payments.paymentGateway().authorize(input);

    const error = await paymentError(payments.paymentGateway().authorize({ ...input, amount: 95_000 }));

    expect(error.kind).toBe('idempotency_conflict');
  });

  it('authorises a sum payable by card up to twelve digits, and calls one digit more amount_too_large', async () => {
    const authorize = (amount: number) =>
      payments.paymentGateway().authorize({
        bookingId: newBooking(),
        amount,
        currency: 'UZS',
        description: 'Catgut embedding, Urumqi, four travellers',
      });

    const payable = await authorize(999_999_999_999);
    const tooLarge = await paymentError(authorize(1_000_000_000_000));

    expect(payable).toMatchObject({ amount: 999_999_999_999, currency: 'UZS' });
    expect(tooLarge).toMatchObject({ kind: 'amount_too_large', code: 'amount_too_large', statusCode: 400 });
  });

  it.each([
    ['a fractional amount', { amount: 12.5 }],
    ['a zero amount', { amount: 0 }],
    ['a currency that is not ISO 4217', { currency: 'US$' }],
    ['a booking id with spaces', { bookingId: 'bk 1' }],
  ])('refuses %s before calling Stripe', async (_, change) => {
    const before = simulator.requests.length;

    const error = await paymentError(
      payments.paymentGateway().authorize({
        bookingId: newBooking(),
        amount: 1_000,
        currency: 'USD',
        description: 'x',
        ...change,
      }),
    );

    expect(error.kind).toBe('invalid_request');
    expect(simulator.requests.length).toBe(before);
  });
});

describe('confirm, capture, cancel', () => {
  it('a confirmed card waits in requires_capture; accepting captures it once, however often it is retried', async () => {
    const { bookingId, paymentIntentId } = await authorisedBooking();
    const held = await payments.paymentGateway().retrieve(paymentIntentId);

    const captured = await payments.paymentGateway().capture(paymentIntentId, bookingId);
    const again = await payments.paymentGateway().capture(paymentIntentId, bookingId);

    expect(held).toMatchObject({ status: 'requires_capture', amountCapturable: 18_500_000, bookingId });
    // A customer-initiated card authorisation lasts seven days from now.
    const lifetime = (held.captureBefore ?? 0) - simulator.now();
    expect(lifetime).toBeGreaterThan(7 * 86_400 - 60);
    expect(lifetime).toBeLessThanOrEqual(7 * 86_400);
    expect(captured).toMatchObject({ status: 'succeeded', amountReceived: 18_500_000, amountCapturable: 0 });
    expect(again).toEqual(captured);
    const captures = requestsWithKey(`booking-${bookingId}-capture`);
    expect(captures.map((request) => [request.path, request.replayed])).toEqual([
      [`/v1/payment_intents/${paymentIntentId}/capture`, false],
      [`/v1/payment_intents/${paymentIntentId}/capture`, true],
    ]);
  });

  it('declining releases the authorisation, keyed by the booking', async () => {
    const { bookingId, paymentIntentId } = await authorisedBooking();

    const canceled = await payments
      .paymentGateway()
      .cancelAuthorization(paymentIntentId, bookingId, 'abandoned');

    expect(canceled).toMatchObject({
      status: 'canceled',
      cancellationReason: 'abandoned',
      amountCapturable: 0,
    });
    expect(requestsWithKey(`booking-${bookingId}-cancel`)[0]?.params).toMatchObject({
      cancellation_reason: 'abandoned',
    });
  });

  it('capture after a release is already_canceled; release after capture is already_captured', async () => {
    const released = await authorisedBooking();
    const taken = await authorisedBooking();
    await payments
      .paymentGateway()
      .cancelAuthorization(released.paymentIntentId, released.bookingId, 'abandoned');
    await payments.paymentGateway().capture(taken.paymentIntentId, taken.bookingId);

    const captureReleased = await paymentError(
      payments.paymentGateway().capture(released.paymentIntentId, released.bookingId),
    );
    const releaseTaken = await paymentError(
      payments.paymentGateway().cancelAuthorization(taken.paymentIntentId, taken.bookingId, 'abandoned'),
    );

    expect(captureReleased).toMatchObject({
      kind: 'already_canceled',
      code: 'payment_intent_unexpected_state',
    });
    expect(captureReleased.paymentIntent?.status).toBe('canceled');
    expect(releaseTaken).toMatchObject({ kind: 'already_captured', code: 'payment_intent_unexpected_state' });
  });

  it('a declined card is card_declined with the issuer reason and the intent ready for another card', async () => {
    const { paymentIntentId } = await payments.paymentGateway().authorize({
      bookingId: newBooking(),
      amount: 50_000,
      currency: 'USD',
      description: 'Herbal therapy, Urumqi',
    });

    const error = await paymentError(
      payments.paymentGateway().confirm({
        paymentIntentId,
        paymentMethod: 'pm_card_chargeDeclinedInsufficientFunds',
      }),
    );

    expect(error).toMatchObject({
      kind: 'card_declined',
      code: 'card_declined',
      declineCode: 'insufficient_funds',
      statusCode: 402,
      retryable: false,
    });
    expect(error.paymentIntent).toMatchObject({
      status: 'requires_payment_method',
      lastPaymentError: { code: 'card_declined' },
    });
  });

  it('a card that needs 3-D Secure waits in requires_action until the cardholder authenticates', async () => {
    const { bookingId, paymentIntentId } = await payments.paymentGateway().authorize({
      bookingId: newBooking(),
      amount: 50_000,
      currency: 'USD',
      description: 'Rehabilitation, Urumqi',
    });

    const pending = await payments.paymentGateway().confirm({
      paymentIntentId,
      paymentMethod: 'pm_card_authenticationRequired',
    });
    simulator.authenticate(paymentIntentId, 'succeed');
    const held = await payments.paymentGateway().retrieve(paymentIntentId);

    expect(pending).toMatchObject({ status: 'requires_action', nextActionType: 'use_stripe_sdk' });
    expect(held).toMatchObject({ status: 'requires_capture', bookingId });
  });

  it('capturing an authorisation older than seven days is authorization_expired', async () => {
    const { bookingId, paymentIntentId } = await authorisedBooking();
    simulator.advanceClock(8 * 86_400);

    const error = await paymentError(payments.paymentGateway().capture(paymentIntentId, bookingId));

    expect(error).toMatchObject({
      kind: 'authorization_expired',
      code: 'charge_expired_for_capture',
      statusCode: 400,
    });
    expect(error.paymentIntent).toMatchObject({ status: 'canceled', cancellationReason: 'automatic' });
  });

  it('an unknown PaymentIntent is not_found', async () => {
    const error = await paymentError(payments.paymentGateway().retrieve('pi_unknown'));

    expect(error.kind).toBe('not_found');
  });
});

describe('refund', () => {
  it('refunds part, then the rest, each keyed by booking and amount; more is refused', async () => {
    const { bookingId, paymentIntentId } = await authorisedBooking(300_000);
    await payments.paymentGateway().capture(paymentIntentId, bookingId);

    const part = await payments.paymentGateway().refund({
      paymentIntentId,
      bookingId,
      amount: 120_000,
      reason: 'requested_by_customer',
      note: 'cancelled 20 days before departure: 40% tier',
    });
    const tooMuch = await paymentError(
      payments.paymentGateway().refund({
        paymentIntentId,
        bookingId,
        amount: 180_001,
        reason: 'requested_by_customer',
      }),
    );
    const rest = await payments.paymentGateway().refund({
      paymentIntentId,
      bookingId,
      amount: 180_000,
      reason: 'requested_by_customer',
    });
    const nothingLeft = await paymentError(
      payments.paymentGateway().refund({
        paymentIntentId,
        bookingId,
        amount: 1,
        reason: 'requested_by_customer',
      }),
    );

    expect(part).toMatchObject({ paymentIntentId, amount: 120_000, currency: 'KZT', status: 'succeeded' });
    expect(part.refundId).toMatch(/^re_/);
    expect(rest.amount).toBe(180_000);
    expect(tooMuch).toMatchObject({ kind: 'amount_too_large', code: 'amount_too_large' });
    expect(nothingLeft).toMatchObject({ kind: 'already_refunded', code: 'charge_already_refunded' });
    expect(requestsWithKey(`booking-${bookingId}-refund-120000`)[0]?.params).toMatchObject({
      payment_intent: paymentIntentId,
      amount: '120000',
      metadata: { bookingId, note: 'cancelled 20 days before departure: 40% tier' },
    });
  });

  it('a retried refund is the same refund, not a second one', async () => {
    const { bookingId, paymentIntentId } = await authorisedBooking(300_000);
    await payments.paymentGateway().capture(paymentIntentId, bookingId);
    const input = { paymentIntentId, bookingId, amount: 100_000, reason: 'requested_by_customer' as const };

    const first = await payments.paymentGateway().refund(input);
    const retried = await payments.paymentGateway().refund(input);
    const second = await payments.paymentGateway().refund({ ...input, sequence: 2 });

    expect(retried.refundId).toBe(first.refundId);
    expect(second.refundId).not.toBe(first.refundId);
  });
});

describe('refunds keyed by the caller, and read back', () => {
  it('a refund keyed by a money step of the caller carries the step in its metadata; a retry is the same refund', async () => {
    const { bookingId, paymentIntentId } = await authorisedBooking(300_000);
    await payments.paymentGateway().capture(paymentIntentId, bookingId);
    const input = {
      paymentIntentId,
      bookingId,
      amount: 100_000,
      reason: 'requested_by_customer' as const,
      idempotencyKey: `money-step-${bookingId}-1`,
      metadata: { stepId: `${bookingId}-1` },
    };

    const first = await payments.paymentGateway().refund(input);
    const retried = await payments.paymentGateway().refund(input);

    expect(first).toMatchObject({
      amount: 100_000,
      status: 'succeeded',
      failureReason: null,
      metadata: { bookingId, stepId: `${bookingId}-1` },
    });
    expect(retried.refundId).toBe(first.refundId);
    expect(requestsWithKey(`money-step-${bookingId}-1`).map((request) => request.replayed)).toEqual([
      false,
      true,
    ]);
  });

  it.each([
    ['an idempotency key with a space', { idempotencyKey: 'step 1' }],
    ['an idempotency key over 255 characters', { idempotencyKey: 'k'.repeat(256) }],
    ['metadata that would replace the booking id', { metadata: { bookingId: 'someone-else' } }],
    ['a metadata key over 40 characters', { metadata: { ['k'.repeat(41)]: 'v' } }],
  ])('refuses %s before calling Stripe', async (_, change) => {
    const before = simulator.requests.length;

    const error = await paymentError(
      payments.paymentGateway().refund({
        paymentIntentId: 'pi_whatever',
        bookingId: newBooking(),
        amount: 1_000,
        reason: 'requested_by_customer',
        ...change,
      }),
    );

    expect(error.kind).toBe('invalid_request');
    expect(simulator.requests.length).toBe(before);
  });

  it('listRefunds reads every refund of the PaymentIntent, newest first, failed ones included', async () => {
    const { bookingId, paymentIntentId } = await authorisedBooking(300_000);
    await payments.paymentGateway().capture(paymentIntentId, bookingId);
    simulator.failNextRefund(paymentIntentId);
    const refund = (amount: number, step: number) =>
      payments.paymentGateway().refund({
        paymentIntentId,
        bookingId,
        amount,
        reason: 'requested_by_customer',
        idempotencyKey: `money-step-${bookingId}-${step}`,
        metadata: { stepId: String(step) },
      });

    const failing = await refund(100_000, 1);
    simulator.settleRefunds();
    const again = await refund(100_000, 2);
    const listed = await payments.paymentGateway().listRefunds(paymentIntentId);

    expect(failing.status).toBe('succeeded');
    expect(
      listed.map((item) => [item.refundId, item.status, item.failureReason, item.metadata.stepId]),
    ).toEqual([
      [again.refundId, 'succeeded', null, '2'],
      [failing.refundId, 'failed', 'expired_or_canceled_card', '1'],
    ]);
    expect(listed[0]).toMatchObject({ paymentIntentId, amount: 100_000, currency: 'KZT' });
  });

  it('listRefunds of a PaymentIntent without refunds is empty, of an unknown one not_found', async () => {
    const { paymentIntentId } = await authorisedBooking();

    const none = await payments.paymentGateway().listRefunds(paymentIntentId);
    const unknown = await paymentError(payments.paymentGateway().listRefunds('pi_unknown'));

    expect(none).toEqual([]);
    expect(unknown.kind).toBe('not_found');
  });
});

describe('through Stripe outages', () => {
  afterEach(() => {
    simulator.faults.clear();
  });

  it('a refund refused three times with 500 is unavailable, and the next call refunds once', async () => {
    const { bookingId, paymentIntentId } = await authorisedBooking(300_000);
    await payments.paymentGateway().capture(paymentIntentId, bookingId);
    simulator.faults.add({ method: 'POST', path: '/v1/refunds', status: 500, times: 3 });
    const input = { paymentIntentId, bookingId, amount: 50_000, reason: 'requested_by_customer' as const };

    // stripe-node tries three times (two retries, same key): all three meet the fault.
    const outage = await paymentError(payments.paymentGateway().refund(input));
    const refunded = await payments.paymentGateway().refund(input);
    const listed = await payments.paymentGateway().listRefunds(paymentIntentId);

    expect(outage).toMatchObject({ kind: 'unavailable', retryable: true, statusCode: 500 });
    expect(refunded.status).toBe('succeeded');
    expect(listed.map((refund) => refund.refundId)).toEqual([refunded.refundId]);
    expect(requestsWithKey(`booking-${bookingId}-refund-50000`).map((request) => request.status)).toEqual([
      500, 500, 500, 200,
    ]);
  });

  it('a capture whose answer is lost is captured once, and the call still returns it', async () => {
    const { bookingId, paymentIntentId } = await authorisedBooking();
    simulator.faults.add({ path: '/v1/payment_intents/*/capture', drop: true });

    const captured = await payments.paymentGateway().capture(paymentIntentId, bookingId);

    expect(captured).toMatchObject({ status: 'succeeded', amountReceived: 18_500_000 });
    expect(
      requestsWithKey(`booking-${bookingId}-capture`).map((request) => [
        request.replayed,
        request.fault?.drop ?? false,
      ]),
    ).toEqual([
      [false, true],
      [true, false],
    ]);
    expect(
      simulator.events.filter(
        (event) =>
          event.type === 'payment_intent.succeeded' &&
          (event.data.object as { id?: string }).id === paymentIntentId,
      ),
    ).toHaveLength(1);
  });
});

describe('configuration and failures', () => {
  it('a secret key Stripe refuses is misconfigured', async () => {
    const gateway = payments.createStripeGateway(
      payments.createStripeClient({ secretKey: 'sk_test_not_the_simulator_key', apiUrl: simulator.url }),
    );

    const error = await paymentError(gateway.retrieve('pi_anything'));

    expect(error).toMatchObject({ kind: 'misconfigured', statusCode: 401, retryable: false });
  });

  it('a connection failure is unavailable and retryable', async () => {
    const { default: Stripe } = await import('stripe');

    const error = payments.toPaymentError(
      new Stripe.errors.StripeConnectionError({ message: 'socket hang up' }),
      'capture',
    );

    expect(error).toMatchObject({ kind: 'unavailable', retryable: true });
  });

  it.each([
    ['no secret key', { STRIPE_WEBHOOK_SECRET: 'whsec_x' }, 'STRIPE_SECRET_KEY'],
    [
      'a publishable key as the secret',
      { STRIPE_SECRET_KEY: 'pk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_x' },
      'STRIPE_SECRET_KEY',
    ],
    ['no webhook secret', { STRIPE_SECRET_KEY: 'sk_test_abc' }, 'STRIPE_WEBHOOK_SECRET'],
    [
      'a URL with a path',
      {
        STRIPE_SECRET_KEY: 'sk_test_abc',
        STRIPE_WEBHOOK_SECRET: 'whsec_x',
        STRIPE_API_URL: 'http://127.0.0.1:1/v1',
      },
      'STRIPE_API_URL',
    ],
    [
      'a live key sent to another host',
      {
        STRIPE_SECRET_KEY: 'sk_live_abc',
        STRIPE_WEBHOOK_SECRET: 'whsec_x',
        STRIPE_API_URL: 'http://127.0.0.1:1',
      },
      'STRIPE_API_URL',
    ],
  ])('configuration with %s fails fast, naming the setting but not its value', (_, env, setting) => {
    const read = () => payments.readPaymentsConfig(env);

    expect(read).toThrow(setting);
    expect(read).not.toThrow(/abc/);
  });

  it('configuration without STRIPE_API_URL talks to Stripe itself', () => {
    const config = payments.readPaymentsConfig({
      STRIPE_SECRET_KEY: 'sk_test_abc',
      STRIPE_WEBHOOK_SECRET: 'whsec_x',
    });

    expect(config.STRIPE_API_URL).toBeUndefined();
  });
});
