/**
 * The agency API (/agency/...): hotels and excursions, packages composed from
 * them by reference, departures with seats and prices, and publishing.
 * Bodies refuse unknown fields; texts come in any of Shifa's languages.
 */
import * as z from 'zod';
import { ExcursionComponent, HOTEL_BEDS_MAX, Hotel } from './agency';
import {
  Departure,
  MealPlan,
  Package,
  PackageStatus,
  SERVICE_KINDS,
  ServiceKind,
  TreatmentKind,
} from './catalog';
import {
  City,
  CURRENCIES,
  Currency,
  DepartureId,
  ExcursionId,
  HospitalId,
  HotelId,
  IsoDate,
  IsoDateTime,
  int32,
  int64,
  Language,
  LocalizedText,
  PackageId,
  PRICE_LINE_MAX,
  ProgrammeId,
  RecordVersion,
} from './common';
import { intParam } from './params';

/** How a reader gets one language out of a text; said wherever agencies write texts. */
export const TEXT_FALLBACK =
  'Give the text in at least one of ru, kk, uz, ky, zh, en. A reader gets their own language if present, ' +
  'otherwise Russian, then English, then the first the text has of kk, uz, ky, zh.';

/** A name or a short label in one or more languages. */
export const LocalizedName = z
  .partialRecord(Language, z.string().trim().min(1).max(200))
  .refine((text) => Object.keys(text).length > 0, {
    message: 'give the text in at least one language',
    params: { rule: 'text_in_one_language' },
  })
  // So the document says what the refinement checks: a text in no language is refused.
  .meta({ minProperties: 1 })
  .describe(TEXT_FALLBACK);

const DescribedText = LocalizedText.describe(TEXT_FALLBACK);

const unique = <T>(items: readonly T[]) => new Set(items).size === items.length;

const versionRead = RecordVersion.describe(
  'the version you read; a write on any other version is refused (409)',
);

export const AGENCY_LIST_LIMIT_DEFAULT = 20;
export const AGENCY_LIST_LIMIT_MAX = 100;

export const AgencyListQuery = z.strictObject({
  limit: intParam(1, AGENCY_LIST_LIMIT_MAX).optional(),
  cursor: z.string().min(1).max(1024).optional().describe('nextCursor of the previous page, unchanged'),
});
export type AgencyListQuery = z.infer<typeof AgencyListQuery>;

// Hotels

const hotelFields = {
  name: LocalizedName,
  city: City,
  stars: int32(1, 5).optional(),
  address: z.string().trim().min(1).max(300).optional(),
  beds: int32(1, HOTEL_BEDS_MAX).describe(
    'beds per night the hotel holds for your travellers: no departure may sell more',
  ),
  roomTypes: z.array(LocalizedName).min(1).max(20),
  meals: z.array(MealPlan).min(1).max(4).refine(unique, 'list each meal plan once'),
};
export const CreateHotelBody = z.strictObject(hotelFields);
export type CreateHotelBody = z.infer<typeof CreateHotelBody>;
export const UpdateHotelBody = z.strictObject({ ...hotelFields, version: versionRead });
export type UpdateHotelBody = z.infer<typeof UpdateHotelBody>;

export const HotelPathParams = z.strictObject({ hotelId: HotelId });
export const HotelList = z.object({ items: z.array(Hotel), nextCursor: z.string().nullable() });
export type HotelList = z.infer<typeof HotelList>;

// Excursions

const excursionFields = {
  name: LocalizedName,
  description: DescribedText.optional(),
  city: City,
  hours: int32(1, 24),
};
export const CreateExcursionBody = z.strictObject(excursionFields);
export type CreateExcursionBody = z.infer<typeof CreateExcursionBody>;
export const UpdateExcursionBody = z.strictObject({ ...excursionFields, version: versionRead });
export type UpdateExcursionBody = z.infer<typeof UpdateExcursionBody>;

export const ExcursionPathParams = z.strictObject({ excursionId: ExcursionId });
export const ExcursionList = z.object({
  items: z.array(ExcursionComponent),
  nextCursor: z.string().nullable(),
});
export type ExcursionList = z.infer<typeof ExcursionList>;

// Packages

export const TRIP_DAYS_MAX = 60;
export const SIGHTSEEING_MAX = 20;

const tripDay = int32(1, TRIP_DAYS_MAX);

