/**
 * The hospital area's API: a hospital's own profile, treatment programmes and
 * daily capacity for international patients, and the verified hospitals and
 * programmes agencies compose packages from. Profiles and programmes carry a
 * `version` for optimistic concurrency: a write names the version it read.
 */
import * as z from 'zod';
import { CapacityDay, Contact, Hospital, TreatmentKind, TreatmentProgramme } from './catalog';
import {
  City,
  Currency,
  HospitalId,
  IsoDate,
  int64,
  LANGUAGES,
  Language,
  MinorUnits,
  PRICE_LINE_MAX,
  ProgrammeId,
  RecordVersion,
} from './common';
import { intParam } from './params';

/** Items written before versions existed have none: they read as version 0. */
const storedVersion = RecordVersion.default(0);

/** A localized text bounded for its use: a title is not an essay. */
const text = (max: number) =>
  z
    .partialRecord(Language, z.string().trim().min(1).max(max))
    .refine((value) => Object.keys(value).length > 0, {
      message: 'give the text in at least one language',
      params: { rule: 'text_in_one_language' },
    })
    // So the document says what the refinement checks: a text in no language is refused.
    .meta({ minProperties: 1 });

/** A field a client may not set: sending it is a 400 that says why, not a silent no-op. */
const notEditable = (why: string) => z.never({ error: why }).optional();

const distinct = <T>(list: readonly T[]) => new Set(list).size === list.length;

/** A hospital's profile as the hospital itself reads and edits it, every language included. */
export const HospitalProfile = Hospital.extend({ version: storedVersion });
export type HospitalProfile = z.infer<typeof HospitalProfile>;

/** A treatment programme as its hospital reads and edits it. */
export const HospitalProgramme = TreatmentProgramme.extend({ version: storedVersion });
export type HospitalProgramme = z.infer<typeof HospitalProgramme>;

export const UpdateHospitalProfileBody = z
  .strictObject({
    version: RecordVersion.describe(
      'the version you read; if the profile has changed since, 409 version_conflict',
    ),
    name: text(200),
    languages: z.array(Language).min(1).max(LANGUAGES.length),
    departments: z.array(text(120)).max(30),
    accreditation: Hospital.shape.accreditation,
    internationalOffice: Contact.optional(),
    hospitalId: notEditable('the hospital id comes from your account and cannot change'),
    status: notEditable("only the platform operator changes a hospital's status"),
    city: notEditable(
      "a hospital's city cannot be changed here, because packages are sold for it; ask the platform operator",
    ),
  })
  .refine((body) => distinct(body.languages), { path: ['languages'], message: 'list each language once' })
  .describe(
    'Replaces every editable field: leaving out accreditation or internationalOffice removes it. ' +
      'hospitalId, status and city are not editable.',
  );
export type UpdateHospitalProfileBody = z.infer<typeof UpdateHospitalProfileBody>;

const programmeFields = {
  kind: TreatmentKind,
  title: text(200),
  days: TreatmentProgramme.shape.days,
  sessions: TreatmentProgramme.shape.sessions,
  includes: z.array(text(300)).max(20),
  contraindications: z
    .array(text(300))
    .max(20)
    .describe('conditions under which the hospital will not give this treatment; may be empty'),
  price: z
    .strictObject({
      amount: int64(1, PRICE_LINE_MAX).describe('whole programme, in minor units (fen for CNY)'),
      currency: Currency,
    })
    .describe('the fee for the whole programme: the same for foreign patients as for Chinese patients'),
};

export const CreateProgrammeBody = z.strictObject(programmeFields);
export type CreateProgrammeBody = z.infer<typeof CreateProgrammeBody>;

export const UpdateProgrammeBody = z
  .strictObject({
    version: RecordVersion.describe(
      'the version you read; if the programme has changed since, 409 version_conflict',
    ),
    ...programmeFields,
    programmeId: notEditable("a programme's id cannot change"),
    hospitalId: notEditable("a programme's hospital cannot change"),
  })
  .describe('Replaces every field of the programme.');
export type UpdateProgrammeBody = z.infer<typeof UpdateProgrammeBody>;

export const ProgrammePathParams = z.strictObject({ programmeId: ProgrammeId });

