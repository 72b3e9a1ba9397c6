/**
 * The pure parts of the agency's package composer: turning typed amounts into minor units, the form's
 * state to and from the API's shapes, and the API's validation details sorted by the field they name.
 */
import type { Currency, Language, MealPlan, ServiceKind } from '@shifa/contracts';
import type { AgencyPackageView, PackageComposition } from './api';
import { CURRENCY_LIST } from './enums';

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

/** Integer minor units as a person types them: 150050 → "1500.50", 150000 → "1500". */
export function fromMinorUnits(minor: number): string {
  const major = Math.floor(minor / 100);
  const cents = minor % 100;
  return cents === 0 ? String(major) : `${major}.${String(cents).padStart(2, '0')}`;
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
export const whole = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** Nothing chosen or typed: left out of the body, so the API names the field as required. */
const chosen = (id: string) => (id === '' ? undefined : id);
const someText = (text: Partial<Record<Language, string>>) => {
  const kept = filled(text);
  return Object.keys(kept).length === 0 ? undefined : kept;
};

/**
 * The body of POST/PUT /agency/packages. Empty choices and texts are left out (JSON drops
 * undefined) rather than sent as '' or {}: the API then says "required" of each, which the form
 * words in the reader's language, instead of a length or format rule that means nothing to them.
 */
export function compositionOf(
  draft: Draft,
  roomTypes: readonly Partial<Record<Language, string>>[],
): PackageComposition {
  const body = {
    title: someText(draft.title),
    description: someText(draft.description),
    durationDays: whole(draft.durationDays),
    treatment: {
      hospitalId: chosen(draft.hospitalId),
      programmeId: chosen(draft.programmeId),
      startDay: whole(draft.startDay),
    },
    accommodation: {
      hotelId: chosen(draft.hotelId),
      nights: whole(draft.nights),
      room: roomTypes[draft.room],
      meals: chosen(draft.meals) as MealPlan | undefined,
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
  };
  return body as PackageComposition;
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

// Departures: one row of typed amounts per currency, each line per traveller in major units.

export const PRICE_LINES = ['treatment', 'accommodation', 'sightseeing', 'services'] as const;
export type PriceLine = (typeof PRICE_LINES)[number];
export type PriceRows = Partial<Record<Currency, Partial<Record<PriceLine, string>>>>;
export type PriceOffer = { currency: Currency; lines: Record<PriceLine, number> };

/** What one traveller pays under an offer: the sum of its lines, in minor units. */
export const offerTotal = (offer: PriceOffer): number =>
  PRICE_LINES.reduce((sum, line) => sum + offer.lines[line], 0);

/** A departure's offers as the rows of the form, to be edited. */
export function priceRowsOf(offers: readonly PriceOffer[]): PriceRows {
  return Object.fromEntries(
    offers.map((offer) => [
      offer.currency,
      Object.fromEntries(PRICE_LINES.map((line) => [line, fromMinorUnits(offer.lines[line])])),
    ]),
  );
}

/**
 * The offers the filled rows make (a row left blank is no offer, a blank line in a filled row is 0),
 * and the `CUR.line` keys of amounts that are not amounts. Offers keep the order of `first`, the
 * currencies a departure already offers, because its first is what a booking pays in by default;
 * other currencies follow in the order they are listed.
 */
export function offersOf(
  rows: PriceRows,
  first: readonly Currency[] = [],
): { offers: PriceOffer[]; wrong: string[] } {
  const wrong: string[] = [];
  const order = [...new Set([...first, ...CURRENCY_LIST])];
  const offers = order.flatMap((currency) => {
    const row = rows[currency] ?? {};
    if (PRICE_LINES.every((line) => (row[line] ?? '').trim() === '')) return [];
    const lines = Object.fromEntries(
      PRICE_LINES.map((line) => {
        const text = (row[line] ?? '').trim();
        const minor = text === '' ? 0 : toMinorUnits(text);
        if (minor === undefined) wrong.push(`${currency}.${line}`);
        return [line, minor ?? 0];
      }),
    ) as Record<PriceLine, number>;
    return [{ currency, lines }];
  });
  return { offers, wrong };
}

/**
 * The API names an offer by its place in the list sent ("prices.1.lines"); the form shows offers by
 * currency, so the place becomes the currency sent there ("prices.USD.lines").
 */
export function byCurrency(problems: readonly Problem[], sent: readonly PriceOffer[]): Problem[] {
  return problems.map((problem) => {
    const match = /^prices\.(\d+)(\..*)?$/.exec(problem.path);
    const currency = match === null ? undefined : sent[Number(match[1])]?.currency;
    return currency === undefined ? problem : { ...problem, path: `prices.${currency}${match?.[2] ?? ''}` };
  });
}
