/**
 * The OpenAPI 3.1 document, generated from the route table and each route's
 * zod schemas (input schemas for parameters and bodies, output schemas for
 * responses), never written by hand. `documentedResponses` is the one list of
 * what a route may answer; the document and the tests' response checks both
 * read it, so they cannot disagree.
 */
import {
  ErrorResponse,
  GatewayErrorResponse,
  type OpenApiDocument,
  REQUEST_HEADERS,
  type RequestHeader,
} from '@shifa/contracts';
import * as z from 'zod';
import { type Operation, type Operations, operations } from '../operations';
import { headersOf, type RouteDeclaration, routes, throttleOf } from '../routes';

type JsonSchema = Record<string, unknown>;

/** Bodies that are not ours to shape: API Gateway's, or the one error shape of every handler. */
export const SHARED_SCHEMAS = { ErrorResponse, GatewayErrorResponse } as const;
type SharedSchema = keyof typeof SHARED_SCHEMAS;

export type DocumentedResponse =
  | { kind: 'success'; description: string; schema: z.ZodType | null }
  | {
      kind: 'error';
      description: string;
      schemas: readonly SharedSchema[];
      /** The response carries Retry-After: when to ask again. */
      retryAfter?: boolean;
    };

const SUCCESS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No content',
};

const ERROR_TEXT: Record<number, string> = {
  404: 'Not found (or another tenant’s, which is answered the same)',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable',
  428: 'Precondition required',
};

/** Every status a route may answer, with its body: declared successes and errors, and those every route shares. */
export function documentedResponses(
  route: RouteDeclaration,
  operation: Operation | undefined,
): Map<number, DocumentedResponse> {
  const responses = new Map<number, DocumentedResponse>();
  for (const [status, schema] of Object.entries(operation?.responses ?? {})) {
    if (schema === undefined) continue;
    responses.set(Number(status), {
      kind: 'success',
      description: SUCCESS_TEXT[Number(status)] ?? 'Success',
      schema,
    });
  }
  const error = (
    status: number,
    description: string,
    schemas: readonly SharedSchema[] = ['ErrorResponse'],
    retryAfter = false,
  ) => responses.set(status, { kind: 'error', description, schemas, ...(retryAfter ? { retryAfter } : {}) });

  error(400, 'The request is not valid; `error.details` names each problem by its path');
  if (signedByStripe(route)) {
    error(
      401,
      'The Stripe-Signature header is missing, does not sign this exact body, or is too old: webhook_unsigned, webhook_bad_signature, webhook_stale',
    );
  }
  if (route.auth !== 'public') {
    error(401, 'No valid bearer token: API Gateway’s JWT authorizer answers `{"message":"Unauthorized"}`', [
      'GatewayErrorResponse',
      'ErrorResponse',
    ]);
    error(
      403,
      `The token holds none of the roles this route allows (${route.auth.roles.join(', ')}): forbidden_role, or organisation_missing`,
    );
  }
  if (operation?.body !== undefined) {
    error(413, 'The body is larger than 64 KiB: payload_too_large');
    error(415, 'The body is not sent as application/json: unsupported_media_type');
  }
  for (const [status, codes] of Object.entries(operation?.errors ?? {})) {
    // A 409 may be a moment's contention (transaction_conflict, decision_in_progress): it says when to retry.
    error(
      Number(status),
      `${ERROR_TEXT[Number(status)] ?? 'Error'}: ${codes}`,
      ['ErrorResponse'],
      status === '409',
    );
  }
  const { rateLimit, burstLimit } = throttleOf(route);
  error(
    429,
    `Too many requests: API Gateway lets ${rateLimit} requests a second (bursts of ${burstLimit}) through to this operation, from all callers together. Wait (Retry-After seconds when given, else a second, doubling) and retry.`,
    ['GatewayErrorResponse'],
    true,
  );
  error(
    500,
    'Something failed on our side (internal_error); API Gateway answers `{"message":"Internal Server Error"}` if the function itself fails',
    ['ErrorResponse', 'GatewayErrorResponse'],
  );
  return responses;
}

/** Ids of routes that have no operation: each must declare its schemas in functions/<area>/operations.ts. */
export const missingOperations = (declared: readonly RouteDeclaration[], declaredOperations: Operations) =>
  declared.filter((route) => !(route.id in declaredOperations)).map((route) => route.id);

