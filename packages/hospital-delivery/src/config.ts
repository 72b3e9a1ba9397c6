/** Delivery settings: the queue that carries attempts on AWS, and how long a hospital may take to answer. */
import { HEALTH_NOTES_DAYS_AFTER_TRIP } from '@shifa/domain';
import { settings } from '@shifa/runtime';
import * as z from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((value) => value === 'true' || value === '1');

export type DeliveryConfig = {
  allowHttpLocalhost: boolean;
  queueUrl: string | undefined;
  deadLetterQueueUrl: string | undefined;
  timeoutMs: number;
  /** How long after the trip a BookingRequested webhook may still carry health notes (the booking rules' setting). */
  healthNotesDaysAfterTrip: number;
};

export const deliverySettings = /* @__PURE__ */ settings('delivery', () =>
  z
    .object({
      /** Local runtime only: lets hospitals' webhooks point at http://localhost (the demo receiver). */
      LOCAL_ALLOW_HTTP_WEBHOOKS: flag,
      /** On AWS: the SQS queue that carries attempts, and its dead-letter queue. */
      DELIVERY_QUEUE_URL: z.url().optional(),
      DELIVERY_DEAD_LETTER_QUEUE_URL: z.url().optional(),
      /** How long a hospital's endpoint has to answer one attempt: within the worker's 10-second run. */
      DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(1000).max(8000).default(8000),
      HEALTH_NOTES_DAYS_AFTER_TRIP: z.coerce
        .number()
        .int()
        .min(HEALTH_NOTES_DAYS_AFTER_TRIP.min)
        .max(HEALTH_NOTES_DAYS_AFTER_TRIP.max)
        .default(HEALTH_NOTES_DAYS_AFTER_TRIP.default),
    })
    .transform(
      (env): DeliveryConfig => ({
        allowHttpLocalhost: env.LOCAL_ALLOW_HTTP_WEBHOOKS,
        queueUrl: env.DELIVERY_QUEUE_URL,
        deadLetterQueueUrl: env.DELIVERY_DEAD_LETTER_QUEUE_URL,
        timeoutMs: env.DELIVERY_TIMEOUT_MS,
        healthNotesDaysAfterTrip: env.HEALTH_NOTES_DAYS_AFTER_TRIP,
      }),
    ),
);
