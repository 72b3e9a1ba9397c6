/**
 * Faults on the simulator's API side, so the code that calls Stripe can be tested against Stripe's
 * bad days: an error answered instead of the request (an outage in front of the API), an answer that
 * comes late, or a request that is carried out and whose answer is lost (a timeout that hides a
 * success). Each fault affects the first `times` /v1 requests that match it, then goes.
 */
import * as z from 'zod';
import type { StripeErrorBody } from './errors';
import { randomToken } from './objects';

export const FaultInput = z
  .strictObject({
    /** Any method when absent. */
    method: z
      .string()
      .transform((value) => value.toUpperCase())
      .pipe(z.enum(['GET', 'POST', 'DELETE']))
      .optional(),
    /** A /v1 path in which `*` stands for exactly one segment, such as a PaymentIntent's id. */
    path: z
      .string()
      .max(300)
      .regex(/^\/v1(\/[^/?#\s]+)+$/, 'a /v1 path such as /v1/refunds or /v1/payment_intents/*/capture'),
    /** Answer this status with a Stripe-shaped error instead of carrying the request out. */
    status: z.number().int().min(400).max(599).optional(),
    /** The error's code and message instead of the ones the status implies. */
    code: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,99}$/)
      .optional(),
    message: z.string().min(1).max(500).optional(),
    /** Wait this long before answering (with `status`) or carrying the request out (otherwise). */
    delayMs: z.number().int().min(1).max(60_000).optional(),
    /** Carry the request out, then reset the connection without an answer. */
    drop: z.literal(true).optional(),
    times: z.number().int().min(1).max(1_000).default(1),
  })
  .refine((fault) => fault.status !== undefined || fault.delayMs !== undefined || fault.drop === true, {
    message: 'say what the fault does: status, delayMs or drop',
  })
  .refine((fault) => !(fault.status !== undefined && fault.drop === true), {
    message: 'status and drop exclude each other: a refused request is not carried out, a dropped one is',
  })
  .refine(
    (fault) => fault.status !== undefined || (fault.code === undefined && fault.message === undefined),
    {
      message: 'code and message only go with status',
    },
  );
export type FaultInput = z.input<typeof FaultInput>;

export type Fault = {
  id: string;
  method: 'GET' | 'POST' | 'DELETE' | null;
  path: string;
  status: number | null;
  code: string | null;
  message: string | null;
  delayMs: number | null;
  drop: boolean;
  times: number;
  /** How many more matching requests this fault will affect. */
  remaining: number;
};

export class FaultInputError extends Error {}

export class FaultSet {
  private readonly active: Fault[] = [];
  private readonly sleepers = new Map<NodeJS.Timeout, (finished: boolean) => void>();
  private closed = false;

  add(input: unknown): Fault {
    const parsed = FaultInput.safeParse(input);
    if (!parsed.success) {
      throw new FaultInputError(
        parsed.error.issues
          .map((issue) => `${issue.path.join('.') || '(fault)'}: ${issue.message}`)
          .join('; '),
      );
    }
    const spec = parsed.data;
    const fault: Fault = {
      id: `flt_${randomToken(14)}`,
      method: spec.method ?? null,
      path: spec.path,
      status: spec.status ?? null,
      code: spec.code ?? null,
      message: spec.message ?? null,
      delayMs: spec.delayMs ?? null,
      drop: spec.drop ?? false,
      times: spec.times,
      remaining: spec.times,
    };
    this.active.push(fault);
    return { ...fault };
  }

  /** The faults that will still affect a request, oldest first. */
  list(): Fault[] {
    return this.active.map((fault) => ({ ...fault }));
  }

  clear(): number {
    return this.active.splice(0).length;
  }

  /** The fault this request meets, if any (the oldest that matches), counted as used. */
  take(method: string, path: string): Fault | undefined {
    const index = this.active.findIndex(
      (fault) => (fault.method === null || fault.method === method) && pathMatches(fault.path, path),
    );
    const fault = this.active[index];
    if (fault === undefined) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.active.splice(index, 1);
    return { ...fault };
  }

  /** Resolves true after `ms`, or false at once if the simulator closes meanwhile. */
  sleep(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleepers.delete(timer);
        resolve(true);
      }, ms);
      this.sleepers.set(timer, resolve);
    });
  }

  close(): void {
    this.closed = true;
    for (const [timer, wake] of this.sleepers) {
      clearTimeout(timer);
      wake(false);
    }
    this.sleepers.clear();
  }
}

function pathMatches(pattern: string, path: string): boolean {
  const want = pattern.split('/');
  const have = path.split('/');
  return (
    want.length === have.length &&
    want.every((segment, i) => (segment === '*' ? (have[i] ?? '') !== '' : segment === have[i]))
  );
}

/** The error body Stripe answers with for a status, as its API reference describes each one. */
export function faultError(fault: Fault & { status: number }): StripeErrorBody {
  const status = fault.status;
  const withCode = (body: StripeErrorBody): StripeErrorBody => ({
    ...body,
    ...(fault.code === null ? {} : { code: fault.code }),
    ...(fault.message === null ? {} : { message: fault.message }),
  });
  if (status >= 500) {
    return withCode({
      type: 'api_error',
      message:
        "Sorry, something went wrong on Stripe's end (a simulated outage). Retry the request with the same Idempotency-Key.",
    });
  }
  switch (status) {
    case 402:
      return withCode({ type: 'card_error', code: 'card_declined', message: 'Your card was declined.' });
    case 404:
      return withCode({
        type: 'invalid_request_error',
        code: 'resource_missing',
        message: 'No such object (a simulated fault).',
      });
    case 409:
      return withCode({
        type: 'invalid_request_error',
        code: 'idempotency_key_in_use',
        message:
          'There is currently another in-progress request using this Idempotent Key (a simulated fault). Retry the request later.',
      });
    case 429:
      // Stripe's client libraries do not retry a plain rate limit (only lock timeouts), so neither does stripe-node.
      return withCode({
        type: 'invalid_request_error',
        code: 'rate_limit',
        message:
          'Request rate limit exceeded (a simulated fault). Learn more about rate limits here https://stripe.com/docs/rate-limits.',
      });
    default:
      return withCode({
        type: 'invalid_request_error',
        message: `The request was refused with ${status} (a simulated fault).`,
      });
  }
}
