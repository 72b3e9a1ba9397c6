/**
 * Where the web app is served from: a private S3 bucket behind a CloudFront
 * distribution that alone may read it (origin access control), with security
 * headers on every response and single-page-app routing by a CloudFront
 * Function. A stack of its own, deployed before the main one: the main stack is
 * near CloudFormation's 500-resource limit, and needs this site's origin for the
 * API's CORS and Cognito's sign-in redirects. The files themselves are put in
 * by web-content.ts, which needs both stacks.
 */
import { Aws, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct, type IConstruct } from 'constructs';
import type { LogSettings, WebDomain } from './stage';

/** Hashed bundles (Vite's `assets/`): a name never gets new content, so browsers keep them for a year. */
export const ASSETS_PATH = '/assets/*';

/**
 * Viewer-request handler of the distribution's default behaviour (cloudfront-js-2.0). A path
 * whose last segment has no file extension is a route of the app (`/tours/abc`,
 * `/auth/callback`, `/`), so it gets index.html; a file (`/config.json`, `/favicon.svg`) is
 * fetched as itself. Rewriting here instead of mapping S3's 403/404 to index.html keeps real
 * errors errors: a missing file is not answered with a 200 page, and the error cache holds no
 * index.html.
 */
export const SPA_REWRITE_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}
`;

/** Stripe.js and its Elements, as Stripe's integration security guide lists them for a CSP. */
const STRIPE = {
  scripts: ['https://js.stripe.com', 'https://*.js.stripe.com'],
  // hooks.stripe.com serves 3-D Secure challenges and redirects of other payment methods.
  frames: ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com'],
  api: ['https://api.stripe.com'],
  images: ['https://*.stripe.com'],
} as const;

export interface ContentSecurityPolicyProps {
  /** Cognito's sign-in domain, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly authDomainUrl: string;
  /** The region of the API; its id is unknown here, as the API's stack is deployed after this one. */
  readonly region: string;
}

/**
 * The app's Content-Security-Policy: its own scripts, Stripe's, and calls to the API, the
 * Cognito domain (token exchange) and Stripe only. The API is named by a wildcard over
 * API Gateway's hosts in the region: its id comes from the main stack, which depends on this one.
 */
export const contentSecurityPolicy = ({ authDomainUrl, region }: ContentSecurityPolicyProps): string =>
  [
    "default-src 'self'",
    ["script-src 'self'", ...STRIPE.scripts].join(' '),
    ['frame-src', ...STRIPE.frames].join(' '),
    [
      "connect-src 'self'",
      `https://*.execute-api.${region}.amazonaws.com`,
      authDomainUrl,
      ...STRIPE.api,
    ].join(' '),
    ["img-src 'self' data:", ...STRIPE.images].join(' '),
    // React sets style attributes and Stripe's Elements inject styles of their own.
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    // Sign-in and sign-out leave for Cognito's managed login.
    `form-action 'self' ${authDomainUrl}`,
  ].join('; ');

export interface WebHostingStackProps extends StackProps {
  /** Keep the bucket and its logs when the stack is deleted; false only for throw-away stacks. */
  readonly retainData: boolean;
  /** The stage's log retention, which the access logs follow too. */
  readonly logs: LogSettings;
  /** Cognito's sign-in domain, for the Content-Security-Policy. */
  readonly authDomainUrl: string;
  /** A custom domain to answer for besides *.cloudfront.net, with its certificate (stage.ts). */
  readonly domain?: WebDomain | undefined;
}

/**
 * Acknowledges a cdk-nag finding on a construct's CloudFormation resource, with the
 * namespaced id so CDK records the reason in the validation report.
 */
const acknowledge = (construct: IConstruct, rule: string, reason: string): void => {
  Validations.of(construct.node.defaultChild ?? construct).acknowledge({
    id: `AwsSolutions::AwsSolutions-${rule}`,
    reason,
  });
};

/**
 * A Bucket as the IBucket that other constructs take: aws-cdk-lib declares Bucket's `isWebsite`
 * optional and IBucket's required, which exactOptionalPropertyTypes refuses to match.
 */
const asIBucket = (bucket: Bucket): IBucket => bucket as IBucket;

