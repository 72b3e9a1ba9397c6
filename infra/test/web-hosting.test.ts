/**
 * The web app on AWS: a private bucket read by CloudFront alone (origin access
 * control), HTTPS only, security headers with a CSP that lets Stripe and Cognito in,
 * SPA routing by a CloudFront Function (run here against viewer-request events),
 * the deployed config.json, the Cognito client's OAuth settings and domain, the API's
 * CORS origin, the size of every stack, and cdk-nag on all three.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WEB_AUTH_CALLBACK_PATH, WebConfig } from '@shifa/contracts';
import type { Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShifaApp, type ShifaApp, type StackOverrides } from '../lib/app';
import {
  describeViolation,
  flatTemplate,
  logicalIdOf,
  nagReport,
  type Resource,
  resourcesOf,
  type Violation,
  WEB_FIXTURE,
} from './support';

const STACK = 'ShifaWebTest';
const HOSTING = `${STACK}-WebHosting`;
const CONTENT = `${STACK}-WebContent`;

let outdir: string;
let created: ShifaApp;
let assemblyDir: string;
let hosting: Template;
let main: Template;
let content: Template;

/** An app with bundling skipped: only the wiring of the stacks is under test here. */
const synthApp = (
  name: string,
  context: Record<string, unknown> = {},
  overrides: StackOverrides = { webDist: WEB_FIXTURE },
): ShifaApp =>
  createShifaApp(
    { outdir: join(outdir, name), context: { stackName: name, 'aws:cdk:bundling-stacks': [], ...context } },
    overrides,
  );

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'shifa-cdk-web-'));
  // Data kept, as prod always keeps it (dev's default is to destroy it; stage.test.ts checks both).
  created = synthApp(STACK, { retainData: 'true' });
  // Synthesis runs cdk-nag over all three stacks; an unacknowledged finding throws here.
  assemblyDir = created.app.synth().directory;
  hosting = flatTemplate(created.webHosting);
  main = flatTemplate(created.stack);
  content = flatTemplate(created.webContent);
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

/** The one resource of a type in a template. */
const only = (template: Template, type: string): [string, Resource] => {
  const found = resourcesOf(template, type);
  expect(found, `exactly one ${type}`).toHaveLength(1);
  const [first] = found;
  if (!first) throw new Error(`no ${type}`);
  return first;
};

type DistributionConfig = {
  DefaultCacheBehavior: Behaviour;
  CacheBehaviors?: Behaviour[];
  Origins: {
    Id: string;
    OriginAccessControlId?: unknown;
    S3OriginConfig?: { OriginAccessIdentity: string };
  }[];
  CustomErrorResponses?: unknown;
  Logging?: { Bucket: unknown; Prefix: string };
};
type Behaviour = {
  PathPattern?: string;
  ViewerProtocolPolicy: string;
  CachePolicyId: string;
  ResponseHeadersPolicyId: unknown;
  FunctionAssociations?: { EventType: string; FunctionARN: unknown }[];
};

const distributionConfig = (): DistributionConfig =>
  only(hosting, 'AWS::CloudFront::Distribution')[1].Properties.DistributionConfig as DistributionConfig;

const behaviours = (): Behaviour[] => {
  const config = distributionConfig();
  return [config.DefaultCacheBehavior, ...(config.CacheBehaviors ?? [])];
};

/** Renders a template string value (plain or Fn::Join over pseudo parameters) with sample values. */
const PSEUDO: Record<string, string> = {
  'AWS::Region': 'eu-central-1',
  'AWS::AccountId': '123456789012',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::Partition': 'aws',
};
const render = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const object = value as Record<string, unknown>;
  if (typeof object.Ref === 'string' && PSEUDO[object.Ref]) return PSEUDO[object.Ref] ?? '';
  const join = object['Fn::Join'] as [string, unknown[]] | undefined;
  if (join) return join[1].map(render).join(join[0]);
  throw new Error(`cannot render ${JSON.stringify(value)}`);
};

/** The rendered Content-Security-Policy, directive → sources. */
const csp = (): Map<string, string[]> => {
  const [, policy] = only(hosting, 'AWS::CloudFront::ResponseHeadersPolicy');
  const config = policy.Properties.ResponseHeadersPolicyConfig as {
    SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: unknown } };
  };
  const text = render(config.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
  return new Map(
    text.split(';').map((directive) => {
      const [name = '', ...sources] = directive.trim().split(/\s+/);
      return [name, sources];
    }),
  );
};

