/**
 * Idempotency-Key for mutating requests, with Powertools Idempotency on
 * DynamoDB: the same key and the same request replay the first response
 * without running anything again; the same key with a different request is
 * 422; a retry while the first is still running is 409. Keys are scoped to the
 * caller (the token's subject) and, by the function name, to the route, and
 * last 24 hours. Error responses the API gave on purpose (4xx) are stored and
 * replayed too; an unexpected failure frees the key so a retry runs again.
 * A response that carries a secret (a payment's client secret) is stored without
 * it and made whole again on replay (KeptSecrets), so the table holds none.
 */
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { ConflictError, DomainError, UnprocessableError, ValidationError } from '@shifa/domain';
import { settings } from '@shifa/runtime';
import { dynamoDb } from '@shifa/store';
import { IDEMPOTENCY_TABLE } from '@shifa/store/table';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { errorResponse } from './errors';
import type { HttpEvent } from './handler';
import { idempotencyKeyOf } from './headers';
import type { HttpResponse } from './responses';

export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

/** Only units with an idempotent route are given the table, and may write it. */
export const idempotencySettings = /* @__PURE__ */ settings('idempotency', () =>
  z.object({
    IDEMPOTENCY_TABLE_NAME: z
      .string({ error: 'IDEMPOTENCY_TABLE_NAME must name the idempotency table' })
      .min(3, 'IDEMPOTENCY_TABLE_NAME must name the idempotency table'),
  }),
);

const stores = new WeakMap<object, DynamoDBPersistenceLayer>();

function persistenceStore(): DynamoDBPersistenceLayer {
  const config = idempotencySettings();
  let store = stores.get(config);
  if (store === undefined) {
    store = new DynamoDBPersistenceLayer({
      tableName: config.IDEMPOTENCY_TABLE_NAME,
      keyAttr: IDEMPOTENCY_TABLE.partitionKey,
      expiryAttr: IDEMPOTENCY_TABLE.ttlAttribute,
      awsSdkV3Client: dynamoDb,
    });
    stores.set(config, store);
  }
  return store;
}

/** What a route keeps out of the idempotency table: taken from a successful response's body before storing, fetched again on replay. */
export type KeptSecrets = {
  strip(body: unknown): unknown;
  restore(body: unknown): Promise<unknown>;
};

async function withBody(response: HttpResponse, change: (body: unknown) => unknown): Promise<HttpResponse> {
  if (response.statusCode >= 300 || typeof response.body !== 'string') return response;
  return { ...response, body: JSON.stringify(await change(JSON.parse(response.body))) };
}

/**
 * Runs `run` at most once per (caller, route, key). `run` returns the response;
 * typed domain errors become responses inside, so they are stored and replayed.
 */
export async function idempotent(
  event: HttpEvent,
  context: Context,
  run: () => Promise<HttpResponse>,
  secrets?: KeptSecrets,
): Promise<HttpResponse> {
  idempotencyKeyOf(event);
  const config = new IdempotencyConfig({
    eventKeyJmesPath: '[requestContext.authorizer.jwt.claims.sub, headers."idempotency-key"]',
    payloadValidationJmesPath: '[routeKey, rawPath, body]',
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds: IDEMPOTENCY_TTL_SECONDS,
  });
  // The response made here, whole; Powertools stores (and later replays) it with the secrets stripped.
  let fresh: HttpResponse | undefined;
  const once = makeIdempotent(
    async (_event: HttpEvent, _context: Context): Promise<HttpResponse> => {
      try {
        fresh = await run();
      } catch (error) {
        if (error instanceof DomainError) return errorResponse(error, event.requestContext.requestId);
        throw error;
      }
      return secrets === undefined ? fresh : withBody(fresh, (body) => secrets.strip(body));
    },
    { persistenceStore: persistenceStore(), config },
  );
  try {
    const response = await once(event, context);
    if (fresh !== undefined) return fresh;
    return secrets === undefined ? response : await withBody(response, (body) => secrets.restore(body));
  } catch (error) {
    if (error instanceof IdempotencyValidationError) {
      throw new UnprocessableError(
        'idempotency_key_reused',
        'this Idempotency-Key was already used for a different request; use a new key for a new request',
      );
    }
    if (error instanceof IdempotencyAlreadyInProgressError) {
      throw new ConflictError(
        'idempotency_in_progress',
        'a request with this Idempotency-Key is still being processed; retry in a moment',
      );
    }
    throw error;
  }
}
