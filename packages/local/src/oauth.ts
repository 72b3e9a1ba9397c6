/**
 * LOCAL-ONLY: the local issuer as an OAuth 2.0 authorisation server that
 * behaves like Cognito's managed login for a public client: the authorisation
 * code grant with PKCE (S256 only), one-time codes bound to the client, the
 * redirect URI and the code challenge, and refresh tokens. The web app runs
 * the same sign-in code against this as against Cognito; only the page where
 * the user proves who they are differs: here, the app's demo-user picker
 * (/sign-in/demo), to which the authorise endpoint hands the request on.
 *
 * Errors follow RFC 6749 as Cognito answers them: a request with an unknown
 * client or redirect URI is refused on the spot (it must never redirect to an
 * unregistered address); other authorisation errors go back to the redirect
 * URI with `error` and `state`; the token endpoint answers 400 with
 * `{"error": "invalid_grant" | "invalid_request" | …}`.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { DemoUser } from './demo/users';
import { LOCAL_AUDIENCE, type LocalIssuer } from './issuer';

export const LOCAL_SCOPES = ['openid', 'email', 'profile'] as const;
/** The app's own page where the user picks a demo user; it receives the authorisation request as is. */
export const LOCAL_LOGIN_PAGE = '/sign-in/demo';

const CODE_LIFETIME_MS = 5 * 60_000;
const ID_TOKEN_LIFETIME_S = 60 * 60;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** RFC 7636: 43–128 characters of the unreserved set. */
const PKCE_VALUE = /^[A-Za-z0-9._~-]{43,128}$/;

export type AuthorisationRequest = {
  clientId: string;
  redirectUri: string;
  state: string | undefined;
  scope: string;
  codeChallenge: string;
};

export type AuthoriseCheck =
  /** Refused without redirecting: the client or the redirect URI is not one this server knows. */
  | { kind: 'refused'; error: string; description: string }
  /** Refused by redirecting back to the client with an error. */
  | { kind: 'redirect_error'; location: string }
  | { kind: 'ok'; request: AuthorisationRequest };

export type TokenReply = { status: number; body: Record<string, unknown> };

export type TokenResponse = {
  id_token: string;
  access_token: string;
  refresh_token?: string;
  token_type: 'Bearer';
  expires_in: number;
};

type Grant = { user: DemoUser; request: AuthorisationRequest; expiresAt: number };

const oauthError = (status: number, error: string, description: string): TokenReply => ({
  status,
  body: { error, error_description: description },
});

/** Any port on this machine, at the app's callback path: the local client's registered redirect URIs. */
function registeredRedirect(uri: string, callbackPath: string): boolean {
  try {
    const url = new URL(uri);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      LOOPBACK_HOSTS.has(url.hostname) &&
      url.pathname === callbackPath &&
      url.hash === '' &&
      url.username === '' &&
      url.password === ''
    );
  } catch {
    return false;
  }
}

