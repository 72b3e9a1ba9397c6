/**
 * Everything a client can send is bounded in the OpenAPI document, as API linters and gateways
 * read it: every string has a maxLength (or is an enum or a const), every array a maxItems, every
 * integer a format and business bounds. Walks each operation's parameters and body, through every
 * nested schema and `$ref`; responses are ours to shape and are not walked.
 */
import { HOTEL_BEDS_MAX, int32, PRICE_LINE_MAX } from '@shifa/contracts';
import type { Operations } from '@shifa/functions/operations';
import { buildOpenApiDocument, openApiDocument } from '@shifa/functions/platform/openapi-document';
import { type RouteDeclaration, routes } from '@shifa/functions/routes';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';

type Json = Record<string, unknown>;
type OpenApi = ReturnType<typeof openApiDocument>;

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

const isJson = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const typesOf = (schema: Json): string[] =>
  [schema.type].flat().filter((type): type is string => typeof type === 'string');

/** What one schema node leaves unbounded, without looking into the schemas it holds. */
function problemsOf(schema: Json): string[] {
  if ('enum' in schema || 'const' in schema) return [];
  const types = typesOf(schema);
  const problems: string[] = [];
  if (types.length === 0 && !['$ref', 'anyOf', 'oneOf', 'allOf', 'not'].some((key) => key in schema)) {
    problems.push('accepts any value');
  }
  if (types.includes('string') && schema.maxLength === undefined) problems.push('string without maxLength');
  if (types.includes('array') && schema.maxItems === undefined) problems.push('array without maxItems');
  if (types.includes('integer') || types.includes('number')) {
    const minimum = (schema.minimum ?? schema.exclusiveMinimum) as number | undefined;
    const maximum = (schema.maximum ?? schema.exclusiveMaximum) as number | undefined;
    // ±(2^53 − 1) is what any JavaScript integer is held to: a bound of the language, not of the business.
    if (minimum === undefined || minimum <= Number.MIN_SAFE_INTEGER) problems.push('no business minimum');
    if (maximum === undefined || maximum >= Number.MAX_SAFE_INTEGER) problems.push('no business maximum');
    const format = schema.format;
    if (types.includes('integer') && format !== 'int32' && format !== 'int64') {
      problems.push('integer without int32/int64 format');
    }
    if (format === 'int32' && ((minimum ?? 0) < INT32.min || (maximum ?? 0) > INT32.max)) {
      problems.push('int32 with bounds outside 32 bits');
    }
  }
  return problems;
}

/** Keys whose values are schemas, by name or in a list; `not` is left out, as it bounds by refusing. */
const SCHEMA_KEYS = ['items', 'additionalProperties', 'propertyNames', 'contains', 'unevaluatedProperties'];
const SCHEMA_MAP_KEYS = ['properties', 'patternProperties', '$defs'];
const SCHEMA_LIST_KEYS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];

type Finding = { at: string; problem: string };

/**
 * Every schema node reachable from `schema`, each `$ref` followed once into `components.schemas`,
 * with what it leaves unbounded. `at` is a JSON pointer from the operation, `$ref` steps included.
 */
function walk(document: OpenApi, schema: unknown, at: string, followed = new Set<string>()) {
  const checked: string[] = [];
  const unbounded: Finding[] = [];
  const visit = (node: unknown, path: string): void => {
    if (!isJson(node)) return;
    checked.push(path);
    for (const problem of problemsOf(node)) unbounded.push({ at: path, problem });
    if (typeof node.$ref === 'string') {
      const name = node.$ref.replace('#/components/schemas/', '');
      if (followed.has(name)) return;
      followed.add(name);
      visit((document.components.schemas as Json | undefined)?.[name], `${path}/$ref:${name}`);
    }
    for (const key of SCHEMA_KEYS) visit(node[key], `${path}/${key}`);
    for (const key of SCHEMA_MAP_KEYS) {
      if (!isJson(node[key])) continue;
      for (const [name, child] of Object.entries(node[key])) visit(child, `${path}/${key}/${name}`);
    }
    for (const key of SCHEMA_LIST_KEYS) {
      const list: unknown[] = Array.isArray(node[key]) ? node[key] : [];
      for (const [index, child] of list.entries()) visit(child, `${path}/${key}/${index}`);
    }
  };
  visit(schema, at);
  return { checked, unbounded };
}

