/**
 * Secrets on AWS: created in Secrets Manager, never written into the template or
 * the assembly, handed as dynamic references to exactly the functions whose
 * declarations use them (a unit's: those of any of its routes and jobs), and
 * readable by no function role. And the KMS key that seals health data: rotated,
 * usable only by the functions that declare a sealing capability, each only for
 * the purposes it declares.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RuleTarget, rules, streamPublisher } from '@shifa/events';
import { deliveryWorker, postConfirmation, recordUploadChecker } from '@shifa/functions/consumers';
import { type Capability, fallbackRoute, routes } from '@shifa/functions/routes';
import { schedules } from '@shifa/functions/schedules';
import { type UnitId, units } from '@shifa/functions/units';
import { isSealingCapability, SEALING_PURPOSES } from '@shifa/sealing/purposes';
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShifaApp } from '../lib/app';
import type { ShifaFunction } from '../lib/function';
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

const STACK = 'ShifaSecretsTest';

// Values a careless app could pick up from the deployer's shell; none may reach the assembly.
const CANARIES = {
  STRIPE_SECRET_KEY: 'sk_test_CanaryValueNeverInTemplate0001',
  STRIPE_WEBHOOK_SECRET: 'whsec_CanaryValueNeverInTemplate0002',
  HEALTH_DATA_KEYS: 'canary-1:Q2FuYXJ5S2V5TmV2ZXJJblRlbXBsYXRlMDAwMDAwMDA=',
} as const;

type SecretName = 'stripeSecretKey' | 'stripeWebhookSecret';

// Written out here, not taken from infra/lib, so handing a function more than this fails the test.
const EXPECTED: Record<Capability, Record<string, SecretName>> = {
  idempotency: {},
  payments: { STRIPE_SECRET_KEY: 'stripeSecretKey', STRIPE_WEBHOOK_SECRET: 'stripeWebhookSecret' },
  // Sealing needs no secret: a KMS key's ARN, which opens nothing without the grant (below).
  'seal-health-notes': {},
  'health-notes': {},
  'webhook-secrets': {},
  // The records bucket's name, which opens nothing without the grant (infra/lib/records.ts).
  records: {},
};

// Written out here too: what each capability may do with the health-data key, and for which purpose.
const KMS_USE: Record<Capability, { 'kms:GenerateDataKey'?: string; 'kms:Decrypt'?: string }> = {
  idempotency: {},
  payments: {},
  'seal-health-notes': { 'kms:GenerateDataKey': 'health-note' },
  'health-notes': { 'kms:Decrypt': 'health-note' },
  'webhook-secrets': { 'kms:GenerateDataKey': 'webhook-secret', 'kms:Decrypt': 'webhook-secret' },
  // S3 uses the key for records, not the Encryption SDK: no purpose; records.test.ts checks those grants.
  records: {},
};

let outdir: string;
let assemblyDir: string;
let template: Template;
let stack: ShifaStack;
const saved: Record<string, string | undefined> = {};

beforeAll(() => {
  for (const [name, value] of Object.entries(CANARIES)) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
  outdir = mkdtempSync(join(tmpdir(), 'shifa-cdk-secrets-'));
  // Bundling skipped: only the template and the manifest matter, and code bundles are no place to look for them.
  const created = createShifaApp(
    // Data kept, as prod always keeps it (dev's default is to destroy it; stage.test.ts checks both).
    { outdir, context: { stackName: STACK, retainData: 'true', 'aws:cdk:bundling-stacks': [] } },
    { webDist: WEB_FIXTURE },
  );
  stack = created.stack;
  assemblyDir = created.app.synth().directory;
  template = flatTemplate(stack);
});

afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  rmSync(outdir, { recursive: true, force: true });
});

const secretId = (name: SecretName): string => logicalIdOf(stack.secrets[name]);

const dynamicReference = (name: SecretName) => ({
  'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId(name) }, ':SecretString:::}}']],
});

const declarations: readonly { unit: UnitId; uses?: readonly Capability[] }[] = [
  ...routes,
  fallbackRoute,
  ...schedules,
];

/** What a unit's routes and jobs declare they use, gathered here rather than taken from units.ts. */
const declaredUses = (unit: UnitId): Capability[] => [
  ...new Set(
    declarations
      .filter((declaration) => declaration.unit === unit)
      .flatMap((declaration) => declaration.uses ?? []),
  ),
];

