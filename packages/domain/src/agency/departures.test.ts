import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../errors';
import { composePackage } from './composition';
import { assertDeletable, changeDeparture, DEPARTURES_PER_PACKAGE_MAX, newDeparture } from './departures';
import { aComposition, aDeparture, IDENTITY, refs } from './fixtures.test-support';

const TODAY = '2026-02-01';
const pkg = composePackage(aComposition(), refs(), IDENTITY);
const price = (currency: 'KZT' | 'USD', treatment: number) => ({
  currency,
  lines: { treatment, accommodation: 0, sightseeing: 0, services: 0 },
});
const input = {
  startDate: '2026-03-05',
  seats: 12,
  prices: [price('KZT', 35_000_000), price('USD', 70_000)],
};

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('newDeparture', () => {
  it('ends the departure after the package length and offers every seat', () => {
    const departure = newDeparture(pkg, [], input, '2026-03-05-x1y2z3', TODAY);

    expect(departure).toEqual({
      departureId: '2026-03-05-x1y2z3',
      packageId: pkg.packageId,
      startDate: '2026-03-05',
      endDate: '2026-03-17',
      seatsTotal: 12,
      seatsLeft: 12,
      prices: input.prices,
    });
  });

  it.each([
    ['today', TODAY],
    ['yesterday', '2026-01-31'],
    ['more than two years ahead', '2028-02-02'],
  ])('refuses a start %s, naming startDate', (_, startDate) => {
    const error = caught(() => newDeparture(pkg, [], { ...input, startDate }, 'd-1', TODAY));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'invalid_departure', details: [{ path: 'startDate' }] });
  });

  it('refuses two offers in one currency and a price of nothing', () => {
    const error = caught(() =>
      newDeparture(
        pkg,
        [],
        { ...input, prices: [price('KZT', 1), price('KZT', 2), price('USD', 0)] },
        'd-1',
        TODAY,
      ),
    );

    expect(error).toMatchObject({
      details: [{ path: 'prices.1.currency' }, { path: 'prices.2.lines' }],
    });
  });

  it('refuses a second departure on the same date and more than fifty departures', () => {
    const taken = aDeparture({ startDate: input.startDate });
    const many = Array.from({ length: DEPARTURES_PER_PACKAGE_MAX }, (_, i) =>
      aDeparture({ departureId: `d-${i}`, startDate: `2027-01-${String((i % 28) + 1).padStart(2, '0')}` }),
    );

    expect(caught(() => newDeparture(pkg, [taken], input, 'd-1', TODAY))).toMatchObject({
      code: 'departure_date_taken',
    });
    expect(caught(() => newDeparture(pkg, many, input, 'd-1', TODAY))).toMatchObject({
      code: 'too_many_departures',
    });
  });
});

describe('changeDeparture', () => {
  const sold4 = aDeparture({ seatsTotal: 10, seatsLeft: 6 });

  it('moves the seats left by the change in seats, keeping those sold', () => {
    const more = changeDeparture(sold4, { seats: 15, prices: input.prices }, TODAY);
    const fewer = changeDeparture(sold4, { seats: 4, prices: input.prices }, TODAY);

    expect(more).toMatchObject({
      seatsDelta: 5,
      departure: { seatsTotal: 15, seatsLeft: 11, prices: input.prices },
    });
    expect(fewer).toMatchObject({ seatsDelta: -6, departure: { seatsTotal: 4, seatsLeft: 0 } });
  });

  it('refuses fewer seats than are sold with 409 seats_below_sold', () => {
    const error = caught(() => changeDeparture(sold4, { seats: 3, prices: input.prices }, TODAY));

    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      code: 'seats_below_sold',
      details: [{ path: 'seats', message: 'at least 4' }],
    });
  });

  it('refuses to change a departure that has left', () => {
    expect(
      caught(() =>
        changeDeparture(aDeparture({ startDate: TODAY }), { seats: 10, prices: input.prices }, TODAY),
      ),
    ).toMatchObject({ code: 'departure_started' });
  });
});

describe('assertDeletable', () => {
  it('allows deleting a departure with nothing sold, and refuses one with a seat sold', () => {
    expect(() => assertDeletable(aDeparture())).not.toThrow();
    expect(caught(() => assertDeletable(aDeparture({ seatsLeft: 9 })))).toMatchObject({
      code: 'departure_has_bookings',
    });
  });
});
