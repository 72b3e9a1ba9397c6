/**
 * The catalog: hospitals' treatment programmes packaged by agencies with a stay,
 * sightseeing and services, sold on dated departures.
 */
import * as z from 'zod';
import {
  AgencyId,
  City,
  Country,
  Currency,
  DepartureId,
  ExcursionId,
  HospitalId,
  HotelId,
  IsoDate,
  IsoDateTime,
  int32,
  Language,
  LocalizedText,
  MinorUnits,
  PackageId,
  ProgrammeId,
} from './common';
import { OrganisationStatus } from './identity';

export const TREATMENT_KINDS = [
  'acupuncture',
  'massage',
  'herbal_therapy',
  'catgut_embedding',
  'cupping',
  'rehabilitation',
  'orthopaedics',
  'uyghur_medicine',
  'mongolian_medicine',
] as const;
export const TreatmentKind = z.enum(TREATMENT_KINDS);
export type TreatmentKind = z.infer<typeof TreatmentKind>;

export const SERVICE_KINDS = [
  'airport_pickup',
  'interpreter',
  'familiar_meals',
  'visa_letter',
  'transfers',
] as const;
export const ServiceKind = z.enum(SERVICE_KINDS);
export type ServiceKind = z.infer<typeof ServiceKind>;

export const PACKAGE_STATUSES = ['draft', 'published', 'unpublished'] as const;
export const PackageStatus = z.enum(PACKAGE_STATUSES);
export type PackageStatus = z.infer<typeof PackageStatus>;

/** How patients and agencies reach an organisation's international office. */
export const Contact = z.strictObject({
  email: z.email().max(254),
  /** `+` and at most 15 digits (E.164); the length is said apart for tools that bound strings by it. */
  phone: z
    .string()
    .max(16)
    .regex(/^\+[1-9]\d{6,14}$/, 'write the phone number in international form, e.g. +8699112345678'),
  /** Messengers patients from Central Asia use: WhatsApp or Telegram handles or numbers. */
  messengers: z
    .array(
      z.strictObject({
        kind: z.enum(['whatsapp', 'telegram', 'wechat']),
        handle: z.string().trim().min(2).max(64),
      }),
    )
    .max(3),
  hours: z.string().trim().min(1).max(200).optional(),
});
export type Contact = z.infer<typeof Contact>;

export const Hospital = z.object({
  hospitalId: HospitalId,
  status: OrganisationStatus,
  name: LocalizedText,
  city: City,
  languages: z.array(Language).min(1).max(6),
  departments: z.array(LocalizedText).max(30),
  accreditation: z.string().trim().min(1).max(200).optional(),
  internationalOffice: Contact.optional(),
});
export type Hospital = z.infer<typeof Hospital>;

export const Agency = z.object({
  agencyId: AgencyId,
  status: OrganisationStatus,
  name: LocalizedText,
  city: z.string().trim().min(1).max(80),
  country: Country,
  languages: z.array(Language).min(1).max(6),
  contact: Contact.optional(),
});
export type Agency = z.infer<typeof Agency>;

export const TreatmentProgramme = z.object({
  programmeId: ProgrammeId,
  hospitalId: HospitalId,
  kind: TreatmentKind,
  title: LocalizedText,
  days: int32(1, 60),
  sessions: int32(1, 200),
  includes: z.array(LocalizedText).max(20),
  /**
   * Conditions under which the hospital will not give this treatment (pregnancy, a pacemaker…).
   * Programmes stored before the field existed read as having none listed.
   */
  contraindications: z.array(LocalizedText).max(20).default([]),
  /** The fee is the same for foreign and Chinese patients, in the hospital's currency. */
  price: z.object({ amount: MinorUnits.positive(), currency: Currency }),
});
export type TreatmentProgramme = z.infer<typeof TreatmentProgramme>;

/** Per-traveller price of a departure in one currency, line by line; the total is derived. */
export const PriceLines = z.object({
  treatment: MinorUnits,
  accommodation: MinorUnits,
  sightseeing: MinorUnits,
  services: MinorUnits,
});
export type PriceLines = z.infer<typeof PriceLines>;

