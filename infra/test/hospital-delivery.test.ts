/**
 * Hospital deliveries and tourist notifications on AWS: the delivery queue and
 * its dead-letter queue (redrive, encryption, TLS only; its alarm is monitoring.test.ts's), the
 * worker fed by the queue with partial batch failures, exactly the functions
 * that start deliveries allowed to send to the queue, the notification target
 * allowed to send mail from the configured address only, and cdk-nag clean.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FUNCTIONS_DIR } from '@shifa/functions/routes';
import { STALE_CLAIM_MS } from '@shifa/hospital-delivery/queue';
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShifaApp } from '../lib/app';
import {
  DEAD_LETTER_RETENTION,
  MAX_RECEIVE_COUNT,
  QUEUE_SENDERS,
  VISIBILITY_TIMEOUT,
  WORKER,
  WORKER_TIMEOUT,
} from '../lib/hospital-delivery';
import { NOTIFY_HANDLER } from '../lib/notifications';
import type { ShifaStack } from '../lib/stack';
import type { WiredFunction } from '../lib/wiring';
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

const SENDER = 'bookings@mail.shifa.example';

let outdir: string;
let template: Template;
let stack: ShifaStack;
let assemblyDir: string;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'shifa-cdk-delivery-'));
  // Bundling is skipped: the wiring is under test here, the bundles in stack.test.ts.
  const created = createShifaApp(
    {
      outdir,
      context: { stackName: 'ShifaDeliveryTest', 'aws:cdk:bundling-stacks': [], notificationsFrom: SENDER },
    },
    { webDist: WEB_FIXTURE },
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

const queueId = () => logicalIdOf(stack.hospitalDelivery.queue);
const deadLettersId = () => logicalIdOf(stack.hospitalDelivery.deadLetters);

/** What a wired function runs, under functions/: its handler module, or its unit's module. */
const moduleOf = ({ unit, declaration }: WiredFunction): string => {
  if (unit !== undefined) return `units/${unit}`;
  if (declaration !== undefined) return declaration.handler;
  throw new Error('a wired function with neither a unit nor a declaration');
};

function fnOf(module: string) {
  const fn = stack.wiring.functions.find((wired) => moduleOf(wired) === module)?.fn;
  if (fn === undefined) throw new Error(`no function runs ${module}`);
  return fn;
}

/** The functions that start deliveries, by module: the rule's target and the hospital-delivery unit. */
const STARTERS = [...QUEUE_SENDERS.handlers, ...QUEUE_SENDERS.units.map((unit) => `units/${unit}`)];

/** The handler modules a function runs: its own, or those its unit's module dispatches to. */
const handlersRunBy = (module: string): string[] =>
  module.startsWith('units/')
    ? [...readFileSync(join(FUNCTIONS_DIR, `${module}.ts`), 'utf8').matchAll(/from '\.\.\/([^']+)'/g)]
        .map((match) => match[1] ?? '')
        .filter((imported) => imported !== 'dispatch')
    : [module];

const environmentOf = (module: string): Record<string, unknown> =>
  (
    resource(logicalIdOf(fnOf(module).function)).Properties.Environment as {
      Variables: Record<string, unknown>;
    }
  ).Variables;

const sqsPermissions = (module: string) =>
  permissionsOf(template, logicalIdOf(fnOf(module).role)).filter((p) => p.action.startsWith('sqs:'));

const getAtt = (id: string) => JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] });

describe('the delivery queue', () => {
  it('is encrypted, hands a message out again only after six worker timeouts, and redrives to its dead-letter queue', () => {
    const queue = resource(queueId()).Properties;
    const deadLetters = resource(deadLettersId()).Properties;

    expect(queue).toMatchObject({
      SqsManagedSseEnabled: true,
      VisibilityTimeout: VISIBILITY_TIMEOUT.toSeconds(),
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [deadLettersId(), 'Arn'] },
        maxReceiveCount: MAX_RECEIVE_COUNT,
      },
    });
    expect(VISIBILITY_TIMEOUT.toSeconds()).toBe(6 * WORKER_TIMEOUT.toSeconds());
    // A dead worker's message comes back after the visibility timeout and must find its claim stale.
    expect(VISIBILITY_TIMEOUT.toMilliseconds()).toBeGreaterThan(
      STALE_CLAIM_MS + WORKER_TIMEOUT.toMilliseconds(),
    );
    expect(deadLetters).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: DEAD_LETTER_RETENTION.toSeconds(),
    });
  });

  it('refuses requests without TLS on both queues', () => {
    for (const id of [queueId(), deadLettersId()]) {
      const policy = resourcesOf(template, 'AWS::SQS::QueuePolicy').find(([, p]) =>
        JSON.stringify(p.Properties.Queues).includes(id),
      );
      expect(JSON.stringify(policy?.[1].Properties.PolicyDocument), id).toContain(
        '"aws:SecureTransport":"false"',
      );
    }
  });
});

