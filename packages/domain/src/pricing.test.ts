import { describe, expect, it } from 'vitest';
import { anOffer } from './catalog/fixtures.test-support';
import { lowestTotals, priceIn, totalOf } from './pricing';

describe('totalOf', () => {
  it('adds the four lines of a price', () => {
    // Prepare
    const lines = { treatment: 250_000, accommodation: 120_000, sightseeing: 30_000, services: 20_001 };

    // Act
    const total = totalOf(lines);

    // Assess
    expect(total).toBe(420_001);
  });

  it('accepts a total of exactly the largest safe integer', () => {
    const lines = { treatment: Number.MAX_SAFE_INTEGER - 3, accommodation: 1, sightseeing: 1, services: 1 };

    expect(totalOf(lines)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses with a RangeError a total beyond the safe integer range', () => {
    const lines = { treatment: Number.MAX_SAFE_INTEGER, accommodation: 1, sightseeing: 0, services: 0 };

    expect(() => totalOf(lines)).toThrow(RangeError);
  });
});

describe('priceIn', () => {
  it('finds the offer in the asked currency', () => {
    const offers = [anOffer('KZT'), anOffer('RUB', { treatment: 5_000_00 })];

    expect(priceIn(offers, 'RUB')).toEqual(offers[1]);
  });

  it('finds nothing when the departure is not priced in that currency', () => {
    expect(priceIn([anOffer('KZT')], 'USD')).toBeUndefined();
  });
});

describe('lowestTotals', () => {
  it('gives the lowest total in each currency, in the order the currencies first appear', () => {
    // Prepare
    const offers = [
      anOffer('KZT', { treatment: 300_000 }), // 470 000
      anOffer('RUB', { treatment: 9_000, accommodation: 4_000, sightseeing: 1_000, services: 500 }), // 14 500
      anOffer('KZT', { treatment: 200_000 }), // 370 000
      anOffer('RUB', { treatment: 10_000, accommodation: 4_000, sightseeing: 1_000, services: 500 }), // 15 500
      anOffer('KZT', { treatment: 250_000 }), // 420 000
    ];

    // Act
    const lowest = lowestTotals(offers);

    // Assess
    expect(lowest).toEqual([
      { currency: 'KZT', amount: 370_000 },
      { currency: 'RUB', amount: 14_500 },
    ]);
  });

  it('gives nothing for no offers', () => {
    expect(lowestTotals([])).toEqual([]);
  });

  it('refuses offers whose total overflows, even if another offer would be lower', () => {
    const offers = [
      anOffer('KZT', { treatment: 1 }),
      anOffer('KZT', { treatment: Number.MAX_SAFE_INTEGER, accommodation: 1 }),
    ];

    expect(() => lowestTotals(offers)).toThrow(RangeError);
  });
});
