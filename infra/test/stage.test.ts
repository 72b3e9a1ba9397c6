/**
 * Stages: the settings stage.ts derives from context (no synth needed), then a dev and a prod app
 * synthesised side by side: stack and bus names, what outlives the stacks, how long logs are kept,
 * who hears of alarms, and which Stripe secrets the functions read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RemovalPolicy } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShifaApp, type ShifaApp } from '../lib/app';
import { type Context, stageSettings } from '../lib/stage';
import {
  describeViolation,
  flatTemplate,
  logicalIdOf,
  nagReport,
  type Resource,
  resourcesOf,
  WEB_FIXTURE,
} from './support';

/** Context as `-c` gives it, read the way the app reads it. */
const from =
  (values: Record<string, unknown>): Context =>
  (key) =>
    values[key];

// Written out here rather than taken from stage.ts, so dropping a requirement fails this test.
const PROD_SETTINGS = {
  stripeSecretName: 'shifa/prod/stripe-secret-key',
  stripeWebhookSecretName: 'shifa/prod/stripe-webhook-secret',
  alarmEmails: 'ops@shifa.example, oncall@shifa.example',
  webOrigins: 'https://shifa.example',
  webCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
  stripePublishableKey: 'pk_live_51Abc',
  notificationsFrom: 'bookings@mail.shifa.example',
} as const;
const REQUIRED = Object.keys(PROD_SETTINGS) as (keyof typeof PROD_SETTINGS)[];

/** What a stack deleted would take with it if it were not retained. */
const STATEFUL = [
  'AWS::DynamoDB::GlobalTable',
  'AWS::Cognito::UserPool',
  'AWS::SecretsManager::Secret',
  'AWS::KMS::Key',
  'AWS::S3::Bucket',
  'AWS::Logs::LogGroup',
] as const;