/** Each operation's parameters and request body, walked; findings named `operationId path: problem`. */
function requestBounds(document: OpenApi) {
  const checked: string[] = [];
  const unbounded: string[] = [];
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item as Record<string, Json>)) {
      const id = String(operation.operationId);
      const roots: [string, unknown][] = ((operation.parameters ?? []) as Json[]).map((parameter) => [
        `${parameter.in}/${parameter.name}`,
        parameter.schema,
      ]);
      const body = (operation.requestBody as Json | undefined)?.content as Json | undefined;
      for (const [type, media] of Object.entries(body ?? {})) {
        roots.push([`requestBody/${type}`, (media as Json).schema]);
      }
      for (const [at, schema] of roots) {
        const found = walk(document, schema, at);
        checked.push(...found.checked.map((path) => `${id} ${path}`));
        unbounded.push(...found.unbounded.map(({ at: path, problem }) => `${id} ${path}: ${problem}`));
      }
    }
  }
  return { checked, unbounded };
}

describe('the bounds of what a client can send', () => {
  it('bounds every string, array and integer of every parameter and request body', () => {
    const { checked, unbounded } = requestBounds(openApiDocument());

    // The walk reaches deep into the real document: a traveller's name inside the booking's list.
    expect(checked).toContain(
      'createBooking requestBody/application/json/properties/travellers/items/properties/fullName',
    );
    expect(unbounded).toEqual([]);
  });

  it('writes money as int64 and counts as int32, each with the bounds the business sets', () => {
    const departure = requestSchema('addAgencyDeparture');
    const offer = (departure.properties as Json).prices as Json;
    const lines = ((offer.items as Json).properties as Json).lines as Json;

    expect((lines.properties as Json).treatment).toMatchObject({
      type: 'integer',
      format: 'int64',
      minimum: 0,
      maximum: PRICE_LINE_MAX,
    });
    expect((departure.properties as Json).seats).toMatchObject({
      type: 'integer',
      format: 'int32',
      minimum: 1,
      maximum: HOTEL_BEDS_MAX,
    });
  });

  it('refuses to write int32 for bounds that do not fit in 32 bits', () => {
    expect(() => int32(0, 2 ** 31)).toThrow(RangeError);
    expect(() => int32(-(2 ** 31) - 1, 0)).toThrow(RangeError);
    expect(int32(-(2 ** 31), 2 ** 31 - 1).safeParse(2 ** 31 - 1).success).toBe(true);
  });

  it('names each unbounded field by operation and path, through nested and shared schemas', () => {
    const Node = z
      .strictObject({
        label: z.string(),
        get children() {
          return z.array(Node).max(3);
        },
      })
      .meta({ id: 'FakeNode' });
    const route = { ...routes[0], id: 'fakeOperation', path: '/fake' } as unknown as RouteDeclaration;
    const fake = {
      fakeOperation: {
        query: z.strictObject({ q: z.string(), page: z.string().max(4) }),
        body: z.strictObject({
          tags: z.array(z.string().max(20)),
          count: z.number().int().min(0).max(10),
          total: z.int().meta({ format: 'int64' }),
          wide: z
            .int()
            .min(0)
            .max(2 ** 40)
            .meta({ format: 'int32' }),
          kind: z.enum(['a', 'b']),
          note: z.string().nullable(),
          either: z.union([z.string(), z.literal(0)]),
          anything: z.unknown(),
          tree: Node,
        }),
        responses: { 200: z.object({ answered: z.string() }) },
      },
    } as unknown as Operations;

    const { unbounded } = requestBounds(buildOpenApiDocument([route], fake));

    const body = 'fakeOperation requestBody/application/json';
    expect(unbounded).toEqual([
      'fakeOperation query/q: string without maxLength',
      `${body}/properties/tags: array without maxItems`,
      `${body}/properties/count: integer without int32/int64 format`,
      `${body}/properties/total: no business minimum`,
      `${body}/properties/total: no business maximum`,
      `${body}/properties/wide: int32 with bounds outside 32 bits`,
      `${body}/properties/note: string without maxLength`,
      `${body}/properties/either/anyOf/0: string without maxLength`,
      `${body}/properties/anything: accepts any value`,
      `${body}/properties/tree/$ref:FakeNodeInput/properties/label: string without maxLength`,
    ]);
  });
});

function requestSchema(operationId: string): Json {
  const route = routes.find((declared) => declared.id === operationId) as RouteDeclaration;
  const operation = (openApiDocument().paths[route.path] as Record<string, Json>)[route.method.toLowerCase()];
  const content = (operation?.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
  return content?.['application/json']?.schema as Json;
}
