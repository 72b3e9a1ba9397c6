/**
 * Scheduled jobs on AWS: one EventBridge Scheduler schedule per entry of
 * functions/schedules.ts, invoking its deployment unit's function with `{"job": id}`; one
 * function and one dead-letter queue per schedule unit, with retries bounded by the unit's most
 * frequent job; the booking settings on every function. The alarms on the queues and functions are
 * monitoring.test.ts's. A synthetic job that runs far less often than
 * the declared ones is served by the same unit, so the unit's retries are shown to follow its
 * most frequent job rather than each job's own clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TableAccess } from '@shifa/functions/routes';
import { type ScheduleDeclaration, schedules } from '@shifa/functions/schedules';
import { type ScheduleUnitId, unitById } from '@shifa/functions/units';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShifaApp } from '../lib/app';
import { maxEventAgeOf } from '../lib/jobs';
import type { ShifaStack } from '../lib/stack';
import {
  describeViolation,
  flatTemplate,
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
  // The unit's module runs no such job: bundling is skipped, only the wiring is checked.
  unit: 'sweeps',
  everyMinutes: 90,
  table: 'read',
  summary: 'A job that exists only in this test',
};

const served: readonly ScheduleDeclaration[] = [...schedules, SYNTHETIC];

const scheduleUnits: readonly ScheduleUnitId[] = [...new Set(served.map((job) => job.unit))];

const jobsOf = (unit: ScheduleUnitId): ScheduleDeclaration[] => served.filter((job) => job.unit === unit);

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
  template = flatTemplate(stack);
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

const resource = (id: string): Resource => {
  const found = template.toJSON().Resources[id] as Resource | undefined;
  if (!found) throw new Error(`no resource ${id}`);
  return found;
};

/** The schedule that runs a job, found by the input it hands the function. */
const scheduleOf = (declaration: ScheduleDeclaration): Resource => {
  const found = resourcesOf(template, 'AWS::Scheduler::Schedule').filter(
    ([, s]) => JSON.parse(String((s.Properties.Target as Target).Input)).job === declaration.id,
  );
  expect(found, `schedules running ${declaration.id}`).toHaveLength(1);
  return found[0]?.[1] as Resource;
};

/** The function a job's schedule invokes. */
const invokedBy = (declaration: ScheduleDeclaration): string => {
  return (scheduleOf(declaration).Properties.Target as Target).Arn['Fn::GetAtt'][0];
};

const deadLettersOf = (declaration: ScheduleDeclaration): string =>
  (scheduleOf(declaration).Properties.Target as Target).DeadLetterConfig?.Arn['Fn::GetAtt'][0] ?? '';

/** The function the stack made for a schedule unit. */
const unitFunctionId = (unit: ScheduleUnitId): string => {
  const found = stack.jobs.units.find((candidate) => candidate.unit === unit);
  if (found === undefined) throw new Error(`no function for the ${unit} unit`);
  return logicalIdOf(found.fn.function);
};

/** `rate(5 minutes)`, `rate(1 hour)`, … in minutes. */
const minutesOf = (expression: string): number => {
  const match = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (!match) throw new Error(`not a rate expression: ${expression}`);
  const unit = { minute: 1, minutes: 1, hour: 60, hours: 60, day: 1440, days: 1440 }[match[2] as 'minute'];
  return Number(match[1]) * unit;
};

/** Until the next run of the unit's most frequent job, within a minute and six hours. */
const expectedMaxAgeSeconds = (unit: ScheduleUnitId): number =>
  Math.min(Math.max(60, Math.min(...jobsOf(unit).map((job) => job.everyMinutes)) * 60), 6 * 3600);

type Target = {
  Arn: { 'Fn::GetAtt': [string, string] };
  Input?: string;
  RoleArn: { 'Fn::GetAtt': [string, string] };
  DeadLetterConfig?: { Arn: { 'Fn::GetAtt': [string, string] } };
  RetryPolicy?: { MaximumRetryAttempts: number; MaximumEventAgeInSeconds: number };
};

