/**
 * The frame every page shares (header with navigation for the signed-in role,
 * the language switcher, sign-in state) and the table of the app's paths. The
 * partner pages are separate chunks, fetched only when someone opens them.
 */
import type { Language } from '@shifa/contracts';
import { WEB_AUTH_CALLBACK_PATH } from '@shifa/contracts/web-paths';
import { lazy, type ReactNode, Suspense } from 'react';
import { Loading, Notice } from './components/ui';
import { AUTONYMS, UI_LANGUAGES, useI18n } from './i18n';
import { PARTNER_NAV } from './i18n/partner/nav';
import { BookPage } from './pages/book';
import { BookingPage } from './pages/booking';
import { SearchPage } from './pages/search';
import { AuthCallbackPage, DemoSignInPage, SignInPage } from './pages/sign-in';
import { TourPage } from './pages/tour';
import { TripsPage } from './pages/trips';
import { Link, matchPath, navigate, useLocation } from './router';
import { useSession } from './session';

const HospitalInboxPage = lazy(() => import('./pages/hospital-inbox'));
const AgencyPackagesPage = lazy(() => import('./pages/agency-packages'));
const AgencySalesPage = lazy(() => import('./pages/agency-sales'));
const OperatorPage = lazy(() => import('./pages/operator'));
const PackageComposerPage = lazy(() => import('./pages/package-composer'));
const HospitalCapacityPage = lazy(() => import('./pages/hospital-capacity'));
const HospitalDeliveriesPage = lazy(() => import('./pages/hospital-deliveries'));

type Route = { pattern: string; render: (params: Record<string, string>) => ReactNode };

/** None of these paths is an API path: locally the app and the API share one origin. */
const ROUTES: Route[] = [
  { pattern: '/', render: () => <SearchPage /> },
  { pattern: '/tours/:packageId', render: (p) => <TourPage packageId={p.packageId ?? ''} /> },
  {
    pattern: '/tours/:packageId/book/:departureId',
    render: (p) => <BookPage packageId={p.packageId ?? ''} departureId={p.departureId ?? ''} />,
  },
  { pattern: '/trips', render: () => <TripsPage /> },
  { pattern: '/trips/:bookingId', render: (p) => <BookingPage bookingId={p.bookingId ?? ''} /> },
  { pattern: '/sign-in', render: () => <SignInPage /> },
  { pattern: '/sign-in/demo', render: () => <DemoSignInPage /> },
  { pattern: WEB_AUTH_CALLBACK_PATH, render: () => <AuthCallbackPage /> },
  { pattern: '/partner/inbox', render: () => <HospitalInboxPage /> },
  { pattern: '/partner/packages', render: () => <AgencyPackagesPage /> },
  { pattern: '/partner/sales', render: () => <AgencySalesPage /> },
  { pattern: '/partner/operator', render: () => <OperatorPage /> },
  { pattern: '/partner/capacity', render: () => <HospitalCapacityPage /> },
  { pattern: '/partner/deliveries', render: () => <HospitalDeliveriesPage /> },
  { pattern: '/partner/agency/packages/new', render: () => <PackageComposerPage /> },
  {
    pattern: '/partner/agency/packages/:packageId',
    render: (p) => <PackageComposerPage packageId={p.packageId ?? ''} />,
  },
];

function Page({ path }: { path: string }) {
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path);
    if (params !== undefined) return <>{route.render(params)}</>;
  }
  return <NotFound />;
}

function NotFound() {
  const { t } = useI18n();
  return (
    <section className="narrow">
      <Notice tone="info">
        <p>{t.app.notFound}</p>
        <Link className="button" href="/">
          {t.app.toHome}
        </Link>
      </Notice>
    </section>
  );
}

function Header() {
  const { t, lang, setLang } = useI18n();
  const { session, signOut } = useSession();
  const { path, search } = useLocation();
  const here = search.size === 0 ? path : `${path}?${search.toString()}`;
  // Coming back to a sign-in page after signing in would only start another sign-in.
  const signingIn = path.startsWith('/sign-in') || path === WEB_AUTH_CALLBACK_PATH;
  const links: { href: string; label: string }[] = [{ href: '/', label: t.app.search }];
  if (session?.role === 'tourist') links.push({ href: '/trips', label: t.app.myTrips });
  if (session?.role === 'hospital') {
    links.push({ href: '/partner/inbox', label: t.app.inbox });
    links.push({ href: '/partner/capacity', label: t.app.capacity });
    links.push({ href: '/partner/deliveries', label: t.app.deliveries });
  }
  if (session?.role === 'agency') {
    links.push({ href: '/partner/packages', label: t.app.agencyPackages });
    links.push({ href: '/partner/sales', label: PARTNER_NAV[lang].sales });
  }
  if (session?.role === 'operator') links.push({ href: '/partner/operator', label: t.app.operator });
  return (
    <header className="top">
      <div className="top-inner">
        <Link href="/" className="brand" aria-label="Shifa">
          <svg aria-hidden="true" viewBox="0 0 32 32" width="28" height="28">
            <rect width="32" height="32" rx="8" fill="currentColor" />
            <path d="M16 6c-4 5-6 9-6 12a6 6 0 0 0 12 0c0-3-2-7-6-12z" fill="#f4efe3" />
          </svg>
          <span>Shifa</span>
        </Link>
        <nav aria-label="Shifa">
          {links.map((link) => (
            <Link key={link.href} href={link.href} aria-current={link.href === path ? 'page' : undefined}>
              {link.label}
            </Link>
          ))}
        </nav>
        <div className="top-tools">
          <select
            className="language"
            aria-label={t.app.language}
            value={lang}
            onChange={(event) => setLang(event.target.value as Language)}
          >
            {UI_LANGUAGES.map((language) => (
              <option key={language} value={language} lang={language}>
                {AUTONYMS[language]}
              </option>
            ))}
          </select>
          {session === undefined ? (
            <Link
              className="button small-button"
              href={signingIn ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`}
            >
              {t.app.signIn}
            </Link>
          ) : (
            <span className="who">
              <span className="who-name" title={session.email}>
                {session.name}
              </span>
              <button
                type="button"
                className="button link"
                onClick={() => {
                  signOut();
                  navigate('/');
                }}
              >
                {t.app.signOut}
              </button>
            </span>
          )}
        </div>
      </div>
    </header>
  );
}

export function App() {
  const { t } = useI18n();
  const { path } = useLocation();
  return (
    <>
      <a className="skip" href="#main">
        {t.app.skip}
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Page path={path} />
        </Suspense>
      </main>
      <footer className="foot">
        <p>{t.app.footer}</p>
      </footer>
    </>
  );
}
