/**
 * A booking's life through the real HTTP server, DynamoDB Local and the Stripe
 * simulator's signed webhooks: payment, the hospital's answer, expiry,
 * cancellation and refunds, and who may see what.
 */
import { randomUUID } from 'node:crypto';
import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { BookingView, ErrorResponse } from '@shifa/contracts';
import { addDays, todayUtc } from '@shifa/domain';
import { loadDemoData } from '@shifa/local/demo';
import { demoCatalog } from '@shifa/local/demo/catalog';
import { catalogItems, documentClient, keys, putIfAbsent, tableName } from '@shifa/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from './support/api';
import { addDeparture } from './support/departures';
import { departureCounters, expectInventoryBalanced, expireHoldNow } from './support/inventory';
import { confirmCard, usePaymentSimulator } from './support/payments';
import { useTable } from './support/table';

useTable();
const api = useApi();
const stripe = usePaymentSimulator(api);
const today = todayUtc(new Date());
const demo = demoCatalog(today);
const entry = demo.packages.find((p) => p.pkg.hospital.hospitalId === 'xj-tcm-hospital');
if (entry === undefined) throw new Error('no demo package at xj-tcm-hospital');
const { pkg } = entry;
const TOURIST = 'aigerim@example.kz';
const HOSPITAL = 'international@xj-tcm.example.cn';
const OTHER_HOSPITAL = 'international@horgos-hospital.example.cn';

let departureSeq = 0;
/** A fresh departure of the package, far enough ahead for the full refund tier. */
async function departure(startOffset = 120, seats = 6): Promise<string> {
  departureSeq += 1;
  if (entry === undefined) throw new Error('no demo package');
  const id = `${pkg.packageId}-life-${departureSeq}`;
  return addDeparture(entry, { id, startDate: addDays(today, startOffset + departureSeq), seats });
}

