/**
 * Departures as an agency changes them while bookings take seats, through the
 * real HTTP server and handlers on DynamoDB Local: seats left move by the
 * change and never below what is sold, sold departures cannot be deleted, the
 * trip's dates and treatment are fixed once sold, and a package's departures
 * stay in step with it in search. Sales are simulated by taking seats exactly
 * as a booking's transaction does: decrementing seatsLeft in place.
 */

import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { AgencyPackageView, type Departure, PackageDetail, PackageListResponse } from '@shifa/contracts';
import { addDays, type ConflictError, todayUtc } from '@shifa/domain';
import { loadDemoData } from '@shifa/local/demo';
import { agencyStore, documentClient, keys, tableName } from '@shifa/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDeparture, compositionBody, createDraft, departureBody, errorOf, JIBEK } from './support/agency';
import { type ApiResponse, useApi } from './support/api';
import { useTable } from './support/table';

useTable();
const api = useApi();
const today = todayUtc(new Date());

beforeAll(async () => {
  await loadDemoData(today);
});

const viewOf = (response: ApiResponse) => AgencyPackageView.parse(response.body);
const prices = departureBody(today, 1).prices;
const cheaper = [
  {
    currency: 'KZT',
    lines: { treatment: 30_000_000, accommodation: 20_000_000, sightseeing: 0, services: 0 },
  },
];

async function sell(departure: Departure, seats: number): Promise<void> {
  await documentClient.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.departure(departure.packageId, departure.departureId),
      UpdateExpression: 'SET seatsLeft = seatsLeft - :n',
      ConditionExpression: 'seatsLeft >= :n',
      ExpressionAttributeValues: { ':n': seats },
    }),
  );
}

/** A package of Jibek Zholy with one departure 30 days ahead of `seats` seats, published or not. */
async function packageWithDeparture(seats: number, published = false) {
  const draft = await createDraft(api, JIBEK);
  let view = await addDeparture(api, JIBEK, draft.packageId, departureBody(today, 30, seats));
  if (published) {
    const response = await api.request('POST', `/agency/packages/${draft.packageId}/publish`, { as: JIBEK });
    expect(response.status).toBe(200);
    view = viewOf(response);
  }
  const departure = view.departures[0];
  if (departure === undefined) throw new Error('no departure');
  return { view, departure, path: `/agency/packages/${draft.packageId}/departures/${departure.departureId}` };
}

