/**
 * Composing a package by reference: an agency names a hospital's programme,
 * one of its hotels and its excursions; this module checks that the pieces fit
 * one trip and copies what tourists read (names, titles, what is included)
 * into the package record. Pure: the referenced records arrive already read,
 * and only the agency's own hotels and excursions are ever among them.
 */

import {
  type Agency,
  type ExcursionComponent,
  type Hospital,
  type Hotel,
  LANGUAGES,
  type LocalizedText,
  type Package,
  type PackageComposition,
  type PackageStatus,
  type TreatmentProgramme,
} from '@shifa/contracts';
import { fitsOneHold, MAX_DAYS_AND_NIGHTS } from '../booking/limits';
import { type ErrorDetail, ValidationError } from '../errors';

export type CompositionRefs = {
  agency: Agency;
  hospital: Hospital | undefined;
  /** The programme named, if it belongs to the hospital named. */
  programme: TreatmentProgramme | undefined;
  /** The hotel named, if it is the agency's. */
  hotel: Hotel | undefined;
  /** The excursions named that are the agency's, by id. */
  excursions: ReadonlyMap<string, ExcursionComponent>;
};

export type PackageIdentity = {
  packageId: string;
  agencyId: string;
  status: PackageStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
};

/** A text matches another if any language both have reads the same, ignoring case and outer spaces. */
function sameText(a: LocalizedText, b: LocalizedText): boolean {
  const norm = (text: string) => text.trim().toLocaleLowerCase();
  return LANGUAGES.some((language) => {
    const left = a[language];
    const right = b[language];
    return left !== undefined && right !== undefined && norm(left) === norm(right);
  });
}

function duplicates<T>(items: readonly T[]): number[] {
  return items.flatMap((item, index) => (items.indexOf(item) < index ? [index] : []));
}

function referenceProblems(input: PackageComposition, refs: CompositionRefs): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const { hospital, programme, hotel } = refs;
  if (hospital === undefined) {
    problems.push({ path: 'treatment.hospitalId', message: 'no hospital has this id' });
  } else if (programme === undefined) {
    problems.push({ path: 'treatment.programmeId', message: 'this hospital has no programme with this id' });
  }
  if (hotel === undefined) {
    problems.push({ path: 'accommodation.hotelId', message: 'none of your hotels has this id' });
  }
  for (const [index, visit] of input.sightseeing.entries()) {
    if (!refs.excursions.has(visit.excursionId)) {
      problems.push({
        path: `sightseeing.${index}.excursionId`,
        message: 'none of your excursions has this id',
      });
    }
  }
  return problems;
}

function tripProblems(input: PackageComposition, refs: CompositionRefs): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const { durationDays } = input;
  const { programme, hospital, hotel } = refs;
  if (programme !== undefined) {
    const lastDay = input.treatment.startDay + programme.days - 1;
    if (lastDay > durationDays) {
      problems.push({
        path: 'treatment.startDay',
        message: `the ${programme.days}-day treatment starting on day ${input.treatment.startDay} ends on day ${lastDay}, after the trip's last day ${durationDays}`,
        rule: 'treatment_past_trip',
        params: { days: programme.days, lastDay, durationDays },
      });
    }
  }
  if (programme !== undefined && !fitsOneHold(programme.days, input.accommodation.nights)) {
    problems.push({
      path: 'accommodation.nights',
      message: `${programme.days} treatment days and ${input.accommodation.nights} nights cannot be booked at once: together they may be at most ${MAX_DAYS_AND_NIGHTS}`,
      rule: 'booking_too_large',
      params: {
        treatmentDays: programme.days,
        nights: input.accommodation.nights,
        maxDaysAndNights: MAX_DAYS_AND_NIGHTS,
      },
    });
  }
  if (input.accommodation.nights > durationDays - 1) {
    problems.push({
      path: 'accommodation.nights',
      message: `a ${durationDays}-day trip has at most ${durationDays - 1} nights`,
      rule: 'too_many_nights',
      params: { durationDays, maxNights: durationDays - 1 },
    });
  }
  if (hotel !== undefined) {
    if (hospital !== undefined && hotel.city !== hospital.city) {
      problems.push({
        path: 'accommodation.hotelId',
        message: `the hotel is in ${hotel.city}, the hospital in ${hospital.city}: choose a hotel in ${hospital.city}`,
        rule: 'hotel_other_city',
        params: { hotelCity: hotel.city, hospitalCity: hospital.city },
      });
    }
    if (!hotel.roomTypes.some((room) => sameText(room, input.accommodation.room))) {
      problems.push({
        path: 'accommodation.room',
        message: "not one of the hotel's room types",
        rule: 'room_not_offered',
      });
    }
    if (!hotel.meals.includes(input.accommodation.meals)) {
      problems.push({
        path: 'accommodation.meals',
        message: `the hotel offers ${hotel.meals.join(', ')}`,
        rule: 'meals_not_offered',
      });
    }
  }
  for (const [index, visit] of input.sightseeing.entries()) {
    if (visit.day > durationDays) {
      problems.push({
        path: `sightseeing.${index}.day`,
        message: `the trip has ${durationDays} days`,
        rule: 'day_past_trip',
        params: { durationDays },
      });
    }
  }
  for (const index of duplicates(input.sightseeing.map((visit) => visit.excursionId))) {
    problems.push({
      path: `sightseeing.${index}.excursionId`,
      message: 'this excursion is already in the package',
      rule: 'excursion_twice',
    });
  }
  return problems;
}