/** The function the stack made for a unit, or for a handler module that is not a unit. */
const functionFor = (found: { unit: UnitId } | { handler: string }): ShifaFunction => {
  // Auth makes the sign-up trigger itself, outside the wiring.
  if ('handler' in found && found.handler === postConfirmation.handler) return stack.auth.postConfirmation;
  const wired = stack.wiring.functions.find((candidate) =>
    'unit' in found ? candidate.unit === found.unit : candidate.declaration?.handler === found.handler,
  );
  if (wired === undefined) throw new Error(`no function wired for ${JSON.stringify(found)}`);
  return wired.fn;
};

/** The functions that are not units, as their own declarations describe them. */
const others: readonly { handler: string; uses?: readonly Capability[] }[] = [
  ...rules.map((rule): RuleTarget => rule.target),
  streamPublisher,
  deliveryWorker,
  recordUploadChecker,
  postConfirmation,
];

type Checked = { name: string; uses: readonly Capability[]; fn: () => ShifaFunction };

// Every function the stack deploys, each with what its declarations say it uses.
const checked: Checked[] = [
  ...units.map((unit) => ({
    name: `unit ${unit.id}`,
    uses: declaredUses(unit.id),
    fn: () => functionFor({ unit: unit.id }),
  })),
  ...others.map((declaration) => ({
    name: declaration.handler,
    uses: declaration.uses ?? [],
    fn: () => functionFor({ handler: declaration.handler }),
  })),
];

const functionOf = ({ name, fn }: Checked): Resource => {
  const id = logicalIdOf(fn().function);
  const found = resourcesOf(template, 'AWS::Lambda::Function').find(([candidate]) => candidate === id);
  if (!found) throw new Error(`no function for ${name}`);
  return found[1];
};

const variablesOf = (fn: Resource): Record<string, unknown> =>
  (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};

const allSecretIds = (): string[] => (['stripeSecretKey', 'stripeWebhookSecret'] as const).map(secretId);

/** Every file of the assembly: templates, manifest, tree, reports. */
const assemblyFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? assemblyFiles(path) : [path];
  });

describe('secrets', () => {
  it('creates the two Stripe secrets, generated by Secrets Manager, with no value in the template', () => {
    const secrets = resourcesOf(template, 'AWS::SecretsManager::Secret');

    expect(secrets.map(([id]) => id).sort()).toEqual(allSecretIds().sort());
    for (const [id, secret] of secrets) {
      expect(secret.Properties.SecretString, id).toBeUndefined();
      expect(secret.Properties.GenerateSecretString, id).toBeDefined();
    }
  });

  it('keeps the secrets when the stack goes, as it keeps the tables', () => {
    for (const id of allSecretIds()) {
      expect(template.toJSON().Resources[id], id).toMatchObject({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    }
  });

  it('writes no secret value anywhere in the assembly, even with secrets in the environment of the synth', () => {
    const files = assemblyFiles(assemblyDir);

    const leaks = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return Object.entries(CANARIES)
        .filter(([, value]) => text.includes(value))
        .map(([name]) => `${name} in ${file}`);
    });

    expect(files.some((file) => file.endsWith(`${STACK}.template.json`))).toBe(true);
    expect(leaks).toEqual([]);
    // Nor anything shaped like a Stripe credential or a key (only the match is shown, never the template).
    const text = JSON.stringify(template.toJSON());
    expect(text.match(/\b(sk|rk)_(test|live)_[0-9A-Za-z]{8,}|whsec_[0-9A-Za-z]{8,}/)).toBeNull();
    expect(text.match(/"[A-Za-z0-9+/]{43}="|"[0-9a-f]{64}"/)).toBeNull();
  });

  it('passes secret values only as dynamic references that CloudFormation resolves at deploy', () => {
    const secretVariables = new Set(Object.values(EXPECTED).flatMap((variables) => Object.keys(variables)));

    for (const [id, fn] of resourcesOf(template, 'AWS::Lambda::Function')) {
      for (const [name, value] of Object.entries(variablesOf(fn))) {
        if (secretVariables.has(name)) {
          expect(JSON.stringify(value), `${id} ${name}`).toMatch(
            /^\{"Fn::Join":\["",\["\{\{resolve:secretsmanager:"/,
          );
        }
      }
    }
  });

  it('checks every function of the stack, so none escapes the checks below', () => {
    const ids = checked.map((entry) => logicalIdOf(entry.fn().function));

    expect(new Set(ids).size).toBe(checked.length);
    expect(ids.sort()).toEqual(
      resourcesOf(template, 'AWS::Lambda::Function')
        .map(([id]) => id)
        .sort(),
    );
  });

  it('has functions with and without payments and health notes, so the checks below check something', () => {
    for (const capability of ['payments', 'health-notes'] as const) {
      expect(
        checked.some(({ uses }) => uses.includes(capability)),
        capability,
      ).toBe(true);
      expect(
        checked.some(({ uses }) => !uses.includes(capability)),
        capability,
      ).toBe(true);
    }
  });

  it.each(checked.map((entry) => ({ ...entry, list: entry.uses.join(', ') })))(
    'hands $name exactly the secrets of what it uses ($list)',
    (entry) => {
      const fn = functionOf(entry);
      const expected: Record<string, unknown> = {};
      for (const capability of entry.uses) {
        for (const [variable, secret] of Object.entries(EXPECTED[capability])) {
          expected[variable] = dynamicReference(secret);
        }
      }

      const variables = variablesOf(fn);
      const carried = Object.fromEntries(
        Object.entries(variables).filter(([, value]) =>
          allSecretIds().some((id) => JSON.stringify(value).includes(`"${id}"`)),
        ),
      );

      expect(carried).toEqual(expected);
      expect(variables.SECRETS_REVISION !== undefined).toBe(Object.keys(expected).length > 0);
    },
  );

  it('gives no role any Secrets Manager permission: CloudFormation reads the secrets, not the functions', () => {
    const roles = resourcesOf(template, 'AWS::IAM::Role').map(([id]) => id);

    const secretPermissions = roles.flatMap((role) =>
      permissionsOf(template, role).filter(
        (p) =>
          p.action.startsWith('secretsmanager:') ||
          allSecretIds().some((id) => p.resource.includes(`"${id}"`)),
      ),
    );

    expect(roles.length).toBeGreaterThan(0);
    expect(secretPermissions).toEqual([]);
  });

  it('makes the functions re-read the secrets when the operator bumps secretsRevision', () => {
    const { stack: bumped } = createShifaApp(
      {
        outdir: join(outdir, 'bumped'),
        context: { stackName: 'ShifaBumped', secretsRevision: '7', 'aws:cdk:bundling-stacks': [] },
      },
      { webDist: WEB_FIXTURE },
    );

    const revisions = resourcesOf(flatTemplate(bumped), 'AWS::Lambda::Function')
      .map(([, fn]) => variablesOf(fn).SECRETS_REVISION)
      .filter((revision) => revision !== undefined);

    expect(revisions.length).toBeGreaterThan(0);
    expect(new Set(revisions)).toEqual(new Set(['7']));
  });

  it('outputs where the operator puts each secret', () => {
    template.hasOutput('StripeSecretKeyArn', { Value: { Ref: secretId('stripeSecretKey') } });
    template.hasOutput('StripeWebhookSecretArn', { Value: { Ref: secretId('stripeWebhookSecret') } });
  });
});

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

/** Every statement of every policy attached to a role, conditions and all. */
const statementsOf = (role: string): Statement[] =>
  resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, policy]) => JSON.stringify(policy.Properties.Roles).includes(JSON.stringify({ Ref: role })))
    .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);

