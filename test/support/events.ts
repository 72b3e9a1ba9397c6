/**
 * The event pipeline for a test file: the local bus, and the stream poller on
 * this file's table from its first record (TRIM_HORIZON), invoking the real
 * publisher handler, whose EventBridge client is pointed at the bus. Call it
 * after useTable(), so the table exists when the poller starts and the poller
 * stops before the table is deleted.
 */
import { type LocalEventBus, type LocalEventBusOptions, startLocalEventBus } from '@shifa/local/event-bus';
import { type StreamPoller, startStreamPoller } from '@shifa/local/stream-poller';
import { tableName } from '@shifa/store';
import { afterAll, beforeAll } from 'vitest';

export type EventPipeline = {
  readonly bus: LocalEventBus;
  readonly poller: StreamPoller;
  /** What the bus and the poller complained about (missing target modules, failed batches). */
  readonly warnings: readonly string[];
};

export function useEventBus(
  options: Pick<LocalEventBusOptions, 'rules' | 'loadTarget' | 'retryAttempts'> = {},
): EventPipeline {
  let bus: LocalEventBus | undefined;
  let poller: StreamPoller | undefined;
  const warnings: string[] = [];
  beforeAll(async () => {
    bus = await startLocalEventBus({
      busName: 'shifa-test',
      retryDelayMs: 10,
      log: (message) => warnings.push(message),
      ...options,
    });
    // Read by the publisher module when the poller first loads it.
    Object.assign(process.env, { EVENT_BUS_NAME: bus.busName, EVENTBRIDGE_ENDPOINT: bus.url });
    poller = await startStreamPoller({
      tableName,
      endpoint: process.env.DYNAMODB_ENDPOINT ?? '',
      startingPosition: 'TRIM_HORIZON',
      idleMs: 25,
      retryDelayMs: 10,
      onError: (message) => warnings.push(message),
    });
  });
  afterAll(async () => {
    await poller?.stop();
    await bus?.close();
  });
  return {
    get bus() {
      if (bus === undefined) throw new Error('the event bus is not started yet');
      return bus;
    },
    get poller() {
      if (poller === undefined) throw new Error('the stream poller is not started yet');
      return poller;
    },
    warnings,
  };
}
