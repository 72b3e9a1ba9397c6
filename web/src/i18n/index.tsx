/**
 * The UI language: chosen by the user (remembered in localStorage), otherwise
 * the first of the browser's languages we serve, otherwise Russian, the
 * language most of our travellers share (and the API's own fallback). The same
 * language is sent to the API as `lang`, so content and interface agree.
 */
import type { Language } from '@shifa/contracts';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { createFormatter, type Formatter } from '../format';
import { en } from './en';
import { kk } from './kk';
import { ky } from './ky';
import type { Messages } from './messages';
import { ru } from './ru';
import { uz } from './uz';
import { zh } from './zh';

const DICTIONARIES: Record<Language, Messages> = { ru, kk, uz, ky, zh, en };

/** In the switcher, each language is named in itself. */
export const AUTONYMS: Record<Language, string> = {
  ru: 'Русский',
  kk: 'Қазақша',
  uz: 'Oʻzbekcha',
  ky: 'Кыргызча',
  zh: '中文',
  en: 'English',
};

export const UI_LANGUAGES = Object.keys(DICTIONARIES) as Language[];

const STORAGE_KEY = 'shifa.language';
const FALLBACK: Language = 'ru';

const isLanguage = (value: string | null | undefined): value is Language =>
  value !== null && value !== undefined && Object.hasOwn(DICTIONARIES, value);

/** The stored choice, else the first browser language we serve (by its primary subtag), else Russian. */
export function initialLanguage(stored: string | null, browser: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of browser) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return FALLBACK;
}

function readStored(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage can be blocked; the choice then lasts for the visit
  }
}

type I18n = { lang: Language; t: Messages; format: Formatter; setLang: (lang: Language) => void };

const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLanguage] = useState<Language>(() => initialLanguage(readStored(), navigator.languages));
  const setLang = useCallback((next: Language) => {
    setLanguage(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // see readStored
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(() => {
    const t = DICTIONARIES[lang];
    return { lang, t, format: createFormatter(t.locales, t.countries), setLang };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (value === undefined) throw new Error('useI18n outside I18nProvider');
  return value;
}
