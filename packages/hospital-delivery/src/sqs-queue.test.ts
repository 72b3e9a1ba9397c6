/** The SQS transport against a mocked SQS: delays within SQS's 15 minutes, long waits chained, dead letters apart. */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DELIVERY_RETRY_POLICY } from '@shifa/domain';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { processMessage } from './delivery';
import type { DeliveryMessage } from './queue';
import { delaySecondsUntil, MAX_DELAY_SECONDS, sqsDeliveryQueue } from './sqs-queue';

const sqs = mockClient(SQSClient);
const QUEUE = 'https://sqs.eu-central-1.amazonaws.com/123456789012/shifa-deliveries';
const DLQ = 'https://sqs.eu-central-1.amazonaws.com/123456789012/shifa-deliveries-dlq';
const now = new Date('2027-02-01T09:00:00.000Z');
const queue = sqsDeliveryQueue({
  queueUrl: QUEUE,
  deadLetterQueueUrl: DLQ,
  client: new SQSClient({}),
  now: () => now,
});

const message = (dueAt: string): DeliveryMessage => ({
  deliveryId: 'xj-tcm-hospital-20270201085959000-3f9a1c2b4d5e',
  hospitalId: 'xj-tcm-hospital',
  round: 1,
  attempt: 7,
  dueAt,
});

const sent = () => sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input);

beforeEach(() => {
  sqs.reset();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
});

describe('the SQS delivery queue', () => {
  it('holds a message back until it is due, the attempt number in its body', async () => {
    await queue.schedule(message('2027-02-01T09:04:00.500Z'));

    expect(sent()).toEqual([
      {
        QueueUrl: QUEUE,
        MessageBody: JSON.stringify(message('2027-02-01T09:04:00.500Z')),
        DelaySeconds: 241,
      },
    ]);
  });

  it('sends a due or overdue message at once', async () => {
    await queue.schedule(message('2027-02-01T08:00:00.000Z'));

    expect(sent()[0]?.DelaySeconds).toBe(0);
  });

  it('delays by 15 minutes at most, SQS’s limit: a longer wait takes several hops', () => {
    expect(delaySecondsUntil('2027-02-01T11:00:00.000Z', now)).toBe(MAX_DELAY_SECONDS);
    expect(MAX_DELAY_SECONDS).toBe(900);
  });

  it('sends a message that arrives before it is due on again, the same attempt, without touching the table', async () => {
    const early = message('2027-02-01T10:00:00.000Z');

    const outcome = await processMessage(early, {
      queue,
      now: () => now,
      policy: DELIVERY_RETRY_POLICY,
      random: () => 0.5,
      fetch: async () => {
        throw new Error('no request may be made before the attempt is due');
      },
      sealer: () => {
        throw new Error('no signing secret may be opened before the attempt is due');
      },
      cipher: () => {
        throw new Error('no health notes may be read before the attempt is due');
      },
      timeoutMs: 10_000,
      allowHttpLocalhost: false,
      healthNotesDaysAfterTrip: 30,
    });

    expect(outcome).toBe('deferred');
    expect(sent()).toEqual([{ QueueUrl: QUEUE, MessageBody: JSON.stringify(early), DelaySeconds: 900 }]);
  });

  it('dead-letters to the other queue, with the reason', async () => {
    await queue.deadLetter(message('2027-02-01T09:00:00.000Z'), 'HTTP 503');

    expect(sent()).toEqual([
      {
        QueueUrl: DLQ,
        MessageBody: JSON.stringify({ ...message('2027-02-01T09:00:00.000Z'), reason: 'HTTP 503' }),
      },
    ]);
  });
});
