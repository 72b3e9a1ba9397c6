/**
 * When a failed webhook delivery is tried again: exponential backoff with full
 * jitter, anchored to the first attempt so that jitter can never shorten the
 * promise of retrying for at least `minSpanMs` (24 h).
 *
 * Retry r (attempt r + 1) falls at a uniformly random moment of its window
 * [end(r − 1), end(r)), where window k is min(cap, base · 2^k) wide and the
 * windows follow each other from the first attempt. A window is the backoff
 * ("sleep random(0, min(cap, base · 2^k))"), measured from where the previous
 * window ends rather than from the previous attempt, so the waits stay
 * exponential and capped while the total span is guaranteed: the last retry's
 * window starts at or after `minSpanMs`. After it, the delivery is dead-lettered.
 */

export type RetryPolicy = {
  /** Width of the first window. */
  readonly baseMs: number;
  /** No window is wider than this. */
  readonly capMs: number;
  /** Retries go on until at least this long after the first attempt. */
  readonly minSpanMs: number;
};

const HOUR_MS = 3_600_000;

export const DELIVERY_RETRY_POLICY: RetryPolicy = {
  baseMs: 30_000,
  capMs: HOUR_MS,
  minSpanMs: 24 * HOUR_MS,
};

function checked(policy: RetryPolicy): RetryPolicy {
  const { baseMs, capMs, minSpanMs } = policy;
  if (!(baseMs > 0 && capMs >= baseMs && minSpanMs >= 0)) {
    throw new RangeError('a retry policy needs 0 < baseMs <= capMs and minSpanMs >= 0');
  }
  return policy;
}

/** Width of window k (k = 0 for the first retry). */
export const windowWidth = (policy: RetryPolicy, k: number): number =>
  Math.min(policy.capMs, policy.baseMs * 2 ** k);

/** Where retry `retry` (1-based) may fall, in milliseconds after the first attempt. */
export function retryWindow(policy: RetryPolicy, retry: number): { fromMs: number; toMs: number } {
  checked(policy);
  if (!Number.isInteger(retry) || retry < 1) throw new RangeError('retries are numbered from 1');
  let fromMs = 0;
  for (let k = 0; k < retry - 1; k += 1) fromMs += windowWidth(policy, k);
  return { fromMs, toMs: fromMs + windowWidth(policy, retry - 1) };
}

/** Every attempt a delivery gets in one round: the first, then retries until one starts past the span. */
export function maxAttempts(policy: RetryPolicy): number {
  checked(policy);
  // The last retry is the first whose window starts at or after the span.
  let lastRetry = 1;
  let start = 0;
  while (start < policy.minSpanMs) {
    start += windowWidth(policy, lastRetry - 1);
    lastRetry += 1;
  }
  return lastRetry + 1;
}

/**
 * When the attempt after failed attempt `failedAttempt` is due, in milliseconds
 * after the round's first attempt; `undefined` when no attempt is left (dead-letter).
 * `random` returns a number in [0, 1), as Math.random does.
 */
export function nextAttemptOffset(
  policy: RetryPolicy,
  failedAttempt: number,
  random: () => number,
): number | undefined {
  if (!Number.isInteger(failedAttempt) || failedAttempt < 1) {
    throw new RangeError('attempts are numbered from 1');
  }
  if (failedAttempt >= maxAttempts(policy)) return undefined;
  const { fromMs, toMs } = retryWindow(policy, failedAttempt);
  const draw = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  return Math.floor(fromMs + draw * (toMs - fromMs));
}
