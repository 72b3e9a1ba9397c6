/**
 * What `npm run metrics` prints, computed from the EMF lines the functions publish (the lines
 * CloudWatch turns into metrics on AWS, which `npm start` appends to .local-data/metrics.jsonl): per
 * route its requests, 4xx and 5xx with their rates, and latency p50 and p99; and the business
 * metrics added up by their dimensions. Pure, so it is tested on lines written by hand.
 */
import { BUSINESS_METRICS, REQUEST_DIMENSIONS, REQUEST_METRICS } from '@shifa/runtime/metric-names';

export type RouteSummary = {
  unit: string;
  route: string;
  count: number;
  clientErrors: number;
  serverErrors: number;
  /** Fractions of `count`, 0 to 1. */
  clientErrorRate: number;
  serverErrorRate: number;
  /** Milliseconds, nearest rank; undefined without a latency. */
  p50: number | undefined;
  p99: number | undefined;
};

export type BusinessTotal = { metric: string; dimensions: Readonly<Record<string, string>>; total: number };

export type MetricsSummary = {
  routes: RouteSummary[];
  business: BusinessTotal[];
  /** Lines that were not EMF (or not JSON), skipped. */
  skipped: number;
};

type Emf = {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[];
  };
} & Record<string, unknown>;

const isEmf = (value: unknown): value is Emf => {
  const aws = (value as { _aws?: { CloudWatchMetrics?: unknown } } | null)?._aws;
  return typeof aws === 'object' && aws !== null && Array.isArray(aws.CloudWatchMetrics);
};

const numbers = (value: unknown): number[] =>
  (Array.isArray(value) ? value : [value]).filter((item): item is number => typeof item === 'number');

const sum = (value: unknown): number => numbers(value).reduce((total, item) => total + item, 0);

/** The nearest-rank percentile `q` (0 < q ≤ 1) of `values`; undefined for none. */
export function percentile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1];
}

const REQUEST_NAMES = new Set<string>(Object.values(REQUEST_METRICS));
const BUSINESS_NAMES = new Set<string>(Object.values(BUSINESS_METRICS));

/** Summarises EMF lines (one JSON object per line); lines before `since` (epoch ms) are left out. */
export function summarise(lines: Iterable<string>, options: { since?: number } = {}): MetricsSummary {
  const routes = new Map<
    string,
    { unit: string; route: string; count: number; c4: number; c5: number; latencies: number[] }
  >();
  const business = new Map<string, BusinessTotal>();
  let skipped = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      skipped += 1;
      continue;
    }
    if (!isEmf(parsed)) {
      skipped += 1;
      continue;
    }
    if (options.since !== undefined && parsed._aws.Timestamp < options.since) continue;
    for (const directive of parsed._aws.CloudWatchMetrics) {
      const names = directive.Metrics.map((metric) => metric.Name);
      const unit = parsed[REQUEST_DIMENSIONS.unit];
      const route = parsed[REQUEST_DIMENSIONS.route];
      if (
        names.some((name) => REQUEST_NAMES.has(name)) &&
        typeof unit === 'string' &&
        typeof route === 'string'
      ) {
        const key = `${unit}\n${route}`;
        const row = routes.get(key) ?? { unit, route, count: 0, c4: 0, c5: 0, latencies: [] };
        routes.set(key, row);
        row.count += sum(parsed[REQUEST_METRICS.count]);
        row.c4 += sum(parsed[REQUEST_METRICS.clientErrors]);
        row.c5 += sum(parsed[REQUEST_METRICS.serverErrors]);
        row.latencies.push(...numbers(parsed[REQUEST_METRICS.latency]));
      }
      // Its dimensions beyond the service, read from the widest set the line declares.
      const widest = directive.Dimensions.reduce<string[]>((a, b) => (b.length > a.length ? b : a), []);
      const dimensions = Object.fromEntries(
        widest.filter((name) => name !== 'service').map((name) => [name, String(parsed[name])]),
      );
      for (const name of names.filter((candidate) => BUSINESS_NAMES.has(candidate))) {
        const key = `${name}\n${JSON.stringify(dimensions)}`;
        const total = business.get(key) ?? { metric: name, dimensions, total: 0 };
        business.set(key, total);
        total.total += sum(parsed[name]);
      }
    }
  }
  return {
    routes: [...routes.values()]
      .map((row) => ({
        unit: row.unit,
        route: row.route,
        count: row.count,
        clientErrors: row.c4,
        serverErrors: row.c5,
        clientErrorRate: row.count === 0 ? 0 : row.c4 / row.count,
        serverErrorRate: row.count === 0 ? 0 : row.c5 / row.count,
        p50: percentile(row.latencies, 0.5),
        p99: percentile(row.latencies, 0.99),
      }))
      .sort((a, b) => b.count - a.count || a.route.localeCompare(b.route)),
    business: [...business.values()].sort(
      (a, b) =>
        a.metric.localeCompare(b.metric) ||
        JSON.stringify(a.dimensions).localeCompare(JSON.stringify(b.dimensions)),
    ),
    skipped,
  };
}

const percent = (rate: number): string => `${(rate * 100).toFixed(1)} %`;
const ms = (value: number | undefined): string => (value === undefined ? '–' : `${Math.round(value)}`);

/** The summary as the aligned table `npm run metrics` prints. */
export function formatSummary(summary: MetricsSummary): string {
  const header = ['unit', 'route', 'requests', '4xx', '5xx', '4xx rate', '5xx rate', 'p50 ms', 'p99 ms'];
  const rows = summary.routes.map((row) => [
    row.unit,
    row.route,
    String(row.count),
    String(row.clientErrors),
    String(row.serverErrors),
    percent(row.clientErrorRate),
    percent(row.serverErrorRate),
    ms(row.p50),
    ms(row.p99),
  ]);
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const business = summary.business.map(({ metric, dimensions, total }) => {
    const split = Object.entries(dimensions)
      .map(([name, value]) => `${name}=${value}`)
      .join(' ');
    return `  ${metric}${split === '' ? '' : ` (${split})`}: ${total}`;
  });
  return [
    line(header),
    ...rows.map(line),
    '',
    business.length === 0 ? 'No business metrics yet.' : 'Business metrics:',
    ...business,
  ].join('\n');
}
