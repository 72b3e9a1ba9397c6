/**
 * The partner consoles' strings, merged over the app's own for the reader's language. Imported only by
 * partner pages, so these six dictionaries load with them and never with the storefront.
 */
import type { Language } from '@shifa/contracts';
import { useI18n } from '..';
import type { PartnerMessages } from '../partner-messages';
import { en } from './en';
import { kk } from './kk';
import { ky } from './ky';
import { ru } from './ru';
import { uz } from './uz';
import { zh } from './zh';

const PARTNER: Record<Language, PartnerMessages> = { ru, kk, uz, ky, zh, en };

export function usePartnerI18n() {
  const i18n = useI18n();
  return { ...i18n, t: { ...i18n.t, ...PARTNER[i18n.lang] } };
}