async function hold(departureId: string, notes?: string): Promise<BookingView> {
  const response = await api.request('POST', '/bookings', {
    as: TOURIST,
    headers: { 'idempotency-key': randomUUID() },
    body: {
      packageId: pkg.packageId,
      departureId,
      currency: 'USD',
      travellers: [
        {
          fullName: 'AIGERIM NURLANOVA',
          birthDate: '1966-09-30',
          nationality: 'KZ',
          preferredLanguage: 'ru',
          ...(notes === undefined
            ? {}
            : { healthNotes: { text: notes, consent: { version: '2026-12', language: 'ru' } } }),
        },
      ],
    },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return BookingView.parse(response.body);
}

async function read(bookingId: string, as = TOURIST): Promise<BookingView> {
  const response = await api.request('GET', `/bookings/${bookingId}`, { as });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return BookingView.parse(response.body);
}

/** Waits for the webhook to land: polls until the status is reached, bounded. */
async function until(bookingId: string, status: BookingView['status']): Promise<BookingView> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const booking = await read(bookingId);
    if (booking.status === status || Date.now() > deadline) return booking;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function paid(departureId: string, notes?: string): Promise<BookingView> {
  const held = await hold(departureId, notes);
  const confirmation = await confirmCard(
    stripe.current,
    held.paymentAction?.clientSecret ?? '',
    'pm_card_visa',
  );
  expect(confirmation.status).toBe(200);
  return until(held.bookingId, 'AWAITING_HOSPITAL');
}

const decide = (bookingId: string, action: 'accept' | 'decline', as = HOSPITAL, body?: unknown) =>
  api.request('POST', `/hospital/bookings/${bookingId}/${action}`, {
    as,
    headers: { 'idempotency-key': randomUUID() },
    ...(body === undefined ? {} : { body }),
  });

async function paymentIntent(id: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${stripe.current.url}/v1/payment_intents/${id}`, {
    headers: { authorization: `Bearer ${stripe.current.secretKey}` },
  });
  return (await response.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  await loadDemoData(today);
});

describe('payment', () => {
  it('moves a hold paid with pm_card_visa to AWAITING_HOSPITAL, authorised and not captured', async () => {
    const booking = await paid(await departure());

    expect(booking.status).toBe('AWAITING_HOSPITAL');
    expect(booking.octoStatus).toBe('PENDING');
    expect(booking.payment.status).toBe('authorized');
    expect(booking.decisionDeadline).toBeDefined();
    const intent = await paymentIntent(booking.payment.paymentIntentId ?? '');
    expect(intent.status).toBe('requires_capture');
    expect(intent.capture_method).toBe('manual');
    expect(booking.history.map((h) => h.to)).toEqual(['HELD', 'AWAITING_HOSPITAL']);
  });

  it('keeps the hold when the card is declined, and lets another card pay', async () => {
    const held = await hold(await departure());

    const declined = await confirmCard(
      stripe.current,
      held.paymentAction?.clientSecret ?? '',
      'pm_card_chargeDeclined',
    );
    const stillHeld = await read(held.bookingId);
    const visa = await confirmCard(stripe.current, held.paymentAction?.clientSecret ?? '', 'pm_card_visa');

    expect(declined.status).toBe(402);
    expect(stillHeld.status).toBe('HELD');
    expect(visa.status).toBe(200);
    expect((await until(held.bookingId, 'AWAITING_HOSPITAL')).status).toBe('AWAITING_HOSPITAL');
  });

  it('refuses an unsigned or forged webhook with 401 and changes nothing', async () => {
    const held = await hold(await departure());
    const body = JSON.stringify({
      id: 'evt_forged',
      type: 'payment_intent.amount_capturable_updated',
      data: { object: { id: held.payment.paymentIntentId, metadata: { bookingId: held.bookingId } } },
    });

    const unsigned = await api.request('POST', '/payments/stripe/webhook', { body });
    const forged = await api.request('POST', '/payments/stripe/webhook', {
      body,
      headers: { 'stripe-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` },
    });

    expect(unsigned.status).toBe(401);
    expect(ErrorResponse.parse(unsigned.body).error.code).toBe('webhook_unsigned');
    expect(forged.status).toBe(401);
    expect(ErrorResponse.parse(forged.body).error.code).toBe('webhook_bad_signature');
    expect((await read(held.bookingId)).status).toBe('HELD');
  });

  it('applies an event delivered twice once', async () => {
    stripe.current.configure({ duplicates: true });
    try {
      const booking = await paid(await departure());
      await stripe.current.idle();

      const again = await read(booking.bookingId);
      const eventIds = stripe.current.events
        .filter((e) => e.type === 'payment_intent.amount_capturable_updated')
        .filter((e) => (e.data.object as { id?: string }).id === booking.payment.paymentIntentId)
        .map((e) => e.id);
      const deliveries = stripe.current.deliveries.filter(
        (d) => eventIds.includes(d.eventId) && d.status === 200,
      );
      expect(eventIds).toHaveLength(1);
      expect(deliveries.length).toBeGreaterThanOrEqual(2);
      expect(again.history.filter((h) => h.to === 'AWAITING_HOSPITAL')).toHaveLength(1);
    } finally {
      stripe.current.configure({ duplicates: false });
    }
  });

  it('cancels, never captures, an authorisation that arrives after the hold expired', async () => {
    const departureId = await departure();
    const held = await hold(departureId);
    await expireHoldNow(held.bookingId);

    await confirmCard(stripe.current, held.paymentAction?.clientSecret ?? '', 'pm_card_visa');
    const expired = await until(held.bookingId, 'EXPIRED');
    await stripe.current.idle();

    expect(expired.status).toBe('EXPIRED');
    const intent = await paymentIntent(held.payment.paymentIntentId ?? '');
    expect(intent.status).toBe('canceled');
    expect((await departureCounters(pkg.packageId, departureId)).held).toBe(0);
    await expectInventoryBalanced(pkg.packageId, pkg.hospital.hospitalId, pkg.agencyId);
  });
});

