/**
 * Every HTTP route, declared once as data. The CDK app makes one Lambda function
 * and one API Gateway route from each entry; the local server routes requests
 * to the very same handler modules; tests enumerate them.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Role } from '@shifa/contracts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route's function may do to the table; IAM grants follow from it. */
export type TableAccess = 'read' | 'write' | 'none';

export type RouteDeclaration = {
  /** Stable name: the function's logical id and the OpenAPI operationId. */
  readonly id: string;
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/packages/{packageId}`. */
  readonly path: string;
  /** Module under functions/, without extension, exporting `handler`. */
  readonly handler: string;
  /**
   * `public` routes need no token; the others need a token whose groups hold
   * one of the roles (API Gateway's JWT authorizer on AWS, the local verifier here).
   */
  readonly auth: 'public' | { readonly roles: readonly Role[] };
  readonly table: TableAccess;
  readonly summary: string;
};

export const routes = [
  {
    id: 'listPackages',
    method: 'GET',
    path: '/packages',
    handler: 'catalog/list-packages',
    auth: 'public',
    table: 'read',
    summary: 'Search published health-tour packages',
  },
  {
    id: 'getPackage',
    method: 'GET',
    path: '/packages/{packageId}',
    handler: 'catalog/get-package',
    auth: 'public',
    table: 'read',
    summary: 'Read one published package with its departures',
  },
] as const satisfies readonly RouteDeclaration[];

export type Route = (typeof routes)[number];
export type RouteId = Route['id'];

/** The declaration of one route, for its handler; an unknown id fails to compile. */
export function route<I extends RouteId>(id: I): Extract<Route, { id: I }> {
  const found = routes.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no route ${id}`);
  return found as Extract<Route, { id: I }>;
}

export const isPublic = (declaration: RouteDeclaration): boolean => declaration.auth === 'public';

/** Absolute path of this folder, where handler modules live. */
export const FUNCTIONS_DIR = dirname(fileURLToPath(import.meta.url));

export const handlerFile = (route: Pick<RouteDeclaration, 'handler'>): string =>
  join(FUNCTIONS_DIR, `${route.handler}.ts`);

/**
 * API Gateway's `$default` route: requests no declared route matches. Its
 * handler answers 404, or 405 with `Allow`, in the API's error shape.
 */
export const fallbackRoute = {
  id: 'notFound',
  handler: 'platform/not-found',
  table: 'none',
  summary: 'Answer requests that match no route',
} as const satisfies Pick<RouteDeclaration, 'id' | 'handler' | 'table' | 'summary'>;
