import { describe, expect, it } from 'vitest';
import { pickText, preferredLanguages, responseLanguage } from './language';

describe('preferredLanguages', () => {
  it('ranks the Accept-Language header by q-value, best first', () => {
    // Prepare
    const header = 'en;q=0.5, kk, ru;q=0.8';

    // Act
    const preferred = preferredLanguages(header);

    // Assess
    expect(preferred).toEqual(['kk', 'ru', 'en']);
  });

  it('keeps the header order between languages of equal weight', () => {
    const preferred = preferredLanguages('uz;q=0.7, ky;q=0.7, zh');

    expect(preferred).toEqual(['zh', 'uz', 'ky']);
  });

  it('counts a regional tag for its language, whatever its case', () => {
    const preferred = preferredLanguages('kk-KZ, ZH-Hans-CN;q=0.9, ru-RU;q=0.8');

    expect(preferred).toEqual(['kk', 'zh', 'ru']);
  });

  it('drops languages Shifa does not speak, and the wildcard', () => {
    const preferred = preferredLanguages('de-DE, fr;q=0.9, en;q=0.5, *;q=0.1');

    expect(preferred).toEqual(['en']);
  });

  it('drops a language the reader marks as not acceptable with q=0', () => {
    const preferred = preferredLanguages('ru;q=0, en');

    expect(preferred).toEqual(['en']);
  });

  it('puts an explicit lang ahead of the header’s favourite', () => {
    const preferred = preferredLanguages('ru, en;q=0.9', 'zh');

    expect(preferred).toEqual(['zh', 'ru', 'en']);
  });

  it('lists each language once, at its best rank', () => {
    const preferred = preferredLanguages('en;q=0.2, ru-RU, ru;q=0.9, en-GB;q=0.7, kk', 'kk');

    expect(preferred).toEqual(['kk', 'ru', 'en']);
  });

  it('ignores a garbage header, keeping only well-formed entries', () => {
    const preferred = preferredLanguages(';;;, ,q=1, ru;q=banana, ;q=0.5, -, uz;q=');

    expect(preferred).toEqual([]);
  });

  it('gives no preference without a header or lang', () => {
    expect(preferredLanguages(undefined)).toEqual([]);
    expect(preferredLanguages('')).toEqual([]);
  });

  it('gives the explicit lang alone when there is no header', () => {
    expect(preferredLanguages(undefined, 'ky')).toEqual(['ky']);
  });
});

describe('responseLanguage', () => {
  it('answers in the reader’s first preferred language', () => {
    expect(responseLanguage(['kk', 'en'])).toBe('kk');
  });

  it('answers in Russian when the reader prefers none of Shifa’s languages', () => {
    expect(responseLanguage([])).toBe('ru');
  });
});

describe('pickText', () => {
  it('gives the text in the first preferred language it has', () => {
    // Prepare
    const text = { ru: 'Массаж', kk: 'Массаж жасау', en: 'Massage' };

    // Act
    const picked = pickText(text, ['kk', 'en']);

    // Assess
    expect(picked).toBe('Массаж жасау');
  });

  it('tries every preferred language in order before the fallbacks', () => {
    const text = { ru: 'Массаж', uz: 'Massaj', en: 'Massage' };

    expect(pickText(text, ['kk', 'uz'])).toBe('Massaj');
  });

  it('falls back to Russian when no preferred language is there', () => {
    const text = { en: 'Massage', ru: 'Массаж', zh: '按摩' };

    expect(pickText(text, ['kk'])).toBe('Массаж');
  });

  it('falls back to English when there is no Russian', () => {
    const text = { zh: '按摩', en: 'Massage' };

    expect(pickText(text, ['kk'])).toBe('Massage');
  });

  it('falls back to the first language in Shifa’s order, not the text’s own order', () => {
    const text = { zh: '按摩', ky: 'Массаж кылуу' };

    expect(pickText(text, ['uz'])).toBe('Массаж кылуу');
  });

  it('uses the fallbacks when the reader states no preference', () => {
    expect(pickText({ uz: 'Massaj', en: 'Massage' }, [])).toBe('Massage');
  });

  it('refuses a text in no language at all, since the contract forbids it', () => {
    expect(() => pickText({}, ['ru'])).toThrow('localized text has no language');
  });
});

describe('preferredLanguages and malformed q-values', () => {
  it('reads Q= case-insensitively and ignores q-values outside 0..1', () => {
    expect(preferredLanguages('en;Q=0.2, kk;q=0.5')).toEqual(['kk', 'en']);
    expect(preferredLanguages('zh;q=2, ru;q=0.1')).toEqual(['ru']);
    expect(preferredLanguages('zh;q=, uz')).toEqual(['uz']);
  });
});
