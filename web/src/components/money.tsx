/** Where a booking's money stands, in one sentence of the reader's language (src/money-status.ts). */
import type { BookingView } from '../api';
import { useI18n } from '../i18n';
import { type MoneyLine, moneyLine } from '../money-status';

type I18n = ReturnType<typeof useI18n>;

export function moneyText(line: MoneyLine, currency: BookingView['payment']['currency'], i18n: I18n) {
  const { t, format } = i18n;
  const money = (amount: number) => format.money(amount, currency);
  const text = (() => {
    switch (line.kind) {
      case 'none':
        return undefined;
      case 'authorised':
        return t.money.authorised(money(line.amount));
      case 'charging':
        return t.money.charging(money(line.amount));
      case 'charged':
        return t.money.charged(money(line.amount));
      case 'releasing':
        return t.money.releasing(money(line.amount));
      case 'released':
        return t.money.released;
      case 'nothingCharged':
        return t.booking.nothingCharged;
      case 'refunding':
        return t.money.refunding(money(line.charged), money(line.refund));
      case 'refunded':
        return t.money.refunded(money(line.charged), money(line.refunded));
      case 'keptNoRefund':
        return t.booking.keptNoRefund(money(line.charged));
    }
  })();
  return text === undefined || !line.delayed ? text : `${text} ${t.money.delayed}`;
}

export function MoneyStatus({
  view,
  className,
}: {
  view: Pick<BookingView, 'status' | 'payment'>;
  className?: string;
}) {
  const i18n = useI18n();
  const text = moneyText(moneyLine(view), view.payment.currency, i18n);
  if (text === undefined) return null;
  return (
    <p className={className} data-money={view.payment.status}>
      {text}
    </p>
  );
}
