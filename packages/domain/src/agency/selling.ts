/**
 * What must hold before a package is offered to tourists, and while it stays
 * offered: a verified agency, a verified hospital, an upcoming departure, and
 * beds for every seat offered (the hospital's on each treatment day, the
 * hotel's on each night). Departures of one package that overlap add up.
 */
import type { Agency, CapacityDay, Departure, Hospital, Package } from '@shifa/contracts';
import { hotelNights, treatmentDates } from '../booking/hold';
import { addDays, daysBetween } from '../dates';
import { ConflictError, type ErrorDetail } from '../errors';
import { isUpcoming } from './departures';
import { agencyErrors } from './errors';

/** Only an agency on record and not suspended may change anything; returns its profile. */
export function assertAgencyMayWrite(agency: Agency | undefined): Agency {
  if (agency === undefined) throw agencyErrors.agencyUnknown();
  if (agency.status === 'suspended') throw agencyErrors.agencySuspended();
  return agency;
}

export function assertAgencyMaySell(agency: Agency): void {
  if (agency.status === 'suspended') throw agencyErrors.agencySuspended();
  if (agency.status !== 'verified') throw agencyErrors.agencyNotVerified();
}

export function assertHospitalVerified(hospitalId: string, hospital: Hospital | undefined): void {
  if (hospital?.status !== 'verified') throw agencyErrors.hospitalNotVerified(hospitalId);
}

/** Dates as compact ranges: 2026-05-03..2026-05-05, 2026-05-09. */
export function dateRanges(dates: readonly string[]): string {
  const sorted = [...new Set(dates)].sort();
  const ranges: string[] = [];
  let first = sorted[0];
  let last = first;
  for (const date of [...sorted.slice(1), undefined]) {
    if (date !== undefined && last !== undefined && daysBetween(last, date) === 1) {
      last = date;
      continue;
    }
    if (first !== undefined && last !== undefined) ranges.push(first === last ? first : `${first}..${last}`);
    first = date;
    last = date;
  }
  return ranges.join(', ');
}

export type Shortfall = { departureId: string; seats: number; dates: string[] };

/**
 * Departures whose seats, added to those of the package's other departures
 * on the same dates, exceed what `available` allows on some of their dates.
 */
function shortfalls(
  departures: readonly Departure[],
  datesOf: (departure: Departure) => string[],
  available: (date: string) => number,
): Shortfall[] {
  const demand = new Map<string, number>();
  for (const departure of departures) {
    for (const date of datesOf(departure)) {
      demand.set(date, (demand.get(date) ?? 0) + departure.seatsTotal);
    }
  }
  return departures.flatMap((departure) => {
    const dates = datesOf(departure).filter((date) => available(date) < (demand.get(date) ?? 0));
    return dates.length === 0
      ? []
      : [{ departureId: departure.departureId, seats: departure.seatsTotal, dates }];
  });
}

/** Treatment days short of hospital beds; a day the hospital never opened has none. */
export function hospitalShortfalls(
  pkg: Package,
  departures: readonly Departure[],
  capacity: readonly CapacityDay[],
): Shortfall[] {
  const beds = new Map(capacity.map((day) => [day.date, day.capacity]));
  return shortfalls(
    departures,
    (departure) => treatmentDates(pkg, departure.startDate),
    (date) => beds.get(date) ?? 0,
  );
}

export function hotelShortfalls(pkg: Package, departures: readonly Departure[], beds: number): Shortfall[] {
  return shortfalls(
    departures,
    (departure) => hotelNights(pkg, departure.startDate),
    () => beds,
  );
}

/** The treatment days of the upcoming departures, first to last: the capacity to read. */
export function capacityWindow(
  pkg: Package,
  departures: readonly Departure[],
  today: string,
): { from: string; to: string } | undefined {
  const starts = departures
    .filter((departure) => isUpcoming(departure, today))
    .map((d) => d.startDate)
    .sort();
  const first = starts[0];
  const last = starts.at(-1);
  if (first === undefined || last === undefined) return undefined;
  return {
    from: addDays(first, pkg.treatment.startDay - 1),
    to: addDays(last, pkg.treatment.startDay + pkg.treatment.days - 2),
  };
}

export type SellingFacts = {
  agency: Agency;
  hospital: Hospital | undefined;
  /** The hotel's beds for this agency; undefined for a package that names no hotel. */
  hotelBeds: number | undefined;
  /** The hospital's capacity days over `capacityWindow`. */
  capacity: readonly CapacityDay[];
  today: string;
};

const shortfallDetails = (found: Shortfall[], what: string): ErrorDetail[] =>
  found.map((shortfall) => ({
    path: `departures.${shortfall.departureId}`,
    message: `${shortfall.seats} seats need ${what} on ${dateRanges(shortfall.dates)}`,
  }));

/**
 * Throws the first reason the package, with these departures, cannot be
 * offered: 403 agency_not_verified, 409 hospital_not_verified,
 * no_upcoming_departure, insufficient_hospital_capacity, insufficient_hotel_beds.
 */
export function assertSellable(
  pkg: Package,
  departures: readonly Departure[],
  facts: SellingFacts,
  options: { requireUpcomingDeparture: boolean },
): void {
  assertAgencyMaySell(facts.agency);
  assertHospitalVerified(pkg.hospital.hospitalId, facts.hospital);
  const upcoming = departures.filter((departure) => isUpcoming(departure, facts.today));
  if (options.requireUpcomingDeparture && upcoming.length === 0) {
    throw new ConflictError('no_upcoming_departure', 'add a departure after today before publishing', [
      { path: 'departures', message: 'none starts after today' },
    ]);
  }
  const hospital = hospitalShortfalls(pkg, upcoming, facts.capacity);
  if (hospital.length > 0) {
    throw new ConflictError(
      'insufficient_hospital_capacity',
      'the hospital has fewer beds for international patients than the seats offered on some treatment days: offer fewer seats or other dates',
      shortfallDetails(hospital, 'more hospital beds than the hospital has'),
    );
  }
  const hotel = facts.hotelBeds === undefined ? [] : hotelShortfalls(pkg, upcoming, facts.hotelBeds);
  if (hotel.length > 0) {
    throw new ConflictError(
      'insufficient_hotel_beds',
      `the hotel holds ${facts.hotelBeds} beds a night for your travellers, fewer than the seats offered on some nights`,
      shortfallDetails(hotel, 'more hotel beds than it holds for you'),
    );
  }
}
