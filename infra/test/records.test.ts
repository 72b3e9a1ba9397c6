/**
 * The medical records' bucket as synthesised: encrypted with the health-data key (the one key of
 * the stack), private, TLS only, versioned, with its lifecycle, CORS for the web app's form posts
 * and server access logs; the checker invoked by its ObjectCreated notification, with retries and a
 * dead-letter queue; and its files and key usable by the functions that declare the `records`
 * capability and by no other.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordUploadChecker } from '@shifa/functions/consumers';
import { needsOf, units } from '@shifa/functions/units';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShifaApp } from '../lib/app';
import {
  CHECKER_RETRY_ATTEMPTS,
  NONCURRENT_VERSION_DAYS,
  RECORD_KEY_ACTIONS,
  RECORD_OBJECT_ACTIONS,
  UNCHECKED_UPLOAD_DAYS,
} from '../lib/records';
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

const STACK = 'ShifaRecordsTest';

let outdir: string;
let assemblyDir: string;
let template: Template;
let stack: ShifaStack;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'shifa-cdk-records-'));
  // Bundling skipped: the template is what is checked here.
  const created = createShifaApp(
    { outdir, context: { stackName: STACK, retainData: 'true', 'aws:cdk:bundling-stacks': [] } },
    { webDist: WEB_FIXTURE },
  );
  stack = created.stack;
  assemblyDir = created.app.synth().directory;
  template = flatTemplate(stack);
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

const bucketId = () => logicalIdOf(stack.records.bucket);
const bucket = (): Resource => template.toJSON().Resources[bucketId()] as Resource;
const keyArn = () => ({ 'Fn::GetAtt': [logicalIdOf(stack.healthDataKey.key), 'Arn'] });

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

/** Every Allow statement attached to each role, by role. */
const allowedByRole = (): Map<string, Statement[]> => {
  const byRole = new Map<string, Statement[]>();
  for (const [, policy] of resourcesOf(template, 'AWS::IAM::Policy')) {
    const roles = (policy.Properties.Roles as { Ref: string }[] | undefined) ?? [];
    const statements = (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement.filter(
      (statement) => statement.Effect === 'Allow',
    );
    for (const { Ref: role } of roles) byRole.set(role, [...(byRole.get(role) ?? []), ...statements]);
  }
  return byRole;
};

const actionsOf = (statement: Statement): string[] => [statement.Action].flat();
const namesBucket = (statement: Statement): boolean =>
  JSON.stringify(statement.Resource).includes(`${STACK.toLowerCase()}-records-`);

/** The roles of the functions that may touch records: the units that use them, and the checker. */
const recordRoles = (): string[] => {
  const recordUnits = units
    .filter((unit) => needsOf(unit.id).uses.includes('records'))
    .map((unit) => unit.id);
  const fns = stack.wiring.functions.filter(
    ({ unit, declaration }) =>
      (unit !== undefined && recordUnits.includes(unit)) || declaration?.id === recordUploadChecker.id,
  );
  return fns.map(({ fn }) => logicalIdOf(fn.role)).sort();
};

describe('the records bucket', () => {
  it('encrypts with the health-data key, the one KMS key of the stack, through an S3 Bucket Key', () => {
    expect(resourcesOf(template, 'AWS::KMS::Key')).toHaveLength(1);
    expect(bucket().Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        {
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn() },
        },
      ],
    });
  });

  it('blocks every kind of public access, keeps versions and is kept when the stack goes', () => {
    expect(bucket().Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket().Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(template.toJSON().Resources[bucketId()]).toMatchObject({ DeletionPolicy: 'Retain' });
  });

  it('refuses every request that is not over TLS', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId() },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('expires old versions, aborts stalled multipart uploads after a day, and removes unchecked uploads', () => {
    const rules = (bucket().Properties.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;

    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Status: 'Enabled',
          NoncurrentVersionExpiration: { NoncurrentDays: NONCURRENT_VERSION_DAYS },
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          ExpiredObjectDeleteMarker: true,
        }),
        expect.objectContaining({
          Status: 'Enabled',
          Prefix: 'tourist/',
          TagFilters: [{ Key: 'record-check', Value: 'unchecked' }],
          ExpirationInDays: UNCHECKED_UPLOAD_DAYS,
        }),
      ]),
    );
  });

  it("lets the web app's origin post upload forms from the browser", () => {
    const cors = (bucket().Properties.CorsConfiguration as { CorsRules: Record<string, unknown>[] })
      .CorsRules;

    expect(cors).toHaveLength(1);
    expect(cors[0]?.AllowedMethods).toEqual(expect.arrayContaining(['POST']));
    expect(JSON.stringify(cors[0]?.AllowedOrigins)).toContain('WebHosting');
    expect(cors[0]?.AllowedOrigins).not.toContain('*');
  });

  it('logs every access to a private log bucket of its own', () => {
    const logs = logicalIdOf(stack.records.accessLogs);

    expect(bucket().Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logs },
      LogFilePrefix: 'records/',
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: Match.objectLike({
        BlockPublicAcls: true,
        RestrictPublicBuckets: true,
      }),
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: Match.anyValue() })] },
    });
  });

  it('invokes the checker on every object created under the records prefix, once S3 may', () => {
    const checker = logicalIdOf(stack.records.checker.function);

    expect(bucket().Properties.NotificationConfiguration).toEqual({
      LambdaConfigurations: [
        {
          Event: 's3:ObjectCreated:*',
          Function: { 'Fn::GetAtt': [checker, 'Arn'] },
          Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'tourist/' }] } },
        },
      ],
    });
    const [permission] = resourcesOf(template, 'AWS::Lambda::Permission').filter(
      ([, p]) => p.Properties.Principal === 's3.amazonaws.com',
    );
    expect(permission?.[1].Properties).toMatchObject({
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [checker, 'Arn'] },
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
    expect(JSON.stringify(permission?.[1].Properties.SourceArn)).toContain(`${STACK.toLowerCase()}-records-`);
    expect(template.toJSON().Resources[bucketId()].DependsOn).toContain(permission?.[0]);
  });

  it('retries a failed check and then keeps the event in a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalIdOf(stack.records.checker.function) },
      MaximumRetryAttempts: CHECKER_RETRY_ATTEMPTS,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    expect([...stack.records.deadLetterQueues.keys()]).toEqual(['recordChecks']);
  });
});

