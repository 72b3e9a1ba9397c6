/**
 * Departures as an agency sets them: dated, with seats and per-traveller
 * prices in one or more currencies. Seats already sold bound every change;
 * the prices of bookings already made are snapshots and never change here.
 */
import type {
  CreateDepartureBody,
  Departure,
  Package,
  PriceOfferInput,
  UpdateDepartureBody,
} from '@shifa/contracts';
import { addDays, daysBetween } from '../dates';
import { ConflictError, type ErrorDetail, ValidationError } from '../errors';
import { totalOf } from '../pricing';
import { agencyErrors } from './errors';

/** A publish rewrites every departure in one transaction (at most 100 items), so a package has at most 50. */
export const DEPARTURES_PER_PACKAGE_MAX = 50;

/** How far ahead a departure may start. */
export const DEPARTURE_DAYS_AHEAD_MAX = 730;

export const endDateOf = (pkg: Pick<Package, 'durationDays'>, startDate: string): string =>
  addDays(startDate, pkg.durationDays - 1);

export const seatsSold = (departure: Departure): number => departure.seatsTotal - departure.seatsLeft;

/** A departure can still be sold, and must still be deliverable, until the day it leaves. */
export const isUpcoming = (departure: Departure, today: string): boolean => departure.startDate > today;

function priceProblems(prices: readonly PriceOfferInput[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const [index, offer] of prices.entries()) {
    if (prices.findIndex((other) => other.currency === offer.currency) < index) {
      problems.push({ path: `prices.${index}.currency`, message: 'one offer per currency' });
    }
    if (totalOf(offer.lines) === 0) {
      problems.push({ path: `prices.${index}.lines`, message: 'the price per traveller must be above zero' });
    }
  }
  return problems;
}

function invalid(problems: ErrorDetail[]): ValidationError {
  return new ValidationError('invalid_departure', 'the departure is not valid: see details', problems);
}

export function newDeparture(
  pkg: Package,
  existing: readonly Departure[],
  input: CreateDepartureBody,
  departureId: string,
  today: string,
): Departure {
  const problems = priceProblems(input.prices);
  if (input.startDate <= today) {
    problems.unshift({ path: 'startDate', message: `start after today (${today}, UTC)` });
  } else if (daysBetween(today, input.startDate) > DEPARTURE_DAYS_AHEAD_MAX) {
    problems.unshift({ path: 'startDate', message: `at most ${DEPARTURE_DAYS_AHEAD_MAX} days ahead` });
  }
  if (problems.length > 0) throw invalid(problems);
  if (existing.length >= DEPARTURES_PER_PACKAGE_MAX) {
    throw new ConflictError(
      'too_many_departures',
      `a package has at most ${DEPARTURES_PER_PACKAGE_MAX} departures; delete unsold ones or start a new package`,
    );
  }
  if (existing.some((departure) => departure.startDate === input.startDate)) {
    throw new ConflictError(
      'departure_date_taken',
      'the package already departs on this date: change that one',
      [{ path: 'startDate', message: 'a departure on this date exists' }],
    );
  }
  return {
    departureId,
    packageId: pkg.packageId,
    startDate: input.startDate,
    endDate: endDateOf(pkg, input.startDate),
    seatsTotal: input.seats,
    seatsLeft: input.seats,
    prices: input.prices,
  };
}

/** New seats and prices; seats left move by the change in seats. */
export function changeDeparture(
  current: Departure,
  input: Pick<UpdateDepartureBody, 'seats' | 'prices'>,
  today: string,
): { departure: Departure; seatsDelta: number } {
  const problems = priceProblems(input.prices);
  if (problems.length > 0) throw invalid(problems);
  if (!isUpcoming(current, today)) {
    throw new ConflictError(
      'departure_started',
      'this departure has left (or leaves today): it can no longer change',
    );
  }
  const sold = seatsSold(current);
  if (input.seats < sold) throw agencyErrors.seatsBelowSold(sold);
  const seatsDelta = input.seats - current.seatsTotal;
  return {
    departure: {
      ...current,
      seatsTotal: input.seats,
      seatsLeft: current.seatsLeft + seatsDelta,
      prices: input.prices,
    },
    seatsDelta,
  };
}

export function assertDeletable(departure: Departure): void {
  if (seatsSold(departure) > 0) throw agencyErrors.departureHasBookings();
}
