import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebConfig } from '@shifa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from './api-server';
import { ephemeralIssuer, LOCAL_AUDIENCE, type LocalIssuer } from './issuer';
import { createLocalEndpoints } from './local-endpoints';

const INDEX = '<!doctype html><title>Shifa</title><div id="root"></div>';
const SCRIPT = 'console.log("app")';

let dir: string;
let issuer: LocalIssuer;
const servers: Server[] = [];

async function start(options: { staticDir?: string; local?: boolean }): Promise<string> {
  const server = createApiServer({
    issuer,
    ...(options.staticDir === undefined ? {} : { staticDir: options.staticDir }),
    ...(options.local === true
      ? {
          localEndpoints: createLocalEndpoints({
            issuer,
            payments: {
              provider: 'simulator',
              apiUrl: 'http://127.0.0.1:12111',
              publishableKey: 'pk_test_x',
            },
          }),
        }
      : {}),
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function rawGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const path = url.slice(url.indexOf('/', 'http://'.length));
    const request = get({ hostname, port, path, headers: { accept: 'text/plain' } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
  });
}

const html = { accept: 'text/html,application/xhtml+xml' };
const json = { accept: 'application/json' };

let withApp: string;
let apiOnly: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shifa-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), SCRIPT);
  writeFileSync(join(dir, 'openapi.json'), '{"not":"the API"}');
  writeFileSync(join(tmpdir(), 'shifa-web-outside.txt'), 'outside');
  issuer = await ephemeralIssuer();
  withApp = await start({ staticDir: dir, local: true });
  apiOnly = await start({});
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(tmpdir(), 'shifa-web-outside.txt'), { force: true });
});

