/**
 * The synthesised Shifa stack: the table as @shifa/store declares it, the bus and
 * its archive, one function and one API route per declared route, each route
 * authorised as declared, least-privilege grants, and cdk-nag's AWS Solutions checks
 * passing with reasoned acknowledgements. The user pool itself: auth.test.ts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fallbackRoute, type RouteDeclaration, routes, type TableAccess } from '@shifa/functions/routes';
import { INDEXES, TABLE } from '@shifa/store/table';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShifaApp } from '../lib/app';
import { BUNDLE } from '../lib/bundling';
import {
  authorizationOf,
  describeViolation,
  nagReport,
  type Resource,
  resourcesOf,
  routeKey,
} from './support';

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

const STACK = 'ShifaTest';

// Written out here rather than imported, so widening the grants in infra/lib fails this test.
const EXPECTED_ACTIONS: Record<TableAccess, string[]> = {
  none: [],
  read: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'],
  write: [
    'dynamodb:BatchGetItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:DeleteItem',
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:Query',
    'dynamodb:UpdateItem',
  ],
};

let outdir: string;
let assemblyDir: string;
let template: Template;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'shifa-cdk-'));
  const { app, stack } = createShifaApp({ outdir, context: { stackName: STACK } });
  // Synthesis runs cdk-nag; in a test process an unacknowledged finding throws here with the report.
  assemblyDir = app.synth().directory;
  template = Template.fromStack(stack);
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

const resources = (type: string): [string, Resource][] => resourcesOf(template, type);

const tableId = (): string => {
  const [table] = resources('AWS::DynamoDB::GlobalTable');
  if (!table) throw new Error('no table in the template');
  return table[0];
};

/** Follows route → integration → function, so each route is checked against the function it really calls. */
const functionForRouteKey = (routeKey: string): [string, Resource] => {
  const route = resources('AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === routeKey);
  if (!route) throw new Error(`no API route ${routeKey}`);
  const target = JSON.stringify(route[1].Properties.Target);
  const integration = resources('AWS::ApiGatewayV2::Integration').find(([id]) => target.includes(`"${id}"`));
  if (!integration) throw new Error(`no integration for ${routeKey}`);
  const uri = JSON.stringify(integration[1].Properties.IntegrationUri);
  const fn = resources('AWS::Lambda::Function').find(([id]) => uri.includes(`"${id}"`));
  if (!fn) throw new Error(`no function behind ${routeKey}`);
  return fn;
};

const fallback = { key: '$default', table: fallbackRoute.table as TableAccess };

const dynamodbStatements = (fn: Resource): Statement[] => {
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return resources('AWS::IAM::Policy')
    .filter(([, policy]) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
    .filter((statement) => [statement.Action].flat().some((action) => action.startsWith('dynamodb:')));
};

const actionsOf = (statements: Statement[]): string[] =>
  [...new Set(statements.flatMap((statement) => [statement.Action].flat()))].sort();

describe('data', () => {
  it('creates the table with the keys and indexes declared in @shifa/store', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: TABLE.partitionKey, AttributeType: 'S' },
        { AttributeName: TABLE.sortKey, AttributeType: 'S' },
      ]),
      GlobalSecondaryIndexes: INDEXES.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: TABLE.stream },
    });
  });

  it('keeps the table safe: point-in-time recovery, deletion protection, retained with the stack', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      }),
    });
  });

  it('drops deletion protection and retention of the table and user pool only when a dev stack asks for it', () => {
    // Prepare: a second app with bundling skipped, because only the table and the pool matter here.
    const { stack } = createShifaApp({
      outdir: join(outdir, 'dev'),
      context: { stackName: 'ShifaDev', retainData: 'false', 'aws:cdk:bundling-stacks': [] },
    });

    const dev = Template.fromStack(stack);

    dev.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({
        Replicas: [Match.objectLike({ DeletionProtectionEnabled: false })],
      }),
    });
    dev.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtection: 'INACTIVE' }),
    });
  });
});

describe('events', () => {
  it('creates the shifa bus and archives every event on it for a limited time', () => {
    template.hasResourceProperties('AWS::Events::EventBus', { Name: 'shifa' });
    const [bus] = resources('AWS::Events::EventBus');
    template.hasResourceProperties('AWS::Events::Archive', {
      SourceArn: { 'Fn::GetAtt': [bus?.[0], 'Arn'] },
      EventPattern: { account: [{ Ref: 'AWS::AccountId' }] },
      RetentionDays: Match.anyValue(),
    });
    const [, archive] = resources('AWS::Events::Archive')[0] ?? [];
    expect(archive?.Properties.RetentionDays).toBeGreaterThan(0);
  });
});