describe('the hospital decides', () => {
  it('accepting captures the card and confirms; cancelling later refunds by the tier', async () => {
    const departureId = await departure(200);
    const booking = await paid(departureId, 'Перенесла операцию на колене в 2023 году');

    const accepted = await decide(booking.bookingId, 'accept');

    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const confirmed = BookingView.parse(accepted.body);
    expect(confirmed.status).toBe('CONFIRMED');
    expect(confirmed.payment).toMatchObject({ status: 'captured', amountCaptured: booking.price.total });
    expect((await paymentIntent(booking.payment.paymentIntentId ?? '')).status).toBe('succeeded');
    expect(await departureCounters(pkg.packageId, departureId)).toMatchObject({ held: 0, confirmed: 1 });

    const cancelled = await api.request('POST', `/bookings/${booking.bookingId}/cancel`, {
      as: TOURIST,
      headers: { 'idempotency-key': randomUUID() },
    });

    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const view = BookingView.parse(cancelled.body);
    expect(view.status).toBe('CANCELLED');
    const tier = [...pkg.cancellationPolicy.tiers].sort(
      (a, b) => b.daysBeforeDeparture - a.daysBeforeDeparture,
    )[0];
    expect(view.cancellation?.refundPercent).toBe(tier?.refundPercent);
    expect(view.cancellation?.amount).toBe(
      Math.floor((booking.price.total * (tier?.refundPercent ?? 0)) / 100),
    );
    expect(view.cancellation?.method).toBe(view.cancellation?.amount === 0 ? 'none' : 'refund');
    expect(view.payment.amountRefunded).toBe(view.cancellation?.amount);
    expect(view.cancellation?.rule).toContain('days before departure');
    expect(await departureCounters(pkg.packageId, departureId)).toMatchObject({ held: 0, confirmed: 0 });
    await expectInventoryBalanced(pkg.packageId, pkg.hospital.hospitalId, pkg.agencyId);
  });

  it('declining releases seats and beds, cancels the authorisation and tells why', async () => {
    const departureId = await departure();
    const booking = await paid(departureId);

    const declined = await decide(booking.bookingId, 'decline', HOSPITAL, {
      reason: 'medical_contraindication',
      note: 'Please consult our cardiologist remotely first.',
    });

    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    const view = await read(booking.bookingId);
    expect(view.status).toBe('DECLINED');
    expect(view.octoStatus).toBe('REJECTED');
    expect(view.decision).toMatchObject({ outcome: 'declined', reason: 'medical_contraindication' });
    expect(view.payment.status).toBe('released');
    expect((await paymentIntent(booking.payment.paymentIntentId ?? '')).status).toBe('canceled');
    expect(await departureCounters(pkg.packageId, departureId)).toMatchObject({ held: 0, confirmed: 0 });
    await expectInventoryBalanced(pkg.packageId, pkg.hospital.hospitalId, pkg.agencyId);
  });

  it('refuses "other" as a reason without a note saying what it is, and leaves the booking waiting', async () => {
    const booking = await paid(await departure());

    const bare = await decide(booking.bookingId, 'decline', HOSPITAL, { reason: 'other' });

    expect(bare.status).toBe(400);
    expect(ErrorResponse.parse(bare.body).error.details).toEqual([
      expect.objectContaining({ path: 'note', code: 'custom' }),
    ]);
    expect((await read(booking.bookingId)).status).toBe('AWAITING_HOSPITAL');
    const said = await decide(booking.bookingId, 'decline', HOSPITAL, {
      reason: 'other',
      note: 'Ремонт отделения',
    });
    expect(said.status).toBe(200);
  });

  it('answers a second decision with the first, and refuses the other one with 409', async () => {
    const booking = await paid(await departure());

    const first = await decide(booking.bookingId, 'accept');
    const again = await decide(booking.bookingId, 'accept');
    const late = await decide(booking.bookingId, 'decline', HOSPITAL, { reason: 'no_capacity' });

    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(late.status).toBe(409);
    expect(ErrorResponse.parse(late.body).error.code).toBe('not_awaiting_decision');
  });

  it("is refused for another hospital's booking (404) and for a tourist (403)", async () => {
    const booking = await paid(await departure());

    const other = await decide(booking.bookingId, 'accept', OTHER_HOSPITAL);
    const tourist = await decide(booking.bookingId, 'accept', TOURIST);

    expect(other.status).toBe(404);
    expect(tourist.status).toBe(403);
    expect((await read(booking.bookingId)).status).toBe('AWAITING_HOSPITAL');
  });

  it('lists bookings awaiting a decision in the inbox, with the consented health notes', async () => {
    const booking = await paid(await departure(), 'Сахарный диабет 2 типа');

    const inbox = await api.request('GET', '/hospital/bookings?status=AWAITING_HOSPITAL&limit=50', {
      as: HOSPITAL,
    });

    expect(inbox.status).toBe(200);
    const items = (inbox.body as { items: BookingView[] }).items;
    const mine = items.find((b) => b.bookingId === booking.bookingId);
    expect(mine?.healthNotes).toEqual([{ traveller: 0, text: 'Сахарный диабет 2 типа' }]);
    expect(items.every((b) => b.status === 'AWAITING_HOSPITAL')).toBe(true);
  });
});

