/**
 * The local bus through the AWS SDK's own EventBridge client, as the stream
 * publisher reaches it: what it accepts or refuses, the events it stamps, and
 * how it delivers to targets (matching, retries, dead letters, missing modules).
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { rules as declaredRules, type EventRule } from '@shifa/events';
import { afterEach, describe, expect, it } from 'vitest';
import { type BusEvent, type LocalEventBus, startLocalEventBus, type TargetHandler } from './event-bus';

const buses: LocalEventBus[] = [];
const clients: EventBridgeClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const bus of buses.splice(0)) await bus.close();
});

async function bus(options: Parameters<typeof startLocalEventBus>[0] = {}) {
  const started = await startLocalEventBus({ retryDelayMs: 1, log: () => {}, ...options });
  buses.push(started);
  const client = new EventBridgeClient({
    endpoint: started.url,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  clients.push(client);
  return { bus: started, client };
}

const entry = (detailType: string, detail: unknown = { bookingId: 'bk-1' }) => ({
  EventBusName: 'shifa',
  Source: 'shifa.booking',
  DetailType: detailType,
  Detail: JSON.stringify(detail),
  Time: new Date('2027-02-01T09:04:12.345Z'),
});

const rule = (id: string, detailTypes: string[], handler = `test/${id}`): EventRule => ({
  id,
  description: id,
  pattern: { source: ['shifa.booking'], 'detail-type': detailTypes },
  target: { kind: 'function', handler, table: 'none' },
});

/** Targets recorded in memory: each handler name gets the events it was invoked with. */
function recordingTargets(behaviour: Record<string, (attempt: number) => void> = {}) {
  const received = new Map<string, BusEvent[]>();
  const loadTarget =
    async (handler: string): Promise<TargetHandler> =>
    async (event) => {
      const list = received.get(handler) ?? [];
      list.push(event);
      received.set(handler, list);
      behaviour[handler]?.(list.length);
    };
  return { received, loadTarget };
}

describe('the local bus, through the AWS SDK', () => {
  it('accepts PutEvents and stamps each event as EventBridge does', async () => {
    const { bus: local, client } = await bus({ rules: [] });

    const result = await client.send(new PutEventsCommand({ Entries: [entry('BookingRequested')] }));

    expect(result.FailedEntryCount).toBe(0);
    const [event] = local.events;
    expect(result.Entries).toEqual([{ EventId: event?.id }]);
    expect(event).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'detail-type': 'BookingRequested',
      source: 'shifa.booking',
      account: '000000000000',
      time: '2027-02-01T09:04:12Z',
      region: expect.any(String),
      resources: [],
      detail: { bookingId: 'bk-1' },
    });
  });

  it('refuses entries with a malformed detail or for another bus, and accepts the rest', async () => {
    const { bus: local, client } = await bus({ rules: [] });

    const result = await client.send(
      new PutEventsCommand({
        Entries: [
          entry('BookingRequested'),
          { ...entry('BookingRequested'), Detail: '{not json' },
          { ...entry('BookingRequested'), EventBusName: 'someone-elses' },
        ],
      }),
    );

    expect(result.FailedEntryCount).toBe(2);
    expect(result.Entries?.map((e) => e.ErrorCode)).toEqual([
      undefined,
      'MalformedDetail',
      'InvalidArgument',
    ]);
    expect(local.events).toHaveLength(1);
  });

  it('refuses a call of more than ten entries as EventBridge does', async () => {
    const { client } = await bus({ rules: [] });

    const call = client.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => entry('X')) }));

    await expect(call).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('refuses every entry of the next calls when told to fail, then accepts again', async () => {
    const { bus: local, client } = await bus({ rules: [] });
    local.failNextPutEvents(1, 'ThrottlingException');

    const failed = await client.send(new PutEventsCommand({ Entries: [entry('A'), entry('B')] }));
    const accepted = await client.send(new PutEventsCommand({ Entries: [entry('A')] }));

    expect(failed.FailedEntryCount).toBe(2);
    expect(failed.Entries?.map((e) => e.ErrorCode)).toEqual(['ThrottlingException', 'ThrottlingException']);
    expect(accepted.FailedEntryCount).toBe(0);
    expect(local.putEventsCalls).toEqual([
      { entries: 2, failed: 2 },
      { entries: 1, failed: 0 },
    ]);
    expect(local.events.map((e) => e['detail-type'])).toEqual(['A']);
  });
});

