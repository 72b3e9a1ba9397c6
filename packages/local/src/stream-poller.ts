/**
 * The local stand-in for Lambda's event source mapping on the table's stream:
 * reads DynamoDB Local's stream (DescribeStream, GetShardIterator, GetRecords,
 * following new shards once their parent is read), keeps the records the
 * declared filter lets through, and invokes the very publisher handler module
 * Lambda runs with a real DynamoDBStreamEvent, in batches. Like Lambda with
 * ReportBatchItemFailures it never moves past a failed batch: it retries from
 * the first failed record (the whole batch when the handler throws), and only
 * after the declared retries records the rest of the batch as dead-lettered
 * and goes on. Positions (the last sequence number per shard) live in memory.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type Shard,
  type ShardIteratorType,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { type EventPattern, matchesPattern, streamPublisher } from '@shifa/events';
import { handlerFile } from '@shifa/functions/routes';
import { union } from '@shifa/functions/units';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { lambdaContext } from './api-server';
import { runAs } from './units';

export type StreamHandler = (
  event: DynamoDBStreamEvent,
  context: Context,
) => Promise<DynamoDBBatchResponse | undefined>;

export type StreamPollerOptions = {
  tableName: string;
  /** DynamoDB Local's endpoint. */
  endpoint: string;
  /** LATEST for `npm start` (what happened before is not replayed), TRIM_HORIZON for tests. */
  startingPosition: 'LATEST' | 'TRIM_HORIZON';
  /** Default: the declared publisher's handler module. */
  handler?: StreamHandler;
  batchSize?: number;
  /** Lambda's event filter; null lets every record through. */
  filter?: EventPattern | null;
  retryAttempts?: number;
  /** Pause after a pass over the shards that found nothing new. */
  idleMs?: number;
  /** First pause before retrying a failed batch, doubled each time up to 5 s. */
  retryDelayMs?: number;
  onError?: (message: string) => void;
};

export type Invocation = {
  event: DynamoDBStreamEvent;
  /** `pending` while the handler runs: the invocation is recorded before it starts. */
  outcome: 'pending' | 'ok' | 'partial' | 'threw';
  /** The sequence number the batch failed at, or the error the handler threw. */
  failure?: string;
};

export type StreamPoller = {
  /** Every handler invocation, in order (the most recent 1000). */
  readonly invocations: readonly Invocation[];
  /** Records given up on after the retries, as the on-failure destination would get them. */
  readonly deadLetters: readonly DynamoDBRecord[];
  /** Resolves once every record written before the call has been handled (or dead-lettered). */
  caughtUp(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
};

type ShardState = {
  shardId: string;
  parentShardId: string | undefined;
  iterator: string | undefined;
  lastSequence: string | undefined;
  startAt: ShardIteratorType;
  closed: boolean;
};

const toBase64 = (_key: string, value: unknown) =>
  value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value;

/** The record as Lambda delivers it: JSON, binary values in base64, the creation time in epoch seconds. */
export function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const data = record.dynamodb ?? {};
  const json = <T>(value: unknown) => JSON.parse(JSON.stringify(value, toBase64)) as T;
  type Images = NonNullable<DynamoDBRecord['dynamodb']>;
  return {
    eventID: record.eventID ?? '',
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: record.eventSource ?? 'aws:dynamodb',
    awsRegion: record.awsRegion ?? process.env.AWS_REGION ?? 'us-east-1',
    dynamodb: {
      ...(data.ApproximateCreationDateTime === undefined
        ? {}
        : { ApproximateCreationDateTime: Math.floor(data.ApproximateCreationDateTime.getTime() / 1000) }),
      ...(data.Keys === undefined ? {} : { Keys: json<Images['Keys']>(data.Keys) }),
      ...(data.NewImage === undefined ? {} : { NewImage: json<Images['NewImage']>(data.NewImage) }),
      ...(data.OldImage === undefined ? {} : { OldImage: json<Images['OldImage']>(data.OldImage) }),
      ...(data.SequenceNumber === undefined ? {} : { SequenceNumber: data.SequenceNumber }),
      ...(data.SizeBytes === undefined ? {} : { SizeBytes: data.SizeBytes }),
      ...(data.StreamViewType === undefined ? {} : { StreamViewType: data.StreamViewType }),
    },
    eventSourceARN: streamArn,
  };
}

