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
  })
  // So the document says what the refinement checks: a text in no language is refused.
  .meta({ minProperties: 1 });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** ISO 4217 currencies a departure can be priced in. */
export const CURRENCIES = ['KZT', 'UZS', 'KGS', 'RUB', 'CNY', 'USD'] as const;
export const Currency = z.enum(CURRENCIES);
export type Currency = z.infer<typeof Currency>;

/** The largest 32-bit signed integer: the top of OpenAPI's `int32` format. */
export const INT32_MAX = 2_147_483_647;

/**
 * A whole number from `min` to `max`, written as OpenAPI's `int32` so generated clients and API
 * linters know its width. zod 4 checks `z.int32()`'s range but writes no `format` into the JSON
 * Schema, so the format is given with `.meta()`; checks stay those of `z.int()`, so a value past
 * `max` is told one bound, not also the 32-bit one.
 */
export function int32(min: number, max: number) {
  if (min < -INT32_MAX - 1 || max > INT32_MAX) throw new RangeError(`${min}..${max} does not fit in 32 bits`);
  return z.int().min(min).max(max).meta({ format: 'int32' });
}

/** A whole number from `min` to `max` that may outgrow 32 bits (minor units of sum or tenge), as `int64`. */
export const int64 = (min: number, max: number) => z.int().min(min).max(max).meta({ format: 'int64' });

/**
 * Bumped by every write of a record; a writer names the version it read. 32 bits are plenty: a
 * record written every second would take 68 years to reach the top.
 */
export const RecordVersion = int32(0, INT32_MAX);

/** An amount in the currency's minor unit (tiyn, kopeck, fen, cent). Never a float. */
export const MinorUnits = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/**
 * Highest price an agency or hospital may set, in minor units: far above any tour even in sum or
 * tenge, and a departure's four price lines still sum to a safe integer.
 */
export const PRICE_LINE_MAX = 100_000_000_000_000;

export const Money = z.object({ amount: MinorUnits, currency: Currency });
export type Money = z.infer<typeof Money>;

/**
 * A calendar date, YYYY-MM-DD, as in the traveller's itinerary. The pattern already allows only ten
 * characters; maxLength says so to tools that bound strings by length alone.
 */
export const IsoDate = z.iso.date().max(10);
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
