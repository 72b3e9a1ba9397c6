/** Booking settings: how long a hold lasts unpaid, how many a tourist may have, and how long a hospital has to decide. */
import { settings } from '@shifa/runtime';
import * as z from 'zod';

/** A card authorisation lives 7 days at Stripe; the hospital must decide well before. */
export const AUTHORIZATION_LIFETIME_HOURS = 7 * 24;

export type BookingConfig = { holdMinutes: number; maxUnpaidHolds: number; decisionHours: number };

export const bookingSettings = /* @__PURE__ */ settings('booking', () =>
  z
    .object({
      HOLD_MINUTES: z.coerce.number().int().min(1).max(60).default(15),
      // Held seats and beds are scarce: one tourist cannot sit on a departure's last places.
      MAX_UNPAID_HOLDS: z.coerce.number().int().min(1).max(100).default(3),
      HOSPITAL_DECISION_HOURS: z.coerce.number().int().min(1).max(120).default(48),
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
      }),
    ),
);
