/**
 * Holds a handler's response to what the OpenAPI document promises for its
 * route and status: the documented success schema, or the error shape for
 * 4xx and 5xx. Fields the schema does not name count as a mismatch too, since
 * the document says no other fields come.
 */
import { isDeepStrictEqual } from 'node:util';
import { ErrorResponse } from '@shifa/contracts';
import { operations } from '@shifa/functions/operations';
import { documentedResponses } from '@shifa/functions/platform/openapi-document';
import { fallbackRoute, type RouteId, routes } from '@shifa/functions/routes';
import type { HandlerResponse } from '@shifa/local/api-server';
import type * as z from 'zod';

/** Paths of fields in `sent` that parsing dropped, i.e. that the schema does not name. */
function undocumentedFields(sent: unknown, parsed: unknown, path: string): string[] {
  if (Array.isArray(sent) && Array.isArray(parsed)) {
    return sent.flatMap((item, index) => undocumentedFields(item, parsed[index], `${path}[${index}]`));
  }
  if (sent === null || parsed === null || typeof sent !== 'object' || typeof parsed !== 'object') return [];
  return Object.entries(sent).flatMap(([key, value]) => {
    const at = path === '' ? key : `${path}.${key}`;
    return key in parsed ? undocumentedFields(value, (parsed as Record<string, unknown>)[key], at) : [at];
  });
}

function mismatch(schema: z.ZodType, body: unknown): string | undefined {
  const result = schema.safeParse(body);
  if (!result.success) {
    return result.error.issues
      .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
      .join('; ');
  }
  if (isDeepStrictEqual(result.data, body)) return undefined;
  const extra = undocumentedFields(body, result.data, '');
  return extra.length > 0
    ? `fields the schema does not document: ${extra.join(', ')}`
    : 'the body differs from what its schema makes of it (a default or transform)';
}

/** A problem with the response, or undefined when it is as documented. */
export function checkResponse(response: HandlerResponse): string | undefined {
  const where = `${response.method} ${response.path} (${response.routeId}) answered ${response.status}`;
  const route = routes.find((candidate) => candidate.id === response.routeId);
  const documented =
    route === undefined
      ? undefined
      : documentedResponses(route, operations[route.id as RouteId]).get(response.status);
  if (route === undefined && response.routeId !== fallbackRoute.id) return `${where}: no such route`;
  if (route !== undefined && operations[route.id as RouteId] === undefined) {
    return `${where}: the route has no operation; declare its schemas in functions/<area>/operations.ts`;
  }
  // The $default route only answers 404 or 405 for requests no route serves.
  const isFallbackError = route === undefined && (response.status === 404 || response.status === 405);
  if (documented === undefined && !isFallbackError) {
    return `${where}: that status is not documented for the route`;
  }
  if (documented?.kind === 'success' && documented.schema === null) {
    return response.body === '' ? undefined : `${where}: documented without a body, but a body came`;
  }
  if (!/^application\/(.+\+)?json\b/i.test(response.contentType ?? '')) {
    return `${where}: content type ${response.contentType ?? '(none)'}, documented as application/json`;
  }
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return `${where}: the body is not JSON`;
  }
  const schema = documented?.kind === 'success' ? documented.schema : ErrorResponse;
  const problem = schema === null ? undefined : mismatch(schema, body);
  return problem === undefined ? undefined : `${where}, not matching its documented schema: ${problem}`;
}
