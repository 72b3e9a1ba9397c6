/**
 * Faults on the simulator's API side, through the real stripe-node client: refused requests that
 * change nothing, late answers, answers lost after the change was made, and how stripe-node's own
 * retries (same Idempotency-Key) meet each of them.
 */
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStripeSimulator, type StripeSimulator } from './index';

let simulator: StripeSimulator;
let stripe: Stripe;

function clientFor(maxNetworkRetries: number): Stripe {
  const { hostname, port } = new URL(simulator.url);
  return new Stripe(simulator.secretKey, {
    host: hostname,
    port: Number(port),
    protocol: 'http',
    maxNetworkRetries,
  });
}

beforeAll(async () => {
  simulator = await createStripeSimulator();
  stripe = clientFor(0);
});

afterEach(() => {
  simulator.faults.clear();
});

afterAll(async () => {
  await simulator.close();
});

const captured = async () => {
  const intent = await stripe.paymentIntents.create({
    amount: 50_000,
    currency: 'usd',
    capture_method: 'manual',
    confirm: true,
    payment_method: 'pm_card_visa',
  });
  return stripe.paymentIntents.capture(intent.id);
};

const authorised = () =>
  stripe.paymentIntents.create({
    amount: 50_000,
    currency: 'usd',
    capture_method: 'manual',
    confirm: true,
    payment_method: 'pm_card_visa',
  });

