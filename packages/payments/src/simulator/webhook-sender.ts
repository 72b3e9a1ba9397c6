/**
 * Delivers the simulator's events to a webhook endpoint the way Stripe does:
 * a JSON POST signed in the `Stripe-Signature` header, retried with growing
 * delays until a 2xx answer, and, when asked, late, twice or out of order.
 */
import { type ClientRequest, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import Stripe from 'stripe';
import type { EventObject } from './objects';

export type DeliverySettings = {
  /** Wait before the first attempt of each event. */
  delayMs: number;
  /** Send every event twice, the same id both times. */
  duplicates: boolean;
  /**
   * Count the first N attempts of each event as failed whatever the endpoint answered,
   * as when Stripe never saw an acknowledgement the endpoint did send: each event then
   * reaches the endpoint N + 1 times.
   */
  failFirstDeliveries: number;
  /** Hold events created close together and send them newest first. */
  reorder: boolean;
};

export type RetryPolicy = {
  /** Delay before the second attempt; it doubles for each further one (Stripe's schedule, scaled down). */
  baseDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
  /** How long an attempt waits for the endpoint's answer. */
  timeoutMs: number;
};

export type DeliveryAttempt = {
  eventId: string;
  eventType: string;
  /** 1 for the first attempt at this copy of the event. */
  attempt: number;
  /** 2 for the second copy when duplicates are on. */
  copy: number;
  url: string;
  /** Unix milliseconds, real time. */
  at: number;
  status: number | null;
  error: string | null;
  durationMs: number;
  /** delivered: acknowledged with a 2xx; retrying: another attempt is scheduled; gave_up: the last attempt failed. */
  outcome: 'delivered' | 'retrying' | 'gave_up';
};

export type WebhookTarget = { url: string; enabledEvents: ReadonlySet<string> | null };

type Waiter = {
  predicate: (attempt: DeliveryAttempt) => boolean;
  resolve: (attempt: DeliveryAttempt) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
};

const REORDER_WINDOW_MS = 30;

export class WebhookSender {
  target: WebhookTarget | null = null;
  settings: DeliverySettings = { delayMs: 0, duplicates: false, failFirstDeliveries: 0, reorder: false };
  readonly log: DeliveryAttempt[] = [];

  private closed = false;
  private pending = 0;
  private idleWaiters: Array<() => void> = [];
  private waiters = new Set<Waiter>();
  private readonly sleepers = new Map<NodeJS.Timeout, () => void>();
  private readonly inFlight = new Set<ClientRequest>();
  private reorderBuffer: EventObject[] = [];
  private reorderTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly secret: string,
    private readonly policy: RetryPolicy,
    private readonly logLimit: number,
  ) {}

  /** Queues an event for the current target, if there is one that wants this type. */
  send(event: EventObject): void {
    const target = this.target;
    if (this.closed || target === null) return;
    if (target.enabledEvents !== null && !target.enabledEvents.has(event.type)) return;
    event.pending_webhooks = 1;
    const job = { event, url: target.url, settings: { ...this.settings } };
    if (job.settings.reorder) {
      this.reorderBuffer.push(event);
      if (this.reorderTimer === undefined) {
        this.pending += 1;
        this.reorderTimer = setTimeout(() => this.flushReordered(job.url, job.settings), REORDER_WINDOW_MS);
      }
      return;
    }
    this.track(this.deliverEvent(job.event, job.url, job.settings));
  }

  /** Resolves with the first logged attempt that matches, past or future. */
  waitForDelivery(
    predicate: (attempt: DeliveryAttempt) => boolean,
    timeoutMs = 5_000,
  ): Promise<DeliveryAttempt> {
    const seen = this.log.find(predicate);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(
            new Error(
              `no matching webhook delivery within ${timeoutMs} ms (${this.log.length} attempts logged)`,
            ),
          );
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Resolves once no delivery is scheduled or under way. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    if (this.reorderTimer !== undefined) {
      clearTimeout(this.reorderTimer);
      this.reorderTimer = undefined;
      this.pending -= 1;
    }
    for (const [timer, wake] of this.sleepers) {
      clearTimeout(timer);
      wake();
    }
    this.sleepers.clear();
    for (const request of this.inFlight) request.destroy();
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('the payment simulator was closed'));
    }
    this.waiters.clear();
    if (this.pending === 0) {
      for (const wake of this.idleWaiters) wake();
      this.idleWaiters = [];
    }
  }

  private flushReordered(url: string, settings: DeliverySettings): void {
    this.reorderTimer = undefined;
    const events = this.reorderBuffer.reverse();
    this.reorderBuffer = [];
    const inTurn = async () => {
      // One after the other, so the endpoint really sees them newest first.
      for (const event of events) await this.deliverEvent(event, url, settings);
    };
    this.track(
      inTurn().finally(() => {
        this.pending -= 1;
      }),
    );
  }

  private track(work: Promise<void>): void {
    this.pending += 1;
    work
      .catch(() => undefined)
      .finally(() => {
        this.pending -= 1;
        if (this.pending === 0) {
          const waiting = this.idleWaiters;
          this.idleWaiters = [];
          for (const wake of waiting) wake();
        }
      });
  }

  private async deliverEvent(event: EventObject, url: string, settings: DeliverySettings): Promise<void> {
    const payload = JSON.stringify(event, null, 2);
    await this.deliverCopy(event, payload, url, settings, 1);
    if (settings.duplicates) await this.deliverCopy(event, payload, url, settings, 2);
  }

  private async deliverCopy(
    event: EventObject,
    payload: string,
    url: string,
    settings: DeliverySettings,
    copy: number,
  ): Promise<void> {
    for (let attempt = 1; attempt <= this.policy.maxAttempts; attempt += 1) {
      const wait =
        attempt === 1
          ? copy === 1
            ? settings.delayMs
            : 0
          : Math.min(this.policy.baseDelayMs * 2 ** (attempt - 2), this.policy.maxDelayMs);
      if (wait > 0) await this.sleep(wait);
      if (this.closed) return;
      const started = Date.now();
      const answer = await this.post(url, payload);
      if (this.closed) return;
      const acknowledged = answer.status !== null && answer.status >= 200 && answer.status < 300;
      const delivered = acknowledged && attempt > settings.failFirstDeliveries;
      const last = attempt === this.policy.maxAttempts;
      this.record({
        eventId: event.id,
        eventType: event.type,
        attempt,
        copy,
        url,
        at: started,
        status: answer.status,
        error:
          answer.error ?? (acknowledged && !delivered ? 'counted as failed (failFirstDeliveries)' : null),
        durationMs: Date.now() - started,
        outcome: delivered ? 'delivered' : last ? 'gave_up' : 'retrying',
      });
      if (delivered) {
        event.pending_webhooks = 0;
        return;
      }
    }
  }

  private post(url: string, payload: string): Promise<{ status: number | null; error?: string }> {
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: this.secret });
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      const request = send(
        target,
        {
          method: 'POST',
          agent: false,
          timeout: this.policy.timeoutMs,
          headers: {
            'Content-Type': 'application/json; charset=utf-8',
            'Content-Length': Buffer.byteLength(payload),
            'Stripe-Signature': header,
            'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
            Accept: '*/*; q=0.5, application/xml',
            'Cache-Control': 'no-cache',
            Connection: 'close',
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            this.inFlight.delete(request);
            resolve({ status: response.statusCode ?? null });
          });
        },
      );
      this.inFlight.add(request);
      request.on('timeout', () => request.destroy(new Error(`no answer within ${this.policy.timeoutMs} ms`)));
      request.on('error', (error) => {
        this.inFlight.delete(request);
        resolve({ status: null, error: error.message });
      });
      request.end(payload);
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleepers.delete(timer);
        resolve();
      }, ms);
      this.sleepers.set(timer, resolve);
    });
  }

  private record(attempt: DeliveryAttempt): void {
    this.log.push(attempt);
    if (this.log.length > this.logLimit) this.log.splice(0, this.log.length - this.logLimit);
    for (const waiter of this.waiters) {
      if (!waiter.predicate(attempt)) continue;
      clearTimeout(waiter.timer);
      this.waiters.delete(waiter);
      waiter.resolve(attempt);
    }
  }
}
