/**
 * Matching a request to a declared route, the way API Gateway does: literal
 * segments first, `{name}` for one segment, `{name+}` for the rest of the path.
 */

export type RouteShape = { readonly method: string; readonly path: string };

export type RouteMatch<R extends RouteShape> =
  | { kind: 'match'; route: R; pathParameters: Record<string, string> }
  | { kind: 'wrong_method'; allowed: string[] }
  | { kind: 'no_route' };

function matchPath(template: string, path: string): Record<string, string> | undefined {
  const want = template.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (const [index, segment] of want.entries()) {
    const greedy = /^\{(\w+)\+\}$/.exec(segment);
    if (greedy?.[1] !== undefined) {
      if (index >= have.length) return undefined;
      params[greedy[1]] = have.slice(index).map(decodeURIComponent).join('/');
      return params;
    }
    const value = have[index];
    if (value === undefined) return undefined;
    const param = /^\{(\w+)\}$/.exec(segment);
    if (param?.[1] !== undefined) params[param[1]] = decodeURIComponent(value);
    else if (segment !== value) return undefined;
  }
  return have.length === want.length ? params : undefined;
}

/** A template's specificity: literal segments beat parameters, as in API Gateway. */
const literalCount = (template: string) =>
  template.split('/').filter((s) => s !== '' && !s.startsWith('{')).length;

export function matchRoute<R extends RouteShape>(
  routes: readonly R[],
  method: string,
  path: string,
): RouteMatch<R> {
  let allowed: string[] = [];
  const candidates = [...routes].sort((a, b) => literalCount(b.path) - literalCount(a.path));
  for (const route of candidates) {
    let pathParameters: Record<string, string> | undefined;
    try {
      pathParameters = matchPath(route.path, path);
    } catch {
      // A malformed %-escape cannot match any route.
      return { kind: 'no_route' };
    }
    if (pathParameters === undefined) continue;
    if (route.method === method) return { kind: 'match', route, pathParameters };
    allowed = [...allowed, route.method];
  }
  return allowed.length > 0 ? { kind: 'wrong_method', allowed: [...new Set(allowed)] } : { kind: 'no_route' };
}
