/**
 * Holding departures through the real HTTP server on DynamoDB Local: priced
 * from the catalog, one transaction that never oversells, idempotent retries.
 */
import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { BookingView, ErrorResponse } from '@shifa/contracts';
import { addDays, todayUtc } from '@shifa/domain';
import { loadDemoData } from '@shifa/local/demo';
import { demoCatalog } from '@shifa/local/demo/catalog';
import { catalogItems, documentClient, keys, putIfAbsent, tableName } from '@shifa/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from './support/api';
import { addDeparture } from './support/departures';
import { departureCounters, expectInventoryBalanced, hospitalDayCounters } from './support/inventory';
import { confirmCard, usePaymentSimulator } from './support/payments';
import { useTable } from './support/table';

useTable();
const api = useApi();
const payments = usePaymentSimulator(api);
const today = todayUtc(new Date());
const demo = demoCatalog(today);
const entry = demo.packages.find((p) => p.departures.some((d) => d.seatsTotal >= 8));
if (entry === undefined) throw new Error('the demo catalog has no departure with 8 seats');
const { pkg } = entry;
const roomy = entry.departures.find((d) => d.seatsTotal >= 8);
if (roomy === undefined) throw new Error('no roomy departure');

const traveller = (name: string, notes?: string) => ({
  fullName: name,
  birthDate: '1968-04-12',
  nationality: 'KZ',
  preferredLanguage: 'ru',
  ...(notes === undefined
    ? {}
    : { healthNotes: { text: notes, consent: { version: '2026-12', language: 'ru' } } }),
});

function hold(body: unknown, key: string = randomUUID(), as = 'aigerim@example.kz') {
  return api.request('POST', '/bookings', { as, body, headers: { 'idempotency-key': key } });
}

/** A departure of its own with few seats, for contention tests. */
async function smallDeparture(id: string, seats: number, startOffset: number): Promise<string> {
  if (entry === undefined) throw new Error('no demo package');
  return addDeparture(entry, { id, startDate: addDays(today, startOffset), seats });
}

beforeAll(async () => {
  await loadDemoData(today);
});

