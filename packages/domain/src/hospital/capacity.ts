/**
 * A hospital's daily capacity for international patients. `available` on each
 * day is the source of truth bookings take beds from; capacity − available is
 * what is taken. Setting a new capacity keeps what is taken and moves
 * `available` by the difference, and is refused for a day where fewer beds
 * would remain than are already taken.
 */
import { CAPACITY_RANGE_MAX_DAYS, type CapacityCalendar, type CapacityDay } from '@shifa/contracts';
import { addDays, daysBetween } from '../dates';
import { ConflictError, NotFoundError, ValidationError } from '../errors';

/** DynamoDB's limit of items in one transaction: each chunk of days is written atomically. */
export const CAPACITY_DAYS_PER_WRITE = 100;

/** How often a chunk is re-read and written again when bookings or other edits keep changing it. */
export const CAPACITY_WRITE_ATTEMPTS = 4;

export type DateRange = { from: string; to: string };

/**
 * Every date of the range, in order. `today` given, the range may not start
 * before it (capacity is set for days to come, read for any day).
 */
export function capacityDates(range: DateRange, today?: string): string[] {
  const span = daysBetween(range.from, range.to) + 1;
  if (span < 1) {
    throw new ValidationError('invalid_date_range', 'the date range ends before it starts', [
      { path: 'to', message: 'must be on or after from' },
    ]);
  }
  if (span > CAPACITY_RANGE_MAX_DAYS) {
    throw new ValidationError('date_range_too_long', `ask for at most ${CAPACITY_RANGE_MAX_DAYS} days`, [
      { path: 'to', message: `at most ${CAPACITY_RANGE_MAX_DAYS - 1} days after from` },
    ]);
  }
  if (today !== undefined && range.from < today) {
    throw new ValidationError('date_in_past', 'capacity can be set only for today and later days (UTC)', [
      { path: 'from', message: `must be ${today} or later` },
    ]);
  }
  return Array.from({ length: span }, (_, offset) => addDays(range.from, offset));
}

/** A write to one day: open a day never set, or resize one, keeping what is taken. */
export type CapacityChange =
  | { kind: 'open'; date: string; capacity: number }
  | {
      kind: 'resize';
      date: string;
      /** The capacity read; the write must find it unchanged. */
      previous: number;
      capacity: number;
      /** Added to `available`, whatever bookings have done to it since the read. */
      delta: number;
      /** The write must find at least this many beds available, so none goes below zero. */
      minAvailable: number;
    };

export type RefusedDay = { date: string; capacity: number; taken: number };

export type CapacityPlan = { changes: CapacityChange[]; refused: RefusedDay[] };

export const takenOf = (day: CapacityDay): number => day.capacity - day.available;

/** What setting `capacity` on these dates changes, given the days as stored (days never set are absent). */
export function planCapacity(
  dates: readonly string[],
  stored: readonly CapacityDay[],
  capacity: number,
): CapacityPlan {
  const byDate = new Map(stored.map((day) => [day.date, day]));
  const changes: CapacityChange[] = [];
  const refused: RefusedDay[] = [];
  for (const date of dates) {
    const day = byDate.get(date);
    if (day === undefined) {
      // A day never set has no capacity already: setting 0 on it changes nothing.
      if (capacity > 0) changes.push({ kind: 'open', date, capacity });
      continue;
    }
    if (day.capacity === capacity) continue;
    const delta = capacity - day.capacity;
    if (day.available + delta < 0) {
      refused.push({ date, capacity: day.capacity, taken: takenOf(day) });
      continue;
    }
    changes.push({
      kind: 'resize',
      date,
      previous: day.capacity,
      capacity,
      delta,
      minAvailable: Math.max(0, -delta),
    });
  }
  return { changes, refused };
}

