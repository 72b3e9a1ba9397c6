/**
 * The public catalog API: query parameters and responses of GET /packages and
 * GET /packages/{packageId}. Texts are resolved to one language per response.
 */
import * as z from 'zod';
import {
  Accommodation,
  CancellationPolicy,
  Excursion,
  PriceLines,
  Service,
  Treatment,
  TreatmentKind,
} from './catalog';
import {
  AgencyId,
  City,
  Currency,
  DepartureId,
  HospitalId,
  IsoDate,
  Language,
  MinorUnits,
  PackageId,
} from './common';
import { intParam } from './params';

export const LIST_LIMIT_DEFAULT = 20;
export const LIST_LIMIT_MAX = 50;
/** Widest date window a search may ask for, so that one search reads a bounded amount. */
export const SEARCH_WINDOW_MAX_DAYS = 731;

export const ListPackagesQuery = z
  .strictObject({
    treatment: TreatmentKind.optional(),
    city: City.optional(),
    from: IsoDate.optional().describe('earliest departure date, default today (UTC)'),
    to: IsoDate.optional().describe('latest departure date, default one year after `from`'),
    maxPrice: intParam(1, Number.MAX_SAFE_INTEGER)
      .optional()
      .describe('highest total price per traveller, in minor units of `currency`'),
    currency: Currency.optional(),
    language: Language.optional().describe('a language the traveller must be served in on the trip'),
    travellers: intParam(1, 50).optional().describe('how many travellers must still fit, default 1'),
    limit: intParam(1, LIST_LIMIT_MAX).optional(),
    cursor: z.string().min(1).max(1024).optional(),
    lang: Language.optional().describe('language of the response; otherwise Accept-Language'),
  })
  .refine((q) => q.maxPrice === undefined || q.currency !== undefined, {
    path: ['currency'],
    message: 'give the currency of maxPrice, e.g. currency=KZT',
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    path: ['to'],
    message: 'the date window ends before it starts',
  });
export type ListPackagesQuery = z.infer<typeof ListPackagesQuery>;

export const PackagePathParams = z.strictObject({ packageId: PackageId });

export const GetPackageQuery = z.strictObject({ lang: Language.optional() });

export const PriceView = z.object({
  currency: Currency,
  perTraveller: PriceLines.extend({ total: MinorUnits }),
});
export type PriceView = z.infer<typeof PriceView>;

export const DepartureView = z.object({
  departureId: DepartureId,
  startDate: IsoDate,
  endDate: IsoDate,
  seatsTotal: z.number().int(),
  seatsLeft: z.number().int(),
  prices: z.array(PriceView),
});
export type DepartureView = z.infer<typeof DepartureView>;

export const HospitalView = z.object({
  hospitalId: HospitalId,
  name: z.string(),
  city: City,
  languages: z.array(Language),
});

export const AgencyView = z.object({ agencyId: AgencyId, name: z.string() });

export const PackageSummary = z.object({
  packageId: PackageId,
  title: z.string(),
  description: z.string(),
  city: City,
  treatmentKind: TreatmentKind,
  durationDays: z.number().int(),
  hospital: HospitalView,
  agency: AgencyView,
  serviceLanguages: z.array(Language),
  /** Lowest total per traveller among the matching departures, one per currency. */
  priceFrom: z.array(z.object({ currency: Currency, amount: MinorUnits })),
  /** The departures that match the search, soonest first. */
  departures: z.array(DepartureView),
});
export type PackageSummary = z.infer<typeof PackageSummary>;

export const PackageListResponse = z.object({
  language: Language,
  items: z.array(PackageSummary),
  nextCursor: z.string().nullable(),
});
export type PackageListResponse = z.infer<typeof PackageListResponse>;

export const ItineraryDay = z.object({
  day: z.number().int(),
  activities: z.array(
    z.object({
      kind: z.enum(['arrival', 'treatment', 'excursion', 'free', 'departure']),
      title: z.string(),
    }),
  ),
});
export type ItineraryDay = z.infer<typeof ItineraryDay>;

export const PackageDetail = z.object({
  language: Language,
  packageId: PackageId,
  title: z.string(),
  description: z.string(),
  city: City,
  durationDays: z.number().int(),
  nights: z.number().int(),
  hospital: HospitalView,
  agency: AgencyView,
  serviceLanguages: z.array(Language),
  treatment: z.object({
    ...Treatment.pick({
      hospitalId: true,
      programmeId: true,
      kind: true,
      startDay: true,
      days: true,
      sessions: true,
    }).shape,
    title: z.string(),
    includes: z.array(z.string()),
  }),
  accommodation: z.object({
    ...Accommodation.pick({ stars: true, nights: true, meals: true }).shape,
    name: z.string(),
    room: z.string(),
  }),
  sightseeing: z.array(z.object({ ...Excursion.pick({ day: true, hours: true }).shape, name: z.string() })),
  services: z.array(Service),
  itinerary: z.array(ItineraryDay),
  departures: z.array(DepartureView),
  cancellationPolicy: CancellationPolicy,
});
export type PackageDetail = z.infer<typeof PackageDetail>;
