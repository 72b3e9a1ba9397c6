import { ConflictError, MethodNotAllowedError, NotFoundError, ValidationError } from '@shifa/domain';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { type HttpEvent, httpHandler } from './handler';
import { parseQuery } from './parse';
import { ok } from './responses';

const context = {
  functionName: 'test',
  awsRequestId: 'aws-req',
  getRemainingTimeInMillis: () => 1000,
} as unknown as Context;

function event(query?: Record<string, string>): HttpEvent {
  return {
    version: '2.0',
    routeKey: 'GET /things',
    rawPath: '/things',
    rawQueryString: '',
    headers: {},
    ...(query === undefined ? {} : { queryStringParameters: query }),
    requestContext: {
      accountId: '1',
      apiId: 'api',
      domainName: 'example.com',
      domainPrefix: 'example',
      http: {
        method: 'GET',
        path: '/things',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'test',
      },
      requestId: 'req-42',
      routeKey: 'GET /things',
      stage: '$default',
      time: '23/Nov/2026:13:20:49 +0000',
      timeEpoch: 0,
    },
    isBase64Encoded: false,
  };
}

const publicRoute = { id: 'test', unit: 'platform', auth: 'public' } as const;

const bodyOf = (response: { body?: string | undefined }) => JSON.parse(response.body ?? '');

describe('the HTTP middleware stack', () => {
  it.each([
    [new ValidationError('bad', 'fix it'), 400],
    [new NotFoundError('missing', 'not here'), 404],
    [new ConflictError('taken', 'already'), 409],
  ])('maps %s to its status with code, message and request id', async (error, status) => {
    const handler = httpHandler(publicRoute, async () => {
      throw error;
    });

    const response = await handler(event(), context);

    expect(response.statusCode).toBe(status);
    expect(bodyOf(response)).toEqual({
      error: { code: error.code, message: error.message },
      requestId: 'req-42',
    });
  });

  it('adds Allow to a 405', async () => {
    const handler = httpHandler(publicRoute, async () => {
      throw new MethodNotAllowedError(['GET', 'POST'], 'nope');
    });

    const response = await handler(event(), context);

    expect(response.statusCode).toBe(405);
    expect(response.headers?.allow).toBe('GET, POST');
  });

  it('hides an unexpected error behind a generic 500', async () => {
    const handler = httpHandler(publicRoute, async () => {
      throw new Error('connection string with secrets');
    });

    const response = await handler(event(), context);

    expect(response.statusCode).toBe(500);
    expect(bodyOf(response).error.code).toBe('internal_error');
    expect(response.body).not.toContain('secrets');
  });

  it('turns a query that fails the route’s schema into a 400 listing each field, before the handler runs', async () => {
    const Query = z.strictObject({ limit: z.string().regex(/^\d+$/) });
    let ran = false;
    const handler = httpHandler({ ...publicRoute, query: Query }, async ({ query }) => {
      ran = true;
      return ok(query);
    });

    const response = await handler(event({ limit: 'ten', extra: '1' }), context);

    expect(response.statusCode).toBe(400);
    const body = bodyOf(response);
    expect(body.error.code).toBe('invalid_query');
    expect(body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['extra', 'limit']);
    expect(ran).toBe(false);
  });

  it('gives the handler its parsed query', async () => {
    const Query = z.strictObject({ limit: z.string().transform(Number) });
    const handler = httpHandler({ ...publicRoute, query: Query }, async ({ query }) =>
      ok({ doubled: query.limit * 2 }),
    );

    const response = await handler(event({ limit: '21' }), context);

    expect(bodyOf(response)).toEqual({ doubled: 42 });
  });

  it('refuses every query parameter on a route that declares no query', async () => {
    let ran = false;
    const handler = httpHandler(publicRoute, async () => {
      ran = true;
      return ok({});
    });

    const response = await handler(event({ x: '1' }), context);

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error).toMatchObject({
      code: 'invalid_query',
      details: [{ path: 'x', code: 'unrecognized_keys' }],
    });
    expect(ran).toBe(false);
  });

  it('refuses a replayable write without a well-formed Idempotency-Key, and a malformed Accept-Language', async () => {
    const write = httpHandler({ ...publicRoute, uses: ['idempotency'] }, async () => ok({}));
    const read = httpHandler({ ...publicRoute, headers: ['Accept-Language'] }, async () => ok({}));
    const withHeaders = (headers: Record<string, string>) => ({ ...event(), headers });

    const missing = await write(withHeaders({}), context);
    const short = await write(withHeaders({ 'idempotency-key': 'short' }), context);
    const fine = await write(withHeaders({ 'idempotency-key': 'a-long-enough-key' }), context);
    const tooLong = await read(withHeaders({ 'accept-language': 'x'.repeat(513) }), context);

    expect(bodyOf(missing).error.code).toBe('idempotency_key_required');
    expect(bodyOf(short).error.code).toBe('idempotency_key_required');
    expect(fine.statusCode).toBe(200);
    expect(tooLong.statusCode).toBe(400);
    expect(bodyOf(tooLong).error.code).toBe('invalid_header');
  });

  it('passes a valid request through to the handler', async () => {
    const handler = httpHandler(publicRoute, async () => ok({ fine: true }));

    const response = await handler(event(), context);

    expect(response.statusCode).toBe(200);
    expect(response.headers?.['content-type']).toContain('application/json');
    expect(bodyOf(response)).toEqual({ fine: true });
  });
});
