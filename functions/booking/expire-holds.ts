/**
 * Scheduled every minute (EventBridge Scheduler on AWS, a timer in `npm start`):
 * releases holds whose time is up. Safe to run twice at once: each release is
 * conditioned on the hold still being HELD.
 */
import { expireDueHolds } from '@shifa/booking';
import { stripePayments } from '@shifa/booking/stripe';
import { lambdaHandler } from '@shifa/http';
import { logger } from '@shifa/runtime';

export const handler = lambdaHandler(async (): Promise<{ released: number }> => {
  const released = await expireDueHolds(stripePayments, new Date());
  if (released > 0) logger.info('expired holds released', { released });
  return { released };
});
