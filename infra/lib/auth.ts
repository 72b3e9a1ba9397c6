/**
 * Who may call the API: a Cognito user pool whose ID tokens carry the claims the
 * handlers read (CLAIMS in @shifa/contracts: cognito:groups, custom:org_id), one
 * group per role, the web app's client, and the trigger that puts self-registered
 * users in `tourist`. API Gateway's JWT authorizer trusts the pool's issuer and this
 * client as audience.
 *
 * The web app signs users in through Cognito's managed login on the pool's own
 * domain, with the OAuth 2.0 authorisation code grant: the browser is a public
 * client, so it holds no secret and proves the exchange with PKCE instead.
 */
import { CLAIMS, ROLES, type Role, WEB_AUTH_CALLBACK_PATH } from '@shifa/contracts';
import { postConfirmation } from '@shifa/functions/consumers';
import { handlerFile } from '@shifa/functions/routes';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolGroup,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import { Grant } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ShifaFunction } from './function';
import type { LogSettings } from './stage';

const CUSTOM_PREFIX = 'custom:';
if (!CLAIMS.organisation.startsWith(CUSTOM_PREFIX)) {
  throw new Error(`the organisation claim ${CLAIMS.organisation} must be a custom attribute`);
}
/** The attribute as the user pool declares it (`org_id`); tokens carry it as CLAIMS.organisation. */
export const ORGANISATION_ATTRIBUTE = CLAIMS.organisation.slice(CUSTOM_PREFIX.length);

/**
 * Cognito never changes a custom attribute's definition once the pool exists, so these
 * bounds are fixed for good: wide enough for any organisation id (a Slug, at most 64).
 */
export const ORGANISATION_ATTRIBUTE_LENGTH = { min: 1, max: 128 } as const;

export const PASSWORD_MIN_LENGTH = 12;

const GROUP_DESCRIPTIONS: Record<Role, string> = {
  tourist: 'Patients and travellers: book, pay, follow and cancel their own bookings',
  agency: 'Travel agency staff: compose and sell packages; custom:org_id is the agency id',
  hospital:
    'Hospital staff: capacity, programmes, accept or decline bookings; custom:org_id is the hospital id',
  operator: 'Platform operators: verify organisations, replay failed deliveries',
};

/** Cognito's post-confirmation trigger: functions/identity/post-confirmation.ts. */
export const POST_CONFIRMATION = postConfirmation;

/** What the web app's tokens may carry; the config.json the app reads asks for the same. */
export const WEB_SCOPES = ['openid', 'email', 'profile'] as const;
const OAUTH_SCOPES: Record<(typeof WEB_SCOPES)[number], OAuthScope> = {
  openid: OAuthScope.OPENID,
  email: OAuthScope.EMAIL,
  profile: OAuthScope.PROFILE,
};

/**
 * Cognito's rules for a prefix domain (`<prefix>.auth.<region>.amazoncognito.com`): lowercase
 * letters, digits and hyphens, not at either end, at most 63 characters, and none of the
 * reserved words. Checked at synth, because CloudFormation would only refuse it mid-deploy.
 */
export const checkDomainPrefix = (prefix: string): string => {
  const reserved = ['aws', 'amazon', 'cognito'].filter((word) => prefix.includes(word));
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix) || reserved.length > 0) {
    throw new Error(
      `authDomainPrefix ${JSON.stringify(prefix)} is not a Cognito domain prefix: use 1-63 lowercase letters, digits and inner hyphens` +
        (reserved.length > 0 ? `, without ${reserved.map((word) => `"${word}"`).join(' or ')}` : ''),
    );
  }
  return prefix;
};

/**
 * A prefix unique to the stack in its account (prefix domains are global per region), e.g.
 * `shifa-123456789012`. The account id is a deploy-time token, so only the stack-name part
 * can be checked here; a name that breaks Cognito's rules asks for `authDomainPrefix` instead.
 */
export const defaultDomainPrefix = (stackName: string, account: string): string => {
  const name = stackName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  try {
    // 12 digits for the account id, checked as a placeholder.
    checkDomainPrefix(`${name}-000000000000`);
  } catch {
    throw new Error(
      `The stack name ${JSON.stringify(stackName)} makes no valid Cognito domain prefix: set -c authDomainPrefix=<prefix>`,
    );
  }
  return `${name}-${account}`;
};

/** Where the web app is served, and so where Cognito may send users back after sign-in and sign-out. */
export interface WebSignIn {
  /** The deployed site's origin (`https://host`, no path): the CloudFront distribution. */
  readonly origin: string;
  /** More origins that serve the app, e.g. a custom domain or `http://localhost:5173` for development. */
  readonly extraOrigins: readonly string[];
  /** The prefix of the pool's Cognito domain (see checkDomainPrefix). */
  readonly domainPrefix: string;
}

export interface AuthProps {
  /** Protect the user pool from deletion and keep it with the stack; false only for throw-away stacks. */
  readonly retainData: boolean;
  /** The sign-up trigger's log group, as every function's. */
  readonly logs: LogSettings;
  readonly web: WebSignIn;
}

