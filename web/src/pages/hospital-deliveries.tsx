/**
 * The hospital's webhook delivery log, newest first, with every attempt, a page at a time along the
 * API's cursor. Loaded only when opened.
 */
import type { DeliveryView } from '../api';
import { PagingFoot } from '../components/paging';
import { ErrorNotice, Loading, Notice, SignInRequired, usePageTitle } from '../components/ui';
import { usePartnerI18n } from '../i18n/partner';
import { usePages } from '../paging';
import { useSession } from '../session';

const PAGE_SIZE = 20;

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
  const page = usePages(
    (cursor) =>
      isHospital
        ? api.hospitalDeliveries({ limit: String(PAGE_SIZE), ...(cursor === undefined ? {} : { cursor }) })
        : Promise.resolve({ items: [], nextCursor: null }),
    (delivery) => delivery.deliveryId,
    [session?.token, isHospital],
  );

  if (!isHospital) {
    return <SignInRequired title={t.deliveries.title} message={t.deliveries.wrongRole} />;
  }
  return (
    <section>
      <h1>{t.deliveries.title}</h1>
      {page.state === 'failed' && <ErrorNotice error={page.error} onRetry={page.refresh} />}
      {page.items.length === 0 && page.state === 'ready' && <Notice tone="info">{t.deliveries.none}</Notice>}
      <ul className="cards single" aria-busy={page.busy}>
        {page.items.map((delivery) => (
          <li key={delivery.deliveryId}>
            <article className="card" aria-labelledby={`delivery-${delivery.deliveryId}`}>
              <p>
                <span className={`badge badge-${TONE[delivery.status]}`}>
                  {t.deliveries.statuses[delivery.status]}
                </span>{' '}
                <span className="small">{format.dateTime(delivery.createdAt)}</span>
              </p>
              <h2 id={`delivery-${delivery.deliveryId}`}>
                {t.operator.delivery(delivery.eventType, delivery.bookingId)}
              </h2>
              <p className="small">{t.operator.attempts(delivery.attempt, delivery.maxAttempts)}</p>
              {delivery.attempts.length > 0 && (
                <ol className="small">
                  {delivery.attempts.map((attempt) => (
                    <li key={`${attempt.round}-${attempt.attempt}`}>
                      {t.deliveries.attempt(attempt.round, attempt.attempt, format.dateTime(attempt.at))}:{' '}
                      {attempt.statusCode ?? t.deliveries.noResponse} · {attempt.latencyMs} ms
                      {/* "HTTP 503" beside a 503 says nothing new; a timeout or refused connection does. */}
                      {attempt.error !== null && attempt.error !== `HTTP ${attempt.statusCode}` && (
                        <span className="detail"> · {attempt.error}</span>
                      )}
                    </li>
                  ))}
                </ol>
              )}
            </article>
          </li>
        ))}
      </ul>
      {(page.state === 'loading' || page.loadingMore) && <Loading />}
      <PagingFoot paged={page} />
    </section>
  );
}