describe('stage settings', () => {
  it('is dev by default: Shifa-dev and shifa-dev, data destroyed with the stacks, logs kept a week', () => {
    const settings = stageSettings(from({}), {});

    expect(settings).toMatchObject({
      stage: 'dev',
      stackName: 'Shifa-dev',
      busName: 'shifa-dev',
      retainData: false,
      logs: { retention: RetentionDays.ONE_WEEK, removalPolicy: RemovalPolicy.DESTROY },
      alarmEmails: [],
      webOrigins: [],
      stripeSecretNames: { secretKey: undefined, webhookSecret: undefined },
    });
  });

  it('lets dev keep its data when asked, and then keeps its logs too', () => {
    const settings = stageSettings(from({ retainData: 'true' }), {});

    expect(settings.retainData).toBe(true);
    expect(settings.logs.removalPolicy).toBe(RemovalPolicy.RETAIN);
  });

  it('names stacks by stackName, then SHIFA_STACK_NAME, then the stage', () => {
    expect(stageSettings(from({}), { SHIFA_STACK_NAME: 'Alice' }).stackName).toBe('Alice');
    expect(stageSettings(from({ stackName: 'Shifa' }), { SHIFA_STACK_NAME: 'Alice' }).stackName).toBe(
      'Shifa',
    );
    expect(stageSettings(from({ stage: 'prod', ...PROD_SETTINGS }), {}).stackName).toBe('Shifa-prod');
  });

  it('refuses a stage it does not know, naming the ones it does', () => {
    expect(() => stageSettings(from({ stage: 'production' }), {})).toThrow(
      'stage must be one of dev, prod, got "production"',
    );
  });

  it('refuses prod without its settings, naming every one that is missing', () => {
    const act = () => stageSettings(from({ stage: 'prod' }), {});

    expect(act).toThrow(/stage prod needs settings that are missing/);
    for (const key of REQUIRED) expect(act, key).toThrow(new RegExp(`^  ${key}: `, 'm'));
  });

  it.each(REQUIRED)('refuses prod without %s alone, and names only it', (missing) => {
    const { [missing]: _, ...rest } = PROD_SETTINGS;

    const message = (() => {
      try {
        stageSettings(from({ stage: 'prod', ...rest }), {});
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('prod synthesised without its settings');
    })();

    expect(message.split('\n').slice(1)).toEqual([
      expect.stringMatching(new RegExp(`^  ${missing}: .{20,}`)),
    ]);
  });

  it('counts an empty setting as missing, as a CI variable left unset arrives', () => {
    const blank = Object.fromEntries(REQUIRED.map((key) => [key, ' ']));

    expect(() => stageSettings(from({ stage: 'prod', ...blank }), {})).toThrow(/alarmEmails: /);
    expect(stageSettings(from(blank), {})).toMatchObject({ alarmEmails: [], webOrigins: [] });
    // A list of nothing names nobody to tell.
    expect(() => stageSettings(from({ stage: 'prod', ...PROD_SETTINGS, alarmEmails: ' , ' }), {})).toThrow(
      /^ {2}alarmEmails: /m,
    );
  });

  it('takes prod with its settings: kept data, three months of logs, the named secrets and addresses', () => {
    const settings = stageSettings(from({ stage: 'prod', ...PROD_SETTINGS }), {});

    expect(settings).toMatchObject({
      stage: 'prod',
      busName: 'shifa-prod',
      retainData: true,
      logs: { retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.RETAIN },
      alarmEmails: ['ops@shifa.example', 'oncall@shifa.example'],
      webOrigins: ['https://shifa.example'],
      webDomain: { names: ['shifa.example'], certificateArn: PROD_SETTINGS.webCertificateArn },
      stripeSecretNames: {
        secretKey: 'shifa/prod/stripe-secret-key',
        webhookSecret: 'shifa/prod/stripe-webhook-secret',
      },
      stripePublishableKey: 'pk_live_51Abc',
      notificationsFrom: 'bookings@mail.shifa.example',
    });
  });

  it('refuses to let prod destroy its data', () => {
    expect(() => stageSettings(from({ stage: 'prod', ...PROD_SETTINGS, retainData: 'false' }), {})).toThrow(
      'retainData=false is for dev only',
    );
  });

  it('refuses localhost among the web origins of prod, and allows it in dev', () => {
    const origins = 'https://shifa.example,http://localhost:5173';

    expect(() => stageSettings(from({ stage: 'prod', ...PROD_SETTINGS, webOrigins: origins }), {})).toThrow(
      /must not name localhost/,
    );
    expect(stageSettings(from({ webOrigins: origins }), {}).webOrigins).toEqual([
      'https://shifa.example',
      'http://localhost:5173',
    ]);
  });

  it('serves the https web origins, not localhost, with a certificate from us-east-1 only', () => {
    const settings = stageSettings(
      from({
        webOrigins: 'https://shifa.example,https://www.shifa.example,http://localhost:5173',
        webCertificateArn: PROD_SETTINGS.webCertificateArn,
      }),
      {},
    );

    expect(settings.webDomain?.names).toEqual(['shifa.example', 'www.shifa.example']);
    expect(() =>
      stageSettings(
        from({
          webOrigins: 'https://shifa.example',
          webCertificateArn: PROD_SETTINGS.webCertificateArn.replace('us-east-1', 'eu-central-1'),
        }),
        {},
      ),
    ).toThrow(/webCertificateArn must be the ARN of an ACM certificate in us-east-1/);
    expect(() => stageSettings(from({ webCertificateArn: PROD_SETTINGS.webCertificateArn }), {})).toThrow(
      /webCertificateArn needs webOrigins/,
    );
    expect(stageSettings(from({ webOrigins: 'https://shifa.example' }), {}).webDomain).toBeUndefined();
  });

  it('reads alarm addresses from a list or cdk.json array, once each, and refuses what is no address', () => {
    expect(
      stageSettings(from({ alarmEmails: ['a@shifa.example', 'a@shifa.example'] }), {}).alarmEmails,
    ).toEqual(['a@shifa.example']);
    expect(() => stageSettings(from({ alarmEmails: 'ops@shifa.example,ops' }), {})).toThrow(
      'alarmEmails must be comma-separated email addresses, got ["ops"]',
    );
  });

  it('refuses a secret name Secrets Manager would refuse', () => {
    expect(() => stageSettings(from({ stripeSecretName: 'stripe key' }), {})).toThrow(
      /stripeSecretName must be a Secrets Manager secret name/,
    );
  });
});

let outdir: string;

/** A whole app of a stage, bundling skipped: only templates are read here. */
const synthStage = (
  name: string,
  context: Record<string, unknown>,
): { created: ShifaApp; assembly: string } => {
  const created = createShifaApp(
    { outdir: join(outdir, name), context: { ...context, 'aws:cdk:bundling-stacks': [] } },
    { webDist: WEB_FIXTURE },
  );
  return { created, assembly: created.app.synth().directory };
};

const templatesOf = ({ webHosting, stack, webContent }: ShifaApp): Template[] =>
  [webHosting, stack, webContent].map((one) => flatTemplate(one));

type Declared = Resource & { DeletionPolicy?: string; UpdateReplacePolicy?: string };

/** Every resource of a type across the app's stacks, with its deletion policies. */
const everywhere = (app: ShifaApp, type: string): Declared[] =>
  templatesOf(app).flatMap((template) =>
    Object.values(template.findResources(type) as Record<string, Declared>),
  );

const variablesOf = (fn: Resource): Record<string, unknown> =>
  (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};

let dev: { created: ShifaApp; assembly: string };
let prod: { created: ShifaApp; assembly: string };

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'shifa-cdk-stage-'));
  // No stackName: the stage names the stacks.
  dev = synthStage('dev', {});
  prod = synthStage('prod', { stage: 'prod', ...PROD_SETTINGS });
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

