/**
 * What a tourist's cancellation means for the money: nothing charged yet →
 * the authorisation is cancelled (nothing to refund); charged → the package's
 * tiers decide the refund, and the decision says which rule applied.
 */
import type { Booking, CancellationPolicy, RefundDecisionView } from '@shifa/contracts';
import { refundFor } from '../cancellation';

export function cancellationDecision(
  booking: Booking,
  policy: CancellationPolicy,
  now: Date,
): RefundDecisionView {
  const today = now.toISOString().slice(0, 10);
  const decision = refundFor(policy, booking.startDate, today, booking.payment.amountCaptured);
  if (booking.payment.amountCaptured === 0) {
    return {
      daysBeforeDeparture: decision.daysBeforeDeparture,
      charged: 0,
      refundPercent: 100,
      amount: 0,
      method: booking.payment.paymentIntentId === undefined ? 'none' : 'authorization_canceled',
      rule: 'nothing was charged: the card authorisation is released in full',
    };
  }
  const tier = decision.tier;
  return {
    daysBeforeDeparture: decision.daysBeforeDeparture,
    charged: booking.payment.amountCaptured,
    refundPercent: decision.refundPercent,
    amount: decision.refundAmount,
    method: decision.refundAmount > 0 ? 'refund' : 'none',
    rule:
      tier === undefined
        ? `cancelled ${decision.daysBeforeDeparture} days before departure: no tier of the policy applies, no refund`
        : `cancelled ${decision.daysBeforeDeparture} days before departure: the tier "${tier.daysBeforeDeparture} or more days before departure → ${tier.refundPercent}%" applies`,
  };
}
