/**
 * Scheduled: bookings whose hospital did not answer by the deadline are declined with
 * `hospital_timeout`; the release of their authorisation is recorded for the reconciler, so the
 * sweep never waits on the payment provider.
 */
import { sweepDecisions } from '@shifa/booking';
import { lambdaHandler } from '@shifa/http';
import { logger } from '@shifa/runtime';

export const handler = lambdaHandler(async () => {
  const result = await sweepDecisions(new Date());
  if (result.timedOut + result.failed > 0) logger.info('decision sweep', result);
  return result;
});
