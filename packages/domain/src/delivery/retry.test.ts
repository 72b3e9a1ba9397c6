import { describe, expect, it } from 'vitest';
import {
  DELIVERY_RETRY_POLICY,
  maxAttempts,
  nextAttemptOffset,
  type RetryPolicy,
  retryWindow,
  windowWidth,
} from './retry';

const HOUR = 3_600_000;
const policy = DELIVERY_RETRY_POLICY;
const lowest = () => 0;
const highest = () => 1 - Number.EPSILON;

/** Offsets of every retry of a round whose every attempt fails, drawn with `random`. */
function schedule(random: () => number, of: RetryPolicy = policy): number[] {
  const offsets: number[] = [];
  for (let attempt = 1; ; attempt += 1) {
    const next = nextAttemptOffset(of, attempt, random);
    if (next === undefined) return offsets;
    offsets.push(next);
  }
}

describe('delivery retry schedule', () => {
  it('gives a delivery 32 attempts: the first and 31 retries', () => {
    expect(maxAttempts(policy)).toBe(32);
    expect(schedule(Math.random)).toHaveLength(31);
  });

  it('doubles the backoff window from 30 s until it reaches the one-hour cap, then keeps it there', () => {
    const widths = Array.from({ length: 10 }, (_, k) => windowWidth(policy, k) / 1000);

    expect(widths).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
  });

  it('never waits more than the cap between the starts of two windows', () => {
    for (let retry = 1; retry < maxAttempts(policy); retry += 1) {
      const { fromMs, toMs } = retryWindow(policy, retry);
      expect(toMs - fromMs).toBeLessThanOrEqual(policy.capMs);
    }
  });

  it('lays the windows end to end from the first attempt', () => {
    for (let retry = 2; retry < maxAttempts(policy); retry += 1) {
      expect(retryWindow(policy, retry).fromMs).toBe(retryWindow(policy, retry - 1).toMs);
    }
    expect(retryWindow(policy, 1)).toEqual({ fromMs: 0, toMs: 30_000 });
  });

  it('draws each retry anywhere in its window (full jitter): the low end with 0, the high end with ~1', () => {
    const { fromMs, toMs } = retryWindow(policy, 5);

    expect(nextAttemptOffset(policy, 5, lowest)).toBe(fromMs);
    expect(nextAttemptOffset(policy, 5, highest)).toBe(toMs - 1);
    expect(nextAttemptOffset(policy, 5, () => 0.5)).toBe(fromMs + (toMs - fromMs) / 2);
  });

  it('keeps retrying for at least 24 hours whatever the draws, and stops within 24 h plus one window', () => {
    const earliest = schedule(lowest);
    const latest = schedule(highest);

    expect(earliest.at(-1)).toBeGreaterThanOrEqual(24 * HOUR);
    expect(latest.at(-1)).toBeLessThan(24 * HOUR + policy.capMs * 2);
    for (const run of [earliest, latest, schedule(Math.random)]) {
      expect(run.at(-1)).toBeGreaterThanOrEqual(24 * HOUR);
      expect([...run].sort((a, b) => a - b)).toEqual(run);
    }
  });

  it('dead-letters after the last attempt', () => {
    expect(nextAttemptOffset(policy, 31, lowest)).toBeGreaterThanOrEqual(24 * HOUR);
    expect(nextAttemptOffset(policy, 32, lowest)).toBeUndefined();
    expect(nextAttemptOffset(policy, 40, lowest)).toBeUndefined();
  });

  it('keeps a misbehaving random source inside the window', () => {
    const { fromMs, toMs } = retryWindow(policy, 3);

    expect(nextAttemptOffset(policy, 3, () => -4)).toBe(fromMs);
    expect(nextAttemptOffset(policy, 3, () => 7)).toBeLessThan(toMs);
  });

  it('follows a policy of its own: 1 s base, 4 s cap, 10 s span', () => {
    const small = { baseMs: 1000, capMs: 4000, minSpanMs: 10_000 };

    // windows 1, 2, 4, 4 → retries start at 0, 1, 3, 7, 11: the fifth retry is the first past 10 s
    expect(maxAttempts(small)).toBe(6);
    expect(schedule(lowest, small)).toEqual([0, 1000, 3000, 7000, 11_000]);
  });

  it('refuses nonsense', () => {
    expect(() => maxAttempts({ baseMs: 0, capMs: 1, minSpanMs: 1 })).toThrow(RangeError);
    expect(() => maxAttempts({ baseMs: 10, capMs: 5, minSpanMs: 1 })).toThrow(RangeError);
    expect(() => nextAttemptOffset(policy, 0, lowest)).toThrow(RangeError);
    expect(() => retryWindow(policy, 0)).toThrow(RangeError);
  });
});
