/**
 * Booking settings: how long a hold lasts unpaid, how many a tourist may have, how long a hospital
 * has to decide, and how long after the trip health notes stay (seen by the hospital, then deleted).
 */

import { HEALTH_NOTES_DAYS_AFTER_TRIP } from '@shifa/domain';
import { settings } from '@shifa/runtime';
import * as z from 'zod';

/** A card authorisation lives 7 days at Stripe; the hospital must decide well before. */
export const AUTHORIZATION_LIFETIME_HOURS = 7 * 24;

export type BookingConfig = {
  holdMinutes: number;
  maxUnpaidHolds: number;
  decisionHours: number;
  healthNotesDaysAfterTrip: number;
};

export const bookingSettings = /* @__PURE__ */ settings('booking', () =>
  z
    .object({
      HOLD_MINUTES: z.coerce.number().int().min(1).max(60).default(15),
      // Held seats and beds are scarce: one tourist cannot sit on a departure's last places.
      MAX_UNPAID_HOLDS: z.coerce.number().int().min(1).max(100).default(3),
      HOSPITAL_DECISION_HOURS: z.coerce.number().int().min(1).max(120).default(48),
      // The treating hospital may need the notes for follow-up; after this they are deleted.
      HEALTH_NOTES_DAYS_AFTER_TRIP: z.coerce
        .number()
        .int()
        .min(HEALTH_NOTES_DAYS_AFTER_TRIP.min)
        .max(HEALTH_NOTES_DAYS_AFTER_TRIP.max)
        .default(HEALTH_NOTES_DAYS_AFTER_TRIP.default),
    })
    .refine((env) => env.HOSPITAL_DECISION_HOURS < AUTHORIZATION_LIFETIME_HOURS - 24, {
      message:
        'HOSPITAL_DECISION_HOURS must leave at least a day before the card authorisation lapses (7 days)',
    })
    .transform(
      (env): BookingConfig => ({
        holdMinutes: env.HOLD_MINUTES,
        maxUnpaidHolds: env.MAX_UNPAID_HOLDS,
        decisionHours: env.HOSPITAL_DECISION_HOURS,
        healthNotesDaysAfterTrip: env.HEALTH_NOTES_DAYS_AFTER_TRIP,
      }),
    ),
);