describe('api', () => {
  it('has exactly one route per declared route, plus the $default fallback', () => {
    const keys = resources('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties.RouteKey);

    expect(keys.sort()).toEqual([...routes.map(routeKey), '$default'].sort());
  });

  it('gives every route its own function, and creates no other', () => {
    const behindRoutes = [...routes.map(routeKey), '$default'].map((key) => functionForRouteKey(key)[0]);

    expect(new Set(behindRoutes).size).toBe(routes.length + 1);
    template.resourceCountIs('AWS::Lambda::Function', routes.length + 1);
  });

  it('runs every function on Node.js 24, ARM, with the table name and logger settings', () => {
    template.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 10,
      Environment: {
        Variables: {
          TABLE_NAME: { Ref: tableId() },
          POWERTOOLS_SERVICE_NAME: 'shifa',
          POWERTOOLS_LOG_LEVEL: 'INFO',
        },
      },
      LoggingConfig: { LogGroup: { Ref: Match.anyValue() } },
    });
  });

  it('ships each function as the shared ESM bundle, with the AWS SDK left to the runtime', () => {
    const declared = [...routes.map((route) => ({ key: routeKey(route), table: route.table })), fallback];
    for (const { key, table } of declared) {
      const [, fn] = functionForRouteKey(key);
      // Assets are staged in the assembly as asset.<hash>; the function's S3 key is <hash>.zip.
      const hash = String((fn.Properties.Code as { S3Key: string }).S3Key).replace(/\.zip$/, '');
      const bundle = join(assemblyDir, `asset.${hash}`, 'index.mjs');
      expect(existsSync(bundle), `${key} has no index.mjs`).toBe(true);
      const code = readFileSync(bundle, 'utf8');
      expect(code.startsWith(BUNDLE.banner), `${key} lacks the createRequire banner`).toBe(true);
      if (table !== 'none')
        expect(code, `${key} bundles the SDK`).toMatch(/from\s*"@aws-sdk\/client-dynamodb"/);
    }
  });

  it('allows the web app through CORS with the headers it sends', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: ['*'],
        AllowMethods: Match.arrayWith(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']),
        AllowHeaders: Match.arrayWith([
          'content-type',
          'authorization',
          'idempotency-key',
          'accept-language',
        ]),
      },
    });
  });

  it('logs access on the default stage and throttles it', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
        Format: Match.stringLikeRegexp('\\$context\\.requestId'),
      },
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });

  it('keeps every log group for a month, one per function plus the access logs', () => {
    template.resourceCountIs('AWS::Logs::LogGroup', routes.length + 2);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('puts the JWT authorizer on every route declared non-public, and no authorizer on public ones', () => {
    const authorizers = resources('AWS::ApiGatewayV2::Authorizer');
    const jwt = authorizers.find(([, a]) => a.Properties.AuthorizerType === 'JWT')?.[0];

    const actual = routes.map((route) => ({
      key: routeKey(route),
      ...authorizationOf(template, routeKey(route)),
    }));

    const expected = routes.map((route: RouteDeclaration) =>
      route.auth === 'public'
        ? { key: routeKey(route), type: 'NONE', authorizerId: undefined }
        : { key: routeKey(route), type: 'JWT', authorizerId: jwt },
    );
    expect(actual).toEqual(expected);
    // The authorizer exists once some route needs it; auth.test.ts checks it with a protected route of its own.
    const protectedCount = routes.filter((route: RouteDeclaration) => route.auth !== 'public').length;
    expect(authorizers).toHaveLength(protectedCount > 0 ? 1 : 0);
    expect(authorizationOf(template, '$default')).toEqual({ type: 'NONE', authorizerId: undefined });
  });

  it('outputs the API URL, table and bus names, and what a client needs to sign in', () => {
    for (const output of ['ApiUrl', 'TableName', 'EventBusName', 'UserPoolId', 'WebClientId', 'IssuerUrl']) {
      template.hasOutput(output, { Value: Match.anyValue() });
    }
  });
});

describe('least privilege', () => {
  const declared = [...routes.map((route) => ({ key: routeKey(route), table: route.table })), fallback];

  it.each(declared)("grants $key only the table actions its access ('$table') allows", ({ key, table }) => {
    const [, fn] = functionForRouteKey(key);

    const actions = actionsOf(dynamodbStatements(fn));

    expect(actions).toEqual(EXPECTED_ACTIONS[table]);
    expect(actions.filter((action) => /Scan|Describe|\*/.test(action))).toEqual([]);
  });

  it('scopes read grants to the table and its named indexes, never index/*', () => {
    const readRoute = routes.find((route) => route.table === 'read');
    if (!readRoute) throw new Error('the route table has no read route to check');
    const [, fn] = functionForRouteKey(routeKey(readRoute));

    const resourcesGranted = JSON.stringify(dynamodbStatements(fn).map((statement) => statement.Resource));

    expect(resourcesGranted).toContain(`{"Fn::GetAtt":["${tableId()}","Arn"]}`);
    for (const index of INDEXES) expect(resourcesGranted).toContain(`/index/${index.indexName}`);
    expect(resourcesGranted).not.toContain('*');
  });

  it('gives functions no managed policies, only their own log group', () => {
    for (const [id, role] of resources('AWS::IAM::Role')) {
      expect(role.Properties.ManagedPolicyArns, `${id} has managed policies`).toBeUndefined();
    }
  });
});

describe('cdk-nag', () => {
  it('ran the AWS Solutions checks with no unacknowledged finding, error or warning', () => {
    const { violations } = nagReport(assemblyDir);

    expect(violations.map(describeViolation)).toEqual([]);
  });

  it('acknowledges the missing authorizer (APIG4) on public routes only, each with a reason', () => {
    const acknowledged = nagReport(assemblyDir).suppressed.filter((v) => v.ruleName === 'AwsSolutions-APIG4');

    const paths = acknowledged.flatMap((v) => v.violatingConstructs.map((c) => c.constructPath)).sort();

    const publicRoutes = [...routes.filter((route) => route.auth === 'public'), fallbackRoute];
    expect(paths).toEqual(publicRoutes.map((route) => `${STACK}/Api/${route.id}Route/Resource`).sort());
    for (const v of acknowledged) expect(v.reason?.length ?? 0).toBeGreaterThan(20);
  });
});
