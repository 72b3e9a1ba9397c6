/**
 * Scheduled jobs and alarms on AWS: one function and one EventBridge Scheduler
 * schedule per entry of functions/schedules.ts, with retries and a dead-letter
 * queue; the booking settings on every function that applies booking rules; an
 * alarm on each dead-letter queue and on each booking function's errors, all to
 * one SNS topic. A synthetic job that uses more than today's jobs do is served
 * beside the declared ones, so its grants are checked too.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handlerFile, type RouteDeclaration, routes, type TableAccess } from '@shifa/functions/routes';
import { type ScheduleDeclaration, schedules } from '@shifa/functions/schedules';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShifaApp } from '../lib/app';
import type { ShifaStack } from '../lib/stack';
import {
  describeViolation,
  logicalIdOf,
  nagReport,
  permissionsOf,
  type Resource,
  resourcesOf,
  roleOf,
  WEB_FIXTURE,
} from './support';

const STACK = 'ShifaJobsTest';

const SYNTHETIC: ScheduleDeclaration = {
  id: 'syntheticNightlyJob',
  // Any existing module will do: bundling is skipped, only the wiring is checked.
  handler: 'booking/expire-holds',
  everyMinutes: 90,
  table: 'read',
  uses: ['idempotency', 'health-notes'],
  summary: 'A job that exists only in this test',
};

const served: readonly ScheduleDeclaration[] = [...schedules, SYNTHETIC];

const EXPECTED_TABLE_ACTIONS: Record<TableAccess, string[]> = {
  none: [],
  read: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'],
  write: [
    'dynamodb:BatchGetItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:DeleteItem',
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:Query',
    'dynamodb:UpdateItem',
  ],
};

let outdir: string;
let assemblyDir: string;
let template: Template;
let stack: ShifaStack;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'shifa-cdk-jobs-'));
  const created = createShifaApp(
    { outdir, context: { stackName: STACK, 'aws:cdk:bundling-stacks': [] } },
    { schedules: served, webDist: WEB_FIXTURE },
  );
  stack = created.stack;
  assemblyDir = created.app.synth().directory;
  template = Template.fromStack(stack);
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

const resource = (id: string): Resource => {
  const found = template.toJSON().Resources[id] as Resource | undefined;
  if (!found) throw new Error(`no resource ${id}`);
  return found;
};

const jobFunctionId = (declaration: ScheduleDeclaration): string =>
  logicalIdOf(stack.jobs.node.findChild(declaration.id).node.findChild('Function'));

const scheduleOf = (declaration: ScheduleDeclaration): Resource => {
  const fn = jobFunctionId(declaration);
  const found = resourcesOf(template, 'AWS::Scheduler::Schedule').filter(
    ([, s]) =>
      JSON.stringify((s.Properties.Target as { Arn: unknown }).Arn) ===
      JSON.stringify({ 'Fn::GetAtt': [fn, 'Arn'] }),
  );
  expect(found, `schedules invoking ${declaration.id}`).toHaveLength(1);
  return found[0]?.[1] as Resource;
};

/** `rate(5 minutes)`, `rate(1 hour)`, … in minutes. */
const minutesOf = (expression: string): number => {
  const match = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (!match) throw new Error(`not a rate expression: ${expression}`);
  const unit = { minute: 1, minutes: 1, hour: 60, hours: 60, day: 1440, days: 1440 }[match[2] as 'minute'];
  return Number(match[1]) * unit;
};

const expectedMaxAgeSeconds = (declaration: ScheduleDeclaration): number =>
  Math.min(Math.max(60, declaration.everyMinutes * 60), 6 * 3600);

type Target = {
  Arn: unknown;
  RoleArn: { 'Fn::GetAtt': [string, string] };
  DeadLetterConfig?: { Arn: { 'Fn::GetAtt': [string, string] } };
  RetryPolicy?: { MaximumRetryAttempts: number; MaximumEventAgeInSeconds: number };
};

