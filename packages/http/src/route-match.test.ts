import { describe, expect, it } from 'vitest';
import { matchRoute } from './route-match';

const routes = [
  { method: 'GET', path: '/packages' },
  { method: 'GET', path: '/packages/{packageId}' },
  { method: 'POST', path: '/packages/{packageId}/publish' },
  { method: 'GET', path: '/packages/featured' },
  { method: 'GET', path: '/files/{key+}' },
] as const;

describe('matchRoute', () => {
  it('matches a literal path', () => {
    expect(matchRoute(routes, 'GET', '/packages')).toEqual({
      kind: 'match',
      route: routes[0],
      pathParameters: {},
    });
  });

  it('extracts and decodes path parameters', () => {
    const match = matchRoute(routes, 'GET', '/packages/tianchi%20tour');

    expect(match).toEqual({ kind: 'match', route: routes[1], pathParameters: { packageId: 'tianchi tour' } });
  });

  it('prefers a literal segment over a parameter, as API Gateway does', () => {
    expect(matchRoute(routes, 'GET', '/packages/featured')).toMatchObject({
      kind: 'match',
      route: routes[3],
    });
  });

  it('gives a greedy parameter the rest of the path', () => {
    expect(matchRoute(routes, 'GET', '/files/a/b/c.pdf')).toMatchObject({
      pathParameters: { key: 'a/b/c.pdf' },
    });
  });

  it('reports the allowed methods when only the method is wrong', () => {
    expect(matchRoute(routes, 'DELETE', '/packages/x')).toEqual({ kind: 'wrong_method', allowed: ['GET'] });
    expect(matchRoute(routes, 'GET', '/packages/x/publish')).toEqual({
      kind: 'wrong_method',
      allowed: ['POST'],
    });
  });

  it('finds no route for unknown paths, extra segments and broken escapes', () => {
    expect(matchRoute(routes, 'GET', '/hospitals')).toEqual({ kind: 'no_route' });
    expect(matchRoute(routes, 'GET', '/packages/x/y/z')).toEqual({ kind: 'no_route' });
    expect(matchRoute(routes, 'GET', '/packages/%E0%A4%A')).toEqual({ kind: 'no_route' });
  });

  it('ignores a trailing slash like API Gateway', () => {
    expect(matchRoute(routes, 'GET', '/packages/')).toMatchObject({ kind: 'match', route: routes[0] });
  });
});