describe('delivery to targets', () => {
  it('invokes the target of every rule whose pattern matches, and no other', async () => {
    const targets = recordingTargets();
    const { bus: local, client } = await bus({
      rules: [
        rule('hospital', ['BookingRequested']),
        rule('tourist', ['BookingRequested', 'BookingDeclined']),
      ],
      loadTarget: targets.loadTarget,
    });

    await client.send(
      new PutEventsCommand({ Entries: [entry('BookingRequested'), entry('BookingDeclined')] }),
    );
    await local.idle();

    expect(targets.received.get('test/hospital')?.map((e) => e['detail-type'])).toEqual(['BookingRequested']);
    expect(targets.received.get('test/tourist')?.map((e) => e['detail-type'])).toEqual([
      'BookingRequested',
      'BookingDeclined',
    ]);
    expect(local.deliveries.every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
  });

  it('retries a target that fails, with the same event, until it succeeds', async () => {
    const targets = recordingTargets({
      'test/flaky': (attempt) => {
        if (attempt < 3) throw new Error('downstream unavailable');
      },
    });
    const { bus: local, client } = await bus({
      rules: [rule('flaky', ['BookingRequested'])],
      loadTarget: targets.loadTarget,
    });

    await client.send(new PutEventsCommand({ Entries: [entry('BookingRequested')] }));
    await local.idle();

    const received = targets.received.get('test/flaky') ?? [];
    expect(received).toHaveLength(3);
    expect(new Set(received.map((e) => e.id)).size).toBe(1);
    expect(local.deliveries).toEqual([expect.objectContaining({ status: 'delivered', attempts: 3 })]);
  });

  it('dead-letters a delivery that fails every attempt, after the declared retries', async () => {
    const targets = recordingTargets({
      'test/broken': () => {
        throw new Error('always fails');
      },
    });
    const { bus: local, client } = await bus({
      rules: [rule('broken', ['BookingRequested'])],
      loadTarget: targets.loadTarget,
      retryAttempts: 2,
    });

    await client.send(new PutEventsCommand({ Entries: [entry('BookingRequested')] }));
    await local.idle();

    expect(local.deliveries).toEqual([
      expect.objectContaining({ status: 'dead-lettered', attempts: 3, error: 'always fails' }),
    ]);
  });

  it('skips, with one warning, a rule whose handler module does not exist yet', async () => {
    const warnings: string[] = [];
    const { bus: local, client } = await bus({
      rules: [rule('missing', ['BookingRequested'], 'no-such-area/no-such-handler')],
      log: (message) => warnings.push(message),
    });

    await client.send(
      new PutEventsCommand({ Entries: [entry('BookingRequested'), entry('BookingRequested')] }),
    );
    await local.idle();

    expect(local.deliveries.map((d) => d.status)).toEqual(['skipped', 'skipped']);
    expect(warnings).toEqual([expect.stringContaining('functions/no-such-area/no-such-handler.ts')]);
  });

  it('applies the declared rules: a BookingRequested goes to the hospital and the tourist', async () => {
    const targets = recordingTargets();
    const { bus: local, client } = await bus({ loadTarget: targets.loadTarget });

    await client.send(
      new PutEventsCommand({ Entries: [entry('BookingRequested'), entry('BookingCompleted')] }),
    );
    await local.idle();

    expect(local.rules).toBe(declaredRules);
    expect(local.deliveries.map((d) => [d.ruleId, d.detailType])).toEqual([
      ['deliver-to-hospital', 'BookingRequested'],
      ['notify-tourist', 'BookingRequested'],
    ]);
  });

  it('waits for events deterministically and says what arrived when they do not', async () => {
    const { bus: local, client } = await bus({ rules: [] });
    const waiting = local.waitFor((e) => e['detail-type'] === 'B');

    await client.send(new PutEventsCommand({ Entries: [entry('A'), entry('B')] }));

    expect((await waiting).map((e) => e['detail-type'])).toEqual(['B']);
    await expect(local.waitFor((e) => e['detail-type'] === 'C', { timeoutMs: 20 })).rejects.toThrow(
      /got: A, B/,
    );
  });
});
