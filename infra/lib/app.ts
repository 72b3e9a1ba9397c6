/**
 * Builds the CDK app from context, with cdk-nag's AWS Solutions checks attached, so
 * `cdk synth` and the tests synthesise exactly the same thing.
 *
 * Context (cdk.json or `-c key=value`):
 * - stackName   default `Shifa` (or env SHIFA_STACK_NAME)
 * - retainData  default true; `false` for throw-away dev stacks (no deletion protection, table destroyed with the stack)
 * - corsOrigins default `*`; comma-separated origins of the web app
 * - busName     default `shifa`
 * - holdMinutes            default 15; how long a booking holds its seats and beds unpaid (1–60)
 * - hospitalDecisionHours  default 48; how long a hospital has to accept a paid booking (1–120)
 * - secretsRevision        default `1`; bump after putting a new secret value so functions re-read it
 */
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ShifaStack, type ShifaStackProps } from './stack';

export interface ShifaApp {
  readonly app: App;
  readonly stack: ShifaStack;
}

/** Context given on the command line arrives as a string, from cdk.json as JSON. */
const flag = (value: unknown, fallback: boolean): boolean => {
  if (value === undefined) return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Error(`Expected true or false, got ${JSON.stringify(value)}`);
};

const origins = (value: unknown, fallback: readonly string[]): readonly string[] => {
  if (value === undefined) return fallback;
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
  const trimmed = items.map((item) => item.trim()).filter((item) => item !== '');
  if (trimmed.length === 0) throw new Error('corsOrigins must name at least one origin');
  return trimmed;
};

/**
 * A whole number within the bounds packages/booking/src/config.ts enforces at cold start, checked
 * here as well so a bad value fails synth instead of every booking function after the deploy.
 */
const wholeNumber = (key: string, value: unknown, fallback: number, max: number): number => {
  if (value === undefined) return fallback;
  const parsed = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > max) {
    throw new Error(`${key} must be a whole number from 1 to ${max}, got ${JSON.stringify(value)}`);
  }
  return parsed;
};

/** Tests may serve routes and jobs of their own (e.g. a protected route before any is declared). */
export type StackOverrides = Pick<ShifaStackProps, 'routes' | 'schedules'>;

export const createShifaApp = (props: AppProps = {}, overrides: StackOverrides = {}): ShifaApp => {
  const app = new App(props);
  const context = (key: string): unknown => app.node.tryGetContext(key);

  const stackName = String(context('stackName') ?? process.env.SHIFA_STACK_NAME ?? 'Shifa');
  const stack = new ShifaStack(app, stackName, {
    description: 'Shifa: marketplace for packaged TCM health tours',
    retainData: flag(context('retainData'), true),
    corsOrigins: origins(context('corsOrigins'), ['*']),
    busName: String(context('busName') ?? 'shifa'),
    booking: {
      holdMinutes: wholeNumber('holdMinutes', context('holdMinutes'), 15, 60),
      hospitalDecisionHours: wholeNumber('hospitalDecisionHours', context('hospitalDecisionHours'), 48, 120),
    },
    secretsRevision: String(context('secretsRevision') ?? '1'),
    ...overrides,
  });

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
};
