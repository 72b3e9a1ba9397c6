/**
 * Every HTTP route, declared once as data (its summary and schemas, which only the OpenAPI document
 * needs, are in functions/<area>/operations.ts, so no function bundle carries them). The CDK app makes one API Gateway route from each
 * entry, integrated with the function of the deployment unit the entry names (units.ts); the
 * local server routes requests to the same unit modules; tests enumerate them.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REQUEST_HEADERS, type RequestHeader, type Role } from '@shifa/contracts';
import type { UnitId } from './units';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route's function may do to the table; IAM grants follow from it. */
export type TableAccess = 'read' | 'write' | 'none';

export type RouteDeclaration = {
  /** Stable name: the function's logical id and the OpenAPI operationId. */
  readonly id: string;
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/packages/{packageId}`. */
  readonly path: string;
  /** The deployment unit whose function serves the route; its module under units/ names the handler. */
  readonly unit: UnitId;
  /**
   * `public` routes need no token; the others need a token whose groups hold
   * one of the roles (API Gateway's JWT authorizer on AWS, the local verifier here).
   */
  readonly auth: 'public' | { readonly roles: readonly Role[] };
  /** What the route's handler does to the table; its unit is granted the widest its routes declare. */
  readonly table: TableAccess;
  /**
   * What else the handler needs, so the CDK app grants and configures exactly
   * that: the idempotency table, the payment provider's secrets, sealing
   * travellers' health notes (seal-health-notes), opening them (health-notes),
   * sealing and opening hospitals' webhook
   * signing secrets (one key for both, each usable only for what is declared),
   * and the bucket of travellers' medical records.
   */
  readonly uses?: readonly Capability[];
  /**
   * Request headers the handler reads besides the token (Idempotency-Key follows from the
   * `idempotency` capability): the handler checks them, the OpenAPI document declares them.
   */
  readonly headers?: readonly RequestHeader[];
  /** How many requests per second API Gateway lets through to the route; `standard` if not given. */
  readonly throttle?: ThrottleClass;
};

/**
 * API Gateway throttles per route, over all callers together: generous where anyone may look
 * (the catalog), tight where each request takes seats and beds (holds). Locally the server
 * applies the same limits, answering 429 as API Gateway does.
 */
export const THROTTLE_CLASSES = {
  public: { rateLimit: 200, burstLimit: 400 },
  standard: { rateLimit: 50, burstLimit: 100 },
  holds: { rateLimit: 20, burstLimit: 40 },
} as const satisfies Record<string, { rateLimit: number; burstLimit: number }>;

export type ThrottleClass = keyof typeof THROTTLE_CLASSES;

export const throttleOf = (declaration: RouteDeclaration) =>
  THROTTLE_CLASSES[declaration.throttle ?? 'standard'];

/** Every request header a route reads, with whether it is required: its own, and Idempotency-Key for replayable writes. */
export function headersOf(declaration: RouteDeclaration): { name: RequestHeader; required: boolean }[] {
  const names: RequestHeader[] = [
    ...(declaration.uses?.includes('idempotency') ? (['Idempotency-Key'] as const) : []),
    ...(declaration.headers ?? []),
  ];
  return names.map((name) => ({ name, required: REQUEST_HEADERS[name].required }));
}

export type Capability =
  | 'idempotency'
  | 'payments'
  | 'seal-health-notes'
  | 'health-notes'
  | 'webhook-secrets'
  | 'records';

export const routes = [
  {
    id: 'listPackages',
    method: 'GET',
    path: '/packages',
    unit: 'catalog',
    auth: 'public',
    table: 'read',
    headers: ['Accept-Language'],
    throttle: 'public',
  },
  {
    id: 'getPackage',
    method: 'GET',
    path: '/packages/{packageId}',
    unit: 'catalog',
    auth: 'public',
    table: 'read',
    headers: ['Accept-Language'],
    throttle: 'public',
  },
  // operator: verifying and suspending agencies and hospitals; the API's own description
  {
    id: 'listOrganisations',
    method: 'GET',
    path: '/operator/organisations',
    unit: 'operator',
    auth: { roles: ['operator'] },
    table: 'read',
  },
  {
    id: 'verifyOrganisation',
    method: 'POST',
    path: '/operator/organisations/{kind}/{organisationId}/verify',
    unit: 'operator',
    auth: { roles: ['operator'] },
    table: 'write',
  },
  {
    id: 'suspendOrganisation',
    method: 'POST',
    path: '/operator/organisations/{kind}/{organisationId}/suspend',
    unit: 'operator',
    auth: { roles: ['operator'] },
    table: 'write',
  },
  {
    id: 'listPayments',
    method: 'GET',
    path: '/operator/payments',
    unit: 'operator',
    auth: { roles: ['operator'] },
    table: 'read',
  },
  {
    id: 'getOpenApiDocument',
    method: 'GET',
    path: '/openapi.json',
    unit: 'platform',
    auth: 'public',
    table: 'none',
    throttle: 'public',
  },
  // hospital: its profile, treatment programmes and daily capacity; the verified hospitals agencies build on
  {
    id: 'getHospitalProfile',
    method: 'GET',
    path: '/hospital/profile',
    unit: 'hospital',
    auth: { roles: ['hospital'] },
    table: 'read',
  },
  {
    id: 'updateHospitalProfile',
    method: 'PUT',
    path: '/hospital/profile',
    unit: 'hospital',
    auth: { roles: ['hospital'] },
    table: 'write',
  },
  {
    id: 'listHospitalProgrammes',
    method: 'GET',
    path: '/hospital/programmes',
    unit: 'hospital',
    auth: { roles: ['hospital'] },
    table: 'read',
  },
  {
    id: 'createHospitalProgramme',
    method: 'POST',
    path: '/hospital/programmes',
    unit: 'hospital',
    auth: { roles: ['hospital'] },
    table: 'write',
  },
  {
    id: 'getHospitalProgramme',
    method: 'GET',
    path: '/hospital/programmes/{programmeId}',
    unit: 'hospital',
    auth: { roles: ['hospital'] },
    table: 'read',
  },
  {
    id: 'updateHospitalProgramme',
    method: 'PUT',
    path: '/hospital/programmes/{programmeId}',
    unit: 'hospital',
    auth: { roles: ['hospital'] },
    table: 'write',
  },
  {
    id: 'getHospitalCapacity',
    method: 'GET',
    path: '/hospital/capacity',
    unit: 'hospital',
    auth: { roles: ['hospital'] },
    table: 'read',
  },
  {
    id: 'setHospitalCapacity',
    method: 'PUT',
    path: '/hospital/capacity',
    unit: 'hospital',
    auth: { roles: ['hospital'] },
    table: 'write',
  },
  {
    id: 'listVerifiedHospitals',
    method: 'GET',
    path: '/agency/hospitals',
    unit: 'agency',
    auth: { roles: ['agency', 'operator'] },
    table: 'read',
    headers: ['Accept-Language'],
  },
  {
    id: 'listVerifiedHospitalProgrammes',
    method: 'GET',
    path: '/agency/hospitals/{hospitalId}/programmes',
    unit: 'agency',
    auth: { roles: ['agency', 'operator'] },
    table: 'read',
    headers: ['Accept-Language'],
  },
  // Booking: holds, payment, cancellation, and who may read a booking.
  {
    id: 'createBooking',
    method: 'POST',
    path: '/bookings',
    unit: 'payments',
    auth: { roles: ['tourist'] },
    table: 'write',
    uses: ['idempotency', 'payments', 'seal-health-notes'],
    throttle: 'holds',
  },
  {
    id: 'listMyBookings',
    method: 'GET',
    path: '/bookings',
    unit: 'bookings',
    auth: { roles: ['tourist'] },
    table: 'read',
  },
  {
    id: 'getBooking',
    method: 'GET',
    path: '/bookings/{bookingId}',
    unit: 'bookings',
    auth: { roles: ['tourist', 'agency', 'hospital'] },
    table: 'read',
    uses: ['health-notes'],
  },
  {
    id: 'payBooking',
    method: 'POST',
    path: '/bookings/{bookingId}/payment',
    unit: 'payments',
    auth: { roles: ['tourist'] },
    table: 'write',
    uses: ['idempotency', 'payments'],
  },
  {
    id: 'cancelBooking',
    method: 'POST',
    path: '/bookings/{bookingId}/cancel',
    unit: 'payments',
    auth: { roles: ['tourist'] },
    table: 'write',
    uses: ['idempotency', 'payments'],
  },
  // A tourist's personal data: their travellers' health notes, who opened them, and erasing it all.
  {
    id: 'deleteHealthNotes',
    method: 'DELETE',
    path: '/bookings/{bookingId}/health-notes',
    unit: 'bookings',
    auth: { roles: ['tourist'] },
    table: 'write',
  },
  {
    id: 'getHealthAccessLog',
    method: 'GET',
    path: '/bookings/{bookingId}/access-log',
    unit: 'bookings',
    auth: { roles: ['tourist', 'operator'] },
    table: 'read',
  },
  {
    id: 'erasePersonalData',
    method: 'DELETE',
    path: '/me',
    unit: 'bookings',
    auth: { roles: ['tourist'] },
    table: 'write',
    uses: ['records'],
  },
  {
    id: 'listAgencySales',
    method: 'GET',
    path: '/agency/bookings',
    unit: 'bookings',
    auth: { roles: ['agency'] },
    table: 'read',
  },
  {
    id: 'stripeWebhook',
    method: 'POST',
    path: '/payments/stripe/webhook',
    unit: 'stripe-webhook',
    auth: 'public',
    table: 'write',
    uses: ['payments'],
    headers: ['Stripe-Signature'],
    throttle: 'public',
  },
  // agency: hotels and excursions, packages composed from them, departures, publishing
  {
    id: 'listAgencyHotels',
    method: 'GET',
    path: '/agency/hotels',
    unit: 'agency',
    auth: { roles: ['agency'] },
    table: 'read',
  },
  {
    id: 'createAgencyHotel',
    method: 'POST',
    path: '/agency/hotels',
    unit: 'agency',
    auth: { roles: ['agency'] },
    table: 'write',
  },
  {
    id: 'getAgencyHotel',
    method: 'GET',
    path: '/agency/hotels/{hotelId}',
    unit: 'agency',
    auth: { roles: ['agency'] },
    table: 'read',
  },
  {
    id: 'updateAgencyHotel',
    method: 'PUT',
    path: '/agency/hotels/{hotelId}',
    unit: 'agency',
    auth: { roles: ['agency'] },
    table: 'write',
  },
  {
    id: 'listAgencyExcursions',
    method: 'GET',
    path: '/agency/excursions',
    unit: 'agency',
    auth: { roles: ['agency'] },
    table: 'read',
  },
  {
    id: 'createAgencyExcursion',
    method: 'POST',
    path: '/agency/excursions',
    unit: 'agency',
    auth: { roles: ['agency'] },
    table: 'write',
  },
  {
    id: 'getAgencyExcursion',
    method: 'GET',
    path: '/agency/excursions/{excursionId}',
    unit: 'agency',
    auth: { roles: ['agency'] },
    table: 'read',
  },
  {
    id: 'updateAgencyExcursion',
    method: 'PUT',
    path: '/agency/excursions/{excursionId}',
    unit: 'agency',
    auth: { roles: ['agency'] },
    table: 'write',
  },
  {
    id: 'listAgencyPackages',
    method: 'GET',
    path: '/agency/packages',
    unit: 'agency',
    auth: { roles: ['agency'] },
    table: 'read',
  },
  {
    id: 'createAgencyPackage',
    method: 'POST',
    path: '/agency/packages',
    unit: 'agency',
    auth: { roles: ['agency'] },
    table: 'write',
  },
  {
    id: 'getAgencyPackage',
    method: 'GET',
    path: '/agency/packages/{packageId}',
    unit: 'agency',
    auth: { roles: ['agency'] },
    table: 'read',
  },
  {
    id: 'updateAgencyPackage',
    method: 'PUT',
    path: '/agency/packages/{packageId}',
    unit: 'agency',
    auth: { roles: ['agency'] },
    table: 'write',
  },
  {
    id: 'addAgencyDeparture',
    method: 'POST',
    path: '/agency/packages/{packageId}/departures',
    unit: 'agency',
    auth: { roles: ['agency'] },
    table: 'write',
  },
  {
    id: 'updateAgencyDeparture',
    method: 'PUT',
    path: '/agency/packages/{packageId}/departures/{departureId}',
    unit: 'agency',
    auth: { roles: ['agency'] },
    table: 'write',
  },
  {
    id: 'deleteAgencyDeparture',
    method: 'DELETE',
    path: '/agency/packages/{packageId}/departures/{departureId}',
    unit: 'agency',
    auth: { roles: ['agency'] },
    table: 'write',
  },
  {
    id: 'publishAgencyPackage',
    method: 'POST',
    path: '/agency/packages/{packageId}/publish',
    unit: 'agency',
    auth: { roles: ['agency'] },
    table: 'write',
  },
  {
    id: 'unpublishAgencyPackage',
    method: 'POST',
    path: '/agency/packages/{packageId}/unpublish',
    unit: 'agency',
    auth: { roles: ['agency'] },
    table: 'write',
  },
  {
    id: 'listHospitalBookings',
    method: 'GET',
    path: '/hospital/bookings',
    unit: 'hospital',
    auth: { roles: ['hospital'] },
    table: 'read',
    uses: ['health-notes'],
  },
  {
    id: 'acceptHospitalBooking',
    method: 'POST',
    path: '/hospital/bookings/{bookingId}/accept',
    unit: 'payments',
    auth: { roles: ['hospital'] },
    table: 'write',
    uses: ['idempotency', 'payments'],
  },
  {
    id: 'declineHospitalBooking',
    method: 'POST',
    path: '/hospital/bookings/{bookingId}/decline',
    unit: 'payments',
    auth: { roles: ['hospital'] },
    table: 'write',
    uses: ['idempotency', 'payments'],
  },
  // hospital-delivery: webhook endpoint and signing secrets, the delivery log, redeliveries and the operator's replays
  {
    id: 'getHospitalWebhook',
    method: 'GET',
    path: '/hospital/webhook',
    unit: 'hospital-delivery',
    auth: { roles: ['hospital'] },
    table: 'read',
  },
  {
    id: 'putHospitalWebhook',
    method: 'PUT',
    path: '/hospital/webhook',
    unit: 'hospital-delivery',
    auth: { roles: ['hospital'] },
    table: 'write',
  },
  {
    id: 'rotateHospitalWebhookSecret',
    method: 'POST',
    path: '/hospital/webhook/secrets/rotate',
    unit: 'hospital-delivery',
    auth: { roles: ['hospital'] },
    table: 'write',
    uses: ['webhook-secrets'],
  },
  {
    id: 'listHospitalDeliveries',
    method: 'GET',
    path: '/hospital/deliveries',
    unit: 'hospital-delivery',
    auth: { roles: ['hospital'] },
    table: 'read',
  },
  {
    id: 'redeliverHospitalDelivery',
    method: 'POST',
    path: '/hospital/deliveries/{deliveryId}/redeliver',
    unit: 'hospital-delivery',
    auth: { roles: ['hospital'] },
    table: 'write',
    uses: ['idempotency'],
  },
  {
    id: 'listDeliveries',
    method: 'GET',
    path: '/operator/deliveries',
    unit: 'hospital-delivery',
    auth: { roles: ['operator'] },
    table: 'read',
  },
  {
    id: 'replayDelivery',
    method: 'POST',
    path: '/operator/deliveries/{deliveryId}/replay',
    unit: 'hospital-delivery',
    auth: { roles: ['operator'] },
    table: 'write',
    uses: ['idempotency'],
  },
  // records: travellers' medical records, uploaded by a presigned form straight to the bucket and checked there
  {
    id: 'createRecord',
    method: 'POST',
    path: '/records',
    unit: 'records',
    auth: { roles: ['tourist'] },
    table: 'write',
    uses: ['idempotency', 'records'],
  },
  {
    id: 'listRecords',
    method: 'GET',
    path: '/records',
    unit: 'records',
    auth: { roles: ['tourist'] },
    table: 'read',
  },
  {
    id: 'getRecord',
    method: 'GET',
    path: '/records/{recordId}',
    unit: 'records',
    auth: { roles: ['tourist'] },
    table: 'read',
    uses: ['records'],
  },
  {
    id: 'deleteRecord',
    method: 'DELETE',
    path: '/records/{recordId}',
    unit: 'records',
    auth: { roles: ['tourist'] },
    table: 'write',
    uses: ['records'],
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

/** A handler module's file, for the functions that are not units (event targets, the stream publisher). */
export const handlerFile = (declaration: { readonly handler: string }): string =>
  join(FUNCTIONS_DIR, `${declaration.handler}.ts`);

/**
 * API Gateway's `$default` route: requests no declared route matches. The platform unit answers
 * them, 404, or 405 with `Allow`, in the API's error shape.
 */
export const fallbackRoute = {
  id: 'notFound',
  unit: 'platform',
  table: 'none',
  summary: 'Answer requests that match no route',
} as const satisfies Pick<RouteDeclaration, 'id' | 'unit' | 'table'> & { summary: string };

/** The route key API Gateway puts in the event: `GET /packages/{packageId}`, or `$default`. */
export const routeKeyOf = (route: Pick<RouteDeclaration, 'method' | 'path'>): string =>
  `${route.method} ${route.path}`;
