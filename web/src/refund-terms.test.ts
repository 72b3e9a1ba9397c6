import type { CancellationPolicy } from '@shifa/contracts';
import { refundFor } from '@shifa/domain/cancellation';
import { describe, expect, it } from 'vitest';
import { dateIn, refundTerms } from './refund-terms';

/** The demo acupuncture package's tiers: all back a month ahead, half two weeks ahead, then nothing. */
const POLICY: CancellationPolicy = {
  tiers: [
    { daysBeforeDeparture: 30, refundPercent: 100 },
    { daysBeforeDeparture: 14, refundPercent: 50 },
    { daysBeforeDeparture: 0, refundPercent: 0 },
  ],
};
const DEPARTURE = '2027-03-31';
const TOTAL = 160_550; // $1,605.50

describe('the day on a clock', () => {
  it("gives the calendar day of an instant on Urumqi's clock, six hours ahead of UTC", () => {
    expect(dateIn(new Date('2027-03-01T17:59:59Z'), 'Asia/Urumqi')).toBe('2027-03-01');
    expect(dateIn(new Date('2027-03-01T18:00:00Z'), 'Asia/Urumqi')).toBe('2027-03-02');
  });
});

describe('refund terms before paying', () => {
  it('gives today’s refund and each date it falls, as periods of days in Urumqi', () => {
    const terms = refundTerms(POLICY, DEPARTURE, TOTAL, new Date('2027-02-01T10:00:00Z'));

    expect(terms).toEqual({
      today: '2027-02-01',
      periods: [
        { from: '2027-02-01', until: '2027-03-01', refundPercent: 100, refundAmount: 160_550 },
        { from: '2027-03-02', until: '2027-03-17', refundPercent: 50, refundAmount: 80_275 },
        { from: '2027-03-18', until: undefined, refundPercent: 0, refundAmount: 0 },
      ],
    });
  });

  it('promises for each day what the server gives a cancellation at any moment of it', () => {
    const terms = refundTerms(POLICY, DEPARTURE, TOTAL, new Date('2027-02-01T10:00:00Z'));

    // Every hour from now to the departure: the server's refund (on the UTC date) is at least the promise.
    for (
      let at = Date.parse('2027-02-01T10:00:00Z');
      at < Date.parse('2027-03-31T18:00:00Z');
      at += 3_600_000
    ) {
      const instant = new Date(at);
      const local = dateIn(instant, 'Asia/Urumqi');
      const promised = terms.periods.find(
        (period) => period.from <= local && (period.until === undefined || local <= period.until),
      );
      const given = refundFor(POLICY, DEPARTURE, instant.toISOString().slice(0, 10), TOTAL);
      expect(promised, instant.toISOString()).toBeDefined();
      expect(given.refundPercent, instant.toISOString()).toBeGreaterThanOrEqual(
        promised?.refundPercent ?? 101,
      );
    }
  });

  it("counts a local day from Urumqi's midnight, before the UTC date changes", () => {
    // 23:59 on 1 March in Urumqi: still a full refund, all day.
    const lastFull = refundTerms(POLICY, DEPARTURE, TOTAL, new Date('2027-03-01T17:59:00Z'));
    // 02:00 on 2 March in Urumqi (20:00 UTC on 1 March): the server would still refund in full for four
    // hours, but the day is promised what all of it gets, half.
    const nextDay = refundTerms(POLICY, DEPARTURE, TOTAL, new Date('2027-03-01T20:00:00Z'));

    expect(lastFull.periods[0]).toMatchObject({
      from: '2027-03-01',
      until: '2027-03-01',
      refundPercent: 100,
    });
    expect(nextDay.today).toBe('2027-03-02');
    expect(nextDay.periods[0]).toMatchObject({ from: '2027-03-02', until: '2027-03-17', refundPercent: 50 });
  });

  it('writes the dates on another clock when asked: behind UTC, a change lands a day earlier', () => {
    const terms = refundTerms(POLICY, DEPARTURE, TOTAL, new Date('2027-02-01T10:00:00Z'), 'America/Bogota');

    expect(terms.periods.map(({ from, until }) => [from, until])).toEqual([
      ['2027-02-01', '2027-02-28'],
      ['2027-03-01', '2027-03-16'],
      ['2027-03-17', undefined],
    ]);
  });

  it('says nothing comes back from today on when the departure is in the no-refund band', () => {
    // 13 days before departure: below the 14-day tier.
    const terms = refundTerms(POLICY, DEPARTURE, TOTAL, new Date('2027-03-18T03:00:00Z'));

    expect(terms.periods).toEqual([
      { from: '2027-03-18', until: undefined, refundPercent: 0, refundAmount: 0 },
    ]);
  });

  it('ends with the departure day when the last tier still refunds on it', () => {
    const policy: CancellationPolicy = {
      tiers: [
        { daysBeforeDeparture: 7, refundPercent: 50 },
        { daysBeforeDeparture: 0, refundPercent: 10 },
      ],
    };

    const terms = refundTerms(policy, DEPARTURE, 1_000_000, new Date('2027-03-20T03:00:00Z'));

    expect(terms.periods).toEqual([
      { from: '2027-03-20', until: '2027-03-24', refundPercent: 50, refundAmount: 500_000 },
      { from: '2027-03-25', until: '2027-03-31', refundPercent: 10, refundAmount: 100_000 },
    ]);
  });

  it('merges tiers that give the same back, and reads tiers in any order', () => {
    const policy: CancellationPolicy = {
      tiers: [
        { daysBeforeDeparture: 10, refundPercent: 40 },
        { daysBeforeDeparture: 60, refundPercent: 100 },
        { daysBeforeDeparture: 30, refundPercent: 100 },
      ],
    };

    const terms = refundTerms(policy, DEPARTURE, 999, new Date('2027-01-01T03:00:00Z'));

    expect(terms.periods).toEqual([
      { from: '2027-01-01', until: '2027-03-01', refundPercent: 100, refundAmount: 999 },
      { from: '2027-03-02', until: '2027-03-21', refundPercent: 40, refundAmount: 399 },
      { from: '2027-03-22', until: undefined, refundPercent: 0, refundAmount: 0 },
    ]);
  });
});
