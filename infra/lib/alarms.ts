/**
 * What the operator is told about, by what users feel first:
 * - a deployment unit answering 5xx (from the request metrics: our own error handler answers a thrown
 *   handler with a 500, which Lambda counts as a success), as a rate of its requests once there are
 *   enough of them to mean something;
 * - slow booking routes (hold, pay, cancel, accept, decline), at p99;
 * - the table's stream read late by the publisher (its iterator age), so events reach hospitals late;
 * - hospital deliveries dead-lettered (the business metric), and any message in a dead-letter queue;
 * - a booking's money needing a person (the reconciler's count of flagged steps);
 * - a Lambda error: on functions not behind the API it is any exception (a job, a consumer, the
 *   sign-up trigger); on the API's units, what the handler never answered (a timeout, a crash at
 *   start, memory), which API Gateway answers 5xx without the request metrics seeing it.
 * Every alarm notifies one SNS topic, whose email subscribers are a deploy-time setting (alarmEmails).
 */
import {
  BUSINESS_METRICS,
  METRICS_NAMESPACE,
  REQUEST_METRICS,
  SERVICE_NAME,
} from '@shifa/runtime/metric-names';
import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { camel } from './wiring';

/** Short enough that a held seat or a stuck payment is noticed within minutes. */
export const ALARM_PERIOD = Duration.minutes(5);

/**
 * A unit's 5xx rate alarms at this percent of its requests, in 2 of 3 periods, once a period has
 * at least `minRequests`: below that a single failed request of two would read as 50 %.
 */
export const SERVER_ERRORS = {
  percent: 5,
  minRequests: 10,
  evaluationPeriods: 3,
  datapointsToAlarm: 2,
} as const;

/** The routes a tourist or hospital waits on while money and seats are at stake. */
export const BOOKING_ROUTES = [
  'createBooking',
  'payBooking',
  'cancelBooking',
  'acceptHospitalBooking',
  'declineHospitalBooking',
] as const;

/** p99 latency of a booking route, in 2 of 3 periods: each makes a Stripe call and a transaction. */
export const BOOKING_LATENCY = { p99Ms: 3_000, evaluationPeriods: 3, datapointsToAlarm: 2 } as const;

/** The stream publisher this far behind means hospitals and tourists hear of changes late. */
export const ITERATOR_AGE_MS = 2 * 60_000;

/** One of Shifa's own metrics (metric-names.ts), for the alarms and the dashboard. */
export const shifaMetric = (
  metricName: string,
  dimensions: Readonly<Record<string, string>>,
  statistic: string,
  period: Duration = ALARM_PERIOD,
): Metric =>
  new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service: SERVICE_NAME, ...dimensions },
    statistic,
    period,
  });

/** A unit's 5xx as a percentage of its requests, 0 while it has fewer than the minimum. */
export const serverErrorRate = (unit: string, period: Duration = ALARM_PERIOD): MathExpression => {
  // Ids of their own per unit, so the dashboard can graph every unit's rate in one widget.
  const key = unit.replace(/[^A-Za-z0-9]/g, '_');
  const [requests, errors] = [`requests_${key}`, `errors_${key}`];
  return new MathExpression({
    expression: `IF(${requests} >= ${SERVER_ERRORS.minRequests}, 100 * ${errors} / ${requests}, 0)`,
    usingMetrics: {
      [requests]: shifaMetric(REQUEST_METRICS.count, { unit }, 'Sum', period),
      [errors]: shifaMetric(REQUEST_METRICS.serverErrors, { unit }, 'Sum', period),
    },
    label: `${unit}: 5xx % of requests`,
    period,
  });
};

export interface AlarmsProps {
  /** The deployment units behind the API, by id. */
  readonly apiUnits: readonly string[];
  /** The unit serving each booking route. */
  readonly bookingRoutes: readonly { readonly route: string; readonly unit: string }[];
  /** The stream publisher, whose event source mapping reports its iterator age. */
  readonly streamPublisher: IFunction;
  /** Dead-letter queues, by the name of what feeds them. */
  readonly deadLetterQueues: ReadonlyMap<string, IQueue>;
  /** Functions whose Lambda errors someone should look at, by id, with what an error means there. */
  readonly functions: ReadonlyMap<string, { readonly fn: IFunction; readonly behindApi: boolean }>;
  /** Who is told, by email (a deploy-time setting); each address confirms its subscription once. */
  readonly emails: readonly string[];
}