const compositionFields = {
  title: LocalizedName,
  description: DescribedText,
  durationDays: tripDay.describe('length of the trip in days, arrival day included'),
  treatment: z.strictObject({
    hospitalId: HospitalId,
    programmeId: ProgrammeId.describe("one of that hospital's programmes"),
    startDay: tripDay.describe('day of the trip (1 = arrival) on which treatment starts'),
  }),
  accommodation: z.strictObject({
    hotelId: HotelId.describe('one of your hotels, in the city of the hospital'),
    nights: int32(0, TRIP_DAYS_MAX - 1),
    room: LocalizedName.describe("one of the hotel's room types"),
    meals: MealPlan.describe('one of the meal plans the hotel offers'),
  }),
  sightseeing: z
    .array(z.strictObject({ excursionId: ExcursionId.describe('one of your excursions'), day: tripDay }))
    .max(SIGHTSEEING_MAX),
  services: z
    .array(
      z.strictObject({
        kind: ServiceKind,
        languages: z.array(Language).max(6).describe('an interpreter needs at least one'),
      }),
    )
    .max(SERVICE_KINDS.length),
  serviceLanguages: z
    .array(Language)
    .min(1)
    .max(6)
    .describe('languages travellers are served in on the trip; tourists search by them'),
  cancellationPolicy: z.strictObject({
    tiers: z
      .array(
        z.strictObject({
          daysBeforeDeparture: int32(0, 365),
          refundPercent: int32(0, 100),
        }),
      )
      .min(1)
      .max(10)
      .describe(
        'from the most days before departure to the fewest, each refunding no more than the one before',
      ),
  }),
};

/** A package composed by reference; the server copies names and titles from what the ids name. */
export const CreatePackageBody = z.strictObject(compositionFields);
export type PackageComposition = z.infer<typeof CreatePackageBody>;
export const UpdatePackageBody = z.strictObject({ ...compositionFields, version: versionRead });
export type UpdatePackageBody = z.infer<typeof UpdatePackageBody>;

// Departures

const priceLine = int64(0, PRICE_LINE_MAX);

export const PriceOfferInput = z.strictObject({
  currency: Currency,
  lines: z
    .strictObject({
      treatment: priceLine,
      accommodation: priceLine,
      sightseeing: priceLine,
      services: priceLine,
    })
    .describe('per traveller, in minor units of the currency; the total must be above zero'),
});
export type PriceOfferInput = z.infer<typeof PriceOfferInput>;

const departureFields = {
  seats: int32(1, HOTEL_BEDS_MAX),
  prices: z.array(PriceOfferInput).min(1).max(CURRENCIES.length).describe('one offer per currency'),
};

export const CreateDepartureBody = z.strictObject({
  startDate: IsoDate.describe('after today (UTC); the end date follows from the package length'),
  ...departureFields,
});
export type CreateDepartureBody = z.infer<typeof CreateDepartureBody>;

export const UpdateDepartureBody = z
  .strictObject({
    version: versionRead.describe("the package's version you read"),
    ...departureFields,
  })
  .describe(
    'New seats and prices for a departure. Seats left move by the change in seats and may not fall below ' +
      'the seats already sold. New prices apply to bookings made from now on: every booking keeps a ' +
      'snapshot of the prices it was made at, which no edit changes.',
  );
export type UpdateDepartureBody = z.infer<typeof UpdateDepartureBody>;

export const DeparturePathParams = z.strictObject({ packageId: PackageId, departureId: DepartureId });

// Responses

export const AgencyDepartureView = Departure.extend({ seatsSold: z.number().int().min(0) });
export type AgencyDepartureView = z.infer<typeof AgencyDepartureView>;

/** The package as its agency edits it: every language of every text, and all departures, past ones too. */
export const AgencyPackageView = Package.extend({
  version: RecordVersion,
  departures: z.array(AgencyDepartureView),
});
export type AgencyPackageView = z.infer<typeof AgencyPackageView>;

export const AgencyPackageSummary = z.object({
  packageId: PackageId,
  status: PackageStatus,
  version: RecordVersion,
  title: LocalizedText,
  city: City,
  durationDays: z.number().int(),
  treatmentKind: TreatmentKind,
  hospitalId: HospitalId,
  programmeId: ProgrammeId,
  updatedAt: IsoDateTime.optional(),
});
export type AgencyPackageSummary = z.infer<typeof AgencyPackageSummary>;

export const AgencyPackageList = z.object({
  items: z.array(AgencyPackageSummary),
  nextCursor: z.string().nullable(),
});
export type AgencyPackageList = z.infer<typeof AgencyPackageList>;