export const HospitalProgrammeList = z.object({ items: z.array(HospitalProgramme) });
export type HospitalProgrammeList = z.infer<typeof HospitalProgrammeList>;

/** Longest date range a capacity read or write may cover, inclusive of both ends. */
export const CAPACITY_RANGE_MAX_DAYS = 366;

export const CapacityQuery = z.strictObject({
  from: IsoDate.describe('first day, YYYY-MM-DD (UTC)'),
  to: IsoDate.describe(`last day, inclusive; at most ${CAPACITY_RANGE_MAX_DAYS} days in all`),
});
export type CapacityQuery = z.infer<typeof CapacityQuery>;

export const SetCapacityBody = z
  .strictObject({
    from: IsoDate.describe('first day, YYYY-MM-DD (UTC); not in the past'),
    to: IsoDate.describe(`last day, inclusive; at most ${CAPACITY_RANGE_MAX_DAYS} days in all`),
    capacity: CapacityDay.shape.capacity.describe('beds for international patients on each of these days'),
  })
  .describe(
    'Sets the same capacity on every day of the range. Beds already taken stay taken: a day whose ' +
      'new capacity is below what is taken refuses the request with 409 capacity_below_taken.',
  );
export type SetCapacityBody = z.infer<typeof SetCapacityBody>;

export const CapacityDayView = z.object({
  date: IsoDate,
  capacity: z.number().int().describe('beds for international patients; 0 on days never set'),
  available: z.number().int().describe('beds bookings may still take'),
  taken: z.number().int().describe('capacity − available'),
});
export type CapacityDayView = z.infer<typeof CapacityDayView>;

export const CapacityCalendar = z.object({
  hospitalId: HospitalId,
  from: IsoDate,
  to: IsoDate,
  days: z.array(CapacityDayView).describe('every day from `from` to `to`, in order'),
});
export type CapacityCalendar = z.infer<typeof CapacityCalendar>;

export const HOSPITAL_DIRECTORY_LIMIT_DEFAULT = 20;
export const HOSPITAL_DIRECTORY_LIMIT_MAX = 50;

export const HospitalDirectoryQuery = z.strictObject({
  limit: intParam(1, HOSPITAL_DIRECTORY_LIMIT_MAX).optional(),
  cursor: z.string().min(1).max(1024).optional(),
  lang: Language.optional().describe('language of the response; otherwise Accept-Language'),
});
export type HospitalDirectoryQuery = z.infer<typeof HospitalDirectoryQuery>;

/** What an agency sees of a verified hospital, in one language. */
export const HospitalDirectoryEntry = z.object({
  hospitalId: HospitalId,
  name: z.string(),
  city: City,
  languages: z.array(Language),
  departments: z.array(z.string()),
  accreditation: z.string().optional(),
  internationalOffice: Contact.optional(),
});
export type HospitalDirectoryEntry = z.infer<typeof HospitalDirectoryEntry>;

export const HospitalDirectoryResponse = z.object({
  language: Language,
  items: z.array(HospitalDirectoryEntry),
  nextCursor: z.string().nullable(),
});
export type HospitalDirectoryResponse = z.infer<typeof HospitalDirectoryResponse>;

export const HospitalPathParams = z.strictObject({ hospitalId: HospitalId });

export const HospitalProgrammesQuery = z.strictObject({ lang: Language.optional() });

/** A programme as an agency reads it, in one language. */
export const HospitalProgrammeView = z.object({
  programmeId: ProgrammeId,
  hospitalId: HospitalId,
  kind: TreatmentKind,
  title: z.string(),
  days: z.number().int(),
  sessions: z.number().int(),
  includes: z.array(z.string()),
  contraindications: z.array(z.string()),
  price: z
    .object({ amount: MinorUnits, currency: Currency })
    .describe('the same fee the hospital charges Chinese patients'),
});
export type HospitalProgrammeView = z.infer<typeof HospitalProgrammeView>;

export const HospitalProgrammesResponse = z.object({
  language: Language,
  hospital: HospitalDirectoryEntry,
  items: z.array(HospitalProgrammeView),
});
export type HospitalProgrammesResponse = z.infer<typeof HospitalProgrammesResponse>;
