/** The hospital's webhook delivery log, newest first, with every attempt. Loaded only when opened. */
import { useState } from 'react';
import type { DeliveryView } from '../api';
import { ErrorNotice, Loading, Notice, usePageTitle } from '../components/ui';
import { useLoad } from '../hooks';
import { usePartnerI18n } from '../i18n/partner';
import { Link } from '../router';
import { useSession } from '../session';

const TONE: Record<DeliveryView['status'], string> = {
  pending: 'pending',
  delivered: 'good',
  failed: 'bad',
  skipped: 'muted',
};

export default function HospitalDeliveriesPage() {
  const { t, format } = usePartnerI18n();
  const { session, api } = useSession();
  usePageTitle(t.deliveries.title);
  const isHospital = session?.role === 'hospital';
  const [cursor, setCursor] = useState<string>();
  const [earlier, setEarlier] = useState<DeliveryView[]>([]);
  const page = useLoad(
    () =>
      isHospital
        ? api.hospitalDeliveries({ limit: '20', ...(cursor === undefined ? {} : { cursor }) })
        : Promise.resolve(undefined),
    [session?.token, cursor],
  );

  if (!isHospital) {
    return (
      <section className="narrow">
        <h1>{t.deliveries.title}</h1>
        <Notice tone="info">
          <p>{t.deliveries.wrongRole}</p>
          <Link className="button" href="/sign-in?next=%2Fpartner%2Fdeliveries">
            {t.app.signIn}
          </Link>
        </Notice>
      </section>
    );
  }
  const items = [...earlier, ...(page.data?.items ?? [])];
  const next = page.data?.nextCursor ?? null;
  return (
    <section>
      <h1>{t.deliveries.title}</h1>
      {page.state === 'failed' && <ErrorNotice error={page.error} onRetry={page.reload} />}
      {items.length === 0 && page.state === 'ready' && <Notice tone="info">{t.deliveries.none}</Notice>}
      <ul className="cards single" aria-live="polite">
        {items.map((delivery) => (
          <li key={delivery.deliveryId}>
            <article className="card">
              <p>
                <span className={`badge badge-${TONE[delivery.status]}`}>
                  {t.deliveries.statuses[delivery.status]}
                </span>{' '}
                <span className="small">{format.dateTime(delivery.createdAt)}</span>
              </p>
              <h2>{t.operator.delivery(delivery.eventType, delivery.bookingId)}</h2>
              <p className="small">{t.operator.attempts(delivery.attempt, delivery.maxAttempts)}</p>
              {delivery.attempts.length > 0 && (
                <ol className="small">
                  {delivery.attempts.map((attempt) => (
                    <li key={`${attempt.round}-${attempt.attempt}`}>
                      {t.deliveries.attempt(attempt.round, attempt.attempt, format.dateTime(attempt.at))}:{' '}
                      {attempt.statusCode ?? t.deliveries.noResponse} · {attempt.latencyMs} ms
                      {attempt.error !== null && <span className="detail"> {attempt.error}</span>}
                    </li>
                  ))}
                </ol>
              )}
            </article>
          </li>
        ))}
      </ul>
      {page.state === 'loading' && <Loading />}
      {next !== null && page.state === 'ready' && (
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            setEarlier(items);
            setCursor(next);
          }}
        >
          {t.deliveries.more}
        </button>
      )}
    </section>
  );
}
