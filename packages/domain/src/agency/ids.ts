/**
 * Readable ids for what agencies create: a slug of the name (in a Latin-script
 * language where there is one), to which the store adds a random suffix.
 */
import type { LocalizedText } from '@shifa/contracts';

/** Room left for `-` and a suffix within the 64 characters a slug id may have. */
const BASE_MAX = 40;

export function slugBase(text: LocalizedText, fallback: string): string {
  const candidates = [text.en, text.uz, text.kk, text.ky, text.ru, text.zh];
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    const slug = candidate
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      // Apostrophes (and Uzbek's ʻ) are part of a word: Oʻzbek → ozbek, not o-zbek.
      .replace(/['`\u2019\u02bb\u02bc]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, BASE_MAX)
      .replace(/^-+|-+$/g, '');
    if (slug.length >= 3) return slug;
  }
  return fallback;
}