/** Where capacity days are read and written; the store implements it over DynamoDB. */
export interface CapacityStore {
  /** The stored days from `from` to `to` inclusive, read consistently. */
  daysBetween(hospitalId: string, from: string, to: string): Promise<CapacityDay[]>;
  /**
   * Applies the changes in one transaction, each conditional on the day still
   * being as it was read. False when a condition failed: something changed since.
   */
  apply(hospitalId: string, changes: readonly CapacityChange[]): Promise<boolean>;
  /** Whether the hospital has a profile: no capacity is opened for a hospital that does not exist. */
  hospitalExists(hospitalId: string): Promise<boolean>;
}

/** Every day of the range with its beds; days never set have none. The range is checked before reading. */
export async function readCapacity(
  store: Pick<CapacityStore, 'daysBetween'>,
  hospitalId: string,
  range: DateRange,
): Promise<CapacityCalendar> {
  const dates = capacityDates(range);
  const byDate = new Map(
    (await store.daysBetween(hospitalId, range.from, range.to)).map((day) => [day.date, day]),
  );
  return {
    hospitalId,
    from: range.from,
    to: range.to,
    days: dates.map((date) => {
      const day = byDate.get(date);
      return day === undefined
        ? { date, capacity: 0, available: 0, taken: 0 }
        : { date, capacity: day.capacity, available: day.available, taken: takenOf(day) };
    }),
  };
}

function belowTaken(refused: readonly RefusedDay[], appliedUpTo: string | undefined): ConflictError {
  const kept =
    appliedUpTo === undefined
      ? 'nothing was changed'
      : `days up to ${appliedUpTo} were set; later days were left unchanged`;
  return new ConflictError(
    'capacity_below_taken',
    `more beds are already taken on ${refused.length} day(s) than the new capacity: ${kept}`,
    refused.map((day) => ({
      path: day.date,
      message: `${day.taken} of ${day.capacity} beds are taken; capacity cannot go below ${day.taken}`,
    })),
  );
}

function chunked<T>(list: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(list.length / size) }, (_, index) =>
    list.slice(index * size, (index + 1) * size),
  );
}

/**
 * Sets `capacity` beds on every day of the range. All days are checked first,
 * so a day below what is taken refuses the request before anything is written.
 * Days are then written in date order, a transaction per chunk; a chunk whose
 * days changed since the read (a booking, another edit) is re-read, re-planned
 * and written again, so a racing booking is never lost nor overbooked.
 * Answers the range as it stands once written.
 */
export async function setCapacity(
  store: CapacityStore,
  hospitalId: string,
  request: DateRange & { capacity: number },
  today: string,
): Promise<CapacityCalendar> {
  const dates = capacityDates(request, today);
  if (!(await store.hospitalExists(hospitalId))) {
    throw new NotFoundError('hospital_not_found', `no hospital has the id ${hospitalId}`);
  }
  const plan = planCapacity(
    dates,
    await store.daysBetween(hospitalId, request.from, request.to),
    request.capacity,
  );
  if (plan.refused.length > 0) throw belowTaken(plan.refused, undefined);

  let appliedUpTo: string | undefined;
  for (const chunk of chunked(plan.changes, CAPACITY_DAYS_PER_WRITE)) {
    const chunkDates = chunk.map((change) => change.date);
    const first = chunkDates[0];
    const last = chunkDates.at(-1);
    if (first === undefined || last === undefined) continue;
    let changes: readonly CapacityChange[] = chunk;
    for (let attempt = 1; changes.length > 0; attempt += 1) {
      if (await store.apply(hospitalId, changes)) break;
      if (attempt >= CAPACITY_WRITE_ATTEMPTS) {
        throw new ConflictError(
          'capacity_contended',
          `bookings or other edits kept changing the days from ${first} to ${last}, which were not set${
            appliedUpTo === undefined ? '' : ` (days up to ${appliedUpTo} were)`
          }; try again`,
        );
      }
      const replan = planCapacity(
        chunkDates,
        await store.daysBetween(hospitalId, first, last),
        request.capacity,
      );
      if (replan.refused.length > 0) throw belowTaken(replan.refused, appliedUpTo);
      changes = replan.changes;
    }
    appliedUpTo = last;
  }
  return readCapacity(store, hospitalId, request);
}
