/**
 * Alarms on what users feel and the dashboard, in `<stackName>-Monitoring`: a 5xx-rate alarm per
 * API unit from the request metrics, p99 latency alarms on the booking routes, the stream
 * publisher's iterator age, hospital deliveries dead-lettered, every dead-letter queue's depth,
 * Lambda errors per function; every alarm tells one topic whose subscribers are alarmEmails; one
 * dashboard. The marketplace keeps none of it, and is referenced weakly (its outputs, read at deploy).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { routes } from '@shifa/functions/routes';
import { unitById } from '@shifa/functions/units';
import {
  BUSINESS_METRICS,
  HOSPITAL_DECISIONS,
  METRICS_NAMESPACE,
  REQUEST_METRICS,
} from '@shifa/runtime/metric-names';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOKING_ROUTES } from '../lib/alarms';
import { createShifaApp } from '../lib/app';
import type { MonitoringStack } from '../lib/monitoring';
import type { ShifaStack } from '../lib/stack';
import {
  describeViolation,
  flatTemplate,
  logicalIdOf,
  nagReport,
  type Resource,
  resourcesOf,
  WEB_FIXTURE,
} from './support';

const STACK = 'ShifaMonitoringTest';
const EMAILS = ['ops@example.com', 'oncall@example.org'];

let outdir: string;
let assemblyDir: string;
let marketplace: ShifaStack;
let monitoring: MonitoringStack;
let template: Template;
let main: Template;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'shifa-cdk-monitoring-'));
  const created = createShifaApp(
    {
      outdir,
      context: { stackName: STACK, 'aws:cdk:bundling-stacks': [], alarmEmails: ` ${EMAILS.join(' , ')} ` },
    },
    { webDist: WEB_FIXTURE },
  );
  marketplace = created.stack;
  monitoring = created.monitoring;
  assemblyDir = created.app.synth().directory;
  template = flatTemplate(monitoring);
  main = flatTemplate(marketplace);
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

const alarms = (): Resource[] => resourcesOf(template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm);

const topicId = (): string => logicalIdOf(monitoring.alarms.topic);

const apiUnits = (): string[] =>
  marketplace.wiring.functions
    .flatMap(({ unit }) => (unit === undefined ? [] : [unit]))
    .filter((unit) => unitById(unit).kind === 'api');

/**
 * How the monitoring stack names a resource of the marketplace: the marketplace's output whose value
 * is the resource's Ref or attribute, read at deploy time with Fn::GetStackOutput.
 */
const weakly = (construct: Parameters<typeof logicalIdOf>[0], attribute?: string) => {
  const id = logicalIdOf(construct);
  const value = attribute === undefined ? { Ref: id } : { 'Fn::GetAtt': [id, attribute] };
  const outputs = Object.entries(main.toJSON().Outputs as Record<string, { Value: unknown }>);
  const found = outputs.find(([, output]) => JSON.stringify(output.Value) === JSON.stringify(value));
  if (found === undefined) throw new Error(`the marketplace outputs nothing for ${id}`);
  return {
    'Fn::GetStackOutput': { StackName: STACK, Region: { Ref: 'AWS::Region' }, OutputName: found[0] },
  };
};

const shifaDimensions = (dimensions: Record<string, string>) =>
  Object.entries({ service: 'shifa', ...dimensions }).map(([Name, Value]) => ({ Name, Value }));

/** As CDK writes a single metric's dimensions: by name. */
const byName = (dimensions: { Name: string; Value: string }[]) =>
  [...dimensions].sort((a, b) => a.Name.localeCompare(b.Name));

describe('the stacks', () => {
  it('keep every alarm, the topic and the dashboard out of the marketplace, which is deployed first', () => {
    main.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    main.resourceCountIs('AWS::SNS::Topic', 0);
    main.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
    expect(monitoring.dependencies.map((stack) => stack.stackName)).toContain(STACK);
    expect(monitoring.stackName).toBe(`${STACK}-Monitoring`);
  });

  it('tells every alarm, when it fires and when it clears, to one topic that takes TLS only', () => {
    template.resourceCountIs('AWS::SNS::Topic', 1);
    expect(alarms().length).toBeGreaterThan(0);
    for (const alarm of alarms()) {
      expect(alarm.Properties).toMatchObject({
        AlarmActions: [{ Ref: topicId() }],
        OKActions: [{ Ref: topicId() }],
        TreatMissingData: 'notBreaching',
      });
    }
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId() }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.hasOutput('AlarmTopicArn', { Value: { Ref: topicId() } });
  });

  it('subscribes each address of alarmEmails to the topic, and no one else', () => {
    const subscriptions = resourcesOf(template, 'AWS::SNS::Subscription').map(([, s]) => s.Properties);

    expect(subscriptions).toEqual(
      EMAILS.map((email) => ({ Protocol: 'email', Endpoint: email, TopicArn: { Ref: topicId() } })),
    );
  });
});

