/**
 * Builds the CDK app from context, with cdk-nag's AWS Solutions checks attached, so
 * `cdk synth` and the tests synthesise exactly the same thing. Four stacks, deployed
 * in this order: `<stackName>-WebHosting` (bucket and CloudFront), `<stackName>` (the
 * marketplace), then `<stackName>-WebContent` (the built web app and its config.json) and
 * `<stackName>-Monitoring` (alarms, their topic, the dashboard).
 *
 * Context (cdk.json or `-c key=value`); what depends on the stage is read by stage.ts:
 * - stage       `dev` (default) or `prod`: names, data retention, log retention (stage.ts)
 * - stackName, busName, retainData, alarmEmails, webOrigins, webCertificateArn,
 *   stripeSecretName, stripeWebhookSecretName, stripePublishableKey, notificationsFrom: see stage.ts
 * - corsOrigins default the CloudFront origin plus webOrigins; comma-separated, replaces that list (`*` for any)
 * - authDomainPrefix       default `<stackName>-<account id>`; the Cognito domain prefix for sign-in
 * - holdMinutes            default 15; how long a booking holds its seats and beds unpaid (1–60)
 * - maxUnpaidHolds         default 3; how many held, unpaid bookings one tourist may have at once (1–100)
 * - hospitalDecisionHours  default 48; how long a hospital has to accept a paid booking (1–120)
 * - healthNotesDaysAfterTrip default 30; how long after the trip the hospital sees health notes, which are then deleted (1–365)
 * - secretsRevision        default `1`; bump after putting a new secret value so functions re-read it
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type AppProps, Aws, CrossStackReferences, ReferenceStrength, Validations } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { checkDomainPrefix, defaultDomainPrefix } from './auth';
import { MonitoringStack } from './monitoring';
import { ShifaStack, type ShifaStackProps } from './stack';
import { stageSettings, text } from './stage';
import { publishableKey, WebContentStack } from './web-content';
import { WebHostingStack } from './web-hosting';

export interface ShifaApp {
  readonly app: App;
  /** The marketplace: API, functions, tables, user pool. */
  readonly stack: ShifaStack;
  readonly webHosting: WebHostingStack;
  readonly webContent: WebContentStack;
  /** Alarms, their topic and the dashboard. */
  readonly monitoring: MonitoringStack;
}

const origins = (value: string | undefined, fallback: readonly string[]): readonly string[] => {
  if (value === undefined) return fallback;
  const trimmed = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (trimmed.length === 0) throw new Error('corsOrigins must name at least one origin');
  return trimmed;
};

/**
 * A whole number within the bounds packages/booking/src/config.ts enforces at cold start, checked
 * here as well so a bad value fails synth instead of every booking function after the deploy.
 */
const wholeNumber = (key: string, value: unknown, fallback: number, max: number): number => {
  if (value === undefined) return fallback;
  const parsed = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > max) {
    throw new Error(`${key} must be a whole number from 1 to ${max}, got ${JSON.stringify(value)}`);
  }
  return parsed;
};

/** CloudFormation's limit of resources in one stack. */
export const STACK_RESOURCE_LIMIT = 500;

type Template = { Resources?: Record<string, { Type: string; Metadata?: Record<string, unknown> }> };

/**
 * How many resources each stack of a synthesized app holds, nested stacks included (each is one
 * resource of its parent and has a limit of its own), named `parent/nested`.
 */
export const resourcesPerStack = (assembly: CloudAssembly): { name: string; resources: number }[] =>
  assembly.stacks.flatMap((artifact) => {
    const counted = (name: string, template: Template): { name: string; resources: number }[] => [
      { name, resources: Object.keys(template.Resources ?? {}).length },
      ...Object.entries(template.Resources ?? {})
        .filter(([, resource]) => resource.Type === 'AWS::CloudFormation::Stack')
        .flatMap(([id, resource]) => {
          const file = resource.Metadata?.['aws:asset:path'];
          if (typeof file !== 'string') return [];
          const nested = JSON.parse(readFileSync(join(assembly.directory, file), 'utf8')) as Template;
          return counted(`${name}/${id.replace(/NestedStack.*$/, '')}`, nested);
        }),
    ];
    return counted(artifact.stackName, artifact.template as Template);
  });

