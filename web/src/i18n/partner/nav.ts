/**
 * Header links to partner pages that the storefront's dictionaries do not name. Kept apart from the
 * partner dictionaries because the header loads with every page, and these few words are all it needs.
 */
import type { Language } from '@shifa/contracts';

export const PARTNER_NAV: Record<Language, { sales: string }> = {
  ru: { sales: 'Продажи' },
  kk: { sales: 'Сатылымдар' },
  uz: { sales: 'Sotuvlar' },
  ky: { sales: 'Сатуулар' },
  zh: { sales: '销售' },
  en: { sales: 'Sales' },
};
