/**
 * The local stand-in for the EventBridge bus. It speaks EventBridge's
 * PutEvents over HTTP (JSON 1.1, as the AWS SDK sends it), so the stream
 * publisher runs unchanged with its real EventBridge client pointed here
 * (EVENTBRIDGE_ENDPOINT). Like EventBridge it stamps each accepted event with an
 * id and a time, matches it against the rules declared in @shifa/events with
 * the same patterns, and invokes each matching rule's target handler module
 * with the EventBridge event, at least once: a target that fails is retried,
 * then recorded as dead-lettered. A rule whose handler module does not exist
 * yet is skipped with a warning. Every event and delivery is kept in memory for
 * tests (bounded, for `npm start`).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { rules as declaredRules, type EventRule, matchesPattern, targetDelivery } from '@shifa/events';
import { handlerFile } from '@shifa/functions/routes';
import { union } from '@shifa/functions/units';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { lambdaContext } from './api-server';
import { runAs } from './units';

/** An event as EventBridge delivers it to a target. */
export type BusEvent = EventBridgeEvent<string, unknown> & { version: '0' };

export type TargetHandler = (event: BusEvent, context: Context) => Promise<unknown>;

export type Delivery = {
  ruleId: string;
  handler: string;
  /** EventBridge's id of the event delivered. */
  eventId: string;
  detailType: string;
  status: 'pending' | 'delivered' | 'dead-lettered' | 'skipped';
  attempts: number;
  error?: string;
};

/** A PutEvents entry as the wire carries it (the SDK sends Time as epoch seconds). */
type WireEntry = {
  Source?: unknown;
  DetailType?: unknown;
  Detail?: unknown;
  EventBusName?: unknown;
  Resources?: unknown;
  Time?: unknown;
};

type ResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

export type PutEventsResult = { FailedEntryCount: number; Entries: ResultEntry[] };

export type LocalEventBusOptions = {
  busName?: string;
  rules?: readonly EventRule[];
  /** Port for the PutEvents endpoint; 0 (the default) picks a free one. */
  port?: number;
  /** Finds a target's handler; undefined when its module does not exist. Default: the module under functions/. */
  loadTarget?: (handler: string) => Promise<TargetHandler | undefined>;
  /** Deliveries retried after a failure before being dead-lettered; the same as on AWS by default. */
  retryAttempts?: number;
  /** First pause before a retry, doubled each time. */
  retryDelayMs?: number;
  /** Events and deliveries kept in memory, newest last. */
  keep?: number;
  region?: string;
  account?: string;
  log?: (message: string) => void;
};

export type LocalEventBus = {
  /** The endpoint to give the AWS SDK's EventBridge client. */
  readonly url: string;
  readonly busName: string;
  readonly rules: readonly EventRule[];
  /** Every event accepted, as targets receive it. */
  readonly events: readonly BusEvent[];
  readonly deliveries: readonly Delivery[];
  /** Every PutEvents call: how many entries, how many refused. */
  readonly putEventsCalls: readonly { entries: number; failed: number }[];
  putEvents(entries: readonly WireEntry[]): PutEventsResult;
  /** The next `calls` PutEvents calls refuse every entry with `errorCode`, as a bus in trouble does. */
  failNextPutEvents(calls: number, errorCode?: 'InternalFailure' | 'ThrottlingException'): void;
  /** Resolves with the matching events once `count` of them were accepted; rejects after `timeoutMs`. */
  waitFor(
    predicate: (event: BusEvent) => boolean,
    options?: { count?: number; timeoutMs?: number },
  ): Promise<BusEvent[]>;
  /** Resolves when no delivery is pending. */
  idle(): Promise<void>;
  close(): Promise<void>;
};

const MAX_ENTRIES = 10;

/** EventBridge stamps whole seconds: 2027-02-01T09:04:12Z. */
const eventTime = (date: Date) => `${date.toISOString().slice(0, 19)}Z`;

