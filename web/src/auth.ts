/**
 * Sign-in as an OAuth 2.0 public client: the authorisation code grant with
 * PKCE (RFC 7636, S256), the flow Cognito's managed login expects from a
 * single-page app and the one the local issuer imitates under `npm start`.
 * The browser goes to the provider's authorise URL with a code challenge and a
 * random state, comes back to /auth/callback with a one-time code, and trades
 * it with the verifier for an ID token (the API's bearer token: it carries the
 * user's groups and organisation) and a refresh token. No secret is involved:
 * the verifier, kept in sessionStorage for the round trip, proves the code is
 * ours.
 */
import type { Language, WebAuthConfig } from '@shifa/contracts';
import { WEB_AUTH_CALLBACK_PATH } from '@shifa/contracts/web-paths';

export type Tokens = { idToken: string; refreshToken: string | undefined };

/** What the round trip must remember; one sign-in at a time per tab. */
type Pending = { state: string; verifier: string; redirectUri: string; next: string | undefined };

const PENDING_KEY = 'shifa.sign-in';

/**
 * Languages Cognito's managed login pages can be shown in (`lang`); for the others it follows
 * the browser. The local picker is the app's own page and speaks all six.
 */
const COGNITO_LANGUAGES: Partial<Record<Language, string>> = { en: 'en', zh: 'zh-CN' };

export class SignInError extends Error {
  constructor(
    /** The OAuth error code (`access_denied`, `invalid_grant`…) or one of ours (`state_mismatch`). */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const random = (length: number) => base64url(crypto.getRandomValues(new Uint8Array(length)));

async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** The provider's endpoints may be paths on the app's own origin (locally) or full URLs (Cognito). */
const resolve = (url: string, origin: string) => new URL(url, origin);

/** Only paths inside this app: a `next` that leaves the origin would be an open redirect. */
export const safeNext = (next: string | null | undefined): string | undefined =>
  next !== null && next !== undefined && /^\/(?!\/)/.test(next) && !next.startsWith('/\\') ? next : undefined;

/** Where to send the browser to sign in; remembers the verifier and state in `storage` for the callback. */
export async function beginSignIn(
  auth: WebAuthConfig,
  options: { origin: string; storage: Storage; next?: string | undefined; language?: Language },
): Promise<string> {
  const verifier = random(32);
  const state = random(16);
  const redirectUri = `${options.origin}${WEB_AUTH_CALLBACK_PATH}`;
  const pending: Pending = { state, verifier, redirectUri, next: safeNext(options.next) };
  options.storage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = resolve(auth.authorizeUrl, options.origin);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: redirectUri,
    scope: auth.scopes.join(' '),
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  }).toString();
  const lang = options.language === undefined ? undefined : COGNITO_LANGUAGES[options.language];
  if (auth.provider === 'cognito' && lang !== undefined) url.searchParams.set('lang', lang);
  return url.toString();
}

type TokenEndpointReply = {
  id_token?: string;
  refresh_token?: string;
  error?: string;
  error_description?: string;
};

async function callTokenEndpoint(
  auth: WebAuthConfig,
  origin: string,
  form: Record<string, string>,
  fetcher: typeof fetch,
): Promise<TokenEndpointReply & { id_token: string }> {
  const response = await fetcher(resolve(auth.tokenUrl, origin), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ client_id: auth.clientId, ...form }),
  });
  let reply: TokenEndpointReply;
  try {
    reply = (await response.json()) as TokenEndpointReply;
  } catch {
    reply = {};
  }
  if (!response.ok || typeof reply.id_token !== 'string') {
    throw new SignInError(
      reply.error ?? 'token_request_failed',
      reply.error_description ?? `the sign-in service answered HTTP ${response.status}`,
    );
  }
  return { ...reply, id_token: reply.id_token };
}

/** Back at /auth/callback: checks the state, trades the code for tokens, and says where to go next. */
export async function completeSignIn(
  auth: WebAuthConfig,
  callback: URL,
  options: { storage: Storage; fetcher?: typeof fetch },
): Promise<{ tokens: Tokens; next: string | undefined }> {
  const stored = options.storage.getItem(PENDING_KEY);
  // One use: a reloaded callback page must not trade the same code twice.
  options.storage.removeItem(PENDING_KEY);
  const error = callback.searchParams.get('error');
  if (error !== null) {
    throw new SignInError(error, callback.searchParams.get('error_description') ?? error);
  }
  let pending: Pending | undefined;
  try {
    pending = stored === null ? undefined : (JSON.parse(stored) as Pending);
  } catch {
    pending = undefined;
  }
  const state = callback.searchParams.get('state');
  if (pending === undefined || state === null || state !== pending.state) {
    throw new SignInError('state_mismatch', 'this sign-in was not started here, or was already completed');
  }
  const code = callback.searchParams.get('code');
  if (code === null) throw new SignInError('invalid_request', 'the sign-in service sent no code');
  const reply = await callTokenEndpoint(
    auth,
    callback.origin,
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: pending.redirectUri,
      code_verifier: pending.verifier,
    },
    options.fetcher ?? fetch,
  );
  return { tokens: { idToken: reply.id_token, refreshToken: reply.refresh_token }, next: pending.next };
}

/** A fresh ID token for a refresh token; the refresh token itself stays (Cognito does not rotate it). */
export async function refreshIdToken(
  auth: WebAuthConfig,
  refreshToken: string,
  options: { origin: string; fetcher?: typeof fetch },
): Promise<Tokens> {
  const reply = await callTokenEndpoint(
    auth,
    options.origin,
    { grant_type: 'refresh_token', refresh_token: refreshToken },
    options.fetcher ?? fetch,
  );
  return { idToken: reply.id_token, refreshToken: reply.refresh_token ?? refreshToken };
}

/**
 * Where to send the browser after forgetting the tokens, so the provider's own session ends
 * too and the next sign-in asks again (Cognito's /logout); undefined when there is none.
 */
export function signOutUrl(auth: WebAuthConfig, origin: string): string | undefined {
  if (auth.logoutUrl === undefined) return undefined;
  const url = resolve(auth.logoutUrl, origin);
  url.searchParams.set('client_id', auth.clientId);
  url.searchParams.set('logout_uri', `${origin}/`);
  return url.toString();
}
