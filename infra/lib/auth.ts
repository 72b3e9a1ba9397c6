/**
 * Who may call the API: a Cognito user pool whose ID tokens carry the claims the
 * handlers read (CLAIMS in @shifa/contracts: cognito:groups, custom:org_id), one
 * group per role, the web app's client, and the trigger that puts self-registered
 * users in `tourist`. API Gateway's JWT authorizer trusts the pool's issuer and this
 * client as audience.
 */
import { CLAIMS, ROLES, type Role } from '@shifa/contracts';
import { handlerFile } from '@shifa/functions/routes';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolGroup,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import { Grant } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ShifaFunction } from './function';
import type { FunctionDeclaration } from './wiring';

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
export const POST_CONFIRMATION = {
  id: 'postConfirmation',
  handler: 'identity/post-confirmation',
  table: 'none',
  summary: 'Put a user who confirmed their own sign-up in the tourist group',
} as const satisfies FunctionDeclaration;

export interface AuthProps {
  /** Protect the user pool from deletion and keep it with the stack; false only for throw-away stacks. */
  readonly retainData: boolean;
}

export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;
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

    this.webClient = this.userPool.addClient('WebClient', {
      // A browser cannot keep a secret.
      generateSecret: false,
      // The web app signs in with SRP, so the password never leaves the browser; refresh is always allowed.
      authFlows: { userSrp: true },
      // No hosted UI: sign-in happens in the web app itself.
      disableOAuth: true,
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

    const stack = Stack.of(this);

    this.postConfirmation = new ShifaFunction(this, 'PostConfirmation', {
      entry: handlerFile(POST_CONFIRMATION),
      description: `Cognito post-confirmation trigger: ${POST_CONFIRMATION.summary}`,
      environment: {},
      logRemovalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
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
