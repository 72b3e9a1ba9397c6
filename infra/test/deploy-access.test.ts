/**
 * Deploying from GitHub Actions, on the synth side: the DeployAccess stack (GitHub's OIDC provider,
 * a stage's deploy role, its trust policy and its permissions).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeployAccessApp, type DeployAccessApp } from '../lib/deploy-access';
import { logicalIdOf, permissionsOf, type Resource, resourcesOf } from './support';

const ACCOUNT = '123456789012';
const REGION = 'eu-central-1';
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;

let outdir: string;
let count = 0;

const deployAccess = (context: Record<string, unknown>): DeployAccessApp =>
  createDeployAccessApp({ outdir: join(outdir, `app-${count++}`), context });

/** A token-bearing ARN as it reads in an account and region: Fn::Join and the pseudo parameters resolved. */
const render = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const pseudo: Record<string, string> = {
    'AWS::Partition': 'aws',
    'AWS::AccountId': ACCOUNT,
    'AWS::Region': REGION,
  };
  const ref = (value as { Ref?: string }).Ref;
  if (ref !== undefined && pseudo[ref] !== undefined) return pseudo[ref];
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join !== undefined) return join[1].map(render).join(join[0]);
  throw new Error(`cannot render ${JSON.stringify(value)}`);
};

type TrustStatement = {
  Effect: string;
  Action: string | string[];
  Principal: { Federated: unknown };
  Condition: Record<string, Record<string, string>>;
};

const roleOf = (template: Template): [string, Resource] => {
  const roles = resourcesOf(template, 'AWS::IAM::Role');
  expect(roles).toHaveLength(1);
  return roles[0] as [string, Resource];
};

const trustOf = (template: Template): TrustStatement[] =>
  (roleOf(template)[1].Properties.AssumeRolePolicyDocument as { Statement: TrustStatement[] }).Statement;

/** Every permission of the role, its resources as they read in the test account and region. */
const grantsOf = (template: Template): string[] =>
  permissionsOf(template, roleOf(template)[0])
    .map(({ action, resource }) => `${action} ${render(JSON.parse(resource))}`)
    .sort();

const bootstrapRole = (kind: string, qualifier = 'hnb659fds'): string =>
  `arn:aws:iam::${ACCOUNT}:role/cdk-${qualifier}-${kind}-role-${ACCOUNT}-${REGION}`;

// Written out here, so that widening the role in infra/lib fails this test.
const EXPECTED_GRANTS = (qualifier?: string): string[] =>
  ['deploy', 'file-publishing', 'image-publishing', 'lookup']
    .flatMap((kind) =>
      ['sts:AssumeRole', 'sts:TagSession'].map((action) => `${action} ${bootstrapRole(kind, qualifier)}`),
    )
    .sort();

let prod: DeployAccessApp;
let prodTemplate: Template;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'shifa-cdk-deploy-access-'));
  // No prod settings of the main app: this app needs none.
  prod = deployAccess({ stage: 'prod', githubRepository: 'acme/shifa' });
  prod.app.synth();
  prodTemplate = Template.fromStack(prod.stack);
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