const mentionsKms = (statement: Statement): boolean =>
  [statement.Action].flat().some((action) => action.startsWith('kms:'));

/** The key used by S3 for the records bucket (SSE-KMS), not by the Encryption SDK: records.test.ts checks those. */
const throughS3 = (statement: Statement): boolean =>
  JSON.stringify(statement.Condition ?? {}).includes('kms:EncryptionContext:aws:s3:arn');

/** The key used to seal and open with the Encryption SDK. */
const sealing = (statement: Statement): boolean => mentionsKms(statement) && !throughS3(statement);

/** For each KMS action the statements allow, the purposes (encryption context) it is allowed for, sorted. */
function grantedPurposes(statements: readonly Statement[]): Record<string, string[]> {
  const granted: Record<string, string[]> = {};
  for (const statement of statements) {
    const condition = statement.Condition as { StringEquals?: Record<string, string | string[]> } | undefined;
    const purposes = [condition?.StringEquals?.['kms:EncryptionContext:purpose'] ?? []].flat();
    for (const action of [statement.Action].flat()) {
      granted[action] = [...new Set([...(granted[action] ?? []), ...purposes])].sort();
    }
  }
  return granted;
}

describe('the health-data key', () => {
  const keyId = () => logicalIdOf(stack.healthDataKey.key);
  const keyArn = () => ({ 'Fn::GetAtt': [keyId(), 'Arn'] });
  const purposesOf = (uses: readonly Capability[]) =>
    uses.filter(isSealingCapability).map((capability) => SEALING_PURPOSES[capability]);

  it('is one customer-managed KMS key that KMS rotates, kept when the stack goes', () => {
    const keys = resourcesOf(template, 'AWS::KMS::Key');

    expect(keys.map(([id]) => id)).toEqual([keyId()]);
    expect(keys[0]?.[1].Properties.EnableKeyRotation).toBe(true);
    expect(template.toJSON().Resources[keyId()]).toMatchObject({ DeletionPolicy: 'Retain' });
  });

  it('has functions that seal each purpose and functions that seal nothing, so the checks below check something', () => {
    const purposes = checked.map(({ uses }) => purposesOf(uses));

    expect(purposes.some((list) => list.length === 0)).toBe(true);
    for (const purpose of Object.values(SEALING_PURPOSES)) {
      expect(
        purposes.some((list) => list.includes(purpose)),
        purpose,
      ).toBe(true);
      expect(
        purposes.some((list) => list.length > 0 && !list.includes(purpose)),
        purpose,
      ).toBe(true);
    }
  });

  it.each(checked.map((entry) => ({ ...entry, list: purposesOf(entry.uses).join(', ') || 'none' })))(
    'lets $name seal and open with the key for exactly its purposes ($list), and tells it the key',
    (entry) => {
      const fn = functionOf(entry);
      const purposes = purposesOf(entry.uses);

      const kms = statementsOf(roleOf(fn)).filter(sealing);
      const expected: Record<string, string[]> = {};
      for (const capability of entry.uses) {
        for (const [action, purpose] of Object.entries(KMS_USE[capability])) {
          expected[action] = [...new Set([...(expected[action] ?? []), purpose])].sort();
        }
      }

      expect(variablesOf(fn).HEALTH_DATA_KMS_KEY_ARN).toEqual(purposes.length > 0 ? keyArn() : undefined);
      expect(variablesOf(fn).HEALTH_DATA_KEYS).toBeUndefined();
      for (const statement of kms) {
        expect(statement).toMatchObject({ Effect: 'Allow', Resource: keyArn() });
      }
      expect(grantedPurposes(kms)).toEqual(expected);
    },
  );

  it('lets only the functions that show health notes open them: not the unit that holds bookings, nor the one that rotates webhook secrets', () => {
    const hospitalDelivery = checked.find(({ name }) => name === 'unit hospital-delivery');
    const payments = checked.find(({ name }) => name === 'unit payments');
    const opensNotes = checked
      .filter((entry) =>
        grantedPurposes(statementsOf(roleOf(functionOf(entry))).filter(sealing))['kms:Decrypt']?.includes(
          'health-note',
        ),
      )
      .map(({ name }) => name);

    expect(hospitalDelivery?.uses).toContain('webhook-secrets');
    expect(payments?.uses).toContain('seal-health-notes');
    expect(opensNotes).not.toContain('unit hospital-delivery');
    expect(opensNotes).not.toContain('unit payments');
    expect(opensNotes.sort()).toEqual(
      checked
        .filter(({ uses }) => uses.includes('health-notes'))
        .map(({ name }) => name)
        .sort(),
    );
  });

  it('gives no role any other KMS permission: only sealing by purpose, or S3 reading and writing records for the functions that use them', () => {
    const usesRecords = checked
      .filter(({ uses }) => uses.includes('records'))
      .map((entry) => roleOf(functionOf(entry)));
    const kms = resourcesOf(template, 'AWS::IAM::Role').flatMap(([role]) =>
      statementsOf(role)
        .filter(mentionsKms)
        .map((statement) => ({ role, statement })),
    );

    expect(kms.length).toBeGreaterThan(0);
    for (const { role, statement } of kms) {
      expect(statement.Resource).toEqual(keyArn());
      if (throughS3(statement)) expect(usesRecords).toContain(role);
      else expect(JSON.stringify(statement.Condition)).toContain('kms:EncryptionContext:purpose');
    }
  });

  it('outputs the key ARN, and no raw key reaches a function', () => {
    template.hasOutput('HealthDataKeyArn', { Value: keyArn() });

    for (const [id, fn] of resourcesOf(template, 'AWS::Lambda::Function')) {
      expect(Object.keys(variablesOf(fn)), id).not.toContain('HEALTH_NOTES_KEY');
    }
  });
});

describe('cdk-nag', () => {
  it('finds nothing unacknowledged', () => {
    expect(nagReport(assemblyDir).violations.map(describeViolation)).toEqual([]);
  });

  it('acknowledges missing rotation (SMG4) on the two Stripe secrets only, each with its reason', () => {
    const smg4 = nagReport(assemblyDir).suppressed.filter((v) => v.ruleName === 'AwsSolutions-SMG4');

    const paths = smg4.flatMap((v) => v.violatingConstructs.map((c) => c.constructPath)).sort();

    expect(paths).toEqual(
      ['StripeSecretKey', 'StripeWebhookSecret'].map((s) => `${STACK}/Secrets/${s}/Resource`),
    );
    for (const v of smg4) expect(v.reason ?? '').toMatch(/Stripe/);
  });
});
