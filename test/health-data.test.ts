/**
 * Travellers' health notes as health data, through the real HTTP server and DynamoDB Local: consent
 * recorded with the booking, least sight, deletion by the tourist and at the end of retention, the
 * access log of every opening, erasing a tourist's personal data, and a table that holds no note in
 * plain text (also checked for every test file when its tables go: test/support/table.ts).
 */
import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { deleteExpiredNotes } from '@shifa/booking';
import {
  AccessLogResponse,
  BookingView,
  ErasureReport,
  ErrorResponse,
  type HealthAccessEntry,
} from '@shifa/contracts';
import { addDays, hospitalSeesNotes, todayUtc } from '@shifa/domain';
import { loadDemoData } from '@shifa/local/demo';
import { bookingKeys, documentClient, getBooking, tableName } from '@shifa/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from './support/api';
import { bookingMaker } from './support/booking-events';
import { usePaymentSimulator } from './support/payments';
import { itemsHoldingNotes, useTable } from './support/table';

useTable();
const api = useApi();
const stripe = usePaymentSimulator(api);
const today = todayUtc(new Date());
const bookings = bookingMaker(api, stripe, today);
const TOURIST = 'aigerim@example.kz';
const HOSPITAL = 'international@xj-tcm.example.cn';
const AGENCY = 'manager@jibek-zholy.example.kz';
const OPERATOR = 'operator@shifa.example';
const CONSENT = { version: '2026-12', language: 'ru' } as const;

beforeAll(async () => {
  await loadDemoData(today);
});

const note = (what: string) => `${what} ${randomUUID().slice(0, 8)}`;

async function read(bookingId: string, as: string): Promise<BookingView> {
  const response = await api.request('GET', `/bookings/${bookingId}`, { as });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return BookingView.parse(response.body);
}

async function accessLog(bookingId: string, as = TOURIST): Promise<HealthAccessEntry[]> {
  const response = await api.request('GET', `/bookings/${bookingId}/access-log?limit=100`, { as });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return AccessLogResponse.parse(response.body).items;
}

const holdBody = async (healthNotes: unknown) => {
  const paid = await bookings.paid({});
  // Only the package and departure are borrowed: the hold below is a fresh one on the same departure.
  return {
    packageId: paid.packageId,
    departureId: paid.departureId,
    currency: 'USD',
    travellers: [
      {
        fullName: 'AIGERIM NURLANOVA',
        birthDate: '1966-09-30',
        nationality: 'KZ',
        preferredLanguage: 'ru',
        ...(healthNotes === undefined ? {} : { healthNotes }),
      },
    ],
  };
};

const hold = (body: unknown, as = TOURIST) =>
  api.request('POST', '/bookings', { as, headers: { 'idempotency-key': randomUUID() }, body });

describe('consent', () => {
  it('refuses notes without consent, or with a consent text that does not exist, naming the field', async () => {
    const text = note('Гипертония');
    const without = await hold(await holdBody({ text }));
    const unknown = await hold(await holdBody({ text, consent: { version: '1999-01', language: 'ru' } }));
    const asTrue = await hold(await holdBody({ text, consent: true }));

    for (const response of [without, unknown, asTrue]) {
      expect(response.status).toBe(400);
      const error = ErrorResponse.parse(response.body).error;
      expect(error.details?.map((detail) => detail.path).join(' ')).toContain(
        'travellers.0.healthNotes.consent',
      );
    }
    expect(JSON.stringify(without.body)).toContain('consent');
  });

  it('records the text shown (version, language), when and by whom with the booking; a view shows what and when', async () => {
    const before = new Date().toISOString();
    const response = await hold(
      await holdBody({ text: note('Астма'), consent: { version: '2026-12', language: 'kk' } }),
    );

    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const view = BookingView.parse(response.body);
    const stored = await getBooking(view.bookingId);
    const consent = stored?.travellers[0]?.healthNotesConsent;
    expect(consent).toMatchObject({ version: '2026-12', language: 'kk', by: stored?.touristId });
    expect((consent?.at ?? '') >= before).toBe(true);
    expect(view.travellers[0]?.healthNotesConsent).toEqual({
      version: '2026-12',
      language: 'kk',
      at: consent?.at,
    });
    expect(JSON.stringify(view)).not.toContain(stored?.touristId ?? 'no tourist');
  });
});