describe.each([
  { stage: 'dev', app: () => dev, kept: false, days: 7 },
  { stage: 'prod', app: () => prod, kept: true, days: 90 },
])('the $stage stage, synthesised', ({ stage, app, kept, days }) => {
  it(`names the stacks Shifa-${stage}… and the bus shifa-${stage}`, () => {
    const { created } = app();

    expect([created.webHosting, created.stack, created.webContent].map((s) => s.stackName)).toEqual([
      `Shifa-${stage}-WebHosting`,
      `Shifa-${stage}`,
      `Shifa-${stage}-WebContent`,
    ]);
    flatTemplate(created.stack).hasResourceProperties('AWS::Events::EventBus', {
      Name: `shifa-${stage}`,
    });
  });

  // prod creates no secret: Stripe's are the operator's, referenced by name.
  it.each(STATEFUL.filter((type) => stage === 'dev' || type !== 'AWS::SecretsManager::Secret'))(
    `${kept ? 'keeps' : 'deletes'} every %s when its stack is deleted`,
    (type) => {
      const resources = everywhere(app().created, type);

      expect(resources.length, type).toBeGreaterThan(0);
      for (const resource of resources) expect(resource.DeletionPolicy).toBe(kept ? 'Retain' : 'Delete');
    },
  );

  it(`${kept ? 'protects' : 'does not protect'} the tables and the user pool from deletion`, () => {
    const main = flatTemplate(app().created.stack);

    for (const table of Object.values(main.findResources('AWS::DynamoDB::GlobalTable'))) {
      expect(table.Properties.Replicas).toEqual([
        expect.objectContaining({ DeletionProtectionEnabled: kept }),
      ]);
    }
    main.hasResourceProperties('AWS::Cognito::UserPool', {
      DeletionProtection: kept ? 'ACTIVE' : 'INACTIVE',
    });
  });

  it(`${kept ? 'never empties' : 'empties'} the buckets on deletion`, () => {
    // The site's bucket and its logs; the records' bucket and its logs.
    expect(everywhere(app().created, 'Custom::S3AutoDeleteObjects')).toHaveLength(kept ? 0 : 4);
  });

  it(`keeps every log ${days} days, in every stack, the site's access logs too`, () => {
    const groups = everywhere(app().created, 'AWS::Logs::LogGroup');

    expect(new Set(groups.map((group) => group.Properties.RetentionInDays))).toEqual(new Set([days]));
    flatTemplate(app().created.webHosting).hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: days, Status: 'Enabled' })] },
    });
  });

  it('leaves nothing unacknowledged by cdk-nag', () => {
    expect(nagReport(app().assembly).violations.map(describeViolation)).toEqual([]);
  });
});