describe('changing a departure', () => {
  it('moves the seats left by the change in seats, keeping those sold, and new prices reach search', async () => {
    const { view, departure, path } = await packageWithDeparture(10, true);
    await sell(departure, 4);

    const response = await api.request('PUT', path, {
      as: JIBEK,
      body: { version: view.version, seats: 14, prices: cheaper },
    });

    expect(response.status).toBe(200);
    expect(viewOf(response).departures[0]).toMatchObject({ seatsTotal: 14, seatsLeft: 10, seatsSold: 4 });
    const stored = viewOf(await api.request('GET', `/agency/packages/${view.packageId}`, { as: JIBEK }));
    expect(stored.departures[0]).toMatchObject({ seatsTotal: 14, seatsLeft: 10, prices: cheaper });
    const detail = PackageDetail.parse((await api.get(`/packages/${view.packageId}`)).body);
    expect(detail.departures[0]?.prices).toEqual([
      {
        currency: 'KZT',
        perTraveller: {
          treatment: 30_000_000,
          accommodation: 20_000_000,
          sightseeing: 0,
          services: 0,
          total: 50_000_000,
        },
      },
    ]);
  });

  it('refuses fewer seats than are sold with 409 seats_below_sold, and changes nothing', async () => {
    const { view, departure, path } = await packageWithDeparture(10);
    await sell(departure, 6);

    const response = await api.request('PUT', path, {
      as: JIBEK,
      body: { version: view.version, seats: 5, prices },
    });

    expect(response.status).toBe(409);
    expect(errorOf(response)).toMatchObject({
      code: 'seats_below_sold',
      details: [{ path: 'seats', message: 'at least 6' }],
    });
    const stored = viewOf(await api.request('GET', `/agency/packages/${view.packageId}`, { as: JIBEK }));
    expect(stored.departures[0]).toMatchObject({ seatsTotal: 10, seatsLeft: 4 });
    expect(stored.version).toBe(view.version);
  });

  it('lets the seats fall to exactly those sold, selling out the departure', async () => {
    const { view, departure, path } = await packageWithDeparture(10);
    await sell(departure, 6);

    const response = await api.request('PUT', path, {
      as: JIBEK,
      body: { version: view.version, seats: 6, prices },
    });

    expect(response.status).toBe(200);
    expect(viewOf(response).departures[0]).toMatchObject({ seatsTotal: 6, seatsLeft: 0 });
  });

  it('bounds a change by the seats sold after it was read: the write is conditional on what is there', async () => {
    const { view, departure } = await packageWithDeparture(10);
    const found = await agencyStore.packageWithDepartures(view.packageId);
    if (found === undefined) throw new Error('package missing');
    // Read with 10 left, then a booking takes 7 before the write: 10 → 4 seats would leave -3.
    await sell(departure, 7);

    const write = agencyStore.savePackage({
      pkg: { ...found.pkg, version: view.version + 1 },
      expectedVersion: view.version,
      departures: [
        {
          op: 'change',
          departure: { ...departure, seatsTotal: 4, seatsLeft: 4 },
          seatsDelta: -6,
          seatsTotalRead: 10,
        },
      ],
      agencyMust: 'not_be_suspended',
      hospitalMustBeVerified: false,
    });

    await expect(write).rejects.toMatchObject({ code: 'seats_below_sold' } satisfies Partial<ConflictError>);
    const stored = viewOf(await api.request('GET', `/agency/packages/${view.packageId}`, { as: JIBEK }));
    expect(stored.departures[0]).toMatchObject({ seatsTotal: 10, seatsLeft: 3 });
    expect(stored.version).toBe(view.version);
  });

  it('of two concurrent changes on one version, exactly one is applied', async () => {
    const { view, path } = await packageWithDeparture(10);
    const put = (seats: number) =>
      api.request('PUT', path, { as: JIBEK, body: { version: view.version, seats, prices } });

    const responses = await Promise.all([put(12), put(16)]);

    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    const winner = responses.find((response) => response.status === 200);
    const stored = viewOf(await api.request('GET', `/agency/packages/${view.packageId}`, { as: JIBEK }));
    expect(stored.departures[0]?.seatsTotal).toBe(
      winner === undefined ? undefined : viewOf(winner).departures[0]?.seatsTotal,
    );
    expect(stored.departures[0]?.seatsLeft).toBe(stored.departures[0]?.seatsTotal);
  });

  it('answers 404 for a departure the package does not have', async () => {
    const { view } = await packageWithDeparture(10);

    const response = await api.request(
      'PUT',
      `/agency/packages/${view.packageId}/departures/no-such-departure`,
      {
        as: JIBEK,
        body: { version: view.version, seats: 5, prices },
      },
    );

    expect(response.status).toBe(404);
    expect(errorOf(response).code).toBe('departure_not_found');
  });
});

describe('deleting a departure', () => {
  it('deletes a departure with nothing sold and takes it out of search', async () => {
    const { view, path } = await packageWithDeparture(10, true);
    const second = await addDeparture(api, JIBEK, view.packageId, departureBody(today, 60));

    const response = await api.request('DELETE', path, { as: JIBEK });

    expect(response.status).toBe(200);
    expect(viewOf(response).departures.map((d) => d.startDate)).toEqual([addDays(today, 60)]);
    expect(viewOf(response).version).toBe(second.version + 1);
    const page = PackageListResponse.parse((await api.get('/packages?treatment=acupuncture&limit=50')).body);
    const listed = page.items.find((item) => item.packageId === view.packageId);
    expect(listed?.departures.map((d) => d.startDate)).toEqual([addDays(today, 60)]);
  });

  it('refuses to delete a departure with a seat sold', async () => {
    const { departure, path } = await packageWithDeparture(10);
    await sell(departure, 1);

    const response = await api.request('DELETE', path, { as: JIBEK });

    expect(response.status).toBe(409);
    expect(errorOf(response).code).toBe('departure_has_bookings');
  });
});

