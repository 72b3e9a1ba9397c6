/** The tourist's bookings, newest first, each with its status, where its money stands, and a way into it. */
import type { BookingView } from '../api';
import { packageDetail } from '../catalog-cache';
import { MoneyStatus } from '../components/money';
import { ErrorNotice, Loading, Notice, SignInRequired, StatusBadge, usePageTitle } from '../components/ui';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { useSession } from '../session';

export function TripsPage() {
  const { t } = useI18n();
  const { session, api } = useSession();
  usePageTitle(t.trips.title);
  const trips = useLoad(
    () => (session?.role === 'tourist' ? api.myBookings() : Promise.resolve(undefined)),
    [session?.token],
  );
  if (session?.role !== 'tourist') {
    return (
      <SignInRequired
        title={t.trips.title}
        message={session === undefined ? t.book.signInFirst : t.book.wrongRole}
      />
    );
  }
  if (trips.state === 'failed') return <ErrorNotice error={trips.error} onRetry={trips.reload} />;
  if (trips.data === undefined) return <Loading />;
  const items = [...trips.data.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <section>
      <h1>{t.trips.title}</h1>
      {items.length === 0 ? (
        <Notice tone="info">
          <p>{t.trips.none}</p>
          <Link className="button" href="/">
            {t.trips.find}
          </Link>
        </Notice>
      ) : (
        <ul className="cards">
          {items.map((booking) => (
            <li key={booking.bookingId}>
              <TripCard booking={booking} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function TripCard({ booking }: { booking: BookingView }) {
  const { t, lang, format } = useI18n();
  const { api } = useSession();
  const tour = useLoad(() => packageDetail(api, booking.packageId, lang), [booking.packageId, lang]);
  return (
    <article className="card">
      <p>
        <StatusBadge status={booking.status} />
      </p>
      <h2>
        <Link href={`/trips/${encodeURIComponent(booking.bookingId)}`}>
          {tour.data?.title ?? booking.packageId}
        </Link>
      </h2>
      <p className="small">
        {format.dateRange(booking.startDate, booking.endDate)} ·{' '}
        {t.count.travellers(booking.travellers.length)} ·{' '}
        {format.money(booking.price.total, booking.price.currency)}
      </p>
      <MoneyStatus view={booking} className="small" />
    </article>
  );
}
