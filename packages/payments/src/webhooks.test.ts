/**
 * Webhooks end to end: the simulator signs and delivers events the way Stripe
 * does (retries, duplicates, reordering) to a real HTTP endpoint, and
 * verifyStripeEvent accepts exactly the genuine ones.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStripeSimulator, type StripeSimulator } from './simulator/index';

type Payments = typeof import('./index');

type Received = { body: string; headers: IncomingHttpHeaders; type: string; id: string };

/** A webhook endpoint on a free port that records each request and answers what `respond` says. */
class Receiver {
  readonly received: Received[] = [];
  respond: (nth: number) => number = () => 200;
  private server: Server | undefined;
  private waiters: Array<{ test: () => boolean; resolve: () => void }> = [];

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const { id, type } = JSON.parse(body) as { id: string; type: string };
        this.received.push({ body, headers: request.headers, id, type });
        response.writeHead(this.respond(this.received.length)).end();
        for (const waiter of [...this.waiters]) {
          if (!waiter.test()) continue;
          this.waiters = this.waiters.filter((other) => other !== waiter);
          waiter.resolve();
        }
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks/stripe`;
  }

  /** Resolves once `count` requests matching `match` have arrived. */
  until(match: (received: Received) => boolean, count = 1): Promise<Received[]> {
    const matching = () => this.received.filter(match);
    return new Promise((resolve) => {
      const test = () => matching().length >= count;
      if (test()) resolve(matching());
      else this.waiters.push({ test, resolve: () => resolve(matching()) });
    });
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

let simulator: StripeSimulator;
let stripe: Stripe;
let payments: Payments;
let receiver: Receiver;
let target: string;

beforeAll(async () => {
  simulator = await createStripeSimulator();
  vi.stubEnv('STRIPE_SECRET_KEY', simulator.secretKey);
  vi.stubEnv('STRIPE_WEBHOOK_SECRET', simulator.webhookSecret);
  vi.stubEnv('STRIPE_API_URL', simulator.url);
  payments = await import('./index');
  const { hostname, port } = new URL(simulator.url);
  stripe = new Stripe(simulator.secretKey, {
    host: hostname,
    port: Number(port),
    protocol: 'http',
    maxNetworkRetries: 0,
  });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await simulator.close();
});

beforeEach(async () => {
  receiver = new Receiver();
  target = await receiver.start();
  simulator.setWebhookTarget(target);
  simulator.configure({ delayMs: 0, duplicates: false, failFirstDeliveries: 0, reorder: false });
});

afterEach(async () => {
  simulator.setWebhookTarget(null);
  await simulator.idle();
  await receiver.stop();
});

const authorise = (bookingId: string) =>
  stripe.paymentIntents.create({
    amount: 64_000,
    currency: 'cny',
    capture_method: 'manual',
    confirm: true,
    payment_method: 'pm_card_visa',
    metadata: { bookingId },
  });

const isType = (type: string) => (received: Received) => received.type === type;

function verificationError(run: () => unknown): InstanceType<Payments['WebhookVerificationError']> {
  try {
    run();
  } catch (error) {
    if (error instanceof payments.WebhookVerificationError) return error;
    throw error;
  }
  throw new Error('expected the webhook to be refused');
}

describe('signed events', () => {
  it('an authorised card reaches the endpoint as a signed payment_intent.amount_capturable_updated', async () => {
    const intent = await authorise('bk-wh-1');

    const [delivery] = await receiver.until(isType('payment_intent.amount_capturable_updated'));
    const event = payments.verifyStripeEvent(
      delivery?.body ?? '',
      String(delivery?.headers['stripe-signature']),
    );

    expect(delivery?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(delivery?.headers['stripe-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(event).toMatchObject({
      handled: true,
      type: 'payment_intent.amount_capturable_updated',
      paymentIntentId: intent.id,
      bookingId: 'bk-wh-1',
      status: 'requires_capture',
      amount: 64_000,
      amountCapturable: 64_000,
      currency: 'CNY',
    });
    expect(JSON.parse(delivery?.body ?? '{}')).toMatchObject({
      object: 'event',
      livemode: false,
      pending_webhooks: 1,
      api_version: Stripe.API_VERSION,
      request: { id: expect.stringMatching(/^req_/) },
    });
  });

  it('capture, decline, cancel and refund arrive as the events the platform handles', async () => {
    const captured = await stripe.paymentIntents.capture((await authorise('bk-wh-2')).id);
    await stripe.refunds.create({ payment_intent: captured.id, amount: 4_000 });
    const released = await authorise('bk-wh-3');
    await stripe.paymentIntents.cancel(released.id, { cancellation_reason: 'abandoned' });
    const declined = await stripe.paymentIntents.create({
      amount: 1_000,
      currency: 'cny',
      metadata: { bookingId: 'bk-wh-4' },
    });
    await stripe.paymentIntents
      .confirm(declined.id, { payment_method: 'pm_card_chargeDeclined' })
      .catch(() => undefined);

    await receiver.until(isType('payment_intent.payment_failed'));
    await receiver.until(isType('charge.refunded'), 2);
    await simulator.idle();
    const events = receiver.received.map((received) =>
      payments.verifyStripeEvent(Buffer.from(received.body), String(received.headers['stripe-signature'])),
    );
    const handled = events.flatMap((event) => (event.handled ? [event] : []));

    expect(handled).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'payment_intent.succeeded',
          bookingId: 'bk-wh-2',
          amountReceived: 64_000,
        }),
        expect.objectContaining({
          type: 'charge.refunded',
          bookingId: 'bk-wh-2',
          amountRefunded: 4_000,
          captured: true,
        }),
        expect.objectContaining({
          type: 'payment_intent.canceled',
          bookingId: 'bk-wh-3',
          cancellationReason: 'abandoned',
        }),
        // Releasing an authorisation is reported as a refund of an uncaptured charge.
        expect.objectContaining({ type: 'charge.refunded', bookingId: 'bk-wh-3', captured: false }),
        expect.objectContaining({
          type: 'payment_intent.payment_failed',
          bookingId: 'bk-wh-4',
          lastPaymentErrorCode: 'card_declined',
          declineCode: 'generic_decline',
        }),
      ]),
    );
    expect(events.find((event) => event.type === 'payment_intent.created')).toMatchObject({ handled: false });
  });
});

describe('refund status changes', () => {
  it('a refund that fails later arrives as charge.refund.updated with the refund read', async () => {
    const captured = await stripe.paymentIntents.capture((await authorise('bk-wh-refund')).id);
    simulator.failNextRefund(captured.id, 'lost_or_stolen_card');
    const refund = await stripe.refunds.create(
      { payment_intent: captured.id, amount: 14_000, metadata: { bookingId: 'bk-wh-refund', stepId: 's-1' } },
      { idempotencyKey: 'bk-wh-refund-s-1' },
    );

    simulator.settleRefunds();
    const [delivery] = await receiver.until(isType('charge.refund.updated'));
    const event = payments.verifyStripeEvent(
      delivery?.body ?? '',
      String(delivery?.headers['stripe-signature']),
    );

    expect(event).toMatchObject({
      handled: true,
      type: 'charge.refund.updated',
      paymentIntentId: captured.id,
      bookingId: 'bk-wh-refund',
      status: 'failed',
      amount: 14_000,
      currency: 'CNY',
      chargeId: captured.latest_charge,
      refund: {
        refundId: refund.id,
        amount: 14_000,
        status: 'failed',
        failureReason: 'lost_or_stolen_card',
        metadata: { bookingId: 'bk-wh-refund', stepId: 's-1' },
      },
    });
    // Stripe's own change: no request made it.
    expect(JSON.parse(delivery?.body ?? '{}')).toMatchObject({
      request: { id: null, idempotency_key: null },
    });
  });

  it('charge.refund.updated of a refund made without a PaymentIntent is verified but not handled', () => {
    const payload = JSON.stringify({
      id: 'evt_loose',
      object: 'event',
      type: 'charge.refund.updated',
      created: 1_800_000_000,
      livemode: false,
      data: {
        object: {
          id: 're_loose',
          object: 'refund',
          amount: 100,
          status: 'failed',
          currency: 'usd',
          metadata: {},
          payment_intent: null,
          charge: 'ch_loose',
        },
      },
    });
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: simulator.webhookSecret });

    expect(payments.verifyStripeEvent(payload, header)).toEqual({
      handled: false,
      eventId: 'evt_loose',
      type: 'charge.refund.updated',
      created: 1_800_000_000,
    });
  });
});

describe('verifyStripeEvent refuses', () => {
  let body = '';
  let signature = '';

  beforeEach(async () => {
    await authorise('bk-wh-refuse');
    const [delivery] = await receiver.until(isType('payment_intent.amount_capturable_updated'));
    body = delivery?.body ?? '';
    signature = String(delivery?.headers['stripe-signature']);
  });

  it('a body changed after signing', () => {
    const tampered = body.replace('"amount": 64000', '"amount": 1');

    expect(tampered).not.toBe(body);
    expect(verificationError(() => payments.verifyStripeEvent(tampered, signature)).reason).toBe(
      'bad_signature',
    );
  });

  it('a signature made with another secret', () => {
    expect(
      verificationError(() => payments.verifyStripeEvent(body, signature, 'whsec_someone_else')).reason,
    ).toBe('bad_signature');
  });

  it('a signature older than five minutes', () => {
    const sixMinutesLater = Date.now() + 360_000;

    expect(
      verificationError(() => payments.verifyStripeEvent(body, signature, undefined, sixMinutesLater)).reason,
    ).toBe('stale');
  });

  it('a request without a signature', () => {
    expect(verificationError(() => payments.verifyStripeEvent(body, undefined)).reason).toBe('unsigned');
  });

  it('a signed body that is not a Stripe event', () => {
    const payload = JSON.stringify({ hello: 'world' });
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: simulator.webhookSecret });

    expect(verificationError(() => payments.verifyStripeEvent(payload, header)).reason).toBe('malformed');
  });
});

describe('delivery like Stripe', () => {
  it('an endpoint that fails is retried with backoff until it answers 2xx', async () => {
    receiver.respond = (nth) => (nth <= 2 ? 500 : 200);
    simulator.setWebhookTarget(target, { enabledEvents: ['payment_intent.amount_capturable_updated'] });

    const intent = await authorise('bk-wh-retry');
    const thrice = await receiver.until(isType('payment_intent.amount_capturable_updated'), 3);
    const eventId = thrice[0]?.id;
    await simulator.waitForDelivery(
      (attempt) => attempt.eventId === eventId && attempt.outcome === 'delivered',
    );

    const attempts = simulator.deliveries.filter((attempt) => attempt.eventId === eventId);
    expect(attempts.map((attempt) => [attempt.attempt, attempt.status, attempt.outcome])).toEqual([
      [1, 500, 'retrying'],
      [2, 500, 'retrying'],
      [3, 200, 'delivered'],
    ]);
    expect(thrice.map((received) => received.id)).toEqual([eventId, eventId, eventId]);
    expect(JSON.parse(receiver.received[2]?.body ?? '{}').data.object.id).toBe(intent.id);
  });

  it('an endpoint that cannot be reached is retried, then given up after the last attempt', async () => {
    const gone = new Receiver();
    const goneUrl = await gone.start();
    await gone.stop();
    const lonely = await createStripeSimulator({
      retry: { baseDelayMs: 5, maxAttempts: 3 },
      webhookUrl: goneUrl,
    });
    try {
      const { hostname, port } = new URL(lonely.url);
      const client = new Stripe(lonely.secretKey, { host: hostname, port: Number(port), protocol: 'http' });
      await client.paymentIntents.create({ amount: 100, currency: 'usd' });

      const last = await lonely.waitForDelivery((attempt) => attempt.outcome === 'gave_up', 5_000);

      expect(last).toMatchObject({ attempt: 3, status: null, eventType: 'payment_intent.created' });
      expect(last.error).toBeTruthy();
    } finally {
      await lonely.close();
    }
  });

  it('with duplicates on, the same event id arrives twice', async () => {
    simulator.configure({ duplicates: true });

    await authorise('bk-wh-dup');
    const twice = await receiver.until(isType('payment_intent.amount_capturable_updated'), 2);

    expect(twice).toHaveLength(2);
    expect(twice[0]?.id).toBe(twice[1]?.id);
  });

  it('with failFirstDeliveries, an acknowledged event is sent again as if the answer was lost', async () => {
    simulator.configure({ failFirstDeliveries: 1 });

    await authorise('bk-wh-lost');
    const twice = await receiver.until(isType('payment_intent.amount_capturable_updated'), 2);

    const eventId = twice[0]?.id;
    await simulator.waitForDelivery(
      (attempt) => attempt.eventId === eventId && attempt.outcome === 'delivered',
    );

    expect(twice[1]?.id).toBe(eventId);
    const attempts = simulator.deliveries.filter((attempt) => attempt.eventId === eventId);
    expect(attempts.map((attempt) => [attempt.status, attempt.outcome])).toEqual([
      [200, 'retrying'],
      [200, 'delivered'],
    ]);
  });

  it('with reorder on, events of one request arrive newest first', async () => {
    simulator.configure({ reorder: true });

    const intent = await authorise('bk-wh-order');
    await receiver.until((received) => received.body.includes(intent.id), 3);

    const order = receiver.received
      .filter((received) => received.body.includes(intent.id))
      .map((received) => received.type);
    expect(order).toEqual([
      'payment_intent.amount_capturable_updated',
      'charge.succeeded',
      'payment_intent.created',
    ]);
  });

  it('with a delay, the first attempt waits at least that long', async () => {
    simulator.configure({ delayMs: 300 });
    const before = Date.now();

    await authorise('bk-wh-late');
    const [delivery] = await receiver.until(isType('payment_intent.amount_capturable_updated'));
    const attempt = await simulator.waitForDelivery((logged) => logged.eventId === delivery?.id);

    // Timers never fire early (to the millisecond), so this lower bound holds however loaded the machine is.
    expect(attempt.at - before).toBeGreaterThanOrEqual(299);
  });

  it('delivery settings and the log can be driven over HTTP', async () => {
    const configured = await fetch(`${simulator.url}/_simulator/config`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ duplicates: true }),
    });
    const refused = await fetch(`${simulator.url}/_simulator/config`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ duplicates: 'yes', colour: 'red' }),
    });
    await authorise('bk-wh-http');
    await receiver.until(isType('payment_intent.amount_capturable_updated'), 2);
    const log = (await (await fetch(`${simulator.url}/_simulator/deliveries`)).json()) as { data: unknown[] };

    expect(await configured.json()).toMatchObject({ duplicates: true, delayMs: 0 });
    expect(refused.status).toBe(400);
    expect(log.data.length).toBeGreaterThanOrEqual(2);
  });
});
