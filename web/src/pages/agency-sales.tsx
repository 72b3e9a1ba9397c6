/**
 * The agency's sales: bookings of its packages, newest first, a page at a time along the API's cursor,
 * each with its status in words, its travellers, departure dates, price and package. Loaded only when opened.
 */
import type { Language, LocalizedText } from '@shifa/contracts';
import type { Api } from '../api';
import { PagingFoot } from '../components/paging';
import { ErrorNotice, Loading, Notice, SignInRequired, StatusBadge, usePageTitle } from '../components/ui';
import { useLoad } from '../hooks';
import { usePartnerI18n } from '../i18n/partner';
import { usePages, walkPages } from '../paging';
import { useSession } from '../session';

const PAGE_SIZE = 20;
/** The agency's packages are named from its own list, read whole: 10 pages of 100 cover any agency. */
const PACKAGE_PAGES_MAX = 10;

/** The reader's language, then Russian, then English, then any: the order the API itself falls back in. */
function pick(text: LocalizedText, lang: Language): string {
  return text[lang] ?? text.ru ?? text.en ?? Object.values(text)[0] ?? '';
}

/** Titles of the agency's packages in every status, by id: a booking names only its package's id. */
async function packageTitles(api: Api): Promise<Map<string, LocalizedText>> {
  const { items } = await walkPages(
    (cursor) => api.agencyPackages({ limit: '100', ...(cursor === undefined ? {} : { cursor }) }),
    PACKAGE_PAGES_MAX,
    (item) => item.packageId,
  );
  return new Map(items.map((item) => [item.packageId, item.title]));
}

export default function AgencySalesPage() {
  const { t, lang, format } = usePartnerI18n();
  const { session, api } = useSession();
  usePageTitle(t.sales.title);
  const isAgency = session?.role === 'agency';
  const sales = usePages(
    (cursor) =>
      isAgency
        ? api.agencySales({ limit: String(PAGE_SIZE), ...(cursor === undefined ? {} : { cursor }) })
        : Promise.resolve({ items: [], nextCursor: null }),
    (booking) => booking.bookingId,
    [session?.token, isAgency],
  );
  const titles = useLoad(
    () => (isAgency ? packageTitles(api) : Promise.resolve(undefined)),
    [session?.token, isAgency],
  );

  if (!isAgency) {
    return <SignInRequired title={t.sales.title} message={t.sales.wrongRole} />;
  }

  const title = (packageId: string) => {
    const text = titles.data?.get(packageId);
    return text === undefined ? packageId : pick(text, lang);
  };
  return (
    <section>
      <h1>{t.sales.title}</h1>
      <p className="small">{t.sales.intro}</p>
      {sales.state === 'failed' && <ErrorNotice error={sales.error} onRetry={sales.refresh} />}
      {/* Without titles the table still reads, by package id. */}
      {titles.state === 'failed' && <ErrorNotice error={titles.error} onRetry={titles.reload} />}
      {sales.items.length === 0 ? (
        sales.state === 'loading' ? (
          <Loading />
        ) : (
          sales.state === 'ready' && <Notice tone="info">{t.sales.none}</Notice>
        )
      ) : (
        // A table wider than the screen scrolls; the region takes focus so keyboards can scroll it too.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
        <section className="table-scroll" aria-labelledby="sales-caption" tabIndex={0}>
          <table className="sales" aria-busy={sales.busy}>
            <caption id="sales-caption" className="visually-hidden">
              {t.sales.title}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t.sales.package}</th>
                <th scope="col">{t.sales.booked}</th>
                <th scope="col">{t.sales.departure}</th>
                <th scope="col" className="num">
                  {t.sales.travellers}
                </th>
                <th scope="col" className="num">
                  {t.sales.price}
                </th>
                <th scope="col">{t.sales.status}</th>
              </tr>
            </thead>
            <tbody>
              {sales.items.map((booking) => (
                <tr key={booking.bookingId} data-booking={booking.bookingId}>
                  <th scope="row">
                    {title(booking.packageId)}
                    <code className="small block">{booking.bookingId}</code>
                  </th>
                  <td className="when" data-label={t.sales.booked}>
                    {format.dateTime(booking.createdAt)}
                  </td>
                  <td className="when" data-label={t.sales.departure}>
                    {format.dateRange(booking.startDate, booking.endDate)}
                  </td>
                  <td className="num" data-label={t.sales.travellers}>
                    {t.count.travellers(booking.travellers.length)}
                  </td>
                  <td className="num" data-label={t.sales.price}>
                    {format.money(booking.price.total, booking.price.currency)}
                  </td>
                  <td>
                    <StatusBadge status={booking.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {sales.loadingMore && <Loading />}
      <PagingFoot paged={sales} />
    </section>
  );
}
