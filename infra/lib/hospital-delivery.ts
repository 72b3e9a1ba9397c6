/**
 * Bookings pushed to hospitals' webhooks on AWS: the SQS queue that carries each
 * attempt (a retry is a message sent again with DelaySeconds up to 15 minutes,
 * longer waits chained, the attempt number in the message), the worker that
 * makes the attempts, and the dead-letter queue that takes a delivery out of
 * attempts (sent there by the worker) or a message that keeps failing to be
 * processed (the redrive policy). An alarm watches the dead-letter queue's depth
 * (the stack hands it to Alarms). The functions that start deliveries (the
 * `deliver-to-hospital` target, and the hospital-delivery unit, which serves the
 * hospital's redeliver and the operator's replay) may send to the queue.
 */
import { deliveryWorker } from '@shifa/functions/consumers';
import { CfnOutput, Duration, Validations } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ShifaFunction } from './function';
import type { FunctionWiring } from './wiring';

/**
 * What puts attempts on the queue: the rule's target (a function of its own), and the unit that
 * serves the hospital's redeliver and the operator's replay.
 */
export const QUEUE_SENDERS = {
  handlers: ['hospital-delivery/enqueue'],
  units: ['hospital-delivery'],
} as const;

/** The worker's declaration lives with the functions (functions/consumers.ts), for the local runtime too. */
export const WORKER = deliveryWorker;

/**
 * Every Shifa function's timeout (ShifaFunction). One attempt waits up to 8 s for the hospital
 * (DELIVERY_TIMEOUT_MS) and a batch's attempts run side by side, so a batch fits.
 */
export const WORKER_TIMEOUT = Duration.seconds(10);

/**
 * SQS's advice: at least six times the function's timeout, so a message is not handed out twice
 * while in work; and longer than a claim takes to go stale (STALE_CLAIM_MS, 30 s), so a dead
 * worker's message, handed out again, is retried rather than taken for one still in work.
 */
export const VISIBILITY_TIMEOUT = Duration.seconds(WORKER_TIMEOUT.toSeconds() * 6);

/** Receives of one message before SQS itself dead-letters it (a worker that keeps crashing on it). */
export const MAX_RECEIVE_COUNT = 5;

/** Long enough to read and replay what failed after a weekend. */
export const DEAD_LETTER_RETENTION = Duration.days(14);

export interface HospitalDeliveryProps {
  readonly wiring: FunctionWiring;
}

export class HospitalDelivery extends Construct {
  readonly queue: Queue;
  readonly deadLetters: Queue;
  readonly worker: ShifaFunction;
  /** The functions given the queue's URL and the right to send to it. */
  readonly senders: readonly ShifaFunction[];

  constructor(scope: Construct, id: string, props: HospitalDeliveryProps) {
    super(scope, id);

    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: DEAD_LETTER_RETENTION,
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of hospital deliveries; an alarm watches its depth and the operator replays from GET /operator/deliveries?status=failed.',
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: VISIBILITY_TIMEOUT,
      // A message waits 15 minutes at most before it is chained on; days are plenty.
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: MAX_RECEIVE_COUNT },
    });

    // Made before the senders are looked up, so the list below is every function made elsewhere.
    const senders = props.wiring.functions
      .filter(
        ({ unit, declaration }) =>
          (unit !== undefined && (QUEUE_SENDERS.units as readonly string[]).includes(unit)) ||
          (declaration !== undefined &&
            (QUEUE_SENDERS.handlers as readonly string[]).includes(declaration.handler)),
      )
      .map(({ fn }) => fn);

    this.worker = props.wiring.create(this, WORKER, WORKER.summary);
    this.worker.function.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: 10 }),
    );

    this.senders = [...senders, this.worker];
    for (const fn of this.senders) {
      fn.function.addEnvironment('DELIVERY_QUEUE_URL', this.queue.queueUrl);
      fn.function.addEnvironment('DELIVERY_DEAD_LETTER_QUEUE_URL', this.deadLetters.queueUrl);
      this.queue.grantSendMessages(fn.function);
    }
    // Only the worker parks deliveries out of attempts.
    this.deadLetters.grantSendMessages(this.worker.function);

    new CfnOutput(this, 'DeadLetterQueueUrl', {
      value: this.deadLetters.queueUrl,
      description:
        'Deliveries to hospitals that ran out of attempts; replay them with POST /operator/deliveries/{deliveryId}/replay',
    });
  }

  /** The dead-letter queue by what feeds it, for the stack's alarms. */
  get deadLetterQueues(): ReadonlyMap<string, Queue> {
    return new Map([['hospitalDelivery', this.deadLetters]]);
  }
}
