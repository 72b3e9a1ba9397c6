/**
 * Contract tests generated from the OpenAPI document the running API serves, as
 * a new user's tooling would make them: the document is read over HTTP from
 * GET /openapi.json, and every request is built from what it declares (path
 * parameters, required query parameters and headers, a body sampled from the
 * request body's schema, a token for a role the operation names). Nothing here
 * imports the API's schemas or route table.
 *
 * Each operation is called as documented, then with one thing wrong at a time:
 * an unknown query parameter (400), no token (401), a role it does not name
 * (403), an id nobody has (404, where documented), a body that is not JSON
 * (415), too large (413), or with a field the schema does not name (400). The
 * answer's status must be the one expected and documented, and its body must
 * match that status's schema in the document (checked with Ajv, JSON Schema
 * 2020-12, against the document's own components).
 *
 * What the document cannot give is kept in two small tables: who signs in for
 * each role, and the objects the demo data lacks (a booking, a delivery, a medical record).
 */
import { randomUUID } from 'node:crypto';
import { addDays, todayUtc } from '@shifa/domain';
import { loadDemoData } from '@shifa/local/demo';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { generateSync, type JsonSchema } from 'json-schema-faker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, type RequestOptions, startApi } from './support/api';
import { bookingMaker } from './support/booking-events';
import { busEvent, parkDeliveries } from './support/delivery';
import { usePaymentSimulator } from './support/payments';
import { useRecordsStore } from './support/records';
import { useTable } from './support/table';

type Schema = Record<string, unknown>;
type Parameter = {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
};
type MediaTypes = Record<string, { schema?: Schema }>;
type OperationObject = {
  operationId: string;
  description?: string;
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: MediaTypes };
  responses: Record<string, { description: string; content?: MediaTypes }>;
};
type SecurityScheme = { type: string; scheme?: string; in?: string; name?: string };
type OpenApi = {
  openapi: string;
  security?: Record<string, string[]>[];
  paths: Record<string, Record<string, OperationObject>>;
  components?: { securitySchemes?: Record<string, SecurityScheme> };
};
type Operation = OperationObject & { method: string; path: string };

useTable();
useRecordsStore();
const api = await startApi({ checkResponses: false });
afterAll(() => api.close());
const stripe = usePaymentSimulator(api);
const today = todayUtc(new Date());

const served = await api.get('/openapi.json');
if (served.status !== 200) throw new Error(`GET /openapi.json answered ${served.status}`);
const document = served.body as OpenApi;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const operations: Operation[] = Object.entries(document.paths).flatMap(([path, item]) =>
  METHODS.flatMap((method) => {
    const operation = item[method];
    return operation === undefined ? [] : [{ ...operation, method: method.toUpperCase(), path }];
  }),
);
// Reads first, then edits, then deletions: an operation that changes the demo data runs after
// those that only read it.
const ORDER = ['GET', 'PUT', 'POST', 'PATCH', 'DELETE'];
// Last of all: erasing the tourist's personal data deletes what other operations find to act on.
const LAST = new Set(['erasePersonalData']);
const rank = (operation: Operation) =>
  ORDER.indexOf(operation.method) + (LAST.has(operation.operationId) ? ORDER.length : 0);
operations.sort((a, b) => rank(a) - rank(b));

/** The demo user who signs in for each role the document names; the document cannot say who. */
const USERS = {
  tourist: 'tourist-aigerim',
  agency: 'agency-jibek-zholy',
  hospital: 'hospital-xj-tcm',
  operator: 'operator',
} as const;
type Role = keyof typeof USERS;
const isRole = (name: string): name is Role => name in USERS;

/** Operations whose success the document alone cannot reach; only their refusals are tested. */
const UNREACHABLE: Record<string, string> = {
  stripeWebhook:
    'a Stripe-Signature must be computed from the body with the endpoint secret, which the document cannot give',
};

/**
 * Operations whose bodies refer to other objects by id and obey rules across fields that a JSON
 * Schema cannot state (a package's programme, hotel and nights): a sample from the schema alone is
 * refused with the documented 400 and this code, naming each problem. Their success is tested by
 * test/agency-packages.test.ts with real references.
 */
const COMPOSED: Record<string, string> = {
  createAgencyPackage: 'invalid_composition',
  updateAgencyPackage: 'invalid_composition',
};

// ── reading the document ──

