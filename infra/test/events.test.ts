/**
 * The event pipeline on AWS, checked from the declarations in @shifa/events:
 * the stream → publisher mapping as streamPublisher declares it, the
 * publisher allowed to put events on the bus and nothing else, one EventBridge
 * rule per declared rule with exactly its pattern and a Lambda target with a
 * retry policy and a dead-letter queue (whose alarms monitoring.test.ts checks),
 * and cdk-nag's checks passing. Synthetic rules exercise what today's do not.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventRule, rules, streamPublisher, targetDelivery } from '@shifa/events';
import type { TableAccess } from '@shifa/functions/routes';
import { App, Stack, Validations } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShifaApp } from '../lib/app';
import { Data } from '../lib/data';
import { Events } from '../lib/events';
import { DELIVERY_RETRY_ATTEMPTS, EventsPipeline } from '../lib/events-pipeline';
import { RecordsStorage } from '../lib/records';
import { HealthDataKey } from '../lib/sealing';
import { Secrets } from '../lib/secrets';
import type { ShifaStack } from '../lib/stack';
import { stageSettings } from '../lib/stage';
import { FunctionWiring } from '../lib/wiring';
import {
  describeViolation,
  flatTemplate,
  logicalIdOf,
  nagReport,
  permissionsOf,
  type Resource,
  resourcesOf,
  WEB_FIXTURE,
} from './support';

// Written out here rather than imported, so widening the grants in infra/lib fails this test.
const TABLE_ACTIONS: Record<TableAccess, string[]> = {
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

const outdirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'shifa-cdk-events-'));
  outdirs.push(dir);
  return dir;
};

afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

type Target = {
  Arn: { 'Fn::GetAtt': [string, string] };
  DeadLetterConfig?: { Arn: { 'Fn::GetAtt': [string, string] } };
  RetryPolicy?: { MaximumRetryAttempts: number; MaximumEventAgeInSeconds: number };
};

const rulesOf = (template: Template): [string, Resource][] => resourcesOf(template, 'AWS::Events::Rule');

describe('the declared pipeline in the Shifa stack', () => {
  let template: Template;
  let stack: ShifaStack;
  let assemblyDir: string;

  beforeAll(() => {
    // Bundling is skipped: the wiring is under test here, the bundles in stack.test.ts.
    const created = createShifaApp(
      {
        outdir: tempDir(),
        context: { stackName: 'ShifaEventsTest', 'aws:cdk:bundling-stacks': [] },
      },
      { webDist: WEB_FIXTURE },
    );
    stack = created.stack;
    assemblyDir = created.app.synth().directory;
    template = flatTemplate(stack);
  });

  const resource = (id: string): Resource => {
    const found = template.toJSON().Resources[id] as Resource | undefined;
    if (!found) throw new Error(`no resource ${id}`);
    return found;
  };
  const busId = () => logicalIdOf(stack.events.bus);
  const publisherId = () => logicalIdOf(stack.eventsPipeline.publisher.function);
  const publisherRoleId = () => logicalIdOf(stack.eventsPipeline.publisher.role);

  it('feeds the publisher from the table stream as streamPublisher declares, reporting partial failures', () => {
    const streams = resourcesOf(template, 'AWS::Lambda::EventSourceMapping').filter(([, m]) =>
      JSON.stringify(m.Properties.EventSourceArn).includes('StreamArn'),
    );
    const mappings = streams.filter(
      ([, m]) => JSON.stringify(m.Properties.FunctionName) === JSON.stringify({ Ref: publisherId() }),
    );

    expect(streams).toHaveLength(1);
    expect(mappings).toHaveLength(1);
    const [, mapping] = mappings[0] ?? [];
    expect(mapping?.Properties).toEqual({
      FunctionName: { Ref: publisherId() },
      EventSourceArn: { 'Fn::GetAtt': [logicalIdOf(stack.data.table), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: streamPublisher.batchSize,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: streamPublisher.retryAttempts,
      MaximumRecordAgeInSeconds: streamPublisher.maxRecordAgeSeconds,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: {
        OnFailure: {
          Destination: { 'Fn::GetAtt': [logicalIdOf(stack.eventsPipeline.publisherDeadLetters), 'Arn'] },
        },
      },
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify(streamPublisher.filter) }] },
    });
  });

  it('names the bus in the publisher’s environment and lets it put events on that bus only', () => {
    const permissions = permissionsOf(template, publisherRoleId());

    expect(resource(publisherId()).Properties.Environment).toMatchObject({
      Variables: { EVENT_BUS_NAME: { Ref: busId() } },
    });
    expect(permissions.filter((p) => p.action.startsWith('events:'))).toEqual([
      { action: 'events:PutEvents', resource: JSON.stringify({ 'Fn::GetAtt': [busId(), 'Arn'] }) },
    ]);
    const itemActions = permissions.filter(
      (p) =>
        p.action.startsWith('dynamodb:') &&
        ![
          'dynamodb:ListStreams',
          'dynamodb:DescribeStream',
          'dynamodb:GetRecords',
          'dynamodb:GetShardIterator',
        ].includes(p.action),
    );
    expect(itemActions).toEqual([]);
    const streamActions = permissions.filter(
      (p) => p.action.startsWith('dynamodb:') && p.action !== 'dynamodb:ListStreams',
    );
    expect(new Set(streamActions.map((p) => p.resource))).toEqual(
      new Set([JSON.stringify({ 'Fn::GetAtt': [logicalIdOf(stack.data.table), 'StreamArn'] })]),
    );
  });

  it('creates one rule per declared rule, on the bus, with exactly the declared pattern', () => {
    const found = rulesOf(template);

    expect(found).toHaveLength(rules.length);
    for (const declared of rules) {
      const matching = found.filter(([, r]) => r.Properties.Description === declared.description);
      expect(matching, declared.id).toHaveLength(1);
      const [, rule] = matching[0] ?? [];
      expect(rule?.Properties.EventBusName, declared.id).toEqual({ Ref: busId() });
      expect(rule?.Properties.EventPattern, declared.id).toEqual(declared.pattern);
      expect(rule?.Properties.State).toBe('ENABLED');
    }
  });

  it.each(rules.map((rule) => [rule.id, rule] as const))(
    'targets %s’s handler with retries and a dead-letter queue of its own, for the function’s failures too',
    (_, declared) => {
      const target = stack.eventsPipeline.targets.find((t) => t.declaration.id === declared.id);
      if (!target) throw new Error(`no target for ${declared.id}`);
      const fnId = logicalIdOf(target.fn.function);
      const queueId = logicalIdOf(target.deadLetters);
      const rule = resource(logicalIdOf(target.rule));
      const targets = rule.Properties.Targets as Target[];

      expect(targets).toHaveLength(1);
      expect(targets[0]?.Arn).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
      expect(targets[0]?.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
      expect(targets[0]?.RetryPolicy).toEqual({
        MaximumRetryAttempts: DELIVERY_RETRY_ATTEMPTS,
        MaximumEventAgeInSeconds: targetDelivery.maxEventAgeSeconds,
      });
      const invokeConfigs = resourcesOf(template, 'AWS::Lambda::EventInvokeConfig').filter(
        ([, c]) => JSON.stringify(c.Properties.FunctionName) === JSON.stringify({ Ref: fnId }),
      );
      expect(invokeConfigs.map(([, c]) => c.Properties)).toEqual([
        {
          FunctionName: { Ref: fnId },
          Qualifier: '$LATEST',
          MaximumRetryAttempts: targetDelivery.retryAttempts,
          MaximumEventAgeInSeconds: targetDelivery.maxEventAgeSeconds,
          DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
        },
      ]);
      expect(String(resource(fnId).Properties.Description)).toContain(declared.description);
    },
  );

  it.each(rules.map((rule) => [rule.id, rule] as const))(
    'gives %s’s function exactly the table access its target declares',
    (_, declared) => {
      const target = stack.eventsPipeline.targetFor(declared.id);
      const tableArn = JSON.stringify({ 'Fn::GetAtt': [logicalIdOf(stack.data.table), 'Arn'] });

      const actions = permissionsOf(template, logicalIdOf(target.role))
        .filter((p) => p.action.startsWith('dynamodb:') && p.resource === tableArn)
        .map((p) => p.action);

      expect([...new Set(actions)].sort()).toEqual(TABLE_ACTIONS[declared.target.table]);
    },
  );

  it('passes cdk-nag, acknowledging only the dead-letter queues and ListStreams', () => {
    const { violations, suppressed } = nagReport(assemblyDir);
    const ours = suppressed.filter((v) =>
      v.violatingConstructs.some((c) => c.constructPath.includes('/EventsPipeline/')),
    );

    expect(violations.map(describeViolation)).toEqual([]);
    expect([...new Set(ours.map((v) => v.ruleName))].sort()).toEqual([
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-SQS3',
    ]);
    expect(ours.filter((v) => v.ruleName === 'AwsSolutions-SQS3')).toHaveLength(rules.length + 1);
  });
});

/** The pipeline on its own, with rules of a test's choosing. */
function pipelineWith(testRules: readonly EventRule[]): {
  template: Template;
  pipeline: EventsPipeline;
  app: App;
} {
  const app = new App({ outdir: tempDir(), context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'EventsPipelineOnly');
  const data = new Data(stack, 'Data', { retainData: false });
  const events = new Events(stack, 'Events', { busName: 'shifa-test' });
  const secrets = new Secrets(stack, 'Secrets', { retainData: false, revision: '1' });
  const healthDataKey = new HealthDataKey(stack, 'HealthDataKey', { retainData: false });
  const logs = stageSettings(() => undefined).logs;
  const wiring = new FunctionWiring({
    served: {},
    data,
    secrets,
    healthDataKey,
    // Kept, so no auto-deleting custom resource function joins the functions counted here.
    records: new RecordsStorage(stack, 'Records', {
      stackName: stack.stackName,
      key: healthDataKey.key,
      corsOrigins: ['*'],
      retainData: true,
      logs,
    }),
    booking: { holdMinutes: 15, maxUnpaidHolds: 3, hospitalDecisionHours: 48, healthNotesDaysAfterTrip: 30 },
    logs,
  });
  const pipeline = new EventsPipeline(stack, 'EventsPipeline', {
    table: data.table,
    bus: events.bus,
    wiring,
    rules: testRules,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { template: flatTemplate(stack), pipeline, app };
}

describe('the pipeline with synthetic rules', () => {
  it('renders any supported pattern exactly, nested detail and anything-but included', () => {
    const rule: EventRule = {
      id: 'refunds-over-limit',
      description: 'Refunds that are not from the tourist, above 100 000 minor units',
      pattern: {
        source: ['shifa.booking'],
        'detail-type': ['BookingCancelled'],
        detail: {
          cancelledBy: [{ 'anything-but': 'tourist' }],
          refund: { amount: [{ numeric: ['>', 100_000] }] },
        },
      },
      // Any existing module will do: bundling is skipped, only the wiring is checked.
      target: { kind: 'function', handler: 'booking/complete-trips', table: 'write' },
    };

    const { template } = pipelineWith([rule]);

    template.hasResourceProperties('AWS::Events::Rule', { EventPattern: rule.pattern });
    template.resourceCountIs('AWS::Events::Rule', 1);
  });

  it('creates no rule and no target function when no rule is declared', () => {
    const { template } = pipelineWith([]);

    template.resourceCountIs('AWS::Events::Rule', 0);
    template.resourceCountIs('AWS::Lambda::Function', 1);
  });

  it('refuses, at synth, a rule whose handler module does not exist', () => {
    const missing: EventRule = {
      id: 'nobody-home',
      description: 'A rule whose target was never written',
      pattern: { source: ['shifa.booking'] },
      target: { kind: 'function', handler: 'nowhere/nothing', table: 'none' },
    };

    expect(() => pipelineWith([missing])).toThrow(
      /nobody-home: its target functions\/nowhere\/nothing\.ts does not exist/,
    );
  });
});