function entryTime(time: unknown): Date | undefined {
  if (typeof time === 'number') return new Date(time * 1000);
  if (typeof time === 'string' && !Number.isNaN(Date.parse(time))) return new Date(time);
  return undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

async function moduleTarget(handler: string): Promise<TargetHandler | undefined> {
  const file = handlerFile({ handler });
  if (!existsSync(file)) return undefined;
  const module = (await import(pathToFileURL(file).href)) as { handler?: TargetHandler };
  if (typeof module.handler !== 'function') throw new Error(`${handler} exports no handler`);
  return module.handler;
}

export async function startLocalEventBus(options: LocalEventBusOptions = {}): Promise<LocalEventBus> {
  const busName = options.busName ?? 'shifa';
  const rules = options.rules ?? declaredRules;
  const loadTarget = options.loadTarget ?? moduleTarget;
  const retryAttempts = options.retryAttempts ?? targetDelivery.retryAttempts;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const keep = options.keep ?? 10_000;
  const region = options.region ?? process.env.AWS_REGION ?? 'us-east-1';
  const account = options.account ?? '000000000000';
  const log = options.log ?? ((message: string) => console.warn(message));

  const events: BusEvent[] = [];
  const deliveries: Delivery[] = [];
  const putEventsCalls: { entries: number; failed: number }[] = [];
  const inFlight = new Set<Promise<void>>();
  const targets = new Map<string, Promise<TargetHandler | undefined>>();
  const warned = new Set<string>();
  const waiters = new Set<() => void>();
  let failing: { calls: number; code: string } = { calls: 0, code: 'InternalFailure' };

  const trim = <T>(list: T[]) => {
    if (list.length > keep) list.splice(0, list.length - keep);
  };

  const target = (handler: string) => {
    let loaded = targets.get(handler);
    if (loaded === undefined) {
      loaded = loadTarget(handler);
      targets.set(handler, loaded);
    }
    return loaded;
  };

  async function deliver(rule: EventRule, event: BusEvent): Promise<void> {
    const delivery: Delivery = {
      ruleId: rule.id,
      handler: rule.target.handler,
      eventId: event.id,
      detailType: event['detail-type'],
      status: 'pending',
      attempts: 0,
    };
    deliveries.push(delivery);
    trim(deliveries);
    let handler: TargetHandler | undefined;
    try {
      handler = await target(rule.target.handler);
    } catch (error) {
      delivery.status = 'dead-lettered';
      delivery.error = error instanceof Error ? error.message : String(error);
      log(`[event bus] rule ${rule.id}: ${delivery.error}`);
      return;
    }
    if (handler === undefined) {
      delivery.status = 'skipped';
      if (!warned.has(rule.target.handler)) {
        warned.add(rule.target.handler);
        log(
          `[event bus] rule ${rule.id}: no handler module functions/${rule.target.handler}.ts yet; its events are skipped`,
        );
      }
      return;
    }
    for (;;) {
      delivery.attempts += 1;
      try {
        // As the rule's target function: its own settings and grants, nothing of another unit's.
        const run = handler;
        await runAs(rule.id, union([rule.target]), () =>
          run(event, lambdaContext({ id: rule.id }, randomUUID())),
        );
        delivery.status = 'delivered';
        delete delivery.error;
        return;
      } catch (error) {
        delivery.error = error instanceof Error ? error.message : String(error);
        if (delivery.attempts > retryAttempts) {
          delivery.status = 'dead-lettered';
          log(
            `[event bus] rule ${rule.id}: ${event['detail-type']} ${event.id} dead-lettered after ${delivery.attempts} attempts: ${delivery.error}`,
          );
          return;
        }
        await sleep(retryDelayMs * 2 ** (delivery.attempts - 1));
      }
    }
  }

  function accept(entry: WireEntry): ResultEntry {
    const refuse = (ErrorCode: string, ErrorMessage: string) => ({ ErrorCode, ErrorMessage });
    if (typeof entry.Source !== 'string' || entry.Source === '') {
      return refuse('InvalidArgument', 'Parameter Source is not valid.');
    }
    if (typeof entry.DetailType !== 'string' || entry.DetailType === '') {
      return refuse('InvalidArgument', 'Parameter DetailType is not valid.');
    }
    const bus = entry.EventBusName ?? 'default';
    if (bus !== busName && !(typeof bus === 'string' && bus.endsWith(`:event-bus/${busName}`))) {
      return refuse('InvalidArgument', `Event bus ${String(bus)} does not exist.`);
    }
    let detail: unknown;
    try {
      detail = JSON.parse(typeof entry.Detail === 'string' ? entry.Detail : '');
    } catch {
      return refuse('MalformedDetail', 'Detail is malformed.');
    }
    if (!isObject(detail)) return refuse('MalformedDetail', 'Detail is malformed.');
    const resources = Array.isArray(entry.Resources) ? entry.Resources.map(String) : [];
    const event: BusEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType,
      source: entry.Source,
      account,
      time: eventTime(entryTime(entry.Time) ?? new Date()),
      region,
      resources,
      detail,
    };
    events.push(event);
    trim(events);
    for (const rule of rules) {
      if (!matchesPattern(rule.pattern, event)) continue;
      const delivery = deliver(rule, event).finally(() => inFlight.delete(delivery));
      inFlight.add(delivery);
    }
    return { EventId: event.id };
  }

  function putEvents(entries: readonly WireEntry[]): PutEventsResult {
    if (entries.length === 0 || entries.length > MAX_ENTRIES) {
      throw Object.assign(new Error(`Entries must hold 1 to ${MAX_ENTRIES} entries`), {
        name: 'ValidationException',
      });
    }
    let results: ResultEntry[];
    if (failing.calls > 0) {
      failing.calls -= 1;
      const code = failing.code;
      results = entries.map(() => ({
        ErrorCode: code,
        ErrorMessage: 'The bus failed this entry (injected).',
      }));
    } else {
      results = entries.map(accept);
    }
    const failed = results.filter((result) => 'ErrorCode' in result).length;
    putEventsCalls.push({ entries: entries.length, failed });
    trim(putEventsCalls);
    for (const wake of waiters) wake();
    return { FailedEntryCount: failed, Entries: results };
  }

  async function readJson(request: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  }

  function answer(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-requestid': randomUUID(),
    });
    response.end(JSON.stringify(body));
  }

  const server: Server = createServer(async (request, response) => {
    try {
      const operation = request.headers['x-amz-target'];
      if (request.method !== 'POST' || operation !== 'AWSEvents.PutEvents') {
        answer(response, 400, {
          __type: 'UnknownOperationException',
          message: `the local bus serves PutEvents only, not ${String(operation)}`,
        });
        return;
      }
      const body = await readJson(request);
      const entries = isObject(body) && Array.isArray(body.Entries) ? (body.Entries as WireEntry[]) : [];
      answer(response, 200, putEvents(entries));
    } catch (error) {
      const name = error instanceof Error ? error.name : 'InternalFailure';
      const message = error instanceof Error ? error.message : String(error);
      answer(response, name === 'ValidationException' || name === 'SyntaxError' ? 400 : 500, {
        __type: name === 'SyntaxError' ? 'SerializationException' : name,
        message,
      });
    }
  });
  server.listen(options.port ?? 0, '127.0.0.1');
  await new Promise<void>((resolveListen, reject) => {
    server.once('listening', resolveListen);
    server.once('error', reject);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    busName,
    rules,
    events,
    deliveries,
    putEventsCalls,
    putEvents,
    failNextPutEvents(calls, errorCode = 'InternalFailure') {
      failing = { calls, code: errorCode };
    },
    waitFor(predicate, waitOptions = {}) {
      const count = waitOptions.count ?? 1;
      const timeoutMs = waitOptions.timeoutMs ?? 15_000;
      return new Promise((resolveWait, reject) => {
        const check = () => {
          const found = events.filter(predicate);
          if (found.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolveWait(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          const seen = events.map((event) => event['detail-type']).join(', ') || 'none';
          reject(
            new Error(`the bus did not get ${count} matching event(s) in ${timeoutMs} ms; it got: ${seen}`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
