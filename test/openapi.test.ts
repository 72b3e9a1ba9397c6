/**
 * The OpenAPI document: complete (every route, every route's operation),
 * well-formed (3.1.0, unique operationIds, every $ref resolves), served at
 * GET /openapi.json; and the response check that holds every integration
 * test's responses to it.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OpenApiDocument } from '@shifa/contracts';
import { operations } from '@shifa/functions/operations';
import {
  buildOpenApiDocument,
  missingOperations,
  openApiDocument,
} from '@shifa/functions/platform/openapi-document';
import { headersOf, type RouteDeclaration, routes, throttleOf } from '@shifa/functions/routes';
import { createApiServer, type HandlerResponse } from '@shifa/local/api-server';
import { ephemeralIssuer } from '@shifa/local/issuer';
import { describe, expect, it } from 'vitest';
import { useApi } from './support/api';
import { checkResponse } from './support/response-check';

const api = useApi();
const document = openApiDocument();

type Json = Record<string, unknown>;
const operationOf = (route: RouteDeclaration): Json | undefined =>
  (document.paths[route.path] as Record<string, Json> | undefined)?.[route.method.toLowerCase()];

/** Every `$ref` in the document, with where it was found. */
function refsIn(node: unknown, at = '#'): { at: string; ref: string }[] {
  if (Array.isArray(node)) return node.flatMap((item, index) => refsIn(item, `${at}/${index}`));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [{ at, ref: value }] : refsIn(value, `${at}/${key}`),
  );
}

