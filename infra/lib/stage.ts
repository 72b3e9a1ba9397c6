/**
 * The stage a deployment is for (`-c stage=dev|prod`, default dev) and every setting that follows
 * from it, read from CDK context here and nowhere else, and checked before any construct exists:
 * stack and bus names, whether data outlives the stacks (removal policies, deletion protection), how
 * long logs are kept, who hears of alarms, which Stripe secrets the functions read, and the custom
 * domain the site is served at. `prod`
 * refuses to synthesize without what it cannot run on, and names every missing setting at once.
 * The deploy role's name is derived here too, so the workflow and the DeployAccess stack agree.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export const STAGES = ['dev', 'prod'] as const;
export type Stage = (typeof STAGES)[number];
export const DEFAULT_STAGE: Stage = 'dev';

/** How context reaches us: a string from `-c key=value`, JSON from cdk.json, undefined when unset. */
export type Context = (key: string) => unknown;

/**
 * dev: a week of logs is enough to debug the last deploy, and its stacks take their data with them.
 * prod: three months, as long as the event archive keeps events for replay (events.ts), so a replayed
 * delivery's first attempt can still be read, and long enough to follow a booking from its hold past
 * the trip; not longer, since the API's access log holds callers' IP addresses.
 */
const STAGE_DEFAULTS: Record<Stage, { readonly retainData: boolean; readonly logRetention: RetentionDays }> =
  {
    dev: { retainData: false, logRetention: RetentionDays.ONE_WEEK },
    prod: { retainData: true, logRetention: RetentionDays.THREE_MONTHS },
  };

