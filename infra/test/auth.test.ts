/**
 * Identity on AWS: the Cognito user pool, its groups and web client, the
 * post-confirmation trigger that puts self-registered users in `tourist`, and the JWT
 * authorizer on every non-public route. The stack here serves the declared routes
 * plus one synthetic protected route, so the authorizer wiring is checked even while
 * functions/routes.ts declares only public ones.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLAIMS, OrganisationId, ROLES } from '@shifa/contracts';
import { fallbackRoute, type RouteDeclaration, routes } from '@shifa/functions/routes';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShifaApp } from '../lib/app';
import type { ShifaStack } from '../lib/stack';
import {
  authorizationOf,
  describeViolation,
  flatTemplate,
  logicalIdOf,
  nagReport,
  permissionsOf,
  resourcesOf,
  roleOf,
  routeKey,
  WEB_FIXTURE,
} from './support';

const STACK = 'ShifaAuthTest';

const SYNTHETIC: RouteDeclaration = {
  id: 'syntheticAgencyOnly',
  method: 'POST',
  path: '/synthetic/{thingId}',
  // Any existing unit will do, though its module serves no such route: bundling is skipped, and only
  // the route and its authorizer are checked here.
  unit: 'bookings',
  auth: { roles: ['agency', 'operator'] },
  table: 'read',
};

const served = [...routes, SYNTHETIC] as readonly RouteDeclaration[];

let outdir: string;
let assemblyDir: string;
let template: Template;
let stack: ShifaStack;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'shifa-cdk-auth-'));
  const created = createShifaApp(
    // Data kept, as prod always keeps it (dev's default is to destroy it; stage.test.ts checks both).
    { outdir, context: { stackName: STACK, retainData: 'true', 'aws:cdk:bundling-stacks': [] } },
    { routes: served, webDist: WEB_FIXTURE },
  );
  stack = created.stack;
  assemblyDir = created.app.synth().directory;
  template = flatTemplate(stack);
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

const logicalId = (type: string): string => {
  const found = resourcesOf(template, type);
  expect(found, `exactly one ${type}`).toHaveLength(1);
  return found[0]?.[0] ?? '';
};

const userPool = (): Record<string, unknown> => {
  const [pool] = resourcesOf(template, 'AWS::Cognito::UserPool');
  if (!pool) throw new Error('no user pool in the template');
  return pool[1].Properties;
};

type SchemaAttribute = {
  Name: string;
  AttributeDataType?: string;
  Mutable?: boolean;
  StringAttributeConstraints?: { MinLength: string; MaxLength: string };
};

describe('user pool', () => {
  it('signs users in by email, case-insensitively, and lets tourists register and verify themselves', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      AutoVerifiedAttributes: ['email'],
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    });
  });

  it('demands strong passwords and offers TOTP as the only second factor', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: Match.anyValue(),
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
    const { PasswordPolicy } = userPool().Policies as { PasswordPolicy: { MinimumLength: number } };
    expect(PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
  });

  it('is on the Plus plan with threat protection enforced, not just audited', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });

  it('is protected from deletion and kept with the stack', () => {
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    });
  });

  it('has one group per role, named as @shifa/contracts names them', () => {
    const pool = logicalId('AWS::Cognito::UserPool');

    const groups = resourcesOf(template, 'AWS::Cognito::UserPoolGroup').map(([, group]) => group.Properties);

    expect(groups.map((group) => group.GroupName).sort()).toEqual([...ROLES].sort());
    for (const group of groups) expect(group.UserPoolId).toEqual({ Ref: pool });
  });

  it('declares the organisation attribute that tokens carry as the organisation claim', () => {
    const schema = userPool().Schema as SchemaAttribute[];

    const custom = schema.filter((attribute) => attribute.AttributeDataType !== undefined);

    expect(custom.map((attribute) => `custom:${attribute.Name}`)).toEqual([CLAIMS.organisation]);
    expect(custom[0]).toMatchObject({ AttributeDataType: 'String', Mutable: true });
  });

  it('makes the organisation attribute long enough for every organisation id', () => {
    const schema = userPool().Schema as SchemaAttribute[];

    const bounds = schema.find((a) => `custom:${a.Name}` === CLAIMS.organisation)?.StringAttributeConstraints;

    // An unbounded id (maxLength null) could never fit, so it fails too.
    expect(Number(bounds?.MaxLength)).toBeGreaterThanOrEqual(
      OrganisationId.maxLength ?? Number.POSITIVE_INFINITY,
    );
    expect(Number(bounds?.MinLength)).toBeLessThanOrEqual(OrganisationId.minLength ?? 0);
  });
});

describe('web client', () => {
  it('is a public SRP client with refresh, one-hour tokens, a 30-day refresh token and no user enumeration', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      UserPoolId: { Ref: logicalId('AWS::Cognito::UserPool') },
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayEquals(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
      IdTokenValidity: 60,
      AccessTokenValidity: 60,
      RefreshTokenValidity: 30 * 24 * 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
  });

  it('lets users read their organisation but never write it', () => {
    const [, client] = resourcesOf(template, 'AWS::Cognito::UserPoolClient')[0] ?? [];

    const writable = client?.Properties.WriteAttributes as string[] | undefined;
    const readable = client?.Properties.ReadAttributes as string[] | undefined;

    // Absent WriteAttributes would mean "all attributes", so its presence is part of the check.
    expect(writable).toBeDefined();
    expect(writable).not.toContain(CLAIMS.organisation);
    expect(writable).toContain(CLAIMS.email);
    expect(readable).toContain(CLAIMS.organisation);
  });
});

describe('post-confirmation trigger', () => {
  const triggerId = (): string => logicalIdOf(stack.auth.postConfirmation.function);

  it('runs functions/identity/post-confirmation.ts after a user confirms', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: { PostConfirmation: { 'Fn::GetAtt': [triggerId(), 'Arn'] } },
    });
    expect(stack.auth.postConfirmation.node.findChild('Function').node.path).toBe(
      `${STACK}/Auth/PostConfirmation/Function`,
    );
  });

  it('may be invoked by Cognito for this user pool only', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [triggerId(), 'Arn'] },
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [logicalId('AWS::Cognito::UserPool'), 'Arn'] },
    });
  });

  it("may add users to groups in this account's pools in this region, and do nothing else but log and trace", () => {
    const [, fn] = resourcesOf(template, 'AWS::Lambda::Function').find(([id]) => id === triggerId()) ?? [];
    if (!fn) throw new Error('no trigger function');

    const permissions = permissionsOf(template, roleOf(fn));

    // X-Ray's writes are every function's (FunctionTracing, stack.test.ts).
    expect(permissions.filter((p) => !p.action.startsWith('logs:') && !p.action.startsWith('xray:'))).toEqual(
      [
        {
          action: 'cognito-idp:AdminAddUserToGroup',
          resource: JSON.stringify({
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':cognito-idp:',
                { Ref: 'AWS::Region' },
                ':',
                { Ref: 'AWS::AccountId' },
                ':userpool/*',
              ],
            ],
          }),
        },
      ],
    );
    expect(fn.Properties.Environment).toBeUndefined();
  });

  // The assertions library refuses a template whose resources depend on each other in a cycle.
  it('leaves CloudFormation no dependency cycle between the pool, the trigger and its policy', () => {
    expect(() => Template.fromJSON(template.toJSON())).not.toThrow();
  });

  it('would notice the cycle a policy naming the pool would make, so the check above can fail', () => {
    const looped = {
      Resources: {
        Pool: {
          Type: 'AWS::Cognito::UserPool',
          Properties: { LambdaConfig: { 'Fn::GetAtt': ['Fn', 'Arn'] } },
        },
        Fn: { Type: 'AWS::Lambda::Function', DependsOn: ['Policy'], Properties: {} },
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax, not JavaScript's
        Policy: { Type: 'AWS::IAM::Policy', Properties: { Resource: { 'Fn::Sub': '${Pool.Arn}' } } },
      },
    };

    expect(() => Template.fromJSON(looped)).toThrow(/dependency cycle: Pool -> Fn -> Policy -> Pool/);
  });
});

describe('JWT authorizer', () => {
  it('trusts tokens from the user pool issued to the web client, read from the Authorization header', () => {
    const pool = logicalId('AWS::Cognito::UserPool');
    const client = logicalId('AWS::Cognito::UserPoolClient');

    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: {
          'Fn::Join': [
            '',
            [
              'https://cognito-idp.',
              { Ref: 'AWS::Region' },
              '.',
              { Ref: 'AWS::URLSuffix' },
              '/',
              { Ref: pool },
            ],
          ],
        },
        Audience: [{ Ref: client }],
      },
    });
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
  });

  it.each(served.map((route) => ({ key: routeKey(route), auth: route.auth })))(
    'authorises $key as its declaration says',
    ({ key, auth }) => {
      const authorizer = logicalId('AWS::ApiGatewayV2::Authorizer');

      const actual = authorizationOf(template, key);

      expect(actual).toEqual(
        auth === 'public'
          ? { type: 'NONE', authorizerId: undefined }
          : { type: 'JWT', authorizerId: authorizer },
      );
    },
  );

  it('leaves the $default fallback public', () => {
    expect(authorizationOf(template, '$default')).toEqual({ type: 'NONE', authorizerId: undefined });
  });
});

describe('outputs', () => {
  it('outputs the user pool id, the web client id and the issuer URL', () => {
    template.hasOutput('UserPoolId', { Value: { Ref: logicalId('AWS::Cognito::UserPool') } });
    template.hasOutput('WebClientId', { Value: { Ref: logicalId('AWS::Cognito::UserPoolClient') } });
    template.hasOutput('IssuerUrl', {
      Value: { 'Fn::Join': ['', Match.arrayWith(['https://cognito-idp.'])] },
    });
  });
});

describe('cdk-nag', () => {
  it('finds nothing unacknowledged with a protected route in the stack', () => {
    const { violations } = nagReport(assemblyDir);

    expect(violations.map(describeViolation)).toEqual([]);
  });

  it('acknowledges the missing authorizer (APIG4) on public routes only, never on a protected one', () => {
    const { suppressed } = nagReport(assemblyDir);

    const paths = suppressed
      .filter((v) => v.ruleName === 'AwsSolutions-APIG4')
      .flatMap((v) => v.violatingConstructs.map((c) => c.constructPath))
      .sort();

    const publicIds = [...served.filter((route) => route.auth === 'public'), fallbackRoute].map((r) => r.id);
    expect(paths).toEqual(publicIds.map((id) => `${STACK}/Api/${id}Route/Resource`).sort());
    expect(paths).not.toContain(`${STACK}/Api/${SYNTHETIC.id}Route/Resource`);
  });

  it('acknowledges optional MFA (COG2) on the user pool alone, with a reason', () => {
    const { suppressed } = nagReport(assemblyDir);

    const cog2 = suppressed.filter((v) => v.ruleName === 'AwsSolutions-COG2');

    expect(cog2.flatMap((v) => v.violatingConstructs.map((c) => c.constructPath))).toEqual([
      `${STACK}/Auth/UserPool/Resource`,
    ]);
    expect(cog2[0]?.reason ?? '').toMatch(/tourist/);
  });

  it("acknowledges the trigger's wildcard (IAM5) for the user-pool ARN alone, on its policy alone", () => {
    const { suppressed } = nagReport(assemblyDir);

    // The event pipeline's own (ListStreams) is checked in events.test.ts, the web deployer's in
    // web-hosting.test.ts, X-Ray's (FunctionTracing) in stack.test.ts, the records prefix's in records.test.ts.
    const iam5 = suppressed.filter(
      (v) =>
        v.ruleName.startsWith('AwsSolutions-IAM5') &&
        !v.ruleName.includes('-records-') &&
        v.violatingConstructs.some((c) => c.constructPath.startsWith(`${STACK}/`)) &&
        !v.violatingConstructs.some(
          (c) =>
            c.constructPath.includes('/EventsPipeline/') || c.constructPath.includes('/FunctionTracing/'),
        ),
    );

    expect(iam5.map((v) => v.ruleName)).toEqual([
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cognito-idp:<AWS::Region>:<AWS::AccountId>:userpool/*]',
    ]);
    expect(iam5.flatMap((v) => v.violatingConstructs.map((c) => c.constructPath))).toEqual([
      `${STACK}/Auth/PostConfirmation/Role/DefaultPolicy/Resource`,
    ]);
    expect(iam5[0]?.reason ?? '').toMatch(/cycle/);
  });

  it('needs no acknowledgement for the password policy (COG1) or the Plus plan (COG8)', () => {
    const { violations, suppressed } = nagReport(assemblyDir);

    const cognitoFindings = [...violations, ...suppressed].filter((v) => /COG[18]$/.test(v.ruleName));

    expect(cognitoFindings.map(describeViolation)).toEqual([]);
  });
});