function serviceProblems(input: PackageComposition): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const index of duplicates(input.serviceLanguages)) {
    problems.push({ path: `serviceLanguages.${index}`, message: 'listed twice', rule: 'listed_twice' });
  }
  for (const index of duplicates(input.services.map((service) => service.kind))) {
    problems.push({
      path: `services.${index}.kind`,
      message: 'this service is already in the package',
      rule: 'service_twice',
    });
  }
  for (const [index, service] of input.services.entries()) {
    for (const at of duplicates(service.languages)) {
      problems.push({
        path: `services.${index}.languages.${at}`,
        message: 'listed twice',
        rule: 'listed_twice',
      });
    }
    if (service.kind !== 'interpreter') continue;
    if (service.languages.length === 0) {
      problems.push({
        path: `services.${index}.languages`,
        message: 'say which languages the interpreter speaks with travellers',
        rule: 'interpreter_languages',
      });
    }
    for (const [at, language] of service.languages.entries()) {
      if (!input.serviceLanguages.includes(language)) {
        problems.push({
          path: `services.${index}.languages.${at}`,
          message: 'list it in serviceLanguages too, so travellers searching in it find the package',
          rule: 'service_language_unlisted',
        });
      }
    }
  }
  return problems;
}

function policyProblems(input: PackageComposition): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const tiers = input.cancellationPolicy.tiers;
  for (const [index, tier] of tiers.entries()) {
    const previous = tiers[index - 1];
    if (previous === undefined) continue;
    if (tier.daysBeforeDeparture >= previous.daysBeforeDeparture) {
      problems.push({
        path: `cancellationPolicy.tiers.${index}.daysBeforeDeparture`,
        message: 'list tiers from the most days before departure to the fewest, each number of days once',
        rule: 'tiers_order',
      });
    } else if (tier.refundPercent > previous.refundPercent) {
      problems.push({
        path: `cancellationPolicy.tiers.${index}.refundPercent`,
        message: `cancelling later cannot refund more than the ${previous.refundPercent}% of the tier before`,
        rule: 'tier_refund_rises',
        params: { previous: previous.refundPercent },
      });
    }
  }
  return problems;
}

/** Every reason the composition does not make a package, each with the path of the field to change. */
export function compositionProblems(input: PackageComposition, refs: CompositionRefs): ErrorDetail[] {
  return [
    ...referenceProblems(input, refs),
    ...tripProblems(input, refs),
    ...serviceProblems(input),
    ...policyProblems(input),
  ];
}

const invalidComposition = (problems: ErrorDetail[]) =>
  new ValidationError('invalid_composition', 'the package does not fit together: see details', problems);

