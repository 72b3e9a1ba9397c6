/**
 * Scheduled every minute (EventBridge Scheduler on AWS, a timer in `npm start`): releases holds
 * whose time is up, reading each one's PaymentIntent first (a hold authorised in time goes to its
 * hospital). Safe to run twice at once: each release is conditioned on the hold still being HELD.
 */
import { expireDueHolds } from '@shifa/booking';
import { stripePayments } from '@shifa/booking/stripe';
import { lambdaHandler } from '@shifa/http';
import { logger } from '@shifa/runtime';

export const handler = lambdaHandler(async () => {
  const result = await expireDueHolds(stripePayments(), new Date());
  if (result.released + result.kept + result.failed > 0) logger.info('hold sweep', result);
  return result;
});