/** How long every log group (and the site's access-log bucket) keeps its lines, and whether it outlives the stack. */
export interface LogSettings {
  readonly retention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/** Secrets Manager secrets the operator created, by name; a placeholder is generated for each one unnamed (dev only). */
export interface StripeSecretNames {
  readonly secretKey: string | undefined;
  readonly webhookSecret: string | undefined;
}

/** The hosts of the https web origins, which the CloudFront distribution answers for with this certificate. */
export interface WebDomain {
  readonly names: readonly string[];
  /** ACM, in us-east-1 (CloudFront's region for certificates), covering every name. */
  readonly certificateArn: string;
}

export interface StageSettings {
  readonly stage: Stage;
  /** The main stack's name; the others are `<stackName>-WebHosting`, `-WebContent`, `-DeployAccess`. */
  readonly stackName: string;
  readonly busName: string;
  /** Tables, user pool, secrets, buckets and logs are kept (and protected) when a stack is deleted. */
  readonly retainData: boolean;
  readonly logs: LogSettings;
  /** Subscribed by email to the alarm topic. */
  readonly alarmEmails: readonly string[];
  /** Extra origins of the web app (a custom domain, a local dev server): sign-in redirects and CORS. */
  readonly webOrigins: readonly string[];
  /** Set with `webCertificateArn`: the site is then served at its https web origins too. */
  readonly webDomain: WebDomain | undefined;
  readonly stripeSecretNames: StripeSecretNames;
  /** Checked by web-content.ts (`pk_live_…`/`pk_test_…`); undefined writes null into config.json. */
  readonly stripePublishableKey: string | undefined;
  /** Checked by notifications.ts; undefined sends from a placeholder, with a synth warning. */
  readonly notificationsFrom: string | undefined;
}

/** What prod cannot run without, and what each setting is, for the error that lists what is missing. */
export const PROD_REQUIRED = {
  stripeSecretName:
    "the name of the Secrets Manager secret holding Stripe's secret key (sk_live_… or rk_live_…), created by the operator beforehand",
  stripeWebhookSecretName:
    "the name of the Secrets Manager secret holding the Stripe webhook endpoint's signing secret (whsec_…), created beforehand",
  alarmEmails: 'comma-separated addresses that hear of every alarm',
  webOrigins: 'the origin the public opens the app at, e.g. https://shifa.example (https, no path)',
  webCertificateArn:
    "the ACM certificate in us-east-1 covering the webOrigins' hosts, which CloudFront serves them with",
  stripePublishableKey:
    "Stripe's publishable key (pk_live_…) for the web app; without it no card can be taken",
  notificationsFrom: 'the address tourist notifications are sent from, an identity verified in SES',
} as const;
export type ProdRequired = keyof typeof PROD_REQUIRED;

/** A setting as text; unset, empty and blank are all absent, so a CI step may pass an empty variable. */
export const text = (context: Context, key: string): string | undefined => {
  const value = context(key);
  if (value === undefined || value === null) return undefined;
  const trimmed = (Array.isArray(value) ? value.join(',') : String(value)).trim();
  return trimmed === '' ? undefined : trimmed;
};

/** A comma-separated setting (or a JSON array in cdk.json) as its non-empty items. */
export const list = (context: Context, key: string): string[] =>
  (text(context, key) ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** Context given on the command line arrives as a string, from cdk.json as JSON. */
const flag = (key: string, value: string | undefined): boolean | undefined => {
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new Error(`${key} must be true or false, got ${JSON.stringify(value)}`);
};

export const stageOf = (context: Context): Stage => {
  const value = text(context, 'stage') ?? DEFAULT_STAGE;
  const stage = STAGES.find((candidate) => candidate === value);
  if (stage === undefined) {
    throw new Error(`stage must be one of ${STAGES.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return stage;
};

/** `Shifa-dev`, `Shifa-prod`; `stackName` (or SHIFA_STACK_NAME) replaces it, e.g. to keep a stack deployed before stages. */
export const stackNameOf = (
  context: Context,
  stage: Stage,
  environment: NodeJS.ProcessEnv = process.env,
): string => text(context, 'stackName') ?? environment.SHIFA_STACK_NAME ?? `Shifa-${stage}`;

/**
 * The role GitHub's deployment workflow assumes for a stage (deploy-access.ts makes it;
 * .github/workflows/deploy.yml names it). Fixed, so the workflow needs only the account id.
 */
export const deployRoleName = (stage: Stage): string => `shifa-github-deploy-${stage}`;

/**
 * Extra origins of the web app. Each is an origin, not a URL: Cognito compares callback URLs
 * exactly, and allows plain http for http://localhost only; prod allows no localhost, which
 * would let any local server receive its users' sign-ins.
 */
const webOriginsOf = (items: readonly string[], stage: Stage): string[] =>
  items.map((item) => {
    const url = URL.canParse(item) ? new URL(item) : undefined;
    const local = url?.protocol === 'http:' && url.hostname === 'localhost';
    if (url === undefined || url.origin !== item || (url.protocol !== 'https:' && !local)) {
      throw new Error(
        `webOrigins must be origins like https://shifa.example or http://localhost:5173 (no path, no trailing slash), got ${JSON.stringify(item)}`,
      );
    }
    if (stage === 'prod' && url.hostname === 'localhost') {
      throw new Error(`webOrigins of prod must not name localhost, got ${JSON.stringify(item)}`);
    }
    return item;
  });

/**
 * The custom domain CloudFront serves, from the https web origins and the certificate for them.
 * CloudFront takes certificates from us-east-1 alone, whatever the stack's region.
 */
const webDomainOf = (
  origins: readonly string[],
  certificateArn: string | undefined,
): WebDomain | undefined => {
  if (certificateArn === undefined) return undefined;
  if (!/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/.test(certificateArn)) {
    throw new Error(
      `webCertificateArn must be the ARN of an ACM certificate in us-east-1, where CloudFront takes them from, got ${JSON.stringify(certificateArn)}`,
    );
  }
  const names = origins
    .filter((origin) => origin.startsWith('https://'))
    .map((origin) => new URL(origin).hostname);
  if (names.length === 0) {
    throw new Error(
      'webCertificateArn needs webOrigins naming the https origins it is for, e.g. https://shifa.example',
    );
  }
  return { names, certificateArn };
};

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const alarmEmailsOf = (items: readonly string[]): string[] => {
  const invalid = items.filter((item) => !EMAIL.test(item));
  if (invalid.length > 0) {
    throw new Error(`alarmEmails must be comma-separated email addresses, got ${JSON.stringify(invalid)}`);
  }
  return [...new Set(items)];
};

/** Secrets Manager's rule for names: 1–512 of letters, digits and /_+=.@- */
const secretNameOf = (key: string, value: string | undefined): string | undefined => {
  if (value !== undefined && !/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(value)) {
    throw new Error(
      `${key} must be a Secrets Manager secret name (letters, digits and /_+=.@-), got ${JSON.stringify(value)}`,
    );
  }
  return value;
};

/**
 * Every stage-dependent setting, validated. Throws one error naming each setting prod lacks, and
 * refuses what a stage forbids (prod without its data kept, prod redirecting to localhost).
 */
export const stageSettings = (
  context: Context,
  environment: NodeJS.ProcessEnv = process.env,
): StageSettings => {
  const stage = stageOf(context);
  const defaults = STAGE_DEFAULTS[stage];

  const retainOverride = flag('retainData', text(context, 'retainData'));
  if (stage !== 'dev' && retainOverride === false) {
    throw new Error(`retainData=false is for dev only: ${stage} always keeps and protects its data`);
  }
  const retainData = retainOverride ?? defaults.retainData;

  const alarmEmails = alarmEmailsOf(list(context, 'alarmEmails'));
  const webOrigins = webOriginsOf(list(context, 'webOrigins'), stage);
  const webCertificateArn = text(context, 'webCertificateArn');
  const stripeSecretNames = {
    secretKey: secretNameOf('stripeSecretName', text(context, 'stripeSecretName')),
    webhookSecret: secretNameOf('stripeWebhookSecretName', text(context, 'stripeWebhookSecretName')),
  };
  const stripePublishableKey = text(context, 'stripePublishableKey');
  const notificationsFrom = text(context, 'notificationsFrom');

  if (stage === 'prod') {
    // A list of nothing (",") is as missing as no list.
    const present: Record<ProdRequired, boolean> = {
      stripeSecretName: stripeSecretNames.secretKey !== undefined,
      stripeWebhookSecretName: stripeSecretNames.webhookSecret !== undefined,
      alarmEmails: alarmEmails.length > 0,
      webOrigins: webOrigins.length > 0,
      webCertificateArn: webCertificateArn !== undefined,
      stripePublishableKey: stripePublishableKey !== undefined,
      notificationsFrom: notificationsFrom !== undefined,
    };
    const missing = (Object.keys(PROD_REQUIRED) as ProdRequired[]).filter((key) => !present[key]);
    if (missing.length > 0) {
      throw new Error(
        [
          `stage prod needs settings that are missing; give each as -c key=value (README, "Stages"):`,
          ...missing.map((key) => `  ${key}: ${PROD_REQUIRED[key]}`),
        ].join('\n'),
      );
    }
  }

  return {
    stage,
    stackName: stackNameOf(context, stage, environment),
    busName: text(context, 'busName') ?? `shifa-${stage}`,
    retainData,
    logs: {
      retention: defaults.logRetention,
      removalPolicy: retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    },
    alarmEmails,
    webOrigins,
    webDomain: webDomainOf(webOrigins, webCertificateArn),
    stripeSecretNames,
    stripePublishableKey,
    notificationsFrom,
  };
};
