/**
 * The synthesised Shifa stack: the tables as @shifa/store declares them, the bus and
 * its archive, one API route per declared route served by its deployment unit's function
 * (one function per unit), each route authorised as declared, least-privilege grants on the
 * table and the idempotency table (each unit's the union of its routes'), and cdk-nag's AWS
 * Solutions checks passing with reasoned acknowledgements.
 * The user pool: auth.test.ts; secrets: secrets.test.ts; jobs: jobs.test.ts; alarms and the dashboard: monitoring.test.ts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rules } from '@shifa/events';
import { fallbackRoute, type RouteDeclaration, routes, type TableAccess } from '@shifa/functions/routes';
import { callsStripe, needsOf, type UnitId, units } from '@shifa/functions/units';
import { IDEMPOTENCY_TABLE, INDEXES, TABLE } from '@shifa/store/table';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShifaApp, describeResources, resourcesPerStack, STACK_RESOURCE_LIMIT } from '../lib/app';
import { BUNDLE } from '../lib/bundling';
import type { ShifaStack } from '../lib/stack';
import {
  authorizationOf,
  describeViolation,
  flatTemplate,
  logicalIdOf,
  nagReport,
  type Permission,
  permissionsOf,
  type Resource,
  resourcesOf,
  roleOf,
  routeKey,
  WEB_FIXTURE,
} from './support';

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

// What Powertools Idempotency needs, written out for the same reason.
const IDEMPOTENCY_ACTIONS = [
  'dynamodb:DeleteItem',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
];

let outdir: string;
let assemblyDir: string;
let stackTemplates: { name: string; resources: number }[];
let template: Template;
let stack: ShifaStack;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'shifa-cdk-'));
  // Data kept, as prod always keeps it (dev's default is to destroy it; stage.test.ts checks both).
  const created = createShifaApp(
    { outdir, context: { stackName: STACK, retainData: 'true' } },
    { webDist: WEB_FIXTURE },
  );
  stack = created.stack;
  // Synthesis runs cdk-nag; in a test process an unacknowledged finding throws here with the report.
  const assembly = created.app.synth();
  assemblyDir = assembly.directory;
  stackTemplates = resourcesPerStack(assembly);
  template = flatTemplate(stack);
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

const resources = (type: string): [string, Resource][] => resourcesOf(template, type);

const tableId = (): string => logicalIdOf(stack.data.table);
const idempotencyTableId = (): string => logicalIdOf(stack.data.idempotencyTable);

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

/** The function of a unit, through the first route it serves (or `$default`). */
const functionOfUnit = (unit: UnitId): [string, Resource] => {
  const route = routes.find((candidate: RouteDeclaration) => candidate.unit === unit);
  return functionForRouteKey(route === undefined ? '$default' : routeKey(route));
};

const apiUnits = units.filter((unit) => unit.kind === 'api').map((unit) => unit.id);

/** DynamoDB permissions on the main table and its indexes. */
const tablePermissions = (fn: Resource): Permission[] =>
  permissionsOf(template, roleOf(fn)).filter(
    (p) => p.action.startsWith('dynamodb:') && p.resource.includes(`"${tableId()}"`),
  );

/** Every permission that names the idempotency table. */
const idempotencyPermissions = (fn: Resource): Permission[] =>
  permissionsOf(template, roleOf(fn)).filter((p) => p.resource.includes(`"${idempotencyTableId()}"`));

const actionsOf = (permissions: Permission[]): string[] =>
  [...new Set(permissions.map((permission) => permission.action))].sort();

// One per deployment unit (API and scheduled), the sign-up trigger, the event pipeline's publisher and
// rule targets, the worker of the hospital-delivery queue, and the checker of record uploads.
const functionCount = units.length + 1 + 1 + rules.length + 1 + 1;

