/**
 * A local stand-in for Stripe in test mode: an HTTP server that the real
 * stripe-node client (and a browser's Stripe.js calls) can talk to, which keeps
 * PaymentIntents, charges and refunds in memory and sends signed webhooks.
 * Only for local runs and tests; it never holds real card data or keys.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { type AuthenticationOutcome, StripeEngine } from './engine';
import { type Fault, type FaultInput, FaultSet } from './faults';
import { DeliverySettingsInput, type RecordedRequest, SimulatorHttpApi } from './http-api';
import type { EventObject, Json, RefundFailureReason } from './objects';
import {
  type DeliveryAttempt,
  type DeliverySettings,
  type RetryPolicy,
  WebhookSender,
} from './webhook-sender';

export type { AuthenticationOutcome } from './engine';
export type { Fault, FaultInput } from './faults';
export type { RecordedRequest } from './http-api';
export { AMOUNT_LIMITS } from './limits';
export type { EventObject, RefundFailureReason } from './objects';
export { TEST_CARDS } from './objects';
export type { DeliveryAttempt, DeliverySettings, RetryPolicy } from './webhook-sender';

/** Fixed keys, so `npm start` and its settings agree without passing anything around. */
export const SIMULATOR_SECRET_KEY = 'sk_test_shifa_local_simulator';
export const SIMULATOR_PUBLISHABLE_KEY = 'pk_test_shifa_local_simulator';
export const SIMULATOR_WEBHOOK_SECRET = 'whsec_shifa_local_simulator';

export type StripeSimulatorOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  secretKey?: string;
  publishableKey?: string;
  webhookSecret?: string;
  /** Where events are POSTed from the start; setWebhookTarget changes it. */
  webhookUrl?: string;
  /** The API version stamped on events; stripe-node's pinned version by default. */
  apiVersion?: string;
  /** How long a card authorisation lasts before Stripe cancels it: 7 days. */
  authorizationTtlSeconds?: number;
  /**
   * How long a refund that settles later stays as first reported (real milliseconds, or sooner when
   * the clock is moved): a refund to pm_card_pendingRefund stays pending, one to pm_card_refundFail
   * (or after failNextRefund) looks succeeded until it fails. 2 s by default.
   */
  refundSettleMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Entries kept in each log (requests, deliveries, events). */
  logLimit?: number;
};

export type StripeSimulator = {
  server: Server;
  /** e.g. http://127.0.0.1:12111: the value for STRIPE_API_URL. */
  url: string;
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
  /** Sends every later event (or only the listed types) to this URL; null stops sending. */
  setWebhookTarget(url: string | null, options?: { enabledEvents?: string[] }): void;
  configure(settings: Partial<DeliverySettings>): DeliverySettings;
  /** Moves the simulator's clock forward, expiring authorisations that lapse; returns the new time (unix seconds). */
  advanceClock(seconds: number): number;
  now(): number;
  /**
   * Faults on the API side (also at /_simulator/faults): the first `times` /v1 requests that match
   * `method` (any when absent) and `path` (`*` is one segment) are answered with `status` and a
   * Stripe error without being carried out, or wait `delayMs` first, or are carried out and then
   * lose their answer (`drop`: the connection is reset, as when a timeout hides a success).
   */
  readonly faults: {
    add(fault: FaultInput): Fault;
    /** The faults still active, each with how many more requests it will affect (`remaining`). */
    list(): Fault[];
    /** Removes every fault; returns how many there were. */
    clear(): number;
  };
  /**
   * The next refund of this PaymentIntent looks succeeded, then fails (charge.refund.updated with
   * status failed), as a refund to a closed card does. Also POST /_simulator/payment_intents/{id}/fail_next_refund.
   */
  failNextRefund(paymentIntentId: string, failureReason?: RefundFailureReason): void;
  /** Settles every refund that would settle later, now; returns their ids. Also POST /_simulator/refunds/settle. */
  settleRefunds(): string[];
  /** Answers a 3-D Secure challenge, as the cardholder would in Stripe.js. */
  authenticate(paymentIntentId: string, outcome: AuthenticationOutcome): Json;
  /** Every webhook attempt, oldest first (bounded). */
  readonly deliveries: readonly DeliveryAttempt[];
  /** Every /v1 request, oldest first (bounded): method, path, params, Idempotency-Key, status. */
  readonly requests: readonly RecordedRequest[];
  /** Every event, oldest first (bounded). */
  readonly events: readonly EventObject[];
  waitForDelivery(
    predicate: (attempt: DeliveryAttempt) => boolean,
    timeoutMs?: number,
  ): Promise<DeliveryAttempt>;
  /** Resolves once no webhook delivery is scheduled or under way. */
  idle(): Promise<void>;
  close(): Promise<void>;
};

