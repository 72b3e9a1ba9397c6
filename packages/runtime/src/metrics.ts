/**
 * Metrics as CloudWatch's embedded metric format (EMF): Powertools Metrics makes each line, and
 * CloudWatch Logs turns the lines a Lambda function prints into metrics, at no API call.
 *
 * An invocation's metrics are kept until it ends (invocation.ts) and then published once: one line
 * per set of dimensions (the request's route and unit; the service alone; a hold's refusal reason).
 * Counts recorded twice in one invocation add up. Outside an invocation (a script, a test calling a
 * use case directly) a metric is published at once.
 *
 * Where the lines go is the sink: stdout on Lambda, as Powertools prints them; `npm start` appends
 * them to .local-data/metrics.jsonl (`npm run metrics` summarises it); elsewhere nowhere, unless a
 * test sets a sink to read them.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { currentInvocation, type InvocationState } from './invocation';
import { logger } from './logger';
import {
  type BUSINESS_DIMENSIONS,
  BUSINESS_METRICS,
  type BusinessMetric,
  type HospitalDecision,
  METRICS_NAMESPACE,
  REQUEST_DIMENSIONS,
  REQUEST_METRICS,
  SERVICE_NAME,
} from './metric-names';

type Dimensions = Readonly<Record<string, string>>;
type Unit = (typeof MetricUnit)[keyof typeof MetricUnit];
type Recorded = { name: string; unit: Unit; value: number };
type Group = { sets: readonly Dimensions[]; metrics: Map<string, { unit: Unit; values: number[] }> };

export type MetricsSink = (line: string) => void;

// On Lambda, stdout: what Powertools' publishStoredMetrics writes to, and what CloudWatch Logs reads.
let sink: MetricsSink | undefined =
  process.env.AWS_LAMBDA_FUNCTION_NAME === undefined
    ? undefined
    : (line) => {
        process.stdout.write(`${line}\n`);
      };

/** Sends every EMF line to `next` from now on (undefined: drop them); returns the sink it replaces. */
export function setMetricsSink(next: MetricsSink | undefined): MetricsSink | undefined {
  const previous = sink;
  sink = next;
  return previous;
}

const emitter = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });

/** Powertools publishes on its own once a metric holds 100 values; a line takes fewer. */
const VALUES_PER_LINE = 99;

function publish(group: Group): void {
  if (sink === undefined) return;
  try {
    for (let offset = 0; ; offset += VALUES_PER_LINE) {
      let added = 0;
      for (const [name, { unit, values }] of group.metrics) {
        for (const value of values.slice(offset, offset + VALUES_PER_LINE)) {
          emitter.addMetric(name, unit, value);
          added += 1;
        }
      }
      if (added === 0) break;
      dimensionsOf(group.sets);
      const line = JSON.stringify(emitter.serializeMetrics());
      emitter.clearMetrics();
      emitter.clearDimensions();
      sink(line);
    }
  } catch (error) {
    emitter.clearMetrics();
    emitter.clearDimensions();
    // A metric must never cost a request its answer.
    logger.warn('metrics not published', { error: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * Sets the emitter's dimensions for the sets of a line: what all sets share as its default
 * dimensions (beside the service), and each set's own on top. A key in two sets would be a
 * collision to Powertools, which warns on every line; shared keys are defaults, so it never is.
 */
function dimensionsOf(sets: readonly Dimensions[]): void {
  const [first, ...others] = sets;
  const common = Object.fromEntries(
    Object.entries(first ?? {}).filter(([name, value]) => others.every((set) => set[name] === value)),
  );
  const own = (set: Dimensions) =>
    Object.fromEntries(Object.entries(set).filter(([name]) => !(name in common)));
  emitter.clearDefaultDimensions();
  emitter.setDefaultDimensions({ service: SERVICE_NAME, ...common });
  sets.forEach((set, index) => {
    const extra = own(set);
    const keys = Object.keys(extra);
    if (index === 0 && keys.length > 0)
      for (const name of keys) emitter.addDimension(name, extra[name] ?? '');
    else if (index > 0 || sets.length > 1) emitter.addDimensions(extra);
  });
}

const groupsOf = new WeakMap<InvocationState, Map<string, Group>>();

function record(sets: readonly Dimensions[], recorded: readonly Recorded[]): void {
  const group: Group = { sets, metrics: new Map() };
  const invocation = currentInvocation();
  if (invocation === undefined) {
    for (const { name, unit, value } of recorded) group.metrics.set(name, { unit, values: [value] });
    publish(group);
    return;
  }
  let groups = groupsOf.get(invocation);
  if (groups === undefined) {
    const created = new Map<string, Group>();
    groups = created;
    groupsOf.set(invocation, created);
    invocation.finishers.push(() => {
      for (const pending of created.values()) publish(pending);
    });
  }
  const key = JSON.stringify(sets);
  const kept = groups.get(key) ?? group;
  groups.set(key, kept);
  for (const { name, unit, value } of recorded) {
    const metric = kept.metrics.get(name);
    if (metric === undefined) kept.metrics.set(name, { unit, values: [value] });
    else if (unit === MetricUnit.Count) metric.values[0] = (metric.values[0] ?? 0) + value;
    else metric.values.push(value);
  }
}

/** One response of the HTTP layer: counted, classed (4xx, 5xx) and timed, per route and per unit. */
export function recordRequest(request: {
  unit: string;
  route: string;
  status: number;
  latencyMs: number;
}): void {
  const { unit, route, status, latencyMs } = request;
  record(
    [
      { [REQUEST_DIMENSIONS.unit]: unit, [REQUEST_DIMENSIONS.route]: route },
      { [REQUEST_DIMENSIONS.unit]: unit },
    ],
    [
      { name: REQUEST_METRICS.count, unit: MetricUnit.Count, value: 1 },
      {
        name: REQUEST_METRICS.clientErrors,
        unit: MetricUnit.Count,
        value: status >= 400 && status < 500 ? 1 : 0,
      },
      { name: REQUEST_METRICS.serverErrors, unit: MetricUnit.Count, value: status >= 500 ? 1 : 0 },
      { name: REQUEST_METRICS.latency, unit: MetricUnit.Milliseconds, value: Math.max(0, latencyMs) },
    ],
  );
}

type SplitBy<M extends BusinessMetric> = M extends keyof typeof BUSINESS_DIMENSIONS
  ? {
      readonly [D in (typeof BUSINESS_DIMENSIONS)[M]]: M extends 'hospitalDecisions'
        ? HospitalDecision
        : string;
    }
  : Record<string, never>;

/** Counts something the business did, split by the metric's dimension if it has one (metric-names.ts). */
export function countBusiness<M extends BusinessMetric>(metric: M, split: SplitBy<M>, count = 1): void {
  record(Object.keys(split).length === 0 ? [] : [split as Dimensions], [
    { name: BUSINESS_METRICS[metric], unit: MetricUnit.Count, value: count },
  ]);
}

/**
 * What the money reconciler's sweep reports once per run: how many money steps (capture, release,
 * refund) are recorded as pending, and how many bookings' money a person should look at.
 */
export const reportMoneySteps = (counts: { pending: number; attention: number }): void => {
  countBusiness('moneyStepsPending', {}, counts.pending);
  countBusiness('moneyStepsNeedingAttention', {}, counts.attention);
};
