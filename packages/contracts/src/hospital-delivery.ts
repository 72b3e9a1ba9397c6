/**
 * Pushing bookings to hospitals' own systems: a hospital's webhook endpoint and
 * signing secrets, and the log of every delivery and attempt that the hospital
 * (its own) and the operator (failed ones, across hospitals) can read and replay.
 */
import * as z from 'zod';
import { IsoDateTime, RecordVersion, Slug } from './common';
import { intParam } from './params';

export const DELIVERIES_LIMIT_DEFAULT = 20;
export const DELIVERIES_LIMIT_MAX = 50;

/**
 * `{hospitalId}-{17-digit UTC time of the event}-{12 hex}`: names its hospital (so the
 * operator's replay finds it, and another hospital's id is refused without a read), sorts by
 * time under the hospital, and is the same however often the event arrives.
 */
export const DeliveryId = z
  .string()
  .max(100)
  .regex(/^[a-z0-9][a-z0-9-]*-\d{17}-[0-9a-f]{12}$/, 'not a delivery id')
  .describe('delivery id');

export const WebhookSecretView = z.object({
  secretId: z.string(),
  /** The last characters of the secret, to tell which one a system holds; the secret itself is shown once. */
  hint: z.string(),
  createdAt: IsoDateTime,
  /** null for the current secret; when a replaced one stops signing (24 h after the rotation). */
  expiresAt: IsoDateTime.nullable(),
});

export const WebhookEndpoint = z.object({
  hospitalId: Slug,
  url: z.string().nullable(),
  enabled: z.boolean(),
  /** Name it in the next PUT; 0 until the endpoint is first set. */
  version: RecordVersion,
  /** The secrets deliveries are signed with now: the current one, and the previous one during a rotation. */
  secrets: z.array(WebhookSecretView),
  updatedAt: IsoDateTime.nullable(),
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

export const PutWebhookBody = z
  .strictObject({
    url: z
      .string()
      .trim()
      .min(1)
      .max(2048)
      // The shape every endpoint on AWS has; the server checks more (no credentials, no private or
      // internal host), and the local runtime also takes plain http to localhost for the demo receiver.
      .meta({
        format: 'uri',
        pattern: '^https://[a-z][a-z0-9-]{0,62}(\\.[a-z][a-z0-9-]{0,62})+(/[A-Za-z0-9._~-]*)*$',
      })
      .describe(
        'An https URL on a public host name; no credentials, no #fragment, not a private or internal host',
      ),
    enabled: z
      .boolean()
      .describe('false pauses deliveries; they are recorded as skipped and can be redelivered'),
    version: RecordVersion.optional().describe(
      'the version you read; leave it out only to set the endpoint for the first time. A mismatch is 409 version_conflict',
    ),
  })
  .describe('Sets where bookings are pushed. Create a signing secret with the rotate route before enabling.');
export type PutWebhookBody = z.infer<typeof PutWebhookBody>;

export const RotatedSecret = z.object({
  secretId: z.string(),
  /** `whsec_…`: shown in this response only, never again. */
  secret: z.string().regex(/^whsec_[A-Za-z0-9_-]{32,}$/),
  createdAt: IsoDateTime,
  /** Until when the secret this one replaces still signs deliveries; null if there was none. */
  previousExpiresAt: IsoDateTime.nullable(),
  endpoint: WebhookEndpoint,
});
export type RotatedSecret = z.infer<typeof RotatedSecret>;

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'skipped'] as const;
export const DeliveryStatus = z
  .enum(DELIVERY_STATUSES)
  .describe(
    'pending: being tried (with retries); delivered: a 2xx came back; failed: every attempt failed, dead-lettered; skipped: no enabled endpoint with a secret when it was due',
  );
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const DeliveryAttemptView = z.object({
  /** Rounds start with the first delivery and with each redelivery or replay. */
  round: z.number().int().min(1),
  attempt: z.number().int().min(1),
  at: IsoDateTime,
  outcome: z.enum(['delivered', 'failed']),
  /** The receiver's HTTP status; null when no response came (timeout, refused connection). */
  statusCode: z.number().int().nullable(),
  latencyMs: z.number().int().min(0),
  error: z.string().nullable(),
});
export type DeliveryAttemptView = z.infer<typeof DeliveryAttemptView>;

export const DeliveryView = z.object({
  deliveryId: DeliveryId,
  hospitalId: Slug,
  eventId: z.string(),
  eventType: z.string(),
  bookingId: Slug,
  status: DeliveryStatus,
  round: z.number().int().min(1),
  /** Attempts made in this round. */
  attempt: z.number().int().min(0),
  maxAttempts: z.number().int().min(1),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  nextAttemptAt: IsoDateTime.nullable(),
  deliveredAt: IsoDateTime.nullable(),
  failedAt: IsoDateTime.nullable(),
  skippedReason: z.string().nullable(),
  lastError: z.string().nullable(),
  /** Every attempt, oldest first (the latest 100). */
  attempts: z.array(DeliveryAttemptView),
});
export type DeliveryView = z.infer<typeof DeliveryView>;

export const DeliveryListResponse = z.object({
  items: z.array(DeliveryView),
  nextCursor: z.string().nullable(),
});
export type DeliveryListResponse = z.infer<typeof DeliveryListResponse>;

const page = {
  limit: intParam(1, DELIVERIES_LIMIT_MAX)
    .optional()
    .describe(`page size, 1 to ${DELIVERIES_LIMIT_MAX}, default ${DELIVERIES_LIMIT_DEFAULT}`),
  cursor: z.string().min(1).max(1024).optional().describe('the nextCursor of the previous page, unchanged'),
};

export const HospitalDeliveriesQuery = z.strictObject(page).describe('newest first');
export type HospitalDeliveriesQuery = z.infer<typeof HospitalDeliveriesQuery>;

export const OperatorDeliveriesQuery = z
  .strictObject({ status: z.enum(['failed', 'pending']).default('failed'), ...page })
  .describe('across hospitals, most recently changed first');
export type OperatorDeliveriesQuery = z.infer<typeof OperatorDeliveriesQuery>;

export const DeliveryPathParams = z.strictObject({ deliveryId: DeliveryId });
