/**
 * Builds the CDK app from context, with cdk-nag's AWS Solutions checks attached, so
 * `cdk synth` and the tests synthesise exactly the same thing. Four stacks, deployed
 * in this order: `<stackName>-WebHosting` (bucket and CloudFront), `<stackName>` (the
 * marketplace), then `<stackName>-WebContent` (the built web app and its config.json) and
 * `<stackName>-Monitoring` (alarms, their topic, the dashboard).
 *
 * Context (cdk.json or `-c key=value`):
 * - stackName   default `Shifa` (or env SHIFA_STACK_NAME)
 * - retainData  default true; `false` for throw-away dev stacks (no deletion protection, table destroyed with the stack)
 * - webOrigins  default none; comma-separated extra origins of the web app (a custom domain,
 *               `http://localhost:5173` for development): Cognito may redirect there, and CORS allows them
 * - corsOrigins default the CloudFront origin plus webOrigins; comma-separated, replaces that list (`*` for any)
 * - authDomainPrefix       default `<stackName>-<account id>`; the Cognito domain prefix for sign-in
 * - stripePublishableKey   default none (config.json says null); Stripe's pk_live_… or pk_test_…
 * - busName     default `shifa`
 * - holdMinutes            default 15; how long a booking holds its seats and beds unpaid (1–60)
 * - hospitalDecisionHours  default 48; how long a hospital has to accept a paid booking (1–120)
 * - secretsRevision        default `1`; bump after putting a new secret value so functions re-read it
 * - alarmEmails            default none; comma-separated addresses subscribed to the alarm topic
 */
import { App, type AppProps, Aws, CrossStackReferences, ReferenceStrength, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { checkDomainPrefix, defaultDomainPrefix } from './auth';
import { MonitoringStack } from './monitoring';
import { ShifaStack, type ShifaStackProps } from './stack';
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

/** Context given on the command line arrives as a string, from cdk.json as JSON. */
const flag = (value: unknown, fallback: boolean): boolean => {
  if (value === undefined) return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Error(`Expected true or false, got ${JSON.stringify(value)}`);
};

const origins = (value: unknown, fallback: readonly string[]): readonly string[] => {
  if (value === undefined) return fallback;
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
  const trimmed = items.map((item) => item.trim()).filter((item) => item !== '');
  if (trimmed.length === 0) throw new Error('corsOrigins must name at least one origin');
  return trimmed;
};

/**
 * Extra origins of the web app. Each is an origin, not a URL: Cognito compares callback URLs
 * exactly, and allows plain http for http://localhost only.
 */
const webOrigins = (value: unknown): readonly string[] => {
  if (value === undefined || value === '') return [];
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return items
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => {
      const url = URL.canParse(item) ? new URL(item) : undefined;
      const local = url?.protocol === 'http:' && url.hostname === 'localhost';
      if (url === undefined || url.origin !== item || (url.protocol !== 'https:' && !local)) {
        throw new Error(
          `webOrigins must be origins like https://shifa.example or http://localhost:5173 (no path, no trailing slash), got ${JSON.stringify(item)}`,
        );
      }
      return item;
    });
};

/** Addresses subscribed to the alarm topic: comma-separated (or a JSON list in cdk.json), each checked. */
export const alarmEmails = (value: unknown): readonly string[] => {
  if (value === undefined || value === '') return [];
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return items
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => {
      if (!/^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/.test(item)) {
        throw new Error(`alarmEmails must be email addresses, comma-separated, got ${JSON.stringify(item)}`);
      }
      return item;
    });
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

  const stackName = String(context('stackName') ?? process.env.SHIFA_STACK_NAME ?? 'Shifa');
  const retainData = flag(context('retainData'), true);
  const configuredPrefix = context('authDomainPrefix');
  const domainPrefix =
    configuredPrefix === undefined
      ? defaultDomainPrefix(stackName, Aws.ACCOUNT_ID)
      : checkDomainPrefix(String(configuredPrefix).trim());
  // The domain's URL as UserPoolDomain.baseUrl() spells it; known before the pool exists, for the CSP.
  const authDomainUrl = `https://${domainPrefix}.auth.${Aws.REGION}.amazoncognito.com`;
  const extraOrigins = webOrigins(context('webOrigins'));
  const stripeKey = publishableKey(context('stripePublishableKey'));

  const webHosting = new WebHostingStack(app, `${stackName}-WebHosting`, {
    description: 'Shifa: private bucket and CloudFront distribution of the web app',
    retainData,
    authDomainUrl,
  });

  const stack = new ShifaStack(app, stackName, {
    description: 'Shifa: marketplace for packaged TCM health tours',
    retainData,
    corsOrigins: origins(context('corsOrigins'), [webHosting.webOrigin, ...extraOrigins]),
    web: { origin: webHosting.webOrigin, extraOrigins, domainPrefix },
    busName: String(context('busName') ?? 'shifa'),
    booking: {
      holdMinutes: wholeNumber('holdMinutes', context('holdMinutes'), 15, 60),
      hospitalDecisionHours: wholeNumber('hospitalDecisionHours', context('hospitalDecisionHours'), 48, 120),
    },
    secretsRevision: String(context('secretsRevision') ?? '1'),
    ...stackOverrides,
  });
  stack.addStackDependency(webHosting);

  const webContent = new WebContentStack(app, `${stackName}-WebContent`, {
    description: 'Shifa: the built web app and its config.json, in the site bucket',
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
    description: 'Shifa: alarms on what users feel, their SNS topic, and the dashboard',
    marketplace: stack,
    alarmEmails: alarmEmails(context('alarmEmails')),
    ...(stackOverrides.routes === undefined ? {} : { routes: stackOverrides.routes }),
  });
  monitoring.addStackDependency(stack);

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack, webHosting, webContent, monitoring };
};
