/**
 * DeliveryQueue on SQS. SQS delays a message by at most 15 minutes, so a longer
 * wait is chained: the worker that receives a message before its `dueAt` sends
 * it again with the rest of the delay. The attempt number travels in the
 * message. A delivery out of attempts is sent to the dead-letter queue, whose
 * depth an alarm watches; the operator's replay enqueues a fresh round.
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { captureClient } from '@shifa/runtime';
import type { DeliveryMessage, DeliveryQueue } from './queue';

/** SQS's largest DelaySeconds. */
export const MAX_DELAY_SECONDS = 900;

export type SqsQueueOptions = {
  queueUrl: string;
  deadLetterQueueUrl: string;
  client?: SQSClient;
  now?: () => Date;
};

/** Seconds to hold a message back so it arrives at `dueAt`, or as close as one hop allows. */
export const delaySecondsUntil = (dueAt: string, now: Date): number =>
  Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil((Date.parse(dueAt) - now.getTime()) / 1000)));

export function sqsDeliveryQueue(options: SqsQueueOptions): DeliveryQueue {
  // One client per queue, and one queue per process (queue.ts keeps it).
  const client = options.client ?? captureClient(new SQSClient({}));
  const now = options.now ?? (() => new Date());
  return {
    timeScale: 1,
    async schedule(message) {
      await client.send(
        new SendMessageCommand({
          QueueUrl: options.queueUrl,
          MessageBody: JSON.stringify(message),
          DelaySeconds: delaySecondsUntil(message.dueAt, now()),
        }),
      );
    },
    async deadLetter(message, reason) {
      await client.send(
        new SendMessageCommand({
          QueueUrl: options.deadLetterQueueUrl,
          MessageBody: JSON.stringify({
            ...message,
            reason: reason.slice(0, 500),
          } satisfies DeliveryMessage & {
            reason: string;
          }),
        }),
      );
    },
  };
}
