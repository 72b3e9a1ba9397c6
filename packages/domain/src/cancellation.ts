/**
 * Cancellation policy: tiers by days before departure decide the refund.
 * Integer arithmetic only; the refund rounds down to the minor unit.
 */
import type { CancellationPolicy, CancellationTier } from '@shifa/contracts';
import { daysBetween } from './dates';

export type RefundDecision = {
  daysBeforeDeparture: number;
  /** The tier that applied, or undefined when none did (no refund). */
  tier: CancellationTier | undefined;
  refundPercent: number;
  refundAmount: number;
};

/**
 * floor(amount × percent / 100) without forming amount × percent, which could
 * pass 2^53 and round: amount = 100q + r, so the result is q·percent + ⌊r·percent/100⌋.
 */
export function percentOf(amount: number, percent: number): number {
  const whole = Math.floor(amount / 100);
  return whole * percent + Math.floor(((amount - whole * 100) * percent) / 100);
}

export function refundFor(
  policy: CancellationPolicy,
  departureDate: string,
  cancelledOn: string,
  paidAmount: number,
): RefundDecision {
  const daysBeforeDeparture = daysBetween(cancelledOn, departureDate);
  const tier = [...policy.tiers]
    .sort((a, b) => b.daysBeforeDeparture - a.daysBeforeDeparture)
    .find((candidate) => daysBeforeDeparture >= candidate.daysBeforeDeparture);
  const refundPercent = tier?.refundPercent ?? 0;
  return {
    daysBeforeDeparture,
    tier,
    refundPercent,
    refundAmount: percentOf(paidAmount, refundPercent),
  };
}
