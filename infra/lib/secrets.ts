/**
 * The secrets functions need: Stripe's secret key and webhook signing secret. They live in Secrets
 * Manager; the template only ever holds references to them. (Health data is sealed with a KMS key
 * that no function ever holds: sealing.ts.)
 *
 * How they reach a function: packages/payments reads them from
 * process.env once, at cold start, before any handler runs. Of the ways CDK offers,
 * only a CloudFormation dynamic reference (`{{resolve:secretsmanager:…}}`) fills an
 * environment variable without code changes and without the value in the template
 * or the cloud assembly: CloudFormation resolves it at deploy time. The AWS Parameters
 * and Secrets Lambda Extension would keep values out of the function configuration
 * too, but it serves them over localhost HTTP and sets no environment variables, so
 * it needs the packages to fetch at init first. The price of references: the values
 * sit in each function's configuration (encrypted at rest; readable by whoever may call
 * lambda:GetFunctionConfiguration), and CloudFormation re-reads a secret only when it
 * updates the function, which `secretsRevision` forces (README, "Deploying to AWS").
 * Functions get no IAM permission on the secrets: CloudFormation reads them with the
 * deploying role's rights, and a function that cannot call GetSecretValue cannot be
 * turned into a way to read them.
 *
 * The Stripe secrets are created as placeholders unless the stage names secrets the operator
 * made (`stripeSecretName`, `stripeWebhookSecretName`; prod must): those are referenced by name,
 * never created, changed or deleted by a stack.
 */
import type { Capability } from '@shifa/functions/routes';
import { RemovalPolicy, SecretValue, Validations } from 'aws-cdk-lib';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { StripeSecretNames } from './stage';

/** Changing it makes CloudFormation update every function that holds a secret, which re-reads the secrets. */
export const SECRETS_REVISION_VARIABLE = 'SECRETS_REVISION';

export interface SecretsProps {
  /** Keep the secrets when the stack goes, as the tables are kept. */
  readonly retainData: boolean;
  /** Bumped by the operator after changing a secret's value (context `secretsRevision`). */
  readonly revision: string;
  /** Secrets the operator created, by name; a placeholder is generated for each one not named. */
  readonly stripeSecretNames?: StripeSecretNames;
}

/**
 * A Secret as the ISecret that referenced secrets are: aws-cdk-lib declares Secret's `secretFullArn`
 * optional and ISecret's required, which exactOptionalPropertyTypes refuses to match.
 */
const asISecret = (secret: Secret): ISecret => secret as ISecret;

const acknowledge = (secret: Secret, id: string, reason: string): void => {
  Validations.of(secret).acknowledge({ id: `AwsSolutions::${id}`, reason });
};

export class Secrets extends Construct {
  readonly stripeSecretKey: ISecret;
  readonly stripeWebhookSecret: ISecret;
  /** The environment variables each capability needs, and the secret each one carries. */
  readonly variables: Readonly<Partial<Record<Capability, Readonly<Record<string, ISecret>>>>>;
  private readonly revision: string;
  /**
   * Secrets referenced by name, with the reference CloudFormation resolves: the name itself, which
   * dynamic references accept, rather than the partial ARN `fromSecretNameV2` makes of it.
   */
  private readonly named = new Map<ISecret, SecretValue>();

  constructor(scope: Construct, id: string, props: SecretsProps) {
    super(scope, id);
    this.revision = props.revision;
    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    // Only Stripe can issue these. Unless the operator named secrets of their own, the stack creates
    // a random placeholder for them to replace. packages/payments refuses the placeholder at cold
    // start (it is no sk_… / whsec_…), so a function fails loudly rather than calling Stripe with it.
    const stripeSecret = (id: string, name: string | undefined, description: string): ISecret => {
      if (name !== undefined) {
        const secret = Secret.fromSecretNameV2(this, id, name);
        this.named.set(secret, SecretValue.secretsManager(name));
        return secret;
      }
      const secret = new Secret(this, id, {
        description,
        generateSecretString: { passwordLength: 32, excludePunctuation: true },
        removalPolicy,
      });
      acknowledge(
        secret,
        'AwsSolutions-SMG4',
        'Issued by Stripe, not by AWS: Stripe rolls the key (Dashboard, API keys, Roll key) and the webhook signing secret (endpoint, Roll secret), and the operator then puts the new value here; Secrets Manager has nothing it could rotate on its own.',
      );
      return asISecret(secret);
    };
    this.stripeSecretKey = stripeSecret(
      'StripeSecretKey',
      props.stripeSecretNames?.secretKey,
      'Stripe secret or restricted key (sk_live_… / rk_live_…), read by the payment functions as STRIPE_SECRET_KEY. Created as a placeholder: put the real key (README, Deploying to AWS).',
    );
    this.stripeWebhookSecret = stripeSecret(
      'StripeWebhookSecret',
      props.stripeSecretNames?.webhookSecret,
      "Signing secret (whsec_…) of the Stripe webhook endpoint that points at this API, read as STRIPE_WEBHOOK_SECRET. Created as a placeholder: put the endpoint's secret (README).",
    );

    // packages/payments reads both Stripe values at load, whichever one the function uses.
    this.variables = {
      payments: { STRIPE_SECRET_KEY: this.stripeSecretKey, STRIPE_WEBHOOK_SECRET: this.stripeWebhookSecret },
    };
  }

  /**
   * The environment a function needs for its capabilities: references to exactly its secrets,
   * never a value. `unsafeUnwrap` is what CDK calls turning a secret into a string; here the
   * string is the `{{resolve:secretsmanager:…}}` reference CloudFormation fills in.
   */
  environmentFor(uses: readonly Capability[] = []): Record<string, string> {
    const environment: Record<string, string> = {};
    for (const capability of uses) {
      for (const [variable, secret] of Object.entries(this.variables[capability] ?? {})) {
        environment[variable] = (this.named.get(secret) ?? secret.secretValue).unsafeUnwrap();
      }
    }
    if (Object.keys(environment).length === 0) return environment;
    environment[SECRETS_REVISION_VARIABLE] = this.revision;
    return environment;
  }
}