const COGNITO_DOMAIN = `https://${STACK.toLowerCase()}-123456789012.auth.eu-central-1.amazoncognito.com`;

describe('site bucket', () => {
  it('blocks every kind of public access, encrypts with S3-managed keys, logs access and is kept with the stack', () => {
    hosting.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        LoggingConfiguration: { DestinationBucketName: { Ref: logicalIdOf(created.webHosting.logs.bucket) } },
      }),
    });
  });

  it('refuses plain HTTP and lets CloudFront read objects only for this distribution', () => {
    const bucket = logicalIdOf(created.webHosting.bucket);
    const distribution = logicalIdOf(created.webHosting.distribution);

    const policy = resourcesOf(hosting, 'AWS::S3::BucketPolicy').find(
      ([, p]) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: bucket }),
    );
    if (!policy) throw new Error('the site bucket has no policy');
    const { Statement: statements } = policy[1].Properties.PolicyDocument as {
      Statement: Record<string, unknown>[];
    };

    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 's3:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({
      Action: 's3:GetObject',
      Principal: { Service: 'cloudfront.amazonaws.com' },
    });
    expect(JSON.stringify(allows[0]?.Condition)).toContain(`":distribution/",{"Ref":"${distribution}"}`);
  });
});

describe('distribution', () => {
  it('reaches the bucket through an origin access control, never an origin access identity', () => {
    const [oac, control] = only(hosting, 'AWS::CloudFront::OriginAccessControl');

    const [origin, ...others] = distributionConfig().Origins;

    expect(others).toEqual([]);
    expect(origin?.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oac, 'Id'] });
    expect(origin?.S3OriginConfig?.OriginAccessIdentity).toBe('');
    expect(control.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    hosting.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
  });

  it('redirects HTTP to HTTPS and adds the security headers on every behaviour', () => {
    const [headers] = only(hosting, 'AWS::CloudFront::ResponseHeadersPolicy');

    const all = behaviours();

    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const behaviour of all) {
      expect(behaviour.ViewerProtocolPolicy, behaviour.PathPattern ?? 'default').toBe('redirect-to-https');
      expect(behaviour.ResponseHeadersPolicyId).toEqual({ Ref: headers });
    }
  });

  it('speaks HTTP/2 and HTTP/3, logs access, and routes the app without error-page tricks', () => {
    hosting.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ HttpVersion: 'http2and3', DefaultRootObject: 'index.html' }),
    });
    const config = distributionConfig();
    expect(config.CustomErrorResponses).toBeUndefined();
    expect(config.Logging?.Bucket).toEqual({
      'Fn::GetAtt': [logicalIdOf(created.webHosting.logs.bucket), 'RegionalDomainName'],
    });
  });

  it('runs the SPA rewrite on viewer requests of the default behaviour only, not on hashed assets', () => {
    const [fn, resource] = only(hosting, 'AWS::CloudFront::Function');

    const { DefaultCacheBehavior, CacheBehaviors = [] } = distributionConfig();

    expect(resource.Properties.FunctionConfig).toMatchObject({ Runtime: 'cloudfront-js-2.0' });
    expect(DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fn, 'FunctionARN'] } },
    ]);
    const assets = CacheBehaviors.find((b) => b.PathPattern === '/assets/*');
    expect(assets).toBeDefined();
    expect(assets?.FunctionAssociations).toBeUndefined();
  });

  it('caches by the objects own Cache-Control (the managed CachingOptimized policy) on every behaviour', () => {
    const cachingOptimized = '658327ea-f89d-4fab-a63d-7e88639e58f6';

    for (const behaviour of behaviours()) expect(behaviour.CachePolicyId).toBe(cachingOptimized);
  });
});

