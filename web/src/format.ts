/**
 * Money, dates and durations for one locale. Amounts arrive in minor units and
 * every currency we sell in has two decimals (ISO 4217 exponent 2). Instants
 * (a hold's end, a hospital's deadline) are shown on Urumqi's clock, where the
 * treatment happens; calendar dates (a departure) are shown as the same
 * calendar day everywhere.
 */
import type { Country, Currency } from '@shifa/contracts';

export const TIME_ZONE = 'Asia/Urumqi';
const MINOR_UNITS_PER_MAJOR = 100;

/** A calendar date (YYYY-MM-DD) as a Date at midnight UTC, so that formatting in UTC keeps the day. */
const calendarDay = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

export type Formatter = ReturnType<typeof createFormatter>;

const SAMPLE_DAY = new Date(Date.UTC(2026, 11, 5));

/** The first tag the browser has real data for: without it, months come out as "M12". */
export function usableLocale(candidates: readonly [string, ...string[]]): string {
  for (const tag of candidates) {
    if (Intl.DateTimeFormat.supportedLocalesOf([tag]).length === 0) continue;
    const month = new Intl.DateTimeFormat(tag, { month: 'short', timeZone: 'UTC' }).format(SAMPLE_DAY);
    if (!/^M\d/.test(month)) return tag;
  }
  return candidates.at(-1) ?? candidates[0];
}

export function createFormatter(locales: readonly [string, ...string[]], countries: Record<Country, string>) {
  const locale = usableLocale(locales);
  // Lists join words of the reader's own language, so they keep its first tag even where dates cannot.
  const wordsLocale = locales[0];
  const moneyFormats = new Map<string, Intl.NumberFormat>();
  const moneyFormat = (currency: Currency, decimals: number) => {
    const key = `${currency}/${decimals}`;
    let format = moneyFormats.get(key);
    if (format === undefined) {
      format = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        // The new som sign (U+20C0) is missing from most fonts: Kyrgyz readers get "сом", others KGS.
        currencyDisplay: currency === 'KGS' ? 'symbol' : 'narrowSymbol',
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
      });
      moneyFormats.set(key, format);
    }
    return format;
  };
  // Without the reader's own month names (browsers often lack Kazakh, Kyrgyz and Uzbek data), dates are
  // written in digits (05.12.2026): Russian month names in an Uzbek Latin page, or a Russian "г." in a
  // Kazakh one, read as a mistake; digits read the same in every language.
  const fellBack = locale.split('-')[0] !== locales[0].split('-')[0];
  const month = fellBack
    ? ({ month: '2-digit', day: '2-digit' } as const)
    : ({ month: 'short', day: 'numeric' } as const);
  const day = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...month, year: 'numeric' });
  const weekday = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short' });
  const instant = new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    ...month,
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const list = new Intl.ListFormat(wordsLocale, { type: 'conjunction' });
  const units = new Intl.ListFormat(wordsLocale, { type: 'unit', style: 'short' });

  return {
    /** 83250000 KZT → "832 500 ₸"; cents are shown only when there are any. */
    money: (amount: number, currency: Currency) =>
      moneyFormat(currency, amount % MINOR_UNITS_PER_MAJOR === 0 ? 0 : 2).format(
        amount / MINOR_UNITS_PER_MAJOR,
      ),
    /** A whole percentage (50 → "50 %" in Russian, "50%" in English and Chinese). */
    percent: (whole: number) => percent.format(whole / 100),
    /** Major units typed by a person → minor units for the API. */
    toMinor: (major: number) => Math.round(major * MINOR_UNITS_PER_MAJOR),
    date: (isoDate: string) => day.format(calendarDay(isoDate)),
    weekday: (isoDate: string) => weekday.format(calendarDay(isoDate)),
    dateRange: (from: string, to: string) => day.formatRange(calendarDay(from), calendarDay(to)),
    /** An instant on Urumqi's clock, with its zone named. */
    dateTime: (iso: string) => instant.format(new Date(iso)),
    list: (items: readonly string[]) => list.format(items),
    /** "13 days, 12 nights" with the separator the language uses (none in Chinese). */
    units: (items: readonly string[]) => units.format(items),
    country: (code: Country) => countries[code],
  };
}

/** 905 seconds → "15:05"; 7262 → "2:01:02". Digits read the same in every language we serve. */
export function clock(milliseconds: number): string {
  const total = Math.max(0, Math.ceil(milliseconds / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
}
