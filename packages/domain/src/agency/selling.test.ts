import type { CapacityDay } from '@shifa/contracts';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates';
import { ConflictError, ForbiddenError } from '../errors';
import { composePackage } from './composition';
import { aComposition, aDeparture, aHospital, anAgency, IDENTITY, refs } from './fixtures.test-support';
import {
  assertAgencyMayWrite,
  assertSellable,
  capacityWindow,
  dateRanges,
  hospitalShortfalls,
  type SellingFacts,
} from './selling';

const TODAY = '2026-02-01';
// Treatment days 2..11 of a 13-day trip; 12 hotel nights.
const pkg = composePackage(aComposition(), refs(), IDENTITY);
const departure = aDeparture({
  departureId: 'd-mar',
  startDate: '2026-03-05',
  seatsTotal: 10,
  seatsLeft: 10,
});

const beds = (from: string, days: number, capacity: number): CapacityDay[] =>
  Array.from({ length: days }, (_, i) => ({
    hospitalId: 'xj-tcm',
    date: addDays(from, i),
    capacity,
    available: 0,
  }));

const facts = (overrides: Partial<SellingFacts> = {}): SellingFacts => ({
  agency: anAgency(),
  hospital: aHospital(),
  hotelBeds: 20,
  capacity: beds('2026-03-01', 60, 12),
  today: TODAY,
  ...overrides,
});

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

const sell = (f: SellingFacts, departures = [departure], requireUpcomingDeparture = true) =>
  caught(() => assertSellable(pkg, departures, f, { requireUpcomingDeparture }));

describe('assertSellable', () => {
  it('lets a verified agency sell a verified hospital’s treatment with beds for every seat', () => {
    expect(() => assertSellable(pkg, [departure], facts(), { requireUpcomingDeparture: true })).not.toThrow();
  });

  it('refuses a pending agency with 403 agency_not_verified, a suspended one with agency_suspended', () => {
    expect(sell(facts({ agency: anAgency({ status: 'pending' }) }))).toMatchObject({
      code: 'agency_not_verified',
    });
    expect(sell(facts({ agency: anAgency({ status: 'suspended' }) }))).toBeInstanceOf(ForbiddenError);
    expect(sell(facts({ agency: anAgency({ status: 'suspended' }) }))).toMatchObject({
      code: 'agency_suspended',
    });
  });

  it('refuses a hospital that is not verified with 409 hospital_not_verified', () => {
    const error = sell(facts({ hospital: aHospital({ status: 'suspended' }) }));

    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'hospital_not_verified' });
  });

  it('needs a departure after today to publish', () => {
    const past = aDeparture({ startDate: TODAY });

    expect(sell(facts(), [past])).toMatchObject({ code: 'no_upcoming_departure' });
    expect(() => assertSellable(pkg, [past], facts(), { requireUpcomingDeparture: false })).not.toThrow();
  });

  it('names the departure and the treatment days short of hospital beds; a day never opened has none', () => {
    // 12 beds a day, but none from 2026-03-09 on: treatment runs 2026-03-06..2026-03-15.
    const error = sell(facts({ capacity: beds('2026-03-01', 8, 12) }));

    expect(error).toMatchObject({
      code: 'insufficient_hospital_capacity',
      details: [
        {
          path: 'departures.d-mar',
          message: '10 seats need more hospital beds than the hospital has on 2026-03-09..2026-03-15',
        },
      ],
    });
  });

  it('adds up departures of the package whose treatment days overlap', () => {
    const second = aDeparture({
      departureId: 'd-mar-8',
      startDate: '2026-03-08',
      seatsTotal: 5,
      seatsLeft: 5,
    });

    const shortfalls = hospitalShortfalls(pkg, [departure, second], beds('2026-03-01', 60, 12));

    expect(shortfalls).toEqual([
      { departureId: 'd-mar', seats: 10, dates: dates('2026-03-09', 7) },
      { departureId: 'd-mar-8', seats: 5, dates: dates('2026-03-09', 7) },
    ]);
  });

  it('refuses more seats than the hotel holds for the agency a night', () => {
    expect(sell(facts({ hotelBeds: 9 }))).toMatchObject({
      code: 'insufficient_hotel_beds',
      details: [{ path: 'departures.d-mar', message: expect.stringContaining('2026-03-05..2026-03-16') }],
    });
  });

  it('ignores departures that have left when counting beds', () => {
    const left = aDeparture({ departureId: 'd-jan', startDate: '2026-01-25', seatsTotal: 50, seatsLeft: 50 });

    expect(() =>
      assertSellable(pkg, [left, departure], facts(), { requireUpcomingDeparture: true }),
    ).not.toThrow();
  });
});

function dates(from: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(from, i));
}

describe('assertAgencyMayWrite', () => {
  it('lets pending and verified agencies write, not suspended or unknown ones', () => {
    expect(assertAgencyMayWrite(anAgency({ status: 'pending' })).agencyId).toBe('silk-road-travel');
    expect(caught(() => assertAgencyMayWrite(anAgency({ status: 'suspended' })))).toMatchObject({
      code: 'agency_suspended',
    });
    expect(caught(() => assertAgencyMayWrite(undefined))).toMatchObject({ code: 'agency_unknown' });
  });
});

describe('capacityWindow', () => {
  it('spans the treatment days of the upcoming departures only', () => {
    const later = aDeparture({ departureId: 'd-apr', startDate: '2026-04-01' });
    const left = aDeparture({ departureId: 'd-jan', startDate: '2026-01-20' });

    expect(capacityWindow(pkg, [later, left, departure], TODAY)).toEqual({
      from: '2026-03-06',
      to: '2026-04-11',
    });
    expect(capacityWindow(pkg, [left], TODAY)).toBeUndefined();
  });
});

describe('dateRanges', () => {
  it('writes runs of days as ranges', () => {
    expect(
      dateRanges(['2026-03-05', '2026-03-03', '2026-03-04', '2026-03-09', '2026-03-31', '2026-04-01']),
    ).toBe('2026-03-03..2026-03-05, 2026-03-09, 2026-03-31..2026-04-01');
    expect(dateRanges([])).toBe('');
  });
});
