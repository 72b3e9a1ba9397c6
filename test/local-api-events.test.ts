/**
 * The local server builds the event API Gateway (HTTP API, payload 2.0) would:
 * checked by sending real HTTP requests and capturing the event.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toApiGatewayEvent } from '@shifa/local/api-server';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let captured: APIGatewayProxyEventV2 | undefined;
const server = createServer(async (request, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  captured = toApiGatewayEvent({
    request,
    body: Buffer.concat(chunks),
    routeKey: 'POST /things/{thingId}',
    pathParameters: { thingId: 'a b' },
    requestId: 'req-1',
    now: new Date('2026-11-23T13:20:49.123Z'),
  });
  response.end();
});
let base = '';

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((done) => server.close(done)));

async function capture(
  init: RequestInit,
  path = '/things/a%20b?x=1&y=two&x=3',
): Promise<APIGatewayProxyEventV2> {
  captured = undefined;
  await fetch(`${base}${path}`, init);
  if (captured === undefined) throw new Error('no event captured');
  return captured;
}

describe('HTTP request → API Gateway payload 2.0 event', () => {
  it('carries method, paths, query (repeated keys joined by commas), path parameters and context', async () => {
    const event = await capture({ method: 'POST', headers: { 'X-Custom-Header': 'Value' } });

    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('POST /things/{thingId}');
    expect(event.rawPath).toBe('/things/a%20b');
    expect(event.rawQueryString).toBe('x=1&y=two&x=3');
    expect(event.queryStringParameters).toEqual({ x: '1,3', y: 'two' });
    expect(event.pathParameters).toEqual({ thingId: 'a b' });
    expect(event.headers['x-custom-header']).toBe('Value');
    expect(event.requestContext.http.method).toBe('POST');
    expect(event.requestContext.requestId).toBe('req-1');
    expect(event.requestContext.time).toBe('23/Nov/2026:13:20:49 +0000');
    expect(event.requestContext.timeEpoch).toBe(Date.parse('2026-11-23T13:20:49.123Z'));
    expect(event.isBase64Encoded).toBe(false);
    expect(event.body).toBeUndefined();
  });

  it('passes a JSON body as text and a binary body as base64', async () => {
    const json = await capture({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    const bytes = Buffer.from([0, 255, 1, 254]);
    const binary = await capture({
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });

    expect(json.body).toBe('{"a":1}');
    expect(json.isBase64Encoded).toBe(false);
    expect(binary.isBase64Encoded).toBe(true);
    expect(Buffer.from(binary.body ?? '', 'base64')).toEqual(bytes);
  });

  it('moves cookies out of the headers into the cookies list', async () => {
    const event = await capture({ method: 'GET', headers: { cookie: 'a=1; b=2' } });

    expect(event.cookies).toEqual(['a=1', 'b=2']);
    expect(event.headers.cookie).toBeUndefined();
    expect(event.queryStringParameters).toEqual({ x: '1,3', y: 'two' });
  });

  it('omits query parameters when there are none', async () => {
    const event = await capture({ method: 'GET' }, '/things/x');

    expect(event.queryStringParameters).toBeUndefined();
    expect(event.rawQueryString).toBe('');
  });
});
