import type { CapacityDay } from '@shifa/contracts';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import {
  CAPACITY_DAYS_PER_WRITE,
  CAPACITY_WRITE_ATTEMPTS,
  type CapacityChange,
  type CapacityStore,
  capacityDates,
  planCapacity,
  readCapacity,
  setCapacity,
} from './capacity';

const HOSPITAL = 'xj-tcm-hospital';
const TODAY = '2027-03-01';

const day = (date: string, capacity: number, available: number): CapacityDay => ({
  hospitalId: HOSPITAL,
  date,
  capacity,
  available,
});

/**
 * Capacity days in memory, written all or nothing under the same conditions
 * the DynamoDB store puts on each day. `beforeApply` plays whatever races in
 * between a read and a write.
 */
class MemoryCapacity implements CapacityStore {
  readonly days = new Map<string, CapacityDay>();
  readonly applied: CapacityChange[][] = [];
  reads = 0;
  beforeApply: (attempt: number) => void = () => {};
  private attempts = 0;

  constructor(
    days: CapacityDay[] = [],
    readonly exists = true,
  ) {
    for (const d of days) this.days.set(d.date, { ...d });
  }

  async hospitalExists(): Promise<boolean> {
    return this.exists;
  }

  async daysBetween(_hospitalId: string, from: string, to: string): Promise<CapacityDay[]> {
    this.reads += 1;
    return [...this.days.values()]
      .filter((d) => d.date >= from && d.date <= to)
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((d) => ({ ...d }));
  }

  async apply(_hospitalId: string, changes: readonly CapacityChange[]): Promise<boolean> {
    this.attempts += 1;
    this.beforeApply(this.attempts);
    const holds = changes.every((change) => {
      const current = this.days.get(change.date);
      if (change.kind === 'open') return current === undefined;
      return (
        current !== undefined &&
        current.capacity === change.previous &&
        current.available >= change.minAvailable
      );
    });
    if (!holds) return false;
    for (const change of changes) {
      const current = this.days.get(change.date);
      this.days.set(
        change.date,
        change.kind === 'open'
          ? day(change.date, change.capacity, change.capacity)
          : day(change.date, change.capacity, (current?.available ?? 0) + change.delta),
      );
    }
    this.applied.push([...changes]);
    return true;
  }

  takeBeds(date: string, beds: number): void {
    const current = this.days.get(date);
    if (current === undefined || current.available < beds) throw new Error('no beds to take');
    this.days.set(date, { ...current, available: current.available - beds });
  }
}

describe('capacityDates', () => {
  it('lists every day of the range, both ends included, across a month end', () => {
    expect(capacityDates({ from: '2027-01-30', to: '2027-02-02' })).toEqual([
      '2027-01-30',
      '2027-01-31',
      '2027-02-01',
      '2027-02-02',
    ]);
  });

  it('takes a one-day range', () => {
    expect(capacityDates({ from: TODAY, to: TODAY }, TODAY)).toEqual([TODAY]);
  });

  it('takes a whole leap year of 366 days and refuses one day more, naming `to`', () => {
    expect(capacityDates({ from: '2028-01-01', to: '2028-12-31' })).toHaveLength(366);

    const tooLong = () => capacityDates({ from: '2028-01-01', to: '2029-01-01' });

    expect(tooLong).toThrow(ValidationError);
    expect(tooLong).toThrow(expect.objectContaining({ code: 'date_range_too_long' }));
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => capacityDates({ from: '2027-03-02', to: '2027-03-01' })).toThrow(
      expect.objectContaining({
        code: 'invalid_date_range',
        details: [expect.objectContaining({ path: 'to' })],
      }),
    );
  });

  it('refuses a range starting before today when today is given, and reads the past otherwise', () => {
    const yesterday = addDays(TODAY, -1);

    expect(() => capacityDates({ from: yesterday, to: TODAY }, TODAY)).toThrow(
      expect.objectContaining({ code: 'date_in_past', details: [expect.objectContaining({ path: 'from' })] }),
    );
    expect(capacityDates({ from: yesterday, to: TODAY })).toEqual([yesterday, TODAY]);
  });
});

