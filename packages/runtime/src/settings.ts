/**
 * The one reader of the environment. A module declares the settings it needs once, as a zod
 * schema with a name, and reads them through the accessor `settings()` returns: parsed and
 * checked on first use, the same object after that, and a failure that names each variable
 * and its rule (never its value, which may be a secret).
 *
 * On Lambda the environment is process.env, set per function by the CDK app. The local runtime
 * runs every deployment unit in one process, so it runs each invocation inside
 * `withEnvironment(unitEnvironment, …)`: a handler then sees its own unit's settings and nothing
 * of another unit's secrets, as it would on AWS.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type * as z from 'zod';

export type Environment = Readonly<Record<string, string | undefined>>;

/** What the local runtime runs an invocation in: the unit's name and its environment. */
export type Scope = { readonly unit: string; readonly environment: Environment };

const scopes = new AsyncLocalStorage<Scope>();

/** Runs `run` as unit `scope.unit`: every settings read inside it sees `scope.environment`. */
export const withScope = <T>(scope: Scope, run: () => T): T => scopes.run(scope, run);

/** The unit an invocation runs as, when the local runtime set one; on Lambda, undefined. */
export const currentScope = (): Scope | undefined => scopes.getStore();

export const currentEnvironment = (): Environment => scopes.getStore()?.environment ?? process.env;

/** Names and rules only: values can be secrets and never reach a message or a log. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

const declared = new Map<string, () => unknown>();

/** Parses `environment` with `schema`; a failure names each variable and its rule, never its value. */
export function parseSettings<S extends z.ZodType>(
  name: string,
  schema: S,
  environment: Environment,
): z.output<S> {
  const result = schema.safeParse(environment);
  if (result.success) return result.data;
  const problems = result.error.issues
    .map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`)
    .join('; ');
  throw new SettingsError(`${name} configuration is invalid: ${problems}`);
}

/**
 * Declares the settings `name` (e.g. `payments`) and returns their reader. Each environment is
 * parsed once: process.env on Lambda, a unit's snapshot locally. The schema is given as a function,
 * so that `/* @__PURE__ *\/ settings(…)` has no effect at load and a bundler drops the whole
 * declaration from a function that never reads it: a bundle holds a group's variable names exactly
 * when its code reads them, which is what the infra tests hold each function's grants against.
 */
export function settings<S extends z.ZodType>(name: string, schema: () => S): () => z.output<S> {
  const parsed = new WeakMap<object, z.output<S>>();
  let built: S | undefined;
  const read = (): z.output<S> => {
    const environment = currentEnvironment();
    if (!parsed.has(environment)) {
      built ??= schema();
      parsed.set(environment, parseSettings(name, built, environment));
    }
    return parsed.get(environment) as z.output<S>;
  };
  declared.set(name, read);
  return read;
}

/**
 * Reads every settings group declared by the modules loaded so far. A Lambda function calls it
 * at cold start, so a missing or malformed setting fails the deploy's first invocation loudly
 * rather than one request in the middle of a booking.
 */
export function checkDeclaredSettings(): void {
  for (const read of declared.values()) read();
}

/**
 * At a Lambda function's cold start (the runtime names the function), checks every declared group;
 * elsewhere (the local runtime, tests, scripts) it does nothing, as settings there are per unit.
 */
export function checkSettingsAtColdStart(): void {
  if (process.env.AWS_LAMBDA_FUNCTION_NAME !== undefined) checkDeclaredSettings();
}