describe('adding departures', () => {
  it('refuses a second departure on the same date', async () => {
    const { view } = await packageWithDeparture(10);

    const response = await api.request('POST', `/agency/packages/${view.packageId}/departures`, {
      as: JIBEK,
      body: departureBody(today, 30),
    });

    expect(response.status).toBe(409);
    expect(errorOf(response)).toMatchObject({
      code: 'departure_date_taken',
      details: [{ path: 'startDate' }],
    });
  });

  it('takes fifty departures, publishes them all in one transaction, and refuses a fifty-first', async () => {
    const draft = await createDraft(api, JIBEK);
    for (let index = 0; index < 50; index += 1) {
      await addDeparture(api, JIBEK, draft.packageId, departureBody(today, 5 + index * 4, 2));
    }

    const extra = await api.request('POST', `/agency/packages/${draft.packageId}/departures`, {
      as: JIBEK,
      body: departureBody(today, 3, 2),
    });
    const published = await api.request('POST', `/agency/packages/${draft.packageId}/publish`, { as: JIBEK });

    expect(extra.status).toBe(409);
    expect(errorOf(extra).code).toBe('too_many_departures');
    expect(published.status).toBe(200);
    const page = PackageListResponse.parse(
      (await api.get(`/packages?treatment=acupuncture&to=${addDays(today, 300)}&limit=50`)).body,
    );
    expect(page.items.find((item) => item.packageId === draft.packageId)?.departures).toHaveLength(50);
  });
});

describe('a package once seats are sold', () => {
  it('keeps its length and treatment fixed (409 composition_locked) but takes a new title', async () => {
    const { view, departure } = await packageWithDeparture(10);
    await sell(departure, 2);
    const hotelId = view.accommodation.hotelId ?? '';
    const excursions = view.sightseeing.map((visit) => visit.excursionId ?? '');

    const longer = await api.request('PUT', `/agency/packages/${view.packageId}`, {
      as: JIBEK,
      body: {
        ...compositionBody(hotelId, excursions, {
          durationDays: 14,
          treatment: {
            hospitalId: view.treatment.hospitalId,
            programmeId: view.treatment.programmeId,
            startDay: 3,
          },
        }),
        version: view.version,
      },
    });
    const retitled = await api.request('PUT', `/agency/packages/${view.packageId}`, {
      as: JIBEK,
      body: {
        ...compositionBody(hotelId, excursions, { title: { ru: 'Новое название' } }),
        version: view.version,
      },
    });

    expect(longer.status).toBe(409);
    expect(errorOf(longer)).toMatchObject({
      code: 'composition_locked',
      details: [{ path: 'durationDays' }, { path: 'treatment.startDay' }],
    });
    expect(retitled.status).toBe(200);
    expect(viewOf(retitled).title).toEqual({ ru: 'Новое название' });
  });

  it('moves the end date of unsold departures with the package length', async () => {
    const { view } = await packageWithDeparture(10);
    const hotelId = view.accommodation.hotelId ?? '';

    const response = await api.request('PUT', `/agency/packages/${view.packageId}`, {
      as: JIBEK,
      body: {
        ...compositionBody(hotelId, [], {
          durationDays: 15,
          accommodation: { hotelId, nights: 14, room: { en: 'Twin room' }, meals: 'half_board' },
        }),
        version: view.version,
      },
    });

    expect(response.status).toBe(200);
    const stored = viewOf(await api.request('GET', `/agency/packages/${view.packageId}`, { as: JIBEK }));
    expect(stored.departures[0]?.endDate).toBe(addDays(today, 44));
    expect(stored.accommodation).toMatchObject({ nights: 14, meals: 'half_board' });
  });
});