describe('least sight', () => {
  it('shows the hospital the notes while the booking awaits it and once confirmed, not on a hold, and never the agency', async () => {
    const text = note('Принимает варфарин');
    const held = await hold(await holdBody({ text, consent: CONSENT }));
    expect(held.status).toBe(201);
    const heldId = BookingView.parse(held.body).bookingId;
    const paid = await bookings.paid({ notes: text });

    const onHold = await read(heldId, HOSPITAL);
    const awaiting = await read(paid.bookingId, HOSPITAL);
    const accepted = await api.request('POST', `/hospital/bookings/${paid.bookingId}/accept`, {
      as: HOSPITAL,
      headers: { 'idempotency-key': randomUUID() },
    });
    const confirmed = await read(paid.bookingId, HOSPITAL);
    const agency = await read(paid.bookingId, AGENCY);

    expect(onHold.healthNotes).toBeUndefined();
    expect(onHold.travellers[0]?.hasHealthNotes).toBe(true);
    expect(awaiting.healthNotes).toEqual([{ traveller: 0, text }]);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(confirmed.status).toBe('CONFIRMED');
    expect(confirmed.healthNotes).toEqual([{ traveller: 0, text }]);
    expect(agency.healthNotes).toBeUndefined();
    expect(agency.travellers[0]?.hasHealthNotes).toBe(true);
  });

  it('shows the hospital nothing once the booking is cancelled; the tourist still sees their notes', async () => {
    const text = note('Сахарный диабет');
    const paid = await bookings.paid({ notes: text });

    const cancelled = await api.request('POST', `/bookings/${paid.bookingId}/cancel`, {
      as: TOURIST,
      headers: { 'idempotency-key': randomUUID() },
    });

    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect((await read(paid.bookingId, HOSPITAL)).healthNotes).toBeUndefined();
    expect((await read(paid.bookingId, TOURIST)).healthNotes).toEqual([{ traveller: 0, text }]);
  });

  it('lets the operator see neither the booking nor its notes, only the access log', async () => {
    const paid = await bookings.paid({ notes: note('Остеохондроз') });

    const booking = await api.request('GET', `/bookings/${paid.bookingId}`, { as: OPERATOR });
    const log = await accessLog(paid.bookingId, OPERATOR);

    expect([403, 404]).toContain(booking.status);
    expect(JSON.stringify(booking.body)).not.toContain('Остеохондроз');
    expect(log.length).toBeGreaterThan(0);
  });
});

describe('the access log', () => {
  it('records each opening with who (role, organisation, user), when, which booking and why, newest first', async () => {
    const paid = await bookings.paid({ notes: note('Гастрит') });
    const before = (await accessLog(paid.bookingId)).length;

    await read(paid.bookingId, HOSPITAL);
    await read(paid.bookingId, AGENCY);
    await read(paid.bookingId, TOURIST);
    const log = await accessLog(paid.bookingId);

    // The agency's read opened nothing: two more openings, the hospital's and the tourist's.
    expect(log).toHaveLength(before + 2);
    const [tourist, hospital] = log;
    expect(tourist).toMatchObject({ bookingId: paid.bookingId, purpose: 'view', actor: { role: 'tourist' } });
    expect(tourist?.actor.userId).toBeDefined();
    expect(hospital).toMatchObject({
      purpose: 'view',
      actor: { role: 'hospital', organisationId: 'xj-tcm-hospital' },
      travellers: [0],
    });
    expect((hospital?.at ?? '') <= (tourist?.at ?? '')).toBe(true);
  });

  it('opens nothing and records nothing for a read that omits the notes, as a page polling for the status asks', async () => {
    const paid = await bookings.paid({ notes: note('Ринит') });
    const before = await accessLog(paid.bookingId);

    const polled = await api.request('GET', `/bookings/${paid.bookingId}?healthNotes=omit`, { as: TOURIST });
    const hospital = await api.request('GET', `/bookings/${paid.bookingId}?healthNotes=omit`, {
      as: HOSPITAL,
    });
    const wrong = await api.request('GET', `/bookings/${paid.bookingId}?healthNotes=hide`, { as: TOURIST });

    expect(polled.status).toBe(200);
    expect(BookingView.parse(polled.body).healthNotes).toBeUndefined();
    expect(BookingView.parse(polled.body).travellers[0]?.hasHealthNotes).toBe(true);
    expect(BookingView.parse(hospital.body).healthNotes).toBeUndefined();
    expect(wrong.status).toBe(400);
    expect(await accessLog(paid.bookingId)).toEqual(before);
  });

  it('is the tourist’s own and the operator’s: another tourist gets 404, an agency or a hospital 403', async () => {
    const paid = await bookings.paid({ notes: note('Мигрень') });

    const other = await api.request('GET', `/bookings/${paid.bookingId}/access-log`, {
      as: 'bekzod@example.uz',
    });
    const agency = await api.request('GET', `/bookings/${paid.bookingId}/access-log`, { as: AGENCY });
    const hospital = await api.request('GET', `/bookings/${paid.bookingId}/access-log`, { as: HOSPITAL });
    const missing = await api.request('GET', '/bookings/bk-does-not-exist/access-log', { as: OPERATOR });

    expect(other.status).toBe(404);
    expect(agency.status).toBe(403);
    expect(hospital.status).toBe(403);
    expect(missing.status).toBe(404);
  });
});

