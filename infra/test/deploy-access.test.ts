/**
 * Deploying from GitHub Actions, on the synth side: the DeployAccess stack (GitHub's OIDC provider,
 * a stage's deploy role, its trust policy and its permissions), and the deployment workflow that
 * assumes that role, read as YAML and held against the stack and stage.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createDeployAccessApp, type DeployAccessApp } from '../lib/deploy-access';
import { DEFAULT_STAGE, PROD_REQUIRED, STAGES } from '../lib/stage';
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

type Step = {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
};
type Job = {
  if?: string;
  environment?: string;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
};
type Workflow = {
  on: {
    push?: { branches?: string[] };
    workflow_dispatch?: { inputs: { stage: { type: string; options: string[]; default: string } } };
  };
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
};

const WORKFLOW_FILE = new URL('../../.github/workflows/deploy.yml', import.meta.url);
const workflowText = readFileSync(WORKFLOW_FILE, 'utf8');
const workflow = parse(workflowText) as Workflow;
const jobs = Object.values(workflow.jobs);
const job = jobs[0] as Job;

/** A GitHub Actions expression, as the workflow spells it. */
const expression = (inner: string): string => `\${{ ${inner} }}`;

/** The stage a run deploys: the dispatch input, or the default on a push. */
const STAGE_EXPRESSION = expression(`inputs.stage || '${DEFAULT_STAGE}'`);

const stepIndex = (predicate: (step: Step) => boolean, what: string): number => {
  const index = job.steps.findIndex(predicate);
  if (index < 0) throw new Error(`the workflow has no step that ${what}`);
  return index;
};

const runs = (command: RegExp) => (step: Step) => command.test(step.run ?? '');
const credentialsStep = (step: Step) =>
  (step.uses ?? '').startsWith('aws-actions/configure-aws-credentials@');

describe('deployment workflow', () => {
  it('runs on a push to main, and by hand for any stage stage.ts knows, dev by default', () => {
    expect(workflow.on.push?.branches).toEqual(['main']);
    expect(workflow.on.workflow_dispatch?.inputs.stage).toMatchObject({
      type: 'choice',
      options: [...STAGES],
      default: DEFAULT_STAGE,
    });
  });

  it("has one job, in the stage's GitHub environment, the environment the role's trust names", () => {
    expect(jobs).toHaveLength(1);
    expect(job.environment).toBe(STAGE_EXPRESSION);
    expect(job.env?.STAGE).toBe(STAGE_EXPRESSION);
  });

  it('deploys prod from main only', () => {
    expect(job.if).toBe(`(inputs.stage || '${DEFAULT_STAGE}') != 'prod' || github.ref == 'refs/heads/main'`);
  });

  it('may ask for an OIDC token and read the code, nothing more', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  });

  it('installs with npm ci and runs npm test, with the system packages CI installs, before anything else', () => {
    const system = stepIndex(runs(/^bash \.ci\/system-packages$/), 'installs the system packages');
    const install = stepIndex(runs(/^npm ci\b/), 'runs npm ci');
    const test = stepIndex(runs(/^npm test$/), 'runs npm test');

    expect(system).toBeLessThan(install);
    expect(install).toBeLessThan(test);
    expect(readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8')).toContain(
      'bash .ci/system-packages',
    );
  });

  it('synthesizes the stage with every setting prod requires, each from a variable of the environment', () => {
    const step = job.steps[stepIndex(runs(/^npm run synth --/), 'synthesizes')] as Step;

    const given = [...(step.run ?? '').matchAll(/-c "(\w+)=\$(\w+)"/g)].map(([, key, variable]) => ({
      key,
      variable,
    }));

    expect(given.map(({ key }) => key).sort()).toEqual(['stage', ...Object.keys(PROD_REQUIRED)].sort());
    for (const { key, variable } of given) {
      if (key === 'stage') expect(variable).toBe('STAGE');
      else expect(step.env?.[variable as string], key).toBe(expression(`vars.${variable}`));
    }
  });

  it.each(STAGES)(
    'assumes the role the %s DeployAccess stack makes, through OIDC, in the account and region of the environment',
    (stage) => {
      const step = job.steps[stepIndex(credentialsStep, 'configures AWS credentials')] as Step;
      const template = Template.fromStack(deployAccess({ stage, githubRepository: 'acme/shifa' }).stack);
      const roleName = roleOf(template)[1].Properties.RoleName;

      const roleArn = (step.with?.['role-to-assume'] ?? '')
        .replace(expression('vars.AWS_ACCOUNT_ID'), ACCOUNT)
        .replace(expression('env.STAGE'), stage);

      expect(roleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/${roleName}`);
      expect(step.with?.['aws-region']).toBe(expression('vars.AWS_REGION'));
      // No long-lived keys: configure-aws-credentials then uses the job's OIDC token.
      expect(
        Object.keys(step.with ?? {}).filter((input) => /access-key|secret|session-token/.test(input)),
      ).toEqual([]);
    },
  );

  it('stores no AWS key anywhere in the workflow', () => {
    expect(workflowText).not.toMatch(
      /aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY|secrets\.AWS/,
    );
  });

  it('takes credentials only after the tests and the synth, then deploys the assembly it synthesized', () => {
    const test = stepIndex(runs(/^npm test$/), 'runs npm test');
    const synth = stepIndex(runs(/^npm run synth --/), 'synthesizes');
    const credentials = stepIndex(credentialsStep, 'configures AWS credentials');
    const deploy = stepIndex(runs(/\bcdk deploy\b/), 'deploys');

    expect(test).toBeLessThan(synth);
    expect(synth).toBeLessThan(credentials);
    expect(credentials).toBeLessThan(deploy);
    expect(job.steps[deploy]?.run).toMatch(/^npx cdk deploy --app cdk\.out --all --require-approval never\b/);
  });
});