describe('planCapacity', () => {
  const dates = ['2027-03-01', '2027-03-02', '2027-03-03'];

  it('opens days never set with every bed available', () => {
    const plan = planCapacity(dates, [], 5);

    expect(plan.refused).toEqual([]);
    expect(plan.changes).toEqual(dates.map((date) => ({ kind: 'open', date, capacity: 5 })));
  });

  it('changes nothing on days never set when the capacity is zero, nor on days already at it', () => {
    const plan = planCapacity(dates, [day('2027-03-02', 0, 0)], 0);

    expect(plan).toEqual({ changes: [], refused: [] });
    expect(planCapacity(['2027-03-01'], [day('2027-03-01', 5, 2)], 5)).toEqual({ changes: [], refused: [] });
  });

  it('raising capacity keeps the beds taken and adds the rest to what is available', () => {
    const plan = planCapacity(['2027-03-01'], [day('2027-03-01', 10, 4)], 12);

    expect(plan.changes).toEqual([
      { kind: 'resize', date: '2027-03-01', previous: 10, capacity: 12, delta: 2, minAvailable: 0 },
    ]);
  });

  it('lowering capacity down to exactly what is taken is allowed and needs the free beds still free', () => {
    const plan = planCapacity(['2027-03-01'], [day('2027-03-01', 10, 4)], 6);

    expect(plan.refused).toEqual([]);
    expect(plan.changes).toEqual([
      { kind: 'resize', date: '2027-03-01', previous: 10, capacity: 6, delta: -4, minAvailable: 4 },
    ]);
  });

  it('refuses each day where fewer beds would remain than are taken, and plans the others', () => {
    const stored = [day('2027-03-01', 10, 10), day('2027-03-02', 10, 3), day('2027-03-03', 10, 1)];

    const plan = planCapacity(dates, stored, 5);

    expect(plan.refused).toEqual([
      { date: '2027-03-02', capacity: 10, taken: 7 },
      { date: '2027-03-03', capacity: 10, taken: 9 },
    ]);
    expect(plan.changes.map((change) => change.date)).toEqual(['2027-03-01']);
  });
});

describe('readCapacity', () => {
  it('answers every day of the range, days never set with no beds, and what is taken', async () => {
    const store = new MemoryCapacity([day('2027-03-02', 8, 5)]);

    const calendar = await readCapacity(store, HOSPITAL, { from: '2027-03-01', to: '2027-03-03' });

    expect(calendar).toEqual({
      hospitalId: HOSPITAL,
      from: '2027-03-01',
      to: '2027-03-03',
      days: [
        { date: '2027-03-01', capacity: 0, available: 0, taken: 0 },
        { date: '2027-03-02', capacity: 8, available: 5, taken: 3 },
        { date: '2027-03-03', capacity: 0, available: 0, taken: 0 },
      ],
    });
  });

  it('refuses a range over the limit without reading anything', async () => {
    const store = new MemoryCapacity();

    await expect(readCapacity(store, HOSPITAL, { from: '2027-01-01', to: '2028-01-02' })).rejects.toThrow(
      ValidationError,
    );
    expect(store.reads).toBe(0);
  });
});

