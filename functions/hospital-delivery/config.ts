/** Delivery settings, from the environment, read once and checked. */
import * as z from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((value) => value === 'true' || value === '1');

const DeliveryEnv = z.object({
  /** Local runtime only: lets hospitals' webhooks point at http://localhost (the demo receiver). */
  LOCAL_ALLOW_HTTP_WEBHOOKS: flag,
  /** On AWS: the SQS queue that carries attempts, and its dead-letter queue. */
  DELIVERY_QUEUE_URL: z.url().optional(),
  DELIVERY_DEAD_LETTER_QUEUE_URL: z.url().optional(),
  /** How long a hospital's endpoint has to answer one attempt: within the worker's 10-second run. */
  DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(1000).max(8000).default(8000),
});

export type DeliveryConfig = {
  allowHttpLocalhost: boolean;
  queueUrl: string | undefined;
  deadLetterQueueUrl: string | undefined;
  timeoutMs: number;
};

export function readDeliveryConfig(env: NodeJS.ProcessEnv): DeliveryConfig {
  const parsed = DeliveryEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`delivery configuration is invalid: ${problems}`);
  }
  return {
    allowHttpLocalhost: parsed.data.LOCAL_ALLOW_HTTP_WEBHOOKS,
    queueUrl: parsed.data.DELIVERY_QUEUE_URL,
    deadLetterQueueUrl: parsed.data.DELIVERY_DEAD_LETTER_QUEUE_URL,
    timeoutMs: parsed.data.DELIVERY_TIMEOUT_MS,
  };
}

export const deliveryConfig: DeliveryConfig = readDeliveryConfig(process.env);
