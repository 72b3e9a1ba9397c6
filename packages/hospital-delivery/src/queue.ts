/**
 * The transport of delivery attempts, behind one small interface: on AWS an SQS
 * queue with a dead-letter queue (sqs-queue.ts), locally an in-process timer
 * queue (packages/local/src/delivery-queue.ts). Both carry the same message and
 * follow the same retry schedule; the local one may run it faster (timeScale).
 */
import { IsoDateTime, Slug } from '@shifa/contracts';
import * as z from 'zod';
import { deliverySettings } from './config';
import { sqsDeliveryQueue } from './sqs-queue';

/** One attempt to make: which delivery, which round and attempt, and not before when. */
export const DeliveryMessage = z.object({
  deliveryId: z.string().min(1).max(100),
  hospitalId: Slug,
  round: z.number().int().min(1),
  attempt: z.number().int().min(1),
  dueAt: IsoDateTime,
});
export type DeliveryMessage = z.infer<typeof DeliveryMessage>;

/**
 * A claim older than this whose outcome never came was lost with its worker, which runs 10 s at
 * most: the attempt counts as failed. Shorter than the queue's visibility timeout (60 s), so the
 * dead worker's message, handed out again, finds the claim stale.
 */
export const STALE_CLAIM_MS = 30_000;

export interface DeliveryQueue {
  /** Real milliseconds per millisecond of the retry schedule: 1 on AWS, LOCAL_RETRY_SCALE locally. */
  readonly timeScale: number;
  /** Hands an attempt over, to be run at (or soon after) its `dueAt`. */
  schedule(message: DeliveryMessage): Promise<void>;
  /** Parks a delivery whose every attempt failed, for the operator to see and replay. */
  deadLetter(message: DeliveryMessage, reason: string): Promise<void>;
}

const INSTALLED = Symbol.for('shifa.hospital-delivery.queue');
type Registry = { [INSTALLED]?: DeliveryQueue };

/** The local runtime (and tests) put their queue here for the handlers of this process. */
export function installDeliveryQueue(queue: DeliveryQueue | undefined): void {
  if (queue === undefined) delete (globalThis as Registry)[INSTALLED];
  else (globalThis as Registry)[INSTALLED] = queue;
}

let fromConfig: DeliveryQueue | undefined;

/** The installed queue, or the SQS queue the environment names. */
export function deliveryQueue(): DeliveryQueue {
  const installed = (globalThis as Registry)[INSTALLED];
  if (installed !== undefined) return installed;
  if (fromConfig === undefined) {
    const { queueUrl, deadLetterQueueUrl } = deliverySettings();
    if (queueUrl === undefined || deadLetterQueueUrl === undefined) {
      throw new Error(
        'no delivery queue: set DELIVERY_QUEUE_URL and DELIVERY_DEAD_LETTER_QUEUE_URL, or install the local queue',
      );
    }
    fromConfig = sqsDeliveryQueue({ queueUrl, deadLetterQueueUrl });
  }
  return fromConfig;
}