describe('SPA rewrite (the CloudFront Function, run as CloudFront would)', () => {
  type ViewerRequest = { uri: string; method: string; querystring: Record<string, { value: string }> };
  let handler: (event: unknown) => ViewerRequest;

  beforeAll(() => {
    const [, resource] = only(hosting, 'AWS::CloudFront::Function');
    const code = String(resource.Properties.FunctionCode);
    handler = new Function(`${code}\nreturn handler;`)() as typeof handler;
  });

  /** A viewer-request event as CloudFront Functions (cloudfront-js-2.0) receive it. */
  const viewerRequest = (uri: string, querystring: Record<string, { value: string }> = {}) => ({
    version: '1.0',
    context: {
      distributionDomainName: 'd111111abcdef8.cloudfront.net',
      distributionId: 'EDFDVBD6EXAMPLE',
      eventType: 'viewer-request',
      requestId: '4TyzHTaYWb1GX1qTfsHhEqV6HUDd_BzoBZnwfnvQc_1oF26ClkoUSEQ==',
    },
    viewer: { ip: '198.51.100.11' },
    request: {
      method: 'GET',
      uri,
      querystring,
      headers: { host: { value: 'd111111abcdef8.cloudfront.net' }, accept: { value: 'text/html' } },
      cookies: {},
    },
  });

  it.each([
    ['/tours/abc', '/index.html'],
    ['/', '/index.html'],
    ['/bookings/bk_01J/cancel', '/index.html'],
    [WEB_AUTH_CALLBACK_PATH, '/index.html'],
    ['/assets/app-123.js', '/assets/app-123.js'],
    ['/config.json', '/config.json'],
    ['/favicon.svg', '/favicon.svg'],
  ])('sends %s to %s', (uri, expected) => {
    const request = handler(viewerRequest(uri));

    expect(request.uri).toBe(expected);
  });

  it('keeps the query string, which carries the OAuth code and state', () => {
    const query = { code: { value: 'abc' }, state: { value: 'xyz' } };

    const request = handler(viewerRequest(WEB_AUTH_CALLBACK_PATH, query));

    expect(request).toMatchObject({ uri: '/index.html', method: 'GET', querystring: query });
  });
});

describe('security headers', () => {
  it('sends HSTS for two years with subdomains and preload, nosniff, DENY framing and a strict referrer', () => {
    hosting.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: {
            AccessControlMaxAgeSec: 63072000,
            IncludeSubdomains: true,
            Preload: true,
            Override: true,
          },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
        }),
      }),
    });
  });

  it("allows the app's own scripts and Stripe.js's, and no inline or eval'd script", () => {
    const policy = csp();

    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'", 'https://js.stripe.com', 'https://*.js.stripe.com']);
    expect(policy.get('object-src')).toEqual(["'none'"]);
  });

  it("frames Stripe's Elements and 3-D Secure pages only, and is framed by nobody", () => {
    const policy = csp();

    expect(policy.get('frame-src')).toEqual([
      'https://js.stripe.com',
      'https://*.js.stripe.com',
      'https://hooks.stripe.com',
    ]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'https://*.stripe.com']);
  });

  it("connects to the region's API Gateway hosts, the Cognito domain and Stripe's API only", () => {
    const policy = csp();

    expect(policy.get('connect-src')).toEqual([
      "'self'",
      'https://*.execute-api.eu-central-1.amazonaws.com',
      COGNITO_DOMAIN,
      'https://api.stripe.com',
    ]);
  });

  it('lets forms go to the app and the Cognito domain only, and pins the base URI', () => {
    const policy = csp();

    expect(policy.get('form-action')).toEqual(["'self'", COGNITO_DOMAIN]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
  });
});

