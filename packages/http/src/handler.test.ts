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

  it('turns a query that fails its schema into a 400 listing each field', async () => {
    const Query = z.strictObject({ limit: z.string().regex(/^\d+$/) });
    const handler = httpHandler(publicRoute, async ({ event: e }) => ok(parseQuery(Query, e)));

    const response = await handler(event({ limit: 'ten', extra: '1' }), context);

    expect(response.statusCode).toBe(400);
    const body = bodyOf(response);
    expect(body.error.code).toBe('invalid_query');
    expect(body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['extra', 'limit']);
  });

  it('passes a valid request through to the handler', async () => {
    const handler = httpHandler(publicRoute, async () => ok({ fine: true }));

    const response = await handler(event(), context);

    expect(response.statusCode).toBe(200);
    expect(response.headers?.['content-type']).toContain('application/json');
    expect(bodyOf(response)).toEqual({ fine: true });
  });
});
