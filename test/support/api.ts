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
import { rememberNotes } from './written-notes';

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

export type ApiOptions = {
  /**
   * Hold every response a handler gives to the OpenAPI document (the default): a mismatch is answered
   * as a 500 and fails the file when it ends. Tests that check responses against the served document
   * themselves turn it off, so they see each answer exactly as the handler gave it.
   */
  checkResponses?: boolean;
};

export type RunningApi = TestApi & {
  /** Stops the server; throws if a response broke the documented schemas. */
  close: () => Promise<void>;
};

/** The server on a free port; `close` stops it and fails on any response that broke the document. */
async function startServer(issuer: LocalIssuer, options: ApiOptions) {
  // Every response a handler gives in these tests is held to the OpenAPI document; a mismatch
  // is answered as a 500 and fails the file when it ends.
  const problems: string[] = [];
  const server = createApiServer({
    issuer,
    ...(options.checkResponses === false
      ? {}
      : {
          checkResponse: (response) => {
            const problem = checkResponse(response);
            if (problem !== undefined) problems.push(problem);
            return problem;
          },
        }),
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const close = async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
    if (problems.length > 0) {
      throw new Error(`responses that break the API's documented schemas:\n${problems.join('\n')}`);
    }
  };
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close };
}

/**
 * Starts the local API at once rather than before the first test: for files that read the running
 * API (its /openapi.json) to know which tests to declare.
 */
export async function startApi(options: ApiOptions = {}): Promise<RunningApi> {
  const issuer = await ephemeralIssuer();
  const { base, close } = await startServer(issuer, options);
  return { ...clientOf(() => base, Promise.resolve(issuer)), close };
}

export function useApi(options: ApiOptions = {}): TestApi {
  const issuerReady = ephemeralIssuer();
  let base = '';
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ base, close } = await startServer(await issuerReady, options));
  });
  afterAll(async () => {
    await close?.();
  });
  return clientOf(() => base, issuerReady);
}

function clientOf(base: () => string, issuerReady: Promise<LocalIssuer>): TestApi {
  const url = (path: string) => `${base()}${path}`;
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
    rememberNotes(options.body);
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