describe('setCapacity', () => {
  it('opens new days and resizes set ones, keeping beds taken, and answers the range as written', async () => {
    const store = new MemoryCapacity([day(TODAY, 10, 6)]);

    const calendar = await setCapacity(
      store,
      HOSPITAL,
      { from: TODAY, to: addDays(TODAY, 1), capacity: 12 },
      TODAY,
    );

    expect(calendar.days).toEqual([
      { date: TODAY, capacity: 12, available: 8, taken: 4 },
      { date: addDays(TODAY, 1), capacity: 12, available: 12, taken: 0 },
    ]);
  });

  it('refuses the whole request before writing anything when one day is below what is taken', async () => {
    const store = new MemoryCapacity([day(TODAY, 10, 10), day(addDays(TODAY, 1), 10, 2)]);

    const attempt = setCapacity(store, HOSPITAL, { from: TODAY, to: addDays(TODAY, 1), capacity: 5 }, TODAY);

    await expect(attempt).rejects.toThrow(ConflictError);
    await expect(attempt).rejects.toMatchObject({
      code: 'capacity_below_taken',
      message: expect.stringContaining('nothing was changed'),
      details: [{ path: addDays(TODAY, 1), message: expect.stringContaining('8 of 10 beds are taken') }],
    });
    expect(store.applied).toEqual([]);
    expect(store.days.get(TODAY)?.capacity).toBe(10);
  });

  it(`writes a long range in date order, at most ${CAPACITY_DAYS_PER_WRITE} days per transaction`, async () => {
    const store = new MemoryCapacity();

    await setCapacity(store, HOSPITAL, { from: TODAY, to: addDays(TODAY, 249), capacity: 3 }, TODAY);

    expect(store.applied.map((chunk) => chunk.length)).toEqual([100, 100, 50]);
    const written = store.applied.flat().map((change) => change.date);
    expect(written).toEqual([...written].sort());
    expect(store.days.size).toBe(250);
  });

  it('a booking that takes beds between the read and the write keeps them, with no retry needed', async () => {
    const store = new MemoryCapacity([day(TODAY, 10, 10)]);
    store.beforeApply = (attempt) => {
      // The write moves `available` by the difference, so its condition still holds.
      if (attempt === 1) store.takeBeds(TODAY, 3);
    };

    const calendar = await setCapacity(store, HOSPITAL, { from: TODAY, to: TODAY, capacity: 6 }, TODAY);

    expect(calendar.days[0]).toEqual({ date: TODAY, capacity: 6, available: 3, taken: 3 });
    expect(store.applied).toHaveLength(1);
  });

  it('an edit of the same day between the read and the write makes the chunk re-read and re-planned', async () => {
    const store = new MemoryCapacity([day(TODAY, 10, 8)]);
    store.beforeApply = (attempt) => {
      if (attempt === 1) store.days.set(TODAY, day(TODAY, 20, 18));
    };

    const calendar = await setCapacity(store, HOSPITAL, { from: TODAY, to: TODAY, capacity: 5 }, TODAY);

    expect(store.reads).toBe(3);
    expect(calendar.days[0]).toEqual({ date: TODAY, capacity: 5, available: 3, taken: 2 });
  });

  it('a booking that leaves too few beds for the new capacity refuses the request, saying which days were set', async () => {
    const later = addDays(TODAY, CAPACITY_DAYS_PER_WRITE);
    const store = new MemoryCapacity([day(later, 10, 10)]);
    store.beforeApply = (attempt) => {
      // The second chunk holds `later`; a booking takes 8 beds there just before it is written.
      if (attempt === 2) store.takeBeds(later, 8);
    };

    const attempt = setCapacity(store, HOSPITAL, { from: TODAY, to: later, capacity: 4 }, TODAY);

    await expect(attempt).rejects.toMatchObject({
      code: 'capacity_below_taken',
      message: expect.stringContaining(`days up to ${addDays(later, -1)} were set`),
      details: [{ path: later, message: expect.stringContaining('8 of 10') }],
    });
    expect(store.days.get(later)).toEqual(day(later, 10, 2));
    expect(store.days.get(TODAY)?.capacity).toBe(4);
  });

  it(`gives up with capacity_contended after ${CAPACITY_WRITE_ATTEMPTS} attempts on a day that keeps changing`, async () => {
    const store = new MemoryCapacity([day(TODAY, 10, 10)]);
    store.beforeApply = (attempt) => {
      store.days.set(TODAY, day(TODAY, 10 + attempt, 10 + attempt));
    };

    const attempt = setCapacity(store, HOSPITAL, { from: TODAY, to: TODAY, capacity: 5 }, TODAY);

    await expect(attempt).rejects.toMatchObject({ code: 'capacity_contended' });
    expect(store.applied).toEqual([]);
  });

  it('refuses a range starting in the past, and a hospital without a profile, before writing', async () => {
    const store = new MemoryCapacity();
    const missing = new MemoryCapacity([], false);

    await expect(
      setCapacity(store, HOSPITAL, { from: addDays(TODAY, -1), to: TODAY, capacity: 5 }, TODAY),
    ).rejects.toThrow(ValidationError);
    await expect(
      setCapacity(missing, HOSPITAL, { from: TODAY, to: TODAY, capacity: 5 }, TODAY),
    ).rejects.toThrow(NotFoundError);
    expect([...store.applied, ...missing.applied]).toEqual([]);
  });
});
