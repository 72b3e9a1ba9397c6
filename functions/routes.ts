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
  /**
   * What else the function needs, so the CDK app grants and configures exactly
   * that: the idempotency table, the payment provider's secrets, the key that
   * seals travellers' health notes.
   */
  readonly uses?: readonly Capability[];
};

export type Capability = 'idempotency' | 'payments' | 'health-notes';

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
  // operator: verifying and suspending agencies and hospitals; the API's own description
  {
    id: 'listOrganisations',
    method: 'GET',
    path: '/operator/organisations',
    handler: 'operator/list-organisations',
    auth: { roles: ['operator'] },
    table: 'read',
    summary: 'List agencies and hospitals, optionally by kind and status',
  },
  {
    id: 'verifyOrganisation',
    method: 'POST',
    path: '/operator/organisations/{kind}/{organisationId}/verify',
    handler: 'operator/verify-organisation',
    auth: { roles: ['operator'] },
    table: 'write',
    summary: 'Verify an agency or hospital so it may sell or treat',
  },
  {
    id: 'suspendOrganisation',
    method: 'POST',
    path: '/operator/organisations/{kind}/{organisationId}/suspend',
    handler: 'operator/suspend-organisation',
    auth: { roles: ['operator'] },
    table: 'write',
    summary: 'Suspend an agency or hospital, hiding its packages, or reject its application',
  },
  {
    id: 'getOpenApiDocument',
    method: 'GET',
    path: '/openapi.json',
    handler: 'platform/openapi',
    auth: 'public',
    table: 'none',
    summary: 'This API described in OpenAPI 3.1',
  },
  // hospital: its profile, treatment programmes and daily capacity; the verified hospitals agencies build on
  {
    id: 'getHospitalProfile',
    method: 'GET',
    path: '/hospital/profile',
    handler: 'hospital/get-profile',
    auth: { roles: ['hospital'] },
    table: 'read',
    summary: "Read your hospital's profile with its version",
  },
  {
    id: 'updateHospitalProfile',
    method: 'PUT',
    path: '/hospital/profile',
    handler: 'hospital/update-profile',
    auth: { roles: ['hospital'] },
    table: 'write',
    summary: "Replace your hospital's editable profile fields, naming the version you read",
  },
  {
    id: 'listHospitalProgrammes',
    method: 'GET',
    path: '/hospital/programmes',
    handler: 'hospital/list-programmes',
    auth: { roles: ['hospital'] },
    table: 'read',
    summary: "List your hospital's treatment programmes",
  },
  {
    id: 'createHospitalProgramme',
    method: 'POST',
    path: '/hospital/programmes',
    handler: 'hospital/create-programme',
    auth: { roles: ['hospital'] },
    table: 'write',
    summary: 'Publish a treatment programme for international patients',
  },
  {
    id: 'getHospitalProgramme',
    method: 'GET',
    path: '/hospital/programmes/{programmeId}',
    handler: 'hospital/get-programme',
    auth: { roles: ['hospital'] },
    table: 'read',
    summary: 'Read one of your treatment programmes with its version',
  },
  {
    id: 'updateHospitalProgramme',
    method: 'PUT',
    path: '/hospital/programmes/{programmeId}',
    handler: 'hospital/update-programme',
    auth: { roles: ['hospital'] },
    table: 'write',
    summary: 'Replace one of your treatment programmes, naming the version you read',
  },
  {
    id: 'getHospitalCapacity',
    method: 'GET',
    path: '/hospital/capacity',
    handler: 'hospital/get-capacity',
    auth: { roles: ['hospital'] },
    table: 'read',
    summary: 'Read your beds for international patients, day by day, with how many are taken',
  },
  {
    id: 'setHospitalCapacity',
    method: 'PUT',
    path: '/hospital/capacity',
    handler: 'hospital/set-capacity',
    auth: { roles: ['hospital'] },
    table: 'write',
    summary: 'Set your beds for international patients on every day of a date range',
  },
  {
    id: 'listVerifiedHospitals',
    method: 'GET',
    path: '/agency/hospitals',
    handler: 'agency/list-hospitals',
    auth: { roles: ['agency', 'operator'] },
    table: 'read',
    summary: 'List verified hospitals an agency can build packages on',
  },
  {
    id: 'listVerifiedHospitalProgrammes',
    method: 'GET',
    path: '/agency/hospitals/{hospitalId}/programmes',
    handler: 'agency/list-hospital-programmes',
    auth: { roles: ['agency', 'operator'] },
    table: 'read',
    summary: "List a verified hospital's treatment programmes",
  },
  // Booking: holds, payment, cancellation, and who may read a booking.
  {
    id: 'createBooking',
    method: 'POST',
    path: '/bookings',
    handler: 'booking/create-booking',
    auth: { roles: ['tourist'] },
    table: 'write',
    uses: ['idempotency', 'payments', 'health-notes'],
    summary: 'Hold a departure for one or more travellers and open the card authorisation',
  },
  {
    id: 'listMyBookings',
    method: 'GET',
    path: '/bookings',
    handler: 'booking/list-my-bookings',
    auth: { roles: ['tourist'] },
    table: 'read',
    summary: "List the signed-in tourist's bookings, newest first",
  },
  {
    id: 'getBooking',
    method: 'GET',
    path: '/bookings/{bookingId}',
    handler: 'booking/get-booking',
    auth: { roles: ['tourist', 'agency', 'hospital'] },
    table: 'read',
    uses: ['health-notes'],
    summary: 'Read a booking: its tourist, its agency, or its hospital (which alone sees health notes)',
  },
  {
    id: 'payBooking',
    method: 'POST',
    path: '/bookings/{bookingId}/payment',
    handler: 'booking/pay-booking',
    auth: { roles: ['tourist'] },
    table: 'write',
    uses: ['idempotency', 'payments'],
    summary: 'Get (again) what the client needs to authorise the card for a hold',
  },
  {
    id: 'cancelBooking',
    method: 'POST',
    path: '/bookings/{bookingId}/cancel',
    handler: 'booking/cancel-booking',
    auth: { roles: ['tourist'] },
    table: 'write',
    uses: ['idempotency', 'payments'],
    summary: "Cancel a booking; the package's cancellation tiers decide the refund",
  },
  {
    id: 'listAgencySales',
    method: 'GET',
    path: '/agency/bookings',
    handler: 'booking/list-agency-sales',
    auth: { roles: ['agency'] },
    table: 'read',
    summary: "List the agency's bookings (its sales), newest first",
  },
  {
    id: 'stripeWebhook',
    method: 'POST',
    path: '/payments/stripe/webhook',
    handler: 'payments/stripe-webhook',
    auth: 'public',
    table: 'write',
    uses: ['payments'],
    summary: "Receive Stripe's signed payment events",
  },
  // agency: hotels and excursions, packages composed from them, departures, publishing
  {
    id: 'listAgencyHotels',
    method: 'GET',
    path: '/agency/hotels',
    handler: 'agency/list-hotels',
    auth: { roles: ['agency'] },
    table: 'read',
    summary: 'List your hotels',
  },
  {
    id: 'createAgencyHotel',
    method: 'POST',
    path: '/agency/hotels',
    handler: 'agency/create-hotel',
    auth: { roles: ['agency'] },
    table: 'write',
    summary: 'Add a hotel with the beds it holds for your travellers',
  },
  {
    id: 'getAgencyHotel',
    method: 'GET',
    path: '/agency/hotels/{hotelId}',
    handler: 'agency/get-hotel',
    auth: { roles: ['agency'] },
    table: 'read',
    summary: 'Read one of your hotels with its version',
  },
  {
    id: 'updateAgencyHotel',
    method: 'PUT',
    path: '/agency/hotels/{hotelId}',
    handler: 'agency/update-hotel',
    auth: { roles: ['agency'] },
    table: 'write',
    summary: 'Replace one of your hotels, naming the version you read',
  },
  {
    id: 'listAgencyExcursions',
    method: 'GET',
    path: '/agency/excursions',
    handler: 'agency/list-excursions',
    auth: { roles: ['agency'] },
    table: 'read',
    summary: 'List your excursions',
  },
  {
    id: 'createAgencyExcursion',
    method: 'POST',
    path: '/agency/excursions',
    handler: 'agency/create-excursion',
    auth: { roles: ['agency'] },
    table: 'write',
    summary: 'Add an excursion',
  },
  {
    id: 'getAgencyExcursion',
    method: 'GET',
    path: '/agency/excursions/{excursionId}',
    handler: 'agency/get-excursion',
    auth: { roles: ['agency'] },
    table: 'read',
    summary: 'Read one of your excursions with its version',
  },
  {
    id: 'updateAgencyExcursion',
    method: 'PUT',
    path: '/agency/excursions/{excursionId}',
    handler: 'agency/update-excursion',
    auth: { roles: ['agency'] },
    table: 'write',
    summary: 'Replace one of your excursions, naming the version you read',
  },
  {
    id: 'listAgencyPackages',
    method: 'GET',
    path: '/agency/packages',
    handler: 'agency/list-packages',
    auth: { roles: ['agency'] },
    table: 'read',
    summary: 'List your packages in every status',
  },
  {
    id: 'createAgencyPackage',
    method: 'POST',
    path: '/agency/packages',
    handler: 'agency/create-package',
    auth: { roles: ['agency'] },
    table: 'write',
    summary: 'Compose a draft package from a programme, one of your hotels and excursions',
  },
  {
    id: 'getAgencyPackage',
    method: 'GET',
    path: '/agency/packages/{packageId}',
    handler: 'agency/get-package',
    auth: { roles: ['agency'] },
    table: 'read',
    summary: 'Read one of your packages with all its departures',
  },
  {
    id: 'updateAgencyPackage',
    method: 'PUT',
    path: '/agency/packages/{packageId}',
    handler: 'agency/update-package',
    auth: { roles: ['agency'] },
    table: 'write',
    summary: "Replace a package's composition, naming the version you read",
  },
  {
    id: 'addAgencyDeparture',
    method: 'POST',
    path: '/agency/packages/{packageId}/departures',
    handler: 'agency/add-departure',
    auth: { roles: ['agency'] },
    table: 'write',
    summary: 'Add a dated departure with seats and prices',
  },
  {
    id: 'updateAgencyDeparture',
    method: 'PUT',
    path: '/agency/packages/{packageId}/departures/{departureId}',
    handler: 'agency/update-departure',
    auth: { roles: ['agency'] },
    table: 'write',
    summary: "Change a departure's seats and prices; bookings keep the prices they were made at",
  },
  {
    id: 'deleteAgencyDeparture',
    method: 'DELETE',
    path: '/agency/packages/{packageId}/departures/{departureId}',
    handler: 'agency/delete-departure',
    auth: { roles: ['agency'] },
    table: 'write',
    summary: 'Delete a departure no seat of which is sold',
  },
  {
    id: 'publishAgencyPackage',
    method: 'POST',
    path: '/agency/packages/{packageId}/publish',
    handler: 'agency/publish-package',
    auth: { roles: ['agency'] },
    table: 'write',
    summary: 'Offer a package to tourists: it and its departures appear in search at once',
  },
  {
    id: 'unpublishAgencyPackage',
    method: 'POST',
    path: '/agency/packages/{packageId}/unpublish',
    handler: 'agency/unpublish-package',
    auth: { roles: ['agency'] },
    table: 'write',
    summary: 'Take a package and its departures out of search at once',
  },
  {
    id: 'listHospitalBookings',
    method: 'GET',
    path: '/hospital/bookings',
    handler: 'hospital/list-bookings',
    auth: { roles: ['hospital'] },
    table: 'read',
    uses: ['health-notes'],
    summary:
      "The hospital's inbox: its bookings in one status, oldest deadline first, with consented health notes",
  },
  {
    id: 'acceptHospitalBooking',
    method: 'POST',
    path: '/hospital/bookings/{bookingId}/accept',
    handler: 'hospital/accept-booking',
    auth: { roles: ['hospital'] },
    table: 'write',
    uses: ['idempotency', 'payments', 'health-notes'],
    summary: 'Accept a booking: the card is captured and the booking confirmed',
  },
  {
    id: 'declineHospitalBooking',
    method: 'POST',
    path: '/hospital/bookings/{bookingId}/decline',
    handler: 'hospital/decline-booking',
    auth: { roles: ['hospital'] },
    table: 'write',
    uses: ['idempotency', 'payments', 'health-notes'],
    summary: 'Decline a booking with a reason: everything is released and the card authorisation cancelled',
  },
  // hospital-delivery: webhook endpoint and signing secrets, the delivery log, redeliveries and the operator's replays
  {
    id: 'getHospitalWebhook',
    method: 'GET',
    path: '/hospital/webhook',
    handler: 'hospital-delivery/get-webhook',
    auth: { roles: ['hospital'] },
    table: 'read',
    summary: 'Read where your bookings are pushed and which signing secrets are valid',
  },
  {
    id: 'putHospitalWebhook',
    method: 'PUT',
    path: '/hospital/webhook',
    handler: 'hospital-delivery/put-webhook',
    auth: { roles: ['hospital'] },
    table: 'write',
    summary: 'Set the https URL your bookings are pushed to, and turn deliveries on or off',
  },
  {
    id: 'rotateHospitalWebhookSecret',
    method: 'POST',
    path: '/hospital/webhook/secrets/rotate',
    handler: 'hospital-delivery/rotate-secret',
    auth: { roles: ['hospital'] },
    table: 'write',
    uses: ['health-notes'],
    summary: 'Create a new signing secret (shown once); the previous one stays valid for 24 hours',
  },
  {
    id: 'listHospitalDeliveries',
    method: 'GET',
    path: '/hospital/deliveries',
    handler: 'hospital-delivery/list-deliveries',
    auth: { roles: ['hospital'] },
    table: 'read',
    summary: 'List the events pushed to your endpoint, newest first, with every attempt',
  },
  {
    id: 'redeliverHospitalDelivery',
    method: 'POST',
    path: '/hospital/deliveries/{deliveryId}/redeliver',
    handler: 'hospital-delivery/redeliver',
    auth: { roles: ['hospital'] },
    table: 'write',
    uses: ['idempotency'],
    summary: 'Push one of your events again, with a fresh round of attempts',
  },
  {
    id: 'listDeliveries',
    method: 'GET',
    path: '/operator/deliveries',
    handler: 'hospital-delivery/operator-list-deliveries',
    auth: { roles: ['operator'] },
    table: 'read',
    summary: 'List deliveries to hospitals that failed for good (or are being retried), across hospitals',
  },
  {
    id: 'replayDelivery',
    method: 'POST',
    path: '/operator/deliveries/{deliveryId}/replay',
    handler: 'hospital-delivery/replay',
    auth: { roles: ['operator'] },
    table: 'write',
    uses: ['idempotency'],
    summary: 'Send a delivery to its hospital again, with a fresh round of attempts',
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
