/**
 * Scheduled every minute: the reconciler's sweep. Every booking whose money step is due again (a
 * capture, release or refund the provider did not complete) is driven once more, each on its own,
 * a bounded number per run, reading the provider's objects before acting.
 */
import { reconcileDue } from '@shifa/booking';
import { stripePayments } from '@shifa/booking/stripe';
import { lambdaHandler } from '@shifa/http';
import { logger } from '@shifa/runtime';

export const handler = lambdaHandler(async () => {
  const result = await reconcileDue(stripePayments(), new Date());
  if (result.settled + result.waiting + result.retry + result.failed > 0) logger.info('money sweep', result);
  return result;
});
