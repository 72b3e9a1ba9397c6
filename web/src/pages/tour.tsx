/**
 * One package: what the trip is day by day, what the treatment includes, the
 * hospital and the languages spoken, every departure with its seats left and
 * its price line by line, and the cancellation policy in plain words.
 */
import type { CancellationPolicy } from '@shifa/contracts';
import { useState } from 'react';
import type { PackageDetail } from '../api';
import { packageDetail } from '../catalog-cache';
import { ErrorNotice, Loading, useLanguageNames, usePageTitle } from '../components/ui';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { Link, useLocation } from '../router';
import { useSession } from '../session';

type Departure = PackageDetail['departures'][number];
type Lines = Departure['prices'][number]['perTraveller'];

const LINE_ORDER = [
  'treatment',
  'accommodation',
  'sightseeing',
  'services',
] as const satisfies readonly (keyof Lines)[];

export function TourPage({ packageId }: { packageId: string }) {
  const { lang, t, format } = useI18n();
  const { api } = useSession();
  const loaded = useLoad(() => packageDetail(api, packageId, lang), [packageId, lang]);
  usePageTitle(loaded.data?.title);
  if (loaded.state === 'failed') return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  if (loaded.data === undefined) return <Loading />;
  const tour = loaded.data;
  return (
    <article className="tour">
      <p className="breadcrumb">
        <Link href="/">← {t.app.search}</Link>
      </p>
      <header className="tour-head">
        <p className="eyebrow">
          {t.kinds[tour.treatment.kind]} · {t.cities[tour.city]} ·{' '}
          {format.units([t.count.days(tour.durationDays), t.count.nights(tour.nights)])}
        </p>
        <h1>{tour.title}</h1>
        <p className="lead">{tour.description}</p>
        <p className="small">
          {t.tour.organisedBy}: {tour.agency.name}
        </p>
      </header>
      <div className="tour-grid">
        <div className="tour-main">
          <Departures tour={tour} />
          <Itinerary tour={tour} />
        </div>
        <aside className="tour-side">
          <Facts tour={tour} />
          <Policy policy={tour.cancellationPolicy} />
        </aside>
      </div>
    </article>
  );
}

