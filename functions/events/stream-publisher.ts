/**
 * The transactional outbox's second half: committed changes, as the table's
 * stream carries them, become events on the bus. A booking's change is turned
 * into events by `eventsFromBookingChange` (@shifa/events); they are put in
 * order, at most ten per PutEvents call. When a call fails, or EventBridge
 * refuses an entry, the answer names the first record whose events did not all
 * go out, and nothing after it is published in this attempt: Lambda (or the
 * local poller) retries from that record, so an event can be published twice
 * but never lost, and its `eventId` stays the same.
 */

import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { Booking } from '@shifa/contracts';
import {
  type DomainEvent,
  detailCorrelation,
  eventsFromBookingChange,
  matchesPattern,
  streamPublisher,
} from '@shifa/events';
import { logger } from '@shifa/runtime';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/** EventBridge takes at most ten entries per PutEvents call. */
export const MAX_ENTRIES_PER_PUT = 10;

export type PublishFailure = { index: number; code: string };

/** Puts events on the bus; says which were refused. Throws when the call itself fails. */
export interface EventPublisher {
  publish(events: readonly DomainEvent[]): Promise<PublishFailure[]>;
}

export const toEntry = (event: DomainEvent, busName: string): PutEventsRequestEntry => ({
  EventBusName: busName,
  Source: event.source,
  DetailType: event.detailType,
  Detail: JSON.stringify(event.detail),
  // The event's time is when the change committed, not when a retry finally published it.
  Time: new Date(event.detail.occurredAt),
});

export function eventBridgePublisher(client: EventBridgeClient, busName: string): EventPublisher {
  return {
    async publish(events) {
      if (events.length > MAX_ENTRIES_PER_PUT) {
        throw new Error(`PutEvents takes at most ${MAX_ENTRIES_PER_PUT} entries, got ${events.length}`);
      }
      const result = await client.send(
        new PutEventsCommand({ Entries: events.map((event) => toEntry(event, busName)) }),
      );
      if ((result.FailedEntryCount ?? 0) === 0) return [];
      // Entries answer in the order they were sent; one without an EventId was not accepted.
      return events.flatMap((_, index) => {
        const entry = result.Entries?.[index];
        return entry?.EventId === undefined || entry.ErrorCode !== undefined
          ? [{ index, code: entry?.ErrorCode ?? 'Unknown' }]
          : [];
      });
    },
  };
}

const image = (raw: unknown): Booking | undefined => {
  if (raw === undefined) return undefined;
  const parsed = Booking.safeParse(unmarshall(raw as Record<string, AttributeValue>));
  if (!parsed.success) {
    // Paths only: the values are personal data.
    const paths = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`a booking in the stream does not match the Booking schema at: ${paths}`);
  }
  return parsed.data;
};

/** The events of one stream record: none unless it is a booking's change. */
export function eventsOfRecord(record: DynamoDBRecord): DomainEvent[] {
  if (!matchesPattern(streamPublisher.filter, record)) return [];
  return eventsFromBookingChange(image(record.dynamodb?.OldImage), image(record.dynamodb?.NewImage));
}

type Pending = { record: number; event: DomainEvent };

/** Publishes the events of a batch of stream records in order; returns the first record that failed. */
export async function publishRecords(
  records: readonly DynamoDBRecord[],
  publisher: EventPublisher,
): Promise<number | undefined> {
  const pending: Pending[] = [];
  let firstFailure: number | undefined;
  for (const [index, record] of records.entries()) {
    try {
      pending.push(...eventsOfRecord(record).map((event) => ({ record: index, event })));
    } catch (error) {
      logger.error('stream record not turned into events', {
        sequenceNumber: record.dynamodb?.SequenceNumber,
        bookingId: record.dynamodb?.NewImage?.bookingId?.S ?? record.dynamodb?.OldImage?.bookingId?.S,
        error: error instanceof Error ? error.message : String(error),
      });
      firstFailure = index;
      break;
    }
  }
  for (let start = 0; start < pending.length; start += MAX_ENTRIES_PER_PUT) {
    const batch = pending.slice(start, start + MAX_ENTRIES_PER_PUT);
    let failures: PublishFailure[];
    try {
      failures = await publisher.publish(batch.map((item) => item.event));
    } catch (error) {
      logger.warn('PutEvents failed; the batch will be retried', {
        error: error instanceof Error ? error.name : String(error),
        events: batch.length,
      });
      return batch[0]?.record;
    }
    if (failures.length > 0) {
      const failed = Math.min(
        ...failures.map((failure) => batch[failure.index]?.record ?? Number.POSITIVE_INFINITY),
      );
      logger.warn('EventBridge refused events; retrying from the first record', {
        codes: [...new Set(failures.map((failure) => failure.code))],
        failed: failures.length,
        eventIds: failures.map((failure) => batch[failure.index]?.event.detail.eventId),
      });
      return failed;
    }
    // One line per event, with its booking and the request whose change caused it, so a booking's
    // story reads on from the request to its events without opening the batch.
    for (const { event } of batch) {
      logger.info('event published', { eventType: event.detailType, ...detailCorrelation(event.detail) });
    }
  }
  return firstFailure;
}

/** A DynamoDB Streams handler for Lambda with ReportBatchItemFailures. */
export function streamHandler(publisher: EventPublisher) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const failed = await publishRecords(event.Records, publisher);
    const sequenceNumber = failed === undefined ? undefined : event.Records[failed]?.dynamodb?.SequenceNumber;
    if (failed !== undefined && sequenceNumber === undefined) {
      // Without a sequence number Lambda cannot retry from the record: fail the whole batch instead.
      throw new Error('a stream record without a sequence number could not be published');
    }
    return { batchItemFailures: sequenceNumber === undefined ? [] : [{ itemIdentifier: sequenceNumber }] };
  };
}
