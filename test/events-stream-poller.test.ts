/**
 * The local stream poller on DynamoDB Local's real stream, with a recording
 * handler in place of the publisher: what it hands over (Lambda's record
 * shape, the declared filter), where it starts, and that a failed batch is
 * retried from its first failed record before anything after it.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { type StreamHandler, type StreamPoller, startStreamPoller } from '@shifa/local/stream-poller';
import { documentClient, ENTITY, tableName } from '@shifa/store';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { useTable } from './support/table';

useTable();

const pollers: StreamPoller[] = [];
afterEach(async () => {
  for (const poller of pollers.splice(0)) await poller.stop();
});

let seq = 0;
/** A fake booking item: enough for the filter (entity) and to tell records apart. */
async function put(entity: string, extra: Record<string, unknown> = {}): Promise<string> {
  seq += 1;
  const id = `item-${seq}-${Date.now()}`;
  await documentClient.send(
    new PutCommand({ TableName: tableName, Item: { PK: `TEST#${id}`, SK: 'ITEM', entity, id, ...extra } }),
  );
  return id;
}

type Answer = { batchItemFailures: { itemIdentifier: string }[] } | undefined;

function recording(behaviour?: (records: DynamoDBRecord[], call: number) => Answer) {
  const calls: DynamoDBRecord[][] = [];
  const handler: StreamHandler = async (event) => {
    calls.push(event.Records);
    return behaviour?.(event.Records, calls.length) ?? { batchItemFailures: [] };
  };
  const ids = () => calls.map((records) => records.map((record) => record.dynamodb?.NewImage?.id?.S));
  return { calls, handler, ids };
}

async function poll(handler: StreamHandler, options: Partial<Parameters<typeof startStreamPoller>[0]> = {}) {
  const poller = await startStreamPoller({
    tableName,
    endpoint: process.env.DYNAMODB_ENDPOINT ?? '',
    startingPosition: 'TRIM_HORIZON',
    handler,
    idleMs: 10,
    retryDelayMs: 1,
    onError: () => {},
    ...options,
  });
  pollers.push(poller);
  return poller;
}

describe('the stream poller', () => {
  it('hands over committed booking changes as Lambda does, and filters out other items', async () => {
    const booking = await put(ENTITY.booking, { payload: new Uint8Array([1, 2, 3]) });
    const departure = await put(ENTITY.departure);
    const target = recording();

    const poller = await poll(target.handler, { startingPosition: 'LATEST' });
    const later = await put(ENTITY.booking, { payload: new Uint8Array([4, 5]) });
    await put(ENTITY.departure);
    await poller.caughtUp();

    expect(target.ids().flat()).toEqual([later]);
    const [record] = target.calls.flat();
    expect(record).toMatchObject({
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      eventSourceARN: expect.stringContaining(`table/${tableName}/stream/`),
      dynamodb: {
        Keys: { PK: { S: `TEST#${later}` }, SK: { S: 'ITEM' } },
        NewImage: { entity: { S: 'Booking' }, payload: { B: Buffer.from([4, 5]).toString('base64') } },
        SequenceNumber: expect.any(String),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
    expect(record?.dynamodb?.ApproximateCreationDateTime).toBeTypeOf('number');
    expect([booking, departure]).not.toContain(record?.dynamodb?.NewImage?.id?.S);
  });

  it('reads from the start of the stream with TRIM_HORIZON', async () => {
    const first = await put(ENTITY.booking);
    const target = recording();

    const poller = await poll(target.handler);
    await poller.caughtUp();

    expect(target.ids().flat()).toContain(first);
  });

  it('retries from the first failed record, never moving past it', async () => {
    const run = `run-${Date.now()}`;
    const ids = [
      await put(ENTITY.booking, { run }),
      await put(ENTITY.booking, { run }),
      await put(ENTITY.booking, { run }),
    ];
    const target = recording((records, call) =>
      call === 1
        ? { batchItemFailures: [{ itemIdentifier: records[1]?.dynamodb?.SequenceNumber ?? '' }] }
        : undefined,
    );

    // Only this run's records, all written before the poller starts: one batch, deterministically.
    const poller = await poll(target.handler, { filter: { dynamodb: { NewImage: { run: { S: [run] } } } } });
    await poller.caughtUp();

    expect(target.ids()).toEqual([ids, ids.slice(1)]);
    expect(poller.invocations.map((i) => i.outcome)).toEqual(['partial', 'ok']);
  });

  it('retries the whole batch when the handler throws, as a crashed function is retried', async () => {
    const target = recording((_, call) => {
      if (call === 1) throw new Error('the function crashed');
      return undefined;
    });
    const poller = await poll(target.handler, { startingPosition: 'LATEST' });
    await poller.caughtUp();

    const id = await put(ENTITY.booking);
    await poller.caughtUp();

    expect(target.ids()).toEqual([[id], [id]]);
    expect(poller.invocations.map((i) => i.outcome)).toEqual(['threw', 'ok']);
    expect(poller.deadLetters).toEqual([]);
  });

  it('dead-letters a record that keeps failing after the retries, then goes on', async () => {
    let poisoned = '';
    const target = recording((records) => {
      const bad = records.find((record) => record.dynamodb?.NewImage?.id?.S === poisoned);
      return bad === undefined
        ? undefined
        : { batchItemFailures: [{ itemIdentifier: bad.dynamodb?.SequenceNumber ?? '' }] };
    });
    const poller = await poll(target.handler, { startingPosition: 'LATEST', retryAttempts: 2, batchSize: 1 });
    await poller.caughtUp();

    poisoned = await put(ENTITY.booking);
    const next = await put(ENTITY.booking);
    await poller.caughtUp();

    expect(target.ids()).toEqual([[poisoned], [poisoned], [poisoned], [next]]);
    expect(poller.deadLetters.map((record) => record.dynamodb?.NewImage?.id?.S)).toEqual([poisoned]);
  });
});