describe('who may touch records', () => {
  it('names the records unit, the checker and the bookings unit (erasure deletes records), and hands the bucket name to them only', () => {
    const roles = recordRoles();

    expect(roles).toHaveLength(3);
    for (const [id, fn] of resourcesOf(template, 'AWS::Lambda::Function')) {
      const variables = (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)
        ?.Variables;
      const role = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      expect(variables?.RECORDS_BUCKET !== undefined, id).toBe(roles.includes(role));
      expect(variables?.S3_ENDPOINT, id).toBeUndefined();
    }
  });

  it('grants them the files under the records prefix, listing versions there, and nothing else of S3', () => {
    for (const role of recordRoles()) {
      const s3 = (allowedByRole().get(role) ?? []).filter((statement) =>
        actionsOf(statement).some((action) => action.startsWith('s3:')),
      );

      expect(s3).toHaveLength(2);
      const objects = s3.find((statement) => actionsOf(statement).includes('s3:GetObject'));
      const list = s3.find((statement) => actionsOf(statement).includes('s3:ListBucketVersions'));
      expect(actionsOf(objects as Statement).sort()).toEqual([...RECORD_OBJECT_ACTIONS].sort());
      expect(JSON.stringify(objects?.Resource)).toMatch(/records-.*\/tourist\/\*"/);
      expect(actionsOf(list as Statement)).toEqual(['s3:ListBucketVersions']);
      expect(list?.Condition).toEqual({ StringLike: { 's3:prefix': 'tourist/*' } });
    }
  });

  it('lets them use the key only through S3, for this bucket', () => {
    for (const role of recordRoles()) {
      const kms = (allowedByRole().get(role) ?? []).filter((statement) =>
        JSON.stringify(statement.Condition ?? {}).includes('kms:ViaService'),
      );

      expect(kms).toHaveLength(1);
      expect(actionsOf(kms[0] as Statement).sort()).toEqual([...RECORD_KEY_ACTIONS].sort());
      expect(kms[0]?.Resource).toEqual(keyArn());
      const condition = JSON.stringify(kms[0]?.Condition);
      expect(condition).toContain('kms:EncryptionContext:aws:s3:arn');
      expect(condition).toContain(`${STACK.toLowerCase()}-records-`);
    }
  });

  it('gives no other role anything on the bucket or the key through S3', () => {
    const named = recordRoles();
    for (const [role, statements] of allowedByRole()) {
      if (named.includes(role)) continue;
      const touching = statements.filter(
        (statement) =>
          namesBucket(statement) || JSON.stringify(statement.Condition ?? {}).includes('aws:s3:arn'),
      );
      expect(touching, role).toEqual([]);
    }
  });
});

describe('cdk-nag', () => {
  it('passes, with the records prefix wildcard acknowledged for the three roles that hold it', () => {
    const { violations, suppressed } = nagReport(assemblyDir);
    const wildcard = suppressed.filter(
      (v) => v.ruleName.startsWith('AwsSolutions-IAM5') && v.ruleName.includes('/tourist/*'),
    );

    expect(violations.map(describeViolation)).toEqual([]);
    expect(wildcard.flatMap((v) => v.violatingConstructs.map((c) => c.constructPath)).length).toBe(3);
    for (const v of wildcard) expect(v.reason ?? '').toMatch(/created at run time/);
  });
});
