/**
 * Tenant walls on every route that needs a token, driven by the route
 * declarations so that no route escapes: a route without a row in
 * test/support/tenant-fixtures.ts fails the table's own test.
 *
 * The rule (packages/http/src/auth.ts): no token or one the authorizer refuses
 * → 401; a valid token without a role the route allows → 403 forbidden_role;
 * another tenant's object → 404, exactly as an unknown id, so ids cannot be
 * probed. Routes that act on the caller's own organisation (lists, profiles,
 * creates) name nothing of another tenant's. Each route is also called by
 * tenant A's user of each allowed role, who must succeed: that is what makes
 * the 404s and the empty lists evidence of a wall rather than of a broken request.
 */
import { randomUUID } from 'node:crypto';
import { ErrorResponse, ROLES, type Role } from '@shifa/contracts';
import { todayUtc } from '@shifa/domain';
import { type RouteDeclaration, type RouteId, routes } from '@shifa/functions/routes';
import { matchRoute } from '@shifa/http';
import { type DemoUser, findDemoUser } from '@shifa/local/demo/users';
import { ephemeralIssuer, type LocalIssuer } from '@shifa/local/issuer';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, type RequestOptions, useApi } from './support/api';
import { usePaymentSimulator } from './support/payments';
import { useRecordsStore } from './support/records';
import { useTable } from './support/table';
import {
  type CellRequest,
  FIXTURES,
  OTHER_TENANT,
  type OtherTenant,
  prepareWorld,
  type RouteFixture,
  type Target,
  TENANT_A,
  type World,
} from './support/tenant-fixtures';

useTable();
useRecordsStore();
const api = useApi();
const stripe = usePaymentSimulator(api);
const today = todayUtc(new Date());

type GuardedRoute = RouteDeclaration & { readonly auth: { readonly roles: readonly Role[] } };
const isGuarded = (route: RouteDeclaration): route is GuardedRoute => route.auth !== 'public';
const declared: readonly RouteDeclaration[] = routes;
const guarded = declared.filter(isGuarded);
const fixtureOf = (route: RouteDeclaration): RouteFixture | undefined => FIXTURES[route.id as RouteId];

/**
 * Cells that answer against the rule, keyed `routeId: cell name`, with what
 * they answered. Each is reported to be fixed; `it.fails` keeps CI green until
 * then and turns red the day the route is fixed, so the entry gets removed.
 */
const KNOWN_VIOLATIONS: Readonly<Record<string, string>> = {};

type BadToken = 'missing' | 'garbage' | 'expired' | 'audience' | 'key';
type Expected = Exclude<OtherTenant, { answer: 'not_applicable' }>;

type Cell =
  | { name: string; kind: 'token'; token: BadToken }
  | { name: string; kind: 'wrong_role'; user: DemoUser }
  | { name: string; kind: 'other_tenant'; role: Role; user: DemoUser | undefined; expected: Expected }
  | { name: string; kind: 'owner'; user: DemoUser; isolated: boolean };

const BAD_TOKENS: readonly { token: BadToken; name: string }[] = [
  { token: 'missing', name: 'without a token → 401' },
  { token: 'garbage', name: 'with a bearer that is no JWT → 401' },
  { token: 'expired', name: 'with an expired token → 401' },
  { token: 'audience', name: 'with a token for another audience → 401' },
  { token: 'key', name: 'with a token signed by another key → 401' },
];

function demoUser(id: string): DemoUser {
  const user = findDemoUser(id);
  if (user === undefined) throw new Error(`no demo user ${id}`);
  return user;
}

const ANSWERS: Record<Expected['answer'], string> = {
  not_found: '404',
  isolated: "2xx naming none of tenant A's objects",
  as_unknown: 'refused exactly as the same request with unknown ids',
};

/**
 * The cells of one route in the order they run: the owners' last, so a success
 * that consumes the object (a delete, a publish, a cancel) follows every refusal.
 */