describe('scheduled jobs', () => {
  it('creates one schedule per declared job, and no other', () => {
    template.resourceCountIs('AWS::Scheduler::Schedule', served.length);
  });

  it.each(served)(
    'runs $id every $everyMinutes minutes, enabled, invoking its own function',
    (declaration) => {
      const schedule = scheduleOf(declaration);

      expect(minutesOf(String(schedule.Properties.ScheduleExpression))).toBe(declaration.everyMinutes);
      expect(schedule.Properties.State).toBe('ENABLED');
      expect(resource(jobFunctionId(declaration)).Properties.Description).toContain(declaration.summary);
    },
  );

  it.each(served)(
    'retries $id a bounded number of times, then dead-letters it into its own queue',
    (declaration) => {
      const target = scheduleOf(declaration).Properties.Target as Target;
      const queue = target.DeadLetterConfig?.Arn['Fn::GetAtt'][0] ?? '';

      expect(resource(queue).Type).toBe('AWS::SQS::Queue');
      expect(target.RetryPolicy).toEqual({
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: expectedMaxAgeSeconds(declaration),
      });
      // A run the function itself failed: Lambda's asynchronous retries, then the same queue.
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: jobFunctionId(declaration) },
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: expectedMaxAgeSeconds(declaration),
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
      });
    },
  );

  it('gives each job a dead-letter queue of its own, encrypted and refusing plain HTTP', () => {
    const queues = served.map(
      (declaration) =>
        (scheduleOf(declaration).Properties.Target as Target).DeadLetterConfig?.Arn['Fn::GetAtt'][0],
    );

    expect(new Set(queues).size).toBe(served.length);
    // + the hospital-delivery queue and its dead-letter queue
    template.resourceCountIs(
      'AWS::SQS::Queue',
      served.length +
        stack.eventsPipeline.deadLetterQueues.size +
        1 +
        stack.hospitalDelivery.deadLetterQueues.size,
    );
    template.allResourcesProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    for (const queue of queues) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queue }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it.each(served)(
    "lets Scheduler's role for $id invoke its function and fill its queue, nothing more",
    (declaration) => {
      const target = scheduleOf(declaration).Properties.Target as Target;
      const role = target.RoleArn['Fn::GetAtt'][0];
      const queue = target.DeadLetterConfig?.Arn['Fn::GetAtt'][0] ?? '';

      const permissions = permissionsOf(template, role);

      expect(permissions).toEqual(
        expect.arrayContaining([
          {
            action: 'lambda:InvokeFunction',
            resource: JSON.stringify({ 'Fn::GetAtt': [jobFunctionId(declaration), 'Arn'] }),
          },
          { action: 'sqs:SendMessage', resource: JSON.stringify({ 'Fn::GetAtt': [queue, 'Arn'] }) },
        ]),
      );
      expect(permissions).toHaveLength(2);
      expect(resource(role).Properties.AssumeRolePolicyDocument).toMatchObject({
        Statement: [
          {
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          },
        ],
      });
    },
  );

  it.each(served)(
    "grants $id's function its table access ('$table') and what it uses, as for a route",
    (declaration) => {
      const fn = resource(jobFunctionId(declaration));
      const uses = declaration.uses ?? [];
      const table = logicalIdOf(stack.data.table);
      const idempotency = logicalIdOf(stack.data.idempotencyTable);

      const permissions = permissionsOf(template, roleOf(fn));
      const on = (id: string) =>
        [...new Set(permissions.filter((p) => p.resource.includes(`"${id}"`)).map((p) => p.action))].sort();
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;

      expect(on(table)).toEqual(EXPECTED_TABLE_ACTIONS[declaration.table]);
      expect(on(idempotency)).toEqual(
        uses.includes('idempotency')
          ? ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']
          : [],
      );
      expect(variables.IDEMPOTENCY_TABLE_NAME !== undefined).toBe(uses.includes('idempotency'));
      expect(variables.HEALTH_NOTES_KEY !== undefined).toBe(uses.includes('health-notes'));
      expect(variables.STRIPE_SECRET_KEY !== undefined).toBe(uses.includes('payments'));
    },
  );
});

/** Read from the handler, as the stack does, but by a rule written here: any import of the booking package. */
const appliesBookingRules = (handler: string): boolean =>
  readFileSync(handlerFile({ handler }), 'utf8').includes("'@shifa/booking");

type Wired = { id: string; handler: string; where: 'Api' | 'Jobs'; booking: boolean };

const wired: Wired[] = [
  ...routes.map((route: RouteDeclaration) => ({
    id: route.id,
    handler: route.handler,
    where: 'Api' as const,
  })),
  ...served.map((job) => ({ id: job.id, handler: job.handler, where: 'Jobs' as const })),
].map((fn) => ({ ...fn, booking: appliesBookingRules(fn.handler) }));

const logicalIdOfWired = ({ id, where }: Wired): string =>
  logicalIdOf((where === 'Api' ? stack.api : stack.jobs).node.findChild(id).node.findChild('Function'));

