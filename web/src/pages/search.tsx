/**
 * The storefront: the filters GET /packages offers, kept in the page's address
 * so a search can be shared and the back button works, and the matching tours
 * with their lowest price and seats left.
 */
import type { Currency } from '@shifa/contracts';
import { type FormEvent, useState } from 'react';
import type { PackageListResponse, SearchQuery } from '../api';
import { ErrorNotice, Field, Loading, Notice, useLanguageNames, usePageTitle } from '../components/ui';
import { CURRENCY_KEYS, CURRENCY_LIST, keysOf, oneOf } from '../enums';
import { useLoad } from '../hooks';
import { AUTONYMS, useI18n } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../session';

type Summary = PackageListResponse['items'][number];

const FIELDS = ['treatment', 'city', 'from', 'to', 'travellers', 'language', 'maxPrice', 'currency'] as const;
type FilterName = (typeof FIELDS)[number];
type Filters = Record<FilterName, string>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function filtersFrom(search: URLSearchParams): Filters {
  return Object.fromEntries(FIELDS.map((field) => [field, search.get(field) ?? ''])) as Filters;
}

export function SearchPage() {
  const { t, lang } = useI18n();
  const { search } = useLocation();
  usePageTitle(t.search.title);
  const key = search.toString();
  return (
    <>
      <section className="hero">
        <h1>{t.search.title}</h1>
        <p>{t.app.tagline}</p>
      </section>
      <SearchForm key={key} initial={filtersFrom(search)} />
      <Results key={`${key}/${lang}`} filters={filtersFrom(search)} />
    </>
  );
}