async function publisherModule(): Promise<StreamHandler> {
  const module = (await import(pathToFileURL(handlerFile(streamPublisher)).href)) as {
    handler?: StreamHandler;
  };
  if (typeof module.handler !== 'function') throw new Error(`${streamPublisher.handler} exports no handler`);
  return module.handler;
}

const message = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const batchSize = options.batchSize ?? streamPublisher.batchSize;
  const filter = options.filter === undefined ? streamPublisher.filter : options.filter;
  const retryAttempts = options.retryAttempts ?? streamPublisher.retryAttempts;
  const idleMs = options.idleMs ?? 250;
  const retryDelayMs = options.retryDelayMs ?? 100;
  const onError = options.onError ?? ((text: string) => console.error(`[stream] ${text}`));
  const dynamoDb = new DynamoDBClient({ endpoint: options.endpoint });
  const streams = new DynamoDBStreamsClient({ endpoint: options.endpoint });
  const stopping = new AbortController();

  const table = await dynamoDb.send(new DescribeTableCommand({ TableName: options.tableName }));
  const streamArn = table.Table?.LatestStreamArn;
  if (streamArn === undefined) throw new Error(`table ${options.tableName} has no stream`);

  let handler: Promise<StreamHandler> | undefined = options.handler && Promise.resolve(options.handler);
  const shards = new Map<string, ShardState>();
  const invocations: Invocation[] = [];
  const deadLetters: DynamoDBRecord[] = [];
  let pass = 0;
  const waiters = new Set<{ after: number; done: () => void }>();

  async function refreshShards(initial: boolean): Promise<void> {
    let exclusiveStart: string | undefined;
    const found: Shard[] = [];
    do {
      const page = await streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStart }),
      );
      found.push(...(page.StreamDescription?.Shards ?? []));
      exclusiveStart = page.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStart !== undefined);
    for (const shard of found) {
      if (shard.ShardId === undefined || shards.has(shard.ShardId)) continue;
      shards.set(shard.ShardId, {
        shardId: shard.ShardId,
        parentShardId: shard.ParentShardId,
        iterator: undefined,
        lastSequence: undefined,
        // A shard that appears later holds only records we have not seen: read it from its start.
        startAt: initial ? options.startingPosition : 'TRIM_HORIZON',
        closed: false,
      });
    }
  }

  async function iteratorOf(shard: ShardState): Promise<string | undefined> {
    const result = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shard.shardId,
        ...(shard.lastSequence === undefined
          ? { ShardIteratorType: shard.startAt }
          : { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: shard.lastSequence }),
      }),
    );
    return result.ShardIterator;
  }

  const remember = (invocation: Invocation) => {
    invocations.push(invocation);
    if (invocations.length > 1000) invocations.splice(0, invocations.length - 1000);
  };

  /** Hands one batch to the handler until it is all handled or given up on. */
  async function handle(shard: ShardState, batch: DynamoDBRecord[]): Promise<void> {
    let remaining = batch;
    let failures = 0;
    while (remaining.length > 0 && !stopping.signal.aborted) {
      const event: DynamoDBStreamEvent = { Records: remaining };
      const invocation: Invocation = { event, outcome: 'pending' };
      remember(invocation);
      let failedAt: number | undefined;
      try {
        handler ??= publisherModule();
        const publish = await handler;
        // As the publisher's function: it may put events on the bus and nothing else.
        const result = await runAs(streamPublisher.id, union([{ table: 'none' }]), () =>
          publish(event, lambdaContext(streamPublisher, randomUUID())),
        );
        const failed = (result?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier);
        if (failed.length === 0) {
          invocation.outcome = 'ok';
          failedAt = undefined;
        } else {
          // As Lambda does: retry from the earliest failed record; an identifier that names no
          // record of the batch fails the whole batch.
          const indexes = failed.map((id) => remaining.findIndex((r) => r.dynamodb?.SequenceNumber === id));
          failedAt = indexes.includes(-1) ? 0 : Math.min(...indexes);
          Object.assign(invocation, {
            outcome: 'partial',
            failure: remaining[failedAt]?.dynamodb?.SequenceNumber ?? failed[0],
          });
        }
      } catch (error) {
        Object.assign(invocation, { outcome: 'threw', failure: message(error) });
        onError(`the publisher failed on a batch of ${remaining.length}: ${message(error)}`);
        failedAt = 0;
      }
      const handled = failedAt === undefined ? remaining : remaining.slice(0, failedAt);
      const last = handled.at(-1)?.dynamodb?.SequenceNumber;
      if (last !== undefined) shard.lastSequence = last;
      if (failedAt === undefined) return;
      remaining = remaining.slice(failedAt);
      failures = handled.length > 0 ? 1 : failures + 1;
      if (failures > retryAttempts) {
        onError(`${remaining.length} record(s) dead-lettered after ${failures} failed attempts`);
        deadLetters.push(...remaining);
        shard.lastSequence = remaining.at(-1)?.dynamodb?.SequenceNumber ?? shard.lastSequence;
        return;
      }
      await sleep(Math.min(retryDelayMs * 2 ** (failures - 1), 5000), undefined, {
        signal: stopping.signal,
      }).catch(() => undefined);
    }
  }

  /** Reads what is new in one shard and hands it on; returns how many records it found. */
  async function readShard(shard: ShardState): Promise<number> {
    shard.iterator ??= await iteratorOf(shard);
    if (shard.iterator === undefined) {
      shard.closed = true;
      return 0;
    }
    let page: GetRecordsCommandOutput;
    try {
      page = await streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: 1000 }));
    } catch (error) {
      if (error instanceof ExpiredIteratorException) {
        shard.iterator = undefined;
        return 0;
      }
      throw error;
    }
    const records = (page.Records ?? []).map((record) => toLambdaRecord(record, streamArn as string));
    const kept = filter === null ? records : records.filter((record) => matchesPattern(filter, record));
    for (let start = 0; start < kept.length && !stopping.signal.aborted; start += batchSize) {
      await handle(shard, kept.slice(start, start + batchSize));
    }
    if (stopping.signal.aborted) return records.length;
    // Filtered-out records count as read: the position moves past them too.
    const lastRead = records.at(-1)?.dynamodb?.SequenceNumber;
    if (lastRead !== undefined) shard.lastSequence = lastRead;
    shard.iterator = page.NextShardIterator;
    if (shard.iterator === undefined) shard.closed = true;
    return records.length;
  }

  const readable = (shard: ShardState) => {
    if (shard.closed) return false;
    const parent = shard.parentShardId === undefined ? undefined : shards.get(shard.parentShardId);
    return parent === undefined || parent.closed;
  };

  async function loop(): Promise<void> {
    let refreshDue = false;
    while (!stopping.signal.aborted) {
      pass += 1;
      const thisPass = pass;
      let found = 0;
      try {
        if (refreshDue) {
          await refreshShards(false);
          refreshDue = false;
        }
        for (const shard of shards.values()) {
          if (stopping.signal.aborted) break;
          if (!readable(shard)) continue;
          found += await readShard(shard);
          if (shard.closed) refreshDue = true;
        }
      } catch (error) {
        if (stopping.signal.aborted) break;
        onError(`reading the stream failed: ${message(error)}`);
        refreshDue = true;
        found = -1;
      }
      if (found === 0) {
        for (const waiter of waiters) {
          if (thisPass > waiter.after) {
            waiters.delete(waiter);
            waiter.done();
          }
        }
      }
      if (found <= 0) {
        // New shards appear seldom; look for them now and then while the stream is quiet.
        if (thisPass % 40 === 0) refreshDue = true;
        await sleep(idleMs, undefined, { signal: stopping.signal }).catch(() => undefined);
      }
    }
  }

  // Positions are taken before this returns, so LATEST means "from when the poller started".
  await refreshShards(true);
  for (const shard of shards.values()) shard.iterator = await iteratorOf(shard);
  const running = loop();

  return {
    invocations,
    deadLetters,
    caughtUp(timeoutMs = 15_000) {
      return new Promise<void>((resolveWait, reject) => {
        // Only a quiet pass that began after this call proves everything before it was read.
        const waiter = {
          after: pass,
          done: () => {
            clearTimeout(timer);
            resolveWait();
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`the stream poller did not catch up within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    async stop() {
      stopping.abort();
      await running;
      dynamoDb.destroy();
      streams.destroy();
    },
  };
}
