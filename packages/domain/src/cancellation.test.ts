import type { CancellationPolicy } from '@shifa/contracts';
import { describe, expect, it } from 'vitest';
import { percentOf, refundFor } from './cancellation';

// Deliberately not sorted: the policy is applied by days, not by the order it was written in.
const policy: CancellationPolicy = {
  tiers: [
    { daysBeforeDeparture: 14, refundPercent: 50 },
    { daysBeforeDeparture: 0, refundPercent: 10 },
    { daysBeforeDeparture: 30, refundPercent: 100 },
  ],
};
const departure = '2025-06-01';

describe('refundFor', () => {
  it('refunds in full well ahead of departure', () => {
    // Act
    const decision = refundFor(policy, departure, '2025-04-01', 400_000);

    // Assess
    expect(decision).toEqual({
      daysBeforeDeparture: 61,
      tier: { daysBeforeDeparture: 30, refundPercent: 100 },
      refundPercent: 100,
      refundAmount: 400_000,
    });
  });

  it('applies a tier on its exact boundary day', () => {
    const decision = refundFor(policy, departure, '2025-05-02', 400_000);

    expect(decision.daysBeforeDeparture).toBe(30);
    expect(decision.refundPercent).toBe(100);
  });

  it('applies the next tier down one day after the boundary', () => {
    const decision = refundFor(policy, departure, '2025-05-03', 400_000);

    expect(decision.daysBeforeDeparture).toBe(29);
    expect(decision.tier).toEqual({ daysBeforeDeparture: 14, refundPercent: 50 });
    expect(decision.refundAmount).toBe(200_000);
  });

  it('applies a 0-day tier on the day of departure', () => {
    const decision = refundFor(policy, departure, departure, 400_000);

    expect(decision.daysBeforeDeparture).toBe(0);
    expect(decision.tier).toEqual({ daysBeforeDeparture: 0, refundPercent: 10 });
    expect(decision.refundAmount).toBe(40_000);
  });

  it('refunds nothing after departure, even with a 0-day tier', () => {
    const decision = refundFor(policy, departure, '2025-06-02', 400_000);

    expect(decision).toEqual({ daysBeforeDeparture: -1, tier: undefined, refundPercent: 0, refundAmount: 0 });
  });

  it('refunds nothing when cancelling later than the last tier allows', () => {
    // Prepare
    const strict: CancellationPolicy = { tiers: [{ daysBeforeDeparture: 14, refundPercent: 50 }] };

    // Act
    const decision = refundFor(strict, departure, '2025-05-19', 400_000);

    // Assess
    expect(decision).toEqual({ daysBeforeDeparture: 13, tier: undefined, refundPercent: 0, refundAmount: 0 });
  });

  it('rounds the refund down to a whole minor unit', () => {
    const decision = refundFor(policy, departure, '2025-05-18', 99);

    expect(decision.refundPercent).toBe(50);
    expect(decision.refundAmount).toBe(49);
  });

  it('rounds a tiny refund down to nothing', () => {
    const decision = refundFor(policy, departure, departure, 9);

    expect(decision.refundPercent).toBe(10);
    expect(decision.refundAmount).toBe(0);
  });

  it('reports a 0% tier as the tier that applied, with no refund', () => {
    // Prepare
    const noRefundLate: CancellationPolicy = {
      tiers: [
        { daysBeforeDeparture: 7, refundPercent: 0 },
        { daysBeforeDeparture: 30, refundPercent: 100 },
      ],
    };

    // Act
    const decision = refundFor(noRefundLate, departure, '2025-05-20', 123_457);

    // Assess
    expect(decision.tier).toEqual({ daysBeforeDeparture: 7, refundPercent: 0 });
    expect(decision.refundAmount).toBe(0);
  });

  it('refunds an odd amount exactly at 100%', () => {
    const decision = refundFor(policy, departure, '2025-01-01', 123_457);

    expect(decision.refundAmount).toBe(123_457);
  });
});

describe('percentOf', () => {
  it.each([
    [91201083935601, 99, 90289073096244],
    [363078054770073, 100, 363078054770073],
    [99, 50, 49],
    [0, 37, 0],
  ])('takes exactly floor(%d × %d%%) even past 2^53', (amount, percent, expected) => {
    expect(percentOf(amount, percent)).toBe(expected);
  });
});
