/**
 * Shapes shared by every area: languages, money, dates, identifiers, cities.
 * Each zod schema here is the one definition of its shape.
 */
import * as z from 'zod';

/** Languages Shifa serves its users in. */
export const LANGUAGES = ['ru', 'kk', 'uz', 'ky', 'zh', 'en'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/**
 * A text in one or more languages; at least one must be present.
 * Which one a reader sees is decided by `pickLanguage` in @shifa/domain.
 */
export const LocalizedText = z
  .partialRecord(Language, z.string().trim().min(1).max(4000))
  .refine((text) => Object.keys(text).length > 0, {
    message: 'give the text in at least one language',
    params: { rule: 'text_in_one_language' },
  });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** ISO 4217 currencies a departure can be priced in. */
export const CURRENCIES = ['KZT', 'UZS', 'KGS', 'RUB', 'CNY', 'USD'] as const;
export const Currency = z.enum(CURRENCIES);
export type Currency = z.infer<typeof Currency>;

/** An amount in the currency's minor unit (tiyn, kopeck, fen, cent). Never a float. */
export const MinorUnits = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const Money = z.object({ amount: MinorUnits, currency: Currency });
export type Money = z.infer<typeof Money>;

/** A calendar date, YYYY-MM-DD, as in the traveller's itinerary. */
export const IsoDate = z.iso.date();
export type IsoDate = z.infer<typeof IsoDate>;

/** An instant in UTC, ISO 8601 with a trailing Z. */
export const IsoDateTime = z.iso.datetime();

/** Identifiers are lower-case slugs so that they sort and embed safely in keys. */
export const Slug = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes');

export const PackageId = Slug.describe('package id');
export const DepartureId = Slug.describe('departure id');
export const HospitalId = Slug.describe('hospital id');
export const AgencyId = Slug.describe('agency id');
export const ProgrammeId = Slug.describe('treatment programme id');

/** Cities in Xinjiang where treatment takes place. */
export const CITIES = [
  'urumqi',
  'horgos',
  'yining',
  'kashgar',
  'turpan',
  'altay',
  'karamay',
  'korla',
] as const;
export const City = z.enum(CITIES);
export type City = z.infer<typeof City>;

/** Countries travellers and agencies come from (ISO 3166-1 alpha-2). */
export const Country = z.enum(['KZ', 'UZ', 'KG', 'RU', 'TJ', 'TM', 'CN']);
export type Country = z.infer<typeof Country>;

/** Components an agency composes packages from; ids unique within the agency. */
export const HotelId = Slug.describe('hotel id');
export const ExcursionId = Slug.describe('excursion id');
