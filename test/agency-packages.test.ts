/**
 * Packages as an agency builds and sells them, through the real HTTP server and
 * handlers on DynamoDB Local with the demo catalog: composed by reference from
 * its hotel and excursions and a demo hospital's programme, given departures,
 * published into search and taken out again; walled off from other agencies;
 * checked against the hospital's capacity; edited under optimistic concurrency.
 */
import {
  AgencyPackageList,
  AgencyPackageView,
  type Hospital,
  PackageDetail,
  PackageListResponse,
  type TreatmentProgramme,
} from '@shifa/contracts';
import { addDays, todayUtc } from '@shifa/domain';
import { loadDemoData } from '@shifa/local/demo';
import { demoCatalog } from '@shifa/local/demo/catalog';
import { capacityItem, catalogItems, putIfAbsent } from '@shifa/store';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addDeparture,
  compositionBody,
  createDraft,
  createExcursion,
  createHotel,
  departureBody,
  errorOf,
  JIBEK,
  pathsOf,
  SAMARKAND_PENDING,
  SHIFO,
  TOURIST,
  XJ_TCM,
} from './support/agency';
import { type ApiResponse, useApi } from './support/api';
import { useTable } from './support/table';

useTable();
const api = useApi();
const today = todayUtc(new Date());

/** A hospital an operator has not verified yet, with a programme and beds, in Altay. */
const PENDING_HOSPITAL: Hospital = {
  hospitalId: 'altay-pending-hospital',
  status: 'pending',
  name: { en: 'Altay hospital awaiting verification' },
  city: 'altay',
  languages: ['zh', 'ru'],
  departments: [],
};
const PENDING_PROGRAMME: TreatmentProgramme = {
  programmeId: 'altay-massage-7',
  hospitalId: PENDING_HOSPITAL.hospitalId,
  kind: 'massage',
  title: { en: 'Massage, 7 days' },
  days: 7,
  sessions: 7,
  includes: [],
  contraindications: [],
  price: { amount: 200_000, currency: 'CNY' },
};

beforeAll(async () => {
  await loadDemoData(today);
  await putIfAbsent(catalogItems.hospital(PENDING_HOSPITAL));
  await putIfAbsent(catalogItems.programme(PENDING_PROGRAMME));
  for (let day = 0; day < 120; day += 1) {
    await putIfAbsent(
      capacityItem({
        hospitalId: PENDING_HOSPITAL.hospitalId,
        date: addDays(today, day),
        capacity: 10,
        available: 10,
      }),
    );
  }
});

const viewOf = (response: ApiResponse) => AgencyPackageView.parse(response.body);

async function search(query: string): Promise<PackageListResponse['items']> {
  const response = await api.get(`/packages?${query}&limit=50`);
  expect(response.status).toBe(200);
  return PackageListResponse.parse(response.body).items;
}

const searchIds = async (query: string) => (await search(query)).map((item) => item.packageId);

async function publish(packageId: string, as = JIBEK): Promise<ApiResponse> {
  return api.request('POST', `/agency/packages/${packageId}/publish`, { as });
}

