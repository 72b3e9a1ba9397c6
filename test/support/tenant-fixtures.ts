/**
 * The tenant-wall suite's table: for every route that needs a token, how to
 * call it on tenant A's objects and what a user of another tenant gets. The
 * suite (test/tenant-walls.test.ts) fails when a route has no row here, so a
 * new route gets one before it ships.
 */
import { randomUUID } from 'node:crypto';
import {
  type AgencyPackageView,
  BookingView,
  HospitalProfile,
  HospitalProgramme,
  RecordUploadResponse,
  type Role,
} from '@shifa/contracts';
import { addDays } from '@shifa/domain';
import type { RouteId } from '@shifa/functions/routes';
import { loadDemoData } from '@shifa/local/demo';
import { demoCatalog } from '@shifa/local/demo/catalog';
import type { DemoUser } from '@shifa/local/demo/users';
import { catalogItems, putIfAbsent } from '@shifa/store';
import { expect } from 'vitest';
import {
  addDeparture,
  compositionBody,
  createDraft,
  createExcursion,
  createHotel,
  departureBody,
  excursionBody,
  hotelBody,
  XJ_TCM,
} from './agency';
import type { TestApi } from './api';
import { busEvent, parkDeliveries } from './delivery';
import { confirmCard, type SimulatorHandle } from './payments';

/** Tenant A: the owners of every object the suite calls routes on (demo user ids). */
export const TENANT_A = {
  tourist: 'tourist-aigerim',
  agency: 'agency-jibek-zholy',
  hospital: 'hospital-xj-tcm',
  operator: 'operator',
} as const satisfies Record<Role, string>;

/** Tenant A's organisations, as ids appear in responses. */
export const ORG_A = { agency: 'jibek-zholy-almaty', hospital: XJ_TCM.hospitalId } as const;

/**
 * Users of other tenants, verified like tenant A's so no status check answers
 * before the ownership check. Operators have none: they act platform-wide.
 */
export const OTHER_TENANT: Partial<Record<Role, string>> = {
  tourist: 'tourist-bekzod',
  agency: 'agency-shifo-sayohat',
  hospital: 'hospital-horgos',
};

/** A request on tenant A's objects: the path with its query, and what the route needs besides a token. */
export type CellRequest = { path: string; body?: unknown; headers?: Record<string, string> };

export type Target = {
  /** The request as `caller` sends it; most ignore the caller. */
  request: (caller: DemoUser) => CellRequest | Promise<CellRequest>;
  /**
   * Ids of tenant A's objects or organisation that an isolated answer to another
   * tenant must not name, and the owner's answer must name (or the check proves nothing).
   */
  owned?: readonly string[];
  /** The same request naming ids that exist nowhere, for routes whose body refers to tenant A's objects. */
  twin?: (caller: DemoUser) => CellRequest;
};

/** What a user of another tenant, holding an allowed role, gets on tenant A's objects. */
export type OtherTenant =
  /** The route names tenant A's object in its path: 404, exactly as for an unknown id. */
  | { answer: 'not_found' }
  /** The route acts on the caller's own organisation (a list, a profile, a create): 2xx naming none of `owned`. */
  | { answer: 'isolated' }
  /** The body refers to tenant A's objects: refused exactly as the same body with unknown ids (`twin`). */
  | { answer: 'as_unknown' }
  /** No tenant wall applies; `why` says why, and only the owner's cell runs. */
  | { answer: 'not_applicable'; why: string };

export type RouteFixture = {
  /** Makes or picks tenant A's objects for this route; objects a success would consume are made here. */
  prepare: (world: World) => Promise<Target>;
  /** For every role the route allows. */
  otherTenant: Partial<Record<Role, OtherTenant>>;
  /**
   * What tenant A's own call answers when the world it runs in makes it refuse on purpose, and why
   * (a refusal from the handler, about the caller's own data, still shows the call went through).
   */
  ownerRefusal?: { status: number; code: string; why: string };
};