function cellsOf(route: GuardedRoute, fixture: RouteFixture): Cell[] {
  const allowed = route.auth.roles;
  const tokens: Cell[] = BAD_TOKENS.map(({ token, name }) => ({ kind: 'token', token, name }));
  const wrongRoles: Cell[] = ROLES.filter((role) => !allowed.includes(role)).map((role) => {
    const user = demoUser(TENANT_A[role]);
    return {
      kind: 'wrong_role',
      user,
      name: `as ${role} of tenant A (${user.id}), a role it refuses → 403 forbidden_role`,
    };
  });
  const others: Cell[] = allowed.flatMap((role): Cell[] => {
    const expected = fixture.otherTenant[role];
    if (expected === undefined || expected.answer === 'not_applicable') return [];
    const id = OTHER_TENANT[role];
    const who = role === 'tourist' ? 'another tourist' : `${role} of another organisation`;
    return [
      {
        kind: 'other_tenant',
        role,
        expected,
        user: id === undefined ? undefined : demoUser(id),
        name: `as ${who} (${id ?? 'none'}) → ${ANSWERS[expected.answer]}`,
      },
    ];
  });
  const owners: Cell[] = allowed.map((role) => {
    const user = demoUser(TENANT_A[role]);
    const isolated = fixture.otherTenant[role]?.answer === 'isolated';
    return {
      kind: 'owner',
      user,
      isolated,
      name:
        fixture.ownerRefusal === undefined
          ? `as ${role} of tenant A (${user.id}), the owner → 2xx${isolated ? ' naming its objects' : ''}`
          : `as ${role} of tenant A (${user.id}), the owner → ${fixture.ownerRefusal.status} ${fixture.ownerRefusal.code}`,
    };
  });
  return [...tokens, ...wrongRoles, ...others, ...owners];
}

let stranger: Promise<LocalIssuer> | undefined;

async function credentialsFor(token: BadToken, owner: DemoUser): Promise<RequestOptions['as'] | undefined> {
  switch (token) {
    case 'missing':
      return undefined;
    case 'garbage':
      return { token: 'not-a-jwt' };
    case 'expired':
      return { token: await api.tokenFor(owner.id, { expiresIn: '1 hour ago' }) };
    case 'audience':
      return { token: await api.tokenFor(owner.id, { audience: 'another-app' }) };
    case 'key':
      stranger ??= ephemeralIssuer();
      return { token: await (await stranger).sign(owner) };
  }
}

const describeResponse = (response: ApiResponse) => `${response.status} ${JSON.stringify(response.body)}`;
const is2xx = (response: ApiResponse) => response.status >= 200 && response.status < 300;

function send(route: GuardedRoute, request: CellRequest, as: RequestOptions['as'] | undefined) {
  const headers: Record<string, string> = {
    ...(route.uses?.includes('idempotency') ? { 'idempotency-key': randomUUID() } : {}),
    ...request.headers,
  };
  return api.request(route.method, request.path, {
    headers,
    ...(as === undefined ? {} : { as }),
    ...(request.body === undefined ? {} : { body: request.body }),
  });
}

/** The answer as text, with every further page of a paginated list, so "names none" covers the whole list. */
async function everyPage(request: CellRequest, as: string, first: ApiResponse): Promise<string> {
  const pages = [JSON.stringify(first.body)];
  let body = first.body as { nextCursor?: unknown } | undefined;
  while (typeof body?.nextCursor === 'string') {
    const url = new URL(request.path, 'http://walls.invalid');
    url.searchParams.set('cursor', body.nextCursor);
    const next = await api.request('GET', `${url.pathname}${url.search}`, { as });
    expect(next.status, describeResponse(next)).toBe(200);
    pages.push(JSON.stringify(next.body));
    body = next.body as typeof body;
    if (pages.length > 100) throw new Error(`${request.path} pages without end`);
  }
  return pages.join('\n');
}

const refusal = (response: ApiResponse) => {
  const parsed = ErrorResponse.safeParse(response.body);
  return {
    status: response.status,
    code: parsed.success ? parsed.data.error.code : undefined,
    paths: parsed.success ? (parsed.data.error.details ?? []).map((detail) => detail.path) : undefined,
  };
};

function ownedOf(route: GuardedRoute, target: Target): readonly string[] {
  if (target.owned === undefined || target.owned.length === 0) {
    throw new Error(
      `${route.id}: an isolated answer needs the ids of tenant A's objects (owned) in its fixture`,
    );
  }
  return target.owned;
}

