/**
 * An agency's hotels and excursions through the real HTTP server and handlers
 * on DynamoDB Local: created with server-made ids, replaced at the version read,
 * listed a page at a time, invisible to other agencies, and read-only for a
 * suspended agency.
 */
import { type Agency, ExcursionComponent, ExcursionList, Hotel, HotelList } from '@shifa/contracts';
import { todayUtc } from '@shifa/domain';
import { loadDemoData } from '@shifa/local/demo';
import type { TokenSubject } from '@shifa/local/issuer';
import { catalogItems, ENTITY, keys, putIfAbsent } from '@shifa/store';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  compositionBody,
  createExcursion,
  createHotel,
  errorOf,
  excursionBody,
  hotelBody,
  JIBEK,
  pathsOf,
  SHIFO,
  TOURIST,
} from './support/agency';
import { useApi } from './support/api';
import { useTable } from './support/table';

useTable();
const api = useApi();

const SUSPENDED: Agency = {
  agencyId: 'suspended-tours-astana',
  status: 'suspended',
  name: { ru: 'Приостановленные туры', en: 'Suspended Tours' },
  city: 'Astana',
  country: 'KZ',
  languages: ['ru'],
};
const SUSPENDED_MANAGER: TokenSubject = {
  id: 'agency-suspended-tours',
  email: 'manager@suspended-tours.example.kz',
  role: 'agency',
  organisation: SUSPENDED.agencyId,
};
const SUSPENDED_HOTEL = Hotel.parse({
  ...hotelBody(),
  hotelId: 'astana-hotel-000001',
  agencyId: SUSPENDED.agencyId,
  version: 1,
  createdAt: '2026-01-10T08:00:00.000Z',
  updatedAt: '2026-01-10T08:00:00.000Z',
});
const UNREGISTERED: TokenSubject = {
  id: 'agency-nobody',
  email: 'manager@nobody.example.kz',
  role: 'agency',
  organisation: 'no-such-agency',
};

beforeAll(async () => {
  await loadDemoData(todayUtc(new Date()));
  await putIfAbsent(catalogItems.agency(SUSPENDED));
  await putIfAbsent({
    ...keys.hotel(SUSPENDED.agencyId, SUSPENDED_HOTEL.hotelId),
    entity: ENTITY.hotel,
    ...SUSPENDED_HOTEL,
  });
});

describe('hotels', () => {
  it('creates a hotel with an id made from its English name, and reads it back', async () => {
    const response = await api.request('POST', '/agency/hotels', { as: JIBEK, body: hotelBody() });

    expect(response.status).toBe(201);
    const hotel = Hotel.parse(response.body);
    expect(hotel.hotelId).toMatch(/^tianshan-garden-hotel-[a-z0-9]{6}$/);
    expect(hotel).toMatchObject({ agencyId: 'jibek-zholy-almaty', beds: 30, version: 1, city: 'urumqi' });
    expect(response.headers.get('location')).toBe(`/agency/hotels/${hotel.hotelId}`);
    const read = await api.request('GET', `/agency/hotels/${hotel.hotelId}`, { as: JIBEK });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(response.body);
  });

  it('replaces a hotel at the version read and refuses a stale version with 409', async () => {
    const hotel = await createHotel(api, JIBEK);

    const updated = await api.request('PUT', `/agency/hotels/${hotel.hotelId}`, {
      as: JIBEK,
      body: { ...hotelBody({ beds: 12, stars: undefined }), version: 1 },
    });
    const stale = await api.request('PUT', `/agency/hotels/${hotel.hotelId}`, {
      as: JIBEK,
      body: { ...hotelBody({ beds: 40 }), version: 1 },
    });

    expect(updated.status).toBe(200);
    const after = Hotel.parse(updated.body);
    expect(after).toMatchObject({ hotelId: hotel.hotelId, beds: 12, version: 2, createdAt: hotel.createdAt });
    expect(after.stars).toBeUndefined();
    expect(stale.status).toBe(409);
    expect(errorOf(stale).code).toBe('version_conflict');
    const stored = await api.request('GET', `/agency/hotels/${hotel.hotelId}`, { as: JIBEK });
    expect(Hotel.parse(stored.body).beds).toBe(12);
  });

  it('of two concurrent replacements on one version, exactly one wins', async () => {
    const hotel = await createHotel(api, JIBEK);
    const put = (beds: number) =>
      api.request('PUT', `/agency/hotels/${hotel.hotelId}`, {
        as: JIBEK,
        body: { ...hotelBody({ beds }), version: 1 },
      });

    const responses = await Promise.all([put(10), put(20)]);

    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
  });

  it('lists the agency’s hotels a page at a time, and a cursor works only in its own listing', async () => {
    await createHotel(api, JIBEK);
    await createHotel(api, JIBEK);

    const first = await api.request('GET', '/agency/hotels?limit=1', { as: JIBEK });
    const page = HotelList.parse(first.body);
    const cursor = encodeURIComponent(page.nextCursor ?? '');
    const second = await api.request('GET', `/agency/hotels?limit=1&cursor=${cursor}`, { as: JIBEK });
    const elsewhere = await api.request('GET', `/agency/hotels?limit=1&cursor=${cursor}`, { as: SHIFO });

    expect(page.items).toHaveLength(1);
    expect(HotelList.parse(second.body).items[0]?.hotelId).not.toBe(page.items[0]?.hotelId);
    expect(elsewhere.status).toBe(400);
    expect(errorOf(elsewhere).code).toBe('invalid_cursor');
  });

  it('hides a hotel from every other agency: 404 to read or replace it, absent from their list', async () => {
    const hotel = await createHotel(api, JIBEK);

    const read = await api.request('GET', `/agency/hotels/${hotel.hotelId}`, { as: SHIFO });
    const write = await api.request('PUT', `/agency/hotels/${hotel.hotelId}`, {
      as: SHIFO,
      body: { ...hotelBody({ beds: 1 }), version: 1 },
    });
    const list = HotelList.parse((await api.request('GET', '/agency/hotels?limit=100', { as: SHIFO })).body);

    expect([read.status, write.status]).toEqual([404, 404]);
    expect(errorOf(read).code).toBe('hotel_not_found');
    expect(list.items.map((item) => item.hotelId)).not.toContain(hotel.hotelId);
    const unchanged = await api.request('GET', `/agency/hotels/${hotel.hotelId}`, { as: JIBEK });
    expect(Hotel.parse(unchanged.body).beds).toBe(30);
  });

  it('refuses bad hotels with 400 naming each field', async () => {
    const response = await api.request('POST', '/agency/hotels', {
      as: JIBEK,
      body: {
        ...hotelBody({ beds: 501, city: 'almaty', roomTypes: [], meals: ['breakfast', 'breakfast'] }),
        rating: 9,
      },
    });

    expect(response.status).toBe(400);
    expect(pathsOf(response).sort()).toEqual(['beds', 'city', 'meals', 'rating', 'roomTypes']);
  });

  it('is for agencies only: 403 for a tourist, 401 without a token', async () => {
    const tourist = await api.request('GET', '/agency/hotels', { as: TOURIST });
    const anonymous = await api.request('GET', '/agency/hotels');

    expect([tourist.status, anonymous.status]).toEqual([403, 401]);
  });
});

