/**
 * The Shifa stack: user pool, tables, secrets, the health-data key, the medical records' bucket, event bus, HTTP API
 * and scheduled jobs, wired together.
 * The web app's site lives in stacks of its own (web-hosting.ts, web-content.ts), and so do the alarms
 * and the dashboard (monitoring.ts): this one only needs the site's origin, for CORS and sign-in
 * redirects, and is watched from outside.
 */
import { type EventRule, rules } from '@shifa/events';
import { type RouteDeclaration, routes } from '@shifa/functions/routes';
import { type ScheduleDeclaration, schedules } from '@shifa/functions/schedules';
import { CfnOutput, NestedStack, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Api } from './api';
import { Auth, type WebSignIn } from './auth';
import { Data } from './data';
import { Events } from './events';
import { EventsPipeline } from './events-pipeline';
import { FunctionTracing } from './function';
import { HospitalDelivery } from './hospital-delivery';
import { Jobs } from './jobs';
import { Notifications } from './notifications';
import { RecordsStorage } from './records';
import { HealthDataKey } from './sealing';
import { Secrets } from './secrets';
import type { LogSettings, StripeSecretNames } from './stage';
import { type BookingSettings, FunctionWiring } from './wiring';

export interface ShifaStackProps extends StackProps {
  /** Keep the tables, secrets and logs when the stack is deleted; false only for throw-away stacks. */
  readonly retainData: boolean;
  /** Retention and removal of every log group (stage.ts). */
  readonly logs: LogSettings;
  /** Subscribed by email to the alarm topic. */
  /** Stripe secrets the operator created, by name; unnamed ones are generated placeholders. */
  readonly stripeSecretNames: StripeSecretNames;
  /** The sender of tourist notifications (notifications.ts checks it); undefined for the placeholder. */
  readonly notificationsFrom: string | undefined;
  /** Origins allowed to call the API from a browser. */
  readonly corsOrigins: readonly string[];
  /** Where the web app is served, and the prefix of the pool's sign-in domain. */
  readonly web: WebSignIn;
  readonly busName: string;
  readonly booking: BookingSettings;
  /** Bump after putting a new secret value, so the functions re-read it (README). */
  readonly secretsRevision: string;
  /** The routes to serve; the declared list unless a test adds its own. */
  readonly routes?: readonly RouteDeclaration[];
  /** The scheduled jobs; the declared list unless a test brings its own. */
  readonly schedules?: readonly ScheduleDeclaration[];
  /** The event rules; the declared list (@shifa/events) unless a test brings its own. */
  readonly rules?: readonly EventRule[];
}

export class ShifaStack extends Stack {
  readonly auth: Auth;
  readonly data: Data;
  readonly secrets: Secrets;
  readonly healthDataKey: HealthDataKey;
  readonly records: RecordsStorage;
  readonly events: Events;
  readonly wiring: FunctionWiring;
  readonly api: Api;
  readonly jobs: Jobs;
  readonly eventsPipeline: EventsPipeline;
  readonly hospitalDelivery: HospitalDelivery;
  readonly notifications: Notifications;

