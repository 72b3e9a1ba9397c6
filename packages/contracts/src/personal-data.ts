/**
 * What a tourist can see and do about their personal data: who opened their travellers' health
 * notes (the access log), and what erasing their data removes and keeps.
 */
import * as z from 'zod';
import { IsoDateTime, Slug } from './common';
import { Role } from './identity';
import { intParam } from './params';

/**
 * Why health notes were opened or removed: shown to a party (view), sent in a hospital webhook
 * (webhook), handed out in a file (export), deleted by the tourist (delete), or deleted when the
 * retention period after the trip ran out (retention).
 */
export const HEALTH_ACCESS_PURPOSES = ['view', 'webhook', 'export', 'delete', 'retention'] as const;
export const HealthAccessPurpose = z.enum(HEALTH_ACCESS_PURPOSES);
export type HealthAccessPurpose = z.infer<typeof HealthAccessPurpose>;

/** Who: a signed-in user of a role (and organisation), or the platform itself (webhooks, retention). */
export const HealthAccessActor = z.object({
  role: z.union([Role, z.literal('platform')]),
  organisationId: Slug.optional(),
  userId: z.string().min(1).max(128).optional(),
});
export type HealthAccessActor = z.infer<typeof HealthAccessActor>;

/** One opening (or removal) of a booking's health notes, written before the notes are decrypted. */
export const HealthAccessEntry = z.object({
  at: IsoDateTime,
  bookingId: Slug,
  purpose: HealthAccessPurpose,
  actor: HealthAccessActor,
  /** The travellers (by index on the booking) whose notes were opened. */
  travellers: z.array(z.number().int().min(0)).max(10),
});
export type HealthAccessEntry = z.infer<typeof HealthAccessEntry>;

export const AccessLogQuery = z.strictObject({
  limit: intParam(1, 100).optional(),
  cursor: z.string().min(1).max(1024).optional(),
});

export const AccessLogResponse = z.object({
  items: z.array(HealthAccessEntry),
  nextCursor: z.string().nullable(),
});
export type AccessLogResponse = z.infer<typeof AccessLogResponse>;

/** What DELETE /me did: what it erased, from how many bookings, and what it kept and why. */
export const ErasureReport = z.object({
  erasedAt: IsoDateTime,
  bookings: z.number().int().min(0),
  /** How many medical records (files and their declarations) were deleted. */
  records: z.number().int().min(0),
  erased: z.array(z.string()),
  kept: z.array(z.object({ what: z.string(), why: z.string() })),
});
export type ErasureReport = z.infer<typeof ErasureReport>;
