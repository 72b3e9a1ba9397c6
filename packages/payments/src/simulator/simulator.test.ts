/**
 * The simulator through the real stripe-node client: Stripe's wire format,
 * idempotency, keys, the PaymentIntent state machine, test cards, 3-D Secure
 * and expiring authorisations.
 */
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStripeSimulator, type StripeSimulator } from './index';

let simulator: StripeSimulator;
let stripe: Stripe;

function clientFor(url: string, key: string): Stripe {
  const { hostname, port } = new URL(url);
  return new Stripe(key, { host: hostname, port: Number(port), protocol: 'http', maxNetworkRetries: 0 });
}

beforeAll(async () => {
  simulator = await createStripeSimulator();
  stripe = clientFor(simulator.url, simulator.secretKey);
});

afterAll(async () => {
  await simulator.close();
});

const authorised = (extra: Partial<Stripe.PaymentIntentCreateParams> = {}) =>
  stripe.paymentIntents.create({
    amount: 245_000,
    currency: 'usd',
    capture_method: 'manual',
    confirm: true,
    payment_method: 'pm_card_visa',
    metadata: { bookingId: 'bk-sim' },
    ...extra,
  });

async function stripeError(call: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Stripe.errors.StripeError))
    throw new Error(`expected a Stripe error, got ${String(error)}`);
  return error;
}