const NOT_FOUND: OtherTenant = { answer: 'not_found' };
const ISOLATED: OtherTenant = { answer: 'isolated' };
const AS_UNKNOWN: OtherTenant = { answer: 'as_unknown' };
const PLATFORM_WIDE: OtherTenant = {
  answer: 'not_applicable',
  why: 'operators act on every organisation: there is no other tenant to wall off',
};
const SHARED_DIRECTORY: OtherTenant = {
  answer: 'not_applicable',
  why: 'the directory of verified hospitals is the same for every agency: no agency owns it',
};

export type World = {
  api: TestApi;
  today: string;
  /** Agency A's hotel and excursion, and a draft package on them at hospital A. */
  hotelId: string;
  excursionId: string;
  draft: AgencyPackageView;
  /** Hospital A's programme. */
  programmeId: string;
  /** A published package of agency A at hospital A, with a departure tourists can hold. */
  sale: { packageId: string; departureId: string };
  /** Tourist A's hold on the sale. */
  bookingId: string;
  /** A new hold of tourist A on the sale. */
  hold: () => Promise<BookingView>;
  /** A new booking of tourist A on the sale, paid by card and awaiting hospital A's decision. */
  paid: () => Promise<BookingView>;
};

const programmeBody = {
  kind: 'acupuncture',
  title: { en: 'Acupuncture for back pain, 10 days', ru: 'Иглоукалывание при боли в спине, 10 дней' },
  days: 10,
  sessions: 10,
  includes: [{ en: 'Acupuncture, 10 sessions', ru: 'Иглоукалывание, 10 сеансов' }],
  contraindications: [{ en: 'Pregnancy', ru: 'Беременность' }],
  price: { amount: 400_000, currency: 'CNY' },
};

const idempotencyKey = () => ({ 'idempotency-key': randomUUID() });