describe('prod, synthesised with its settings', () => {
  const main = () => flatTemplate(prod.created.stack);

  it('creates no secret, and references the operator’s Stripe secrets by name', () => {
    const secrets = resourcesOf(main(), 'AWS::SecretsManager::Secret').map(([id]) => id);
    const { stripeSecretKey, stripeWebhookSecret } = prod.created.stack.secrets;

    expect(secrets).toEqual([]);
    expect(stripeSecretKey.secretName).toBe(PROD_SETTINGS.stripeSecretName);
    expect(stripeWebhookSecret.secretName).toBe(PROD_SETTINGS.stripeWebhookSecretName);
    main().hasOutput('StripeSecretKeyArn', {
      Value: Match.objectLike({
        'Fn::Join': ['', Match.arrayWith([`:secret:${PROD_SETTINGS.stripeSecretName}`])],
      }),
    });
  });

  it('hands the payment functions dynamic references to the named secrets, resolved by CloudFormation', () => {
    const payments = resourcesOf(main(), 'AWS::Lambda::Function')
      .map(([, fn]) => variablesOf(fn))
      .filter((variables) => variables.STRIPE_SECRET_KEY !== undefined);

    expect(payments.length).toBeGreaterThan(0);
    for (const variables of payments) {
      expect(variables).toMatchObject({
        STRIPE_SECRET_KEY: `{{resolve:secretsmanager:${PROD_SETTINGS.stripeSecretName}:SecretString:::}}`,
        STRIPE_WEBHOOK_SECRET: `{{resolve:secretsmanager:${PROD_SETTINGS.stripeWebhookSecretName}:SecretString:::}}`,
      });
    }
  });

  it('subscribes each alarm address, and no other, to the alarm topic', () => {
    const monitoring = flatTemplate(prod.created.monitoring);
    const subscriptions = resourcesOf(monitoring, 'AWS::SNS::Subscription').map(([, s]) => s.Properties);

    expect(subscriptions).toEqual(
      ['ops@shifa.example', 'oncall@shifa.example'].map((endpoint) => ({
        Protocol: 'email',
        Endpoint: endpoint,
        TopicArn: { Ref: logicalIdOf(prod.created.monitoring.alarms.topic) },
      })),
    );
  });

  it('serves the site at the web origin with its certificate, TLS 1.2 at least', () => {
    flatTemplate(prod.created.webHosting).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['shifa.example'],
        ViewerCertificate: {
          AcmCertificateArn: PROD_SETTINGS.webCertificateArn,
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      }),
    });
    // So cdk-nag's check of the minimum TLS version holds without an acknowledgement.
    expect(nagReport(prod.assembly).suppressed.filter((v) => v.ruleName === 'AwsSolutions-CFR4')).toEqual([]);
  });

  it('sends sign-ins back to the web origin and lets it through CORS', () => {
    main().hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: Match.arrayWith([`${PROD_SETTINGS.webOrigins}/auth/callback`]),
    });
    main().hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: Match.arrayWith([PROD_SETTINGS.webOrigins]) }),
    });
  });
});

describe('dev, synthesised without settings', () => {
  it('generates placeholders for the Stripe secrets and subscribes no one to the alarms', () => {
    const main = flatTemplate(dev.created.stack);

    main.resourceCountIs('AWS::SecretsManager::Secret', 2);
    main.resourceCountIs('AWS::SNS::Subscription', 0);
  });
});