describe('composing, publishing and finding a package', () => {
  it('an agency composes a package from its hotel, excursions and a hospital programme; a tourist finds it once published', async () => {
    const hotel = await createHotel(api, JIBEK);
    const bazaar = await createExcursion(api, JIBEK);
    const tianchi = await createExcursion(api, JIBEK, {
      name: { en: 'Tianchi Lake', ru: 'Озеро Тяньчи' },
      hours: 8,
    });

    const created = await api.request('POST', '/agency/packages', {
      as: JIBEK,
      body: compositionBody(hotel.hotelId, [bazaar.excursionId, tianchi.excursionId]),
    });

    expect(created.status).toBe(201);
    const draft = viewOf(created);
    expect(created.headers.get('location')).toBe(`/agency/packages/${draft.packageId}`);
    expect(draft).toMatchObject({
      status: 'draft',
      version: 1,
      agencyId: 'jibek-zholy-almaty',
      city: 'urumqi',
      hospital: { hospitalId: XJ_TCM.hospitalId, city: 'urumqi' },
      treatment: { programmeId: XJ_TCM.programmeId, kind: 'acupuncture', days: 10, startDay: 2 },
      accommodation: {
        hotelId: hotel.hotelId,
        name: hotel.name,
        stars: 4,
        room: hotel.roomTypes[0],
        nights: 12,
      },
      sightseeing: [
        { excursionId: bazaar.excursionId, name: bazaar.name, day: 3, hours: 3 },
        { excursionId: tianchi.excursionId, name: tianchi.name, day: 7, hours: 8 },
      ],
      departures: [],
    });
    expect((await api.get(`/packages/${draft.packageId}`)).status).toBe(404);

    await addDeparture(api, JIBEK, draft.packageId, departureBody(today, 30, 12));
    const withDepartures = await addDeparture(api, JIBEK, draft.packageId, departureBody(today, 60, 8));
    expect(withDepartures.version).toBe(3);
    expect(withDepartures.departures.map((d) => [d.startDate, d.endDate, d.seatsLeft])).toEqual([
      [addDays(today, 30), addDays(today, 42), 12],
      [addDays(today, 60), addDays(today, 72), 8],
    ]);
    expect(await searchIds('treatment=acupuncture&city=urumqi')).not.toContain(draft.packageId);

    const published = await publish(draft.packageId);

    expect(published.status).toBe(200);
    expect(viewOf(published)).toMatchObject({ status: 'published', version: 4 });
    const found = (await search('treatment=acupuncture&city=urumqi&language=kk&lang=kk')).find(
      (item) => item.packageId === draft.packageId,
    );
    expect(found).toMatchObject({
      title: 'Үрімжіде инемен емдеу, 13 күн',
      agency: { agencyId: 'jibek-zholy-almaty' },
      priceFrom: [
        { currency: 'KZT', amount: 74_600_000 },
        { currency: 'USD', amount: 143_500 },
      ],
    });
    expect(found?.departures.map((d) => d.startDate)).toEqual([addDays(today, 30), addDays(today, 60)]);
    const detail = await api.get(`/packages/${draft.packageId}?lang=en`);
    expect(detail.status).toBe(200);
    expect(PackageDetail.parse(detail.body)).toMatchObject({
      title: 'Acupuncture in Urumqi',
      accommodation: { name: 'Tianshan Garden Hotel', room: 'Twin room', nights: 12, meals: 'breakfast' },
      sightseeing: [
        { day: 3, name: 'Xinjiang International Grand Bazaar' },
        { day: 7, name: 'Tianchi Lake' },
      ],
      departures: [{ seatsLeft: 12 }, { seatsLeft: 8 }],
    });
  });

  it('lists the agency’s own packages in every status, and none of another agency’s', async () => {
    const draft = await createDraft(api, SHIFO);

    const own = await api.request('GET', '/agency/packages?limit=100', { as: SHIFO });
    const other = await api.request('GET', '/agency/packages?limit=100', { as: JIBEK });

    expect(own.status).toBe(200);
    const items = AgencyPackageList.parse(own.body).items;
    expect(items.find((item) => item.packageId === draft.packageId)).toMatchObject({
      status: 'draft',
      version: 1,
    });
    // The demo packages of Shifo Sayohat are published and listed too.
    expect(items.filter((item) => item.status === 'published').length).toBeGreaterThan(0);
    expect(AgencyPackageList.parse(other.body).items.map((item) => item.packageId)).not.toContain(
      draft.packageId,
    );
  });

  it('pages through the agency’s packages with a cursor, each once', async () => {
    const first = AgencyPackageList.parse(
      (await api.request('GET', '/agency/packages?limit=2', { as: SHIFO })).body,
    );
    const cursor = encodeURIComponent(first.nextCursor ?? '');
    const second = AgencyPackageList.parse(
      (await api.request('GET', `/agency/packages?limit=2&cursor=${cursor}`, { as: SHIFO })).body,
    );

    expect(first.items).toHaveLength(2);
    expect(second.items.length).toBeGreaterThan(0);
    const ids = [...first.items, ...second.items].map((item) => item.packageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('unpublishing takes the package and its departures out of search at once; publishing again brings them back', async () => {
    const draft = await createDraft(api, JIBEK);
    await addDeparture(api, JIBEK, draft.packageId, departureBody(today, 45));
    expect((await publish(draft.packageId)).status).toBe(200);
    expect(await searchIds('treatment=acupuncture')).toContain(draft.packageId);

    const unpublished = await api.request('POST', `/agency/packages/${draft.packageId}/unpublish`, {
      as: JIBEK,
    });

    expect(unpublished.status).toBe(200);
    expect(viewOf(unpublished).status).toBe('unpublished');
    expect(await searchIds('treatment=acupuncture')).not.toContain(draft.packageId);
    expect((await api.get(`/packages/${draft.packageId}`)).status).toBe(404);
    const again = await publish(draft.packageId);
    expect(again.status).toBe(200);
    expect(await searchIds('treatment=acupuncture')).toContain(draft.packageId);
  });

  it('refuses to publish twice or to unpublish a draft', async () => {
    const draft = await createDraft(api, JIBEK);
    await addDeparture(api, JIBEK, draft.packageId, departureBody(today, 40));

    const unpublishDraft = await api.request('POST', `/agency/packages/${draft.packageId}/unpublish`, {
      as: JIBEK,
    });
    await publish(draft.packageId);
    const twice = await publish(draft.packageId);

    expect(unpublishDraft.status).toBe(409);
    expect(errorOf(unpublishDraft).code).toBe('package_not_published');
    expect(twice.status).toBe(409);
    expect(errorOf(twice).code).toBe('package_already_published');
  });

  it('lists a departure added to a published package in search in the same write', async () => {
    const draft = await createDraft(api, JIBEK);
    await addDeparture(api, JIBEK, draft.packageId, departureBody(today, 50));
    await publish(draft.packageId);

    await addDeparture(api, JIBEK, draft.packageId, departureBody(today, 80));

    const found = (await search('treatment=acupuncture')).find((item) => item.packageId === draft.packageId);
    expect(found?.departures.map((d) => d.startDate)).toEqual([addDays(today, 50), addDays(today, 80)]);
  });
});

describe('packages written before this API', () => {
  /** A demo package stored as before hotels and excursions were components: without version or their ids. */
  async function legacyPackage(): Promise<string> {
    const demo = demoCatalog(today).packages.find(({ pkg }) => pkg.packageId === 'kz-urumqi-acupuncture-13');
    if (demo === undefined) throw new Error('no demo package kz-urumqi-acupuncture-13');
    const packageId = 'kz-urumqi-acupuncture-legacy';
    const { hotelId: _hotelId, ...accommodation } = demo.pkg.accommodation;
    const pkg = {
      ...demo.pkg,
      packageId,
      accommodation,
      sightseeing: demo.pkg.sightseeing.map(({ excursionId: _excursionId, ...visit }) => visit),
    };
    await putIfAbsent(catalogItems.package(pkg));
    for (const departure of demo.departures) {
      const departureId = `${packageId}-${departure.startDate}`;
      await putIfAbsent(catalogItems.departure({ ...departure, packageId, departureId }, pkg));
    }
    return packageId;
  }

  it('reads a package without a hotel as version 0, asks for a hotel before publishing it again, and takes one', async () => {
    const packageId = await legacyPackage();
    const path = `/agency/packages/${packageId}`;
    const demo = viewOf(await api.request('GET', path, { as: JIBEK }));
    const unpublished = await api.request('POST', `${path}/unpublish`, { as: JIBEK });
    const hotel = await createHotel(api, JIBEK);
    const bazaar = await createExcursion(api, JIBEK);

    const refused = await publish(packageId);
    const recomposed = await api.request('PUT', path, {
      as: JIBEK,
      body: { ...compositionBody(hotel.hotelId, [bazaar.excursionId]), version: 1 },
    });
    const republished = await publish(packageId);

    expect(demo).toMatchObject({ status: 'published', version: 0 });
    expect(demo.departures.length).toBeGreaterThan(0);
    expect(viewOf(unpublished)).toMatchObject({ status: 'unpublished', version: 1 });
    expect(refused.status).toBe(400);
    expect(errorOf(refused).code).toBe('invalid_composition');
    expect(pathsOf(refused)).toContain('accommodation.hotelId');
    expect(recomposed.status).toBe(200);
    expect(viewOf(recomposed).accommodation.hotelId).toBe(hotel.hotelId);
    expect(republished.status).toBe(200);
    const detail = PackageDetail.parse((await api.get(`/packages/${packageId}?lang=en`)).body);
    expect(detail.accommodation.name).toBe('Tianshan Garden Hotel');
    expect(detail.departures).toHaveLength(demo.departures.length);
  });
});

describe('what publishing requires', () => {
  it('refuses a pending agency with 403 agency_not_verified, though it may compose drafts', async () => {
    const draft = await createDraft(api, SAMARKAND_PENDING);
    await addDeparture(api, SAMARKAND_PENDING, draft.packageId, departureBody(today, 30));

    const response = await publish(draft.packageId, SAMARKAND_PENDING);

    expect(response.status).toBe(403);
    expect(errorOf(response).code).toBe('agency_not_verified');
    expect(await searchIds('treatment=acupuncture')).not.toContain(draft.packageId);
  });

  it('refuses a package without a departure after today', async () => {
    const draft = await createDraft(api, JIBEK);

    const response = await publish(draft.packageId);

    expect(response.status).toBe(409);
    expect(errorOf(response).code).toBe('no_upcoming_departure');
  });

  it('refuses more seats than the hospital has beds with 409, naming the departure and the days', async () => {
    const draft = await createDraft(api, JIBEK);
    const fits = await addDeparture(api, JIBEK, draft.packageId, departureBody(today, 30, XJ_TCM.beds));
    const tooMany = await addDeparture(
      api,
      JIBEK,
      draft.packageId,
      departureBody(today, 90, XJ_TCM.beds + 1),
    );
    const crowded = tooMany.departures.find((d) => d.startDate === addDays(today, 90));

    const response = await publish(draft.packageId);

    expect(fits.departures).toHaveLength(1);
    expect(response.status).toBe(409);
    expect(errorOf(response)).toMatchObject({
      code: 'insufficient_hospital_capacity',
      details: [
        {
          path: `departures.${crowded?.departureId}`,
          message: `21 seats need more hospital beds than the hospital has on ${addDays(today, 91)}..${addDays(today, 100)}`,
        },
      ],
    });
    expect(await searchIds('treatment=acupuncture')).not.toContain(draft.packageId);
  });

  it('refuses more seats than the hotel holds for the agency with 409 insufficient_hotel_beds', async () => {
    const draft = await createDraft(api, JIBEK, { hotel: { beds: 6 } });
    await addDeparture(api, JIBEK, draft.packageId, departureBody(today, 30, 8));

    const response = await publish(draft.packageId);

    expect(response.status).toBe(409);
    expect(errorOf(response).code).toBe('insufficient_hotel_beds');
  });

  it('refuses a hospital that is not verified with 409 hospital_not_verified', async () => {
    const hotel = await createHotel(api, JIBEK, { city: 'altay' });
    const created = await api.request('POST', '/agency/packages', {
      as: JIBEK,
      body: compositionBody(hotel.hotelId, [], {
        durationDays: 9,
        treatment: {
          hospitalId: PENDING_HOSPITAL.hospitalId,
          programmeId: PENDING_PROGRAMME.programmeId,
          startDay: 2,
        },
        accommodation: { hotelId: hotel.hotelId, nights: 8, room: { en: 'Twin room' }, meals: 'breakfast' },
      }),
    });
    expect(created.status).toBe(201);
    const { packageId } = viewOf(created);
    await addDeparture(api, JIBEK, packageId, departureBody(today, 30));

    const response = await publish(packageId);

    expect(response.status).toBe(409);
    expect(errorOf(response).code).toBe('hospital_not_verified');
  });

  it('keeps a published package within capacity when seats are added to it', async () => {
    const draft = await createDraft(api, JIBEK);
    const view = await addDeparture(api, JIBEK, draft.packageId, departureBody(today, 30, 10));
    const published = viewOf(await publish(draft.packageId));
    const departureId = view.departures[0]?.departureId;

    const response = await api.request(
      'PUT',
      `/agency/packages/${draft.packageId}/departures/${departureId}`,
      {
        as: JIBEK,
        body: { version: published.version, seats: XJ_TCM.beds + 5, prices: departureBody(today, 30).prices },
      },
    );

    expect(response.status).toBe(409);
    expect(errorOf(response).code).toBe('insufficient_hospital_capacity');
  });
});

describe('tenant walls', () => {
  let draft: AgencyPackageView;
  beforeAll(async () => {
    draft = await createDraft(api, JIBEK);
    draft = await addDeparture(api, JIBEK, draft.packageId, departureBody(today, 30));
  });

  it('answers 404 to another agency for every read and write of the package, and changes nothing', async () => {
    const path = `/agency/packages/${draft.packageId}`;
    const departureId = draft.departures[0]?.departureId;
    const hotel = await createHotel(api, SHIFO);

    const attempts = await Promise.all([
      api.request('GET', path, { as: SHIFO }),
      api.request('PUT', path, {
        as: SHIFO,
        body: { ...compositionBody(hotel.hotelId, []), version: draft.version },
      }),
      api.request('POST', `${path}/departures`, { as: SHIFO, body: departureBody(today, 70) }),
      api.request('PUT', `${path}/departures/${departureId}`, {
        as: SHIFO,
        body: { version: draft.version, seats: 3, prices: departureBody(today, 30).prices },
      }),
      api.request('DELETE', `${path}/departures/${departureId}`, { as: SHIFO }),
      api.request('POST', `${path}/publish`, { as: SHIFO }),
      api.request('POST', `${path}/unpublish`, { as: SHIFO }),
    ]);

    expect(attempts.map((response) => response.status)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    expect(attempts.map((response) => errorOf(response).code)).toEqual(Array(7).fill('package_not_found'));
    const after = viewOf(await api.request('GET', path, { as: JIBEK }));
    expect(after).toEqual(draft);
  });

  it('refuses another agency’s hotel and excursion ids as if they did not exist, naming the fields', async () => {
    const theirs = await createDraft(api, SHIFO);
    const ownHotel = await createHotel(api, JIBEK);
    const theirExcursion = theirs.sightseeing[0]?.excursionId ?? '';

    const response = await api.request('POST', '/agency/packages', {
      as: JIBEK,
      body: compositionBody(theirs.accommodation.hotelId ?? '', [theirExcursion]),
    });
    const mixed = await api.request('POST', '/agency/packages', {
      as: JIBEK,
      body: compositionBody(ownHotel.hotelId, [theirExcursion]),
    });

    expect(response.status).toBe(400);
    expect(errorOf(response).details).toEqual([
      { path: 'accommodation.hotelId', message: 'none of your hotels has this id' },
      { path: 'sightseeing.0.excursionId', message: 'none of your excursions has this id' },
    ]);
    expect(pathsOf(mixed)).toEqual(['sightseeing.0.excursionId']);
  });

  it('lets only agencies in: a tourist gets 403, no token 401', async () => {
    const tourist = await api.request('GET', `/agency/packages/${draft.packageId}`, { as: TOURIST });
    const anonymous = await api.request('POST', '/agency/packages', { body: {} });

    expect(tourist.status).toBe(403);
    expect(errorOf(tourist).code).toBe('forbidden_role');
    expect(anonymous.status).toBe(401);
  });
});

describe('optimistic concurrency', () => {
  it('of two PUTs on the same version, exactly one succeeds and the other gets 409 version_conflict', async () => {
    const draft = await createDraft(api, JIBEK);
    const hotelId = draft.accommodation.hotelId ?? '';
    const excursions = draft.sightseeing.map((visit) => visit.excursionId ?? '');
    const edit = (title: string) =>
      api.request('PUT', `/agency/packages/${draft.packageId}`, {
        as: JIBEK,
        body: { ...compositionBody(hotelId, excursions, { title: { en: title } }), version: draft.version },
      });

    const responses = await Promise.all([edit('First editor'), edit('Second editor')]);

    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    const loser = responses.find((response) => response.status === 409);
    expect(loser === undefined ? undefined : errorOf(loser).code).toBe('version_conflict');
    const winner = responses.find((response) => response.status === 200);
    const stored = viewOf(await api.request('GET', `/agency/packages/${draft.packageId}`, { as: JIBEK }));
    expect(stored.version).toBe(2);
    expect(stored.title).toEqual(winner === undefined ? undefined : viewOf(winner).title);
  });

  it('refuses a PUT naming a version that is not the current one', async () => {
    const draft = await createDraft(api, JIBEK);

    const response = await api.request('PUT', `/agency/packages/${draft.packageId}`, {
      as: JIBEK,
      body: { ...compositionBody(draft.accommodation.hotelId ?? '', []), version: draft.version + 1 },
    });

    expect(response.status).toBe(409);
    expect(errorOf(response)).toMatchObject({ code: 'version_conflict', details: [{ path: 'version' }] });
  });
});

describe('bad input', () => {
  let hotelId: string;
  let excursionId: string;
  beforeAll(async () => {
    hotelId = (await createHotel(api, JIBEK)).hotelId;
    excursionId = (await createExcursion(api, JIBEK)).excursionId;
  });

  it('refuses unknown fields, a language Shifa does not speak and missing parts, with the path of each', async () => {
    const { serviceLanguages: _, ...withoutLanguages } = compositionBody(hotelId, [excursionId]);
    const response = await api.request('POST', '/agency/packages', {
      as: JIBEK,
      body: {
        ...withoutLanguages,
        title: { fr: 'Acuponcture' },
        treatment: { hospitalId: XJ_TCM.hospitalId, programmeId: XJ_TCM.programmeId, startDay: 0 },
        discount: 10,
      },
    });

    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe('invalid_body');
    expect(pathsOf(response).sort()).toEqual(
      ['discount', 'serviceLanguages', 'title', 'title.fr', 'treatment.startDay'].sort(),
    );
  });

  it('refuses a composition that does not fit together, naming every field to change', async () => {
    const response = await api.request('POST', '/agency/packages', {
      as: JIBEK,
      body: compositionBody(hotelId, [excursionId], {
        durationDays: 10,
        accommodation: { hotelId, nights: 10, room: { en: 'Suite' }, meals: 'full_board' },
        sightseeing: [{ excursionId, day: 11 }],
        services: [{ kind: 'interpreter', languages: [] }],
        cancellationPolicy: {
          tiers: [
            { daysBeforeDeparture: 7, refundPercent: 50 },
            { daysBeforeDeparture: 30, refundPercent: 100 },
          ],
        },
      }),
    });

    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe('invalid_composition');
    expect(pathsOf(response)).toEqual([
      'treatment.startDay',
      'accommodation.nights',
      'accommodation.room',
      'accommodation.meals',
      'sightseeing.0.day',
      'services.0.languages',
      'cancellationPolicy.tiers.1.daysBeforeDeparture',
    ]);
  });

  it('refuses a programme of another hospital and a hotel in another city', async () => {
    const horgosHotel = await createHotel(api, JIBEK, { city: 'horgos' });
    const response = await api.request('POST', '/agency/packages', {
      as: JIBEK,
      body: compositionBody(hotelId, [], {
        treatment: { hospitalId: XJ_TCM.hospitalId, programmeId: 'horgos-tuina-10', startDay: 2 },
      }),
    });
    const wrongCity = await api.request('POST', '/agency/packages', {
      as: JIBEK,
      body: compositionBody(horgosHotel.hotelId, []),
    });

    expect(pathsOf(response)).toEqual(['treatment.programmeId']);
    expect(errorOf(wrongCity).details).toEqual([
      {
        path: 'accommodation.hotelId',
        message: 'the hotel is in horgos, the hospital in urumqi: choose a hotel in urumqi',
        rule: 'hotel_other_city',
        params: { hotelCity: 'horgos', hospitalCity: 'urumqi' },
      },
    ]);
  });

  it('refuses departures in the past, in one currency twice, or without a price', async () => {
    const draft = await createDraft(api, JIBEK);
    const body = departureBody(today, 0);
    const [kzt] = body.prices;

    const response = await api.request('POST', `/agency/packages/${draft.packageId}/departures`, {
      as: JIBEK,
      body: {
        ...body,
        prices: [
          kzt,
          kzt,
          { currency: 'USD', lines: { treatment: 0, accommodation: 0, sightseeing: 0, services: 0 } },
        ],
      },
    });
    const fractional = await api.request('POST', `/agency/packages/${draft.packageId}/departures`, {
      as: JIBEK,
      body: {
        ...departureBody(today, 10),
        seats: 0,
        prices: [{ currency: 'KZT', lines: { ...kzt?.lines, services: 1.5 } }],
      },
    });

    expect(response.status).toBe(400);
    expect(pathsOf(response)).toEqual(['startDate', 'prices.1.currency', 'prices.2.lines']);
    expect(fractional.status).toBe(400);
    expect(pathsOf(fractional).sort()).toEqual(['prices.0.lines.services', 'seats']);
  });
});
