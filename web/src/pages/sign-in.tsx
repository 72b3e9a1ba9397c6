/**
 * LOCAL-ONLY demo sign-in: pick one of the demo users and the local server
 * (GET /_local/demo-users, POST /_local/token) hands back a token from the same
 * issuer `npm run token` uses. Deployed, there is no such endpoint and this page
 * says so; Cognito's sign-in would take its place (see session.tsx).
 */
import type { Role } from '@shifa/contracts';
import { useState } from 'react';
import { ErrorNotice, Loading, Notice, usePageTitle } from '../components/ui';
import { keysOf } from '../enums';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { type DemoUserView, demoToken, demoUsers } from '../local';
import { navigate, useLocation } from '../router';
import { useSession } from '../session';

/** Where each role starts after signing in, unless the page that sent them here asked to come back. */
export const HOME_BY_ROLE: Record<Role, string> = {
  tourist: '/trips',
  hospital: '/partner/inbox',
  agency: '/partner/packages',
  operator: '/',
};

/** Only paths inside this app: a `next` that leaves the origin would be an open redirect. */
const safeNext = (next: string | null) => (next !== null && /^\/(?!\/)/.test(next) ? next : undefined);

export function SignInPage() {
  const { t } = useI18n();
  const { signIn, session } = useSession();
  const { search } = useLocation();
  usePageTitle(t.signIn.title);
  const users = useLoad(() => demoUsers(), []);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState<string>();

  const choose = async (user: DemoUserView) => {
    setBusy(user.id);
    setFailure(undefined);
    try {
      const { token } = await demoToken(user.id);
      const started = signIn(token, user.name);
      navigate(safeNext(search.get('next')) ?? HOME_BY_ROLE[started?.role ?? 'tourist'], { replace: true });
    } catch (error) {
      setFailure(error);
      setBusy(undefined);
    }
  };

  if (users.state === 'failed') return <ErrorNotice error={users.error} onRetry={users.reload} />;
  if (users.state === 'loading') return <Loading />;
  if (users.data === undefined) {
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
      {session !== undefined && <p className="small">{t.signIn.signedInAs(session.name)}</p>}
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
