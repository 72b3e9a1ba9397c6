/**
 * The local identity provider: it signs RS256 ID tokens shaped like Cognito's
 * (sub, email, cognito:groups, custom:org_id) and verifies bearer tokens the
 * way API Gateway's JWT authorizer does (signature against the JWKS, issuer,
 * audience, expiry), then hands on the claims as API Gateway does: every value
 * a string, arrays flattened to "[a b]".
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CLAIMS, type Role } from '@shifa/contracts';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';

export const LOCAL_ISSUER = 'https://issuer.shifa.local';
export const LOCAL_AUDIENCE = 'shifa-local-web';
const ALGORITHM = 'RS256';
const TOKEN_LIFETIME = '12h';

export type TokenSubject = {
  id: string;
  email: string;
  /** Cognito's standard `name` attribute, when the user has one. */
  name?: string;
  role: Role;
  organisation: string | null;
};

export type LocalIssuer = {
  jwks: JSONWebKeySet;
  sign(subject: TokenSubject, options?: { expiresIn?: string; audience?: string }): Promise<string>;
  /**
   * An access token as Cognito's token endpoint returns beside the ID token (token_use "access",
   * client_id and scope, no audience): the API does not accept it, as the JWT authorizer, whose
   * audience is the app client, does not.
   */
  signAccess(subject: TokenSubject, options: { clientId: string; scope: string }): Promise<string>;
  /** The claims as API Gateway passes them on, or undefined for a token the authorizer would refuse. */
  verify(token: string): Promise<Record<string, string> | undefined>;
};

async function issuerFromKey(privateJwk: JWK): Promise<LocalIssuer> {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  const jwks: JSONWebKeySet = { keys: [{ ...publicJwk, use: 'sig', alg: ALGORITHM }] };
  const privateKey = await importJWK(privateJwk, ALGORITHM);
  const keySet = createLocalJWKSet(jwks);
  return {
    jwks,
    async sign(subject, options = {}) {
      return new SignJWT({
        [CLAIMS.email]: subject.email,
        email_verified: true,
        ...(subject.name === undefined ? {} : { name: subject.name }),
        [CLAIMS.groups]: [subject.role],
        ...(subject.organisation === null ? {} : { [CLAIMS.organisation]: subject.organisation }),
        token_use: 'id',
        'cognito:username': subject.id,
      })
        .setProtectedHeader({ alg: ALGORITHM, kid: privateJwk.kid ?? 'local', typ: 'JWT' })
        .setSubject(subject.id)
        .setIssuer(LOCAL_ISSUER)
        .setAudience(options.audience ?? LOCAL_AUDIENCE)
        .setIssuedAt()
        .setJti(randomUUID())
        .setExpirationTime(options.expiresIn ?? TOKEN_LIFETIME)
        .sign(privateKey);
    },
    async signAccess(subject, options) {
      return new SignJWT({
        [CLAIMS.groups]: [subject.role],
        token_use: 'access',
        client_id: options.clientId,
        scope: options.scope,
        username: subject.id,
      })
        .setProtectedHeader({ alg: ALGORITHM, kid: privateJwk.kid ?? 'local', typ: 'JWT' })
        .setSubject(subject.id)
        .setIssuer(LOCAL_ISSUER)
        .setIssuedAt()
        .setJti(randomUUID())
        .setExpirationTime(TOKEN_LIFETIME)
        .sign(privateKey);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, keySet, {
          issuer: LOCAL_ISSUER,
          audience: LOCAL_AUDIENCE,
          algorithms: [ALGORITHM],
        });
        return asGatewayClaims(payload);
      } catch {
        return undefined;
      }
    },
  };
}

/** API Gateway passes every claim as a string; arrays become "[a b]". */
export function asGatewayClaims(payload: JWTPayload): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined) continue;
    claims[name] = Array.isArray(value)
      ? `[${value.join(' ')}]`
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  }
  return claims;
}

async function newPrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(ALGORITHM, { modulusLength: 2048, extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: ALGORITHM };
}

/** A key that lives only as long as the process: for tests. */
export async function ephemeralIssuer(): Promise<LocalIssuer> {
  return issuerFromKey(await newPrivateJwk());
}

/**
 * The key kept in a file, made on first use, so tokens printed by
 * `npm run token` stay valid across restarts of `npm start`.
 */
export async function persistentIssuer(keyFile: string): Promise<LocalIssuer> {
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true });
    try {
      writeFileSync(keyFile, JSON.stringify(await newPrivateJwk()), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      // Another process made it first; use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return issuerFromKey(JSON.parse(readFileSync(keyFile, 'utf8')) as JWK);
}
