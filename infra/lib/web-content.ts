/**
 * Puts the built web app (web/dist) and its config.json into the site bucket,
 * then invalidates CloudFront's copies. A stack of its own, after the hosting
 * stack and the main one: config.json carries the API's URL and the Cognito
 * client and domain, which exist only once the main stack does, and the
 * BucketDeployment's custom resource would not fit in the main stack anyway.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WEB_CONFIG_PATH, WebConfig } from '@shifa/contracts';
import {
  CfnResource,
  DefaultStackSynthesizer,
  Duration,
  Fn,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import * as z from 'zod';
import { WEB_SCOPES } from './auth';
import type { LogSettings } from './stage';

/** Where `npm run build` (Vite) writes the web app. */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Vite's folder of content-hashed bundles, inside web/dist. */
const ASSETS_DIR = 'assets';

/**
 * The built web app's folder, or a synth error that says how to make it: an asset of a
 * missing folder would fail later with a message about asset hashes.
 */
export const requireWebBuild = (dir: string = WEB_DIST): string => {
  for (const needed of ['index.html', ASSETS_DIR]) {
    if (!existsSync(join(dir, needed))) {
      throw new Error(
        `${join(dir, needed)} is missing: run npm run build first (npm run synth does), so there is a web app to deploy`,
      );
    }
  }
  return dir;
};

/** What config.json is made of; on AWS each is a deploy-time token of the main stack. */
export interface WebConfigValues {
  /** The HTTP API's URL, without a trailing slash. */
  readonly apiUrl: string;
  /** Cognito's domain for the web client, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly authDomainUrl: string;
  readonly clientId: string;
  /** Stripe's publishable key, or null while the site has none (the app then says payments are off). */
  readonly publishableKey: string | null;
}

/** The web app's settings in the shape of @shifa/contracts' WebConfig: Cognito's OAuth endpoints and Stripe. */
export const webConfig = (values: WebConfigValues): WebConfig => ({
  apiUrl: values.apiUrl,
  auth: {
    provider: 'cognito',
    authorizeUrl: `${values.authDomainUrl}/oauth2/authorize`,
    tokenUrl: `${values.authDomainUrl}/oauth2/token`,
    logoutUrl: `${values.authDomainUrl}/logout`,
    clientId: values.clientId,
    scopes: [...WEB_SCOPES],
  },
  payments: { provider: 'stripe', publishableKey: values.publishableKey },
});

/**
 * Checks what synth can know of config.json: the tokens stand in as plausible placeholders, so a
 * bad literal (a publishable key, a scope, a renamed field of WebConfig) fails `cdk synth`
 * instead of the web app at start-up.
 */
export const checkWebConfig = (publishableKey: string | null): void => {
  const checked = WebConfig.safeParse(
    webConfig({
      apiUrl: 'https://0000000000.execute-api.eu-central-1.amazonaws.com',
      authDomainUrl: 'https://shifa-000000000000.auth.eu-central-1.amazoncognito.com',
      clientId: '0000000000placeholder',
      publishableKey,
    }),
  );
  if (!checked.success) throw new Error(`config.json would be invalid:\n${z.prettifyError(checked.error)}`);
};

/**
 * Context `stripePublishableKey`: null when unset. config.json is public, so anything that is not
 * a publishable key (above all a secret or restricted key pasted by mistake) fails synth.
 */
export const publishableKey = (value: unknown): string | null => {
  if (value === undefined || value === null || value === '') return null;
  const key = String(value).trim();
  if (!/^pk_(live|test)_[0-9A-Za-z]+$/.test(key)) {
    throw new Error(
      /^(sk|rk)_/.test(key)
        ? 'stripePublishableKey is a secret key: it would be published in config.json. Use the pk_… key; the secret key goes to Secrets Manager (README)'
        : `stripePublishableKey must be a Stripe publishable key (pk_live_… or pk_test_…), got ${JSON.stringify(key)}`,
    );
  }
  return key;
};

export interface WebContentStackProps extends StackProps {
  /** The name of the export that holds the site bucket's ARN (WebHostingStack.bucketArnExportName). */
  readonly bucketArnExportName: string;
  /** The distribution whose cached copies a deploy invalidates. */
  readonly distribution: IDistribution;
  readonly config: WebConfigValues;
  /** The deployer's log group follows the stage's retention, as every log does. */
  readonly logs: LogSettings;
  /** The built web app; web/dist unless a test brings a small fixture. */
  readonly webDist?: string;
}

/** Hashed names never change content: browsers and CloudFront keep them for a year without asking. */
const IMMUTABLE = [
  CacheControl.setPublic(),
  CacheControl.maxAge(Duration.days(365)),
  CacheControl.immutable(),
];

/** Everything else (index.html, config.json, favicon) is revalidated on every load, so a deploy shows at once. */
const REVALIDATE = [CacheControl.noCache()];

export class WebContentStack extends Stack {
  readonly assets: BucketDeployment;
  readonly site: BucketDeployment;
  readonly deployerRole: Role;

