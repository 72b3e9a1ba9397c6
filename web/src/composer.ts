/**
 * The pure parts of the agency's package composer: turning typed amounts into minor units, the form's
 * state to and from the API's shapes, and the API's validation details sorted by the field they name.
 */
import type { Language, MealPlan, ServiceKind } from '@shifa/contracts';
import type { AgencyPackageView, PackageComposition } from './api';

/**
 * "1 234,50" or "1234.5" in major units to integer minor units (exponent 2 for every currency sold);
 * undefined for anything that is not a non-negative amount with at most two decimals.
 */
export function toMinorUnits(major: string): number | undefined {
  const text = major.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (match === null) return undefined;
  const minor = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(minor) ? minor : undefined;
}

export type Problem = { path: string; message: string };

/** The problems a field owns: its own path and everything under it ("sightseeing" owns "sightseeing.0.day"). */
export function problemsAt(problems: readonly Problem[], path: string): Problem[] {
  return problems.filter((problem) => problem.path === path || problem.path.startsWith(`${path}.`));
}

/** Problems no field on the form claims, shown together at its top. */
export function unclaimed(problems: readonly Problem[], fields: readonly string[]): Problem[] {
  return problems.filter((problem) => !fields.some((field) => problemsAt([problem], field).length > 0));
}

export type Tier = { daysBeforeDeparture: string; refundPercent: string };

export type Draft = {
  title: Partial<Record<Language, string>>;
  description: Partial<Record<Language, string>>;
  durationDays: string;
  hospitalId: string;
  programmeId: string;
  startDay: string;
  hotelId: string;
  nights: string;
  room: number;
  meals: MealPlan | '';
  sightseeing: { excursionId: string; day: string }[];
  services: Partial<Record<ServiceKind, Language[]>>;
  serviceLanguages: Language[];
  tiers: Tier[];
};

export const emptyDraft = (): Draft => ({
  title: {},
  description: {},
  durationDays: '10',
  hospitalId: '',
  programmeId: '',
  startDay: '2',
  hotelId: '',
  nights: '9',
  room: 0,
  meals: '',
  sightseeing: [],
  services: {},
  serviceLanguages: ['ru'],
  tiers: [
    { daysBeforeDeparture: '30', refundPercent: '100' },
    { daysBeforeDeparture: '7', refundPercent: '50' },
    { daysBeforeDeparture: '0', refundPercent: '0' },
  ],
});

const filled = (text: Partial<Record<Language, string>>) =>
  Object.fromEntries(
    Object.entries(text)
      .map(([language, value]) => [language, value?.trim() ?? ''])
      .filter(([, value]) => value !== ''),
  ) as Partial<Record<Language, string>>;

/** A number typed in a field, or NaN, which the API then names with the field's path. */
const whole = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

export function compositionOf(draft: Draft, roomTypes: readonly Partial<Record<Language, string>>[]) {
  return {
    title: filled(draft.title),
    description: filled(draft.description),
    durationDays: whole(draft.durationDays),
    treatment: {
      hospitalId: draft.hospitalId,
      programmeId: draft.programmeId,
      startDay: whole(draft.startDay),
    },
    accommodation: {
      hotelId: draft.hotelId,
      nights: whole(draft.nights),
      room: roomTypes[draft.room] ?? {},
      meals: draft.meals as MealPlan,
    },
    sightseeing: draft.sightseeing.map((visit) => ({
      excursionId: visit.excursionId,
      day: whole(visit.day),
    })),
    services: Object.entries(draft.services).map(([kind, languages]) => ({
      kind: kind as ServiceKind,
      languages: languages ?? [],
    })),
    serviceLanguages: draft.serviceLanguages,
    cancellationPolicy: {
      tiers: draft.tiers.map((tier) => ({
        daysBeforeDeparture: whole(tier.daysBeforeDeparture),
        refundPercent: whole(tier.refundPercent),
      })),
    },
  } satisfies PackageComposition;
}

export function draftOf(
  view: AgencyPackageView,
  roomTypes: readonly Partial<Record<Language, string>>[],
): Draft {
  const room = JSON.stringify(view.accommodation.room);
  return {
    title: { ...view.title },
    description: { ...view.description },
    durationDays: String(view.durationDays),
    hospitalId: view.treatment.hospitalId,
    programmeId: view.treatment.programmeId,
    startDay: String(view.treatment.startDay),
    hotelId: view.accommodation.hotelId ?? '',
    nights: String(view.accommodation.nights),
    room: Math.max(
      0,
      roomTypes.findIndex((type) => JSON.stringify(type) === room),
    ),
    meals: view.accommodation.meals,
    sightseeing: view.sightseeing
      .filter((visit) => visit.excursionId !== undefined)
      .map((visit) => ({ excursionId: visit.excursionId ?? '', day: String(visit.day) })),
    services: Object.fromEntries(view.services.map((service) => [service.kind, [...service.languages]])),
    serviceLanguages: [...view.serviceLanguages],
    tiers: view.cancellationPolicy.tiers.map((tier) => ({
      daysBeforeDeparture: String(tier.daysBeforeDeparture),
      refundPercent: String(tier.refundPercent),
    })),
  };
}
