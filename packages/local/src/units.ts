/**
 * Deployment units in one process, as Lambda keeps them apart. Each invocation runs as its unit
 * (or its function, for an event target, the stream publisher, the delivery worker): with its own
 * environment, which is this process's minus the secrets of every capability it lacks, and under
 * its own grants on the tables, which the DynamoDB client checks the way IAM would. A handler that
 * uses something its unit is not given fails here as it would on AWS.
 *
 * Many invocations run here at once, as on Lambda Managed Instances, so each runs in its own
 * context of Lambda's invoke store, as the runtime runs it there: Powertools then keeps each
 * invocation's Lambda context, log level and keys apart, and a log line names the function that
 * wrote it rather than whichever invocation began last.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { pathToFileURL } from 'node:url';
import { InvokeStoreBase } from '@aws/lambda-invoke-store';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { environmentFor, type Needs, needsOf, type UnitId, unitFile } from '@shifa/functions/units';
import { currentScope, type Environment, withScope } from '@shifa/runtime';
import { IDEMPOTENCY_ACTIONS, TABLE_ACTIONS } from '@shifa/store/table';
import type { Context } from 'aws-lambda';

type UnitHandler = (event: unknown, context: Context) => Promise<unknown>;

const grants = new Map<string, Needs>();
const environments = new Map<string, { key: string; environment: Environment }>();

/**
 * The environment `name` runs with: a snapshot, kept while this process's settings stay as they are,
 * so each unit parses its settings and makes its clients once, as a warm Lambda function would.
 */
function environmentOf(name: string, needs: Needs): Environment {
  const own = environmentFor(needs, process.env);
  const key = JSON.stringify(own);
  const known = environments.get(name);
  if (known?.key === key) return known.environment;
  const environment = Object.freeze(own);
  environments.set(name, { key, environment });
  return environment;
}

/**
 * Lambda's invoke store as a runtime that runs invocations side by side keeps it: one context per
 * invocation, in async context. Installed in place of whatever store is there, because the AWS SDK
 * makes the single-invocation one on its first call (its recursion detection asks for it), before
 * the local runtime's first invocation could ask for this one; the SDK only reads trace ids from it.
 */
class ConcurrentInvokeStore extends InvokeStoreBase {
  readonly #contexts = new AsyncLocalStorage<Record<string | symbol, unknown>>();
  getContext() {
    return this.#contexts.getStore();
  }
  hasContext() {
    return this.#contexts.getStore() !== undefined;
  }
  get<T = unknown>(key: string | symbol): T | undefined {
    return this.#contexts.getStore()?.[key] as T | undefined;
  }
  set<T = unknown>(key: string | symbol, value: T): void {
    const context = this.#contexts.getStore();
    if (this.isProtectedKey(key))
      throw new Error(`Cannot modify protected Lambda context field: ${String(key)}`);
    if (context === undefined) throw new Error('No context available');
    context[key] = value;
  }
  run<T>(context: Record<string | symbol, unknown>, fn: () => T): T {
    return this.#contexts.run(context, fn);
  }
}

/**
 * The store each invocation runs in. Powertools keeps its state per invocation once
 * AWS_LAMBDA_MAX_CONCURRENCY says invocations may overlap, as on Lambda Managed Instances.
 */
function concurrentInvokeStore(): ConcurrentInvokeStore {
  const lambda = (globalThis as { awslambda?: { InvokeStore?: InvokeStoreBase } }).awslambda ?? {};
  (globalThis as { awslambda?: unknown }).awslambda = lambda;
  if (!(lambda.InvokeStore instanceof ConcurrentInvokeStore))
    lambda.InvokeStore = new ConcurrentInvokeStore();
  process.env.AWS_LAMBDA_MAX_CONCURRENCY ??= '64';
  return lambda.InvokeStore as ConcurrentInvokeStore;
}

/** Runs `run` as the function `name`, which is given `needs` and nothing else. */
export async function runAs<T>(name: string, needs: Needs, run: () => Promise<T>): Promise<T> {
  await installLocalIam();
  grants.set(name, needs);
  const environment = environmentOf(name, needs);
  return concurrentInvokeStore().run({}, () => withScope({ unit: name, environment }, run));
}

const modules = new Map<UnitId, Promise<UnitHandler>>();

