/**
 * Scheduled: bookings whose hospital did not answer by the deadline are declined
 * with `hospital_timeout` (the authorisation released), and accepted bookings
 * whose capture was interrupted are finished.
 */
import { sweepDecisions } from '@shifa/booking';
import { stripePayments } from '@shifa/booking/stripe';
import { lambdaHandler } from '@shifa/http';
import { logger } from '@shifa/runtime';

export const handler = lambdaHandler(async (): Promise<{ timedOut: number; completed: number }> => {
  const result = await sweepDecisions(stripePayments, new Date());
  if (result.timedOut + result.completed > 0) logger.info('decision sweep', result);
  return result;
});
