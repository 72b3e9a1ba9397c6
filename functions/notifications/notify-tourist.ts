/**
 * Target of the `notify-tourist` rule: emails the tourist, in their language,
 * when their booking awaits the hospital, is confirmed, declined, expired,
 * cancelled or refunded. Once per event id; a failed send throws, so the
 * event is retried (Lambda's asynchronous retries on AWS).
 */
import { correlationOf } from '@shifa/events';
import { lambdaHandler } from '@shifa/http';
import { correlate, logger } from '@shifa/runtime';
import type { EventBridgeEvent } from 'aws-lambda';
import { notifier } from './notifier';
import { notifyTourist } from './notify';

export const handler = lambdaHandler(async (event: EventBridgeEvent<string, unknown>) => {
  correlate(correlationOf(event));
  const outcome = await notifyTourist(event, { notifier: notifier(), now: () => new Date() });
  logger.info('tourist notification', { eventType: event['detail-type'], outcome });
  return { outcome };
});