/** The unit's module as Lambda loads it: the same file, its `handler` export. */
export function loadUnit(unit: UnitId): Promise<UnitHandler> {
  let loaded = modules.get(unit);
  if (loaded === undefined) {
    loaded = import(pathToFileURL(unitFile(unit)).href).then((module: { handler?: UnitHandler }) => {
      if (typeof module.handler !== 'function') throw new Error(`unit ${unit} exports no handler`);
      return module.handler;
    });
    modules.set(unit, loaded);
  }
  return loaded;
}

/** Invokes the unit's function with `event`, as its unit. */
export async function invokeUnit(unit: UnitId, event: unknown, context: Context): Promise<unknown> {
  const handler = await loadUnit(unit);
  return runAs(unit, needsOf(unit), () => handler(event, context));
}

// ── the DynamoDB client's stand-in for IAM ──

/** DynamoDB's API operations as IAM authorises them: per item inside transactions and batches. */
function actionsOf(command: string, input: Record<string, unknown>): { action: string; table: string }[] {
  const table = typeof input.TableName === 'string' ? input.TableName : '';
  const name = command.replace(/Command$/, '');
  switch (name) {
    case 'TransactWriteItems':
      return ((input.TransactItems as Record<string, { TableName?: string }>[] | undefined) ?? []).flatMap(
        (item) =>
          Object.entries(item).map(([kind, request]) => ({
            action: `dynamodb:${kind === 'ConditionCheck' ? 'ConditionCheckItem' : `${kind}Item`}`,
            table: request.TableName ?? '',
          })),
      );
    case 'TransactGetItems':
      return ((input.TransactItems as { Get?: { TableName?: string } }[] | undefined) ?? []).map((item) => ({
        action: 'dynamodb:GetItem',
        table: item.Get?.TableName ?? '',
      }));
    case 'BatchGetItem':
    case 'BatchWriteItem':
      return Object.keys((input.RequestItems as Record<string, unknown> | undefined) ?? {}).map((name_) => ({
        action: `dynamodb:${name}`,
        table: name_,
      }));
    default:
      return [{ action: `dynamodb:${name}`, table }];
  }
}

/** What the function may do to each table, as the CDK app grants it (infra/lib/data.ts). */
function allowed(needs: Needs): Map<string, ReadonlySet<string>> {
  const tables = new Map<string, ReadonlySet<string>>();
  const main = process.env.TABLE_NAME;
  if (main !== undefined && needs.table !== 'none') {
    tables.set(
      main,
      new Set<string>([...TABLE_ACTIONS.read, ...(needs.table === 'write' ? TABLE_ACTIONS.write : [])]),
    );
  }
  const idempotency = process.env.IDEMPOTENCY_TABLE_NAME;
  if (idempotency !== undefined && needs.uses.includes('idempotency')) {
    tables.set(idempotency, new Set<string>(IDEMPOTENCY_ACTIONS));
  }
  return tables;
}

/** What AWS answers a call IAM does not allow. */
export class AccessDeniedException extends Error {
  override readonly name = 'AccessDeniedException';
}

let installed: Promise<void> | undefined;

/**
 * Adds the check to the shared DynamoDB client of @shifa/store, loaded only now: storage reads its
 * settings when it loads, and the local runtime sets them first.
 */
function installLocalIam(): Promise<void> {
  installed ??= import('@shifa/store').then(({ dynamoDb }) => addCheck(dynamoDb));
  return installed;
}

function addCheck(dynamoDb: DynamoDBClient): void {
  dynamoDb.middlewareStack.add(
    (next, context) => async (args) => {
      const scope = currentScope();
      const needs = scope === undefined ? undefined : grants.get(scope.unit);
      // Outside any function (the demo loader, the tests' own reads) nothing is checked.
      if (scope !== undefined && needs !== undefined) {
        const may = allowed(needs);
        for (const { action, table } of actionsOf(
          context.commandName ?? '',
          args.input as Record<string, unknown>,
        )) {
          if (!may.get(table)?.has(action)) {
            throw new AccessDeniedException(
              `${scope.unit} is not authorized to perform: ${action} on table ${table || '(none)'}: its unit is not given that (functions/routes.ts)`,
            );
          }
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'shifaLocalIam', priority: 'high' },
  );
}