export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;
  /** Managed login and the OAuth endpoints: `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly domain: UserPoolDomain;
  readonly groups: ReadonlyMap<Role, UserPoolGroup>;
  readonly postConfirmation: ShifaFunction;
  /** The `iss` of the pool's tokens, which API Gateway's JWT authorizer checks. */
  readonly issuer: string;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      // Tourists register themselves; agency, hospital and operator accounts are created by an operator.
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // A changed address only replaces the old one once its code is confirmed, so a typo cannot lock a user out.
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        [ORGANISATION_ATTRIBUTE]: new StringAttribute({
          minLen: ORGANISATION_ATTRIBUTE_LENGTH.min,
          maxLen: ORGANISATION_ATTRIBUTE_LENGTH.max,
          // Mutable for operators (AdminUpdateUserAttributes); the web client may not write it.
          mutable: true,
        }),
      },
      passwordPolicy: {
        minLength: PASSWORD_MIN_LENGTH,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      // Optional so tourists can book without an authenticator app; staff accounts (agency, hospital,
      // operator) act for an organisation and should turn on TOTP: the README says so.
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false, email: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus is the plan with threat protection: compromised-credential checks and adaptive
      // authentication that blocks or challenges risky sign-ins, not just reports them.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: props.retainData,
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    const poolResource = this.userPool.node.defaultChild;
    if (poolResource === undefined) throw new Error('the user pool has no CloudFormation resource');
    Validations.of(poolResource).acknowledge({
      id: 'AwsSolutions::AwsSolutions-COG2',
      reason:
        'MFA is optional (TOTP): tourists sign up themselves to book a trip and must not be turned away without an authenticator app; staff accounts are asked to enrol TOTP, and Plus-tier threat protection challenges risky sign-ins.',
    });

    const groups = new Map<Role, UserPoolGroup>();
    for (const role of ROLES) {
      groups.set(
        role,
        new UserPoolGroup(this, `${role}Group`, {
          userPool: this.userPool,
          groupName: role,
          description: GROUP_DESCRIPTIONS[role],
        }),
      );
    }
    this.groups = groups;

    const webOrigins = [props.web.origin, ...props.web.extraOrigins];
    this.webClient = this.userPool.addClient('WebClient', {
      // A browser cannot keep a secret: the code exchange is bound to the browser by PKCE instead.
      generateSecret: false,
      // Managed login needs no flow here; SRP (the password never leaves the device) stays for
      // clients that sign in through the API, e.g. a script of an operator. Refresh is always allowed.
      authFlows: { userSrp: true },
      // The authorisation code grant only: the implicit grant would put tokens in the URL.
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: WEB_SCOPES.map((scope) => OAUTH_SCOPES[scope]),
        callbackUrls: webOrigins.map((origin) => `${origin}${WEB_AUTH_CALLBACK_PATH}`),
        logoutUrls: webOrigins.map((origin) => `${origin}/`),
      },
      // Users of this pool only; a social or SAML provider would be added here.
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes(CLAIMS.organisation),
      // Never custom:org_id: a user who could write it could join any agency or hospital.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true }),
    });

    // Managed login (version 2) rather than the classic hosted UI: it is translated, offers
    // passkeys, and needs the Essentials or Plus plan, which the pool has.
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.web.domainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // Without a branding style for the client, managed login version 2 answers every sign-in
    // with an error page; Cognito's own look is enough until there is a design of ours.
    const branding = new CfnManagedLoginBranding(this, 'WebClientBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.webClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    branding.node.addDependency(this.domain);

    const stack = Stack.of(this);

    this.postConfirmation = new ShifaFunction(this, 'PostConfirmation', {
      entry: handlerFile(POST_CONFIRMATION),
      description: `Cognito post-confirmation trigger: ${POST_CONFIRMATION.summary}`,
      environment: {},
      timeout: Duration.seconds(10),
      logs: props.logs,
    });
    this.userPool.addTrigger(UserPoolOperation.POST_CONFIRMATION, this.postConfirmation.function);
    // The pool names the function as its trigger, so the function's policy cannot name the pool:
    // pool → function → policy → pool would be a cycle CloudFormation refuses. The pool id is
    // generated, so the narrowest ARN without it is any pool of this account and region, and the
    // only action is adding a user to a group.
    const anyPoolHere = stack.formatArn({ service: 'cognito-idp', resource: 'userpool', resourceName: '*' });
    Grant.addToPrincipal({
      grantee: this.postConfirmation.role,
      actions: ['cognito-idp:AdminAddUserToGroup'],
      resourceArns: [anyPoolHere],
    });
    Validations.of(this.postConfirmation.role).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cognito-idp:<AWS::Region>:<AWS::AccountId>:userpool/*]`,
      reason:
        "The trigger's own pool cannot be named without a dependency cycle (the pool refers to the trigger); the grant is one action, AdminAddUserToGroup, on this account's pools in this region, and the handler only ever adds to the tourist group the user Cognito just confirmed.",
    });

    this.issuer = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
  }
}
