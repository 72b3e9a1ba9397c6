/**
 * The demo data loader on DynamoDB Local: the agencies' hotels and excursions
 * land exactly as the agency API stores them, reloading writes nothing, and a
 * demo agency can publish its demo packages again as they are, because they
 * name its own hotels and excursions; holding a demo departure takes that
 * hotel's beds.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { AgencyPackageView, ExcursionList, HotelList } from '@shifa/contracts';
import { hotelNights, todayUtc } from '@shifa/domain';
import { loadDemoData } from '@shifa/local/demo';
import { demoCatalog } from '@shifa/local/demo/catalog';
import { DEMO_USERS } from '@shifa/local/demo/users';
import { agencyStore, bookingKeys, documentClient, tableName } from '@shifa/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from './support/api';
import { usePaymentSimulator } from './support/payments';
import { useTable } from './support/table';

useTable();
const api = useApi();
usePaymentSimulator(api);
const today = todayUtc(new Date());
const demo = demoCatalog(today);

/** The demo manager of an agency, to call the agency API as. */
function managerOf(agencyId: string): string {
  const user = DEMO_USERS.find((u) => u.role === 'agency' && u.organisation === agencyId);
  if (user === undefined) throw new Error(`no demo manager for ${agencyId}`);
  return user.email;
}

let firstLoad: Awaited<ReturnType<typeof loadDemoData>>;

beforeAll(async () => {
  firstLoad = await loadDemoData(today);
});

describe('loadDemoData', () => {
  it('stores every demo hotel and excursion as the agency API reads them back', async () => {
    for (const hotel of demo.hotels) {
      expect(await agencyStore.hotel(hotel.agencyId, hotel.hotelId)).toEqual(hotel);
    }
    for (const excursion of demo.excursions) {
      expect(await agencyStore.excursion(excursion.agencyId, excursion.excursionId)).toEqual(excursion);
    }
    expect(firstLoad).toMatchObject({ hotels: demo.hotels.length, excursions: demo.excursions.length });
  });

  it('lists each agency its own demo hotels and excursions, and no other agency’s', async () => {
    for (const agency of demo.agencies.filter((a) => demo.hotels.some((h) => h.agencyId === a.agencyId))) {
      const as = managerOf(agency.agencyId);
      const hotels = HotelList.parse((await api.request('GET', '/agency/hotels?limit=100', { as })).body);
      const excursions = ExcursionList.parse(
        (await api.request('GET', '/agency/excursions?limit=100', { as })).body,
      );

      expect(hotels.items).toEqual(
        expect.arrayContaining(demo.hotels.filter((h) => h.agencyId === agency.agencyId)),
      );
      expect(hotels.items.every((h) => h.agencyId === agency.agencyId)).toBe(true);
      expect(excursions.items).toEqual(
        expect.arrayContaining(demo.excursions.filter((e) => e.agencyId === agency.agencyId)),
      );
      expect(excursions.items.every((e) => e.agencyId === agency.agencyId)).toBe(true);
    }
  });

  it('writes nothing when loaded again', async () => {
    const again = await loadDemoData(today);

    expect(again.written).toBe(0);
    expect(again.present).toBe(firstLoad.written + firstLoad.present);
  });
});

describe('demo packages', () => {
  it.each(demo.packages.map(({ pkg }) => [pkg.packageId, pkg.agencyId]))(
    '%s is published again by its agency as it is, naming the same hotel and excursions',
    async (packageId, agencyId) => {
      const as = managerOf(agencyId);
      const path = `/agency/packages/${packageId}`;
      const before = AgencyPackageView.parse((await api.request('GET', path, { as })).body);

      const unpublished = await api.request('POST', `${path}/unpublish`, { as });
      const republished = await api.request('POST', `${path}/publish`, { as });

      expect(unpublished.status).toBe(200);
      expect(republished.status, JSON.stringify(republished.body)).toBe(200);
      const after = AgencyPackageView.parse(republished.body);
      expect(after.status).toBe('published');
      expect(after.accommodation).toEqual(before.accommodation);
      expect(after.sightseeing).toEqual(before.sightseeing);
    },
  );
});

describe('holding a demo departure', () => {
  it('takes a bed of the hotel the package names on every night of the stay, from the agency’s allotment', async () => {
    const entry = demo.packages[0];
    const departure = entry?.departures[0];
    const hotel = demo.hotels.find((h) => h.hotelId === entry?.pkg.accommodation.hotelId);
    if (entry === undefined || departure === undefined || hotel === undefined)
      throw new Error('no demo departure');

    const response = await api.request('POST', '/bookings', {
      as: 'aigerim@example.kz',
      headers: { 'idempotency-key': randomUUID() },
      body: {
        packageId: entry.pkg.packageId,
        departureId: departure.departureId,
        travellers: [
          {
            fullName: 'AIGERIM NURLANOVA',
            birthDate: '1968-04-12',
            nationality: 'KZ',
            preferredLanguage: 'ru',
          },
        ],
      },
    });

    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const nights = hotelNights(entry.pkg, departure.startDate);
    expect(nights).toHaveLength(entry.pkg.accommodation.nights);
    for (const night of nights) {
      const { Item } = await documentClient.send(
        new GetCommand({
          TableName: tableName,
          Key: bookingKeys.hotelNight(hotel.agencyId, hotel.hotelId, night),
          ConsistentRead: true,
        }),
      );
      expect(Item, night).toMatchObject({ capacity: hotel.beds, available: hotel.beds - 1, held: 1 });
    }
  });
});
