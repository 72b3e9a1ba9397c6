/** A departure's refund terms, as the tourist reads them before paying (src/refund-terms.ts). */
import type { CancellationPolicy, Currency } from '@shifa/contracts';
import { useI18n } from '../i18n';
import { refundTerms } from '../refund-terms';
import { Notice } from './ui';

/**
 * What comes back if the booking is cancelled once charged: today's share of the total in the chosen
 * currency, then the date each other share starts, on Urumqi's clock (src/refund-terms.ts), and in
 * plain words where nothing comes back. Shown on the booking form, before anything is held, and
 * beside the card form, before anything is paid.
 */
export function RefundTerms({
  policy,
  departureDate,
  total,
  currency,
  now,
}: {
  policy: CancellationPolicy;
  departureDate: string;
  /** Minor units of `currency`: what would be charged. */
  total: number;
  currency: Currency;
  now: number;
}) {
  const { t, format } = useI18n();
  const terms = refundTerms(policy, departureDate, total, new Date(now));
  const today = terms.periods[0];
  const back = (period: (typeof terms.periods)[number]) =>
    period.refundPercent === 0
      ? t.book.refundNothing
      : t.book.refundBack(format.percent(period.refundPercent), format.money(period.refundAmount, currency));
  return (
    <section className="panel" aria-labelledby="refund-terms" data-testid="refund-terms">
      <h2 id="refund-terms">{t.book.refundTitle}</h2>
      {today.refundPercent === 0 ? (
        <Notice tone="warning">
          <p data-testid="non-refundable">
            <strong>{t.book.nonRefundable}</strong>
          </p>
        </Notice>
      ) : (
        <p data-testid="refund-today">
          <strong>
            {t.book.refundToday(
              format.percent(today.refundPercent),
              format.money(today.refundAmount, currency),
            )}
          </strong>
        </p>
      )}
      {terms.periods.length > 1 && (
        <ul className="refund-periods">
          {terms.periods.map((period) => (
            <li key={period.from} data-percent={period.refundPercent}>
              <span>
                {period.until === undefined
                  ? t.book.refundFrom(format.date(period.from))
                  : format.dateRange(period.from, period.until)}
              </span>
              <span>{back(period)}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="small">
        {t.tour.policyBeforeConfirm} {t.book.refundClock}
      </p>
    </section>
  );
}