async function runCell(route: GuardedRoute, target: Target, cell: Cell): Promise<void> {
  switch (cell.kind) {
    case 'token': {
      const owner = demoUser(TENANT_A[route.auth.roles[0] ?? 'operator']);
      const response = await send(
        route,
        await target.request(owner),
        await credentialsFor(cell.token, owner),
      );
      expect(response.status, describeResponse(response)).toBe(401);
      expect(response.body).toEqual({ message: 'Unauthorized' });
      return;
    }
    case 'wrong_role': {
      const response = await send(route, await target.request(cell.user), cell.user.id);
      expect(response.status, describeResponse(response)).toBe(403);
      expect(ErrorResponse.parse(response.body).error.code).toBe('forbidden_role');
      return;
    }
    case 'other_tenant': {
      const { user } = cell;
      if (user === undefined)
        throw new Error(`${route.id}: no user of another tenant has the role ${cell.role}`);
      const request = await target.request(user);
      const response = await send(route, request, user.id);
      if (cell.expected.answer === 'not_found') {
        expect(response.status, describeResponse(response)).toBe(404);
        expect(ErrorResponse.parse(response.body).error.code).toMatch(/_not_found$/);
      } else if (cell.expected.answer === 'isolated') {
        expect(is2xx(response), describeResponse(response)).toBe(true);
        const text = await everyPage(request, user.id, response);
        for (const id of ownedOf(route, target)) expect(text, `names ${id}`).not.toContain(id);
      } else {
        if (target.twin === undefined) throw new Error(`${route.id}: as_unknown needs a twin request`);
        const twin = await send(route, target.twin(user), user.id);
        expect(response.status, describeResponse(response)).toBeGreaterThanOrEqual(400);
        expect(refusal(response)).toEqual(refusal(twin));
      }
      return;
    }
    case 'owner': {
      const request = await target.request(cell.user);
      const response = await send(route, request, cell.user.id);
      const refusal = fixtureOf(route)?.ownerRefusal;
      if (refusal !== undefined) {
        expect(response.status, `${refusal.why}: ${describeResponse(response)}`).toBe(refusal.status);
        expect(ErrorResponse.parse(response.body).error.code).toBe(refusal.code);
        return;
      }
      expect(is2xx(response), describeResponse(response)).toBe(true);
      if (cell.isolated) {
        const text = await everyPage(request, cell.user.id, response);
        for (const id of ownedOf(route, target)) expect(text, `misses ${id}`).toContain(id);
      }
      return;
    }
  }
}

let world: World;

beforeAll(async () => {
  world = await prepareWorld(api, stripe, today);
});

describe('the tenant-wall table', () => {
  it('has a row for every route that needs a token', () => {
    const missing = guarded
      .filter((route) => fixtureOf(route) === undefined)
      .map((route) => `${route.id} (${route.method} ${route.path})`);

    expect(
      missing,
      `add a row for each to FIXTURES in test/support/tenant-fixtures.ts: ${missing.join(', ')}`,
    ).toEqual([]);
  });

  it('says what another tenant gets for every role a route allows, and for no other', () => {
    const problems = guarded.flatMap((route) => {
      const fixture = fixtureOf(route);
      if (fixture === undefined) return [];
      const stated = Object.keys(fixture.otherTenant) as Role[];
      return [
        ...route.auth.roles
          .filter((role) => !stated.includes(role))
          .map((role) => `${route.id}: otherTenant.${role} is missing`),
        ...stated
          .filter((role) => !route.auth.roles.includes(role))
          .map((role) => `${route.id}: otherTenant.${role} for a role the route refuses`),
      ];
    });

    expect(problems).toEqual([]);
  });

  it('has no row for a public route or one that is not declared', () => {
    const stale = Object.keys(FIXTURES).filter((id) => !guarded.some((route) => route.id === id));

    expect(stale).toEqual([]);
  });
});

const covered = guarded
  .filter((route) => fixtureOf(route) !== undefined)
  .map((route) => [`${route.method} ${route.path} (${route.id})`, route] as const);

describe.each(covered)('%s', (_name, route) => {
  const fixture = fixtureOf(route) as RouteFixture;
  let target: Target;

  beforeAll(async () => {
    target = await fixture.prepare(world);
    // The row must call this very route, or every cell below would test another one.
    const { path } = await target.request(demoUser(TENANT_A[route.auth.roles[0] ?? 'operator']));
    const match = matchRoute(declared, route.method, new URL(path, 'http://walls.invalid').pathname);
    expect(match.kind === 'match' ? match.route.id : match.kind, `${route.method} ${path}`).toBe(route.id);
  });

  for (const cell of cellsOf(route, fixture)) {
    const violation = KNOWN_VIOLATIONS[`${route.id}: ${cell.name}`];
    if (violation === undefined) it(cell.name, () => runCell(route, target, cell));
    else it.fails(`${cell.name} (known violation: ${violation})`, () => runCell(route, target, cell));
  }
});
