/**
 * The summary `npm run metrics` prints, from EMF lines as the functions publish them: requests,
 * 4xx and 5xx with their rates and nearest-rank latency percentiles per route, and business
 * metrics added up by their dimensions.
 */
import { describe, expect, it } from 'vitest';
import { formatSummary, percentile, summarise } from './metrics-summary';

const T0 = Date.UTC(2026, 11, 7, 12, 0, 0);

/** A request line as the HTTP layer publishes it (Powertools' EMF, two dimension sets). */
const request = (unit: string, route: string, status: number, latency: number, at = T0): string =>
  JSON.stringify({
    _aws: {
      Timestamp: at,
      CloudWatchMetrics: [
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
      ],
    },
    service: 'shifa',
    unit,
    route,
    Requests: 1,
    Http4xx: status >= 400 && status < 500 ? 1 : 0,
    Http5xx: status >= 500 ? 1 : 0,
    Latency: latency,
  });

const business = (name: string, value: number, dimensions: Record<string, string> = {}): string =>
  JSON.stringify({
    _aws: {
      Timestamp: T0,
      CloudWatchMetrics: [
        {
          Namespace: 'Shifa',
          Dimensions: [['service', ...Object.keys(dimensions)]],
          Metrics: [{ Name: name, Unit: 'Count' }],
        },
      ],
    },
    service: 'shifa',
    ...dimensions,
    [name]: value,
  });

describe('percentile', () => {
  it('takes the nearest rank: p50 of 1..10 is 5, p99 is 10; of one value, that value; of none, nothing', () => {
    const oneToTen = [7, 3, 10, 1, 5, 2, 9, 4, 8, 6];

    expect(percentile(oneToTen, 0.5)).toBe(5);
    expect(percentile(oneToTen, 0.99)).toBe(10);
    expect(percentile([42], 0.99)).toBe(42);
    expect(percentile([], 0.5)).toBeUndefined();
  });

  it('reaches the slow tail only when it is more than 1 % of the requests', () => {
    const fast = Array.from({ length: 99 }, () => 20);

    expect(percentile([...fast, 900], 0.99)).toBe(20);
    expect(percentile([...fast, 900, 900], 0.99)).toBe(900);
  });
});

describe('summarise', () => {
  it('counts requests, 4xx and 5xx per route, with their rates and latency percentiles', () => {
    const lines = [
      request('payments', 'createBooking', 201, 120),
      request('payments', 'createBooking', 409, 40),
      request('payments', 'createBooking', 500, 900),
      request('payments', 'createBooking', 201, 100),
      request('catalog', 'listPackages', 200, 15),
    ];

    const { routes } = summarise(lines);

    expect(routes).toEqual([
      {
        unit: 'payments',
        route: 'createBooking',
        count: 4,
        clientErrors: 1,
        serverErrors: 1,
        clientErrorRate: 0.25,
        serverErrorRate: 0.25,
        p50: 100,
        p99: 900,
      },
      {
        unit: 'catalog',
        route: 'listPackages',
        count: 1,
        clientErrors: 0,
        serverErrors: 0,
        clientErrorRate: 0,
        serverErrorRate: 0,
        p50: 15,
        p99: 15,
      },
    ]);
  });

  it('reads latencies a line holds as a list, and a line that carries latencies only', () => {
    const many = JSON.parse(request('catalog', 'getPackage', 200, 0)) as Record<string, unknown>;
    Object.assign(many, { Requests: 3, Latency: [10, 30, 20] });
    const rest = JSON.parse(request('catalog', 'getPackage', 200, 0)) as Record<string, unknown>;
    delete rest.Requests;
    delete rest.Http4xx;
    delete rest.Http5xx;
    rest.Latency = [40];

    const [row] = summarise([JSON.stringify(many), JSON.stringify(rest)]).routes;

    expect(row).toMatchObject({ count: 3, p50: 20, p99: 40 });
  });

  it('adds up business metrics by their dimensions', () => {
    const lines = [
      business('HoldsTaken', 1),
      business('HoldsTaken', 2),
      business('HoldsRefused', 1, { reason: 'sold_out' }),
      business('HoldsRefused', 1, { reason: 'departure_not_found' }),
      business('HoldsRefused', 1, { reason: 'sold_out' }),
    ];

    expect(summarise(lines).business).toEqual([
      { metric: 'HoldsRefused', dimensions: { reason: 'departure_not_found' }, total: 1 },
      { metric: 'HoldsRefused', dimensions: { reason: 'sold_out' }, total: 2 },
      { metric: 'HoldsTaken', dimensions: {}, total: 3 },
    ]);
  });

  it('skips what is not EMF, and leaves out lines older than asked', () => {
    const lines = [
      'not json',
      JSON.stringify({ level: 'INFO', message: 'a log line' }),
      '',
      request('catalog', 'listPackages', 200, 10, T0 - 3_600_000),
      request('catalog', 'listPackages', 404, 12, T0),
    ];

    const summary = summarise(lines, { since: T0 - 60_000 });

    expect(summary.skipped).toBe(2);
    expect(summary.routes).toMatchObject([{ route: 'listPackages', count: 1, clientErrors: 1 }]);
  });
});

describe('formatSummary', () => {
  it('prints a row per route, rates as percentages, and the business totals', () => {
    const text = formatSummary(
      summarise([
        request('payments', 'createBooking', 500, 250),
        request('payments', 'createBooking', 201, 50),
        business('HospitalDecisions', 1, { decision: 'accept' }),
      ]),
    );

    const [header, row] = text.split('\n');
    expect(header?.split(/\s{2,}/)).toEqual([
      'unit',
      'route',
      'requests',
      '4xx',
      '5xx',
      '4xx rate',
      '5xx rate',
      'p50 ms',
      'p99 ms',
    ]);
    expect(row?.split(/\s{2,}/)).toEqual([
      'payments',
      'createBooking',
      '2',
      '0',
      '1',
      '0.0 %',
      '50.0 %',
      '50',
      '250',
    ]);
    expect(text).toContain('HospitalDecisions (decision=accept): 1');
  });
});