function Facts({ tour }: { tour: PackageDetail }) {
  const { t } = useI18n();
  const languageNames = useLanguageNames();
  const { treatment, accommodation } = tour;
  return (
    <>
      <section className="panel order-1">
        <h2>{t.tour.treatment}</h2>
        <p>
          <strong>{treatment.title}</strong>
        </p>
        <p className="small">
          {t.tour.sessionsOver(t.count.sessions(treatment.sessions), t.count.days(treatment.days))} ·{' '}
          {t.tour.startsOnDay(treatment.startDay)}
        </p>
        {treatment.includes.length > 0 && (
          <>
            <h3>{t.tour.includes}</h3>
            <ul className="ticks">
              {treatment.includes.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section className="panel order-2">
        <h2>{t.tour.hospital}</h2>
        <p>
          <strong>{tour.hospital.name}</strong>
        </p>
        <p className="small">{t.cities[tour.hospital.city]}</p>
        <p className="small">
          {t.tour.hospitalLanguages}: {languageNames(tour.hospital.languages)}
        </p>
      </section>
      <section className="panel order-5">
        <h2>{t.tour.stay}</h2>
        <p>
          <strong>{accommodation.name}</strong>
          {accommodation.stars !== undefined && <> · {t.tour.stars(accommodation.stars)}</>}
        </p>
        <p className="small">
          {t.count.nights(accommodation.nights)} · {accommodation.room} · {t.meals[accommodation.meals]}
        </p>
      </section>
      <section className="panel order-6">
        <h2>{t.tour.services}</h2>
        <ul className="ticks">
          {tour.services.map((service) => (
            <li key={service.kind}>
              {t.services[service.kind]}
              {service.languages.length > 0 && (
                <span className="small"> ({t.tour.servicesIn(languageNames(service.languages))})</span>
              )}
            </li>
          ))}
        </ul>
        <p className="small">
          {t.tour.serviceLanguages}: {languageNames(tour.serviceLanguages)}
        </p>
      </section>
    </>
  );
}

/** How many departures show before "show more": a year of them would bury the itinerary on a phone. */
const DEPARTURES_SHOWN = 4;

function Departures({ tour }: { tour: PackageDetail }) {
  const { t, format } = useI18n();
  const { search } = useLocation();
  const [all, setAll] = useState(false);
  const travellers = search.get('travellers');
  const shown = all ? tour.departures : tour.departures.slice(0, DEPARTURES_SHOWN);
  return (
    <section className="panel order-3" aria-labelledby="departures">
      <h2 id="departures">{t.tour.departures}</h2>
      {tour.departures.length === 0 && <p>{t.tour.noDepartures}</p>}
      <ul className="departures">
        {shown.map((departure) => (
          <li key={departure.departureId} className="departure">
            <div className="departure-row">
              <div>
                <p>
                  <strong>{format.dateRange(departure.startDate, departure.endDate)}</strong>
                </p>
                <p className={departure.seatsLeft <= 3 ? 'small scarce' : 'small'}>
                  {t.count.seatsLeft(departure.seatsLeft)}
                </p>
              </div>
              <p className="departure-prices">
                {departure.prices.map((price) => (
                  <span key={price.currency}>{format.money(price.perTraveller.total, price.currency)}</span>
                ))}
                <span className="small">{t.search.perTraveller}</span>
              </p>
              {departure.seatsLeft > 0 ? (
                <Link
                  className="button"
                  href={`/tours/${encodeURIComponent(tour.packageId)}/book/${encodeURIComponent(departure.departureId)}${
                    travellers === null ? '' : `?travellers=${encodeURIComponent(travellers)}`
                  }`}
                >
                  {t.tour.book}
                </Link>
              ) : (
                <span className="button disabled" aria-disabled="true">
                  {t.tour.soldOut}
                </span>
              )}
            </div>
            <details>
              <summary>{t.tour.breakdown}</summary>
              <PriceTable departure={departure} />
            </details>
          </li>
        ))}
      </ul>
      {!all && tour.departures.length > DEPARTURES_SHOWN && (
        <button type="button" className="button secondary" onClick={() => setAll(true)}>
          {t.search.more} ({tour.departures.length - DEPARTURES_SHOWN})
        </button>
      )}
    </section>
  );
}

/** Every line of the price per traveller, one column per currency the departure is sold in. */
function PriceTable({ departure }: { departure: Departure }) {
  const { t, format } = useI18n();
  return (
    <div className="table-scroll">
      <table className="prices">
        <thead>
          <tr>
            <th scope="col">{t.search.perTraveller}</th>
            {departure.prices.map((price) => (
              <th scope="col" key={price.currency}>
                {price.currency}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {LINE_ORDER.map((line) => (
            <tr key={line}>
              <th scope="row">{t.lines[line]}</th>
              {departure.prices.map((price) => (
                <td key={price.currency}>{format.money(price.perTraveller[line], price.currency)}</td>
              ))}
            </tr>
          ))}
          <tr className="total">
            <th scope="row">{t.lines.total}</th>
            {departure.prices.map((price) => (
              <td key={price.currency}>{format.money(price.perTraveller.total, price.currency)}</td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

type ItineraryDay = PackageDetail['itinerary'][number];

/** Consecutive days with the same activities read as one line ("Days 4–5"), so a course of treatment does not repeat ten times. */
function groupDays(
  days: readonly ItineraryDay[],
): { from: number; to: number; activities: ItineraryDay['activities'] }[] {
  const same = (a: ItineraryDay['activities'], b: ItineraryDay['activities']) =>
    a.length === b.length &&
    a.every((activity, i) => activity.kind === b[i]?.kind && activity.title === b[i]?.title);
  const groups: { from: number; to: number; activities: ItineraryDay['activities'] }[] = [];
  for (const day of days) {
    const last = groups.at(-1);
    if (last !== undefined && last.to === day.day - 1 && same(last.activities, day.activities))
      last.to = day.day;
    else groups.push({ from: day.day, to: day.day, activities: day.activities });
  }
  return groups;
}

function Itinerary({ tour }: { tour: PackageDetail }) {
  const { t } = useI18n();
  return (
    <section className="panel order-4" aria-labelledby="itinerary">
      <h2 id="itinerary">{t.tour.itinerary}</h2>
      <ol className="itinerary">
        {groupDays(tour.itinerary).map((group) => (
          <li key={group.from}>
            <span className="day">
              {group.from === group.to ? t.tour.dayN(group.from) : t.tour.dayRange(group.from, group.to)}
            </span>
            <ul>
              {group.activities.map((activity) => (
                <li
                  key={`${activity.kind}-${activity.title}`}
                  className={`activity activity-${activity.kind}`}
                >
                  <span className="activity-kind">{t.activities[activity.kind]}</span> {activity.title}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Tiers as sentences, most generous first; a 0 % tier reads as "no refund" below the last paying one. */
export function Policy({ policy }: { policy: CancellationPolicy }) {
  const { t } = useI18n();
  const paying = [...policy.tiers]
    .filter((tier) => tier.refundPercent > 0)
    .sort((a, b) => b.daysBeforeDeparture - a.daysBeforeDeparture);
  const last = paying.at(-1);
  return (
    <section className="panel order-7" aria-labelledby="policy">
      <h2 id="policy">{t.tour.policy}</h2>
      <ul className="policy">
        {paying.map((tier) => (
          <li key={tier.daysBeforeDeparture}>
            {t.tour.policyTier(tier.daysBeforeDeparture, tier.refundPercent)}
          </li>
        ))}
        {last === undefined
          ? policy.tiers.map((tier) => (
              <li key={tier.daysBeforeDeparture}>{t.tour.policyTier(tier.daysBeforeDeparture, 0)}</li>
            ))
          : last.daysBeforeDeparture > 0 && <li>{t.tour.policyNone(last.daysBeforeDeparture)}</li>}
      </ul>
      <p className="small">{t.tour.policyBeforeConfirm}</p>
    </section>
  );
}
