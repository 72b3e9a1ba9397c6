/**
 * The transactional outbox on AWS and who reacts to it, built from the data in
 * @shifa/events: the table's stream feeds the publisher function (an event
 * source mapping that reports partial batch failures, bisects, retries and
 * dead-letters what it gives up on), which may put events on the bus and
 * nothing else; and one EventBridge rule per declared rule, with its pattern
 * and a Lambda target that has a retry policy and a dead-letter queue of its
 * own. Every dead-letter queue is handed to the stack's alarms.
 */
import { existsSync } from 'node:fs';
import { type EventRule, streamPublisher, targetDelivery } from '@shifa/events';
import { handlerFile } from '@shifa/functions/routes';
import { Duration, Validations } from 'aws-cdk-lib';
import { Table, type TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type EventBus, type EventPattern, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ShifaFunction } from './function';
import type { FunctionWiring } from './wiring';

/** Long enough to read what failed after a weekend; the messages name records and events, never their data. */
export const DEAD_LETTER_RETENTION = Duration.days(14);

/**
 * EventBridge's own retries of a delivery it could not make (the function throttled or
 * unreachable): as many as it allows, bounded by the event's age.
 */
export const DELIVERY_RETRY_ATTEMPTS = 185;

/** `deliver-to-hospital` → `deliverToHospital`: construct ids in the style of the route ids. */
const camel = (id: string) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The pattern as CDK's Rule takes it: `detail-type` is spelt detailType there, the rest as is. */
export function cdkPattern(pattern: EventRule['pattern']): EventPattern {
  const { 'detail-type': detailType, ...rest } = pattern as Record<string, unknown>;
  const known = ['version', 'id', 'source', 'account', 'time', 'region', 'resources', 'detail'];
  const unknown = Object.keys(rest).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw new Error(`event pattern fields CDK cannot express: ${unknown.join(', ')}`);
  return {
    ...(rest as EventPattern),
    ...(detailType === undefined ? {} : { detailType: detailType as string[] }),
  };
}

function deadLetterQueue(scope: Construct, id: string, of: string): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: DEAD_LETTER_RETENTION,
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions::AwsSolutions-SQS3',
    reason: `This queue is itself the dead-letter queue of ${of}; an alarm watches its depth.`,
  });
  return queue;
}

export interface RuleTargetResources {
  readonly declaration: EventRule;
  readonly rule: Rule;
  readonly fn: ShifaFunction;
  readonly deadLetters: Queue;
}

export interface EventsPipelineProps {
  readonly table: TableV2;
  readonly bus: EventBus;
  readonly wiring: FunctionWiring;
  readonly rules: readonly EventRule[];
}

export class EventsPipeline extends Construct {
  readonly publisher: ShifaFunction;
  readonly publisherDeadLetters: Queue;
  readonly targets: readonly RuleTargetResources[];

  constructor(scope: Construct, id: string, props: EventsPipelineProps) {
    super(scope, id);

    this.publisher = props.wiring.create(
      this,
      {
        id: streamPublisher.id,
        handler: streamPublisher.handler,
        table: 'none',
        summary: streamPublisher.summary,
      },
      streamPublisher.summary,
    );
    this.publisher.function.addEnvironment('EVENT_BUS_NAME', props.bus.eventBusName);
    props.bus.grantPutEventsTo(this.publisher.function);

    this.publisherDeadLetters = deadLetterQueue(this, 'PublisherDeadLetters', 'the stream publisher');
    const tableStreamArn = props.table.tableStreamArn;
    if (tableStreamArn === undefined) throw new Error('the table has no stream for the publisher to read');
    // The table as the event source sees it: its ARN and its stream's, nothing else to grant on.
    const streamSource = Table.fromTableAttributes(this, 'StreamSource', {
      tableArn: props.table.tableArn,
      tableStreamArn,
    });
    this.publisher.function.addEventSource(
      new DynamoEventSource(streamSource, {
        // From the oldest record the stream still holds, so no change committed before the mapping
        // became active is skipped.
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: streamPublisher.batchSize,
        bisectBatchOnError: streamPublisher.bisectBatchOnError,
        retryAttempts: streamPublisher.retryAttempts,
        maxRecordAge: Duration.seconds(streamPublisher.maxRecordAgeSeconds),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.publisherDeadLetters),
        filters: [FilterCriteria.filter(streamPublisher.filter)],
      }),
    );
    Validations.of(this.publisher.role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'dynamodb:ListStreams, which reading a table stream needs, has no resource-level permissions; every other stream action is granted on this table’s stream alone.',
    });

    this.targets = props.rules.map((declaration) => {
      const file = handlerFile(declaration.target);
      if (!existsSync(file)) {
        throw new Error(
          `event rule ${declaration.id}: its target functions/${declaration.target.handler}.ts does not exist`,
        );
      }
      const name = camel(declaration.id);
      const fn = props.wiring.create(
        this,
        {
          id: name,
          handler: declaration.target.handler,
          table: declaration.target.table,
          summary: declaration.description,
          ...(declaration.target.uses === undefined ? {} : { uses: declaration.target.uses }),
        },
        `On ${declaration.id}: ${declaration.description}`,
      );
      const deadLetters = deadLetterQueue(
        this,
        `${name}DeadLetters`,
        `the ${declaration.id} rule and its function`,
      );
      const maxEventAge = Duration.seconds(targetDelivery.maxEventAgeSeconds);
      // EventBridge invokes the function asynchronously: a failure of the function itself is
      // Lambda's to retry and then dead-letter; one of the invocation is EventBridge's.
      fn.function.configureAsyncInvoke({
        retryAttempts: targetDelivery.retryAttempts,
        maxEventAge,
        onFailure: new SqsDestination(deadLetters),
      });
      const rule = new Rule(this, `${name}Rule`, {
        eventBus: props.bus,
        description: declaration.description,
        eventPattern: cdkPattern(declaration.pattern),
        targets: [
          new LambdaFunction(fn.function, {
            deadLetterQueue: deadLetters,
            retryAttempts: DELIVERY_RETRY_ATTEMPTS,
            maxEventAge,
          }),
        ],
      });
      return { declaration, rule, fn, deadLetters };
    });
  }

  /** The function behind a rule, for the constructs that give it more (a queue to send to, a sender identity). */
  targetFor(ruleId: string): ShifaFunction {
    const found = this.targets.find((target) => target.declaration.id === ruleId);
    if (found === undefined) throw new Error(`no event rule ${ruleId}`);
    return found.fn;
  }

  /** Every dead-letter queue of the pipeline, by what feeds it, for the alarms. */
  get deadLetterQueues(): ReadonlyMap<string, IQueue> {
    return new Map<string, IQueue>([
      [streamPublisher.id, this.publisherDeadLetters],
      ...this.targets.map((target): [string, IQueue] => [camel(target.declaration.id), target.deadLetters]),
    ]);
  }
}