describe('the built web app on the API origin', () => {
  it('serves index.html at the root to a browser', async () => {
    const response = await fetch(`${withApp}/`, { headers: html });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toBe(INDEX);
  });

  it('serves a hashed asset with its type and a long cache life', async () => {
    const response = await fetch(`${withApp}/assets/index-abc123.js`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(await response.text()).toBe(SCRIPT);
  });

  it('serves the app at the root to any client, as a folder gives its index.html', async () => {
    const response = await fetch(`${withApp}/`, { headers: { accept: '*/*' } });

    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX);
  });

  it("answers a browser navigating to one of the app's own paths with index.html", async () => {
    const response = await fetch(`${withApp}/trips/bk-123`, { headers: html });

    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX);
  });

  it("still gives a program asking for an unknown API path the API's JSON 404", async () => {
    const response = await fetch(`${withApp}/bookingz/123`, { headers: json });

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('route_not_found');
  });

  it('lets an API route win over a file of the same name', async () => {
    const response = await fetch(`${withApp}/openapi.json`, { headers: json });

    expect(response.status).toBe(200);
    expect(((await response.json()) as { openapi?: string }).openapi).toMatch(/^3\.1/);
  });

  it('never falls back to the app for other methods', async () => {
    const response = await fetch(`${withApp}/trips/bk-123`, { method: 'POST', headers: html });

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('refuses paths that climb out of the folder', async () => {
    // Sent raw: fetch would resolve the dots itself before the server saw them.
    const { status, body } = await rawGet(`${withApp}/%2e%2e%2fshifa-web-outside.txt`);

    expect(status).toBe(404);
    expect(body).not.toBe('outside');
  });

  it('serves no files when no folder is given', async () => {
    const response = await fetch(`${apiOnly}/`, { headers: html });

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

describe('the LOCAL-ONLY /_local/ endpoints', () => {
  it('list the demo users to sign in as', async () => {
    const response = await fetch(`${withApp}/_local/demo-users`, { headers: json });

    const body = (await response.json()) as { users: { id: string; role: string }[] };
    expect(response.status).toBe(200);
    expect(body.users).toContainEqual(expect.objectContaining({ id: 'tourist-aigerim', role: 'tourist' }));
    expect(body.users.map((user) => user.role)).toEqual(
      expect.arrayContaining(['agency', 'hospital', 'operator']),
    );
  });

  it('serve the web app its settings: same-origin API, the local sign-in, the payment simulator', async () => {
    const response = await fetch(`${withApp}/config.json`, { headers: html });

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const config = WebConfig.parse(await response.json());
    expect(config).toEqual({
      apiUrl: '',
      auth: {
        provider: 'local',
        authorizeUrl: '/_local/oauth2/authorize',
        tokenUrl: '/_local/oauth2/token',
        clientId: LOCAL_AUDIENCE,
        scopes: ['openid', 'email', 'profile'],
      },
      payments: { provider: 'simulator', apiUrl: 'http://127.0.0.1:12111', publishableKey: 'pk_test_x' },
    });
  });

  it('answer an unknown local path with a JSON 404, not the app', async () => {
    const response = await fetch(`${withApp}/_local/nothing`, { headers: html });

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('do not exist unless the server is given them', async () => {
    const response = await fetch(`${apiOnly}/_local/demo-users`, { headers: json });

    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('route_not_found');
  });
});

describe('the local sign-in, an OAuth 2.0 code flow with PKCE as Cognito runs it', () => {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const callback = () => `${withApp}/auth/callback`;
  const authorizeQuery = (overrides: Record<string, string> = {}) =>
    new URLSearchParams({
      response_type: 'code',
      client_id: LOCAL_AUDIENCE,
      redirect_uri: callback(),
      scope: 'openid email profile',
      state: 'st-123',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...overrides,
    }).toString();

  const authorize = (query: string) =>
    fetch(`${withApp}/_local/oauth2/authorize?${query}`, { redirect: 'manual' });

  async function choose(userId: string, request = authorizeQuery()): Promise<Response> {
    return fetch(`${withApp}/_local/oauth2/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId, request }),
    });
  }

  const exchange = (form: Record<string, string>) =>
    fetch(`${withApp}/_local/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });

  async function codeFor(userId: string): Promise<string> {
    const { redirectTo } = (await (await choose(userId)).json()) as { redirectTo: string };
    const url = new URL(redirectTo);
    expect(url.origin + url.pathname).toBe(callback());
    expect(url.searchParams.get('state')).toBe('st-123');
    return url.searchParams.get('code') ?? '';
  }

  it('hands a valid request on to the demo-user picker, unchanged', async () => {
    const query = authorizeQuery();
    const response = await authorize(query);

    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`/sign-in/demo?${query}`);
  });

  it('never redirects to an address that is not the app on this machine', async () => {
    const response = await authorize(authorizeQuery({ redirect_uri: 'https://evil.example/auth/callback' }));

    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('redirect_mismatch');
    expect((await authorize(authorizeQuery({ client_id: 'other' }))).status).toBe(400);
  });

  it('sends a request without PKCE back to the app with an OAuth error and the state', async () => {
    const response = await authorize(authorizeQuery({ code_challenge_method: 'plain' }));

    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('state')).toBe('st-123');
  });

  it('exchanges the code and its verifier for tokens the API accepts, and refreshes them', async () => {
    const code = await codeFor('hospital-xj-tcm');
    const response = await exchange({
      grant_type: 'authorization_code',
      client_id: LOCAL_AUDIENCE,
      code,
      redirect_uri: callback(),
      code_verifier: verifier,
    });
    const tokens = (await response.json()) as {
      id_token: string;
      access_token: string;
      refresh_token: string;
      token_type: string;
      expires_in: number;
    };

    expect(response.status).toBe(200);
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.expires_in).toBe(3600);
    const claims = await issuer.verify(tokens.id_token);
    expect(claims?.sub).toBe('hospital-xj-tcm');
    expect(claims?.['custom:org_id']).toBe('xj-tcm-hospital');
    // Like the JWT authorizer, the API refuses the access token: its audience is not the app client.
    expect(await issuer.verify(tokens.access_token)).toBeUndefined();

    const refreshed = await exchange({
      grant_type: 'refresh_token',
      client_id: LOCAL_AUDIENCE,
      refresh_token: tokens.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    const again = (await refreshed.json()) as { id_token: string; refresh_token?: string };
    expect((await issuer.verify(again.id_token))?.sub).toBe('hospital-xj-tcm');
    expect(again.refresh_token).toBeUndefined();
  });

  it('takes each code once, and only with the verifier of its challenge and its redirect URI', async () => {
    const form = (code: string, overrides: Record<string, string> = {}) => ({
      grant_type: 'authorization_code',
      client_id: LOCAL_AUDIENCE,
      code,
      redirect_uri: callback(),
      code_verifier: verifier,
      ...overrides,
    });
    const stolen = await codeFor('tourist-aigerim');
    const wrongVerifier = await exchange(
      form(stolen, { code_verifier: randomBytes(32).toString('base64url') }),
    );
    expect(wrongVerifier.status).toBe(400);
    expect(((await wrongVerifier.json()) as { error: string }).error).toBe('invalid_grant');
    // Presented once with the wrong verifier, the code is gone for good.
    expect((await exchange(form(stolen))).status).toBe(400);

    const code = await codeFor('tourist-aigerim');
    expect((await exchange(form(code, { redirect_uri: `${withApp}/elsewhere` }))).status).toBe(400);

    const fresh = await codeFor('tourist-aigerim');
    expect((await exchange(form(fresh))).status).toBe(200);
    expect((await exchange(form(fresh))).status).toBe(400);
  });

  it('refuses unknown users, JSON-less picks and form-less token requests', async () => {
    expect((await choose('someone-else')).status).toBe(404);
    const form = await fetch(`${withApp}/_local/oauth2/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'userId=tourist-aigerim',
    });
    expect(form.status).toBe(415);
    const json = await fetch(`${withApp}/_local/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code' }),
    });
    expect(json.status).toBe(400);
    const unsupported = await exchange({ grant_type: 'password', client_id: LOCAL_AUDIENCE });
    expect(((await unsupported.json()) as { error: string }).error).toBe('unsupported_grant_type');
  });
});
