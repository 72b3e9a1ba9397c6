/**
 * Signing in, in three places: /sign-in sends the browser to the identity
 * provider's authorise URL (Cognito's managed login on AWS; the local issuer
 * under `npm start`), /auth/callback trades the code it comes back with for
 * tokens, and /sign-in/demo is the LOCAL-ONLY picker of demo users that the
 * local issuer shows where Cognito would ask for a password.
 */
import type { Role } from '@shifa/contracts';
import { useEffect, useState } from 'react';
import { beginSignIn, completeSignIn, SignInError, safeNext } from '../auth';
import { ErrorNotice, Loading, Notice, usePageTitle } from '../components/ui';
import { useConfig } from '../config';
import { keysOf } from '../enums';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { chooseDemoUser, type DemoUserView, demoUsers } from '../local';
import { navigate, useLocation } from '../router';
import { useSession } from '../session';

/** Where each role starts after signing in, unless the page that sent them here asked to come back. */
export const HOME_BY_ROLE: Record<Role, string> = {
  tourist: '/trips',
  hospital: '/partner/inbox',
  agency: '/partner/packages',
  operator: '/partner/operator',
};

/** /sign-in?next=…: straight on to the identity provider, which brings the user back to `next`. */
export function SignInPage() {
  const { t, lang } = useI18n();
  const config = useConfig();
  const { search } = useLocation();
  usePageTitle(t.signIn.title);
  const next = search.get('next');
  const [failure, setFailure] = useState<unknown>();

  const start = async () => {
    setFailure(undefined);
    try {
      const url = await beginSignIn(config.auth, {
        origin: window.location.origin,
        storage: window.sessionStorage,
        next: safeNext(next),
        language: lang,
      });
      // Replace, so Back from the provider's page returns to where the user was, not here again.
      window.location.replace(url);
    } catch (error) {
      setFailure(error);
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: starts once per visit of this page
  useEffect(() => {
    void start();
  }, []);

  return (
    <section className="narrow">
      <h1>{t.signIn.title}</h1>
      {failure === undefined ? (
        <Notice tone="info">{t.signIn.redirecting}</Notice>
      ) : (
        <ErrorNotice error={failure} />
      )}
      <button type="button" className="button primary" onClick={() => void start()}>
        {t.signIn.continue}
      </button>
    </section>
  );
}

/** One exchange per callback URL, even when React runs the effect twice (StrictMode in development). */
const exchanges = new Map<string, ReturnType<typeof completeSignIn>>();

/** /auth/callback?code=…&state=…: the provider's answer, traded for tokens, then on to `next`. */
export function AuthCallbackPage() {
  const { t } = useI18n();
  const config = useConfig();
  const { signIn } = useSession();
  usePageTitle(t.signIn.title);
  const [failure, setFailure] = useState<unknown>();

  useEffect(() => {
    const href = window.location.href;
    let exchange = exchanges.get(href);
    if (exchange === undefined) {
      exchange = completeSignIn(config.auth, new URL(href), { storage: window.sessionStorage });
      exchanges.set(href, exchange);
    }
    let current = true;
    exchange.then(
      ({ tokens, next }) => {
        if (!current) return;
        const session = signIn(tokens);
        // Staff signing in from the storefront's front page want their console, not the search again.
        const role = session?.role ?? 'tourist';
        const home = HOME_BY_ROLE[role];
        navigate(next === undefined || (next === '/' && role !== 'tourist') ? home : next, { replace: true });
      },
      (error: unknown) => {
        if (current) setFailure(error);
      },
    );
    return () => {
      current = false;
    };
  }, [config.auth, signIn]);

  if (failure === undefined) return <Loading label={t.signIn.completing} />;
  const cancelled = failure instanceof SignInError && failure.code === 'access_denied';
  return (
    <section className="narrow">
      <h1>{t.signIn.title}</h1>
      <Notice tone={cancelled ? 'info' : 'error'}>
        <p>{cancelled ? t.signIn.cancelled : t.signIn.failed}</p>
        {!cancelled && failure instanceof Error && <p className="detail">{failure.message}</p>}
      </Notice>
      <a className="button primary" href="/sign-in">
        {t.signIn.again}
      </a>
    </section>
  );
}

/** LOCAL-ONLY: the demo users to sign in as, for the authorisation request in this page's query. */
export function DemoSignInPage() {
  const { t } = useI18n();
  const config = useConfig();
  usePageTitle(t.signIn.title);
  const local = config.auth.provider === 'local';
  const users = useLoad(() => (local ? demoUsers() : Promise.resolve(undefined)), [local]);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState<string>();

  const choose = async (user: DemoUserView) => {
    setBusy(user.id);
    setFailure(undefined);
    try {
      const { redirectTo } = await chooseDemoUser(user.id, window.location.search.slice(1));
      window.location.replace(redirectTo);
    } catch (error) {
      setFailure(error);
      setBusy(undefined);
    }
  };

  // Reached without an authorisation request (a bookmark, a reload after signing in): start one.
  if (local && !new URLSearchParams(window.location.search).has('client_id')) {
    return (
      <section className="narrow">
        <h1>{t.signIn.title}</h1>
        <a className="button primary" href="/sign-in">
          {t.signIn.continue}
        </a>
      </section>
    );
  }
  if (!local || users.data === undefined) {
    if (users.state === 'failed') return <ErrorNotice error={users.error} onRetry={users.reload} />;
    if (users.state === 'loading') return <Loading />;
    return (
      <section className="narrow">
        <h1>{t.signIn.title}</h1>
        <Notice tone="info">{t.signIn.unavailable}</Notice>
      </section>
    );
  }
  const all = users.data.users;
  return (
    <section className="narrow sign-in">
      <h1>{t.signIn.title}</h1>
      <Notice tone="warning">{t.signIn.localOnly}</Notice>
      {failure !== undefined && <ErrorNotice error={failure} />}
      {keysOf(t.signIn.roles).map((role) => {
        const ofRole = all.filter((user) => user.role === role);
        if (ofRole.length === 0) return null;
        return (
          <section key={role} className="panel">
            <h2>{t.signIn.roles[role]}</h2>
            <ul className="users">
              {ofRole.map((user) => (
                <li key={user.id}>
                  <button
                    type="button"
                    className="user"
                    onClick={() => choose(user)}
                    disabled={busy !== undefined}
                    data-user={user.id}
                  >
                    <strong>{user.name}</strong>
                    <span className="small">
                      {user.email}
                      {user.organisation !== null && ` · ${user.organisation}`}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </section>
  );
}
