/**
 * Idempotency-Key semantics on the real idempotency table: the same key and
 * request replay the first answer; another request with the key is 422; a
 * retry while the first is still running is 409.
 */
import { randomUUID } from 'node:crypto';
import { ConflictError, UnprocessableError } from '@shifa/domain';
import type { HttpEvent } from '@shifa/http';
import { idempotent } from '@shifa/http/idempotency';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { useTable } from './support/table';

useTable();

const context = {
  functionName: 'shifa-idempotency-test',
  awsRequestId: 'req',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

function event(key: string, body: string, sub = 'tourist-1'): HttpEvent {
  return {
    version: '2.0',
    routeKey: 'POST /things',
    rawPath: '/things',
    rawQueryString: '',
    headers: { 'idempotency-key': key, 'content-type': 'application/json' },
    body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '1',
      apiId: 'api',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: 'POST',
        path: '/things',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'test',
      },
      requestId: randomUUID(),
      routeKey: 'POST /things',
      stage: '$default',
      time: '23/Nov/2026:13:20:49 +0000',
      timeEpoch: 0,
      authorizer: { jwt: { claims: { sub }, scopes: null } },
    },
  } as unknown as HttpEvent;
}

describe('idempotent', () => {
  it('runs once for the same key and request, and replays the first answer', async () => {
    const key = randomUUID();
    let runs = 0;
    const run = async () => {
      runs += 1;
      return { statusCode: 201, body: JSON.stringify({ run: runs }) };
    };

    const first = await idempotent(event(key, '{"a":1}'), context, run);
    const second = await idempotent(event(key, '{"a":1}'), context, run);

    expect(runs).toBe(1);
    expect(second).toEqual(first);
  });

  it('refuses the key for a different request with 422', async () => {
    const key = randomUUID();
    await idempotent(event(key, '{"a":1}'), context, async () => ({ statusCode: 201, body: '{}' }));

    await expect(
      idempotent(event(key, '{"a":2}'), context, async () => ({ statusCode: 201, body: '{}' })),
    ).rejects.toThrow(UnprocessableError);
  });

  it('answers a retry while the first request is still running with 409', async () => {
    const key = randomUUID();
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const first = idempotent(event(key, '{"a":1}'), context, async () => {
      started();
      await blocked;
      return { statusCode: 201, body: '{}' };
    });
    await running;

    const retry = idempotent(event(key, '{"a":1}'), context, async () => ({ statusCode: 201, body: '{}' }));

    await expect(retry).rejects.toThrow(ConflictError);
    await expect(retry).rejects.toMatchObject({ code: 'idempotency_in_progress' });
    release();
    expect((await first).statusCode).toBe(201);
  });

  it('keeps keys of different callers apart', async () => {
    const key = randomUUID();
    let runs = 0;
    const run = async () => {
      runs += 1;
      return { statusCode: 201, body: '{}' };
    };

    await idempotent(event(key, '{"a":1}', 'tourist-1'), context, run);
    await idempotent(event(key, '{"a":1}', 'tourist-2'), context, run);

    expect(runs).toBe(2);
  });
});
