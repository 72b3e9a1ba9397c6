/** The sweeps unit: the booking jobs EventBridge Scheduler runs on a clock. */
import { handler as completeTrips } from '../booking/complete-trips';
import { handler as deleteExpiredNotes } from '../booking/delete-expired-notes';
import { handler as expireHolds } from '../booking/expire-holds';
import { handler as sweepDecisions } from '../booking/sweep-decisions';
import { scheduleUnit } from '../dispatch';
import { handler as reconcileMoney } from '../payments/reconcile-money';

export const handler = scheduleUnit('sweeps', {
  expireHolds,
  sweepDecisions,
  completeTrips,
  reconcileMoney,
  deleteExpiredNotes,
});
