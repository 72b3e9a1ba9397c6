/**
 * Target of the `deliver-to-hospital` rule (BookingRequested, BookingCancelled,
 * BookingExpired): records the delivery of the event to its hospital and queues
 * the first attempt. EventBridge may invoke it twice with one event; the second
 * finds the delivery and queues nothing.
 */

import { correlationOf } from '@shifa/events';
import { enqueueEvent, queueDeps } from '@shifa/hospital-delivery';
import { lambdaHandler } from '@shifa/http';
import { correlate, logger } from '@shifa/runtime';
import type { EventBridgeEvent } from 'aws-lambda';

export const handler = lambdaHandler(async (event: EventBridgeEvent<string, unknown>) => {
  correlate(correlationOf(event));
  const recorded = await enqueueEvent(event, queueDeps());
  logger.info('hospital delivery recorded', recorded);
  return recorded;
});