describe('deleting notes', () => {
  it('destroys them for good when the tourist asks: nobody reads them again, and the deletion is logged', async () => {
    const text = note('Аллергия на йод');
    const paid = await bookings.paid({ notes: text });

    const deleted = await api.request('DELETE', `/bookings/${paid.bookingId}/health-notes`, { as: TOURIST });
    const again = await api.request('DELETE', `/bookings/${paid.bookingId}/health-notes`, { as: TOURIST });
    const items = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :health)',
        ExpressionAttributeValues: { ':pk': bookingKeys.booking(paid.bookingId).PK, ':health': 'HEALTH#' },
      }),
    );

    expect(deleted.status).toBe(204);
    expect(again.status).toBe(204);
    expect(items.Items).toEqual([]);
    const tourist = await read(paid.bookingId, TOURIST);
    expect(tourist.healthNotes).toBeUndefined();
    expect(tourist.travellers[0]?.hasHealthNotes).toBe(false);
    expect(tourist.travellers[0]?.healthNotesConsent?.version).toBe('2026-12');
    expect(tourist.healthNotesDeletedAt).toBeDefined();
    expect((await read(paid.bookingId, HOSPITAL)).healthNotes).toBeUndefined();
    expect((await accessLog(paid.bookingId))[0]).toMatchObject({
      purpose: 'delete',
      actor: { role: 'tourist' },
    });
  });

  it('is the booking tourist’s alone: another tourist gets 404 and the notes stay', async () => {
    const text = note('Артрит');
    const paid = await bookings.paid({ notes: text });

    const other = await api.request('DELETE', `/bookings/${paid.bookingId}/health-notes`, {
      as: 'bekzod@example.uz',
    });

    expect(other.status).toBe(404);
    expect((await read(paid.bookingId, TOURIST)).healthNotes).toEqual([{ traveller: 0, text }]);
  });

  it('happens by itself once the retention after the trip has run out, logged as retention', async () => {
    const text = note('Сколиоз');
    const paid = await bookings.paid({ notes: text });
    const stillKept = addDays(paid.endDate, 30);

    const early = await deleteExpiredNotes(new Date(`${stillKept}T12:00:00Z`));
    const kept = await read(paid.bookingId, TOURIST);
    const due = await deleteExpiredNotes(new Date(`${addDays(stillKept, 1)}T00:30:00Z`));

    expect(early.failed).toBe(0);
    expect(kept.healthNotes).toEqual([{ traveller: 0, text }]);
    expect(due.deleted).toBeGreaterThanOrEqual(1);
    expect(due.failed).toBe(0);
    const after = await read(paid.bookingId, TOURIST);
    expect(after.healthNotes).toBeUndefined();
    expect(after.travellers[0]?.hasHealthNotes).toBe(false);
    expect((await accessLog(paid.bookingId))[0]).toMatchObject({
      purpose: 'retention',
      actor: { role: 'platform' },
    });
  });

  it('shows the hospital no notes later than the retention days after the trip', async () => {
    const paid = await bookings.paid({ notes: note('Подагра') });
    const stored = await getBooking(paid.bookingId);
    if (stored === undefined) throw new Error('no booking');
    const confirmed = { ...stored, status: 'CONFIRMED' as const };

    expect(hospitalSeesNotes(confirmed, new Date(`${addDays(stored.endDate, 30)}T23:00:00Z`), 30)).toBe(true);
    expect(hospitalSeesNotes(confirmed, new Date(`${addDays(stored.endDate, 31)}T00:00:00Z`), 30)).toBe(
      false,
    );
  });
});

