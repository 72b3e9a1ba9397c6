/**
 * The stream publisher against a mocked EventBridge: what a committed change
 * puts on the bus, and what Lambda is told to retry when the bus refuses.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Booking } from '@shifa/contracts';
import { streamPublisher } from '@shifa/events';
import { exampleBookings as b } from '@shifa/events/example-booking';
import { bookingItem, ENTITY } from '@shifa/store';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.EVENT_BUS_NAME = 'shifa-test';
});

const { handler } = await import('./publish-stream');

const eventBridge = mockClient(EventBridgeClient);

beforeEach(() => {
  eventBridge.reset();
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({
    FailedEntryCount: 0,
    Entries: input.Entries.map((_, i) => ({ EventId: `eb-${i}` })),
  }));
});

type Image = NonNullable<DynamoDBRecord['dynamodb']>['NewImage'];
const image = (item: Record<string, unknown> | undefined): Image =>
  item === undefined ? undefined : (marshall(item, { removeUndefinedValues: true }) as unknown as Image);

let sequence = 100;
/** A stream record as Lambda delivers it, for the item before and after a change. */
function record(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
): DynamoDBRecord {
  sequence += 1;
  const item = after ?? before ?? {};
  const oldImage = image(before);
  const newImage = image(after);
  return {
    eventID: `c3f1e0a4d2b84f6e9a7b${sequence}`,
    eventName: before === undefined ? 'INSERT' : after === undefined ? 'REMOVE' : 'MODIFY',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-central-1',
    dynamodb: {
      ApproximateCreationDateTime: 1_801_990_000,
      Keys: image({ PK: item.PK, SK: item.SK }),
      ...(newImage === undefined ? {} : { NewImage: newImage }),
      ...(oldImage === undefined ? {} : { OldImage: oldImage }),
      SequenceNumber: `4421584500000000017${sequence}`,
      SizeBytes: 1_843,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN:
      'arn:aws:dynamodb:eu-central-1:123456789012:table/Shifa-Table/stream/2027-01-01T00:00:00.000',
  };
}

const change = (before: Booking, after: Booking) => record(bookingItem(before), bookingItem(after));
const streamEvent = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });
const sentEntries = () =>
  eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries ?? []);
const sequenceOf = (r: DynamoDBRecord) => r.dynamodb?.SequenceNumber ?? '';

describe('publish-stream', () => {
  it('puts one event on the bus for a committed HELD → AWAITING_HOSPITAL change', async () => {
    const result = await handler(streamEvent(change(b.held, b.awaiting)));

    expect(result).toEqual({ batchItemFailures: [] });
    const [entries, ...otherCalls] = sentEntries();
    expect(otherCalls).toEqual([]);
    expect(entries).toHaveLength(1);
    const [entry] = entries ?? [];
    expect(entry).toMatchObject({
      EventBusName: 'shifa-test',
      Source: 'shifa.booking',
      DetailType: 'BookingRequested',
      Time: new Date('2027-02-01T09:04:12.000Z'),
    });
    expect(JSON.parse(entry?.Detail ?? '{}')).toMatchObject({
      eventId: 'bk-7f3c2a9e41d8:v2:BookingRequested',
      bookingId: 'bk-7f3c2a9e41d8',
      decisionDeadline: '2027-02-03T09:04:12.000Z',
    });
  });

  it('reports the record as failed when PutEvents is throttled, so Lambda retries it', async () => {
    eventBridge
      .on(PutEventsCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const requested = change(b.held, b.awaiting);

    const result = await handler(streamEvent(requested));

    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: sequenceOf(requested) }] });
  });

  it('reports the first record whose entry EventBridge refused, and nothing before it', async () => {
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ EventId: 'eb-0' }, { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' }],
    });
    const requested = change(b.held, b.awaiting);
    const declined = change(b.awaiting, b.declined);

    const result = await handler(streamEvent(requested, declined));

    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: sequenceOf(declined) }] });
  });

  it('puts at most ten entries per call, in order, and stops at the first failed call', async () => {
    const records = Array.from({ length: 12 }, (_, i) =>
      change({ ...b.held, bookingId: `bk-batch-${i}` }, { ...b.awaiting, bookingId: `bk-batch-${i}` }),
    );

    await handler(streamEvent(...records));
    const sizes = sentEntries().map((entries) => entries.length);
    eventBridge.reset();
    eventBridge.on(PutEventsCommand).rejects(new Error('socket hang up'));
    const failed = await handler(streamEvent(...records));

    expect(sizes).toEqual([10, 2]);
    expect(failed).toEqual({
      batchItemFailures: [{ itemIdentifier: sequenceOf(records[0] as DynamoDBRecord) }],
    });
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(1);
  });

  it('puts nothing for items that are not bookings, for a new hold or for a removal', async () => {
    const departureChange = record(
      { PK: 'PKG#p', SK: 'DEP#d', entity: ENTITY.departure, seatsLeft: 4 },
      { PK: 'PKG#p', SK: 'DEP#d', entity: ENTITY.departure, seatsLeft: 3 },
    );

    const result = await handler(
      streamEvent(
        departureChange,
        record(undefined, bookingItem(b.held)),
        record(bookingItem(b.expired), undefined),
      ),
    );

    expect(result).toEqual({ batchItemFailures: [] });
    expect(sentEntries()).toEqual([]);
  });

  it('gives a record processed twice the same event ids', async () => {
    const accepted = change(b.acceptedMark, b.confirmed);

    await handler(streamEvent(accepted));
    await handler(streamEvent(accepted));

    const ids = sentEntries().map((entries) =>
      entries.map((entry) => JSON.parse(entry.Detail ?? '{}').eventId),
    );
    expect(ids).toEqual([
      ['bk-7f3c2a9e41d8:v4:BookingAccepted', 'bk-7f3c2a9e41d8:v4:PaymentCaptured'],
      ['bk-7f3c2a9e41d8:v4:BookingAccepted', 'bk-7f3c2a9e41d8:v4:PaymentCaptured'],
    ]);
  });

  it('publishes the records before a booking it cannot read, and reports that one as failed', async () => {
    const requested = change(b.held, b.awaiting);
    const broken = record(bookingItem(b.awaiting), { ...bookingItem(b.declined), status: 'TELEPORTED' });

    const result = await handler(streamEvent(requested, broken, change(b.held, b.expired)));

    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: sequenceOf(broken) }] });
    expect(
      sentEntries()
        .flat()
        .map((entry) => entry.DetailType),
    ).toEqual(['BookingRequested']);
  });

  it('filters on the entity name the store gives bookings', () => {
    expect(streamPublisher.filter.dynamodb.NewImage.entity.S).toEqual([ENTITY.booking]);
  });
});