const DESCRIPTION = `Packaged Traditional Chinese Medicine health tours in Xinjiang: tourists search and book packages, agencies compose and sell them, hospitals accept or decline each booking, operators verify agencies and hospitals.

**Authorisation.** Operations marked with \`bearerAuth\` need an ID token (Amazon Cognito on AWS; \`npm run token\` locally) whose groups hold one of the roles the operation names. No token, or an invalid or expired one: 401. A valid token without an allowed role: 403. Another tenant's object (another agency's package, a booking for another hospital, another tourist's booking): 404, exactly as for an id that does not exist, so other tenants' ids cannot be probed. An agency or hospital user acts for the one organisation named in the token.

**Input.** Query parameters, path parameters and bodies are checked against the schemas below. Unknown parameters and fields are refused (400), so a misspelt field never goes unnoticed; strings, arrays and integers are bounded, and each integer says whether it is \`int32\` or \`int64\`. A 400 lists each problem with its path in \`error.details\`.

**Money** is an integer number of the currency's minor units (tiyn, kopecks, fen, cents) beside an ISO 4217 \`currency\`; never a fraction.

**Dates and times** are UTC: dates as YYYY-MM-DD, instants as ISO 8601 with a trailing Z.

**Errors** all have one shape, \`{"error":{"code","message","details"},"requestId"}\`; \`code\` is stable and meant for programs, \`message\` for people. Responses API Gateway gives on its own (401 from the authorizer, 429, a failed function's 500) are \`{"message"}\`.

**Concurrency.** Objects that can be edited carry a \`version\`; an edit based on an older one is refused with 409 \`version_conflict\`.

**Languages.** Texts are answered in \`lang\` if given, else by \`Accept-Language\`, falling back to Russian, then English.`;

const areaOf = (route: RouteDeclaration): string => route.unit;

/** The Stripe webhook's credential is its signature header: its security scheme, not a parameter. */
const signedByStripe = (route: RouteDeclaration): boolean =>
  route.headers?.includes('Stripe-Signature') ?? false;

const isCredential = (name: RequestHeader): boolean => REQUEST_HEADERS[name].credential;

/** The headers a route reads, as header parameters from their one declaration. */
function headerParameters(route: RouteDeclaration, converter: SchemaConverter): JsonSchema[] {
  return headersOf(route)
    .filter(({ name }) => !isCredential(name))
    .map(({ name, required }) => {
      const { description, ...schema } = converter.convert(REQUEST_HEADERS[name].schema, 'input', route.id);
      return { name, in: 'header', required, description, schema };
    });
}

const RETRY_AFTER = {
  description: 'Seconds to wait before trying again',
  schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 3600 },
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Converts zod schemas, moving any shared or recursive definitions into `components.schemas`. */
class SchemaConverter {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: 'input' | 'output', context: string): JsonSchema {
    const {
      $schema: _dialect,
      $defs,
      ...json
    } = z.toJSONSchema(schema, {
      io,
      target: 'draft-2020-12',
      unrepresentable: 'any',
    }) as JsonSchema;
    // Names zod makes up for recursive schemas repeat across conversions; ids given with .meta() do not.
    const names = new Map<string, string>();
    for (const name of Object.keys(($defs as JsonSchema | undefined) ?? {})) {
      const base = name.startsWith('__') ? `${context}${name.slice(1)}` : name;
      names.set(name, io === 'input' ? `${base}Input` : base);
    }
    const rewrite = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(rewrite);
      if (node === null || typeof node !== 'object') return node;
      const out: JsonSchema = {};
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') {
          if (!value.startsWith('#/$defs/')) {
            throw new Error(`${context}: a schema refers to itself at its root; give it an id with .meta()`);
          }
          out.$ref = `#/components/schemas/${names.get(value.slice('#/$defs/'.length))}`;
        } else out[key] = rewrite(value);
      }
      return out;
    };
    for (const [name, definition] of Object.entries(($defs as JsonSchema | undefined) ?? {})) {
      const target = names.get(name) as string;
      const converted = rewrite(definition) as JsonSchema;
      const existing = this.components[target];
      if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(converted)) {
        throw new Error(`${context}: two different schemas are both named ${target}`);
      }
      this.components[target] = converted;
    }
    return rewrite(json) as JsonSchema;
  }
}

function parameters(
  schema: z.ZodType | undefined,
  location: 'query' | 'path',
  converter: SchemaConverter,
  context: string,
): JsonSchema[] {
  if (schema === undefined) return [];
  const json = converter.convert(schema, 'input', context);
  const properties = json.properties as Record<string, JsonSchema> | undefined;
  if (json.type !== 'object' || properties === undefined) {
    throw new Error(`${context}: the ${location} schema must be an object of named parameters`);
  }
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, { description, ...property }]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    ...(typeof description === 'string' ? { description } : {}),
    schema: property,
  }));
}