/** The security schemes an operation requires (none when one of its requirements is empty). */
const schemesOf = (operation: Operation): SecurityScheme[] => {
  const security = operation.security ?? document.security ?? [];
  if (security.length === 0 || security.some((requirement) => Object.keys(requirement).length === 0))
    return [];
  return security.flatMap((requirement) =>
    Object.keys(requirement).flatMap((name) => document.components?.securitySchemes?.[name] ?? []),
  );
};

/** Needs a bearer token: called with a token of a role it names; 401 without, 403 with another role. */
const isSecured = (operation: Operation) =>
  schemesOf(operation).some((scheme) => scheme.type === 'http' && scheme.scheme === 'bearer');

/** Needs a header credential (an apiKey scheme, such as Stripe's signature): 401 without it. */
const keyHeaderOf = (operation: Operation): string | undefined =>
  schemesOf(operation).find((scheme) => scheme.type === 'apiKey' && scheme.in === 'header')?.name;

/** The roles the operation's description names: "For tourist or agency accounts." */
function rolesOf(operation: Operation): Role[] {
  const named = /For (.+?) accounts/.exec(operation.description ?? '')?.[1];
  return named === undefined ? [] : named.split(/,\s*|\s+or\s+/).filter(isRole);
}

const parametersOf = (operation: Operation, where: Parameter['in']) =>
  (operation.parameters ?? []).filter((parameter) => parameter.in === where);

const bodySchemaOf = (operation: Operation): Schema | undefined =>
  operation.requestBody?.content['application/json']?.schema;

/** A path parameter that names an object, as opposed to a choice among a few values (`kind`). */
const namesAnObject = (parameter: Parameter) => parameter.schema?.enum === undefined;

/**
 * Bodies above this are refused with 413 (README: "bodies (64 KiB)"). Not read from the 413's
 * description: where an operation lists 413 among its own errors, that text loses the limit.
 */
const BODY_LIMIT_BYTES = 64 * 1024;

// ── answers held to the document ──

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(document, 'openapi.json');

const pointer = (...parts: string[]) =>
  parts.map((part) => encodeURIComponent(part.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/');

const validators = new Map<string, ValidateFunction>();
function validatorFor(...parts: string[]): ValidateFunction {
  const ref = `openapi.json#/${pointer(...parts)}`;
  let validate = validators.get(ref);
  if (validate === undefined) {
    validate = ajv.getSchema(ref);
    if (validate === undefined) throw new Error(`no schema at ${ref}`);
    validators.set(ref, validate);
  }
  return validate;
}

/** What is wrong with the answer by the document: an undocumented status, or a body off its schema. */
function offContract(operation: Operation, response: ApiResponse): string[] {
  const documented = operation.responses[String(response.status)];
  if (documented === undefined) {
    return [`${response.status} is not documented (${Object.keys(operation.responses).join(', ')})`];
  }
  if (documented.content === undefined) {
    return response.body === undefined ? [] : [`${response.status} is documented without a body`];
  }
  const contentType = response.headers.get('content-type') ?? '';
  if (documented.content['application/json'] === undefined || !/^application\/json\b/.test(contentType)) {
    return [`content type ${contentType}, documented as ${Object.keys(documented.content).join(', ')}`];
  }
  const validate = validatorFor(
    'paths',
    operation.path,
    operation.method.toLowerCase(),
    'responses',
    String(response.status),
    'content',
    'application/json',
    'schema',
  );
  if (validate(response.body)) return [];
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || '(body)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
  );
}

function expectAnswer(operation: Operation, response: ApiResponse, status: number | 'accepted'): void {
  const seen = `${response.status} ${JSON.stringify(response.body)?.slice(0, 800)}`;
  if (status === 'accepted') {
    // A read of an object that exists succeeds; an edit may be refused for the state the demo
    // data is in (404, 409, 410, 422), but never as a bad request nor by a failure on our side.
    const allowed =
      operation.method === 'GET' ? [200, 201, 202, 204] : [200, 201, 202, 204, 404, 409, 410, 422];
    expect(allowed, seen).toContain(response.status);
  } else {
    expect(response.status, seen).toBe(status);
  }
  expect(offContract(operation, response), seen).toEqual([]);
}

/** The 400 names the offending parameter or field, as the document's description promises. */
function expectNamed(response: ApiResponse, name: string): void {
  const details = (response.body as { error?: { details?: { path?: string }[] } } | undefined)?.error
    ?.details;
  const paths = (details ?? []).map((detail) => detail.path ?? '');
  expect(
    paths.some((path) => path.split('.').includes(name)),
    JSON.stringify(response.body),
  ).toBe(true);
}

// ── requests built from the document ──

const DATE = addDays(today, 60);
let seed = 1;

/** A value the schema allows, made by json-schema-faker: required properties only, few items. */
function sample(schema: Schema, fresh = false): unknown {
  const value = generateSync(fewItems(schema) as JsonSchema, {
    seed: fresh ? ++seed : 7,
    optionalsProbability: 0,
    useDefaultValue: true,
    useExamplesValue: true,
    formats: {
      date: () => DATE,
      'date-time': () => new Date().toISOString(),
      uri: () => 'https://example.com/',
      uuid: () => randomUUID(),
    },
  });
  const validate = ajv.compile(schema);
  if (!validate(value)) {
    throw new Error(
      `the sample ${JSON.stringify(value)} breaks its own schema: ${ajv.errorsText(validate.errors)}`,
    );
  }
  return value;
}

/** The schema with each list as short as it may be, so that samples stay small. */
function fewItems(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(fewItems);
  if (node === null || typeof node !== 'object') return node;
  const copy = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fewItems(value)]));
  if (copy.type === 'array') {
    const least = Math.max(typeof copy.minItems === 'number' ? copy.minItems : 0, 1);
    copy.maxItems = typeof copy.maxItems === 'number' ? Math.min(copy.maxItems, least) : least;
  }
  // A map whose keys are named by propertyNames (a text by language): json-schema-faker makes up
  // key names, so the first allowed key is spelt out as the one property a sample needs.
  const names = (copy.propertyNames as { enum?: unknown[] } | undefined)?.enum;
  if (copy.type === 'object' && Array.isArray(names) && typeof names[0] === 'string') {
    const { propertyNames: _names, additionalProperties, minProperties: _least, ...rest } = copy;
    return {
      ...rest,
      properties: { [names[0]]: additionalProperties ?? {} },
      required: [names[0]],
      additionalProperties: false,
    };
  }
  return copy;
}

