/**
 * One card payment's limit, as the hold prices a booking: Stripe's current rule for cards (12 digits
 * in the minor unit), so sum and tenge bookings for several travellers are payable.
 */
import { describe, expect, it } from 'vitest';
import { aDeparture, anOffer, aPackage } from '../catalog/fixtures.test-support';
import { ValidationError } from '../errors';
import { priceSnapshot } from './hold';
import { fitsOneCardPayment, MAX_CARD_PAYMENT } from './limits';

describe('fitsOneCardPayment', () => {
  it('takes twelve digits in the minor unit, not one more', () => {
    expect(MAX_CARD_PAYMENT).toBe(999_999_999_999);
    expect(fitsOneCardPayment(999_999_999_999, 1)).toBe(true);
    expect(fitsOneCardPayment(1_000_000_000_000, 1)).toBe(false);
    expect(fitsOneCardPayment(333_333_333_334, 3)).toBe(false);
  });

  it('fits what the eight-digit rule refused: an Uzbek package in sum, tenge for a family', () => {
    expect(fitsOneCardPayment(2_635_000_000, 10)).toBe(true);
    expect(fitsOneCardPayment(98_000_000, 4)).toBe(true);
  });
});

describe('priceSnapshot and the card limit', () => {
  const pkg = aPackage();
  const sum = (perTraveller: number) =>
    anOffer('UZS', { treatment: perTraveller, accommodation: 0, sightseeing: 0, services: 0 });

  it('prices four travellers in sum above eight digits as one payment', () => {
    const departure = aDeparture({ prices: [sum(2_635_000_000), anOffer('USD')] });

    const snapshot = priceSnapshot(pkg, departure, 4, 'UZS', '2026-12-01T00:00:00.000Z');

    expect(snapshot).toMatchObject({ currency: 'UZS', total: 10_540_000_000 });
  });

  it('refuses a total over twelve digits, naming the currencies that fit', () => {
    const departure = aDeparture({ prices: [sum(400_000_000_000), anOffer('USD')] });

    const refuse = () => priceSnapshot(pkg, departure, 3, 'UZS', '2026-12-01T00:00:00.000Z');

    expect(refuse).toThrow(ValidationError);
    expect(refuse).toThrow(/limited to 12 digits in minor units; pay in USD/);
    expect(() => priceSnapshot(pkg, departure, 2, 'UZS', '2026-12-01T00:00:00.000Z')).not.toThrow();
  });
});