describe('content', () => {
  type Deployment = { Properties: Record<string, unknown>; DependsOn?: string[] };

  const deployment = (id: 'assets' | 'site'): Deployment => {
    const construct = created.webContent[id].node.tryFindChild('CustomResource');
    if (!construct) throw new Error(`no custom resource under ${id}`);
    const logicalId = logicalIdOf(construct);
    return content.toJSON().Resources[logicalId] as Deployment;
  };

  /** The config.json the site deployment writes, with its deploy-time markers and what they stand for. */
  const deployedConfig = (
    assembly: string,
    template: Template,
  ): { text: string; markers: Record<string, unknown> } => {
    const site = Object.values(template.findResources('Custom::CDKBucketDeployment')).find(
      (r) => (r.Properties.SourceObjectKeys as string[]).length === 2,
    );
    if (!site) throw new Error('no site deployment');
    const keys = site.Properties.SourceObjectKeys as string[];
    const hash = String(keys[1]).replace(/\.zip$/, '');
    const text = readFileSync(join(assembly, `asset.${hash}`, 'config.json'), 'utf8');
    const markers = (site.Properties.SourceMarkers as Record<string, unknown>[])[1] ?? {};
    return { text, markers };
  };

  /** config.json as the web app would read it, each marker replaced by what it refers to, as JSON. */
  const substituted = ({ text, markers }: { text: string; markers: Record<string, unknown> }): string =>
    Object.entries(markers).reduce(
      (result, [marker, value]) => result.split(marker).join(JSON.stringify(value).replace(/"/g, "'")),
      text,
    );

  it('uploads the hashed bundles first, immutable for a year, and never deletes an old one', () => {
    const assets = deployment('assets');

    expect(assets.Properties).toMatchObject({
      DestinationBucketKeyPrefix: 'assets/',
      Prune: false,
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
    expect(assets.Properties.DistributionId).toBeUndefined();
  });

  it('then index.html and config.json, revalidated on every load, and invalidates CloudFront', () => {
    const site = deployment('site');
    const assetsId = logicalIdOf(created.webContent.assets.node.findChild('CustomResource'));

    expect(site.Properties).toMatchObject({
      Prune: false,
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionPaths: ['/*'],
    });
    expect(site.Properties.DistributionId).toEqual({
      'Fn::ImportValue': expect.stringMatching(
        new RegExp(`^${HOSTING}:.*Ref${logicalIdOf(created.webHosting.distribution)}`),
      ),
    });
    expect(site.DependsOn).toContain(assetsId);
  });

  it('deploys the build without Vite manifest, and config.json from the stacks, not from the build', () => {
    const site = Object.values(content.findResources('Custom::CDKBucketDeployment')).find(
      (r) => (r.Properties.SourceObjectKeys as string[]).length === 2,
    );
    const [buildKey] = (site?.Properties.SourceObjectKeys as string[]) ?? [];

    const staged = join(assemblyDir, `asset.${String(buildKey).replace(/\.zip$/, '')}`);

    expect(readFileSync(join(staged, 'index.html'), 'utf8')).toContain('/assets/index-fixture.js');
    expect(() => readFileSync(join(staged, '.vite', 'manifest.json'))).toThrow();
    expect(() => readFileSync(join(staged, 'assets', 'index-fixture.js'))).toThrow();
  });

  it('writes config.json with the API URL, the web client and its Cognito domain, and no Stripe key by default', () => {
    const api = logicalIdOf(created.stack.api.httpApi);
    const client = logicalIdOf(created.stack.auth.webClient);
    const domain = logicalIdOf(created.stack.auth.domain);

    const config = JSON.parse(substituted(deployedConfig(assemblyDir, content))) as Record<string, unknown>;

    expect(config.apiUrl).toMatch(new RegExp(`ImportValue':'${STACK}:.*${api}ApiEndpoint`));
    const auth = config.auth as Record<string, string>;
    expect(auth.provider).toBe('cognito');
    expect(auth.clientId).toMatch(new RegExp(`ImportValue':'${STACK}:.*Ref${client}`));
    for (const [key, path] of [
      ['authorizeUrl', '/oauth2/authorize'],
      ['tokenUrl', '/oauth2/token'],
      ['logoutUrl', '/logout'],
    ] as const) {
      expect(auth[key]).toMatch(
        new RegExp(`^https://\\{'Fn::ImportValue':'${STACK}:.*Ref${domain}.*\\}\\.auth\\.`),
      );
      expect(auth[key]?.endsWith(`.amazoncognito.com${path}`)).toBe(true);
    }
    expect(auth.scopes).toEqual(['openid', 'email', 'profile']);
    expect(config.payments).toEqual({ provider: 'stripe', publishableKey: null });
  });

  it("is a valid WebConfig once CloudFormation has filled in the stacks' values", () => {
    const { text, markers } = deployedConfig(assemblyDir, content);
    const plausible: Record<string, string> = {};
    for (const [marker, value] of Object.entries(markers)) {
      const json = JSON.stringify(value);
      plausible[marker] = json.includes('ApiEndpoint')
        ? 'https://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com'
        : json.includes('AWS::Region')
          ? 'eu-central-1'
          : json.includes('Domain')
            ? 'shifawebtest-123456789012'
            : '4p1c0d3cl13nt1d';
    }

    const filled = Object.entries(plausible).reduce((result, [m, v]) => result.split(m).join(v), text);

    expect(() => WebConfig.parse(JSON.parse(filled))).not.toThrow();
  });

  it('puts the publishable key given as context in config.json', () => {
    const keyed = synthApp('ShifaWebKeyed', { stripePublishableKey: 'pk_test_51Abc' });
    const assembly = keyed.app.synth().directory;

    const config = JSON.parse(deployedConfig(assembly, flatTemplate(keyed.webContent)).text) as {
      payments: unknown;
    };

    expect(config.payments).toEqual({ provider: 'stripe', publishableKey: 'pk_test_51Abc' });
  });

  it('refuses at synth a Stripe secret key where the publishable key belongs, since config.json is public', () => {
    expect(() => synthApp('ShifaWebLeaky', { stripePublishableKey: 'sk_live_51Abc' })).toThrow(/secret key/);
    expect(() => synthApp('ShifaWebTypo', { stripePublishableKey: 'pk_51Abc' })).toThrow(/pk_live_/);
  });

  it('fails synth with a way out when the web app has not been built', () => {
    const empty = join(outdir, 'no-build');
    mkdirSync(empty, { recursive: true });

    expect(() => synthApp('ShifaWebUnbuilt', {}, { webDist: empty })).toThrow(/run npm run build first/);
    writeFileSync(join(empty, 'index.html'), '<!doctype html>');
    expect(() => synthApp('ShifaWebHalfBuilt', {}, { webDist: empty })).toThrow(/assets is missing/);
  });
});

describe('sign-in (main stack)', () => {
  const webOrigin = {
    'Fn::Join': [
      '',
      ['https://', { 'Fn::ImportValue': Match.stringLikeRegexp(`^${HOSTING}:.*Distribution.*DomainName`) }],
    ],
  };
  const atWebOrigin = (path: string) => ({
    'Fn::Join': [
      '',
      ['https://', { 'Fn::ImportValue': Match.stringLikeRegexp(`^${HOSTING}:.*DomainName`) }, path],
    ],
  });

  it('lets the web client use the authorisation code grant only, as a public client, back to the site', () => {
    main.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: [atWebOrigin(WEB_AUTH_CALLBACK_PATH)],
      LogoutURLs: [atWebOrigin('/')],
      SupportedIdentityProviders: ['COGNITO'],
    });
  });

  it('serves managed login (version 2, styled) on a Cognito prefix domain of the stack and account', () => {
    const pool = logicalIdOf(created.stack.auth.userPool);
    const client = logicalIdOf(created.stack.auth.webClient);

    main.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      UserPoolId: { Ref: pool },
      Domain: { 'Fn::Join': ['', [`${STACK.toLowerCase()}-`, { Ref: 'AWS::AccountId' }]] },
      ManagedLoginVersion: 2,
    });
    main.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      UserPoolId: { Ref: pool },
      ClientId: { Ref: client },
      UseCognitoProvidedValues: true,
    });
  });

  it('outputs the web URL and the sign-in domain', () => {
    main.hasOutput('WebUrl', { Value: atWebOrigin('/') });
    main.hasOutput('AuthDomain', {
      Value: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith(['https://'])] }),
    });
  });

  it("allows only the site's origin through the API's CORS by default", () => {
    main.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: [webOrigin] }),
    });
  });

  it('adds the webOrigins of context to the callback URLs and to CORS, and a given prefix as the domain', () => {
    const dev = synthApp('ShifaWebDev', {
      webOrigins: 'https://shifa.example, http://localhost:5173',
      authDomainPrefix: 'shifa-dev',
    });

    const template = flatTemplate(dev.stack);

    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: [
        Match.anyValue(),
        `https://shifa.example${WEB_AUTH_CALLBACK_PATH}`,
        `http://localhost:5173${WEB_AUTH_CALLBACK_PATH}`,
      ],
      LogoutURLs: [Match.anyValue(), 'https://shifa.example/', 'http://localhost:5173/'],
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        AllowOrigins: [Match.anyValue(), 'https://shifa.example', 'http://localhost:5173'],
      }),
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'shifa-dev' });
  });

  it('refuses at synth origins Cognito would refuse and domain prefixes it reserves', () => {
    expect(() => synthApp('ShifaWebBad1', { webOrigins: 'https://shifa.example/app' })).toThrow(/webOrigins/);
    expect(() => synthApp('ShifaWebBad2', { webOrigins: 'http://shifa.example' })).toThrow(/webOrigins/);
    expect(() => synthApp('ShifaWebBad3', { authDomainPrefix: 'shifa-aws' })).toThrow(/without "aws"/);
    expect(() => synthApp('ShifaWebBad4', { authDomainPrefix: 'Shifa' })).toThrow(/lowercase/);
    expect(() => synthApp('AmazonShifa')).toThrow(/authDomainPrefix/);
  });
});