describe('who sees a booking', () => {
  it('answers a hold, an acceptance and a cancellation without the notes, so no stored replay holds them', async () => {
    const note = `Гипертония ${randomUUID()}`;
    const held = await hold(await departure(), note);
    const booking = await paid(await departure(), note);
    const accepted = await decide(booking.bookingId, 'accept');
    const cancelled = await api.request('POST', `/bookings/${held.bookingId}/cancel`, {
      as: TOURIST,
      headers: { 'idempotency-key': randomUUID() },
    });

    const stored: unknown[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await documentClient.send(
        new ScanCommand({ TableName: process.env.IDEMPOTENCY_TABLE_NAME, ExclusiveStartKey: start }),
      );
      stored.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    expect(held.healthNotes).toBeUndefined();
    expect(BookingView.parse(accepted.body).healthNotes).toBeUndefined();
    expect(BookingView.parse(cancelled.body).healthNotes).toBeUndefined();
    expect(stored.length).toBeGreaterThan(0);
    expect(JSON.stringify(stored)).not.toContain(note);
    expect((await read(booking.bookingId)).healthNotes?.[0]?.text).toBe(note);
  });

  it('shows health notes to the tourist, and to the hospital once the booking awaits it, never to the agency; others get 404', async () => {
    const held = await hold(await departure(), 'Аллергия на пенициллин');
    const hospitalOnHold = await read(held.bookingId, HOSPITAL);
    const booking = await paid(await departure(), 'Аллергия на пенициллин');

    const tourist = await read(booking.bookingId, TOURIST);
    const hospital = await read(booking.bookingId, HOSPITAL);
    const agency = await read(booking.bookingId, 'manager@jibek-zholy.example.kz');
    const otherTourist = await api.request('GET', `/bookings/${booking.bookingId}`, {
      as: 'bekzod@example.uz',
    });
    const otherAgency = await api.request('GET', `/bookings/${booking.bookingId}`, {
      as: 'manager@ala-too.example.kg',
    });

    expect(hospitalOnHold.healthNotes).toBeUndefined();
    expect(hospitalOnHold.travellers[0]?.hasHealthNotes).toBe(true);
    expect(tourist.healthNotes?.[0]?.text).toBe('Аллергия на пенициллин');
    expect(hospital.healthNotes?.[0]?.text).toBe('Аллергия на пенициллин');
    expect(agency.healthNotes).toBeUndefined();
    expect(agency.travellers[0]?.hasHealthNotes).toBe(true);
    expect(otherTourist.status).toBe(404);
    expect(otherAgency.status).toBe(404);
  });

  it("lists a booking among the tourist's trips and the agency's sales, without notes, and refuses a status filter", async () => {
    const booking = await hold(await departure(), 'Аллергия на пенициллин');

    const trips = await api.request('GET', '/bookings?limit=50', { as: TOURIST });
    const sales = await api.request('GET', '/agency/bookings?limit=50', {
      as: 'manager@jibek-zholy.example.kz',
    });
    const otherSales = await api.request('GET', '/agency/bookings?limit=50', {
      as: 'manager@ala-too.example.kg',
    });
    const filtered = await api.request('GET', '/agency/bookings?status=CONFIRMED', {
      as: 'manager@jibek-zholy.example.kz',
    });

    const mine = (response: typeof trips) =>
      (response.body as { items: BookingView[] }).items.find((item) => item.bookingId === booking.bookingId);
    expect(trips.status).toBe(200);
    expect(mine(trips)?.status).toBe('HELD');
    expect(sales.status).toBe(200);
    expect(mine(sales)?.travellers).toHaveLength(1);
    expect(mine(sales)?.healthNotes).toBeUndefined();
    expect(mine(otherSales)).toBeUndefined();
    // A filter the API cannot answer truthfully (an expired hold is stored HELD) is refused, not ignored.
    expect(filtered.status).toBe(400);
    expect(ErrorResponse.parse(filtered.body).error.details?.[0]?.path).toBe('status');
  });

  it('keeps the history of every change with its time and cause', async () => {
    const booking = await paid(await departure());
    await decide(booking.bookingId, 'decline', HOSPITAL, { reason: 'no_capacity' });

    const history = (await read(booking.bookingId)).history;

    expect(history.map((h) => [h.from, h.to, h.cause])).toEqual([
      [null, 'HELD', 'tourist_held'],
      ['HELD', 'AWAITING_HOSPITAL', 'payment_authorized'],
      ['AWAITING_HOSPITAL', 'DECLINED', 'hospital_declined'],
    ]);
    expect(history.every((h) => !Number.isNaN(Date.parse(h.at)))).toBe(true);
  });
});

describe('a later edit of the package', () => {
  it('does not change the cancellation terms of a booking already made', async () => {
    const twin = { ...pkg, packageId: `${pkg.packageId}-terms` };
    await putIfAbsent(catalogItems.package(twin));
    const template = entry?.departures[0];
    if (template === undefined) throw new Error('no template departure');
    const startDate = addDays(today, 190);
    const departureId = `${twin.packageId}-1`;
    await putIfAbsent(
      catalogItems.departure(
        {
          ...template,
          packageId: twin.packageId,
          departureId,
          startDate,
          endDate: addDays(startDate, twin.durationDays - 1),
          seatsTotal: 4,
          seatsLeft: 4,
        },
        twin,
      ),
    );
    const held = await api.request('POST', '/bookings', {
      as: TOURIST,
      headers: { 'idempotency-key': randomUUID() },
      body: {
        packageId: twin.packageId,
        departureId,
        currency: 'USD',
        travellers: [
          { fullName: 'TERMS KEPT', birthDate: '1970-01-01', nationality: 'KZ', preferredLanguage: 'ru' },
        ],
      },
    });
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    const booking = BookingView.parse(held.body);
    await confirmCard(stripe.current, booking.paymentAction?.clientSecret ?? '', 'pm_card_visa');
    await until(booking.bookingId, 'AWAITING_HOSPITAL');
    await decide(booking.bookingId, 'accept');
    // The agency now makes the package non-refundable.
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.package(twin.packageId),
        UpdateExpression: 'SET cancellationPolicy = :none',
        ExpressionAttributeValues: { ':none': { tiers: [{ daysBeforeDeparture: 0, refundPercent: 0 }] } },
      }),
    );

    const cancelled = await api.request('POST', `/bookings/${booking.bookingId}/cancel`, {
      as: TOURIST,
      headers: { 'idempotency-key': randomUUID() },
    });

    const view = BookingView.parse(cancelled.body);
    const best = [...pkg.cancellationPolicy.tiers].sort(
      (a, b) => b.daysBeforeDeparture - a.daysBeforeDeparture,
    )[0];
    expect(view.cancellationPolicy).toEqual(pkg.cancellationPolicy);
    expect(view.cancellation?.refundPercent).toBe(best?.refundPercent);
    expect(view.payment.amountRefunded).toBe(
      Math.floor((booking.price.total * (best?.refundPercent ?? 0)) / 100),
    );
  });
});
