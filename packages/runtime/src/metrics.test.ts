/**
 * Metrics as EMF lines: kept for the invocation and published once as it ends, one line per set of
 * dimensions, counts added up; published at once outside an invocation; never without a sink.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runInvocation, runWithKeys } from './invocation';
import { countBusiness, recordRequest, setMetricsSink } from './metrics';

type Emf = {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
};

let lines: string[] = [];
let warnings: string[] = [];
let previous: ReturnType<typeof setMetricsSink>;

beforeEach(() => {
  lines = [];
  warnings = [];
  previous = setMetricsSink((line) => lines.push(line));
  // Powertools warns on its own console (stderr) about dimensions it finds wrong, once per line.
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    warnings.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  setMetricsSink(previous);
  expect(warnings).toEqual([]);
});

const published = (): Emf[] => lines.map((line) => JSON.parse(line) as Emf);

describe('metrics of an invocation', () => {
  it('publishes a response once the invocation ends: count, 4xx, 5xx and latency, per route and per unit', async () => {
    await runInvocation({}, async () => {
      recordRequest({ unit: 'payments', route: 'createBooking', status: 500, latencyMs: 42 });
      expect(lines).toEqual([]);
    });

    const [line, ...rest] = published();
    expect(rest).toEqual([]);
    expect(line?._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'Shifa',
        Dimensions: [
          ['service', 'unit', 'route'],
          ['service', 'unit'],
        ],
        Metrics: [
          { Name: 'Requests', Unit: 'Count' },
          { Name: 'Http4xx', Unit: 'Count' },
          { Name: 'Http5xx', Unit: 'Count' },
          { Name: 'Latency', Unit: 'Milliseconds' },
        ],
      },
    ]);
    expect(line).toMatchObject({
      service: 'shifa',
      unit: 'payments',
      route: 'createBooking',
      Requests: 1,
      Http4xx: 0,
      Http5xx: 1,
      Latency: 42,
    });
  });

  it('classes a 404 as a 4xx and a 200 as neither', async () => {
    await runInvocation({}, async () =>
      recordRequest({ unit: 'catalog', route: 'getPackage', status: 404, latencyMs: 3 }),
    );
    await runInvocation({}, async () =>
      recordRequest({ unit: 'catalog', route: 'getPackage', status: 200, latencyMs: 5 }),
    );

    expect(published().map(({ Http4xx, Http5xx }) => [Http4xx, Http5xx])).toEqual([
      [1, 0],
      [0, 0],
    ]);
  });

  it('adds up counts of one invocation and publishes each set of dimensions on a line of its own', async () => {
    await runInvocation({}, async () => {
      countBusiness('deliveryAttemptsFailed', {});
      await runWithKeys({ deliveryId: 'd-2' }, async () => countBusiness('deliveryAttemptsFailed', {}));
      countBusiness('hospitalDecisions', { decision: 'timeout' });
      countBusiness('hospitalDecisions', { decision: 'timeout' });
      countBusiness('holdsRefused', { reason: 'sold_out' });
    });

    const lines_ = published();
    expect(lines_).toHaveLength(3);
    expect(lines_.map((line) => line._aws.CloudWatchMetrics[0]?.Dimensions)).toEqual([
      [['service']],
      [['service', 'decision']],
      [['service', 'reason']],
    ]);
    expect(lines_[0]).toMatchObject({ DeliveryAttemptsFailed: 2 });
    expect(lines_[1]).toMatchObject({ decision: 'timeout', HospitalDecisions: 2 });
    expect(lines_[2]).toMatchObject({ reason: 'sold_out', HoldsRefused: 1 });
  });

  it('publishes what an invocation recorded even when it throws', async () => {
    await expect(
      runInvocation({}, async () => {
        countBusiness('paymentsFailed', {});
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');

    expect(published()).toMatchObject([{ PaymentsFailed: 1 }]);
  });

  it('publishes once for an invocation wrapped twice (a job handler under its dispatcher)', async () => {
    await runInvocation({}, () =>
      runInvocation({}, async () => {
        countBusiness('holdsTaken', {});
      }),
    );

    expect(published()).toMatchObject([{ HoldsTaken: 1 }]);
  });

  it('keeps latencies apart and splits more than Powertools takes in one line', async () => {
    await runInvocation({}, async () => {
      for (let i = 0; i < 150; i += 1)
        recordRequest({ unit: 'catalog', route: 'listPackages', status: 200, latencyMs: i });
    });

    const [first, second] = published();
    expect(first?.Latency).toHaveLength(99);
    expect(second?.Latency).toHaveLength(51);
    expect(first?.Requests).toBe(150);
    expect(second?.Requests).toBeUndefined();
  });

  it('publishes at once outside an invocation, and nothing without a sink', () => {
    countBusiness('holdsTaken', {});
    expect(published()).toMatchObject([{ HoldsTaken: 1 }]);

    setMetricsSink(undefined);
    countBusiness('holdsTaken', {});
    expect(lines).toHaveLength(1);
  });
});
