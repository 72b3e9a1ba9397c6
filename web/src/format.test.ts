import { describe, expect, it } from 'vitest';
import { clock, createFormatter, usableLocale } from './format';
import { en } from './i18n/en';
import { ru } from './i18n/ru';
import { zh } from './i18n/zh';

const plain = (text: string) => text.replace(/\s/g, ' ');

describe('money', () => {
  it('shows minor units as whole currency units when there are no cents', () => {
    const format = createFormatter(ru.locales, ru.countries);

    expect(plain(format.money(83_250_000, 'KZT'))).toBe('832 500 ₸');
  });

  it('shows cents when there are some', () => {
    const format = createFormatter(en.locales, en.countries);

    expect(format.money(160_550, 'USD')).toBe('$1,605.50');
  });

  it('turns an amount typed in whole units into minor units without float noise', () => {
    const format = createFormatter(en.locales, en.countries);

    expect(format.toMinor(1605.5)).toBe(160_550);
    expect(format.toMinor(0.29)).toBe(29);
  });
});

describe('percentages', () => {
  it('writes a percentage as each language does', () => {
    expect(plain(createFormatter(ru.locales, ru.countries).percent(50))).toBe('50 %');
    expect(createFormatter(en.locales, en.countries).percent(100)).toBe('100%');
    expect(createFormatter(zh.locales, zh.countries).percent(0)).toBe('0%');
  });
});

describe('dates', () => {
  it('keeps a calendar date on its day whatever the clock of the reader', () => {
    const format = createFormatter(en.locales, en.countries);

    expect(format.date('2026-12-05')).toBe('5 Dec 2026');
  });

  it('shows instants on Urumqi time and says so', () => {
    const format = createFormatter(en.locales, en.countries);

    expect(format.dateTime('2026-11-23T18:00:00Z')).toMatch(/24 Nov.*00:00.*GMT\+6/);
  });

  it('writes dates in digits when it had to fall back to another language', () => {
    const fallen = createFormatter(['xx-XX', 'ru-RU'], {} as never);

    expect(fallen.date('2026-12-05')).toBe('05.12.2026');
    expect(fallen.dateTime('2026-11-23T16:30:00Z')).toMatch(/^23\.11, 22:30 GMT\+6$/);
  });

  it('falls back to the next locale when the first has no real data', () => {
    expect(usableLocale(['xx-XX', 'ru-RU'])).toBe('ru-RU');
    expect(usableLocale(['kk-KZ', 'ru-RU'])).toBe('kk-KZ');
  });
});

describe('clock', () => {
  it('counts minutes and seconds down, rounding up so zero means over', () => {
    expect(clock(905_000)).toBe('15:05');
    expect(clock(400)).toBe('0:01');
    expect(clock(-5)).toBe('0:00');
  });

  it('adds hours when there are some', () => {
    expect(clock(7_262_000)).toBe('2:01:02');
  });
});