describe('stacks', () => {
  it('keeps every stack well under CloudFormation’s 500 resources', () => {
    const counts = Object.fromEntries(
      (
        [
          [HOSTING, hosting],
          [STACK, main],
          [CONTENT, content],
        ] as const
      ).map(([name, template]) => [name, Object.keys(template.toJSON().Resources).length]),
    );

    console.log('resources per stack:', counts);
    expect(counts[HOSTING]).toBeLessThan(50);
    expect(counts[CONTENT]).toBeLessThan(50);
    expect(counts[STACK]).toBeLessThan(500);
  });

  it('deploys hosting first, then the marketplace, then the content', () => {
    const names = (stack: Stack): string[] => stack.dependencies.map((d) => d.stackName).sort();

    expect(names(created.webHosting)).toEqual([]);
    expect(names(created.stack)).toEqual([HOSTING]);
    expect(names(created.webContent)).toEqual([HOSTING, STACK].sort());
  });

  it('lets a throw-away stack take the site and its logs with it', () => {
    const dev = synthApp('ShifaWebThrowaway', { retainData: 'false' });

    const template = flatTemplate(dev.webHosting);

    const buckets = Object.values(template.findResources('AWS::S3::Bucket'));
    expect(buckets).toHaveLength(2);
    for (const bucket of buckets) expect(bucket.DeletionPolicy).toBe('Delete');
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 2);
    expect(nagReport(dev.app.synth().directory).violations.map(describeViolation)).toEqual([]);
  });
});

