import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebConfig } from '@shifa/contracts';
import { createApiServer } from '@shifa/local/api-server';
import { ephemeralIssuer, type LocalIssuer } from '@shifa/local/issuer';
import { createLocalEndpoints } from '@shifa/local/local-endpoints';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beginSignIn, completeSignIn, refreshIdToken, SignInError, safeNext, signOutUrl } from './auth';
import { checkConfig } from './config';

/** sessionStorage as the browser keeps it for one tab. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

let issuer: LocalIssuer;
let server: Server;
let origin: string;
let config: WebConfig;

beforeAll(async () => {
  issuer = await ephemeralIssuer();
  server = createApiServer({
    issuer,
    localEndpoints: createLocalEndpoints({
      issuer,
      payments: { provider: 'simulator', apiUrl: 'http://127.0.0.1:1', publishableKey: 'pk_test_x' },
    }),
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  config = checkConfig(await (await fetch(`${origin}/config.json`)).json());
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

/** What the browser does between leaving the app and coming back: the provider's pages, then the picker. */
async function signInAtProvider(authorizeUrl: string, userId: string): Promise<URL> {
  const handedOn = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(handedOn.status).toBe(302);
  const picker = new URL(handedOn.headers.get('location') ?? '', origin);
  expect(picker.pathname).toBe('/sign-in/demo');
  const chosen = await fetch(`${origin}/_local/oauth2/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, request: picker.search.slice(1) }),
  });
  return new URL(((await chosen.json()) as { redirectTo: string }).redirectTo);
}

describe('signing in with the authorisation code flow and PKCE', () => {
  it('comes back with an ID token the API accepts, and to the page that asked', async () => {
    const storage = new MemoryStorage();
    const authorizeUrl = await beginSignIn(config.auth, {
      origin,
      storage,
      next: '/trips/bk-1',
      language: 'ru',
    });
    const sent = new URL(authorizeUrl);
    expect(sent.searchParams.get('code_challenge_method')).toBe('S256');
    expect(sent.searchParams.get('redirect_uri')).toBe(`${origin}/auth/callback`);
    // The verifier stays in the tab: only its hash travels.
    expect(authorizeUrl).not.toContain(JSON.parse(storage.getItem('shifa.sign-in') ?? '{}').verifier);

    const callback = await signInAtProvider(authorizeUrl, 'tourist-aigerim');
    const { tokens, next } = await completeSignIn(config.auth, callback, { storage });

    expect(next).toBe('/trips/bk-1');
    const claims = await issuer.verify(tokens.idToken);
    expect(claims?.sub).toBe('tourist-aigerim');
    expect(claims?.name).toBe('Айгерим Нурланова');
    expect(tokens.refreshToken).toEqual(expect.any(String));

    const renewed = await refreshIdToken(config.auth, tokens.refreshToken ?? '', { origin });
    expect((await issuer.verify(renewed.idToken))?.sub).toBe('tourist-aigerim');
    expect(renewed.refreshToken).toBe(tokens.refreshToken);
  });

  it('refuses a callback this tab did not start, and a callback used twice', async () => {
    const mine = new MemoryStorage();
    const theirs = new MemoryStorage();
    const callback = await signInAtProvider(
      await beginSignIn(config.auth, { origin, storage: theirs }),
      'tourist-aigerim',
    );
    await beginSignIn(config.auth, { origin, storage: mine });

    await expect(completeSignIn(config.auth, callback, { storage: mine })).rejects.toMatchObject({
      code: 'state_mismatch',
    });
    await completeSignIn(config.auth, callback, { storage: theirs });
    await expect(completeSignIn(config.auth, callback, { storage: theirs })).rejects.toBeInstanceOf(
      SignInError,
    );
  });

  it("reports the provider's error, such as a user who cancelled", async () => {
    const storage = new MemoryStorage();
    await beginSignIn(config.auth, { origin, storage });
    const callback = new URL(
      `${origin}/auth/callback?error=access_denied&error_description=cancelled&state=x`,
    );

    await expect(completeSignIn(config.auth, callback, { storage })).rejects.toMatchObject({
      code: 'access_denied',
    });
  });

  it('a refresh token the provider does not know signs the user out', async () => {
    await expect(refreshIdToken(config.auth, 'forged', { origin })).rejects.toMatchObject({
      code: 'invalid_grant',
    });
  });
});

describe('around the flow', () => {
  it('only ever returns to paths of this app', () => {
    expect(safeNext('/trips')).toBe('/trips');
    expect(safeNext('//evil.example/x')).toBeUndefined();
    expect(safeNext('/\\evil.example')).toBeUndefined();
    expect(safeNext('https://evil.example')).toBeUndefined();
    expect(safeNext(null)).toBeUndefined();
  });

  it("asks Cognito's managed login for the user's language where it has one", async () => {
    const cognito: WebConfig['auth'] = {
      provider: 'cognito',
      authorizeUrl: 'https://shifa.auth.eu-central-1.amazoncognito.com/oauth2/authorize',
      tokenUrl: 'https://shifa.auth.eu-central-1.amazoncognito.com/oauth2/token',
      logoutUrl: 'https://shifa.auth.eu-central-1.amazoncognito.com/logout',
      clientId: 'abc123',
      scopes: ['openid', 'email', 'profile'],
    };
    const storage = new MemoryStorage();
    const chinese = new URL(
      await beginSignIn(cognito, { origin: 'https://d1.cloudfront.net', storage, language: 'zh' }),
    );
    const kazakh = new URL(
      await beginSignIn(cognito, { origin: 'https://d1.cloudfront.net', storage, language: 'kk' }),
    );

    expect(chinese.origin).toBe('https://shifa.auth.eu-central-1.amazoncognito.com');
    expect(chinese.searchParams.get('lang')).toBe('zh-CN');
    expect(chinese.searchParams.get('scope')).toBe('openid email profile');
    expect(kazakh.searchParams.has('lang')).toBe(false);
    expect(signOutUrl(cognito, 'https://d1.cloudfront.net')).toBe(
      'https://shifa.auth.eu-central-1.amazoncognito.com/logout?client_id=abc123&logout_uri=https%3A%2F%2Fd1.cloudfront.net%2F',
    );
    expect(signOutUrl(config.auth, origin)).toBeUndefined();
  });

  it('refuses a settings file that would leave the app unable to sign in or pay', () => {
    expect(() => checkConfig({ apiUrl: 'https://api.example/', auth: {}, payments: {} })).toThrow(
      /apiUrl.*auth\.provider.*payments\.provider/,
    );
    expect(checkConfig(config)).toBe(config);
  });
});
