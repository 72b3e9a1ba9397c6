/**
 * What an agency composes packages from: its hotels (with the beds allotted to
 * its travellers) and its excursions. Stored records, owned by one agency each.
 */
import * as z from 'zod';
import { MealPlan } from './catalog';
import { AgencyId, City, ExcursionId, HotelId, IsoDateTime, LocalizedText, RecordVersion } from './common';

/** Most beds a hotel can allot to one agency's travellers per night. */
export const HOTEL_BEDS_MAX = 500;

export const Hotel = z.object({
  hotelId: HotelId,
  agencyId: AgencyId,
  name: LocalizedText,
  city: City,
  stars: z.number().int().min(1).max(5).optional(),
  address: z.string().trim().min(1).max(300).optional(),
  /** Beds per night the hotel holds for this agency's travellers: the most a package may sell per night. */
  beds: z.number().int().min(1).max(HOTEL_BEDS_MAX),
  roomTypes: z.array(LocalizedText).min(1).max(20),
  /** Meal plans the hotel offers; a package's stay picks one. */
  meals: z.array(MealPlan).min(1).max(4),
  version: RecordVersion,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Hotel = z.infer<typeof Hotel>;

export const ExcursionComponent = z.object({
  excursionId: ExcursionId,
  agencyId: AgencyId,
  name: LocalizedText,
  description: LocalizedText.optional(),
  city: City,
  hours: z.number().int().min(1).max(24),
  version: RecordVersion,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type ExcursionComponent = z.infer<typeof ExcursionComponent>;