function withParams(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export type LocalAuthorisationServer = ReturnType<typeof createLocalAuthorisationServer>;

export function createLocalAuthorisationServer(options: {
  issuer: LocalIssuer;
  users: readonly DemoUser[];
  callbackPath: string;
  clientId?: string;
  now?: () => number;
}) {
  // The local issuer's audience, as Cognito's ID tokens carry the app client's id.
  const clientId = options.clientId ?? LOCAL_AUDIENCE;
  const now = options.now ?? Date.now;
  const codes = new Map<string, Grant>();
  const refreshTokens = new Map<string, { userId: string; clientId: string; scope: string }>();

  const forget = () => {
    for (const [code, grant] of codes) if (grant.expiresAt <= now()) codes.delete(code);
  };

  /** Checks an authorisation request (the query of GET /oauth2/authorize) as Cognito does. */
  function check(query: URLSearchParams): AuthoriseCheck {
    const client = query.get('client_id');
    const redirectUri = query.get('redirect_uri');
    if (client !== clientId) {
      return { kind: 'refused', error: 'invalid_client', description: `unknown client_id "${client ?? ''}"` };
    }
    if (redirectUri === null || !registeredRedirect(redirectUri, options.callbackPath)) {
      return {
        kind: 'refused',
        error: 'redirect_mismatch',
        description: `redirect_uri must be this machine's ${options.callbackPath}`,
      };
    }
    const state = query.get('state') ?? undefined;
    const fail = (error: string, description: string): AuthoriseCheck => ({
      kind: 'redirect_error',
      location: withParams(redirectUri, { error, error_description: description, state }),
    });
    if (query.get('response_type') !== 'code') {
      return fail('unsupported_response_type', 'only response_type=code is supported');
    }
    const challenge = query.get('code_challenge');
    if (challenge === null || !PKCE_VALUE.test(challenge) || query.get('code_challenge_method') !== 'S256') {
      return fail(
        'invalid_request',
        'a public client must send code_challenge with code_challenge_method=S256',
      );
    }
    const scopes = (query.get('scope') ?? 'openid').split(' ').filter(Boolean);
    const unknown = scopes.filter((scope) => !(LOCAL_SCOPES as readonly string[]).includes(scope));
    if (unknown.length > 0 || !scopes.includes('openid')) {
      return fail('invalid_scope', `scopes must include openid and be among ${LOCAL_SCOPES.join(', ')}`);
    }
    return {
      kind: 'ok',
      request: { clientId, redirectUri, state, scope: scopes.join(' '), codeChallenge: challenge },
    };
  }

  /** The user chose who they are: a one-time code, and where the browser goes with it. */
  function grant(request: AuthorisationRequest, user: DemoUser): string {
    forget();
    const code = randomBytes(24).toString('base64url');
    codes.set(code, { user, request, expiresAt: now() + CODE_LIFETIME_MS });
    return withParams(request.redirectUri, { code, state: request.state });
  }

  async function tokensFor(user: DemoUser, scope: string): Promise<TokenResponse> {
    return {
      id_token: await options.issuer.sign(user, { expiresIn: `${ID_TOKEN_LIFETIME_S}s`, audience: clientId }),
      access_token: await options.issuer.signAccess(user, { clientId, scope }),
      token_type: 'Bearer',
      expires_in: ID_TOKEN_LIFETIME_S,
    };
  }

  /** POST /oauth2/token with an application/x-www-form-urlencoded body. */
  async function token(contentType: string | undefined, body: string): Promise<TokenReply> {
    if (!/^application\/x-www-form-urlencoded\b/i.test(contentType ?? '')) {
      return oauthError(400, 'invalid_request', 'send the body as application/x-www-form-urlencoded');
    }
    const form = new URLSearchParams(body);
    if (form.get('client_id') !== clientId) return oauthError(400, 'invalid_client', 'unknown client_id');
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      forget();
      const code = form.get('code') ?? '';
      const found = codes.get(code);
      // One use only, whatever the outcome: a code presented twice may have been stolen.
      codes.delete(code);
      if (found === undefined)
        return oauthError(400, 'invalid_grant', 'the code is unknown, used or expired');
      if (form.get('redirect_uri') !== found.request.redirectUri) {
        return oauthError(400, 'invalid_grant', 'redirect_uri differs from the authorisation request');
      }
      const verifier = form.get('code_verifier') ?? '';
      if (!PKCE_VALUE.test(verifier) || s256(verifier) !== found.request.codeChallenge) {
        return oauthError(400, 'invalid_grant', 'code_verifier does not match the code_challenge');
      }
      const refreshToken = randomBytes(32).toString('base64url');
      refreshTokens.set(refreshToken, { userId: found.user.id, clientId, scope: found.request.scope });
      return {
        status: 200,
        body: { ...(await tokensFor(found.user, found.request.scope)), refresh_token: refreshToken },
      };
    }
    if (grantType === 'refresh_token') {
      const held = refreshTokens.get(form.get('refresh_token') ?? '');
      const user = options.users.find((candidate) => candidate.id === held?.userId);
      if (held === undefined || user === undefined) {
        return oauthError(400, 'invalid_grant', 'the refresh token is unknown or revoked');
      }
      // As Cognito without rotation: new ID and access tokens, the same refresh token.
      return { status: 200, body: await tokensFor(user, held.scope) };
    }
    return oauthError(400, 'unsupported_grant_type', 'use authorization_code or refresh_token');
  }

  return { clientId, check, grant, token };
}
