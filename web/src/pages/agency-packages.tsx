/** An agency's packages with their status, each a link to the composer; loaded only when opened. */
import type { Language, LocalizedText } from '@shifa/contracts';
import { ErrorNotice, Loading, Notice, SignInRequired, usePageTitle } from '../components/ui';
import { useLoad } from '../hooks';
import { usePartnerI18n } from '../i18n/partner';
import { Link } from '../router';
import { useSession } from '../session';

/** The reader's language, then Russian, then English, then any: the order the API itself falls back in. */
function pick(text: LocalizedText, lang: Language): string {
  return text[lang] ?? text.ru ?? text.en ?? Object.values(text)[0] ?? '';
}

export default function AgencyPackagesPage() {
  const { t, lang, format } = usePartnerI18n();
  const { session, api } = useSession();
  usePageTitle(t.agency.title);
  const isAgency = session?.role === 'agency';
  const list = useLoad(
    () => (isAgency ? api.agencyPackages({ limit: '100' }) : Promise.resolve(undefined)),
    [session?.token],
  );
  if (!isAgency) {
    return <SignInRequired title={t.agency.title} message={t.agency.wrongRole} />;
  }
  if (list.state === 'failed') return <ErrorNotice error={list.error} onRetry={list.reload} />;
  if (list.data === undefined) return <Loading />;
  return (
    <section>
      <h1>{t.agency.title}</h1>
      <p>
        <Link className="button primary" href="/partner/agency/packages/new">
          {t.composer.create}
        </Link>
      </p>
      {list.data.items.length === 0 ? (
        <Notice tone="info">{t.agency.none}</Notice>
      ) : (
        <ul className="cards">
          {list.data.items.map((item) => (
            <li key={item.packageId}>
              <article className="card">
                <p>
                  <span className={`badge badge-${item.status === 'published' ? 'good' : 'muted'}`}>
                    {t.agency.statuses[item.status]}
                  </span>
                </p>
                <h2>
                  {item.status === 'published' ? (
                    <Link href={`/tours/${encodeURIComponent(item.packageId)}`}>
                      {pick(item.title, lang)}
                    </Link>
                  ) : (
                    pick(item.title, lang)
                  )}
                </h2>
                <p className="small">
                  {t.kinds[item.treatmentKind]} · {t.cities[item.city]} · {t.count.days(item.durationDays)}
                  {item.updatedAt !== undefined && (
                    <> · {t.agency.updated(format.dateTime(item.updatedAt))}</>
                  )}
                </p>
                <p>
                  <Link
                    className="button secondary small-button"
                    href={`/partner/agency/packages/${encodeURIComponent(item.packageId)}`}
                    aria-label={`${t.composer.edit}: ${pick(item.title, lang)}`}
                  >
                    {t.composer.edit}
                  </Link>
                </p>
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