describe('erasing personal data (DELETE /me)', () => {
  const TOURIST_ERASING = 'olga@example.ru';

  it('is refused while a booking is in progress, then erases names, birth dates, notes and contact, keeping the accounts', async () => {
    const text = note('Бронхит');
    const paid = await bookings.paid({ notes: text, as: TOURIST_ERASING });

    const refused = await api.request('DELETE', '/me', { as: TOURIST_ERASING });
    const cancel = await api.request('POST', `/bookings/${paid.bookingId}/cancel`, {
      as: TOURIST_ERASING,
      headers: { 'idempotency-key': randomUUID() },
    });
    const erased = await api.request('DELETE', '/me', { as: TOURIST_ERASING });
    const again = await api.request('DELETE', '/me', { as: TOURIST_ERASING });

    expect(refused.status).toBe(409);
    expect(ErrorResponse.parse(refused.body).error).toMatchObject({
      code: 'bookings_in_progress',
      details: [{ path: paid.bookingId, message: 'AWAITING_HOSPITAL' }],
    });
    expect(cancel.status).toBe(200);
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    const report = ErasureReport.parse(erased.body);
    expect(report.bookings).toBeGreaterThanOrEqual(1);
    expect(report.erased.join(' ')).toContain('health notes');
    expect(report.kept.map((kept) => kept.what).join(' ')).toContain('payments and refunds');
    expect(again.status).toBe(200);

    const stored = await getBooking(paid.bookingId);
    expect(stored?.personalDataErasedAt).toBe(report.erasedAt);
    expect(stored?.contact).toBeUndefined();
    for (const traveller of stored?.travellers ?? []) {
      expect(traveller.fullName).toBeUndefined();
      expect(traveller.birthDate).toBeUndefined();
      expect(traveller.hasHealthNotes).toBe(false);
    }
    expect(stored?.price.total).toBe(paid.price.total);
    expect(stored?.payment.amount).toBe(paid.payment.amount);
    expect(JSON.stringify(stored)).not.toContain('AIGERIM');
    expect((await read(paid.bookingId, TOURIST_ERASING)).healthNotes).toBeUndefined();
    // The hospital's and the agency's views still parse, without the names.
    expect((await read(paid.bookingId, AGENCY)).travellers[0]?.fullName).toBeUndefined();
  });
});

describe('stored answers', () => {
  it('keeps no payment client secret in the idempotency table, and a replay of the hold still answers it', async () => {
    const body = await holdBody(undefined);
    const key = randomUUID();
    const first = await api.request('POST', '/bookings', {
      as: TOURIST,
      headers: { 'idempotency-key': key },
      body,
    });
    const replay = await api.request('POST', '/bookings', {
      as: TOURIST,
      headers: { 'idempotency-key': key },
      body,
    });

    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const secret = BookingView.parse(first.body).paymentAction?.clientSecret ?? '';
    expect(secret).toContain('_secret_');
    expect(replay.status).toBe(201);
    expect(BookingView.parse(replay.body).paymentAction?.clientSecret).toBe(secret);
    const idempotency = process.env.IDEMPOTENCY_TABLE_NAME ?? '';
    expect(await itemsHoldingNotes(idempotency, [BookingView.parse(first.body).bookingId])).not.toEqual([]);
    expect(await itemsHoldingNotes(idempotency, [secret])).toEqual([]);
  });
});

describe('stored notes', () => {
  it('finds a note stored in plain text, so the check every test file ends with can fail', async () => {
    const text = note('Проверка');
    await documentClient.send(
      new PutCommand({ TableName: tableName, Item: { PK: 'PROBE#plain', SK: 'PROBE', text } }),
    );

    expect(await itemsHoldingNotes(tableName, [text])).toEqual([`${tableName}: PROBE#plain PROBE`]);
    await documentClient.send(
      new PutCommand({ TableName: tableName, Item: { PK: 'PROBE#plain', SK: 'PROBE' } }),
    );
    expect(await itemsHoldingNotes(tableName, [text])).toEqual([]);
  });
});