describe('cdk-nag', () => {
  const inStack = (stack: string) => (v: Violation) =>
    v.violatingConstructs.some((c) => c.constructPath.startsWith(`${stack}/`));

  it('checked all three stacks and found nothing unacknowledged', () => {
    const { violations, suppressed } = nagReport(assemblyDir);

    expect(violations.map(describeViolation)).toEqual([]);
    for (const stack of [HOSTING, STACK, CONTENT]) expect(suppressed.some(inStack(stack)), stack).toBe(true);
  });

  it('acknowledges on the hosting stack only geo restriction, WAF and the default certificate, with reasons', () => {
    const acknowledged = nagReport(assemblyDir).suppressed.filter(inStack(HOSTING));

    const rules = acknowledged.map(
      (v) => `${v.ruleName} ${v.violatingConstructs.map((c) => c.constructPath).join(',')}`,
    );

    expect(rules.sort()).toEqual(
      [
        `AwsSolutions-CFR1 ${HOSTING}/Distribution/Resource`,
        `AwsSolutions-CFR2 ${HOSTING}/Distribution/Resource`,
        `AwsSolutions-CFR4 ${HOSTING}/Distribution/Resource`,
      ].sort(),
    );
    for (const v of acknowledged) expect(v.reason?.length ?? 0).toBeGreaterThan(40);
  });

  it("acknowledges on the content stack only the deployer's named wildcards and CDK's handler runtime", () => {
    const acknowledged = nagReport(assemblyDir).suppressed.filter(inStack(CONTENT));

    const paths = new Set(acknowledged.flatMap((v) => v.violatingConstructs.map((c) => c.constructPath)));
    const rules = acknowledged.map((v) => v.ruleName);

    expect([...paths].sort()).toEqual(
      [
        `${CONTENT}/DeployerRole/DefaultPolicy/Resource`,
        `${CONTENT}/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C/Resource`,
      ].sort(),
    );
    expect(rules).toContain('AwsSolutions-L1');
    expect(rules).toContain(`AwsSolutions-IAM5[Resource::${HOSTING}-SiteBucketArn/*]`);
    expect(rules.filter((r) => !r.startsWith('AwsSolutions-IAM5[') && r !== 'AwsSolutions-L1')).toEqual([]);
    for (const v of acknowledged) expect(v.reason?.length ?? 0).toBeGreaterThan(40);
  });

  it('needs no managed policy for the deployer: its role writes to its own log group only', () => {
    const [, role] = only(content, 'AWS::IAM::Role');

    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    content.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogGroup: { Ref: logicalIdOf(created.webContent.node.findChild('DeployerLogs')) } },
    });
  });
});
