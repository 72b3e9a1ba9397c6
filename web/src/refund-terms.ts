/**
 * A departure's refund terms as the tourist reads them before paying: what cancelling today gives
 * back, and the dates on which that changes, as calendar days on Urumqi's clock.
 *
 * The server decides a refund with `refundFor` on the UTC date of the cancellation (whole days
 * before departure, tiers by `daysBeforeDeparture`). A day on Urumqi's clock (UTC+6) straddles two
 * UTC dates, so each local day is promised what its *last* moment gets: refunds only fall as the
 * departure nears, so that is what every moment of the day gets at least. The promise is never
 * more than the server gives; in the first hours of a local day on which the tier changes, the
 * server still gives the previous, larger refund.
 */
import type { CancellationPolicy } from '@shifa/contracts';
import { percentOf, refundFor } from '@shifa/domain/cancellation';
import { addDays } from '@shifa/domain/dates';
import { TIME_ZONE } from './format';

export type RefundPeriod = {
  /** The first local day of the period (today, for the first one). */
  from: string;
  /** Its last local day; undefined when it runs to the departure and beyond. */
  until: string | undefined;
  refundPercent: number;
  /** What comes back of `total`, in its minor units, as the server rounds it (down). */
  refundAmount: number;
};

export type RefundTerms = {
  /** Today on the clock the terms are written on. */
  today: string;
  /** In order, the first holding today; never empty. Consecutive periods differ in their percent. */
  periods: [RefundPeriod, ...RefundPeriod[]];
};

/** The calendar day (YYYY-MM-DD) of `instant` on `timeZone`'s clock. */
export function dateIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((item) => item.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * The refund of `total` (minor units) for a cancellation on each day from `now` until the departure
 * starts on `departureDate`, as periods of local days on `timeZone`'s clock.
 */
export function refundTerms(
  policy: CancellationPolicy,
  departureDate: string,
  total: number,
  now: Date,
  timeZone: string = TIME_ZONE,
): RefundTerms {
  const percentOn = (utcDate: string) => refundFor(policy, departureDate, utcDate, total).refundPercent;
  // The UTC dates on which a tier stops applying: the first date fewer than its days before departure.
  const changeDates = [
    ...new Set(policy.tiers.map((tier) => addDays(departureDate, 1 - tier.daysBeforeDeparture))),
  ].sort();
  // A change takes effect at its date's UTC midnight; every local day from the one holding that
  // instant on ends after it, so that is the first local day of the new percent.
  const changes = changeDates.map((utcDate) => ({
    from: dateIn(new Date(`${utcDate}T00:00:00Z`), timeZone),
    percent: percentOn(utcDate),
  }));
  const today = dateIn(now, timeZone);
  const earliest = changeDates[0];
  const initial = earliest === undefined ? percentOn(today) : percentOn(addDays(earliest, -1));
  const started = changes.filter((change) => change.from <= today).at(-1);
  const first = period(today, started?.percent ?? initial, total);
  const periods: [RefundPeriod, ...RefundPeriod[]] = [first];
  let last = first;
  for (const change of changes) {
    if (change.from <= today || change.percent === last.refundPercent) continue;
    last.until = addDays(change.from, -1);
    // Cancelling once the trip has begun is no choice worth a line: the period before ends with it.
    if (change.from > departureDate) break;
    last = period(change.from, change.percent, total);
    periods.push(last);
  }
  return { today, periods };
}

function period(from: string, refundPercent: number, total: number): RefundPeriod {
  return { from, until: undefined, refundPercent, refundAmount: percentOf(total, refundPercent) };
}