describe('data', () => {
  it('creates the table with the keys and indexes declared in @shifa/store', () => {
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

  it('has the four indexes the booking flow queries, GSI1 to GSI4', () => {
    const table = template.toJSON().Resources[tableId()] as Resource;

    const indexes = table.Properties.GlobalSecondaryIndexes as { IndexName: string }[];
    const names = indexes.map((index) => index.IndexName);

    expect(names).toEqual(['GSI1', 'GSI2', 'GSI3', 'GSI4']);
  });

  it("lets DynamoDB expire the table's items on the TTL attribute @shifa/store names", () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: Match.arrayWith([{ AttributeName: TABLE.partitionKey, KeyType: 'HASH' }]),
      TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
    });
  });

  it('keeps idempotency records in a table of their own, keyed and expired as @shifa/store declares', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 2);
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [{ AttributeName: IDEMPOTENCY_TABLE.partitionKey, KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: IDEMPOTENCY_TABLE.partitionKey, AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: IDEMPOTENCY_TABLE.ttlAttribute, Enabled: true },
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      }),
    });
    const [, idempotency] =
      resources('AWS::DynamoDB::GlobalTable').find(([id]) => id === idempotencyTableId()) ?? [];
    // No stream: idempotency records must never reach the event bus.
    expect(idempotency?.Properties.StreamSpecification).toBeUndefined();
    expect(idempotency?.Properties.GlobalSecondaryIndexes).toBeUndefined();
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

  it('drops deletion protection and retention of the tables and user pool in dev, unless told to keep them', () => {
    // Prepare: a second app with bundling skipped, because only the table and the pool matter here.
    const { stack } = createShifaApp(
      {
        outdir: join(outdir, 'dev'),
        context: { stackName: 'ShifaDev', 'aws:cdk:bundling-stacks': [] },
      },
      { webDist: WEB_FIXTURE },
    );

    const dev = flatTemplate(stack);

    const tables = Object.values(dev.findResources('AWS::DynamoDB::GlobalTable'));
    expect(tables).toHaveLength(2);
    for (const table of tables) {
      expect(table).toMatchObject({
        DeletionPolicy: 'Delete',
        Properties: { Replicas: [expect.objectContaining({ DeletionProtectionEnabled: false })] },
      });
    }
    dev.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtection: 'INACTIVE' }),
    });
  });
});