function resolve(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>(
      (node, part) => (node !== null && typeof node === 'object' ? (node as Json)[part] : undefined),
      root,
    );
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1.0 with the authorisation rule, strict input, minor units and UTC in its description', () => {
    expect(OpenApiDocument.parse(document).openapi).toBe('3.1.0');
    const description = document.info.description;
    expect(description).toMatch(/403/);
    expect(description).toMatch(/another tenant's object.*404/i);
    expect(description).toMatch(/unknown parameters and fields are refused/i);
    expect(description).toMatch(/minor units/);
    expect(description).toMatch(/UTC/);
  });

  it('has an operation in functions/<area>/operations.ts for every declared route', () => {
    const missing = missingOperations(routes, operations);

    expect(missing, `routes without an operation: ${missing.join(', ')}`).toEqual([]);
  });

  it('names the routes that lack an operation', () => {
    const extra = { ...routes[0], id: 'madeUpRoute', path: '/made-up' } as unknown as RouteDeclaration;

    expect(missingOperations([routes[0], extra], operations)).toEqual(['madeUpRoute']);
  });

  it('describes every declared route under its path and method, with its id as operationId', () => {
    const absent = routes.filter((route) => operationOf(route)?.operationId !== route.id);

    expect(absent.map((route) => `${route.method} ${route.path}`)).toEqual([]);
  });

  it('gives every operation a unique operationId', () => {
    const ids = Object.values(document.paths).flatMap((item) =>
      Object.values(item as Record<string, Json>).map((operation) => operation.operationId),
    );

    expect(ids).toHaveLength(routes.length);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('resolves every $ref inside the document', () => {
    const refs = refsIn(document);
    const dangling = refs.filter(({ ref }) => resolve(document, ref) === undefined);

    expect(refs.length).toBeGreaterThan(0);
    expect(dangling).toEqual([]);
  });

  it('documents each {parameter} of a path as a required path parameter, and no other', () => {
    // Routes without an operation fail the test above.
    for (const route of routes.filter((declared) => declared.id in operations)) {
      const inPath = [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
      const parameters = (operationOf(route)?.parameters ?? []) as {
        name: string;
        in: string;
        required: boolean;
      }[];
      const documented = parameters.filter((p) => p.in === 'path');

      expect(documented.map((p) => p.name).sort(), route.id).toEqual(inPath);
      expect(documented.every((p) => p.required)).toBe(true);
    }
  });

  it('asks for a bearer token on every route that is not public, Stripe’s signature on the webhook, and nothing else', () => {
    for (const route of routes) {
      const expected =
        route.auth !== 'public'
          ? [{ bearerAuth: [] }]
          : route.id === 'stripeWebhook'
            ? [{ stripeSignature: [] }]
            : [];

      expect(operationOf(route)?.security, route.id).toEqual(expected);
    }
    expect(document.components).toMatchObject({
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: expect.stringMatching(/RS256.*aud.*exp/s),
        },
        stripeSignature: { type: 'apiKey', in: 'header', name: 'Stripe-Signature' },
      },
    });
  });

  it('declares Idempotency-Key as a required header on exactly the operations that replay it', () => {
    const withKey = routes.filter((route) =>
      (operationOf(route)?.parameters as { name: string; in: string; required: boolean }[] | undefined)?.some(
        (p) => p.in === 'header' && p.name === 'Idempotency-Key' && p.required,
      ),
    );

    expect(withKey.map((route) => route.id).sort()).toEqual(
      [
        'acceptHospitalBooking',
        'cancelBooking',
        'createBooking',
        'createRecord',
        'declineHospitalBooking',
        'payBooking',
        'redeliverHospitalDelivery',
        'replayDelivery',
      ].sort(),
    );
  });

  it('declares every request header a handler reads on that handler’s route', () => {
    const functionsDir = dirname(fileURLToPath(import.meta.resolve('@shifa/functions/routes')));
    const undeclared: string[] = [];
    for (const file of readdirSync(functionsDir, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
      const source = readFileSync(join(functionsDir, file), 'utf8');
      const routeId = /route\('(\w+)'\)/.exec(source)?.[1];
      const read = [...source.matchAll(/headers\[['"]([a-z-]+)['"]\]/g)].map((match) => match[1]);
      const route = routes.find((declared) => declared.id === routeId);
      if (route === undefined || read.length === 0) continue;
      const declared = headersOf(route).map(({ name }) => name.toLowerCase());
      for (const name of read) if (!declared.includes(name ?? '')) undeclared.push(`${route.id}: ${name}`);
    }

    expect(undeclared).toEqual([]);
  });

  it('answers the webhook’s bad signature 401, and documents 429 with Retry-After on every operation', () => {
    const webhook = operationOf(routes.find((r) => r.id === 'stripeWebhook') as RouteDeclaration) as Json;

    expect(webhook.responses).toMatchObject({
      401: { description: expect.stringContaining('webhook_unsigned') },
    });
    for (const route of routes) {
      const responses = operationOf(route)?.responses as Record<string, Json>;

      expect(responses['429'], route.id).toMatchObject({
        headers: { 'Retry-After': { schema: { type: 'integer' } } },
        description: expect.stringContaining(`${throttleOf(route).rateLimit} requests a second`),
      });
    }
  });

  it('derives parameters, bodies and responses from the zod schemas, inputs as sent and outputs as answered', () => {
    const list = operationOf(routes.find((r) => r.id === 'listPackages') as RouteDeclaration) as Json;
    const suspend = operationOf(
      routes.find((r) => r.id === 'suspendOrganisation') as RouteDeclaration,
    ) as Json;
    const verify = operationOf(routes.find((r) => r.id === 'verifyOrganisation') as RouteDeclaration) as Json;

    // A query number arrives as text: the input schema is a string of digits.
    expect(list.parameters).toContainEqual(
      expect.objectContaining({
        name: 'limit',
        in: 'query',
        required: false,
        schema: expect.objectContaining({ type: 'string' }),
      }),
    );
    expect(suspend.requestBody).toMatchObject({
      required: true,
      content: { 'application/json': { schema: { required: ['reason'], additionalProperties: false } } },
    });
    expect(verify.requestBody).toMatchObject({ required: false });
    expect(suspend.responses).toMatchObject({
      200: { content: { 'application/json': { schema: { type: 'object' } } } },
      401: {},
      403: {},
      404: { description: expect.stringContaining('organisation_not_found') },
      409: { description: expect.stringContaining('invalid_status_transition') },
      500: {},
    });
    expect(Object.keys(list.responses as Json)).not.toContain('401');
  });

  it('is built the same each time from the same routes', () => {
    expect(buildOpenApiDocument(routes, operations)).toEqual(document);
  });
});

describe('GET /openapi.json', () => {
  it('serves the document to anyone, without a token', async () => {
    const response = await api.get('/openapi.json');

    expect(response.status).toBe(200);
    expect(response.body).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('refuses unknown query parameters', async () => {
    const response = await api.get('/openapi.json?format=yaml');

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: 'invalid_query' } });
  });
});

describe('unknown query parameters', () => {
  const USER_OF_ROLE = {
    tourist: 'aigerim@example.kz',
    agency: 'manager@jibek-zholy.example.kz',
    hospital: 'international@xj-tcm.example.cn',
    operator: 'operator@shifa.example',
  } as const;

  it.each(routes.map((route) => ({ id: route.id, route })))(
    'are refused with 400 invalid_query by $id, before anything is done',
    async ({ route }) => {
      const path = route.path.replaceAll(/\{[^}]+\}/g, 'unknown-id');
      const as = route.auth === 'public' ? undefined : USER_OF_ROLE[route.auth.roles[0] ?? 'operator'];

      const response = await api.request(route.method, `${path}?unknownParam=1`, {
        ...(as === undefined ? {} : { as }),
        headers: { 'idempotency-key': randomUUID() },
        ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: {} }),
      });

      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body).toMatchObject({
        error: {
          code: 'invalid_query',
          details: expect.arrayContaining([
            { path: 'unknownParam', message: expect.any(String), code: 'unrecognized_keys' },
          ]),
        },
      });
    },
  );
});