describe('booking settings', () => {
  it('applies to the booking functions the route table and the jobs declare', () => {
    const booking = wired.filter((fn) => fn.booking).map((fn) => fn.id);

    expect(booking).toEqual(expect.arrayContaining(['createBooking', 'stripeWebhook', 'expireHolds']));
  });

  it.each(wired)(
    'sets HOLD_MINUTES 15 and HOSPITAL_DECISION_HOURS 48 by default on $id only if it applies booking rules ($booking)',
    (fn) => {
      const environment = resource(logicalIdOfWired(fn)).Properties.Environment;
      const variables = (environment as { Variables: Record<string, unknown> }).Variables;

      if (fn.booking) {
        expect(variables).toMatchObject({ HOLD_MINUTES: '15', HOSPITAL_DECISION_HOURS: '48' });
      } else {
        expect(variables.HOLD_MINUTES).toBeUndefined();
        expect(variables.HOSPITAL_DECISION_HOURS).toBeUndefined();
      }
    },
  );

  it('takes both settings from context, the same on every booking function', () => {
    const { stack: tuned } = createShifaApp(
      {
        outdir: join(outdir, 'tuned'),
        context: {
          stackName: 'ShifaTuned',
          holdMinutes: '20',
          hospitalDecisionHours: 72,
          'aws:cdk:bundling-stacks': [],
        },
      },
      { webDist: WEB_FIXTURE },
    );

    const settings = resourcesOf(Template.fromStack(tuned), 'AWS::Lambda::Function')
      .map(
        ([, fn]) =>
          (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables,
      )
      .filter((variables) => variables?.HOLD_MINUTES !== undefined)
      .map((variables) => `${variables?.HOLD_MINUTES}/${variables?.HOSPITAL_DECISION_HOURS}`);

    expect(settings.length).toBeGreaterThan(0);
    expect(new Set(settings)).toEqual(new Set(['20/72']));
  });

  it.each([
    ['holdMinutes', '0'],
    ['holdMinutes', '61'],
    ['holdMinutes', 'fifteen'],
    ['hospitalDecisionHours', '121'],
    ['hospitalDecisionHours', '2.5'],
  ])('refuses %s=%s at synth, before any function could fail on it', (key, value) => {
    const act = () =>
      createShifaApp(
        {
          outdir: join(outdir, `bad-${key}-${value}`),
          context: { stackName: 'ShifaBad', [key]: value, 'aws:cdk:bundling-stacks': [] },
        },
        { webDist: WEB_FIXTURE },
      );

    expect(act).toThrow(new RegExp(`${key} must be a whole number`));
  });
});

describe('alarms', () => {
  const topicId = (): string => logicalIdOf(stack.alarms.topic);

  const alarmsWhere = (metricName: string, dimension: unknown): Resource[] =>
    resourcesOf(template, 'AWS::CloudWatch::Alarm')
      .map(([, alarm]) => alarm)
      .filter(
        (alarm) =>
          alarm.Properties.MetricName === metricName &&
          JSON.stringify(alarm.Properties.Dimensions).includes(JSON.stringify(dimension)),
      );

  it.each(served)("raises an alarm as soon as a message is in $id's dead-letter queue", (declaration) => {
    const queue = (scheduleOf(declaration).Properties.Target as Target).DeadLetterConfig?.Arn[
      'Fn::GetAtt'
    ][0];

    const alarms = alarmsWhere('ApproximateNumberOfMessagesVisible', { 'Fn::GetAtt': [queue, 'QueueName'] });

    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: topicId() }],
      OKActions: [{ Ref: topicId() }],
    });
  });

  it.each(wired.filter((fn) => fn.booking))(
    'raises an alarm on any unhandled error of the booking function $id',
    (fn) => {
      const alarms = alarmsWhere('Errors', { Name: 'FunctionName', Value: { Ref: logicalIdOfWired(fn) } });

      expect(alarms).toHaveLength(1);
      expect(alarms[0]?.Properties).toMatchObject({
        Namespace: 'AWS/Lambda',
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [{ Ref: topicId() }],
      });
    },
  );

  it('raises an alarm when the sign-up trigger fails, since a tourist without a role cannot book', () => {
    const trigger = logicalIdOf(stack.auth.postConfirmation.function);

    expect(alarmsWhere('Errors', { Name: 'FunctionName', Value: { Ref: trigger } })).toHaveLength(1);
  });

  it('watches no function that takes no part in booking', () => {
    const watched = new Set([
      ...wired.filter((fn) => fn.booking).map(logicalIdOfWired),
      logicalIdOf(stack.auth.postConfirmation.function),
    ]);

    const errorAlarms = resourcesOf(template, 'AWS::CloudWatch::Alarm').filter(
      ([, alarm]) => alarm.Properties.MetricName === 'Errors',
    );

    expect(errorAlarms).toHaveLength(watched.size);
  });

  it('outputs the topic for the operator to subscribe to, accepting only TLS', () => {
    template.hasOutput('AlarmTopicArn', { Value: { Ref: topicId() } });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId() }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('cdk-nag', () => {
  it('finds nothing unacknowledged with the jobs, their queues and the alarms', () => {
    expect(nagReport(assemblyDir).violations.map(describeViolation)).toEqual([]);
  });

  it('acknowledges "no DLQ" (SQS3) only on the dead-letter queues themselves', () => {
    const sqs3 = nagReport(assemblyDir).suppressed.filter((v) => v.ruleName === 'AwsSolutions-SQS3');

    const paths = sqs3.flatMap((v) => v.violatingConstructs.map((c) => c.constructPath)).sort();

    expect(paths).toEqual(
      [
        ...served.map((job) => `${STACK}/Jobs/${job.id}DeadLetters/Resource`),
        ...[...stack.eventsPipeline.deadLetterQueues.values()].map((queue) => `${queue.node.path}/Resource`),
      ].sort(),
    );
  });
});