  constructor(scope: Construct, id: string, props: WebContentStackProps) {
    super(scope, id, props);
    checkWebConfig(props.config.publishableKey);
    const dist = requireWebBuild(props.webDist ?? WEB_DIST);

    // Both deployments share one handler function (a singleton): give it a role and a log group of
    // its own, so it may write to that log group only, instead of AWSLambdaBasicExecutionRole.
    const logGroup = new LogGroup(this, 'DeployerLogs', {
      retention: props.logs.retention,
      removalPolicy: props.logs.removalPolicy,
    });
    this.deployerRole = new Role(this, 'DeployerRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the built web app into the site bucket and invalidates CloudFront',
    });
    logGroup.grantWrite(this.deployerRole);
    const bucket = Bucket.fromBucketArn(this, 'SiteBucket', Fn.importValue(props.bucketArnExportName));
    const common = {
      destinationBucket: bucket,
      role: this.deployerRole,
      logGroup,
      // Neither deployment deletes anything: a browser tab opened before a deploy still runs the old
      // index.html and loads its lazy chunks (/assets/<name>-<hash>.js) afterwards, so the old hashed
      // files must outlive the deploy. They are small and unreferenced ones cost cents a year; a prune
      // would break every open tab at once.
      prune: false,
    } as const;

    // First the hashed bundles, so no index.html can ever name a file that is not there yet.
    this.assets = new BucketDeployment(this, 'Assets', {
      ...common,
      sources: [Source.asset(join(dist, ASSETS_DIR))],
      destinationKeyPrefix: `${ASSETS_DIR}/`,
      cacheControl: IMMUTABLE,
    });

    // Then index.html, the other top-level files and config.json, and only then CloudFront forgets
    // its copies. Vite's build manifest (.vite/) is for the size report, not for browsers; a
    // config.json in the build would be overwritten by this one anyway, so it is left out.
    const config = webConfig(props.config);
    this.site = new BucketDeployment(this, 'Site', {
      ...common,
      sources: [
        Source.asset(dist, { exclude: [ASSETS_DIR, '.vite', WEB_CONFIG_PATH.slice(1)] }),
        Source.jsonData(WEB_CONFIG_PATH.slice(1), config),
      ],
      cacheControl: REVALIDATE,
      distribution: props.distribution,
      // Everything: SPA routes are cached under /index.html (the rewrite runs before the cache),
      // and re-fetching the immutable assets once costs nothing worth a longer list.
      distributionPaths: ['/*'],
    });
    this.site.node.addDependency(this.assets);

    this.acknowledgeDeployer(props.bucketArnExportName);
  }

  /**
   * The deployer is CDK's BucketDeployment handler: CDK writes its grants and picks its runtime.
   * Each wildcard is acknowledged by name, so a new one still fails synth.
   */
  private acknowledgeDeployer(bucketArnExportName: string): void {
    const qualifier =
      (this.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') as string | undefined) ??
      DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    const wildcards: Record<string, string> = {
      'Action::s3:GetObject*':
        "Read of the zipped web app from CDK's asset bucket and of the site bucket's objects; CDK's asset grant (GetObject, GetObjectVersion and the like).",
      'Action::s3:GetBucket*':
        "CDK's grant to read the asset and site buckets' location and settings, which `aws s3 sync` asks for.",
      'Action::s3:List*': '`aws s3 sync` lists the asset and the site bucket to compare their contents.',
      'Action::s3:DeleteObject*':
        "CDK's read-write grant on the site bucket; with prune off, the handler deletes nothing, and the bucket holds only the public web app.",
      'Action::s3:Abort*': 'Lets `aws s3 sync` abort its own multipart uploads into the site bucket.',
      [`Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-<AWS::AccountId>-<AWS::Region>/*`]:
        "The objects of CDK's bootstrap asset bucket, where the zipped web app is staged; asset keys are content hashes only known at synth.",
      [`Resource::${bucketArnExportName}/*`]:
        'Every object of the site bucket: the deployer writes the whole web app, whose hashed file names change with each build.',
      'Resource::*':
        "CDK's grant of cloudfront:CreateInvalidation and GetInvalidation only, to forget the old index.html and config.json after a deploy.",
    };
    for (const [finding, reason] of Object.entries(wildcards)) {
      Validations.of(this.deployerRole).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[${finding}]`,
        reason,
      });
    }
    // The handler is a singleton function CDK adds to the stack for every BucketDeployment.
    for (const handler of this.node.children.filter((child) =>
      child.node.id.startsWith('Custom::CDKBucketDeployment'),
    )) {
      const resource = handler.node
        .findAll()
        .find((child) => child instanceof CfnResource && child.cfnResourceType === 'AWS::Lambda::Function');
      if (resource === undefined) throw new Error(`${handler.node.path} has no Lambda function`);
      Validations.of(resource).acknowledge({
        id: 'AwsSolutions::AwsSolutions-L1',
        reason:
          "CDK's BucketDeployment handler runs Python and the AWS CLI layer at the runtime CDK pins and tests them with; it moves with aws-cdk-lib, and runs only at deploy time.",
      });
    }
  }
}