/** The access logs of the site bucket and the distribution, kept as long as every other log. */
class AccessLogs extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: { retainData: boolean; logs: LogSettings }) {
    super(scope, id);
    // CloudFront's standard logs are written with an ACL, so this bucket keeps ACLs enabled
    // (object writer); S3's own server access logs get the log-delivery ACL from CDK.
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      // Logs hold viewers' IP addresses: kept no longer than the functions' and the API's logs.
      lifecycleRules: [{ expiration: Duration.days(props.logs.retention) }],
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !props.retainData,
    });
  }
}

export class WebHostingStack extends Stack {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly headers: ResponseHeadersPolicy;
  readonly spaRewrite: EdgeFunction;
  readonly logs: AccessLogs;
  /** `https://<id>.cloudfront.net`: where the app is served, for CORS and Cognito's redirects. */
  readonly webOrigin: string;
  /**
   * The export that carries the bucket's ARN to web-content.ts. Named here rather than by CDK, so
   * the deployer's grant on `<arn>/*`, and the cdk-nag acknowledgement of it, can name it too.
   */
  readonly bucketArnExportName: string;

  constructor(scope: Construct, id: string, props: WebHostingStackProps) {
    super(scope, id, props);

    this.logs = new AccessLogs(this, 'AccessLogs', { retainData: props.retainData, logs: props.logs });

    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      serverAccessLogsBucket: asIBucket(this.logs.bucket),
      serverAccessLogsPrefix: 's3/',
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !props.retainData,
    });

    this.headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Shifa web app: HSTS, CSP with Stripe and Cognito, no framing, no sniffing',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy({
            authDomainUrl: props.authDomainUrl,
            region: Aws.REGION,
          }),
          override: true,
        },
      },
    });

    this.spaRewrite = new EdgeFunction(this, 'SpaRewrite', {
      code: FunctionCode.fromInline(SPA_REWRITE_CODE),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Serve index.html for every path of the single-page app that is not a file',
    });

    // The custom domain's names, served with its certificate and no TLS older than 1.2; its DNS
    // records (an alias or CNAME to the distribution's domain) are the domain owner's to add.
    const domain =
      props.domain === undefined
        ? {}
        : {
            domainNames: [...props.domain.names],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          };

    const origin = S3BucketOrigin.withOriginAccessControl(asIBucket(this.bucket));
    const common = {
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      // Honours each object's Cache-Control (web-content.ts): a year for hashed assets,
      // revalidation for index.html and config.json, whose edge copies a deploy invalidates.
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: this.headers,
      compress: true,
    } as const;

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `${this.stackName}: Shifa web app`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        ...common,
        functionAssociations: [{ function: this.spaRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      // Files only, never app routes: no rewrite to run.
      additionalBehaviors: { [ASSETS_PATH]: common },
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Europe, Asia and the Middle East, where the patients, agencies and hospitals are; the
      // dearer South American and Oceanian edges would serve none of them.
      priceClass: PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket: asIBucket(this.logs.bucket),
      logFilePrefix: 'cloudfront/',
      ...domain,
    });

    acknowledge(
      this.distribution,
      'CFR1',
      'No geo restriction: the marketplace serves patients from Kazakhstan, Uzbekistan, Kyrgyzstan and Russia and hospitals in China, and an allow-list of countries would only turn away travellers abroad.',
    );
    acknowledge(
      this.distribution,
      'CFR2',
      'No WAF: the distribution serves static files only (the API is a separate endpoint with its own throttling and JWT authorizer), and a CloudFront web ACL must live in us-east-1 at a monthly cost this static site does not justify yet.',
    );
    if (props.domain === undefined) {
      acknowledge(
        this.distribution,
        'CFR4',
        "The site is served on CloudFront's default *.cloudfront.net certificate only, whose minimum TLS version cannot be set; with a custom domain's certificate (webCertificateArn) TLSv1.2_2021 is required.",
      );
    }

    this.webOrigin = `https://${this.distribution.distributionDomainName}`;
    this.bucketArnExportName = `${this.stackName}-SiteBucketArn`;
    this.exportValue(this.bucket.bucketArn, { name: this.bucketArnExportName });
  }
}