describe('scheduled jobs', () => {
  it('creates one schedule per declared job, and no other', () => {
    template.resourceCountIs('AWS::Scheduler::Schedule', served.length);
  });

  it.each(served)(
    'runs $id every $everyMinutes minutes, enabled, invoking the $unit unit with {"job": "$id"}',
    (declaration) => {
      const schedule = scheduleOf(declaration);
      const target = schedule.Properties.Target as Target;

      expect(minutesOf(String(schedule.Properties.ScheduleExpression))).toBe(declaration.everyMinutes);
      expect(schedule.Properties.State).toBe('ENABLED');
      expect(schedule.Properties.Description).toBe(declaration.summary);
      expect(JSON.parse(String(target.Input))).toEqual({ job: declaration.id });
      expect(invokedBy(declaration)).toBe(unitFunctionId(declaration.unit));
      expect(resource(invokedBy(declaration)).Properties.Description).toContain(
        unitById(declaration.unit).summary,
      );
    },
  );

  it("runs every job of a unit on the unit's one function, and each unit on a function of its own", () => {
    const functions = scheduleUnits.map((unit) => [...new Set(jobsOf(unit).map(invokedBy))]);

    expect(functions.map((ids) => ids.length)).toEqual(scheduleUnits.map(() => 1));
    expect(new Set(functions.flat()).size).toBe(scheduleUnits.length);
    expect(jobsOf('sweeps').length).toBeGreaterThan(1);
  });

  it.each(served)(
    "retries $id a bounded number of times, until the unit's next run is due, then dead-letters it",
    (declaration) => {
      const target = scheduleOf(declaration).Properties.Target as Target;
      const queue = deadLettersOf(declaration);

      expect(resource(queue).Type).toBe('AWS::SQS::Queue');
      expect(target.RetryPolicy).toEqual({
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: expectedMaxAgeSeconds(declaration.unit),
      });
      // A run the function itself failed: Lambda's asynchronous retries, then the same queue.
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: invokedBy(declaration) },
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: expectedMaxAgeSeconds(declaration.unit),
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
      });
    },
  );

  it("bounds the synthetic job's retries by its unit's most frequent job, not by its own 90 minutes", () => {
    const target = scheduleOf(SYNTHETIC).Properties.Target as Target;

    const maxAge = target.RetryPolicy?.MaximumEventAgeInSeconds;

    expect(maxAge).toBe(expectedMaxAgeSeconds(SYNTHETIC.unit));
    expect(maxAge).toBeLessThan(SYNTHETIC.everyMinutes * 60);
  });

  it('bounds a unit’s retries by its most frequent job, within a minute and six hours', () => {
    expect(maxEventAgeOf([{ everyMinutes: 90 }, { everyMinutes: 5 }]).toSeconds()).toBe(5 * 60);
    expect(maxEventAgeOf([{ everyMinutes: 720 }, { everyMinutes: 1440 }]).toSeconds()).toBe(6 * 3600);
    expect(maxEventAgeOf([{ everyMinutes: 1 }]).toSeconds()).toBe(60);
  });

  it('gives each schedule unit one dead-letter queue, shared by its jobs, encrypted and refusing plain HTTP', () => {
    const queues = scheduleUnits.map((unit) => [...new Set(jobsOf(unit).map(deadLettersOf))]);

    expect(queues.map((ids) => ids.length)).toEqual(scheduleUnits.map(() => 1));
    expect(new Set(queues.flat()).size).toBe(scheduleUnits.length);
    // + the hospital-delivery queue and its dead-letter queue, and the record checker's dead-letter queue
    template.resourceCountIs(
      'AWS::SQS::Queue',
      scheduleUnits.length +
        stack.eventsPipeline.deadLetterQueues.size +
        1 +
        stack.hospitalDelivery.deadLetterQueues.size +
        stack.records.deadLetterQueues.size,
    );
    template.allResourcesProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    for (const queue of queues.flat()) {
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
    "lets Scheduler's role for $id invoke its unit's function and fill its queue, nothing more",
    (declaration) => {
      const target = scheduleOf(declaration).Properties.Target as Target;
      const role = target.RoleArn['Fn::GetAtt'][0];
      const queue = deadLettersOf(declaration);

      const permissions = permissionsOf(template, role);

      expect(permissions).toEqual(
        expect.arrayContaining([
          {
            action: 'lambda:InvokeFunction',
            resource: JSON.stringify({ 'Fn::GetAtt': [unitFunctionId(declaration.unit), 'Arn'] }),
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

  it.each(scheduleUnits)(
    "grants the %s unit's function the widest table access its jobs declare and all they use",
    (unit) => {
      // What the unit's declared jobs need, gathered here rather than taken from units.ts: a unit
      // is granted what its declared jobs use, and the synthetic job needs less than they do.
      const declared = schedules.filter((job: ScheduleDeclaration) => job.unit === unit);
      const tableAccess = (['write', 'read', 'none'] as const).find((access) =>
        declared.some((job: ScheduleDeclaration) => job.table === access),
      );
      const uses = new Set(declared.flatMap((job: ScheduleDeclaration) => job.uses ?? []));
      const fn = resource(unitFunctionId(unit));
      const table = logicalIdOf(stack.data.table);
      const idempotency = logicalIdOf(stack.data.idempotencyTable);

      const permissions = permissionsOf(template, roleOf(fn));
      const on = (id: string) =>
        [...new Set(permissions.filter((p) => p.resource.includes(`"${id}"`)).map((p) => p.action))].sort();
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;

      expect(on(table)).toEqual(EXPECTED_TABLE_ACTIONS[tableAccess ?? 'none']);
      expect(on(idempotency)).toEqual(
        uses.has('idempotency')
          ? ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']
          : [],
      );
      expect(variables.IDEMPOTENCY_TABLE_NAME !== undefined).toBe(uses.has('idempotency'));
      expect(variables.HEALTH_DATA_KMS_KEY_ARN !== undefined).toBe(
        uses.has('seal-health-notes') || uses.has('health-notes') || uses.has('webhook-secrets'),
      );
      expect(variables.STRIPE_SECRET_KEY !== undefined).toBe(uses.has('payments'));
    },
  );
});

describe('booking settings', () => {
  it('sets HOLD_MINUTES 15 and HOSPITAL_DECISION_HOURS 48 by default on every function the stack wires', () => {
    const wired = stack.wiring.functions;

    expect(wired.map(({ id }) => id)).toEqual(
      expect.arrayContaining(['payments', 'stripe-webhook', 'sweeps']),
    );
    for (const { id, fn } of wired) {
      const environment = resource(logicalIdOf(fn.function)).Properties.Environment;
      const variables = (environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables, id).toMatchObject({ HOLD_MINUTES: '15', HOSPITAL_DECISION_HOURS: '48' });
    }
  });

  it('takes both settings from context, the same on every wired function', () => {
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

    const settings = resourcesOf(flatTemplate(tuned), 'AWS::Lambda::Function')
      .map(
        ([, fn]) =>
          (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables,
      )
      .filter((variables) => variables?.HOLD_MINUTES !== undefined)
      .map((variables) => `${variables?.HOLD_MINUTES}/${variables?.HOSPITAL_DECISION_HOURS}`);

    expect(settings).toHaveLength(tuned.wiring.functions.length);
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

describe('cdk-nag', () => {
  it('finds nothing unacknowledged with the jobs and their queues', () => {
    expect(nagReport(assemblyDir).violations.map(describeViolation)).toEqual([]);
  });

  it('acknowledges "no DLQ" (SQS3) only on the dead-letter queues themselves', () => {
    const sqs3 = nagReport(assemblyDir).suppressed.filter((v) => v.ruleName === 'AwsSolutions-SQS3');

    const paths = sqs3.flatMap((v) => v.violatingConstructs.map((c) => c.constructPath)).sort();

    expect(paths).toEqual(
      [
        ...stack.jobs.units.map(({ deadLetters }) => `${deadLetters.node.path}/Resource`),
        ...[...stack.eventsPipeline.deadLetterQueues.values()].map((queue) => `${queue.node.path}/Resource`),
        ...[...stack.records.deadLetterQueues.values()].map((queue) => `${queue.node.path}/Resource`),
      ].sort(),
    );
  });
});
