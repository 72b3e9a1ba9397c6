/**
 * Who is signed in, and the API client that speaks for them. The session is
 * the ID token itself (its claims name the user, role and organisation, as
 * Cognito's do) with the refresh token that renews it, kept in localStorage.
 * Tokens come from the OAuth sign-in in auth.ts (Cognito's managed login on
 * AWS, the local issuer's demo users under `npm start`); an ID token about to
 * lapse is renewed with the refresh token, and the user is signed out when
 * that fails.
 */
import type { CLAIMS, Role } from '@shifa/contracts';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { type Api, createApi } from './api';
import { refreshIdToken, signOutUrl, type Tokens } from './auth';
import { bookingDrafts } from './booking-attempt';
import { useConfig, type WebConfig } from './config';
import { useI18n } from './i18n';

export type Session = {
  token: string;
  userId: string;
  email: string | undefined;
  name: string;
  role: Role;
  organisation: string | undefined;
  /** Unix milliseconds. */
  expiresAt: number;
};

const STORAGE_KEY = 'shifa.session';
/** Renew this long before the ID token lapses, so no request goes out with a dead token. */
const RENEW_BEFORE_MS = 5 * 60_000;
const ROLES: readonly Role[] = ['tourist', 'agency', 'hospital', 'operator'];

// Claim names typed against the contracts' CLAIMS, so a rename there fails to compile here.
const GROUPS: (typeof CLAIMS)['groups'] = 'cognito:groups';
const EMAIL: (typeof CLAIMS)['email'] = 'email';
const NAME = 'name';
const ORGANISATION: (typeof CLAIMS)['organisation'] = 'custom:org_id';

/** Reads the claims the app needs; the server verifies the token, the app only displays them. */
export function sessionFromToken(token: string): Session | undefined {
  try {
    const part = token.split('.')[1] ?? '';
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))),
    ) as Record<string, unknown>;
    const groups = claims[GROUPS];
    const role = ROLES.find((candidate) => Array.isArray(groups) && groups.includes(candidate));
    if (role === undefined || typeof claims.sub !== 'string' || typeof claims.exp !== 'number')
      return undefined;
    const email = typeof claims[EMAIL] === 'string' ? (claims[EMAIL] as string) : undefined;
    const organisation = claims[ORGANISATION];
    const name = typeof claims[NAME] === 'string' ? (claims[NAME] as string) : undefined;
    return {
      token,
      userId: claims.sub,
      email,
      name: name ?? email ?? claims.sub,
      role,
      organisation: typeof organisation === 'string' ? organisation : undefined,
      expiresAt: claims.exp * 1000,
    };
  } catch {
    return undefined;
  }
}

type Stored = { token: string; refreshToken: string | undefined };

function readStored(): Stored | undefined {
  try {
    const stored = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<Stored> | null;
    if (typeof stored?.token !== 'string') return undefined;
    return {
      token: stored.token,
      refreshToken: typeof stored.refreshToken === 'string' ? stored.refreshToken : undefined,
    };
  } catch {
    return undefined;
  }
}

function store(tokens: Tokens | undefined): void {
  try {
    if (tokens === undefined) window.localStorage.removeItem(STORAGE_KEY);
    else {
      const stored: Stored = { token: tokens.idToken, refreshToken: tokens.refreshToken };
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
    }
  } catch {
    // the session then lasts for this page only
  }
}

/**
 * Before the first render: the stored session, renewed first if its ID token has lapsed or is
 * about to (so a tourist coming back tomorrow stays signed in), or nothing.
 */
export async function restoreSession(config: WebConfig): Promise<void> {
  const stored = readStored();
  if (stored === undefined) return;
  const session = sessionFromToken(stored.token);
  if (session !== undefined && session.expiresAt - RENEW_BEFORE_MS > Date.now()) return;
  if (session === undefined || stored.refreshToken === undefined) {
    store(undefined);
    return;
  }
  try {
    store(await refreshIdToken(config.auth, stored.refreshToken, { origin: window.location.origin }));
  } catch {
    store(undefined);
  }
}

type SessionContextValue = {
  session: Session | undefined;
  signIn: (tokens: Tokens) => Session | undefined;
  /** Forgets the tokens; on AWS the browser then visits Cognito's logout to end its session too. */
  signOut: () => void;
  api: Api;
};

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  const config = useConfig();
  const [stored, setStored] = useState<Stored | undefined>(readStored);
  const session = useMemo(
    () => (stored === undefined ? undefined : sessionFromToken(stored.token)),
    [stored],
  );
  const current = useRef({ session, lang });
  current.current = { session, lang };

  /** Forgets the tokens here only: a lapsed session, or a refused token. */
  const forget = useCallback(() => {
    setStored(undefined);
    store(undefined);
  }, []);

  const signOut = useCallback(() => {
    forget();
    // The travellers' names and dates typed into booking forms leave with the user.
    bookingDrafts.forgetAll();
    const logout = signOutUrl(config.auth, window.location.origin);
    if (logout !== undefined) window.location.assign(logout);
  }, [forget, config.auth]);

  const signIn = useCallback((tokens: Tokens) => {
    store(tokens);
    setStored({ token: tokens.idToken, refreshToken: tokens.refreshToken });
    return sessionFromToken(tokens.idToken);
  }, []);

  // Renew the ID token shortly before it lapses; without a refresh token, or if renewal fails, sign out.
  useEffect(() => {
    if (session === undefined) return;
    const refreshToken = stored?.refreshToken;
    const timer = window.setTimeout(
      () => {
        if (refreshToken === undefined) {
          forget();
          return;
        }
        refreshIdToken(config.auth, refreshToken, { origin: window.location.origin }).then(signIn, forget);
      },
      Math.max(0, session.expiresAt - Date.now() - (refreshToken === undefined ? 0 : RENEW_BEFORE_MS)),
    );
    return () => window.clearTimeout(timer);
  }, [session, stored, config.auth, signIn, forget]);

  const api = useMemo(
    () =>
      createApi({
        baseUrl: config.apiUrl,
        token: () => current.current.session?.token,
        language: () => current.current.lang,
        onUnauthorized: forget,
      }),
    [forget, config.apiUrl],
  );

  const value = useMemo(() => ({ session, signIn, signOut, api }), [session, signIn, signOut, api]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (value === undefined) throw new Error('useSession outside SessionProvider');
  return value;
}
