/**
 * What one invocation carries beside its event: the keys that tie its log lines, its table writes
 * and the events they cause to one booking's story (the booking id, the request that started it),
 * and the metrics it records until they are published, once, as it ends. Kept in async context,
 * so invocations that run at once in one process (the local runtime serves every unit in one) and
 * the records of one batch worked side by side never see each other's keys.
 *
 * Keys hold ids only (booking, request, event, delivery): never a name, a body or a health note.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** The keys every log line of a story carries; each is optional, since not every line knows all. */
export type CorrelationKeys = {
  /** The booking the work is about. */
  bookingId?: string;
  /**
   * The request that started the story: the API request (API Gateway's request id) or the scheduled
   * run whose change caused an event; an event's consumers carry the id of the change's request.
   */
  requestId?: string;
  /** The event a consumer is handling (dedupe key of @shifa/events). */
  eventId?: string;
  /** The hospital delivery a worker is attempting. */
  deliveryId?: string;
};

/** One invocation, as the modules that keep something until it ends (metrics.ts) know it. */
export type InvocationState = {
  /** Run once, in order, when the invocation ends, whether it succeeded or threw. */
  readonly finishers: (() => void)[];
};

type Scope = { keys: CorrelationKeys; readonly invocation: InvocationState };

const scopes = new AsyncLocalStorage<Scope>();

const defined = (keys: CorrelationKeys): CorrelationKeys =>
  Object.fromEntries(
    Object.entries(keys).filter(([, value]) => typeof value === 'string' && value !== ''),
  ) as CorrelationKeys;

/**
 * Runs one invocation: a fresh set of keys, its metrics kept until `run` settles and then
 * published by the finishers registered meanwhile (metrics.ts). A wrapper inside another (a job
 * handler under the job dispatcher) joins the outer invocation instead, so nothing is published twice.
 */
export async function runInvocation<T>(keys: CorrelationKeys, run: () => Promise<T>): Promise<T> {
  const outer = scopes.getStore();
  if (outer !== undefined) {
    outer.keys = { ...outer.keys, ...defined(keys) };
    return run();
  }
  const invocation: InvocationState = { finishers: [] };
  try {
    return await scopes.run({ keys: defined(keys), invocation }, run);
  } finally {
    for (const finish of invocation.finishers.splice(0)) finish();
  }
}

/**
 * Runs part of an invocation under keys of its own (one record of a batch, one booking of a sweep):
 * it starts from the invocation's keys, and its additions stay its own. Metrics still go to the invocation.
 */
export function runWithKeys<T>(keys: CorrelationKeys, run: () => Promise<T>): Promise<T> {
  const outer = scopes.getStore();
  if (outer === undefined) return runInvocation(keys, run);
  return scopes.run({ keys: { ...outer.keys, ...defined(keys) }, invocation: outer.invocation }, run);
}

/** Adds keys to the current part of the invocation, e.g. once a handler knows the booking. Outside one, nothing. */
export function correlate(keys: CorrelationKeys): void {
  const scope = scopes.getStore();
  if (scope !== undefined) scope.keys = { ...scope.keys, ...defined(keys) };
}

/** The keys of the current part of the invocation; none outside one. */
export const correlationKeys = (): CorrelationKeys => scopes.getStore()?.keys ?? {};

/** The invocation's state, for the metrics it records; undefined outside an invocation. */
export const currentInvocation = (): InvocationState | undefined => scopes.getStore()?.invocation;
