import { describe, expect, it } from 'vitest';
import { chooseOffer, isPayable } from './offers';

// Per traveller, as the demo's Uzbek and Kazakh agencies price a 17-day herbal course (about ¥15,000).
const UZS = { currency: 'UZS' as const, perTraveller: { total: 2_550_000_000 } }; // 25 500 000 sum
const KZT = { currency: 'KZT' as const, perTraveller: { total: 108_000_000 } }; // 1 080 000 tenge
const KGS = { currency: 'KGS' as const, perTraveller: { total: 18_300_000 } };
const RUB = { currency: 'RUB' as const, perTraveller: { total: 16_800_000 } };
const USD = { currency: 'USD' as const, perTraveller: { total: 208_500 } };

describe('the currencies a booking is offered in', () => {
  it('offers sum and tenge for ten travellers, which the old eight-digit rule refused even for one', () => {
    for (const offer of [UZS, KZT, KGS, RUB, USD]) {
      expect(isPayable(offer, 1), offer.currency).toBe(true);
      expect(isPayable(offer, 10), offer.currency).toBe(true);
    }
    expect(UZS.perTraveller.total).toBeGreaterThan(99_999_999);
  });

  it('refuses a total past twelve digits of minor units, and falls back to one that fits', () => {
    const huge = { currency: 'UZS' as const, perTraveller: { total: 100_000_000_000 } };

    expect(isPayable(huge, 9)).toBe(true);
    expect(isPayable(huge, 10)).toBe(false);
    expect(chooseOffer([huge, USD], 10, 'UZS', 'UZ')?.currency).toBe('USD');
  });

  it("chooses the tourist's pick, else the first traveller's own currency, else the agency's first", () => {
    const offers = [KGS, RUB, USD];

    expect(chooseOffer(offers, 2, 'USD', 'RU')?.currency).toBe('USD');
    expect(chooseOffer(offers, 2, undefined, 'RU')?.currency).toBe('RUB');
    expect(chooseOffer(offers, 2, undefined, 'KZ')?.currency).toBe('KGS');
    expect(chooseOffer(offers, 2, undefined, '')?.currency).toBe('KGS');
    expect(chooseOffer([UZS, USD], 3, undefined, 'UZ')?.currency).toBe('UZS');
  });

  it('chooses nothing when no currency fits', () => {
    const huge = { currency: 'USD' as const, perTraveller: { total: 500_000_000_000 } };

    expect(chooseOffer([huge], 2, undefined, 'KZ')).toBeUndefined();
  });
});