export const PriceOffer = z.object({ currency: Currency, lines: PriceLines });
export type PriceOffer = z.infer<typeof PriceOffer>;

export const CancellationTier = z.object({
  /** The tier applies when cancelling at least this many days before departure. */
  daysBeforeDeparture: z.number().int().min(0).max(365),
  refundPercent: z.number().int().min(0).max(100),
});
export type CancellationTier = z.infer<typeof CancellationTier>;

export const CancellationPolicy = z.object({ tiers: z.array(CancellationTier).min(1).max(10) });
export type CancellationPolicy = z.infer<typeof CancellationPolicy>;

export const Treatment = z.object({
  hospitalId: HospitalId,
  programmeId: ProgrammeId,
  kind: TreatmentKind,
  title: LocalizedText,
  /** Day of the trip (1-based) on which treatment starts. */
  startDay: z.number().int().min(1).max(60),
  days: z.number().int().min(1).max(60),
  sessions: z.number().int().min(1).max(200),
  includes: z.array(LocalizedText).max(20),
});
export type Treatment = z.infer<typeof Treatment>;

export const MEAL_PLANS = ['none', 'breakfast', 'half_board', 'full_board'] as const;
export const MealPlan = z.enum(MEAL_PLANS);
export type MealPlan = z.infer<typeof MealPlan>;

export const Accommodation = z.object({
  /** The agency's hotel the stay was composed from; absent on packages composed before hotels were components. */
  hotelId: HotelId.optional(),
  name: LocalizedText,
  stars: z.number().int().min(1).max(5).optional(),
  nights: z.number().int().min(0).max(60),
  room: LocalizedText,
  meals: MealPlan,
});
export type Accommodation = z.infer<typeof Accommodation>;

export const Excursion = z.object({
  /** The agency's excursion this visit was composed from, when it was. */
  excursionId: ExcursionId.optional(),
  name: LocalizedText,
  day: z.number().int().min(1).max(60),
  hours: z.number().int().min(1).max(24),
});
export type Excursion = z.infer<typeof Excursion>;

export const Service = z.object({
  kind: ServiceKind,
  /** Languages of an interpreter, or of meals' menus; empty when not relevant. */
  languages: z.array(Language).max(6),
});
export type Service = z.infer<typeof Service>;

/** What the package says about who sells it and who treats, copied in when it is written. */
export const PartyRef = z.object({ name: LocalizedText });

export const Package = z.object({
  packageId: PackageId,
  agencyId: AgencyId,
  agency: PartyRef,
  hospital: PartyRef.extend({ hospitalId: HospitalId, city: City, languages: z.array(Language).min(1) }),
  status: PackageStatus,
  title: LocalizedText,
  description: LocalizedText,
  city: City,
  durationDays: z.number().int().min(1).max(60),
  treatment: Treatment,
  accommodation: Accommodation,
  sightseeing: z.array(Excursion).max(20),
  services: z.array(Service).max(10),
  /** Languages a traveller is served in on the trip (interpreter, agency staff). */
  serviceLanguages: z.array(Language).min(1).max(6),
  cancellationPolicy: CancellationPolicy,
  /** Bumped by every write; absent (read as 0) on packages written before versions existed. */
  version: z.number().int().min(0).optional(),
  createdAt: IsoDateTime.optional(),
  updatedAt: IsoDateTime.optional(),
});
export type Package = z.infer<typeof Package>;

export const Departure = z.object({
  departureId: DepartureId,
  packageId: PackageId,
  startDate: IsoDate,
  endDate: IsoDate,
  seatsTotal: z.number().int().min(1).max(500),
  seatsLeft: z.number().int().min(0).max(500),
  prices: z.array(PriceOffer).min(1).max(6),
});
export type Departure = z.infer<typeof Departure>;

/**
 * A hospital's beds (or treatment slots) for international patients on one day.
 * `available` is what bookings may still take; capacity = available + taken.
 */
export const CapacityDay = z.object({
  hospitalId: HospitalId,
  date: IsoDate,
  capacity: int32(0, 1000),
  available: z.number().int().min(0).max(1000),
});
export type CapacityDay = z.infer<typeof CapacityDay>;