describe('the response check every integration test runs', () => {
  const response = (overrides: Partial<HandlerResponse>): HandlerResponse => ({
    routeId: 'getPackage',
    method: 'GET',
    path: '/packages/x',
    status: 404,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify({
      error: { code: 'package_not_found', message: 'no such package' },
      requestId: 'r',
    }),
    ...overrides,
  });

  it('accepts a documented error in the error shape', () => {
    expect(checkResponse(response({}))).toBeUndefined();
  });

  it('names the route and the offending path when a success body breaks its schema', () => {
    const problem = checkResponse(
      response({
        routeId: 'listPackages',
        status: 200,
        body: '{"language":"en","items":3,"nextCursor":null}',
      }),
    );

    expect(problem).toMatch(/listPackages/);
    expect(problem).toMatch(/items/);
  });

  it('refuses fields the schema does not document', () => {
    const problem = checkResponse(
      response({
        routeId: 'listPackages',
        status: 200,
        body: '{"language":"en","items":[],"nextCursor":null,"debug":1}',
      }),
    );

    expect(problem).toMatch(/does not document: debug/);
  });

  it('refuses a status the route does not document', () => {
    expect(checkResponse(response({ status: 409 }))).toMatch(/not documented/);
  });

  it('refuses an error body that is not in the error shape', () => {
    expect(checkResponse(response({ body: '{"message":"Not Found"}' }))).toMatch(/error/);
  });

  it('refuses a route that has no operation', () => {
    expect(checkResponse(response({ routeId: 'madeUpRoute' }))).toMatch(/no such route/);
  });

  it('is wired into the local server: a response it refuses becomes a 500 naming the problem', async () => {
    const seen: HandlerResponse[] = [];
    const server = createApiServer({
      issuer: await ephemeralIssuer(),
      checkResponse: (checked) => {
        seen.push(checked);
        return `${checked.routeId} refused for the test`;
      },
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const answer = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi.json`);

      expect(answer.status).toBe(500);
      expect(await answer.json()).toEqual({ message: 'getOpenApiDocument refused for the test' });
      expect(seen[0]).toMatchObject({ routeId: 'getOpenApiDocument', status: 200 });
    } finally {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  });
});
