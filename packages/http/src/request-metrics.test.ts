/**
 * A handler that throws is answered 500 by our own error handler, so Lambda counts the invocation
 * as a success and its Errors metric never moves: the request metrics must see it. Each test runs a
 * unit's dispatcher over the real httpHandler and reads the EMF lines the invocation publishes.
 */
import { ConflictError } from '@shifa/domain';
import { setMetricsSink } from '@shifa/runtime';
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// At INFO from the logger's construction: Powertools puts each warm invocation back to the level it was made with.
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
});

import { routeDispatcher } from './dispatch';
import { type HttpEvent, type HttpRequest, httpHandler } from './handler';
import { created, type HttpResponse } from './responses';

const context = {
  functionName: 'shifa-payments',
  awsRequestId: 'lambda-req-1',
  getRemainingTimeInMillis: () => 29_000,
} as unknown as Context;

/** What API Gateway (HTTP API, payload 2.0) sends for POST /bookings. */
const holdEvent = (requestId: string): HttpEvent => ({
  version: '2.0',
  routeKey: 'POST /bookings',
  rawPath: '/bookings',
  rawQueryString: '',
  headers: { 'content-type': 'application/json' },
  requestContext: {
    accountId: '123456789012',
    apiId: 'abc123',
    domainName: 'abc123.execute-api.eu-central-1.amazonaws.com',
    domainPrefix: 'abc123',
    http: {
      method: 'POST',
      path: '/bookings',
      protocol: 'HTTP/1.1',
      sourceIp: '203.0.113.9',
      userAgent: 'test',
    },
    requestId,
    routeKey: 'POST /bookings',
    stage: '$default',
    time: '23/Nov/2026:13:20:49 +0000',
    timeEpoch: 1_795_000_000_000,
  },
  body: '{}',
  isBase64Encoded: false,
});

const holdRoute = { id: 'createBooking', unit: 'payments', auth: 'public' } as const;

const paymentsUnit = (handle: (request: HttpRequest<unknown>) => Promise<HttpResponse>) =>
  routeDispatcher('payments', new Map([['POST /bookings', httpHandler(holdRoute, handle)]]));

type Emf = Record<string, unknown> & { _aws: { CloudWatchMetrics: { Dimensions: string[][] }[] } };

let emf: Emf[] = [];
let logs: Record<string, unknown>[] = [];
let previous: ReturnType<typeof setMetricsSink>;
beforeEach(() => {
  emf = [];
  logs = [];
  previous = setMetricsSink((line) => emf.push(JSON.parse(line) as Emf));
  const capture = (chunk: unknown) => {
    logs.push(JSON.parse(String(chunk)) as Record<string, unknown>);
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});
afterEach(() => {
  setMetricsSink(previous);
  vi.restoreAllMocks();
});

const requestLines = () => emf.filter((line) => line.route !== undefined);

describe('request metrics', () => {
  it('count a handler that throws as one 5xx of its route and unit, beside its 500 answer', async () => {
    const unit = paymentsUnit(async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'seats')");
    });

    const response = await unit(holdEvent('req-500'), context);

    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body ?? '')).toEqual({
      error: { code: 'internal_error', message: 'something went wrong on our side; try again later' },
      requestId: 'req-500',
    });
    expect(requestLines()).toHaveLength(1);
    expect(requestLines()[0]).toMatchObject({
      service: 'shifa',
      unit: 'payments',
      route: 'createBooking',
      Requests: 1,
      Http5xx: 1,
      Http4xx: 0,
    });
    expect(requestLines()[0]?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([
      ['service', 'unit', 'route'],
      ['service', 'unit'],
    ]);
  });

  it('count a refusal as a 4xx and a success as neither, each once', async () => {
    const refusing = paymentsUnit(async () => {
      throw new ConflictError('sold_out', 'no seats left');
    });
    const holding = paymentsUnit(async () => created({ bookingId: 'bk-1' }));

    const refused = await refusing(holdEvent('req-409'), context);
    const held = await holding(holdEvent('req-201'), context);

    expect([refused.statusCode, held.statusCode]).toEqual([409, 201]);
    expect(requestLines().map(({ Requests, Http4xx, Http5xx }) => ({ Requests, Http4xx, Http5xx }))).toEqual([
      { Requests: 1, Http4xx: 1, Http5xx: 0 },
      { Requests: 1, Http4xx: 0, Http5xx: 0 },
    ]);
    expect(typeof requestLines()[1]?.Latency).toBe('number');
  });

  it("log the unexpected error once, with API Gateway's request id", async () => {
    const unit = paymentsUnit(async () => {
      throw new Error('the table is gone');
    });

    await unit(holdEvent('req-err'), context);

    const errors = logs.filter((line) => line.level === 'ERROR');
    expect(errors.map(({ message, requestId }) => ({ message, requestId }))).toEqual([
      { message: 'unhandled error', requestId: 'req-err' },
    ]);
    expect(logs.find((line) => line.message === 'request')).toMatchObject({
      status: 500,
      requestId: 'req-err',
    });
  });
});
