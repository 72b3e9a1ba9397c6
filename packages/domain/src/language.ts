/**
 * Which language a reader gets. A reader asks with `?lang=` or Accept-Language;
 * a text missing in that language falls back in the documented order:
 * the reader's languages in preference order, then Russian (the lingua franca
 * of Shifa's travellers), then English, then the first language the text has.
 */
import { LANGUAGES, type Language, type LocalizedText } from '@shifa/contracts';

export const FALLBACK_ORDER: readonly Language[] = ['ru', 'en'];

const isLanguage = (tag: string): tag is Language => (LANGUAGES as readonly string[]).includes(tag);

/**
 * The languages a reader prefers, best first: an explicit `lang` wins, then the
 * Accept-Language header by q-value. Regional tags count for their language
 * (`kk-KZ` → `kk`); unknown languages are skipped.
 */
export function preferredLanguages(acceptLanguage: string | undefined, lang?: Language): Language[] {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
      // RFC 9110 q-values run from 0 to 1 with at most three decimals; anything else is ignored.
      const weight =
        q === undefined ? 1 : /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(q.slice(2)) ? Number(q.slice(2)) : 0;
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', weight, index };
    })
    .filter((entry) => entry.base !== '' && Number.isFinite(entry.weight) && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((entry) => entry.base)
    .filter(isLanguage);
  const ordered = lang === undefined ? ranked : [lang, ...ranked];
  return [...new Set(ordered)];
}

/** The response language: the first preferred one Shifa speaks, else the fallback. */
export function responseLanguage(preferred: readonly Language[]): Language {
  return preferred[0] ?? FALLBACK_ORDER[0] ?? 'ru';
}

/** The text in the best language available for this reader. */
export function pickText(text: LocalizedText, preferred: readonly Language[]): string {
  for (const language of [...preferred, ...FALLBACK_ORDER, ...LANGUAGES]) {
    const value = text[language];
    if (value !== undefined) return value;
  }
  // LocalizedText guarantees at least one language; an empty record is a bug upstream.
  throw new Error('localized text has no language');
}