describe('the worker', () => {
  it('is fed by the queue, ten messages at a time, reporting failures one by one', () => {
    const mappings = resourcesOf(template, 'AWS::Lambda::EventSourceMapping').filter(
      ([, m]) =>
        JSON.stringify(m.Properties.FunctionName) ===
        JSON.stringify({ Ref: logicalIdOf(stack.hospitalDelivery.worker.function) }),
    );

    expect(mappings.map(([, m]) => m.Properties)).toEqual([
      expect.objectContaining({
        EventSourceArn: { 'Fn::GetAtt': [queueId(), 'Arn'] },
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      }),
    ]);
  });

  it('has the health-data key and both queues’ addresses, and the 10 seconds every function has', () => {
    const fn = resource(logicalIdOf(stack.hospitalDelivery.worker.function)).Properties;
    const environment = environmentOf(WORKER.handler);

    expect(fn.Timeout).toBe(WORKER_TIMEOUT.toSeconds());
    expect(environment.DELIVERY_QUEUE_URL).toEqual({ Ref: queueId() });
    expect(environment.DELIVERY_DEAD_LETTER_QUEUE_URL).toEqual({ Ref: deadLettersId() });
    expect(environment).toHaveProperty('HEALTH_DATA_KMS_KEY_ARN');
  });

  it('may chain messages on the queue and park deliveries in the dead-letter queue', () => {
    const sends = sqsPermissions(WORKER.handler).filter((p) => p.action === 'sqs:SendMessage');

    expect(sends.map((p) => p.resource).sort()).toEqual([getAtt(deadLettersId()), getAtt(queueId())].sort());
  });
});

describe('who may send to the queue', () => {
  it('is exactly the rule’s target, the unit serving redeliver and replay, and the worker', () => {
    const senders = stack.wiring.functions
      .filter(({ fn }) =>
        permissionsOf(template, logicalIdOf(fn.role)).some(
          (p) => p.action === 'sqs:SendMessage' && p.resource === getAtt(queueId()),
        ),
      )
      .map(moduleOf)
      .sort();

    expect(senders).toEqual(['hospital-delivery/enqueue', 'units/hospital-delivery', WORKER.handler].sort());
    for (const module of STARTERS) {
      const sends = sqsPermissions(module)
        .filter((p) => p.action === 'sqs:SendMessage')
        .map((p) => p.resource);
      expect(environmentOf(module).DELIVERY_QUEUE_URL, module).toEqual({ Ref: queueId() });
      expect(sends, module).toContain(getAtt(queueId()));
      // Parking a delivery in the dead-letter queue is the worker's alone.
      expect(sends, module).not.toContain(getAtt(deadLettersId()));
    }
  });

  it('covers every handler module that queues attempts, and lets no function send that queues none', () => {
    const dir = join(FUNCTIONS_DIR, 'hospital-delivery');
    const queuing = readdirSync(dir)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .filter((file) => /\b(queueDeps|attemptDeps)\(\)/.test(readFileSync(join(dir, file), 'utf8')))
      .filter((file) => file !== 'deps.ts')
      .map((file) => `hospital-delivery/${file.replace(/\.ts$/, '')}`)
      .sort();
    const run = new Map([...STARTERS, WORKER.handler].map((module) => [module, handlersRunBy(module)]));

    const reached = [...run.values()].flat();

    expect(queuing.length).toBeGreaterThan(0);
    expect(queuing.filter((module) => !reached.includes(module))).toEqual([]);
    for (const [sender, handlers] of run) {
      expect(
        handlers.filter((handler) => queuing.includes(handler)),
        sender,
      ).not.toEqual([]);
    }
  });
});

describe('tourist notifications', () => {
  it('send from the configured address, through SES, and from no other', () => {
    const permissions = permissionsOf(template, logicalIdOf(fnOf(NOTIFY_HANDLER).role)).filter((p) =>
      p.action.startsWith('ses:'),
    );

    expect(environmentOf(NOTIFY_HANDLER).NOTIFY_FROM_EMAIL).toBe(SENDER);
    expect(permissions.map((p) => p.action)).toEqual(['ses:SendEmail', 'ses:SendEmail']);
    expect(permissions.map((p) => p.resource).join(' ')).toContain(`identity/${SENDER}`);
    expect(permissions.map((p) => p.resource).join(' ')).toContain('identity/mail.shifa.example');
    const statement = resourcesOf(template, 'AWS::IAM::Policy')
      .flatMap(
        ([, p]) =>
          (p.Properties.PolicyDocument as { Statement: { Action: unknown; Condition?: unknown }[] })
            .Statement,
      )
      .find((s) => s.Action === 'ses:SendEmail');
    expect(statement?.Condition).toEqual({ StringEquals: { 'ses:FromAddress': SENDER } });
  });

  it('no other function may send mail', () => {
    const mailers = stack.wiring.functions
      .filter(({ fn }) =>
        permissionsOf(template, logicalIdOf(fn.role)).some((p) => p.action.startsWith('ses:')),
      )
      .map(moduleOf);

    expect(mailers).toEqual([NOTIFY_HANDLER]);
  });
});

describe('cdk-nag', () => {
  it('finds nothing unacknowledged in the delivery queue, the worker or the notifications', () => {
    const { violations } = nagReport(assemblyDir);
    const ours = violations.filter((v) =>
      v.violatingConstructs.some(
        (c) =>
          c.constructPath.includes('/HospitalDelivery/') ||
          c.constructPath.includes('/Notifications/') ||
          c.constructPath.includes('deliverToHospital') ||
          c.constructPath.includes('notifyTourist'),
      ),
    );

    expect(ours.map(describeViolation)).toEqual([]);
  });
});
