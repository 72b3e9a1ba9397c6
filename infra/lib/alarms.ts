/**
 * What the operator is told about: a job run that failed for good (a message in its
 * dead-letter queue) and any unhandled error of any function.
 * Every alarm notifies one SNS topic, a stack output; the stage's `alarmEmails` are subscribed to it.
 */
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Short enough that a held seat or a stuck payment is noticed within minutes. */
export const ALARM_PERIOD = Duration.minutes(5);

export interface AlarmsProps {
  /** Dead-letter queues, by the name of what feeds them. */
  readonly deadLetterQueues: ReadonlyMap<string, IQueue>;
  /** Functions whose every unhandled error someone should look at, by id. */
  readonly functions: ReadonlyMap<string, IFunction>;
  /** Who is told, by email (a deploy-time setting, stage.ts); each address confirms once. */
  readonly emails: readonly string[];
}

export class Alarms extends Construct {
  readonly topic: Topic;
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);

    // Unencrypted on purpose: it carries alarm notices only (name, metric, threshold), and CloudWatch
    // cannot publish to a topic under the AWS-managed SNS key.
    this.topic = new Topic(this, 'Topic', { displayName: 'Shifa alarms', enforceSSL: true });
    for (const email of props.emails) this.topic.addSubscription(new EmailSubscription(email));
    const notify = new SnsAction(this.topic);

    const alarms: Alarm[] = [];
    for (const [name, queue] of props.deadLetterQueues) {
      alarms.push(
        new Alarm(this, `${name}DeadLetters`, {
          alarmDescription: `A run of ${name} failed and was dead-lettered: read the message in the queue, then the function's log.`,
          metric: queue.metricApproximateNumberOfMessagesVisible({
            period: ALARM_PERIOD,
            statistic: 'Maximum',
          }),
          threshold: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    for (const [name, fn] of props.functions) {
      alarms.push(
        new Alarm(this, `${name}Errors`, {
          alarmDescription: `${name} failed with an unhandled error (not a 4xx answer): read its log.`,
          metric: fn.metricErrors({ period: ALARM_PERIOD, statistic: 'Sum' }),
          threshold: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    for (const alarm of alarms) {
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
    }
    this.alarms = alarms;
  }
}