describe('alarms on what users feel', () => {
  it('watches the 5xx rate of each unit behind the API, from its request metrics, given enough requests', () => {
    const units = apiUnits();
    expect(units).toEqual(expect.arrayContaining(['catalog', 'payments', 'stripe-webhook', 'platform']));

    for (const unit of units) {
      const key = unit.replace(/-/g, '_');
      const found = alarms().filter((alarm) =>
        JSON.stringify(alarm.Properties.Metrics ?? []).includes(`IF(requests_${key} >= 10`),
      );
      expect(found, unit).toHaveLength(1);
      expect(found[0]?.Properties, unit).toMatchObject({
        Threshold: 5,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 3,
        DatapointsToAlarm: 2,
        Metrics: [
          {
            Expression: `IF(requests_${key} >= 10, 100 * errors_${key} / requests_${key}, 0)`,
            ReturnData: true,
          },
          {
            Id: `requests_${key}`,
            MetricStat: {
              Metric: {
                Namespace: METRICS_NAMESPACE,
                MetricName: REQUEST_METRICS.count,
                Dimensions: shifaDimensions({ unit }),
              },
              Period: 300,
              Stat: 'Sum',
            },
            ReturnData: false,
          },
          {
            Id: `errors_${key}`,
            MetricStat: {
              Metric: {
                Namespace: METRICS_NAMESPACE,
                MetricName: REQUEST_METRICS.serverErrors,
                Dimensions: shifaDimensions({ unit }),
              },
              Period: 300,
              Stat: 'Sum',
            },
            ReturnData: false,
          },
        ],
      });
    }
  });

  it.each(BOOKING_ROUTES)('watches the p99 latency of the booking route %s', (route) => {
    const unit = routes.find((declared) => declared.id === route)?.unit ?? '';

    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: METRICS_NAMESPACE,
      MetricName: REQUEST_METRICS.latency,
      Dimensions: byName(shifaDimensions({ unit, route })),
      ExtendedStatistic: 'p99',
      Period: 300,
      Threshold: 3000,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
    });
  });

  it("watches the stream publisher's iterator age: events that reach hospitals and tourists late", () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'IteratorAge',
      Dimensions: [{ Name: 'FunctionName', Value: weakly(marketplace.eventsPipeline.publisher.function) }],
      Statistic: 'Maximum',
      Threshold: 120_000,
    });
  });

  it('raises an alarm on any hospital delivery dead-lettered, from the business metric', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: METRICS_NAMESPACE,
      MetricName: BUSINESS_METRICS.deliveriesDeadLettered,
      Dimensions: shifaDimensions({}),
      Statistic: 'Sum',
      Threshold: 1,
    });
  });

  it("raises an alarm when a booking's money needs a person, from the reconciler's count", () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: METRICS_NAMESPACE,
      MetricName: BUSINESS_METRICS.moneyStepsNeedingAttention,
      Dimensions: shifaDimensions({}),
      Statistic: 'Maximum',
      Threshold: 1,
    });
  });

  it('raises an alarm on a message in any dead-letter queue: the jobs’, the event pipeline’s, the deliveries’, the record checks’', () => {
    const queues = [
      ...marketplace.jobs.units.map(({ deadLetters }) => deadLetters),
      ...marketplace.eventsPipeline.deadLetterQueues.values(),
      ...marketplace.hospitalDelivery.deadLetterQueues.values(),
      ...marketplace.records.deadLetterQueues.values(),
    ];
    expect(queues.length).toBe(resourcesOf(main, 'AWS::SQS::Queue').length - 1);

    for (const queue of queues) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: weakly(queue, 'QueueName') }],
        Statistic: 'Maximum',
        Threshold: 1,
        EvaluationPeriods: 1,
      });
    }
  });

  it("raises an alarm on each function's Lambda errors: an exception off the API, a request left unanswered on it", () => {
    const functions = [
      ...marketplace.wiring.functions.map(({ id, fn }) => ({ id, fn: fn.function })),
      { id: 'postConfirmation', fn: marketplace.auth.postConfirmation.function },
    ];
    // CDK's own provider that empties dev's buckets when the stack is deleted runs then and only then.
    const ours = resourcesOf(main, 'AWS::Lambda::Function').filter(
      ([id]) => !id.startsWith('CustomS3AutoDeleteObjectsCustomResourceProvider'),
    );
    expect(functions).toHaveLength(ours.length);

    for (const { id, fn } of functions) {
      const found = alarms().filter(
        (alarm) =>
          alarm.Properties.MetricName === 'Errors' &&
          JSON.stringify(alarm.Properties.Dimensions) ===
            JSON.stringify([{ Name: 'FunctionName', Value: weakly(fn) }]),
      );
      expect(found, id).toHaveLength(1);
      expect(found[0]?.Properties.AlarmDescription, id).toContain(
        apiUnits().includes(id) ? 'did not answer a request' : 'failed with an unhandled error',
      );
    }
  });
});

describe('the dashboard', () => {
  const body = (): string => {
    const [[, dashboard] = []] = resourcesOf(template, 'AWS::CloudWatch::Dashboard');
    return JSON.stringify(dashboard?.Properties.DashboardBody);
  };

  it('is one, named after the marketplace stack, and shows every alarm', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: STACK });
    for (const alarm of monitoring.alarms.alarms) {
      expect(body()).toContain(logicalIdOf(alarm));
    }
  });

  it("graphs each unit's requests, 4xx, 5xx and latency, and the booking routes' p99", () => {
    for (const unit of apiUnits()) {
      expect(body()).toContain(`${unit}: requests, 4xx, 5xx`);
      expect(body()).toContain(`${unit}: latency (ms)`);
    }
    for (const route of BOOKING_ROUTES) expect(body()).toContain(`\\"route\\",\\"${route}\\"`);
  });

  it('graphs the business: holds taken and refused by reason, payments, decisions, deliveries, money steps', () => {
    for (const name of Object.values(BUSINESS_METRICS)) expect(body(), name).toContain(name);
    for (const decision of HOSPITAL_DECISIONS) expect(body()).toContain(`\\"decision\\",\\"${decision}\\"`);
    expect(body()).toContain(
      `SEARCH('{${METRICS_NAMESPACE},service,reason} MetricName=\\\\\\"HoldsRefused\\\\\\"'`,
    );
  });
});

describe('cdk-nag', () => {
  it('finds nothing unacknowledged in any stack, the monitoring stack included', () => {
    expect(nagReport(assemblyDir).violations.map(describeViolation)).toEqual([]);
  });
});