/** Path values, the object the last one was found in, and the whole answer that object came from. */
type Pick = { values: Record<string, string>; found: Record<string, unknown>; read: unknown };

/** The first object in `node`, depth first, that `accept` takes. */
function findObject(
  node: unknown,
  accept: (object: Record<string, unknown>) => boolean,
): Record<string, unknown> | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findObject(item, accept);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (node === null || typeof node !== 'object') return undefined;
  const object = node as Record<string, unknown>;
  if (accept(object)) return object;
  return findObject(Object.values(object), accept);
}

const fill = (path: string, values: Record<string, string>) =>
  path.replace(/\{([^}]+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : encodeURIComponent(values[name]),
  );

const operationAt = (path: string, method: string) =>
  operations.find((operation) => operation.path === path && operation.method === method);

function tokenRoleFor(operation: Operation, preferred: Role | undefined): Role | undefined {
  const roles = rolesOf(operation);
  return preferred !== undefined && roles.includes(preferred) ? preferred : roles[0];
}

/** The list's filters that choose among a few values: a list may show only one kind by default. */
const filtersOf = (list: Operation) => [
  '',
  ...parametersOf(list, 'query').flatMap((parameter) =>
    parameter.required !== true && Array.isArray(parameter.schema?.enum)
      ? parameter.schema.enum.map((value) => `${parameter.name}=${encodeURIComponent(String(value))}`)
      : [],
  ),
];

/**
 * Real values for the operation's path parameters, read the way a client finds them: from the
 * GET of the collection the parameter's segment belongs to (or of the object above it), with each
 * of its filters if need be, in the first object that has a field of the parameter's name (or
 * `id`) and agrees with the values found so far.
 */
async function pathValues(operation: Operation, role: Role | undefined): Promise<Pick> {
  const pick: Pick = { values: {}, found: {}, read: undefined };
  const segments = operation.path.split('/');
  const agrees = (candidate: Record<string, unknown>) =>
    Object.entries(pick.values).every(
      ([name, known]) => candidate[name] === undefined || candidate[name] === known,
    );
  for (const parameter of parametersOf(operation, 'path')) {
    const at = segments.indexOf(`{${parameter.name}}`);
    let object: Record<string, unknown> | undefined;
    for (let end = at; end > 1 && object === undefined; end -= 1) {
      const list = operationAt(segments.slice(0, end).join('/'), 'GET');
      if (list === undefined) continue;
      for (const filter of filtersOf(list)) {
        const response = await call(list, {
          role: tokenRoleFor(list, role),
          values: pick.values,
          query: filter,
        });
        object =
          findObject(response.body, (it) => typeof it[parameter.name] === 'string' && agrees(it)) ??
          findObject(response.body, (it) => typeof it.id === 'string' && agrees(it));
        if (object !== undefined) {
          pick.read = response.body;
          break;
        }
      }
    }
    const value = object?.[parameter.name] ?? object?.id;
    if (object === undefined || typeof value !== 'string') {
      throw new Error(
        `${operation.operationId}: no ${parameter.name} found by reading the collections above it`,
      );
    }
    pick.values[parameter.name] = value;
    pick.found = object;
  }
  return pick;
}

type Call = {
  role?: Role | undefined;
  values?: Record<string, string>;
  query?: string;
  body?: unknown;
  headers?: Record<string, string>;
  withoutToken?: boolean;
};

/** Sends the operation with its required query parameters and headers sampled from their schemas. */
async function call(operation: Operation, options: Call): Promise<ApiResponse> {
  const query = new URLSearchParams();
  for (const parameter of parametersOf(operation, 'query')) {
    if (parameter.required === true) query.set(parameter.name, String(sample(parameter.schema ?? {})));
  }
  const headers: Record<string, string> = {};
  for (const parameter of parametersOf(operation, 'header')) {
    // A fresh value each time: Idempotency-Key must not repeat across different requests.
    if (parameter.required === true) headers[parameter.name] = String(sample(parameter.schema ?? {}, true));
  }
  Object.assign(headers, options.headers);
  const search = [query.toString(), options.query ?? ''].filter((part) => part !== '').join('&');
  const path = `${fill(operation.path, options.values ?? {})}${search === '' ? '' : `?${search}`}`;
  const request: RequestOptions = { headers };
  if (options.body !== undefined) request.body = options.body;
  if (isSecured(operation) && options.withoutToken !== true) {
    const role = options.role ?? rolesOf(operation)[0];
    const user = role === undefined ? undefined : USERS[role];
    if (user === undefined) throw new Error(`${operation.operationId}: no role to call it as`);
    request.as = user;
  }
  return api.request(operation.method, path, request);
}

/** A body the schema allows; an object's `version` is the one read, as the document asks of edits. */
async function bodyFor(operation: Operation, role: Role | undefined, pick: Pick): Promise<unknown> {
  const schema = bodySchemaOf(operation);
  if (schema === undefined) return undefined;
  const body = sample(schema);
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  if (body !== null && typeof body === 'object' && 'version' in properties) {
    const read = operationAt(operation.path, 'GET');
    // Read the object itself, else take it from the answer its id was found in (a departure's
    // edit carries its package's version).
    const current =
      read === undefined
        ? [pick.found, pick.read]
        : [(await call(read, { role: tokenRoleFor(read, role), values: pick.values })).body];
    const version = current
      .map((object) => (object as { version?: unknown } | undefined)?.version)
      .find((value) => typeof value === 'number');
    if (typeof version === 'number') Object.assign(body, { version });
  }
  return body;
}

/** The operation's documented request: real ids, a sampled body, a token of a role it names. */
async function documentedRequest(operation: Operation): Promise<Call & { pick: Pick }> {
  const role = rolesOf(operation)[0];
  const pick = await pathValues(operation, role);
  return { role, values: pick.values, body: await bodyFor(operation, role, pick), pick };
}

// ── the objects the demo data lacks ──

beforeAll(async () => {
  await loadDemoData(today);
  // No demo data has a booking or a hospital delivery: one paid booking of the demo tourist at the
  // demo hospital, and one delivery to that hospital about it, give the operations on them an id.
  const bookings = bookingMaker(api, stripe, today, 'xj-tcm-hospital');
  const booking = await bookings.paid({ as: USERS.tourist });
  await parkDeliveries();
  const { handler } = await import('@shifa/functions/hospital-delivery/enqueue');
  await handler(busEvent(await bookings.event(booking.bookingId, 'BookingRequested')));
  // Nor a medical record: one the demo tourist declared, so the operations on a record have an id.
  const record = await api.request('POST', '/records', {
    as: USERS.tourist,
    headers: { 'idempotency-key': randomUUID() },
    body: { fileName: 'discharge-summary.pdf', contentType: 'application/pdf', size: 2048 },
  });
  if (record.status !== 201) throw new Error(`POST /records answered ${record.status}`);
});

// ── the tests ──

describe('the served OpenAPI document', () => {
  it('is OpenAPI 3.1 with an operationId on every operation', () => {
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(operations.filter((operation) => operation.operationId === undefined)).toEqual([]);
  });

  it.each(['Idempotency-Key', 'Accept-Language', 'Stripe-Signature'])(
    'declares the %s header the API reads, as a header parameter or a header security scheme',
    (name) => {
      const declaring = operations.filter(
        (operation) =>
          parametersOf(operation, 'header').some(
            (parameter) => parameter.name.toLowerCase() === name.toLowerCase(),
          ) || keyHeaderOf(operation)?.toLowerCase() === name.toLowerCase(),
      );

      expect(declaring.map((operation) => operation.operationId)).not.toEqual([]);
    },
  );
});

describe.each(
  operations.map(
    (operation) => [`${operation.operationId} (${operation.method} ${operation.path})`, operation] as const,
  ),
)('%s', (_name, operation) => {
  const roles = rolesOf(operation);
  const wrongRole = Object.keys(USERS)
    .filter(isRole)
    .find((role) => !roles.includes(role));
  const body = bodySchemaOf(operation);
  let prepared: Promise<Call & { pick: Pick }> | undefined;
  const documented = () => {
    prepared ??= documentedRequest(operation);
    return prepared;
  };

  it('refuses an unknown query parameter with 400 naming it', async () => {
    const request = await documented();

    const response = await call(operation, { ...request, query: 'unknownParam=1' });

    expectAnswer(operation, response, 400);
    expectNamed(response, 'unknownParam');
  });

  const keyHeader = keyHeaderOf(operation);
  if (keyHeader !== undefined) {
    it(`answers 401 without its ${keyHeader} header`, async () => {
      const request = await documented();

      const response = await call(operation, request);

      expectAnswer(operation, response, 401);
    });
  }

  if (isSecured(operation)) {
    it('answers 401 without a token', async () => {
      const request = await documented();

      const response = await call(operation, { ...request, withoutToken: true });

      expectAnswer(operation, response, 401);
    });

    if (wrongRole !== undefined) {
      it(`answers 403 to a ${wrongRole} token`, async () => {
        const request = await documented();

        const response = await call(operation, { ...request, role: wrongRole });

        expectAnswer(operation, response, 403);
      });
    }
  }

  if (operation.responses['404'] !== undefined) {
    for (const parameter of parametersOf(operation, 'path').filter(namesAnObject)) {
      it(`answers 404 for a ${parameter.name} nobody has`, async () => {
        const request = await documented();
        const unknown = String(sample(parameter.schema ?? {}, true));
        expect(unknown).not.toBe(request.values?.[parameter.name]);

        const response = await call(operation, {
          ...request,
          values: { ...request.values, [parameter.name]: unknown },
        });

        expectAnswer(operation, response, 404);
      });
    }
  }

  if (body !== undefined) {
    it('answers 415 to a body sent as text/plain', async () => {
      const request = await documented();

      const response = await call(operation, {
        ...request,
        body: JSON.stringify(request.body ?? {}),
        headers: { 'content-type': 'text/plain' },
      });

      expectAnswer(operation, response, 415);
    });

    it('answers 413 to a body over 64 KiB', async () => {
      const request = await documented();
      // The documented body, padded with whitespace: still valid JSON, only too large.
      const padded = `${JSON.stringify(request.body ?? {})}${' '.repeat(BODY_LIMIT_BYTES + 1)}`;

      const response = await call(operation, { ...request, body: padded });

      expectAnswer(operation, response, 413);
    });

    if (body.additionalProperties === false) {
      it('refuses a body with a field the schema does not name with 400 naming it', async () => {
        const request = await documented();

        const response = await call(operation, {
          ...request,
          body: { ...(request.body as object), unknownField: 1 },
        });

        expectAnswer(operation, response, 400);
        expectNamed(response, 'unknownField');
      });
    }
  }

  if (operation.operationId in UNREACHABLE) return;
  it('answers the documented request as documented', async () => {
    const request = await documented();

    const response = await call(operation, request);

    const composed = COMPOSED[operation.operationId];
    if (composed === undefined) expectAnswer(operation, response, 'accepted');
    else {
      expectAnswer(operation, response, 400);
      expect((response.body as { error: { code: string } }).error.code).toBe(composed);
    }
  });
});