  constructor(scope: Construct, id: string, props: ShifaStackProps) {
    super(scope, id, props);
    const { logs } = props;

    this.auth = new Auth(this, 'Auth', { retainData: props.retainData, logs, web: props.web });
    this.data = new Data(this, 'Data', { retainData: props.retainData });
    this.secrets = new Secrets(this, 'Secrets', {
      retainData: props.retainData,
      revision: props.secretsRevision,
      stripeSecretNames: props.stripeSecretNames,
    });
    this.healthDataKey = new HealthDataKey(this, 'HealthDataKey', { retainData: props.retainData });
    // A nested stack: the bucket, its logs and its checker count as one resource of this stack.
    const recordsStack = new NestedStack(this, 'RecordsStorage', {
      description: "Travellers' medical records: the bucket, its access logs and the upload checker",
    });
    this.records = new RecordsStorage(recordsStack, 'Records', {
      stackName: this.stackName,
      key: this.healthDataKey.key,
      corsOrigins: props.corsOrigins,
      retainData: props.retainData,
      logs,
    });
    this.events = new Events(this, 'Events', { busName: props.busName });
    this.wiring = new FunctionWiring({
      served: { routes: props.routes ?? routes, schedules: props.schedules ?? schedules },
      data: this.data,
      secrets: this.secrets,
      healthDataKey: this.healthDataKey,
      records: this.records,
      booking: props.booking,
      logs,
    });
    this.api = new Api(this, 'Api', {
      routes: props.routes ?? routes,
      jwt: { issuer: this.auth.issuer, audience: [this.auth.webClient.userPoolClientId] },
      wiring: this.wiring,
      corsOrigins: props.corsOrigins,
      logs,
    });
    // A nested stack: the sweeps unit and its schedules count as one resource of this stack.
    const jobsStack = new NestedStack(this, 'ScheduledJobs', {
      description: 'The jobs EventBridge Scheduler runs on a clock, and the unit that runs them',
    });
    this.jobs = new Jobs(jobsStack, 'Jobs', { schedules: props.schedules ?? schedules, wiring: this.wiring });
    this.eventsPipeline = new EventsPipeline(this, 'EventsPipeline', {
      table: this.data.table,
      bus: this.events.bus,
      wiring: this.wiring,
      rules: props.rules ?? rules,
    });
    // After every other function exists: these find the ones they configure in the wiring.
    this.hospitalDelivery = new HospitalDelivery(this, 'HospitalDelivery', { wiring: this.wiring });
    this.records.addChecker(this.wiring);
    this.notifications = new Notifications(this, 'Notifications', {
      wiring: this.wiring,
      ...(props.notificationsFrom === undefined ? {} : { from: props.notificationsFrom }),
    });

    new FunctionTracing(this, 'FunctionTracing', [
      ...this.wiring.functions.map(({ fn }) => fn.role),
      this.auth.postConfirmation.role,
    ]);

    new CfnOutput(this, 'ApiUrl', { value: this.api.stage.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'IdempotencyTableName', { value: this.data.idempotencyTable.tableName });
    new CfnOutput(this, 'EventBusName', { value: this.events.bus.eventBusName });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'WebClientId', {
      value: this.auth.webClient.userPoolClientId,
      description:
        'App client of the web app (authorisation code grant with PKCE, no secret); the audience of API tokens',
    });
    new CfnOutput(this, 'WebUrl', {
      value: `${props.web.origin}/`,
      description: 'The web app (CloudFront)',
    });
    new CfnOutput(this, 'AuthDomain', {
      value: this.auth.domain.baseUrl(),
      description: "Cognito's managed login and OAuth endpoints for the web app",
    });
    new CfnOutput(this, 'IssuerUrl', {
      value: this.auth.issuer,
      description: 'Issuer of the tokens the API accepts',
    });
    new CfnOutput(this, 'StripeSecretKeyArn', {
      value: this.secrets.stripeSecretKey.secretArn,
      description:
        'The Stripe secret key: the secret stripeSecretName names, or a placeholder to replace after the first deploy (README)',
    });
    new CfnOutput(this, 'StripeWebhookSecretArn', {
      value: this.secrets.stripeWebhookSecret.secretArn,
      description:
        "The Stripe webhook endpoint's signing secret: the secret stripeWebhookSecretName names, or a placeholder to replace (README)",
    });
    new CfnOutput(this, 'RecordsBucketName', {
      value: this.records.bucketName,
      description: "The bucket of travellers' medical records (SSE-KMS under the health-data key, versioned)",
    });
    new CfnOutput(this, 'HealthDataKeyArn', {
      value: this.healthDataKey.key.keyArn,
      description:
        'The KMS key sealing health notes and webhook secrets (rotated yearly by KMS); never schedule its deletion while anything sealed with it exists',
    });
  }
}
