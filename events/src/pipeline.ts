/**
 * How committed changes reach the bus, declared once for the CDK app (an event
 * source mapping on the table's stream) and the local stream poller: the
 * publisher's handler module, which records it is given, and how failures are
 * retried. A batch is retried from its first failed record, so nothing after a
 * failure is skipped; a record that keeps failing ends in a dead-letter queue
 * after `retryAttempts` or `maxRecordAgeSeconds`, whichever comes first.
 */
import type { EventPattern } from './pattern';

export const streamPublisher = {
  id: 'publishStream',
  /** Module under functions/, exporting a DynamoDB Streams `handler`. */
  handler: 'events/publish-stream',
  summary: 'Publish the events of committed booking changes from the table stream to the bus',
  batchSize: 100,
  /** Lambda's filter, in EventBridge pattern syntax on the stream record: only bookings can mean events. */
  filter: { dynamodb: { NewImage: { entity: { S: ['Booking'] } } } } satisfies EventPattern,
  retryAttempts: 10,
  /** Long enough to ride out an EventBridge outage of an hour, short of the stream's 24-hour retention. */
  maxRecordAgeSeconds: 6 * 3600,
  bisectBatchOnError: true,
} as const;

/**
 * How the bus delivers to each rule's target, the same for every rule: a
 * delivery the target's function failed is retried `retryAttempts` times (Lambda's
 * asynchronous retries on AWS, the local bus's own retries locally), then
 * dead-lettered; EventBridge also gives up on an event older than `maxEventAgeSeconds`.
 * Targets must be idempotent (dedupe on detail.eventId): delivery is at least once.
 */
export const targetDelivery = {
  retryAttempts: 2,
  maxEventAgeSeconds: 6 * 3600,
} as const;
