import { DECLINE_REASONS, LANGUAGES, type Language } from '@shifa/contracts';
import { describe, expect, it } from 'vitest';
import { formatMoney, minorUnitDigits, renderNotice, type TouristNotice } from './templates';

const spaces = (text: string) => text.replace(/\s/g, ' ');
const base = { bookingId: 'bk-7q2m', startDate: '2027-04-12' };

const notices: TouristNotice[] = [
  { kind: 'awaiting_hospital', ...base, decisionDeadline: '2027-02-03T09:30:00.000Z' },
  { kind: 'confirmed', ...base },
  { kind: 'declined', ...base, reason: 'no_capacity', note: 'Please choose May.' },
  { kind: 'expired', ...base },
  {
    kind: 'cancelled',
    ...base,
    cancelledBy: 'tourist',
    charged: true,
    refund: { amount: 18_000_000, currency: 'KZT', percent: 80 },
  },
  { kind: 'refunded', bookingId: base.bookingId, amount: 150_000, currency: 'USD' },
];

/** Words that give the language away, one per kind, in that kind's message. */
const MARKERS: Record<Language, Record<TouristNotice['kind'], string>> = {
  en: {
    awaiting_hospital: 'waiting for the hospital',
    confirmed: 'confirmed',
    declined: 'declined',
    expired: 'expired',
    cancelled: 'cancelled',
    refunded: 'Refund',
  },
  ru: {
    awaiting_hospital: 'ждём ответа больницы',
    confirmed: 'подтверждено',
    declined: 'отклонено',
    expired: 'истёк',
    cancelled: 'отменено',
    refunded: 'Возврат',
  },
  kk: {
    awaiting_hospital: 'жауабын күтудеміз',
    confirmed: 'расталды',
    declined: 'қабылданбады',
    expired: 'мерзімі өтті',
    cancelled: 'жойылды',
    refunded: 'қайтарым',
  },
  uz: {
    awaiting_hospital: 'javobini kutmoqdamiz',
    confirmed: 'tasdiqlandi',
    declined: 'rad etildi',
    expired: 'muddati tugadi',
    cancelled: 'bekor qilindi',
    refunded: 'qaytarildi',
  },
  ky: {
    awaiting_hospital: 'жообун күтүп жатабыз',
    confirmed: 'ырасталды',
    declined: 'четке кагылды',
    expired: 'мөөнөтү бүттү',
    cancelled: 'жокко чыгарылды',
    refunded: 'кайтарым',
  },
  zh: {
    awaiting_hospital: '等待医院确认',
    confirmed: '已确认',
    declined: '未被接受',
    expired: '已过期',
    cancelled: '已取消',
    refunded: '退款',
  },
};

describe('tourist notifications', () => {
  for (const language of LANGUAGES) {
    describe(language, () => {
      for (const notice of notices) {
        it(`says ${notice.kind} in ${language}, naming the booking`, () => {
          const message = renderNotice(notice, language);

          expect(message.subject).toContain(MARKERS[language][notice.kind]);
          expect(message.subject).toContain('bk-7q2m');
          expect(message.text).toContain('bk-7q2m');
          expect(message.text.endsWith('Shifa')).toBe(true);
        });
      }

      it(`writes the refund of a cancellation in ${language} as money of the booking's currency`, () => {
        const cancelled = notices[4] as TouristNotice;

        const text = spaces(renderNotice(cancelled, language).text);

        expect(text).toContain(spaces(formatMoney(18_000_000, 'KZT', language)));
        expect(text).toContain('80%');
      });

      it(`gives every decline reason in words in ${language}, and the hospital's note`, () => {
        const texts = DECLINE_REASONS.map(
          (reason) =>
            renderNotice({ kind: 'declined', ...base, reason, note: 'Please choose May.' }, language).text,
        );

        expect(new Set(texts).size).toBe(DECLINE_REASONS.length);
        for (const text of texts) {
          expect(text).not.toMatch(/no_capacity|medical_contraindication|hospital_timeout/);
          expect(text).toContain('Please choose May.');
        }
      });

      it(`leaves the note line out in ${language} when the hospital wrote none`, () => {
        const text = renderNotice({ kind: 'declined', ...base, reason: 'other' }, language).text;

        expect(text).not.toContain('undefined');
        expect(text.split('\n')).toHaveLength(4);
      });
    });
  }

  it('formats minor units exactly in each language’s way', () => {
    expect(spaces(formatMoney(18_000_000, 'KZT', 'ru'))).toBe('180 000,00 KZT');
    expect(spaces(formatMoney(1250, 'KGS', 'ky'))).toBe('12,50 сом');
    expect(spaces(formatMoney(18_000_000, 'KZT', 'kk'))).toBe('180 000,00 ₸');
    expect(formatMoney(150_000, 'USD', 'en')).toBe('US$1,500.00');
    expect(formatMoney(99, 'CNY', 'zh')).toBe('¥0.99');
    expect(spaces(formatMoney(123_456_789, 'UZS', 'uz'))).toBe('1 234 567,89 soʻm');
    expect(spaces(formatMoney(5, 'RUB', 'ru'))).toBe('0,05 ₽');
    expect(formatMoney(9_007_199_254_740_991, 'USD', 'en')).toBe('US$90,071,992,547,409.91');
  });

  it('uses the minor unit ISO 4217 gives each currency', () => {
    expect(minorUnitDigits('USD')).toBe(2);
    expect(minorUnitDigits('KZT')).toBe(2);
  });

  it('says when no refund is due instead of promising nothing in money', () => {
    const text = renderNotice(
      { kind: 'cancelled', ...base, cancelledBy: 'platform', charged: true },
      'en',
    ).text;

    expect(text).toContain('no refund is due');
    expect(text).toContain('cancelled by Shifa');
  });

  it('says nothing was charged when a booking is cancelled before the card was charged', () => {
    for (const language of LANGUAGES) {
      const uncharged = renderNotice(
        { kind: 'cancelled', ...base, cancelledBy: 'tourist', charged: false },
        language,
      );
      const declined = renderNotice({ kind: 'declined', ...base, reason: 'other' }, language);

      expect(uncharged.text).toContain(declined.text.split('\n').at(-3) ?? '-');
    }
  });

  it('gives the deadline in UTC and the start date in the language’s calendar words', () => {
    const ru = renderNotice(notices[0] as TouristNotice, 'ru').text;
    const en = renderNotice(notices[0] as TouristNotice, 'en').text;

    expect(ru).toContain('12 апреля 2027');
    expect(en).toContain('12 April 2027');
    expect(en).toContain('09:30 UTC');
  });

  it('refuses money that is not whole minor units', () => {
    expect(() => formatMoney(1.5, 'USD', 'en')).toThrow(RangeError);
    expect(() => formatMoney(-1, 'USD', 'en')).toThrow(RangeError);
  });
});