async function createProgramme(api: TestApi): Promise<HospitalProgramme> {
  const response = await api.request('POST', '/hospital/programmes', {
    as: TENANT_A.hospital,
    body: programmeBody,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return HospitalProgramme.parse(response.body);
}

async function publish(api: TestApi, packageId: string): Promise<void> {
  const response = await api.request('POST', `/agency/packages/${packageId}/publish`, {
    as: TENANT_A.agency,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

/** A draft of agency A with one departure `inDays` ahead, published if asked. */
async function draftWithDeparture(world: Pick<World, 'api' | 'today'>, publishIt: boolean, inDays = 30) {
  const draft = await createDraft(world.api, TENANT_A.agency);
  const view = await addDeparture(
    world.api,
    TENANT_A.agency,
    draft.packageId,
    departureBody(world.today, inDays),
  );
  if (publishIt) await publish(world.api, draft.packageId);
  const departure = view.departures[0];
  if (departure === undefined) throw new Error('the departure was not added');
  return { view, departureId: departure.departureId };
}

/** An agency the operator can act on, in the given status, made straight in the table (no API creates one). */
async function agencyInStatus(today: string, agencyId: string, status: 'pending' | 'verified') {
  const template = demoCatalog(today).agencies[0];
  if (template === undefined) throw new Error('the demo catalog has no agency');
  await putIfAbsent(catalogItems.agency({ ...template, agencyId, status }));
}

/**
 * A delivery to hospital A of an event about tourist A's hold, as the bus's target records it;
 * its attempts are parked, not sent: only the routes' answers are under test here.
 */
async function deliveryOfHospitalA(world: World): Promise<string> {
  await parkDeliveries();
  const { handler } = await import('@shifa/functions/hospital-delivery/enqueue');
  const at = new Date().toISOString();
  const event = busEvent({
    source: 'shifa.booking',
    detailType: 'BookingExpired',
    detail: {
      version: 1,
      eventId: `${world.bookingId}:${randomUUID()}:BookingExpired`,
      occurredAt: at,
      bookingId: world.bookingId,
      hospitalId: ORG_A.hospital,
      agencyId: ORG_A.agency,
      holdExpiresAt: at,
    },
  });
  const { deliveryId } = await handler(event);
  return deliveryId;
}

/** A record of tourist A, declared through the API (pending: no file is needed to read, list or delete it). */
async function recordOfTouristA(world: World): Promise<string> {
  const response = await world.api.request('POST', '/records', {
    as: TENANT_A.tourist,
    body: recordBody,
    headers: idempotencyKey(),
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return RecordUploadResponse.parse(response.body).recordId;
}

const recordBody = { fileName: 'discharge-summary.pdf', contentType: 'application/pdf', size: 2048 };

/** Tenant A's objects through the API as their owners, on the demo catalog. */
export async function prepareWorld(api: TestApi, stripe: SimulatorHandle, today: string): Promise<World> {
  await loadDemoData(today);
  const draft = await createDraft(api, TENANT_A.agency);
  const hotelId = draft.accommodation.hotelId;
  const excursionId = draft.sightseeing[0]?.excursionId;
  if (hotelId === undefined || excursionId === undefined)
    throw new Error('the draft has no hotel or excursion');
  const programme = await createProgramme(api);
  const { view, departureId } = await draftWithDeparture({ api, today }, true);
  const sale = { packageId: view.packageId, departureId };
  const hold = async () => {
    const response = await api.request('POST', '/bookings', {
      as: TENANT_A.tourist,
      headers: idempotencyKey(),
      body: {
        ...sale,
        currency: 'USD',
        travellers: [
          {
            fullName: 'AIGERIM NURLANOVA',
            birthDate: '1968-04-12',
            nationality: 'KZ',
            preferredLanguage: 'ru',
            healthNotes: { text: 'Гипертония', consent: { version: '2026-12', language: 'ru' } },
          },
        ],
      },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return BookingView.parse(response.body);
  };
  const paid = async () => {
    const held = await hold();
    const card = await confirmCard(stripe.current, held.paymentAction?.clientSecret ?? '', 'pm_card_visa');
    expect(card.status, JSON.stringify(card.body)).toBe(200);
    // The authorisation reaches the booking by the simulator's signed webhook.
    await stripe.current.idle();
    const read = await api.request('GET', `/bookings/${held.bookingId}`, { as: TENANT_A.tourist });
    const booking = BookingView.parse(read.body);
    expect(booking.status).toBe('AWAITING_HOSPITAL');
    return booking;
  };
  const booking = await hold();
  return {
    api,
    today,
    hotelId,
    excursionId,
    draft,
    programmeId: programme.programmeId,
    sale,
    bookingId: booking.bookingId,
    hold,
    paid,
  };
}

const compositionOf = (pkg: AgencyPackageView) =>
  compositionBody(
    pkg.accommodation.hotelId ?? 'no-hotel',
    pkg.sightseeing.flatMap((visit) => (visit.excursionId === undefined ? [] : [visit.excursionId])),
  );

/** The editable fields of a hospital profile as `as` reads it. */
async function ownProfileBody(api: TestApi, as: string) {
  const response = await api.request('GET', '/hospital/profile', { as });
  const { hospitalId: _id, status: _status, city: _city, ...fields } = HospitalProfile.parse(response.body);
  return fields;
}

export const FIXTURES: Partial<Record<RouteId, RouteFixture>> = {
  // operator
  listPayments: {
    prepare: async () => ({ request: () => ({ path: '/operator/payments?state=pending&limit=5' }) }),
    otherTenant: { operator: PLATFORM_WIDE },
  },
  listOrganisations: {
    prepare: async () => ({ request: () => ({ path: '/operator/organisations?kind=agency&limit=5' }) }),
    otherTenant: { operator: PLATFORM_WIDE },
  },
  verifyOrganisation: {
    prepare: async ({ today }) => {
      await agencyInStatus(today, 'tenant-walls-pending', 'pending');
      return {
        request: () => ({
          path: '/operator/organisations/agency/tenant-walls-pending/verify',
          body: { reason: 'licence checked' },
        }),
      };
    },
    otherTenant: { operator: PLATFORM_WIDE },
  },
  suspendOrganisation: {
    prepare: async ({ today }) => {
      await agencyInStatus(today, 'tenant-walls-verified', 'verified');
      return {
        request: () => ({
          path: '/operator/organisations/agency/tenant-walls-verified/suspend',
          body: { reason: 'licence expired' },
        }),
      };
    },
    otherTenant: { operator: PLATFORM_WIDE },
  },

  // hospital: every route acts on the caller's own hospital, named by the token
  getHospitalProfile: {
    prepare: async () => ({ request: () => ({ path: '/hospital/profile' }), owned: [ORG_A.hospital] }),
    otherTenant: { hospital: ISOLATED },
  },
  updateHospitalProfile: {
    prepare: async ({ api }) => ({
      // Another hospital sends its own profile back: it can only ever name its own.
      request: async (caller) => ({
        path: '/hospital/profile',
        body: await ownProfileBody(api, caller.role === 'hospital' ? caller.id : TENANT_A.hospital),
      }),
      owned: [ORG_A.hospital],
    }),
    otherTenant: { hospital: ISOLATED },
  },
  listHospitalProgrammes: {
    prepare: async ({ programmeId }) => ({
      request: () => ({ path: '/hospital/programmes' }),
      owned: [programmeId],
    }),
    otherTenant: { hospital: ISOLATED },
  },
  createHospitalProgramme: {
    prepare: async () => ({
      request: () => ({ path: '/hospital/programmes', body: programmeBody }),
      owned: [ORG_A.hospital],
    }),
    otherTenant: { hospital: ISOLATED },
  },
  getHospitalProgramme: {
    prepare: async ({ programmeId }) => ({
      request: () => ({ path: `/hospital/programmes/${programmeId}` }),
    }),
    otherTenant: { hospital: NOT_FOUND },
  },
  updateHospitalProgramme: {
    prepare: async ({ api }) => {
      const { programmeId, hospitalId: _hospital, ...fields } = await createProgramme(api);
      return {
        request: () => ({
          path: `/hospital/programmes/${programmeId}`,
          body: fields,
        }),
      };
    },
    otherTenant: { hospital: NOT_FOUND },
  },
  getHospitalCapacity: {
    prepare: async ({ today }) => ({
      request: () => ({ path: `/hospital/capacity?from=${today}&to=${addDays(today, 6)}` }),
      owned: [ORG_A.hospital],
    }),
    otherTenant: { hospital: ISOLATED },
  },
  setHospitalCapacity: {
    prepare: async ({ today }) => ({
      // Far beyond the demo's days and every departure here, so no sale is affected.
      request: () => ({
        path: '/hospital/capacity',
        body: { from: addDays(today, 320), to: addDays(today, 321), capacity: 6 },
      }),
      owned: [ORG_A.hospital],
    }),
    otherTenant: { hospital: ISOLATED },
  },

  // agencies reading the directory of verified hospitals
  listVerifiedHospitals: {
    prepare: async () => ({ request: () => ({ path: '/agency/hospitals' }) }),
    otherTenant: { agency: SHARED_DIRECTORY, operator: PLATFORM_WIDE },
  },
  listVerifiedHospitalProgrammes: {
    prepare: async () => ({ request: () => ({ path: `/agency/hospitals/${ORG_A.hospital}/programmes` }) }),
    otherTenant: { agency: SHARED_DIRECTORY, operator: PLATFORM_WIDE },
  },

  // booking
  createBooking: {
    prepare: async ({ sale }) => ({
      request: () => ({
        path: '/bookings',
        body: {
          ...sale,
          currency: 'USD',
          travellers: [
            {
              fullName: 'AIGERIM NURLANOVA',
              birthDate: '1968-04-12',
              nationality: 'KZ',
              preferredLanguage: 'ru',
            },
          ],
        },
      }),
    }),
    otherTenant: {
      tourist: {
        answer: 'not_applicable',
        why: 'any tourist may hold a published departure; the hold is made for the token’s subject',
      },
    },
  },
  listMyBookings: {
    prepare: async ({ bookingId }) => ({
      request: () => ({ path: '/bookings?limit=50' }),
      owned: [bookingId],
    }),
    otherTenant: { tourist: ISOLATED },
  },
  getBooking: {
    prepare: async ({ bookingId }) => ({ request: () => ({ path: `/bookings/${bookingId}` }) }),
    otherTenant: { tourist: NOT_FOUND, agency: NOT_FOUND, hospital: NOT_FOUND },
  },
  deleteHealthNotes: {
    prepare: async ({ paid }) => {
      const { bookingId } = await paid();
      return { request: () => ({ path: `/bookings/${bookingId}/health-notes` }) };
    },
    otherTenant: { tourist: NOT_FOUND },
  },
  getHealthAccessLog: {
    prepare: async ({ bookingId }) => ({ request: () => ({ path: `/bookings/${bookingId}/access-log` }) }),
    otherTenant: { tourist: NOT_FOUND, operator: PLATFORM_WIDE },
  },
  erasePersonalData: {
    prepare: async () => ({ request: () => ({ path: '/me' }) }),
    otherTenant: {
      tourist: {
        answer: 'not_applicable',
        why: 'it acts on the token’s subject alone: there is no id to name',
      },
    },
    ownerRefusal: {
      status: 409,
      code: 'bookings_in_progress',
      why: 'tenant A’s tourist has bookings in progress in this world, and erasure waits for them',
    },
  },
  payBooking: {
    prepare: async ({ hold }) => {
      const { bookingId } = await hold();
      return { request: () => ({ path: `/bookings/${bookingId}/payment` }) };
    },
    otherTenant: { tourist: NOT_FOUND },
  },
  cancelBooking: {
    prepare: async ({ hold }) => {
      const { bookingId } = await hold();
      return {
        request: () => ({ path: `/bookings/${bookingId}/cancel`, body: { reason: 'plans changed' } }),
      };
    },
    otherTenant: { tourist: NOT_FOUND },
  },
  listHospitalBookings: {
    prepare: async ({ paid }) => {
      const { bookingId } = await paid();
      return {
        request: () => ({ path: '/hospital/bookings?status=AWAITING_HOSPITAL&limit=50' }),
        owned: [bookingId],
      };
    },
    otherTenant: { hospital: ISOLATED },
  },
  acceptHospitalBooking: {
    prepare: async ({ paid }) => {
      const { bookingId } = await paid();
      return { request: () => ({ path: `/hospital/bookings/${bookingId}/accept` }) };
    },
    otherTenant: { hospital: NOT_FOUND },
  },
  declineHospitalBooking: {
    prepare: async ({ paid }) => {
      const { bookingId } = await paid();
      return {
        request: () => ({
          path: `/hospital/bookings/${bookingId}/decline`,
          body: { reason: 'no_capacity', note: 'No beds on those days' },
        }),
      };
    },
    otherTenant: { hospital: NOT_FOUND },
  },
  listAgencySales: {
    prepare: async ({ bookingId }) => ({
      request: () => ({ path: '/agency/bookings?limit=50' }),
      owned: [bookingId],
    }),
    otherTenant: { agency: ISOLATED },
  },

  // agency: hotels, excursions, packages, departures
  listAgencyHotels: {
    prepare: async ({ hotelId }) => ({
      request: () => ({ path: '/agency/hotels?limit=100' }),
      owned: [hotelId, ORG_A.agency],
    }),
    otherTenant: { agency: ISOLATED },
  },
  createAgencyHotel: {
    prepare: async () => ({
      request: () => ({ path: '/agency/hotels', body: hotelBody() }),
      owned: [ORG_A.agency],
    }),
    otherTenant: { agency: ISOLATED },
  },
  getAgencyHotel: {
    prepare: async ({ hotelId }) => ({ request: () => ({ path: `/agency/hotels/${hotelId}` }) }),
    otherTenant: { agency: NOT_FOUND },
  },
  updateAgencyHotel: {
    prepare: async ({ api }) => {
      const hotel = await createHotel(api, TENANT_A.agency);
      return {
        request: () => ({
          path: `/agency/hotels/${hotel.hotelId}`,
          body: { ...hotelBody({ beds: 32 }), version: hotel.version },
        }),
      };
    },
    otherTenant: { agency: NOT_FOUND },
  },
  listAgencyExcursions: {
    prepare: async ({ excursionId }) => ({
      request: () => ({ path: '/agency/excursions?limit=100' }),
      owned: [excursionId, ORG_A.agency],
    }),
    otherTenant: { agency: ISOLATED },
  },
  createAgencyExcursion: {
    prepare: async () => ({
      request: () => ({ path: '/agency/excursions', body: excursionBody() }),
      owned: [ORG_A.agency],
    }),
    otherTenant: { agency: ISOLATED },
  },
  getAgencyExcursion: {
    prepare: async ({ excursionId }) => ({ request: () => ({ path: `/agency/excursions/${excursionId}` }) }),
    otherTenant: { agency: NOT_FOUND },
  },
  updateAgencyExcursion: {
    prepare: async ({ api }) => {
      const excursion = await createExcursion(api, TENANT_A.agency);
      return {
        request: () => ({
          path: `/agency/excursions/${excursion.excursionId}`,
          body: { ...excursionBody({ hours: 4 }), version: excursion.version },
        }),
      };
    },
    otherTenant: { agency: NOT_FOUND },
  },
  listAgencyPackages: {
    prepare: async ({ draft }) => ({
      request: () => ({ path: '/agency/packages?limit=100' }),
      owned: [draft.packageId],
    }),
    otherTenant: { agency: ISOLATED },
  },
  createAgencyPackage: {
    prepare: async ({ hotelId, excursionId }) => ({
      request: () => ({ path: '/agency/packages', body: compositionBody(hotelId, [excursionId]) }),
      twin: () => ({
        path: '/agency/packages',
        body: compositionBody('no-such-hotel-anywhere', ['no-such-excursion-anywhere']),
      }),
    }),
    otherTenant: { agency: AS_UNKNOWN },
  },
  getAgencyPackage: {
    prepare: async ({ draft }) => ({ request: () => ({ path: `/agency/packages/${draft.packageId}` }) }),
    otherTenant: { agency: NOT_FOUND },
  },
  updateAgencyPackage: {
    prepare: async ({ api }) => {
      const draft = await createDraft(api, TENANT_A.agency);
      return {
        request: () => ({
          path: `/agency/packages/${draft.packageId}`,
          body: { ...compositionOf(draft), version: draft.version },
        }),
      };
    },
    otherTenant: { agency: NOT_FOUND },
  },
  addAgencyDeparture: {
    prepare: async ({ api, today }) => {
      const draft = await createDraft(api, TENANT_A.agency);
      return {
        request: () => ({
          path: `/agency/packages/${draft.packageId}/departures`,
          body: departureBody(today, 40),
        }),
      };
    },
    otherTenant: { agency: NOT_FOUND },
  },
  updateAgencyDeparture: {
    prepare: async (world) => {
      const { view, departureId } = await draftWithDeparture(world, false);
      return {
        request: () => ({
          path: `/agency/packages/${view.packageId}/departures/${departureId}`,
          body: { version: view.version, seats: 12, prices: departureBody(world.today, 30).prices },
        }),
      };
    },
    otherTenant: { agency: NOT_FOUND },
  },
  deleteAgencyDeparture: {
    prepare: async (world) => {
      const { view, departureId } = await draftWithDeparture(world, false);
      return { request: () => ({ path: `/agency/packages/${view.packageId}/departures/${departureId}` }) };
    },
    otherTenant: { agency: NOT_FOUND },
  },
  publishAgencyPackage: {
    prepare: async (world) => {
      const { view } = await draftWithDeparture(world, false);
      return { request: () => ({ path: `/agency/packages/${view.packageId}/publish` }) };
    },
    otherTenant: { agency: NOT_FOUND },
  },
  unpublishAgencyPackage: {
    prepare: async (world) => {
      const { view } = await draftWithDeparture(world, true);
      return { request: () => ({ path: `/agency/packages/${view.packageId}/unpublish` }) };
    },
    otherTenant: { agency: NOT_FOUND },
  },

  // hospital-delivery: the hospital's own endpoint and deliveries; the operator's watch list and replays
  getHospitalWebhook: {
    prepare: async () => ({ request: () => ({ path: '/hospital/webhook' }), owned: [ORG_A.hospital] }),
    otherTenant: { hospital: ISOLATED },
  },
  putHospitalWebhook: {
    prepare: async () => ({
      // Each hospital sets its own endpoint, the first time without a version.
      request: () => ({
        path: '/hospital/webhook',
        body: { url: 'https://his.example.cn/shifa', enabled: true },
      }),
      owned: [ORG_A.hospital],
    }),
    otherTenant: { hospital: ISOLATED },
  },
  rotateHospitalWebhookSecret: {
    prepare: async () => ({
      request: () => ({ path: '/hospital/webhook/secrets/rotate' }),
      owned: [ORG_A.hospital],
    }),
    otherTenant: { hospital: ISOLATED },
  },
  listHospitalDeliveries: {
    prepare: async (world) => {
      const deliveryId = await deliveryOfHospitalA(world);
      return { request: () => ({ path: '/hospital/deliveries?limit=50' }), owned: [deliveryId] };
    },
    otherTenant: { hospital: ISOLATED },
  },
  redeliverHospitalDelivery: {
    prepare: async (world) => {
      const deliveryId = await deliveryOfHospitalA(world);
      return { request: () => ({ path: `/hospital/deliveries/${deliveryId}/redeliver` }) };
    },
    otherTenant: { hospital: NOT_FOUND },
  },
  listDeliveries: {
    prepare: async () => ({ request: () => ({ path: '/operator/deliveries?status=pending' }) }),
    otherTenant: { operator: PLATFORM_WIDE },
  },
  replayDelivery: {
    prepare: async (world) => {
      const deliveryId = await deliveryOfHospitalA(world);
      return { request: () => ({ path: `/operator/deliveries/${deliveryId}/replay` }) };
    },
    otherTenant: { operator: PLATFORM_WIDE },
  },
  // Tourists' medical records: the owner's id is part of every record's key, so another tourist's
  // answers must name neither tourist A nor A's records.
  createRecord: {
    prepare: async () => ({
      request: () => ({ path: '/records', body: recordBody }),
      owned: [TENANT_A.tourist],
    }),
    otherTenant: { tourist: ISOLATED },
  },
  listRecords: {
    prepare: async (world) => {
      const recordId = await recordOfTouristA(world);
      return { request: () => ({ path: '/records?limit=50' }), owned: [recordId] };
    },
    otherTenant: { tourist: ISOLATED },
  },
  getRecord: {
    prepare: async (world) => {
      const recordId = await recordOfTouristA(world);
      return { request: () => ({ path: `/records/${recordId}` }) };
    },
    otherTenant: { tourist: NOT_FOUND },
  },
  deleteRecord: {
    prepare: async (world) => {
      const recordId = await recordOfTouristA(world);
      return { request: () => ({ path: `/records/${recordId}` }) };
    },
    otherTenant: { tourist: NOT_FOUND },
  },
};
