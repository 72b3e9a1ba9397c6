/**
 * One CloudWatch dashboard for the marketplace: the alarms' states; per deployment unit its
 * requests, 4xx and 5xx and its latency; the booking routes' p99; what the business did (holds,
 * payments, hospital decisions, deliveries, money steps pending); and the event pipeline's lag and
 * dead letters. Everything on it is a metric of metric-names.ts or one AWS publishes itself.
 */
import {
  BUSINESS_METRICS,
  HOSPITAL_DECISIONS,
  METRICS_NAMESPACE,
  REQUEST_METRICS,
} from '@shifa/runtime/metric-names';
import { Duration } from 'aws-cdk-lib';
import {
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  GraphWidgetView,
  type HorizontalAnnotation,
  type IWidget,
  MathExpression,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type Alarms, BOOKING_LATENCY, ITERATOR_AGE_MS, serverErrorRate, shifaMetric } from './alarms';

/** Finer than the alarms' five minutes: the dashboard is for looking closer. */
const PERIOD = Duration.minutes(1);

export interface ShifaDashboardProps {
  readonly dashboardName: string;
  readonly apiUnits: readonly string[];
  readonly bookingRoutes: readonly { readonly route: string; readonly unit: string }[];
  readonly alarms: Alarms;
  readonly streamPublisher: IFunction;
  readonly deadLetterQueues: ReadonlyMap<string, IQueue>;
}

export class ShifaDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ShifaDashboardProps) {
    super(scope, id);
    const count = (name: string, dimensions: Readonly<Record<string, string>> = {}, label?: string) =>
      shifaMetric(name, dimensions, 'Sum', PERIOD).with(label === undefined ? {} : { label });

    const perUnit = props.apiUnits.flatMap((unit): IWidget[] => [
      new GraphWidget({
        title: `${unit}: requests, 4xx, 5xx`,
        width: 12,
        left: [count(REQUEST_METRICS.count, { unit }, 'requests')],
        right: [
          count(REQUEST_METRICS.clientErrors, { unit }, '4xx'),
          count(REQUEST_METRICS.serverErrors, { unit }, '5xx'),
        ],
      }),
      new GraphWidget({
        title: `${unit}: latency (ms)`,
        width: 12,
        left: ['p50', 'p99'].map((statistic) =>
          shifaMetric(REQUEST_METRICS.latency, { unit }, statistic, PERIOD).with({ label: statistic }),
        ),
      }),
    ]);

    const threshold = (value: number, label: string): HorizontalAnnotation => ({ value, label });

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.hours(3),
      widgets: [
        [
          new TextWidget({
            width: 24,
            height: 2,
            markdown: `# ${props.dashboardName}\nWhat users feel first: each unit's 5xx rate and latency, the booking routes, the business, and the event pipeline. Metrics: namespace \`${METRICS_NAMESPACE}\` (EMF from the functions); traces: X-Ray.`,
          }),
        ],
        [new AlarmStatusWidget({ title: 'Alarms', width: 24, height: 6, alarms: [...props.alarms.alarms] })],
        [
          new GraphWidget({
            title: '5xx % of requests, by unit (alarms at the line, given enough requests)',
            width: 12,
            left: props.apiUnits.map((unit) => serverErrorRate(unit, PERIOD).with({ label: unit })),
          }),
          new GraphWidget({
            title: 'Booking routes: p99 latency (ms)',
            width: 12,
            left: props.bookingRoutes.map(({ route, unit }) =>
              shifaMetric(REQUEST_METRICS.latency, { unit, route }, 'p99', PERIOD).with({ label: route }),
            ),
            leftAnnotations: [threshold(BOOKING_LATENCY.p99Ms, 'alarm')],
          }),
        ],
        ...rows(perUnit),
        [
          new GraphWidget({
            title: 'Holds: taken, and refused by reason',
            width: 8,
            view: GraphWidgetView.TIME_SERIES,
            stacked: true,
            left: [
              count(BUSINESS_METRICS.holdsTaken, {}, 'taken'),
              new MathExpression({
                expression: `SEARCH('{${METRICS_NAMESPACE},service,reason} MetricName="${BUSINESS_METRICS.holdsRefused}"', 'Sum', ${PERIOD.toSeconds()})`,
                label: 'refused:',
                period: PERIOD,
              }),
            ],
          }),
          new GraphWidget({
            title: 'Payments (Stripe webhook)',
            width: 8,
            left: [
              count(BUSINESS_METRICS.paymentsAuthorised, {}, 'authorised'),
              count(BUSINESS_METRICS.paymentsFailed, {}, 'failed'),
            ],
          }),
          new GraphWidget({
            title: 'Hospital decisions',
            width: 8,
            stacked: true,
            left: HOSPITAL_DECISIONS.map((decision) =>
              count(BUSINESS_METRICS.hospitalDecisions, { decision }, decision),
            ),
          }),
        ],
        [
          new GraphWidget({
            title: 'Hospital deliveries: failed attempts, dead-lettered',
            width: 8,
            left: [
              count(BUSINESS_METRICS.deliveryAttemptsFailed, {}, 'attempts failed'),
              count(BUSINESS_METRICS.deliveriesDeadLettered, {}, 'dead-lettered'),
            ],
          }),
          new GraphWidget({
            title: 'Money steps pending, and needing a person (as the reconciler last counted)',
            width: 8,
            left: [
              shifaMetric(BUSINESS_METRICS.moneyStepsPending, {}, 'Maximum', PERIOD).with({
                label: 'pending',
              }),
              shifaMetric(BUSINESS_METRICS.moneyStepsNeedingAttention, {}, 'Maximum', PERIOD).with({
                label: 'needing attention',
              }),
            ],
          }),
          new GraphWidget({
            title: 'Stream publisher: iterator age (ms)',
            width: 8,
            left: [
              props.streamPublisher.metric('IteratorAge', {
                statistic: 'Maximum',
                period: PERIOD,
                label: 'age',
              }),
            ],
            leftAnnotations: [threshold(ITERATOR_AGE_MS, 'alarm')],
          }),
        ],
        [
          new GraphWidget({
            title: 'Dead-letter queues: messages',
            width: 24,
            left: [...props.deadLetterQueues].map(([name, queue]) =>
              queue.metricApproximateNumberOfMessagesVisible({
                statistic: 'Maximum',
                period: PERIOD,
                label: name,
              }),
            ),
          }),
        ],
      ],
    });
  }
}

/** Widgets of 12 columns, two to a row. */
const rows = (widgets: readonly IWidget[]): IWidget[][] => {
  const out: IWidget[][] = [];
  for (let index = 0; index < widgets.length; index += 2) out.push(widgets.slice(index, index + 2));
  return out;
};