/** The package record for a composition, or a 400 listing every problem. */
export function composePackage(
  input: PackageComposition,
  refs: CompositionRefs,
  identity: PackageIdentity,
): Package {
  const problems = compositionProblems(input, refs);
  const { hospital, programme, hotel } = refs;
  if (problems.length > 0 || hospital === undefined || programme === undefined || hotel === undefined) {
    throw invalidComposition(problems);
  }
  // The hotel's own wording of the room, in all its languages, is what travellers read.
  const room =
    hotel.roomTypes.find((type) => sameText(type, input.accommodation.room)) ?? input.accommodation.room;
  return {
    packageId: identity.packageId,
    agencyId: identity.agencyId,
    agency: { name: refs.agency.name },
    hospital: {
      hospitalId: hospital.hospitalId,
      name: hospital.name,
      city: hospital.city,
      languages: hospital.languages,
    },
    status: identity.status,
    title: input.title,
    description: input.description,
    city: hospital.city,
    durationDays: input.durationDays,
    treatment: {
      hospitalId: hospital.hospitalId,
      programmeId: programme.programmeId,
      kind: programme.kind,
      title: programme.title,
      startDay: input.treatment.startDay,
      days: programme.days,
      sessions: programme.sessions,
      includes: programme.includes,
    },
    accommodation: {
      hotelId: hotel.hotelId,
      name: hotel.name,
      ...(hotel.stars === undefined ? {} : { stars: hotel.stars }),
      nights: input.accommodation.nights,
      room,
      meals: input.accommodation.meals,
    },
    sightseeing: input.sightseeing.flatMap((visit) => {
      const excursion = refs.excursions.get(visit.excursionId);
      return excursion === undefined
        ? []
        : [
            {
              excursionId: excursion.excursionId,
              name: excursion.name,
              day: visit.day,
              hours: excursion.hours,
            },
          ];
    }),
    services: input.services,
    serviceLanguages: input.serviceLanguages,
    cancellationPolicy: { tiers: input.cancellationPolicy.tiers },
    version: identity.version,
    createdAt: identity.createdAt,
    updatedAt: identity.updatedAt,
  };
}

/**
 * The composition a stored package was made from, to compose it again from
 * what its references say now (at publishing). A package composed outside
 * this API names no hotel: it must be composed here first.
 */
export function compositionOf(pkg: Package): PackageComposition {
  const hotelId = pkg.accommodation.hotelId;
  const missing: ErrorDetail[] = [];
  if (hotelId === undefined) {
    missing.push({
      path: 'accommodation.hotelId',
      message: 'choose one of your hotels (update the package)',
    });
  }
  const sightseeing = pkg.sightseeing.flatMap((visit, index) => {
    if (visit.excursionId !== undefined) return [{ excursionId: visit.excursionId, day: visit.day }];
    missing.push({
      path: `sightseeing.${index}.excursionId`,
      message: 'choose one of your excursions (update the package)',
    });
    return [];
  });
  if (missing.length > 0 || hotelId === undefined) throw invalidComposition(missing);
  return {
    title: pkg.title,
    description: pkg.description,
    durationDays: pkg.durationDays,
    treatment: {
      hospitalId: pkg.treatment.hospitalId,
      programmeId: pkg.treatment.programmeId,
      startDay: pkg.treatment.startDay,
    },
    accommodation: {
      hotelId,
      nights: pkg.accommodation.nights,
      room: pkg.accommodation.room,
      meals: pkg.accommodation.meals,
    },
    sightseeing,
    services: pkg.services,
    serviceLanguages: pkg.serviceLanguages,
    cancellationPolicy: { tiers: pkg.cancellationPolicy.tiers },
  };
}

/**
 * Fields whose change would move the days travellers are treated or stay:
 * bookings hold the hospital's beds for exactly those days, so once seats
 * are sold these are fixed.
 */
export function lockedChanges(before: Package, after: Package): string[] {
  const changed: string[] = [];
  if (before.durationDays !== after.durationDays) changed.push('durationDays');
  if (before.treatment.hospitalId !== after.treatment.hospitalId) changed.push('treatment.hospitalId');
  if (before.treatment.programmeId !== after.treatment.programmeId) changed.push('treatment.programmeId');
  if (before.treatment.startDay !== after.treatment.startDay) changed.push('treatment.startDay');
  if (before.treatment.days !== after.treatment.days) changed.push('treatment.days');
  if (before.accommodation.hotelId !== after.accommodation.hotelId) changed.push('accommodation.hotelId');
  if (before.accommodation.nights !== after.accommodation.nights) changed.push('accommodation.nights');
  return changed;
}
