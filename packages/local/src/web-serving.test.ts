import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from './api-server';
import { ephemeralIssuer, type LocalIssuer } from './issuer';
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

  it('hand out a token the server itself accepts, for a demo user', async () => {
    const response = await fetch(`${withApp}/_local/token`, {
      method: 'POST',
      headers: { ...json, 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'hospital-xj-tcm' }),
    });
    const body = (await response.json()) as { token: string; expiresAt: string };

    expect(response.status).toBe(200);
    const claims = await issuer.verify(body.token);
    expect(claims?.sub).toBe('hospital-xj-tcm');
    expect(claims?.['custom:org_id']).toBe('xj-tcm-hospital');
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
  });

  it('refuse a user who is not a demo user', async () => {
    const response = await fetch(`${withApp}/_local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'someone-else' }),
    });

    expect(response.status).toBe(404);
  });

  it('refuse a token request that is not JSON, so no cross-site form can ask for one', async () => {
    const response = await fetch(`${withApp}/_local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'userId=tourist-aigerim',
    });

    expect(response.status).toBe(415);
  });

  it('say where the payment simulator listens', async () => {
    const response = await fetch(`${withApp}/_local/config`);

    expect(await response.json()).toEqual({
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