async function failure(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

const withKey = (key: string) => simulator.requests.filter((request) => request.idempotencyKey === key);
const eventsOf = (type: string, id: string) =>
  simulator.events.filter(
    (event) =>
      event.type === type &&
      typeof event.data.object === 'object' &&
      event.data.object !== null &&
      !Array.isArray(event.data.object) &&
      event.data.object.id === id,
  );

describe('a fault with a status', () => {
  it('answers 500 in Stripe shape and changes nothing, then lets the request through once used up', async () => {
    const intent = await captured();
    simulator.faults.add({ method: 'POST', path: '/v1/refunds', status: 500, times: 3 });
    const refund = () =>
      stripe.refunds.create({ payment_intent: intent.id, amount: 10_000 }, { idempotencyKey: 'refund-3x' });

    const first = await failure(refund());
    const left = simulator.faults.list();
    await failure(refund());
    await failure(refund());
    const done = await refund();
    const charge = await stripe.charges.retrieve(String(intent.latest_charge));

    expect(first).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(first).toMatchObject({ statusCode: 500, type: 'StripeAPIError', rawType: 'api_error' });
    expect(left).toEqual([
      expect.objectContaining({ path: '/v1/refunds', status: 500, times: 3, remaining: 2 }),
    ]);
    expect(simulator.faults.list()).toEqual([]);
    // The 500s were never saved under the key: the fourth attempt ran, it was not a replay of a 500.
    expect(done).toMatchObject({ object: 'refund', amount: 10_000, status: 'succeeded' });
    expect(withKey('refund-3x').map((request) => [request.status, request.replayed])).toEqual([
      [500, false],
      [500, false],
      [500, false],
      [200, false],
    ]);
    expect(charge.amount_refunded).toBe(10_000);
  });

  it('is retried by stripe-node with the same key when it is a 5xx, so the call succeeds once', async () => {
    const intent = await authorised();
    simulator.faults.add({ path: '/v1/payment_intents/*/capture', status: 503, times: 2 });

    const result = await clientFor(2).paymentIntents.capture(
      intent.id,
      {},
      { idempotencyKey: 'capture-503' },
    );

    expect(result.status).toBe('succeeded');
    expect(withKey('capture-503').map((request) => request.status)).toEqual([503, 503, 200]);
    expect(eventsOf('payment_intent.succeeded', intent.id)).toHaveLength(1);
  });

  it('answers 429 as a rate limit, which stripe-node does not retry', async () => {
    const intent = await authorised();
    simulator.faults.add({ path: '/v1/payment_intents/*/capture', status: 429 });

    const error = await failure(
      clientFor(2).paymentIntents.capture(intent.id, {}, { idempotencyKey: 'capture-429' }),
    );

    expect(error).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(error).toMatchObject({ statusCode: 429, code: 'rate_limit' });
    expect(withKey('capture-429')).toHaveLength(1);
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('requires_capture');
  });

  it('carries the code and message it was given', async () => {
    simulator.faults.add({
      method: 'GET',
      path: '/v1/payment_intents/*',
      status: 400,
      code: 'lock_timeout',
      message: 'This object cannot be accessed right now.',
    });

    const error = await failure(stripe.paymentIntents.retrieve('pi_anything'));

    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({
      statusCode: 400,
      code: 'lock_timeout',
      message: 'This object cannot be accessed right now.',
    });
  });
});

describe('which requests a fault meets', () => {
  it('* stands for one segment, and a method narrows the fault to it', async () => {
    const intent = await authorised();
    simulator.faults.add({ path: '/v1/payment_intents/*', status: 500 });
    simulator.faults.add({ method: 'GET', path: '/v1/payment_intents/*/capture', status: 500 });

    // Neither fault matches a POST to .../capture: the first is one segment short, the second is for GETs.
    const result = await stripe.paymentIntents.capture(intent.id);

    expect(result.status).toBe('succeeded');
    expect(simulator.faults.list().map((fault) => fault.remaining)).toEqual([1, 1]);
  });

  it('the oldest matching fault is used first, then the next', async () => {
    simulator.faults.add({ method: 'GET', path: '/v1/refunds/*', status: 502 });
    simulator.faults.add({ method: 'GET', path: '/v1/refunds/*', status: 504 });

    const first = await failure(stripe.refunds.retrieve('re_x'));
    const second = await failure(stripe.refunds.retrieve('re_x'));
    const third = await failure(stripe.refunds.retrieve('re_x'));

    expect([first, second, third].map((error) => (error as Stripe.errors.StripeError).statusCode)).toEqual([
      502, 504, 404,
    ]);
  });
});

describe('a delayed request', () => {
  it('is carried out after the delay', async () => {
    const intent = await authorised();
    simulator.faults.add({ path: '/v1/payment_intents/*/capture', delayMs: 300 });
    const before = Date.now();

    const result = await stripe.paymentIntents.capture(intent.id);

    // Timers never fire early, so this lower bound holds however loaded the machine is.
    expect(Date.now() - before).toBeGreaterThanOrEqual(299);
    expect(result.status).toBe('succeeded');
    expect(simulator.requests.at(-1)?.fault).toMatchObject({ delayMs: 300, drop: false, status: null });
  });

  it('holds its key meanwhile: the same key is refused with 409 idempotency_key_in_use, then replayed', async () => {
    const intent = await authorised();
    simulator.faults.add({ path: '/v1/payment_intents/*/capture', delayMs: 1_500 });
    const key = `capture-busy-${intent.id}`;
    const slow = stripe.paymentIntents.capture(intent.id, {}, { idempotencyKey: key });
    // The slow request has reached the simulator once its fault is used up.
    await vi.waitFor(() => expect(simulator.faults.list()).toEqual([]), { timeout: 5_000, interval: 10 });

    const busy = await failure(stripe.paymentIntents.capture(intent.id, {}, { idempotencyKey: key }));
    const first = await slow;
    const later = await stripe.paymentIntents.capture(intent.id, {}, { idempotencyKey: key });

    expect(busy).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(busy).toMatchObject({ statusCode: 409, code: 'idempotency_key_in_use' });
    // stripe-node retries a 409 by itself unless Stripe says not to.
    expect((busy as Stripe.errors.StripeError).headers?.['stripe-should-retry']).toBeUndefined();
    expect(first.status).toBe('succeeded');
    expect(later.id).toBe(first.id);
    expect(later.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(eventsOf('payment_intent.succeeded', intent.id)).toHaveLength(1);
  });
});

describe('closing the simulator', () => {
  it('does not wait for a delayed request, nor carry it out', async () => {
    const own = await createStripeSimulator();
    const { hostname, port } = new URL(own.url);
    const client = new Stripe(own.secretKey, {
      host: hostname,
      port: Number(port),
      protocol: 'http',
      maxNetworkRetries: 0,
    });
    const intent = await client.paymentIntents.create({
      amount: 1_000,
      currency: 'usd',
      capture_method: 'manual',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    own.faults.add({ path: '/v1/payment_intents/*/capture', delayMs: 30_000 });
    const slow = client.paymentIntents.capture(intent.id).then(
      () => 'answered',
      () => 'failed',
    );
    await vi.waitFor(() => expect(own.faults.list()).toEqual([]), { timeout: 5_000, interval: 10 });
    // Within the test's 5-second budget, though the request would wait 30 s.
    await own.close();

    expect(await slow).toBe('failed');
    expect(own.events.some((event) => event.type === 'payment_intent.succeeded')).toBe(false);
  });
});

describe('a dropped request', () => {
  it('is carried out, then the connection is reset without an answer', async () => {
    const intent = await authorised();
    simulator.faults.add({ path: '/v1/payment_intents/*/capture', drop: true });

    const sent = await fetch(`${simulator.url}/v1/payment_intents/${intent.id}/capture`, {
      method: 'POST',
      headers: { authorization: `Bearer ${simulator.secretKey}`, 'idempotency-key': `drop-${intent.id}` },
    }).then(
      () => 'answered',
      (error: unknown) => (error instanceof Error && error.cause instanceof Error ? error.cause : error),
    );

    expect(sent).toMatchObject({ code: 'ECONNRESET' });
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
    expect(eventsOf('payment_intent.succeeded', intent.id)).toHaveLength(1);
    expect(withKey(`drop-${intent.id}`)).toEqual([
      expect.objectContaining({ status: 200, fault: expect.objectContaining({ drop: true }) }),
    ]);
  });

  it("stripe-node's retry after the reset is answered from the first request's idempotent result", async () => {
    const intent = await authorised();
    simulator.faults.add({ path: '/v1/payment_intents/*/capture', drop: true });
    const key = `capture-dropped-${intent.id}`;

    // Even with retries off, stripe-node repeats a request whose connection was reset, once, with the same key.
    const result = await stripe.paymentIntents.capture(intent.id, {}, { idempotencyKey: key });

    expect(result).toMatchObject({ id: intent.id, status: 'succeeded', amount_received: 50_000 });
    expect(
      withKey(key).map((request) => [request.status, request.replayed, request.fault?.drop ?? false]),
    ).toEqual([
      [200, false, true],
      [200, true, false],
    ]);
    expect(eventsOf('charge.captured', String(intent.latest_charge))).toHaveLength(1);
  });

  it('after a delay, too: a slow request that ends in a reset still happened', async () => {
    const intent = await captured();
    simulator.faults.add({ method: 'POST', path: '/v1/refunds', delayMs: 50, drop: true });

    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 1_000 });
    const charge = await stripe.charges.retrieve(String(intent.latest_charge));

    expect(refund.amount).toBe(1_000);
    expect(charge.amount_refunded).toBe(1_000);
  });
});

describe('/_simulator/faults', () => {
  const control = (method: string, body?: unknown) =>
    fetch(`${simulator.url}/_simulator/faults`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('adds, lists with what is left, and clears faults over HTTP', async () => {
    const added = await control('POST', { method: 'post', path: '/v1/refunds', status: 500, times: 3 });
    await control('POST', { path: '/v1/payment_intents/*/capture', drop: true });
    const listed = (await (await control('GET')).json()) as { data: unknown[] };
    const cleared = await control('DELETE');

    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({
      id: expect.stringMatching(/^flt_/),
      method: 'POST',
      path: '/v1/refunds',
      status: 500,
      delayMs: null,
      drop: false,
      times: 3,
      remaining: 3,
    });
    expect(listed.data).toEqual([
      expect.objectContaining({ path: '/v1/refunds', remaining: 3 }),
      expect.objectContaining({ path: '/v1/payment_intents/*/capture', drop: true, times: 1, remaining: 1 }),
    ]);
    expect(await cleared.json()).toEqual({ deleted: 2 });
    expect(simulator.faults.list()).toEqual([]);
  });

  it('reads JSON sent as curl -d sends it, labelled as a form', async () => {
    const added = await fetch(`${simulator.url}/_simulator/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: JSON.stringify({ path: '/v1/refunds', status: 503 }),
    });

    expect(added.status).toBe(201);
    expect(simulator.faults.list()).toEqual([expect.objectContaining({ path: '/v1/refunds', status: 503 })]);
  });

  it.each([
    ['a fault that does nothing', { path: '/v1/refunds' }],
    ['status with drop', { path: '/v1/refunds', status: 500, drop: true }],
    ['a path outside /v1', { path: '/_simulator/clock', status: 500 }],
    ['a status that is not an error', { path: '/v1/refunds', status: 200 }],
    ['zero times', { path: '/v1/refunds', status: 500, times: 0 }],
    ['a code without a status', { path: '/v1/refunds', delayMs: 10, code: 'rate_limit' }],
    ['an unknown field', { path: '/v1/refunds', status: 500, colour: 'red' }],
  ])('refuses %s with 400', async (_, body) => {
    const response = await control('POST', body);

    expect(response.status).toBe(400);
    expect(simulator.faults.list()).toEqual([]);
  });
});