describe('events', () => {
  it('creates the shifa bus and archives every event on it for a limited time', () => {
    template.hasResourceProperties('AWS::Events::EventBus', { Name: 'shifa-dev' });
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

  it("serves each route by its unit's function: one function per unit, shared by the unit's routes", () => {
    for (const route of [...routes, fallbackRoute]) {
      const key = 'path' in route ? routeKey(route) : '$default';
      expect(functionForRouteKey(key)[0], key).toBe(functionOfUnit(route.unit)[0]);
    }
    const behindUnits = apiUnits.map((unit) => functionOfUnit(unit)[0]);
    expect(new Set(behindUnits).size).toBe(apiUnits.length);
    template.resourceCountIs('AWS::Lambda::Function', functionCount);
  });

  it('integrates each unit once, with one invoke permission, whatever the number of its routes', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', apiUnits.length);
    const apiPermissions = resources('AWS::Lambda::Permission').filter(
      ([, permission]) => permission.Properties.Principal === 'apigateway.amazonaws.com',
    );
    expect(apiPermissions).toHaveLength(apiUnits.length);
  });

  it('runs every function on Node.js 24, ARM, with its own log group', () => {
    template.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 512,
      LoggingConfig: { LogGroup: { Ref: Match.anyValue() } },
    });
  });

  it("gives the units that call Stripe time for a Stripe call with its retries, inside API Gateway's 30 s", () => {
    for (const unit of apiUnits) {
      const [, fn] = functionOfUnit(unit);
      expect(fn.Properties.Timeout, unit).toBe(callsStripe(unit) ? 29 : 10);
    }
  });

  it('gives every route and job function the table name and logger settings', () => {
    const trigger = logicalIdOf(stack.auth.postConfirmation.function);
    const wired = resources('AWS::Lambda::Function').filter(([id]) => id !== trigger);

    expect(wired).toHaveLength(functionCount - 1);
    for (const [id, fn] of wired) {
      expect(fn.Properties.Environment, id).toMatchObject({
        Variables: {
          TABLE_NAME: { Ref: tableId() },
          POWERTOOLS_SERVICE_NAME: 'shifa',
          POWERTOOLS_LOG_LEVEL: 'INFO',
        },
      });
    }
  });

  it('ships each function as the shared ESM bundle, with the AWS SDK left to the runtime', () => {
    const bundleOf = (fn: Resource): string => {
      // Assets are staged in the assembly as asset.<hash>; the function's S3 key is <hash>.zip.
      const hash = String((fn.Properties.Code as { S3Key: string }).S3Key).replace(/\.zip$/, '');
      return join(assemblyDir, `asset.${hash}`, 'index.mjs');
    };
    const [, trigger] =
      resources('AWS::Lambda::Function').find(
        ([id]) => id === logicalIdOf(stack.auth.postConfirmation.function),
      ) ?? [];
    if (!trigger) throw new Error('no post-confirmation function');
    const triggerCode = readFileSync(bundleOf(trigger), 'utf8');
    expect(triggerCode.startsWith(BUNDLE.banner)).toBe(true);
    expect(triggerCode).toMatch(/from\s*"@aws-sdk\/client-cognito-identity-provider"/);
    for (const unit of apiUnits) {
      const key = unit;
      const { table } = needsOf(unit);
      const [, fn] = functionOfUnit(unit);
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

  it('leaves Powertools Tracer out of each bundle and ships it beside it, loaded only where tracing is on', () => {
    for (const [id, fn] of resources('AWS::Lambda::Function')) {
      const hash = String((fn.Properties.Code as { S3Key: string }).S3Key).replace(/\.zip$/, '');
      const asset = join(assemblyDir, `asset.${hash}`);
      const code = readFileSync(join(asset, 'index.mjs'), 'utf8');
      const tracer = join(asset, 'node_modules', '@aws-lambda-powertools', 'tracer');
      expect(code, id).not.toContain('aws-xray-sdk');
      expect(existsSync(join(tracer, 'index.mjs')), `${id} ships the tracer`).toBe(true);
      expect(JSON.parse(readFileSync(join(tracer, 'package.json'), 'utf8')), id).toMatchObject({
        name: '@aws-lambda-powertools/tracer',
        type: 'module',
        exports: './index.mjs',
      });
    }
  });

  it('traces every function with X-Ray, its write permission granted by one policy to every role', () => {
    template.allResourcesProperties('AWS::Lambda::Function', { TracingConfig: { Mode: 'Active' } });
    const tracing = resources('AWS::IAM::Policy').filter(([, policy]) =>
      JSON.stringify(policy.Properties.PolicyDocument).includes('xray:PutTraceSegments'),
    );
    expect(tracing).toHaveLength(1);
    const [, policy] = tracing[0] ?? [];
    if (policy === undefined) throw new Error('no tracing policy');
    const [statement, ...others] = (
      policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }
    ).Statement;
    expect(others).toEqual([]);
    expect(statement).toMatchObject({ Effect: 'Allow', Resource: '*' });
    expect([statement?.Action].flat().sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    const roles = (policy.Properties.Roles as { Ref: string }[]).map((role) => role.Ref).sort();
    const functionRoles = resources('AWS::Lambda::Function')
      .map(([, fn]) => roleOf(fn))
      .sort();
    expect(roles).toEqual(functionRoles);
  });

  it('allows the web app, at its CloudFront origin, through CORS with the headers it sends', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: [
          {
            'Fn::Join': [
              '',
              [
                'https://',
                { 'Fn::ImportValue': Match.stringLikeRegexp(`^${STACK}-WebHosting:.*DomainName`) },
              ],
            ],
          },
        ],
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

  it('throttles each route by its class: generous on the catalog, tight on holds', () => {
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    const settings = stage?.Properties.RouteSettings as Record<string, Record<string, number>>;

    expect(Object.keys(settings).sort()).toEqual(
      routes.map((route) => `${route.method} ${route.path}`).sort(),
    );
    expect(settings['GET /packages']).toEqual({ ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 });
    expect(settings['POST /bookings']).toEqual({ ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 });
    expect(settings['GET /bookings']).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
  });

  it("keeps every log group a week, dev's retention, one per function plus the access logs", () => {
    template.resourceCountIs('AWS::Logs::LogGroup', functionCount + 1);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
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
    for (const output of [
      'ApiUrl',
      'TableName',
      'IdempotencyTableName',
      'EventBusName',
      'UserPoolId',
      'WebClientId',
      'IssuerUrl',
    ]) {
      template.hasOutput(output, { Value: Match.anyValue() });
    }
  });
});

describe('least privilege', () => {
  const declared = apiUnits.map((unit) => ({ unit, table: needsOf(unit).table as TableAccess }));

  it.each(declared)(
    "grants unit $unit only the table actions its routes' widest access ('$table') allows",
    ({ unit, table }) => {
      const [, fn] = functionOfUnit(unit);

      const actions = actionsOf(tablePermissions(fn));

      expect(actions).toEqual(EXPECTED_ACTIONS[table]);
      expect(actions.filter((action) => /Scan|Describe|\*/.test(action))).toEqual([]);
    },
  );

  it('has read-only and table-less units, so least privilege is more than one grant for all', () => {
    expect(declared.map(({ table }) => table)).toEqual(expect.arrayContaining(['none', 'read', 'write']));
  });

  const idempotencyUse = apiUnits.map((unit) => ({
    unit,
    idempotent: needsOf(unit).uses.includes('idempotency'),
  }));

  it('has units that use idempotency and units that do not, so the checks below check something', () => {
    expect(new Set(idempotencyUse.map((use) => use.idempotent))).toEqual(new Set([true, false]));
  });

  it.each(idempotencyUse)(
    'gives unit $unit the idempotency table (name and exactly its four item actions) only if a route of it uses idempotency: $idempotent',
    ({ unit, idempotent }) => {
      const [, fn] = functionOfUnit(unit);

      const permissions = idempotencyPermissions(fn);
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;

      if (idempotent) {
        expect(actionsOf(permissions)).toEqual(IDEMPOTENCY_ACTIONS);
        expect(new Set(permissions.map((p) => p.resource))).toEqual(
          new Set([JSON.stringify({ 'Fn::GetAtt': [idempotencyTableId(), 'Arn'] })]),
        );
        expect(variables.IDEMPOTENCY_TABLE_NAME).toEqual({ Ref: idempotencyTableId() });
      } else {
        expect(permissions).toEqual([]);
        expect(variables.IDEMPOTENCY_TABLE_NAME).toBeUndefined();
      }
    },
  );

  it('scopes read grants to the table and its named indexes, never index/*', () => {
    const readUnit = apiUnits.find((unit) => needsOf(unit).table === 'read');
    if (!readUnit) throw new Error('no unit only reads the table');
    const [, fn] = functionOfUnit(readUnit);

    const granted = tablePermissions(fn).map((permission) => permission.resource);
    const resourcesGranted = granted.join('\n');

    expect(granted).toContain(JSON.stringify({ 'Fn::GetAtt': [tableId(), 'Arn'] }));
    for (const index of INDEXES) expect(resourcesGranted).toContain(`/index/${index.indexName}`);
    expect(resourcesGranted).not.toContain('*');
  });

  it('gives functions no managed policies, only their own log group', () => {
    for (const [id, role] of resources('AWS::IAM::Role')) {
      expect(role.Properties.ManagedPolicyArns, `${id} has managed policies`).toBeUndefined();
    }
  });
});

describe('resource budget', () => {
  /** CloudFormation's limit per stack; the budget fails a stack well before it, so the next route still fits. */
  const LIMIT = STACK_RESOURCE_LIMIT;
  const BUDGET = 0.8 * LIMIT;

  it(`keeps every stack under ${BUDGET} resources (80 % of CloudFormation's ${LIMIT}), printing the count per stack`, () => {
    console.log(describeResources(stackTemplates));
    for (const { name, resources } of stackTemplates) {
      expect(
        resources,
        `${name} holds ${resources} resources; move a concern to a stack of its own`,
      ).toBeLessThanOrEqual(BUDGET);
    }
  });

  it('grows by one resource per route, not by a function per route', () => {
    const routeResources = resources('AWS::ApiGatewayV2::Route').length;
    expect(routeResources).toBe(routes.length + 1);
    expect(resources('AWS::Lambda::Function').length).toBeLessThan(routes.length / 2);
  });
});

describe('cdk-nag', () => {
  it('ran the AWS Solutions checks with no unacknowledged finding, error or warning', () => {
    const { violations } = nagReport(assemblyDir);

    expect(violations.map(describeViolation)).toEqual([]);
  });

  it("acknowledges X-Ray's wildcard (IAM5) on the one tracing policy, which grants nothing else", () => {
    const wildcard = nagReport(assemblyDir).suppressed.filter(
      (v) =>
        v.ruleName === 'AwsSolutions-IAM5[Resource::*]' &&
        v.violatingConstructs.some((c) => c.constructPath.includes('/FunctionTracing/')),
    );

    expect(wildcard.flatMap((v) => v.violatingConstructs.map((c) => c.constructPath))).toEqual([
      `${STACK}/FunctionTracing/Policy/Resource`,
    ]);
    expect(wildcard[0]?.reason).toMatch(/no resource-level permissions/);
  });

  it('acknowledges the missing authorizer (APIG4) on public routes only, each with a reason', () => {
    const acknowledged = nagReport(assemblyDir).suppressed.filter((v) => v.ruleName === 'AwsSolutions-APIG4');

    const paths = acknowledged.flatMap((v) => v.violatingConstructs.map((c) => c.constructPath)).sort();

    const publicRoutes = [...routes.filter((route) => route.auth === 'public'), fallbackRoute];
    expect(paths).toEqual(publicRoutes.map((route) => `${STACK}/Api/${route.id}Route/Resource`).sort());
    for (const v of acknowledged) expect(v.reason?.length ?? 0).toBeGreaterThan(20);
  });
});