/** `resources per stack: Shifa-dev-WebHosting 8/500, Shifa-dev 197/500, …`, as synth and the tests print it. */
export const describeResources = (counts: readonly { name: string; resources: number }[]): string =>
  `resources per stack: ${counts.map(({ name, resources }) => `${name} ${resources}/${STACK_RESOURCE_LIMIT}`).join(', ')}`;

/**
 * Tests may serve routes and jobs of their own (e.g. a protected route before any is declared),
 * and deploy a small fixture instead of web/dist, so they need no Vite build.
 */
export type StackOverrides = Pick<ShifaStackProps, 'routes' | 'schedules'> & { readonly webDist?: string };

export const createShifaApp = (props: AppProps = {}, overrides: StackOverrides = {}): ShifaApp => {
  const { webDist, ...stackOverrides } = overrides;
  const app = new App(props);
  const context = (key: string): unknown => app.node.tryGetContext(key);
  // Exports and imports between the three stacks: CloudFormation then refuses to delete the site's
  // bucket and distribution, or the API and user pool, while a later stack still uses them.
  CrossStackReferences.of(app).consume(ReferenceStrength.STRONG);

  // First, so a prod without its settings fails before anything is built.
  const settings = stageSettings(context);
  const { stackName, retainData, logs } = settings;
  const configuredPrefix = text(context, 'authDomainPrefix');
  const domainPrefix =
    configuredPrefix === undefined
      ? defaultDomainPrefix(stackName, Aws.ACCOUNT_ID)
      : checkDomainPrefix(configuredPrefix);
  // The domain's URL as UserPoolDomain.baseUrl() spells it; known before the pool exists, for the CSP.
  const authDomainUrl = `https://${domainPrefix}.auth.${Aws.REGION}.amazoncognito.com`;
  const extraOrigins = settings.webOrigins;
  const stripeKey = publishableKey(settings.stripePublishableKey);

  const webHosting = new WebHostingStack(app, `${stackName}-WebHosting`, {
    description: `Shifa (${settings.stage}): private bucket and CloudFront distribution of the web app`,
    retainData,
    logs,
    authDomainUrl,
    domain: settings.webDomain,
  });

  const stack = new ShifaStack(app, stackName, {
    description: `Shifa (${settings.stage}): marketplace for packaged TCM health tours`,
    retainData,
    logs,
    corsOrigins: origins(text(context, 'corsOrigins'), [webHosting.webOrigin, ...extraOrigins]),
    web: { origin: webHosting.webOrigin, extraOrigins, domainPrefix },
    busName: settings.busName,
    stripeSecretNames: settings.stripeSecretNames,
    notificationsFrom: settings.notificationsFrom,
    booking: {
      holdMinutes: wholeNumber('holdMinutes', context('holdMinutes'), 15, 60),
      maxUnpaidHolds: wholeNumber('maxUnpaidHolds', context('maxUnpaidHolds'), 3, 100),
      hospitalDecisionHours: wholeNumber('hospitalDecisionHours', context('hospitalDecisionHours'), 48, 120),
      healthNotesDaysAfterTrip: wholeNumber(
        'healthNotesDaysAfterTrip',
        context('healthNotesDaysAfterTrip'),
        30,
        365,
      ),
    },
    secretsRevision: text(context, 'secretsRevision') ?? '1',
    ...stackOverrides,
  });
  stack.addStackDependency(webHosting);

  const webContent = new WebContentStack(app, `${stackName}-WebContent`, {
    description: `Shifa (${settings.stage}): the built web app and its config.json, in the site bucket`,
    logs,
    bucketArnExportName: webHosting.bucketArnExportName,
    distribution: webHosting.distribution,
    config: {
      apiUrl: stack.api.httpApi.apiEndpoint,
      authDomainUrl: stack.auth.domain.baseUrl(),
      clientId: stack.auth.webClient.userPoolClientId,
      publishableKey: stripeKey,
    },
    ...(webDist === undefined ? {} : { webDist }),
  });
  webContent.addStackDependency(webHosting);
  webContent.addStackDependency(stack);

  const monitoring = new MonitoringStack(app, `${stackName}-Monitoring`, {
    description: `Shifa (${settings.stage}): alarms on what users feel, their SNS topic, and the dashboard`,
    marketplace: stack,
    alarmEmails: settings.alarmEmails,
    ...(stackOverrides.routes === undefined ? {} : { routes: stackOverrides.routes }),
  });
  monitoring.addStackDependency(stack);

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack, webHosting, webContent, monitoring };
};
