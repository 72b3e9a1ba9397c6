/**
 * What lets the deployment workflow (.github/workflows/deploy.yml) deploy a stage without stored
 * keys: GitHub's OIDC provider in IAM, and a role that only this repository's workflow jobs running
 * in the stage's GitHub environment may assume, allowed nothing but to assume the CDK bootstrap
 * roles of this account and region (deploy, file and image publishing, lookup). The CDK CLI does
 * everything through those, and CloudFormation acts with the bootstrap's execution role.
 *
 * An app of its own (infra/bin/deploy-access.ts), deployed once per account and stage by an
 * administrator: the deploy role never deploys, and so can never widen, its own trust, and the
 * main app's settings (prod's secrets and addresses) are not needed to make it.
 *
 * Context: `stage` (names the role and the GitHub environment), `githubRepository` (required:
 * `owner/repo`, or `owner@id/repo@id` where GitHub's OIDC subject claims carry immutable ids),
 * `githubOidcProviderArn` (an account has one provider per URL: name it if it already exists),
 * `@aws-cdk/core:bootstrapQualifier` (when the account was bootstrapped with another qualifier).
 */
import {
  App,
  type AppProps,
  Aws,
  CfnOutput,
  DefaultStackSynthesizer,
  Duration,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import {
  type IOidcProvider,
  OidcProviderNative,
  PolicyStatement,
  Role,
  WebIdentityPrincipal,
} from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Construct } from 'constructs';
import { type Context, deployRoleName, type Stage, stackNameOf, stageOf, text } from './stage';

/** GitHub's token issuer, without the scheme, as IAM names its condition keys. */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
/** The audience aws-actions/configure-aws-credentials asks GitHub for. */
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';

/** The bootstrap roles `cdk deploy` assumes; never the execution role, which only CloudFormation may. */
export const BOOTSTRAP_ROLES = ['deploy', 'file-publishing', 'image-publishing', 'lookup'] as const;

/** The session a workflow run gets: long enough for a deploy of the three stacks, no longer. */
export const DEPLOY_SESSION = Duration.hours(1);

/** An owner and a repository as GitHub spells them, each optionally with its immutable id. */
const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:@\d+)?\/[A-Za-z0-9._-]{1,100}(?:@\d+)?$/;
const PROVIDER_ARN = new RegExp(
  `^arn:aws[a-z-]*:iam::\\d{12}:oidc-provider/${GITHUB_OIDC_HOST.replaceAll('.', '\\.')}$`,
);

/** The `sub` claim of a job in the stage's GitHub environment, whatever triggered it. */
export const githubSubject = (repository: string, stage: Stage): string =>
  `repo:${repository}:environment:${stage}`;

export interface DeployAccessSettings {
  readonly stage: Stage;
  readonly stackName: string;
  readonly repository: string;
  readonly providerArn: string | undefined;
}

export const deployAccessSettings = (
  context: Context,
  environment: NodeJS.ProcessEnv = process.env,
): DeployAccessSettings => {
  const stage = stageOf(context);
  const repository = text(context, 'githubRepository');
  if (repository === undefined) {
    throw new Error(
      'githubRepository is required: the owner/repository whose deployment workflow may assume the role (e.g. -c githubRepository=acme/shifa)',
    );
  }
  if (!REPOSITORY.test(repository)) {
    throw new Error(
      `githubRepository must be owner/repository, or owner@id/repository@id for a repository whose OIDC subject claims carry immutable ids, got ${JSON.stringify(repository)}`,
    );
  }
  const providerArn = text(context, 'githubOidcProviderArn');
  if (providerArn !== undefined && !PROVIDER_ARN.test(providerArn)) {
    throw new Error(
      `githubOidcProviderArn must be the ARN of the account's ${GITHUB_OIDC_HOST} provider, got ${JSON.stringify(providerArn)}`,
    );
  }
  return {
    stage,
    stackName: `${stackNameOf(context, stage, environment)}-DeployAccess`,
    repository,
    providerArn,
  };
};

export interface DeployAccessStackProps extends StackProps {
  readonly stage: Stage;
  readonly repository: string;
  /** The account's existing GitHub provider; one is created when not given. */
  readonly providerArn?: string | undefined;
}

export class DeployAccessStack extends Stack {
  readonly provider: IOidcProvider;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: DeployAccessStackProps) {
    super(scope, id, props);

    // No thumbprints: IAM trusts GitHub's issuer through its own store of certificate authorities.
    this.provider =
      props.providerArn === undefined
        ? new OidcProviderNative(this, 'GitHubOidc', {
            url: `https://${GITHUB_OIDC_HOST}`,
            clientIds: [GITHUB_OIDC_AUDIENCE],
          })
        : OidcProviderNative.fromOidcProviderArn(this, 'GitHubOidc', props.providerArn);

    // StringEquals on both claims, no wildcard: a job of another repository, a fork's pull request,
    // or a job of this one outside the stage's environment (whose protection rules, such as prod's
    // required reviewers, it would skip) gets nothing.
    this.role = new Role(this, 'DeployRole', {
      roleName: deployRoleName(props.stage),
      description: `Assumed by the deployment workflow of ${props.repository} in its ${props.stage} environment; may only assume the CDK bootstrap roles`,
      assumedBy: new WebIdentityPrincipal(this.provider.oidcProviderArn, {
        StringEquals: {
          [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE,
          [`${GITHUB_OIDC_HOST}:sub`]: githubSubject(props.repository, props.stage),
        },
      }),
      maxSessionDuration: DEPLOY_SESSION,
    });

    // The bootstrap roles by their exact names, as `cdk bootstrap` makes them: no wildcard to grow
    // into another account's, region's or qualifier's roles. They trust their account for both
    // AssumeRole and TagSession, and the CLI may tag its sessions.
    const qualifier =
      (this.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') as string | undefined) ??
      DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        resources: BOOTSTRAP_ROLES.map(
          (kind) =>
            `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/cdk-${qualifier}-${kind}-role-${Aws.ACCOUNT_ID}-${Aws.REGION}`,
        ),
      }),
    );

    new CfnOutput(this, 'DeployRoleArn', {
      value: this.role.roleArn,
      description: `role-to-assume of the deployment workflow's ${props.stage} environment`,
    });
    new CfnOutput(this, 'GitHubOidcProviderArn', {
      value: this.provider.oidcProviderArn,
      description:
        'Give it as githubOidcProviderArn to the DeployAccess stack of another stage in this account',
    });
  }
}

export interface DeployAccessApp {
  readonly app: App;
  readonly stack: DeployAccessStack;
}

export const createDeployAccessApp = (props: AppProps = {}): DeployAccessApp => {
  const app = new App(props);
  const settings = deployAccessSettings((key) => app.node.tryGetContext(key));
  const stack = new DeployAccessStack(app, settings.stackName, {
    description: `Shifa (${settings.stage}): the role GitHub Actions deploys with, through OIDC`,
    stage: settings.stage,
    repository: settings.repository,
    providerArn: settings.providerArn,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
};
