/**
 * Least sight for travellers' health notes: the treating hospital sees them only while it has a
 * patient to decide on or to treat, and for a set number of days after the trip, after which they
 * are deleted. The tourist sees them while they exist; the agency and the operator never.
 */
import type { Booking, BookingStatus } from '@shifa/contracts';
import { addDays } from '../dates';
import { effectiveStatus } from './lifecycle';

/** The setting HEALTH_NOTES_DAYS_AFTER_TRIP (and the CDK context healthNotesDaysAfterTrip): its bounds. */
export const HEALTH_NOTES_DAYS_AFTER_TRIP = { default: 30, min: 1, max: 365 } as const;

/** Statuses in which the treating hospital has a patient to decide on or to treat. */
const HOSPITAL_SEES_NOTES: readonly BookingStatus[] = ['AWAITING_HOSPITAL', 'CONFIRMED', 'COMPLETED'];

/** The last day notes given for a trip ending on `endDate` are kept (and seen by the hospital). */
export const notesKeptUntil = (endDate: string, daysAfterTrip: number): string =>
  addDays(endDate, daysAfterTrip);

export const hasHealthNotes = (booking: Booking): boolean =>
  booking.travellers.some((traveller) => traveller.hasHealthNotes);

/** The travellers (by their place on the booking) who have health notes. */
export const travellersWithNotes = (booking: Booking): number[] =>
  booking.travellers.flatMap((traveller, index) => (traveller.hasHealthNotes ? [index] : []));

/**
 * Whether the treating hospital may see the booking's notes now: awaiting its decision, confirmed,
 * or completed, and no later than `daysAfterTrip` days after the trip. Never on a held, expired,
 * cancelled or declined booking.
 */
export function hospitalSeesNotes(booking: Booking, now: Date, daysAfterTrip: number): boolean {
  if (!hasHealthNotes(booking)) return false;
  const status = effectiveStatus(booking.status, booking.holdExpiresAt, now);
  return (
    HOSPITAL_SEES_NOTES.includes(status) &&
    now.toISOString().slice(0, 10) <= notesKeptUntil(booking.endDate, daysAfterTrip)
  );
}
