/**
 * The local HTTP API on a free port, for tests that go through real HTTP, with
 * a test issuer so requests can be made as any demo user (or any made-up one).
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createApiServer } from '@shifa/local/api-server';
import { findDemoUser } from '@shifa/local/demo/users';
import { ephemeralIssuer, type LocalIssuer, type TokenSubject } from '@shifa/local/issuer';
import { afterAll, beforeAll } from 'vitest';
import { checkResponse } from './response-check';

export type ApiResponse = { status: number; headers: Headers; body: unknown };

export type RequestOptions = {
  /** A demo user's id or email, a made-up subject, or a raw token. */
  as?: string | TokenSubject | { token: string };
  body?: unknown;
  headers?: Record<string, string>;
};

export type TestApi = {
  url: (path: string) => string;
  get: (path: string, headers?: Record<string, string>) => Promise<ApiResponse>;
  request: (method: string, path: string, options?: RequestOptions) => Promise<ApiResponse>;
  /** A token from this server's issuer; options make one it refuses (expired, another audience). */
  tokenFor: (subject: string | TokenSubject, options?: Parameters<LocalIssuer['sign']>[1]) => Promise<string>;
};

export function useApi(): TestApi {
  const issuerReady = ephemeralIssuer();
  let server: ReturnType<typeof createApiServer> | undefined;
  let base = '';
  // Every response a handler gives in these tests is held to the OpenAPI document; a mismatch
  // is answered as a 500 and fails the file when it ends.
  const problems: string[] = [];
  beforeAll(async () => {
    server = createApiServer({
      issuer: await issuerReady,
      checkResponse: (response) => {
        const problem = checkResponse(response);
        if (problem !== undefined) problems.push(problem);
        return problem;
      },
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((done) => server?.close(done));
    if (problems.length > 0) {
      throw new Error(`responses that break the API's documented schemas:\n${problems.join('\n')}`);
    }
  });

  const url = (path: string) => `${base}${path}`;
  const tokenFor: TestApi['tokenFor'] = async (subject, options) => {
    const user = typeof subject === 'string' ? findDemoUser(subject) : subject;
    if (user === undefined) throw new Error(`no demo user ${String(subject)}`);
    return (await issuerReady).sign(user, options);
  };
  const request: TestApi['request'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as !== undefined) {
      const token =
        typeof options.as === 'object' && 'token' in options.as
          ? options.as.token
          : await tokenFor(options.as);
      headers.authorization = `Bearer ${token}`;
    }
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(url(path), {
      method,
      headers,
      ...(options.body === undefined
        ? {}
        : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body };
  };
  return { url, get: (path, headers) => request('GET', path, { headers: headers ?? {} }), request, tokenFor };
}
