/**
 * Who is calling, read from the claims API Gateway's JWT authorizer verified
 * (locally, the local server's verifier puts them in the same place), and
 * whether they may call this route. The one place roles are checked.
 *
 * The rule, everywhere: no or bad token → 401 (the authorizer); a valid token
 * without a role the route allows → 403; another tenant's object → 404, as if
 * it did not exist, so ids of other tenants' objects cannot be probed.
 */
import { CLAIMS, type Principal, ROLES, type Role } from '@shifa/contracts';
import { ForbiddenError, UnauthorizedError } from '@shifa/domain';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export type RouteAuth = 'public' | { readonly roles: readonly Role[] };

type Claims = Record<string, string | number | boolean | string[]>;

function claimsOf(event: APIGatewayProxyEventV2): Claims | undefined {
  const context = event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } };
  return context.authorizer?.jwt?.claims;
}

/**
 * API Gateway flattens array claims into one string, "[agency operator]";
 * a token may also carry a real array or a single group name.
 */
export function parseGroups(value: Claims[string] | undefined): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  const text = String(value).trim();
  const inner = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return inner
    .split(/[\s,]+/)
    .map((group) => group.replace(/^"|"$/g, ''))
    .filter(Boolean);
}

const isRole = (group: string): group is Role => (ROLES as readonly string[]).includes(group);

export function principalOf(event: APIGatewayProxyEventV2): Principal | undefined {
  const claims = claimsOf(event);
  const subject = claims?.[CLAIMS.subject];
  if (claims === undefined || subject === undefined) return undefined;
  const organisation = claims[CLAIMS.organisation];
  const email = claims[CLAIMS.email];
  return {
    userId: String(subject),
    email: email === undefined ? undefined : String(email),
    roles: parseGroups(claims[CLAIMS.groups]).filter(isRole),
    organisationId: organisation === undefined || organisation === '' ? undefined : String(organisation),
  };
}

/** The caller, if the route lets them in; throws 401/403 otherwise. */
export function authorize(event: APIGatewayProxyEventV2, auth: RouteAuth): Principal | undefined {
  if (auth === 'public') return principalOf(event);
  const principal = principalOf(event);
  if (principal === undefined) {
    // Behind the JWT authorizer this cannot happen; refuse rather than guess.
    throw new UnauthorizedError('unauthorized', 'sign in: this route needs a bearer token');
  }
  if (!principal.roles.some((role) => auth.roles.includes(role))) {
    throw new ForbiddenError('forbidden_role', `this route is for ${auth.roles.join(' or ')} accounts`);
  }
  const needsOrganisation = principal.roles.some((role) => role === 'agency' || role === 'hospital');
  if (needsOrganisation && principal.organisationId === undefined && !principal.roles.includes('operator')) {
    throw new ForbiddenError('organisation_missing', 'your account is not linked to an agency or a hospital');
  }
  return principal;
}

/** The caller's organisation for an agency or hospital route; 403 if the token carries none. */
export function organisationOf(principal: Principal): string {
  if (principal.organisationId === undefined) {
    throw new ForbiddenError('organisation_missing', 'your account is not linked to an agency or a hospital');
  }
  return principal.organisationId;
}