export async function createStripeSimulator(options: StripeSimulatorOptions = {}): Promise<StripeSimulator> {
  const secretKey = options.secretKey ?? SIMULATOR_SECRET_KEY;
  const publishableKey = options.publishableKey ?? SIMULATOR_PUBLISHABLE_KEY;
  const webhookSecret = options.webhookSecret ?? SIMULATOR_WEBHOOK_SECRET;
  const apiVersion = options.apiVersion ?? Stripe.API_VERSION;
  const logLimit = options.logLimit ?? 1_000;
  const host = options.host ?? '127.0.0.1';
  const policy: RetryPolicy = {
    baseDelayMs: options.retry?.baseDelayMs ?? 200,
    maxDelayMs: options.retry?.maxDelayMs ?? 5_000,
    maxAttempts: options.retry?.maxAttempts ?? 8,
    timeoutMs: options.retry?.timeoutMs ?? 5_000,
  };

  let url = '';
  const sender = new WebhookSender(webhookSecret, policy, logLimit);
  const engine = new StripeEngine({
    apiVersion,
    authorizationTtlSeconds: options.authorizationTtlSeconds ?? 7 * 24 * 60 * 60,
    eventLimit: logLimit,
    refundSettleMs: options.refundSettleMs ?? 2_000,
    baseUrl: () => url,
    onEvent: (event) => sender.send(event),
  });

  const setWebhookTarget = (target: string | null, targetOptions?: { enabledEvents?: string[] }): void => {
    if (target !== null && !URL.canParse(target)) throw new TypeError(`not a URL: ${target}`);
    sender.target =
      target === null
        ? null
        : {
            url: target,
            enabledEvents: targetOptions?.enabledEvents ? new Set(targetOptions.enabledEvents) : null,
          };
  };
  const configure = (settings: DeliverySettingsInput): DeliverySettings => {
    const checked = DeliverySettingsInput.parse(settings);
    sender.settings = {
      delayMs: checked.delayMs ?? sender.settings.delayMs,
      duplicates: checked.duplicates ?? sender.settings.duplicates,
      failFirstDeliveries: checked.failFirstDeliveries ?? sender.settings.failFirstDeliveries,
      reorder: checked.reorder ?? sender.settings.reorder,
    };
    return { ...sender.settings };
  };

  const faults = new FaultSet();
  const api = new SimulatorHttpApi(
    engine,
    sender,
    { secretKey, publishableKey },
    apiVersion,
    logLimit,
    configure,
    (target, enabledEvents) =>
      setWebhookTarget(target, enabledEvents === undefined ? undefined : { enabledEvents }),
    faults,
  );
  const server = createServer((request, response) => {
    api.handle(request, response).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (options.webhookUrl !== undefined) setWebhookTarget(options.webhookUrl);

  return {
    server,
    url,
    secretKey,
    publishableKey,
    webhookSecret,
    setWebhookTarget,
    configure,
    advanceClock: (seconds) => engine.advanceClock(seconds),
    now: () => engine.now(),
    faults: {
      add: (fault) => faults.add(fault),
      list: () => faults.list(),
      clear: () => faults.clear(),
    },
    failNextRefund: (paymentIntentId, failureReason = 'expired_or_canceled_card') =>
      engine.failNextRefund(paymentIntentId, failureReason),
    settleRefunds: () => engine.settleRefunds(true),
    authenticate: (paymentIntentId, outcome) => {
      engine.catchUp();
      return engine.authenticate(paymentIntentId, outcome, { requestId: null, idempotencyKey: null });
    },
    get deliveries() {
      return sender.log;
    },
    get requests() {
      return api.requests;
    },
    get events() {
      return engine.events;
    },
    waitForDelivery: (predicate, timeoutMs) => sender.waitForDelivery(predicate, timeoutMs),
    idle: () => sender.idle(),
    close: async () => {
      sender.close();
      faults.close();
      engine.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