describe('excursions', () => {
  it('creates, reads, replaces and lists excursions', async () => {
    const created = await createExcursion(api, SHIFO, { name: { uz: 'Tyanchi koʻli', ru: 'Озеро Тяньчи' } });

    const replaced = await api.request('PUT', `/agency/excursions/${created.excursionId}`, {
      as: SHIFO,
      body: { ...excursionBody({ hours: 8, description: undefined }), version: created.version },
    });
    const list = ExcursionList.parse((await api.request('GET', '/agency/excursions', { as: SHIFO })).body);

    expect(created.excursionId).toMatch(/^tyanchi-koli-[a-z0-9]{6}$/);
    expect(replaced.status).toBe(200);
    expect(ExcursionComponent.parse(replaced.body)).toMatchObject({ hours: 8, version: 2 });
    expect(ExcursionComponent.parse(replaced.body).description).toBeUndefined();
    expect(list.items.map((item) => item.excursionId)).toContain(created.excursionId);
  });

  it('hides an excursion from other agencies with 404', async () => {
    const excursion = await createExcursion(api, SHIFO);

    const read = await api.request('GET', `/agency/excursions/${excursion.excursionId}`, { as: JIBEK });
    const write = await api.request('PUT', `/agency/excursions/${excursion.excursionId}`, {
      as: JIBEK,
      body: { ...excursionBody(), version: 1 },
    });

    expect([read.status, write.status]).toEqual([404, 404]);
    expect(errorOf(write).code).toBe('excursion_not_found');
  });

  it('refuses an excursion longer than a day and a name in no language', async () => {
    const response = await api.request('POST', '/agency/excursions', {
      as: JIBEK,
      body: excursionBody({ hours: 25, name: {} }),
    });

    expect(response.status).toBe(400);
    expect(pathsOf(response).sort()).toEqual(['hours', 'name']);
  });
});

describe('an agency’s standing', () => {
  it('lets a suspended agency read its hotels but not change anything, with 403 agency_suspended', async () => {
    const list = await api.request('GET', '/agency/hotels', { as: SUSPENDED_MANAGER });
    const read = await api.request('GET', `/agency/hotels/${SUSPENDED_HOTEL.hotelId}`, {
      as: SUSPENDED_MANAGER,
    });
    const writes = await Promise.all([
      api.request('POST', '/agency/hotels', { as: SUSPENDED_MANAGER, body: hotelBody() }),
      api.request('PUT', `/agency/hotels/${SUSPENDED_HOTEL.hotelId}`, {
        as: SUSPENDED_MANAGER,
        body: { ...hotelBody({ beds: 1 }), version: 1 },
      }),
      api.request('POST', '/agency/excursions', { as: SUSPENDED_MANAGER, body: excursionBody() }),
      api.request('POST', '/agency/packages', {
        as: SUSPENDED_MANAGER,
        body: compositionBody(SUSPENDED_HOTEL.hotelId, []),
      }),
    ]);

    expect([list.status, read.status]).toEqual([200, 200]);
    expect(HotelList.parse(list.body).items.map((hotel) => hotel.hotelId)).toEqual([SUSPENDED_HOTEL.hotelId]);
    expect(writes.map((response) => response.status)).toEqual([403, 403, 403, 403]);
    expect(writes.map((response) => errorOf(response).code)).toEqual(Array(4).fill('agency_suspended'));
  });

  it('refuses writes from an account linked to no registered agency', async () => {
    const response = await api.request('POST', '/agency/hotels', { as: UNREGISTERED, body: hotelBody() });

    expect(response.status).toBe(403);
    expect(errorOf(response).code).toBe('agency_unknown');
  });
});