describe('PaymentIntents with manual capture', () => {
  it('an intent confirmed with pm_card_visa waits in requires_capture with the whole amount capturable', async () => {
    const intent = await authorised();

    expect(intent).toMatchObject({
      object: 'payment_intent',
      status: 'requires_capture',
      amount: 245_000,
      amount_capturable: 245_000,
      amount_received: 0,
      currency: 'usd',
      capture_method: 'manual',
      livemode: false,
      metadata: { bookingId: 'bk-sim' },
    });
    expect(intent.id).toMatch(/^pi_\w{24}$/);
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_\\w+$`));
    expect(intent.latest_charge).toMatch(/^ch_/);
    expect(intent.payment_method).toMatch(/^pm_/);
    expect(Number.isInteger(intent.created)).toBe(true);
  });

  it('reads stripe-node form encoding: nested metadata and expand[] come back as Stripe would answer', async () => {
    const intent = await authorised({
      metadata: { bookingId: 'bk-form', tier: 'a b&c=d' },
      expand: ['latest_charge'],
    });

    expect(intent.metadata).toEqual({ bookingId: 'bk-form', tier: 'a b&c=d' });
    const charge = intent.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({
      object: 'charge',
      captured: false,
      amount: 245_000,
      payment_intent: intent.id,
    });
    expect(simulator.requests.at(-1)?.params).toMatchObject({
      metadata: { bookingId: 'bk-form', tier: 'a b&c=d' },
      expand: ['latest_charge'],
    });
  });

  it('capture takes the authorised amount and the charge records it', async () => {
    const intent = await authorised();

    const captured = await stripe.paymentIntents.capture(intent.id, { expand: ['latest_charge'] });

    expect(captured).toMatchObject({ status: 'succeeded', amount_received: 245_000, amount_capturable: 0 });
    expect(captured.latest_charge).toMatchObject({ captured: true, amount_captured: 245_000 });
  });

  it('capture of less than the authorisation is allowed, of more is refused', async () => {
    const intent = await authorised();

    const tooMuch = await stripeError(
      stripe.paymentIntents.capture(intent.id, { amount_to_capture: 245_001 }),
    );
    const partial = await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 100_000 });

    expect(tooMuch).toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'amount_to_capture' });
    expect(partial).toMatchObject({ status: 'succeeded', amount_received: 100_000 });
  });

  it('cancel releases the authorisation with the reason given', async () => {
    const intent = await authorised();

    const canceled = await stripe.paymentIntents.cancel(intent.id, { cancellation_reason: 'abandoned' });

    expect(canceled).toMatchObject({
      status: 'canceled',
      cancellation_reason: 'abandoned',
      amount_capturable: 0,
    });
    expect(canceled.canceled_at).toBeTypeOf('number');
  });

  it('refuses transitions Stripe refuses, with payment_intent_unexpected_state and the intent attached', async () => {
    const canceled = await stripe.paymentIntents.cancel((await authorised()).id);
    const succeeded = await stripe.paymentIntents.capture((await authorised()).id);

    const captureCanceled = await stripeError(stripe.paymentIntents.capture(canceled.id));
    const cancelSucceeded = await stripeError(stripe.paymentIntents.cancel(succeeded.id));

    expect(captureCanceled).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(captureCanceled).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    expect(captureCanceled.payment_intent?.status).toBe('canceled');
    expect(cancelSucceeded).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    expect(cancelSucceeded.payment_intent?.status).toBe('succeeded');
  });

  it('an unknown PaymentIntent is a 404 resource_missing', async () => {
    const error = await stripeError(stripe.paymentIntents.retrieve('pi_doesnotexist'));

    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('refuses parameters it does not know, as Stripe does, including the removed payment_method_types', async () => {
    const unknown = await stripeError(
      stripe.rawRequest('POST', '/v1/payment_intents', { amount: 100, currency: 'usd', colour: 'red' }),
    );
    const removed = await stripeError(
      stripe.rawRequest('POST', '/v1/payment_intents', {
        amount: 100,
        currency: 'usd',
        payment_method_types: ['card'],
      }),
    );

    expect(unknown).toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'colour' });
    expect(removed).toMatchObject({
      statusCode: 400,
      code: 'parameter_unknown',
      param: 'payment_method_types',
    });
  });

  it('refuses amounts that are not positive integers', async () => {
    const fraction = await stripeError(
      stripe.rawRequest('POST', '/v1/payment_intents', { amount: '12.5', currency: 'usd' }),
    );
    const zero = await stripeError(stripe.paymentIntents.create({ amount: 0, currency: 'usd' }));

    expect(fraction).toMatchObject({ statusCode: 400, code: 'parameter_invalid_integer', param: 'amount' });
    expect(zero).toMatchObject({ statusCode: 400, code: 'parameter_invalid_integer', param: 'amount' });
  });
});

describe('amount limits by payment method', () => {
  it('a card payment carries up to twelve digits in the minor unit, not one more', async () => {
    const largest = await stripe.paymentIntents.create({
      amount: 999_999_999_999,
      currency: 'uzs',
      capture_method: 'manual',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    const tooLarge = await stripeError(
      stripe.paymentIntents.create({ amount: 1_000_000_000_000, currency: 'uzs' }),
    );

    expect(largest).toMatchObject({ status: 'requires_capture', amount_capturable: 999_999_999_999 });
    expect(tooLarge).toMatchObject({
      statusCode: 400,
      type: 'StripeInvalidRequestError',
      code: 'amount_too_large',
      param: 'amount',
      message: 'Amount must be no more than UZS 9,999,999,999.99',
    });
  });

  it('a tenge stay for several travellers above eight digits is a card payment like any other', async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 555_000_000,
      currency: 'kzt',
      capture_method: 'manual',
      confirm: true,
      payment_method: 'pm_card_mastercard',
    });

    expect(intent.status).toBe('requires_capture');
  });

  it('an American Express card carries at most nine digits: a larger confirmation is refused and changes nothing', async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 1_000_000_000,
      currency: 'usd',
      capture_method: 'manual',
    });
    const fits = await stripe.paymentIntents.create({
      amount: 999_999_999,
      currency: 'usd',
      capture_method: 'manual',
      confirm: true,
      payment_method: 'pm_card_amex',
    });

    const refused = await stripeError(
      stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_amex' }),
    );
    const atCreation = await stripeError(
      stripe.paymentIntents.create({
        amount: 1_000_000_000,
        currency: 'jpy',
        confirm: true,
        payment_method: 'pm_card_amex',
      }),
    );
    const otherCard = await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });

    expect(fits.status).toBe('requires_capture');
    expect(refused).toMatchObject({
      statusCode: 400,
      code: 'amount_too_large',
      message: 'Amount must be no more than $9,999,999.99',
    });
    expect(atCreation).toMatchObject({
      code: 'amount_too_large',
      message: 'Amount must be no more than ¥999,999,999',
    });
    expect(otherCard.status).toBe('requires_capture');
  });

  it('a payment method other than cards carries at most eight digits', async () => {
    const other = await stripeError(
      stripe.paymentIntents.create({
        amount: 100_000_000,
        currency: 'cny',
        allowed_payment_method_types: ['wechat_pay'],
      }),
    );
    const withCards = await stripe.paymentIntents.create({
      amount: 100_000_000,
      currency: 'cny',
      allowed_payment_method_types: ['card', 'wechat_pay'],
    });

    expect(other).toMatchObject({
      statusCode: 400,
      code: 'amount_too_large',
      message: 'Amount must be no more than CN¥999,999.99',
    });
    expect(withCards.status).toBe('requires_payment_method');
  });
});

describe('refunds', () => {
  it('refund partially, then the rest; then nothing is left to refund', async () => {
    const intent = await stripe.paymentIntents.capture((await authorised()).id);

    const first = await stripe.refunds.create({
      payment_intent: intent.id,
      amount: 45_000,
      reason: 'requested_by_customer',
    });
    const rest = await stripe.refunds.create({ payment_intent: intent.id });
    const again = await stripeError(stripe.refunds.create({ payment_intent: intent.id, amount: 1 }));
    const charge = await stripe.charges.retrieve(String(intent.latest_charge));

    expect(first).toMatchObject({
      object: 'refund',
      amount: 45_000,
      status: 'succeeded',
      payment_intent: intent.id,
    });
    expect(first.id).toMatch(/^re_/);
    expect(rest.amount).toBe(200_000);
    expect(again).toMatchObject({ statusCode: 400, code: 'charge_already_refunded' });
    expect(charge).toMatchObject({ amount_refunded: 245_000, refunded: true });
    expect(await stripe.refunds.retrieve(first.id)).toMatchObject({ id: first.id, amount: 45_000 });
  });

  it('a refund above what is left is refused with amount_too_large', async () => {
    const intent = await stripe.paymentIntents.capture((await authorised()).id);
    await stripe.refunds.create({ payment_intent: intent.id, amount: 200_000 });

    const error = await stripeError(stripe.refunds.create({ payment_intent: intent.id, amount: 45_001 }));

    expect(error).toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'amount' });
  });

  it('an authorisation that was never captured cannot be refunded', async () => {
    const intent = await authorised();

    const error = await stripeError(stripe.refunds.create({ payment_intent: intent.id }));

    expect(error).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
  });
});

describe('listing refunds', () => {
  it('lists the refunds of one PaymentIntent newest first, a page at a time', async () => {
    const intent = await stripe.paymentIntents.capture((await authorised()).id);
    const other = await stripe.paymentIntents.capture((await authorised()).id);
    const made: string[] = [];
    for (const amount of [1_000, 2_000, 3_000]) {
      made.push((await stripe.refunds.create({ payment_intent: intent.id, amount })).id);
      await stripe.refunds.create({ payment_intent: other.id, amount });
    }
    const [oldest = '', middle = '', newest = ''] = made;

    const first = await stripe.refunds.list({ payment_intent: intent.id, limit: 2 });
    const second = await stripe.refunds.list({ payment_intent: intent.id, limit: 2, starting_after: middle });
    const back = await stripe.refunds.list({ payment_intent: intent.id, limit: 1, ending_before: oldest });
    const all = await stripe.refunds
      .list({ payment_intent: intent.id, limit: 1 })
      .autoPagingToArray({ limit: 10 });

    expect(first).toMatchObject({ object: 'list', url: '/v1/refunds', has_more: true });
    expect(first.data.map((refund) => refund.id)).toEqual([newest, middle]);
    expect(second.has_more).toBe(false);
    expect(second.data.map((refund) => refund.id)).toEqual([oldest]);
    expect(back).toMatchObject({ has_more: true, data: [{ id: middle }] });
    expect(all.map((refund) => [refund.id, refund.amount, refund.payment_intent])).toEqual([
      [newest, 3_000, intent.id],
      [middle, 2_000, intent.id],
      [oldest, 1_000, intent.id],
    ]);
  });

  it('expands each item with data.charge', async () => {
    const intent = await stripe.paymentIntents.capture((await authorised()).id);
    await stripe.refunds.create({ payment_intent: intent.id, amount: 500 });

    const listed = await stripe.refunds.list({ payment_intent: intent.id, expand: ['data.charge'] });

    expect(listed.data[0]?.charge).toMatchObject({ object: 'charge', id: intent.latest_charge });
  });

  it('refuses an unknown PaymentIntent, a limit above 100 and two cursors, as Stripe does', async () => {
    const intent = await stripe.paymentIntents.capture((await authorised()).id);

    const unknown = await stripeError(stripe.refunds.list({ payment_intent: 'pi_unknown' }));
    const tooMany = await stripeError(stripe.refunds.list({ payment_intent: intent.id, limit: 101 }));
    const both = await stripeError(
      stripe.refunds.list({ payment_intent: intent.id, starting_after: 're_a', ending_before: 're_b' }),
    );
    const lostCursor = await stripeError(
      stripe.refunds.list({ payment_intent: intent.id, starting_after: 're_gone' }),
    );

    expect(unknown).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'payment_intent' });
    expect(tooMany).toMatchObject({ statusCode: 400, param: 'limit' });
    expect(both).toMatchObject({ statusCode: 400, code: 'parameters_exclusive' });
    expect(lostCursor).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'starting_after' });
  });
});

describe('refunds that settle later', () => {
  const refundEvents = (sim: StripeSimulator, refundId: string) =>
    sim.events
      .filter((event) => event.type.startsWith('refund.') || event.type === 'charge.refund.updated')
      .filter((event) => (event.data.object as { id?: string }).id === refundId)
      .map((event) => [event.type, (event.data.object as { status?: string }).status]);

  it('a refund to pm_card_refundFail looks succeeded, then fails with charge.refund.updated', async () => {
    const intent = await stripe.paymentIntents.capture(
      (await authorised({ payment_method: 'pm_card_refundFail' })).id,
    );

    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 45_000 });
    const settled = simulator.settleRefunds();
    const after = await stripe.refunds.retrieve(refund.id);
    const charge = await stripe.charges.retrieve(String(intent.latest_charge));

    expect(refund.status).toBe('succeeded');
    expect(settled).toContain(refund.id);
    expect(after).toMatchObject({ status: 'failed', failure_reason: 'expired_or_canceled_card' });
    expect(after.failure_balance_transaction).toMatch(/^txn_/);
    // The money went back to the account: nothing counts as refunded, the whole amount can be refunded again.
    expect(charge).toMatchObject({ amount_refunded: 0, refunded: false });
    expect(refundEvents(simulator, refund.id)).toEqual([
      ['refund.created', 'succeeded'],
      ['charge.refund.updated', 'failed'],
      ['refund.updated', 'failed'],
      ['refund.failed', 'failed'],
    ]);
  });

  it('a control makes the next refund of any PaymentIntent fail; the one after succeeds', async () => {
    const intent = await stripe.paymentIntents.capture((await authorised()).id);

    const armed = await fetch(`${simulator.url}/_simulator/payment_intents/${intent.id}/fail_next_refund`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ failureReason: 'lost_or_stolen_card' }),
    });
    const failing = await stripe.refunds.create({ payment_intent: intent.id, amount: 100_000 });
    const settle = await fetch(`${simulator.url}/_simulator/refunds/settle`, { method: 'POST' });
    const retried = await stripe.refunds.create({ payment_intent: intent.id, amount: 100_000 });
    simulator.settleRefunds();
    const listed = await stripe.refunds.list({ payment_intent: intent.id });

    expect(armed.status).toBe(200);
    expect(await settle.json()).toEqual({ settled: [failing.id] });
    expect(listed.data.map((refund) => [refund.id, refund.status, refund.failure_reason])).toEqual([
      [retried.id, 'succeeded', undefined],
      [failing.id, 'failed', 'lost_or_stolen_card'],
    ]);
  });

  it('a refund to pm_card_pendingRefund is pending, counts against what is left, then succeeds', async () => {
    const intent = await stripe.paymentIntents.capture(
      (await authorised({ payment_method: 'pm_card_pendingRefund' })).id,
    );

    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 200_000 });
    const tooMuch = await stripeError(stripe.refunds.create({ payment_intent: intent.id, amount: 45_001 }));
    simulator.settleRefunds();
    const after = await stripe.refunds.retrieve(refund.id);

    expect(refund).toMatchObject({ status: 'pending', pending_reason: 'processing' });
    expect(tooMuch).toMatchObject({ code: 'amount_too_large' });
    expect(after.status).toBe('succeeded');
    expect(after.pending_reason).toBeUndefined();
    expect(refundEvents(simulator, refund.id)).toEqual([
      ['refund.created', 'pending'],
      ['charge.refund.updated', 'succeeded'],
      ['refund.updated', 'succeeded'],
    ]);
  });

  it('refunds settle by themselves after refundSettleMs, or when the clock passes it', async () => {
    const quick = await createStripeSimulator({ refundSettleMs: 50 });
    const slow = await createStripeSimulator({ refundSettleMs: 3_600_000 });
    try {
      const refundWith = async (sim: StripeSimulator) => {
        const client = clientFor(sim.url, sim.secretKey);
        const intent = await client.paymentIntents.create({
          amount: 1_000,
          currency: 'usd',
          confirm: true,
          payment_method: 'pm_card_refundFail',
        });
        return client.refunds.create({ payment_intent: intent.id });
      };
      const quickRefund = await refundWith(quick);
      const slowRefund = await refundWith(slow);

      await vi.waitFor(() =>
        expect(refundEvents(quick, quickRefund.id)).toContainEqual(['refund.failed', 'failed']),
      );
      const slowBefore = refundEvents(slow, slowRefund.id);
      slow.advanceClock(3_600);

      expect(slowBefore).toEqual([['refund.created', 'succeeded']]);
      expect(refundEvents(slow, slowRefund.id)).toContainEqual(['charge.refund.updated', 'failed']);
    } finally {
      await quick.close();
      await slow.close();
    }
  });
});

describe('test cards', () => {
  it('pm_card_chargeDeclined answers 402 card_error and leaves the intent ready for another card', async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 5_000,
      currency: 'usd',
      capture_method: 'manual',
    });

    const error = await stripeError(
      stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_chargeDeclined' }),
    );
    const after = await stripe.paymentIntents.retrieve(intent.id);

    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({
      statusCode: 402,
      code: 'card_declined',
      decline_code: 'generic_decline',
      message: 'Your card was declined.',
    });
    expect(error.charge).toMatch(/^ch_/);
    expect(after.status).toBe('requires_payment_method');
    expect(after.last_payment_error).toMatchObject({
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'generic_decline',
    });
    expect(
      simulator.events.filter((event) => event.type === 'payment_intent.payment_failed').at(-1)?.data.object,
    ).toMatchObject({
      id: intent.id,
    });
  });

  it('pm_card_authenticationRequired asks for 3-D Secure, and completing it authorises the card', async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 7_000,
      currency: 'usd',
      capture_method: 'manual',
      confirm: true,
      payment_method: 'pm_card_authenticationRequired',
    });

    const completed = await fetch(`${simulator.url}/_simulator/payment_intents/${intent.id}/authenticate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ outcome: 'succeed' }),
    });

    expect(intent.status).toBe('requires_action');
    expect(intent.next_action).toMatchObject({ type: 'use_stripe_sdk' });
    expect(completed.status).toBe(200);
    expect(await stripe.paymentIntents.retrieve(intent.id)).toMatchObject({
      status: 'requires_capture',
      amount_capturable: 7_000,
    });
  });

  it('failing 3-D Secure returns the intent to requires_payment_method with payment_intent_authentication_failure', async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 7_000,
      currency: 'usd',
      capture_method: 'manual',
      confirm: true,
      payment_method: 'pm_card_threeDSecure2Required',
    });

    simulator.authenticate(intent.id, 'fail');

    expect(await stripe.paymentIntents.retrieve(intent.id)).toMatchObject({
      status: 'requires_payment_method',
      last_payment_error: { code: 'payment_intent_authentication_failure' },
    });
  });

  it('with a return_url, the 3-D Secure page redirects back the way Stripe does', async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 7_000,
      currency: 'usd',
      capture_method: 'manual',
      confirm: true,
      payment_method: 'pm_card_authenticationRequired',
      return_url: 'http://localhost:3000/bookings/bk-3ds/paid',
    });
    const next = intent.next_action?.redirect_to_url;
    const page = await fetch(String(next?.url));

    const answer = await fetch(`${simulator.url}/_simulator/payment_intents/${intent.id}/authenticate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'outcome=succeed',
      redirect: 'manual',
    });

    expect(await page.text()).toContain('Complete authentication');
    expect(answer.status).toBe(303);
    const location = new URL(String(answer.headers.get('location')));
    expect(location.pathname).toBe('/bookings/bk-3ds/paid');
    expect(location.searchParams.get('payment_intent')).toBe(intent.id);
    expect(location.searchParams.get('redirect_status')).toBe('succeeded');
  });
});

describe('keys and idempotency', () => {
  it('the same Idempotency-Key with the same parameters replays the first answer', async () => {
    const params = {
      amount: 9_900,
      currency: 'usd',
      capture_method: 'manual' as const,
      metadata: { bookingId: 'bk-i' },
    };

    const first = await stripe.paymentIntents.create(params, { idempotencyKey: 'booking-bk-i-authorize' });
    const second = await stripe.paymentIntents.create(params, { idempotencyKey: 'booking-bk-i-authorize' });

    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
  });

  it('the same Idempotency-Key with other parameters is refused with idempotency_error', async () => {
    await stripe.paymentIntents.create(
      { amount: 100, currency: 'usd' },
      { idempotencyKey: 'booking-bk-j-authorize' },
    );

    const error = await stripeError(
      stripe.paymentIntents.create(
        { amount: 200, currency: 'usd' },
        { idempotencyKey: 'booking-bk-j-authorize' },
      ),
    );

    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error).toMatchObject({ statusCode: 400, rawType: 'idempotency_error' });
  });

  it('a declined confirmation is replayed too: the endpoint ran, so its answer is kept', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 100, currency: 'usd' });
    const confirm = () =>
      stripe.paymentIntents.confirm(
        intent.id,
        { payment_method: 'pm_card_chargeDeclined' },
        { idempotencyKey: `k-${intent.id}` },
      );

    const first = await stripeError(confirm());
    const second = await stripeError(confirm());

    expect(second.charge).toBe(first.charge);
    expect(second.headers?.['idempotent-replayed']).toBe('true');
  });

  it('a refusal after the endpoint began is replayed with its status, and the same key on another endpoint is refused', async () => {
    const canceled = await stripe.paymentIntents.cancel((await authorised()).id);
    const capture = () =>
      stripe.paymentIntents.capture(canceled.id, {}, { idempotencyKey: `capture-${canceled.id}` });

    const first = await stripeError(capture());
    const second = await stripeError(capture());
    const elsewhere = await stripeError(
      stripe.paymentIntents.cancel(canceled.id, {}, { idempotencyKey: `capture-${canceled.id}` }),
    );

    expect(first).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    expect(second).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    expect(second.headers?.['idempotent-replayed']).toBe('true');
    expect(second.headers?.['original-request']).toBe(first.requestId);
    expect(elsewhere).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it('parameters refused before the endpoint began are not saved: the key can be used again, corrected', async () => {
    const key = 'booking-bk-k-authorize';

    const refused = await stripeError(
      stripe.rawRequest('POST', '/v1/payment_intents', { amount: 100 }, { idempotencyKey: key }),
    );
    const created = await stripe.paymentIntents.create(
      { amount: 100, currency: 'usd' },
      { idempotencyKey: key },
    );

    expect(refused).toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'currency' });
    expect(created.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(created.amount).toBe(100);
  });

  it('an unknown secret key is refused with 401 in Stripe shape', async () => {
    const stranger = clientFor(simulator.url, 'sk_test_not_the_simulator_key_1234');

    const error = await stripeError(stranger.paymentIntents.create({ amount: 100, currency: 'usd' }));

    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error.statusCode).toBe(401);
    expect(error.message).toMatch(/^Invalid API Key provided: sk_test_\*+1234$/);
  });

  it('a request without a key is refused with 401', async () => {
    const response = await fetch(`${simulator.url}/v1/payment_intents/pi_x`);

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('the publishable key confirms with the client secret, as Stripe.js does, but cannot create or capture', async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 3_000,
      currency: 'usd',
      capture_method: 'manual',
    });
    const browser = (path: string, body: string) =>
      fetch(`${simulator.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `key=${simulator.publishableKey}&${body}`,
      });

    const wrongSecret = await browser(
      `/v1/payment_intents/${intent.id}/confirm`,
      'payment_method=pm_card_visa&client_secret=nope',
    );
    const confirmed = await browser(
      `/v1/payment_intents/${intent.id}/confirm`,
      `payment_method=pm_card_visa&client_secret=${intent.client_secret}&use_stripe_sdk=true&_stripe_version=2026-10-28.endive`,
    );
    const capture = await browser(`/v1/payment_intents/${intent.id}/capture`, '');

    expect(wrongSecret.status).toBe(400);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({ status: 'requires_capture' });
    expect(capture.status).toBe(401);
  });
});