function responseObject(response: DocumentedResponse, converter: SchemaConverter, context: string) {
  if (response.kind === 'error') {
    const [only] = response.schemas;
    const schema =
      response.schemas.length === 1 && only !== undefined ? ref(only) : { anyOf: response.schemas.map(ref) };
    return {
      description: response.description,
      ...(response.retryAfter ? { headers: { 'Retry-After': RETRY_AFTER } } : {}),
      content: { 'application/json': { schema } },
    };
  }
  if (response.schema === null) return { description: response.description };
  return {
    description: response.description,
    content: { 'application/json': { schema: converter.convert(response.schema, 'output', context) } },
  };
}

function operationObject(
  route: RouteDeclaration,
  operation: Operation | undefined,
  converter: SchemaConverter,
) {
  const context = route.id;
  const body = operation?.body;
  const responses: Record<string, unknown> = {};
  for (const [status, response] of [...documentedResponses(route, operation)].sort(([a], [b]) => a - b)) {
    responses[String(status)] = responseObject(response, converter, context);
  }
  const parameterList = [
    ...parameters(operation?.path, 'path', converter, context),
    ...parameters(operation?.query, 'query', converter, context),
    ...headerParameters(route, converter),
  ];
  return {
    operationId: route.id,
    summary: operation?.summary ?? route.id,
    tags: [areaOf(route)],
    ...(route.auth !== 'public'
      ? { description: `For ${route.auth.roles.join(' or ')} accounts.`, security: [{ bearerAuth: [] }] }
      : signedByStripe(route)
        ? {
            description: 'For Stripe only: events signed with the endpoint’s secret.',
            security: [{ stripeSignature: [] }],
          }
        : { description: 'Needs no token.', security: [] }),
    ...(parameterList.length === 0 ? {} : { parameters: parameterList }),
    ...(body === undefined
      ? {}
      : {
          requestBody: {
            // A body schema that accepts nothing at all makes the body optional.
            required: !body.safeParse(undefined).success,
            content: { 'application/json': { schema: converter.convert(body, 'input', context) } },
          },
        }),
    responses,
  };
}

export function buildOpenApiDocument(
  declared: readonly RouteDeclaration[],
  declaredOperations: Operations,
): OpenApiDocument {
  const converter = new SchemaConverter();
  for (const [name, schema] of Object.entries(SHARED_SCHEMAS)) {
    converter.components[name] = converter.convert(schema, 'output', name);
  }
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of declared) {
    const operation = declaredOperations[route.id as keyof Operations];
    const item = paths[route.path] ?? {};
    item[route.method.toLowerCase()] = operationObject(route, operation, converter);
    paths[route.path] = item;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Shifa marketplace API',
      version: '1.0.0',
      description: DESCRIPTION,
      contact: { name: 'Shifa operators', email: 'ops@shifa.example' },
    },
    // The API serves this document itself, so its own origin is the server: production on AWS,
    // http://localhost:3000 under `npm start`. Agencies, hospitals and tourists all call it.
    servers: [
      {
        url: '/',
        description: 'The origin this document is served from (production on AWS, local under npm start)',
        'x-internal': false,
      },
    ],
    tags: [...new Set(declared.map(areaOf))].sort().map((name) => ({ name })),
    paths,
    components: {
      schemas: converter.components,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A JWT following RFC8725 (JSON Web Token Best Current Practices): an ID token signed RS256 (no other algorithm is accepted) by the marketplace’s issuer (the Amazon Cognito user pool on AWS, `https://cognito-idp.<region>.amazonaws.com/<pool id>`; the local issuer under `npm start`, whose keys are at `/.well-known/jwks.json`), with `aud` the web client’s id, `token_use` `id`, an `exp` in the future (tokens last one hour), and the caller’s role in `cognito:groups`. Anything else is answered 401.',
        },
        stripeSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'Stripe-Signature',
          description:
            'Stripe’s signature of the exact body with the endpoint’s signing secret (`t=<unix time>,v1=<HMAC-SHA256 hex>`), at most five minutes old.',
        },
      },
    },
  };
}

let built: OpenApiDocument | undefined;

/** The document for the declared routes, built once per process. */
export function openApiDocument(): OpenApiDocument {
  built ??= buildOpenApiDocument(routes, operations);
  return built;
}