describe('POST /bookings', () => {
  it('holds seats and hospital beds, prices from the catalog and returns what is needed to pay', async () => {
    const before = await departureCounters(pkg.packageId, roomy.departureId);
    const firstTreatmentDay = addDays(roomy.startDate, pkg.treatment.startDay - 1);
    const bedsBefore = await hospitalDayCounters(pkg.hospital.hospitalId, firstTreatmentDay);

    const response = await hold({
      packageId: pkg.packageId,
      departureId: roomy.departureId,
      currency: 'USD',
      travellers: [
        traveller('AIGERIM NURLANOVA', 'Гипертония, принимает лозартан'),
        traveller('NURLAN NURLANOV'),
      ],
    });

    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const booking = BookingView.parse(response.body);
    expect(booking.status).toBe('HELD');
    expect(booking.octoStatus).toBe('ON_HOLD');
    const offer = roomy.prices.find((p) => p.currency === 'USD');
    if (offer === undefined) throw new Error('no price in USD');
    const perTraveller =
      offer.lines.treatment + offer.lines.accommodation + offer.lines.sightseeing + offer.lines.services;
    expect(booking.price.currency).toBe(offer.currency);
    expect(booking.price.total).toBe(perTraveller * 2);
    expect(booking.price.lines.find((l) => l.kind === 'treatment')?.payee).toEqual({
      kind: 'hospital',
      id: pkg.hospital.hospitalId,
    });
    const minutes = (Date.parse(booking.holdExpiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(13);
    expect(minutes).toBeLessThanOrEqual(15);
    expect(booking.paymentAction?.clientSecret).toMatch(/^pi_.+_secret_/);
    expect(booking.paymentAction?.amount).toBe(booking.price.total);
    expect(booking.travellers[0]?.hasHealthNotes).toBe(true);
    expect(response.headers.get('location')).toBe(`/bookings/${booking.bookingId}`);
    const after = await departureCounters(pkg.packageId, roomy.departureId);
    expect(after.free).toBe(before.free - 2);
    expect(after.held).toBe(before.held + 2);
    const bedsAfter = await hospitalDayCounters(pkg.hospital.hospitalId, firstTreatmentDay);
    expect(bedsAfter.free).toBe(bedsBefore.free - 2);
    await expectInventoryBalanced(pkg.packageId, pkg.hospital.hospitalId, pkg.agencyId);
  });

  it('never trusts a price from the client: unknown fields are refused', async () => {
    const response = await hold({
      packageId: pkg.packageId,
      departureId: roomy.departureId,
      travellers: [traveller('A B')],
      price: 1,
    });

    expect(response.status).toBe(400);
    expect(ErrorResponse.parse(response.body).error.details?.map((d) => d.path)).toContain('price');
  });

  it('gives twenty concurrent holds on three seats exactly three holds and seventeen 409s', async () => {
    const departureId = await smallDeparture(`${pkg.packageId}-race`, 3, 60);

    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        hold(
          { packageId: pkg.packageId, departureId, travellers: [traveller(`RACER ${i}`)] },
          randomUUID(),
          i % 2 === 0 ? 'aigerim@example.kz' : 'bekzod@example.uz',
        ),
      ),
    );

    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(17);
    for (const refused of responses.filter((r) => r.status === 409)) {
      expect(ErrorResponse.parse(refused.body).error.code).toBe('departure_sold_out');
    }
    const counters = await departureCounters(pkg.packageId, departureId);
    expect(counters).toMatchObject({ total: 3, free: 0, held: 3 });
    await expectInventoryBalanced(pkg.packageId, pkg.hospital.hospitalId, pkg.agencyId);
  });

  it('gives the last hospital bed on a day shared by two packages to exactly one hold', async () => {
    // Prepare: a twin of the package (same hospital, same treatment days), and two beds left on those days.
    const twin = { ...pkg, packageId: `${pkg.packageId}-twin` };
    await putIfAbsent(catalogItems.package(twin));
    const start = addDays(today, 90);
    const departureOf = async (owner: typeof pkg, id: string) => {
      const template = entry?.departures[0];
      if (template === undefined) throw new Error('no template departure');
      await putIfAbsent(
        catalogItems.departure(
          {
            ...template,
            packageId: owner.packageId,
            departureId: id,
            startDate: start,
            endDate: addDays(start, owner.durationDays - 1),
            seatsTotal: 10,
            seatsLeft: 10,
          },
          owner,
        ),
      );
      return id;
    };
    const ours = await departureOf(pkg, `${pkg.packageId}-shared`);
    const theirs = await departureOf(twin, `${twin.packageId}-shared`);
    const days = Array.from({ length: pkg.treatment.days }, (_, i) =>
      addDays(start, pkg.treatment.startDay - 1 + i),
    );
    for (const date of days) {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.capacity(pkg.hospital.hospitalId, date),
          UpdateExpression: 'SET #capacity = :two, #available = :two',
          ExpressionAttributeNames: { '#capacity': 'capacity', '#available': 'available' },
          ExpressionAttributeValues: { ':two': 2 },
        }),
      );
    }

    // Act
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        hold({
          packageId: i % 2 === 0 ? pkg.packageId : twin.packageId,
          departureId: i % 2 === 0 ? ours : theirs,
          currency: 'USD',
          travellers: [traveller(`BED ${i}`)],
        }),
      ),
    );

    // Assess
    expect(responses.filter((r) => r.status === 201)).toHaveLength(2);
    for (const refused of responses.filter((r) => r.status !== 201)) {
      expect(refused.status).toBe(409);
      expect(ErrorResponse.parse(refused.body).error.code).toBe('hospital_capacity_exhausted');
    }
    for (const date of days) {
      expect(await hospitalDayCounters(pkg.hospital.hospitalId, date)).toMatchObject({
        total: 2,
        free: 0,
        held: 2,
      });
    }
    await expectInventoryBalanced(pkg.packageId, pkg.hospital.hospitalId, pkg.agencyId);
    await expectInventoryBalanced(twin.packageId, pkg.hospital.hospitalId);
  });

  it('replays the first answer for the same key and body, and refuses the key for another body', async () => {
    const departureId = await smallDeparture(`${pkg.packageId}-idem`, 5, 70);
    const key = randomUUID();
    const body = { packageId: pkg.packageId, departureId, travellers: [traveller('ONCE ONLY')] };

    const first = await hold(body, key);
    const again = await hold(body, key);
    const other = await hold({ ...body, travellers: [traveller('SOMEONE ELSE')] }, key);
    const noKey = await api.request('POST', '/bookings', { as: 'aigerim@example.kz', body });

    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(BookingView.parse(again.body).bookingId).toBe(BookingView.parse(first.body).bookingId);
    expect(other.status).toBe(422);
    expect(ErrorResponse.parse(other.body).error.code).toBe('idempotency_key_reused');
    expect(noKey.status).toBe(400);
    expect(ErrorResponse.parse(noKey.body).error.code).toBe('idempotency_key_required');
    expect((await departureCounters(pkg.packageId, departureId)).held).toBe(1);
  });

  it('scopes idempotency keys to the caller', async () => {
    const departureId = await smallDeparture(`${pkg.packageId}-scope`, 5, 75);
    const key = randomUUID();
    const body = { packageId: pkg.packageId, departureId, travellers: [traveller('SHARED KEY')] };

    const mine = await hold(body, key, 'aigerim@example.kz');
    const theirs = await hold(body, key, 'bekzod@example.uz');

    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(BookingView.parse(theirs.body).bookingId).not.toBe(BookingView.parse(mine.body).bookingId);
  });

  it('takes an Uzbek package in sum for several travellers: above eight digits, one card payment', async () => {
    const uzbek = demo.packages.find((p) =>
      p.departures.some((d) => d.prices.some((o) => o.currency === 'UZS')),
    );
    // A demo departure as it is: its dates are within the hospital's published capacity.
    const departureId = uzbek?.departures.find((d) => d.seatsLeft >= 3)?.departureId;
    if (uzbek === undefined || departureId === undefined)
      throw new Error('the demo catalog has no package priced in UZS with three seats left');

    const response = await hold({
      packageId: uzbek.pkg.packageId,
      departureId,
      currency: 'UZS',
      travellers: [traveller('BEKZOD KARIMOV'), traveller('DILNOZA KARIMOVA'), traveller('AZIZ KARIMOV')],
    });

    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const booking = BookingView.parse(response.body);
    expect(booking.price.currency).toBe('UZS');
    expect(booking.price.total).toBeGreaterThan(99_999_999);
    expect(booking.paymentAction?.amount).toBe(booking.price.total);
    const paid = await confirmCard(
      payments.current,
      booking.paymentAction?.clientSecret ?? '',
      'pm_card_visa',
    );
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body).toMatchObject({
      status: 'requires_capture',
      amount: booking.price.total,
      currency: 'uzs',
    });
  });

  it('refuses a total over twelve digits, one card payment cannot carry it, and names the currencies that fit', async () => {
    const template = roomy.prices.find((p) => p.currency === 'KZT');
    if (template === undefined) throw new Error('no price in KZT');
    const departureId = `${pkg.packageId}-palace`;
    await putIfAbsent(
      catalogItems.departure(
        {
          ...roomy,
          departureId,
          startDate: addDays(today, 84),
          endDate: addDays(today, 84 + pkg.durationDays - 1),
          prices: roomy.prices.map((offer) =>
            offer.currency === 'KZT'
              ? { ...offer, lines: { ...offer.lines, accommodation: 400_000_000_000 } }
              : offer,
          ),
        },
        pkg,
      ),
    );

    const response = await hold({
      packageId: pkg.packageId,
      departureId,
      currency: 'KZT',
      travellers: [traveller('A B'), traveller('C D'), traveller('E F')],
    });

    expect(response.status).toBe(400);
    const body = ErrorResponse.parse(response.body);
    expect(body.error.code).toBe('amount_over_payment_limit');
    expect(body.error.message).toContain('12 digits');
    expect(body.error.message).toContain('USD');
  });

  it('refuses an unknown departure with 404 and a currency the departure is not sold in with 400', async () => {
    const unknown = await hold({
      packageId: pkg.packageId,
      departureId: 'no-such-departure',
      travellers: [traveller('A B')],
    });
    const currency = await hold({
      packageId: pkg.packageId,
      departureId: roomy.departureId,
      currency: 'KGS',
      travellers: [traveller('A B')],
    });

    expect(unknown.status).toBe(404);
    expect(ErrorResponse.parse(unknown.body).error.code).toBe('departure_not_found');
    expect(currency.status).toBe(400);
    expect(ErrorResponse.parse(currency.body).error.code).toBe('currency_not_offered');
  });

  it('is for tourists only: an agency gets 403, no token 401', async () => {
    const body = { packageId: pkg.packageId, departureId: roomy.departureId, travellers: [traveller('A B')] };

    const agency = await hold(body, randomUUID(), 'manager@jibek-zholy.example.kz');
    const anonymous = await api.request('POST', '/bookings', {
      body,
      headers: { 'idempotency-key': randomUUID() },
    });

    expect(agency.status).toBe(403);
    expect(anonymous.status).toBe(401);
  });
});