describe('the clock', () => {
  it('an authorisation older than seven days is canceled by Stripe and can no longer be captured', async () => {
    const clock = await createStripeSimulator();
    const client = clientFor(clock.url, clock.secretKey);
    try {
      const intent = await client.paymentIntents.create({
        amount: 1_000,
        currency: 'usd',
        capture_method: 'manual',
        confirm: true,
        payment_method: 'pm_card_visa',
      });

      clock.advanceClock(6 * 86_400);
      const stillHeld = await client.paymentIntents.retrieve(intent.id);
      clock.advanceClock(2 * 86_400);
      const error = await stripeError(client.paymentIntents.capture(intent.id));
      const expired = await client.paymentIntents.retrieve(intent.id);

      expect(stillHeld.status).toBe('requires_capture');
      expect(error).toMatchObject({ statusCode: 400, code: 'charge_expired_for_capture' });
      expect(expired).toMatchObject({
        status: 'canceled',
        cancellation_reason: 'automatic',
        amount_capturable: 0,
      });
      expect(clock.events.map((event) => event.type)).toEqual(
        expect.arrayContaining(['charge.expired', 'payment_intent.canceled']),
      );
    } finally {
      await clock.close();
    }
  });

  it('a key is kept for 24 hours of the clock; after that the same key and parameters run anew', async () => {
    const clock = await createStripeSimulator();
    const client = clientFor(clock.url, clock.secretKey);
    try {
      const authorisedIntent = await client.paymentIntents.create({
        amount: 10_000,
        currency: 'usd',
        capture_method: 'manual',
        confirm: true,
        payment_method: 'pm_card_visa',
      });
      const intent = await client.paymentIntents.capture(authorisedIntent.id);
      const refund = () =>
        client.refunds.create(
          { payment_intent: intent.id, amount: 4_000 },
          { idempotencyKey: 'bk-refund-4000' },
        );

      const first = await refund();
      clock.advanceClock(24 * 3_600 - 60);
      const withinTheDay = await refund();
      clock.advanceClock(61);
      const nextDay = await refund();
      const charge = await client.charges.retrieve(String(intent.latest_charge));

      expect(withinTheDay.id).toBe(first.id);
      expect(withinTheDay.lastResponse.headers['idempotent-replayed']).toBe('true');
      // The hazard a platform must guard against by reading the provider's objects before acting again.
      expect(nextDay.id).not.toBe(first.id);
      expect(nextDay.lastResponse.headers['idempotent-replayed']).toBeUndefined();
      expect(charge.amount_refunded).toBe(8_000);
    } finally {
      await clock.close();
    }
  });

  it('moved over HTTP past seven days, the authorisation lapses: Stripe cancels it and says so in events', async () => {
    const clock = await createStripeSimulator();
    const client = clientFor(clock.url, clock.secretKey);
    try {
      const intent = await client.paymentIntents.create({
        amount: 2_000,
        currency: 'usd',
        capture_method: 'manual',
        confirm: true,
        payment_method: 'pm_card_visa',
      });

      const moved = await fetch(`${clock.url}/_simulator/clock`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ advanceSeconds: 7 * 86_400 }),
      });
      const canceled = clock.events.find((event) => event.type === 'payment_intent.canceled');
      const after = await client.paymentIntents.retrieve(intent.id);
      const release = await stripeError(client.paymentIntents.cancel(intent.id));

      expect(moved.status).toBe(200);
      expect(after).toMatchObject({
        status: 'canceled',
        cancellation_reason: 'automatic',
        amount_capturable: 0,
      });
      // Stripe's own doing: no request caused it.
      expect(canceled).toMatchObject({
        request: { id: null, idempotency_key: null },
        data: { object: { id: intent.id, status: 'canceled', cancellation_reason: 'automatic' } },
      });
      expect(release).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
      expect(release.payment_intent).toMatchObject({ status: 'canceled', cancellation_reason: 'automatic' });
    } finally {
      await clock.close();
    }
  });

  it('the clock also moves over HTTP, for npm start users and browser tests', async () => {
    const before = simulator.now();

    const response = await fetch(`${simulator.url}/_simulator/clock`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 60 }),
    });

    expect(response.status).toBe(200);
    const { now } = (await response.json()) as { now: number };
    expect(now - before).toBeGreaterThanOrEqual(60);
  });
});