describe('deploy access', () => {
  it("is a stack of its own, named after the stage's main stack", () => {
    expect(prod.stack.stackName).toBe('Shifa-prod-DeployAccess');
    expect(prod.app.node.children.filter((child) => child.node.id !== 'Tree')).toHaveLength(1);
  });

  it("creates GitHub's OIDC provider for the audience configure-aws-credentials asks for", () => {
    prodTemplate.resourceCountIs('AWS::IAM::OIDCProvider', 1);
    prodTemplate.hasResourceProperties('AWS::IAM::OIDCProvider', {
      Url: 'https://token.actions.githubusercontent.com',
      ClientIdList: ['sts.amazonaws.com'],
    });
  });

  it("lets only the repository's jobs in the stage's environment assume the role, through that provider", () => {
    const provider = logicalIdOf(prod.stack.provider);

    expect(trustOf(prodTemplate)).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRoleWithWebIdentity',
        Principal: { Federated: { Ref: provider } },
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': 'repo:acme/shifa:environment:prod',
          },
        },
      },
    ]);
  });

  it('names the role by the stage, for the workflow, and keeps its sessions to an hour', () => {
    const [, role] = roleOf(prodTemplate);

    expect(role.Properties.RoleName).toBe('shifa-github-deploy-prod');
    expect(role.Properties.MaxSessionDuration).toBe(3600);
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.Policies).toBeUndefined();
  });

  it('allows nothing but assuming the CDK bootstrap roles of this account and region, by their exact names', () => {
    expect(grantsOf(prodTemplate)).toEqual(EXPECTED_GRANTS());
    // Never the execution role, through which CloudFormation alone acts.
    expect(grantsOf(prodTemplate).join('\n')).not.toContain('cfn-exec-role');
  });

  it('follows the bootstrap qualifier the account was bootstrapped with', () => {
    const { stack } = deployAccess({
      stage: 'dev',
      githubRepository: 'acme/shifa',
      '@aws-cdk/core:bootstrapQualifier': 'shifa1234',
    });

    expect(grantsOf(Template.fromStack(stack))).toEqual(EXPECTED_GRANTS('shifa1234'));
  });

  it('makes the dev role for the dev environment alone', () => {
    const template = Template.fromStack(deployAccess({ githubRepository: 'acme/shifa' }).stack);

    expect(roleOf(template)[1].Properties.RoleName).toBe('shifa-github-deploy-dev');
    expect(trustOf(template)[0]?.Condition.StringEquals?.['token.actions.githubusercontent.com:sub']).toBe(
      'repo:acme/shifa:environment:dev',
    );
  });

  it("reuses the account's provider when given its ARN, creating none", () => {
    const template = Template.fromStack(
      deployAccess({ stage: 'prod', githubRepository: 'acme/shifa', githubOidcProviderArn: PROVIDER_ARN })
        .stack,
    );

    template.resourceCountIs('AWS::IAM::OIDCProvider', 0);
    expect(trustOf(template)[0]?.Principal).toEqual({ Federated: PROVIDER_ARN });
  });

  it("trusts the immutable subject of a repository whose OIDC claims carry the owner's and repository's ids", () => {
    const template = Template.fromStack(
      deployAccess({ stage: 'prod', githubRepository: 'acme@123456/shifa@456789' }).stack,
    );

    expect(trustOf(template)[0]?.Condition.StringEquals?.['token.actions.githubusercontent.com:sub']).toBe(
      'repo:acme@123456/shifa@456789:environment:prod',
    );
  });

  it.each([
    [{}, /githubRepository is required/],
    [{ githubRepository: 'shifa' }, /githubRepository must be owner\/repository/],
    [{ githubRepository: 'acme/shifa:ref:refs/heads/*' }, /githubRepository must be owner\/repository/],
    [
      { githubRepository: 'acme/shifa', githubOidcProviderArn: 'arn:aws:iam::1:oidc-provider/x' },
      /githubOidcProviderArn/,
    ],
    [{ githubRepository: 'acme/shifa', stage: 'staging' }, /stage must be one of dev, prod/],
  ])('refuses %j with a message saying what to set', (context, message) => {
    expect(() => deployAccess(context)).toThrow(message);
  });

  it('leaves cdk-nag nothing to report, and cdk-nag does check this app', () => {
    const report = JSON.parse(readFileSync(join(prod.app.outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { violations: unknown[] }[];
    };
    expect(report.pluginReports.flatMap((plugin) => plugin.violations)).toEqual([]);

    // The same app with one wildcard grant more must fail its synth.
    const widened = deployAccess({ stage: 'prod', githubRepository: 'acme/shifa' });
    widened.stack.role.addToPolicy(new PolicyStatement({ actions: ['sts:AssumeRole'], resources: ['*'] }));
    expect(() => widened.app.synth()).toThrow(/AwsSolutions-IAM5\[Resource::\*\]/);
  });
});
