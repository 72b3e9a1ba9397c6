/**
 * Who is signed in, and the API client that speaks for them. The session is
 * the ID token itself (its claims name the user, role and organisation, as
 * Cognito's do), kept in localStorage until it expires. Locally the token comes
 * from the demo sign-in (/_local/token); deployed, Cognito's hosted sign-in
 * would hand over its ID token to `signIn` the same way: that is the seam.
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
const ROLES: readonly Role[] = ['tourist', 'agency', 'hospital', 'operator'];

// Claim names typed against the contracts' CLAIMS, so a rename there fails to compile here.
const GROUPS: (typeof CLAIMS)['groups'] = 'cognito:groups';
const EMAIL: (typeof CLAIMS)['email'] = 'email';
const ORGANISATION: (typeof CLAIMS)['organisation'] = 'custom:org_id';

/** Reads the claims the app needs; the server verifies the token, the app only displays them. */
export function sessionFromToken(token: string, name?: string): Session | undefined {
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

function restore(): Session | undefined {
  try {
    const stored = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? 'null') as {
      token?: string;
      name?: string;
    } | null;
    if (typeof stored?.token !== 'string') return undefined;
    const session = sessionFromToken(stored.token, stored.name);
    return session !== undefined && session.expiresAt > Date.now() ? session : undefined;
  } catch {
    return undefined;
  }
}

type SessionContextValue = {
  session: Session | undefined;
  signIn: (token: string, name?: string) => Session | undefined;
  signOut: () => void;
  api: Api;
};

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  const [session, setSession] = useState<Session | undefined>(restore);
  const current = useRef({ session, lang });
  current.current = { session, lang };

  const signOut = useCallback(() => {
    setSession(undefined);
    try {
      window.localStorage.removeItem(STORAGE_KEY);
    } catch {
      // nothing stored then
    }
  }, []);

  const signIn = useCallback((token: string, name?: string) => {
    const next = sessionFromToken(token, name);
    setSession(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify({ token, name }));
    } catch {
      // the session then lasts for this page only
    }
    return next;
  }, []);

  // A token past its expiry is useless: sign out when it lapses rather than on the next refused call.
  useEffect(() => {
    if (session === undefined) return;
    const timer = window.setTimeout(signOut, Math.max(0, session.expiresAt - Date.now()));
    return () => window.clearTimeout(timer);
  }, [session, signOut]);

  const api = useMemo(
    () =>
      createApi({
        baseUrl: '',
        token: () => current.current.session?.token,
        language: () => current.current.lang,
        onUnauthorized: signOut,
      }),
    [signOut],
  );

  const value = useMemo(() => ({ session, signIn, signOut, api }), [session, signIn, signOut, api]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (value === undefined) throw new Error('useSession outside SessionProvider');
  return value;
}