export class Alarms extends Construct {
  readonly topic: Topic;
  readonly alarms: readonly Alarm[];
  readonly serverErrorRates: ReadonlyMap<string, Alarm>;
  readonly bookingLatency: ReadonlyMap<string, Alarm>;
  readonly iteratorAge: Alarm;
  readonly deliveriesDeadLettered: Alarm;
  readonly moneyNeedsAttention: Alarm;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);

    // Unencrypted on purpose: it carries alarm notices only (name, metric, threshold), and CloudWatch
    // cannot publish to a topic under the AWS-managed SNS key.
    this.topic = new Topic(this, 'Topic', { displayName: 'Shifa alarms', enforceSSL: true });
    for (const email of props.emails) this.topic.addSubscription(new EmailSubscription(email));
    const notify = new SnsAction(this.topic);

    const alarms: Alarm[] = [];
    const alarm = (alarmId: string, description: string, metric: IMetric, options: AlarmOptions): Alarm => {
      const made = new Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        ...options,
      });
      alarms.push(made);
      return made;
    };

    this.serverErrorRates = new Map(
      props.apiUnits.map((unit) => [
        unit,
        alarm(
          `${camel(unit)}ServerErrorRate`,
          `Unit ${unit} answered 5xx to ${SERVER_ERRORS.percent} % or more of its requests (at least ${SERVER_ERRORS.minRequests} in 5 minutes): find "unhandled error" in its log.`,
          serverErrorRate(unit),
          {
            threshold: SERVER_ERRORS.percent,
            evaluationPeriods: SERVER_ERRORS.evaluationPeriods,
            datapointsToAlarm: SERVER_ERRORS.datapointsToAlarm,
          },
        ),
      ]),
    );

    this.bookingLatency = new Map(
      props.bookingRoutes.map(({ route, unit }) => [
        route,
        alarm(
          `${route}LatencyP99`,
          `${route} took more than ${BOOKING_LATENCY.p99Ms} ms at p99: a tourist or hospital waits on it (look at Stripe's and DynamoDB's subsegments in X-Ray).`,
          shifaMetric(REQUEST_METRICS.latency, { unit, route }, 'p99'),
          {
            threshold: BOOKING_LATENCY.p99Ms,
            evaluationPeriods: BOOKING_LATENCY.evaluationPeriods,
            datapointsToAlarm: BOOKING_LATENCY.datapointsToAlarm,
          },
        ),
      ]),
    );

    this.iteratorAge = alarm(
      'StreamIteratorAge',
      `The stream publisher is more than ${ITERATOR_AGE_MS / 1000} s behind the table: booking events reach hospitals and tourists late (read its log for failing batches).`,
      props.streamPublisher.metric('IteratorAge', { statistic: 'Maximum', period: ALARM_PERIOD }),
      { threshold: ITERATOR_AGE_MS, evaluationPeriods: 1 },
    );

    this.moneyNeedsAttention = alarm(
      'MoneyNeedsAttention',
      "A booking's money needs a person: a capture, release or refund Stripe keeps refusing, or refused for good, or money that disagrees with Stripe. List them with GET /operator/payments?state=attention.",
      shifaMetric(BUSINESS_METRICS.moneyStepsNeedingAttention, {}, 'Maximum'),
      { threshold: 1, evaluationPeriods: 1 },
    );

    this.deliveriesDeadLettered = alarm(
      'DeliveriesDeadLettered',
      "A booking event could not be delivered to a hospital's webhook after every retry: replay it from GET /operator/deliveries?status=failed once the hospital's endpoint works.",
      shifaMetric(BUSINESS_METRICS.deliveriesDeadLettered, {}, 'Sum'),
      { threshold: 1, evaluationPeriods: 1 },
    );

    for (const [name, queue] of props.deadLetterQueues) {
      alarm(
        `${name}DeadLetters`,
        `A run of ${name} failed and was dead-lettered: read the message in the queue, then the function's log.`,
        queue.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: 'Maximum' }),
        { threshold: 1, evaluationPeriods: 1 },
      );
    }

    for (const [name, { fn, behindApi }] of props.functions) {
      alarm(
        `${name}Errors`,
        behindApi
          ? `${name} did not answer a request (a timeout, a crash at start, out of memory): API Gateway answered 5xx. Read its log.`
          : `${name} failed with an unhandled error: read its log.`,
        fn.metricErrors({ period: ALARM_PERIOD, statistic: 'Sum' }),
        { threshold: 1, evaluationPeriods: 1 },
      );
    }

    for (const made of alarms) {
      made.addAlarmAction(notify);
      made.addOkAction(notify);
    }
    this.alarms = alarms;
  }
}

type AlarmOptions = { threshold: number; evaluationPeriods: number; datapointsToAlarm?: number };
