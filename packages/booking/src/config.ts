/** Booking settings, from the environment, read once and checked. */
import * as z from 'zod';

/** A card authorisation lives 7 days at Stripe; the hospital must decide well before. */
export const AUTHORIZATION_LIFETIME_HOURS = 7 * 24;

const BookingEnv = z
  .object({
    HOLD_MINUTES: z.coerce.number().int().min(1).max(60).default(15),
    HOSPITAL_DECISION_HOURS: z.coerce.number().int().min(1).max(120).default(48),
  })
  .refine((env) => env.HOSPITAL_DECISION_HOURS < AUTHORIZATION_LIFETIME_HOURS - 24, {
    message:
      'HOSPITAL_DECISION_HOURS must leave at least a day before the card authorisation lapses (7 days)',
  });

export type BookingConfig = { holdMinutes: number; decisionHours: number };

export function readBookingConfig(env: NodeJS.ProcessEnv): BookingConfig {
  const parsed = BookingEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `booking configuration is invalid: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    );
  }
  return { holdMinutes: parsed.data.HOLD_MINUTES, decisionHours: parsed.data.HOSPITAL_DECISION_HOURS };
}

export const bookingConfig: BookingConfig = readBookingConfig(process.env);