function SearchForm({ initial }: { initial: Filters }) {
  const { t } = useI18n();
  const [filters, setFilters] = useState(initial);
  const [problem, setProblem] = useState<string>();
  const set = (field: FilterName) => (event: { target: { value: string } }) =>
    setFilters((current) => ({ ...current, [field]: event.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (filters.maxPrice !== '' && filters.currency === '') {
      setProblem(t.search.priceNeedsCurrency);
      return;
    }
    const params = new URLSearchParams();
    for (const field of FIELDS) if (filters[field] !== '') params.set(field, filters[field]);
    const query = params.toString();
    navigate(query === '' ? '/' : `/?${query}`);
  };

  return (
    <form className="filters" onSubmit={submit} aria-label={t.search.title}>
      <Field label={t.search.treatment}>
        {(control) => (
          <select {...control} value={filters.treatment} onChange={set('treatment')}>
            <option value="">{t.search.any}</option>
            {keysOf(t.kinds).map((kind) => (
              <option key={kind} value={kind}>
                {t.kinds[kind]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t.search.city}>
        {(control) => (
          <select {...control} value={filters.city} onChange={set('city')}>
            <option value="">{t.search.any}</option>
            {keysOf(t.cities).map((city) => (
              <option key={city} value={city}>
                {t.cities[city]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t.search.from}>
        {(control) => <input {...control} type="date" value={filters.from} onChange={set('from')} />}
      </Field>
      <Field label={t.search.to}>
        {(control) => (
          <input
            {...control}
            type="date"
            value={filters.to}
            min={filters.from || undefined}
            onChange={set('to')}
          />
        )}
      </Field>
      <Field label={t.search.travellers}>
        {(control) => (
          <input
            {...control}
            type="number"
            min={1}
            max={10}
            inputMode="numeric"
            value={filters.travellers}
            placeholder="1"
            onChange={set('travellers')}
          />
        )}
      </Field>
      <Field label={t.search.language}>
        {(control) => (
          <select {...control} value={filters.language} onChange={set('language')}>
            <option value="">{t.search.any}</option>
            {keysOf(AUTONYMS).map((language) => (
              <option key={language} value={language} lang={language}>
                {AUTONYMS[language]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t.search.maxPrice}>
        {(control) => (
          <input
            {...control}
            type="number"
            min={1}
            step="any"
            inputMode="decimal"
            value={filters.maxPrice}
            onChange={set('maxPrice')}
          />
        )}
      </Field>
      <Field label={t.search.currency} error={problem}>
        {(control) => (
          <select {...control} value={filters.currency} onChange={set('currency')}>
            <option value="">—</option>
            {CURRENCY_LIST.map((currency) => (
              <option key={currency} value={currency}>
                {currency}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="button">
          {t.search.submit}
        </button>
        <button type="button" className="button link" onClick={() => navigate('/')}>
          {t.search.reset}
        </button>
      </div>
    </form>
  );
}

function Results({ filters }: { filters: Filters }) {
  const { t, format } = useI18n();
  const { api } = useSession();
  const currency = oneOf(CURRENCY_KEYS, filters.currency || null);
  const travellers = /^\d{1,2}$/.test(filters.travellers) ? filters.travellers : undefined;
  const maxPrice = Number(filters.maxPrice);
  const query: SearchQuery = {
    treatment: oneOf(t.kinds, filters.treatment || null),
    city: oneOf(t.cities, filters.city || null),
    from: ISO_DATE.test(filters.from) ? filters.from : undefined,
    to: ISO_DATE.test(filters.to) ? filters.to : undefined,
    travellers,
    language: oneOf(AUTONYMS, filters.language || null),
    currency,
    maxPrice:
      currency !== undefined && Number.isFinite(maxPrice) && maxPrice > 0
        ? String(format.toMinor(maxPrice))
        : undefined,
  };
  const first = useLoad(() => api.searchPackages(query), []);
  const [more, setMore] = useState<{
    items: Summary[];
    cursor: string | null;
    loading: boolean;
    error?: unknown;
  }>();

  if (first.state === 'failed') return <ErrorNotice error={first.error} onRetry={first.reload} />;
  if (first.data === undefined) return <Loading />;
  const items = [...first.data.items, ...(more?.items ?? [])];
  const cursor = more === undefined ? first.data.nextCursor : more.cursor;
  const loadMore = async () => {
    if (cursor === null) return;
    setMore({ items: more?.items ?? [], cursor, loading: true });
    try {
      const page = await api.searchPackages({ ...query, cursor });
      setMore({ items: [...(more?.items ?? []), ...page.items], cursor: page.nextCursor, loading: false });
    } catch (error) {
      setMore({ items: more?.items ?? [], cursor, loading: false, error });
    }
  };

  if (items.length === 0) return <Notice tone="info">{t.search.none}</Notice>;
  return (
    <section aria-live="polite" className="results">
      <ul className="cards">
        {items.map((item) => (
          <li key={item.packageId}>
            <TourCard item={item} currency={currency} travellers={travellers} />
          </li>
        ))}
      </ul>
      {more?.error !== undefined && <ErrorNotice error={more.error} />}
      {cursor !== null && (
        <button
          type="button"
          className="button secondary more"
          onClick={loadMore}
          disabled={more?.loading === true}
        >
          {more?.loading === true ? t.app.loading : t.search.more}
        </button>
      )}
    </section>
  );
}

function TourCard({
  item,
  currency,
  travellers,
}: {
  item: Summary;
  currency: Currency | undefined;
  travellers: string | undefined;
}) {
  const { t, format } = useI18n();
  const languageNames = useLanguageNames();
  const prices = [...item.priceFrom].sort((a, b) =>
    a.currency === currency ? -1 : b.currency === currency ? 1 : 0,
  );
  const [main, ...others] = prices;
  const next = item.departures[0];
  const href = `/tours/${encodeURIComponent(item.packageId)}${travellers === undefined ? '' : `?travellers=${travellers}`}`;
  return (
    <article className="card tour-card">
      <p className="eyebrow">
        {t.kinds[item.treatmentKind]} · {t.cities[item.city]} · {t.count.days(item.durationDays)}
      </p>
      <h2>
        <Link href={href}>{item.title}</Link>
      </h2>
      <p className="muted">{item.hospital.name}</p>
      <p className="small">
        {t.search.servedIn}: {languageNames(item.serviceLanguages)}
      </p>
      <div className="card-foot">
        {main !== undefined && (
          <p className="price">
            <strong>{t.search.priceFrom(format.money(main.amount, main.currency))}</strong>{' '}
            <span className="small">{t.search.perTraveller}</span>
            {others.length > 0 && (
              <span className="small other-prices">
                {others.map((price) => format.money(price.amount, price.currency)).join(' · ')}
              </span>
            )}
          </p>
        )}
        {next !== undefined && (
          <p className="small">
            {t.search.nextDeparture(format.date(next.startDate))} ·{' '}
            <span className={next.seatsLeft <= 3 ? 'scarce' : undefined}>
              {t.count.seatsLeft(next.seatsLeft)}
            </span>
            {item.departures.length > 1 && <> · {t.count.departures(item.departures.length)}</>}
          </p>
        )}
      </div>
    </article>
  );
}
