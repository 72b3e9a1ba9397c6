/**
 * Events are published if and only if their change committed: bookings moved
 * through the real HTTP API (Stripe simulator webhooks included) on DynamoDB
 * Local, the table's stream read by the local poller, the real publisher
 * handler putting events on the local bus through the AWS SDK.
 */
import { randomUUID } from 'node:crypto';
import { BookingView } from '@shifa/contracts';
import { addDays, todayUtc } from '@shifa/domain';
import { parseBusEvent } from '@shifa/events';
import { loadDemoData } from '@shifa/local/demo';
import { demoCatalog } from '@shifa/local/demo/catalog';
import type { BusEvent } from '@shifa/local/event-bus';
import type { DynamoDBRecord } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from './support/api';
import { addDeparture } from './support/departures';
import { useEventBus } from './support/events';
import { confirmCard, usePaymentSimulator } from './support/payments';
import { useTable } from './support/table';

useTable();
const api = useApi();
const stripe = usePaymentSimulator(api);
const pipeline = useEventBus();

const today = todayUtc(new Date());
const entry = demoCatalog(today).packages.find((p) => p.pkg.hospital.hospitalId === 'xj-tcm-hospital');
if (entry === undefined) throw new Error('no demo package at xj-tcm-hospital');
const { pkg } = entry;
const TOURIST = 'aigerim@example.kz';
const HOSPITAL = 'international@xj-tcm.example.cn';
const HEALTH_NOTE = 'Перенесла инсульт в 2021 году, принимает варфарин';

let departureSeq = 0;
async function departure(seats = 6): Promise<string> {
  departureSeq += 1;
  if (entry === undefined) throw new Error('no demo package');
  const id = `${pkg.packageId}-events-${departureSeq}`;
  return addDeparture(entry, { id, startDate: addDays(today, 120 + departureSeq), seats });
}

const holdRequest = (departureId: string) =>
  api.request('POST', '/bookings', {
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
          healthNotes: { text: HEALTH_NOTE, consent: { version: '2026-12', language: 'ru' } },
        },
      ],
    },
  });

async function read(bookingId: string): Promise<BookingView> {
  const response = await api.request('GET', `/bookings/${bookingId}`, { as: TOURIST });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return BookingView.parse(response.body);
}

/** Holds a departure and pays with pm_card_visa; resolves once the webhook moved it to AWAITING_HOSPITAL. */
async function paid(departureId: string): Promise<BookingView> {
  const held = await holdRequest(departureId);
  expect(held.status, JSON.stringify(held.body)).toBe(201);
  const booking = BookingView.parse(held.body);
  const confirmation = await confirmCard(
    stripe.current,
    booking.paymentAction?.clientSecret ?? '',
    'pm_card_visa',
  );
  expect(confirmation.status).toBe(200);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const current = await read(booking.bookingId);
    if (current.status === 'AWAITING_HOSPITAL' || Date.now() > deadline) return current;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const about = (bookingId: string, detailType?: string) => (event: BusEvent) =>
  (event.detail as { bookingId?: string }).bookingId === bookingId &&
  (detailType === undefined || event['detail-type'] === detailType);

/** Every event of a booking on the bus, once the poller has read everything written so far. */
async function settledEvents(bookingId: string): Promise<BusEvent[]> {
  await pipeline.poller.caughtUp();
  return pipeline.bus.events.filter(about(bookingId));
}

/** The stream record that carried a booking into a status, as the poller gave it to the publisher. */
function recordOf(bookingId: string, status: string): DynamoDBRecord {
  const found = pipeline.poller.invocations
    .flatMap((invocation) => invocation.event.Records)
    .find(
      (record) =>
        record.dynamodb?.NewImage?.bookingId?.S === bookingId &&
        record.dynamodb.NewImage.status?.S === status,
    );
  if (found === undefined) throw new Error(`no stream record moved ${bookingId} to ${status}`);
  return found;
}

beforeAll(async () => {
  await loadDemoData(today);
});

describe('a booking paid through the API', () => {
  it('puts exactly one BookingRequested on the bus, with what the hospital needs and no health notes', async () => {
    const booking = await paid(await departure());

    const [requested] = await pipeline.bus.waitFor(about(booking.bookingId, 'BookingRequested'));
    const all = await settledEvents(booking.bookingId);

    expect(all.map((e) => e['detail-type'])).toEqual(['BookingRequested']);
    const event = parseBusEvent(requested);
    expect(event.source).toBe('shifa.booking');
    expect(event.detail).toMatchObject({
      version: 1,
      eventId: expect.stringMatching(new RegExp(`^${booking.bookingId}:v\\d+:BookingRequested$`)),
      bookingId: booking.bookingId,
      hospitalId: 'xj-tcm-hospital',
      agencyId: pkg.agencyId,
      packageId: pkg.packageId,
      departureId: booking.departureId,
      startDate: booking.startDate,
      endDate: booking.endDate,
      treatmentDates: booking.treatmentDates,
      decisionDeadline: booking.decisionDeadline,
      travellers: [
        {
          fullName: 'AIGERIM NURLANOVA',
          birthDate: '1966-09-30',
          nationality: 'KZ',
          preferredLanguage: 'ru',
          hasHealthNotes: true,
        },
      ],
    });
    const serialized = JSON.stringify(requested);
    expect(serialized).not.toContain(HEALTH_NOTE);
    expect(serialized).not.toContain(TOURIST);
  });

  it('is routed by the declared rules to the hospital delivery and the tourist notifications', async () => {
    const booking = await paid(await departure());

    const [requested] = await pipeline.bus.waitFor(about(booking.bookingId, 'BookingRequested'));

    const routedTo = pipeline.bus.deliveries.filter((d) => d.eventId === requested?.id).map((d) => d.ruleId);
    expect(routedTo.sort()).toEqual(['deliver-to-hospital', 'notify-tourist']);
  });
});

describe("the hospital's answer", () => {
  it('puts BookingDeclined with the reason and note on the bus when the hospital declines', async () => {
    const booking = await paid(await departure());

    const declined = await api.request('POST', `/hospital/bookings/${booking.bookingId}/decline`, {
      as: HOSPITAL,
      headers: { 'idempotency-key': randomUUID() },
      body: { reason: 'medical_contraindication', note: 'Please consult our cardiologist remotely first.' },
    });

    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    const [event] = await pipeline.bus.waitFor(about(booking.bookingId, 'BookingDeclined'));
    expect(event?.detail).toMatchObject({
      bookingId: booking.bookingId,
      reason: 'medical_contraindication',
      note: 'Please consult our cardiologist remotely first.',
    });
    await pipeline.bus.waitFor(about(booking.bookingId, 'PaymentStepRequested'));
    // The decline records the release of the authorisation for the reconciler, in the same change.
    expect((await settledEvents(booking.bookingId)).map((e) => e['detail-type'])).toEqual([
      'BookingRequested',
      'BookingDeclined',
      'PaymentStepRequested',
    ]);
  });

  it('puts BookingAccepted and PaymentCaptured on the bus when the hospital accepts', async () => {
    const booking = await paid(await departure());

    const accepted = await api.request('POST', `/hospital/bookings/${booking.bookingId}/accept`, {
      as: HOSPITAL,
      headers: { 'idempotency-key': randomUUID() },
    });

    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    await pipeline.bus.waitFor(about(booking.bookingId, 'PaymentCaptured'));
    const events = await settledEvents(booking.bookingId);
    // The acceptance records the capture (PaymentStepRequested); the capture confirms the booking.
    expect(events.map((e) => e['detail-type'])).toEqual([
      'BookingRequested',
      'PaymentStepRequested',
      'BookingAccepted',
      'PaymentCaptured',
    ]);
    expect(events[1]?.detail).toMatchObject({ step: { kind: 'capture', amount: booking.price.total } });
    expect(events[3]?.detail).toMatchObject({ amount: booking.price.total, currency: 'USD' });
  });
});

describe('published if and only if committed', () => {
  it('gives a stream record processed twice the same event id, so consumers can dedupe', async () => {
    const booking = await paid(await departure());
    await pipeline.bus.waitFor(about(booking.bookingId, 'BookingRequested'));
    const { handler } = await import('@shifa/functions/events/publish-stream');

    const result = await handler({ Records: [recordOf(booking.bookingId, 'AWAITING_HOSPITAL')] });

    expect(result.batchItemFailures).toEqual([]);
    const twice = await pipeline.bus.waitFor(about(booking.bookingId, 'BookingRequested'), { count: 2 });
    const detailIds = twice.map((e) => (e.detail as { eventId: string }).eventId);
    expect(detailIds).toEqual([detailIds[0], detailIds[0]]);
    expect(twice[0]?.id).not.toBe(twice[1]?.id);
  });

  it('publishes nothing for a hold whose transaction failed because the departure sold out', async () => {
    const departureId = await departure(1);
    const first = await holdRequest(departureId);
    const soldOut = await holdRequest(departureId);
    await pipeline.poller.caughtUp();

    expect(first.status).toBe(201);
    expect(soldOut.status).toBe(409);
    const bookingsInStream = pipeline.poller.invocations
      .flatMap((invocation) => invocation.event.Records)
      .filter((record) => record.dynamodb?.NewImage?.departureId?.S === departureId)
      .map((record) => record.dynamodb?.NewImage?.bookingId?.S);
    expect(new Set(bookingsInStream)).toEqual(new Set([BookingView.parse(first.body).bookingId]));
    expect(
      pipeline.bus.events.filter((e) => (e.detail as { departureId?: string }).departureId === departureId),
    ).toEqual([]);
  });

  it('publishes one BookingDeclined when two declines race and one transaction is refused', async () => {
    const booking = await paid(await departure());
    const decline = () =>
      api.request('POST', `/hospital/bookings/${booking.bookingId}/decline`, {
        as: HOSPITAL,
        headers: { 'idempotency-key': randomUUID() },
        body: { reason: 'no_capacity' },
      });

    const answers = await Promise.all([decline(), decline()]);

    expect(answers.map((a) => a.status)).toContain(200);
    const declined = (await settledEvents(booking.bookingId)).filter(
      (e) => e['detail-type'] === 'BookingDeclined',
    );
    expect(declined).toHaveLength(1);
  });

  it('loses no event when publishing fails after the change committed: the poller retries the record', async () => {
    await pipeline.poller.caughtUp();
    const callsBefore = pipeline.bus.putEventsCalls.length;
    pipeline.bus.failNextPutEvents(1, 'InternalFailure');

    const booking = await paid(await departure());

    const [requested] = await pipeline.bus.waitFor(about(booking.bookingId, 'BookingRequested'));
    const settled = await settledEvents(booking.bookingId);
    const calls = pipeline.bus.putEventsCalls.slice(callsBefore);
    expect(calls[0]).toEqual({ entries: 1, failed: 1 });
    expect(calls.some((call) => call.failed === 0)).toBe(true);
    const record = recordOf(booking.bookingId, 'AWAITING_HOSPITAL');
    const attempts = pipeline.poller.invocations.filter((invocation) =>
      invocation.event.Records.includes(record),
    );
    expect(attempts.map((attempt) => attempt.outcome)).toEqual(['partial', 'ok']);
    expect(attempts[0]?.failure).toBe(record.dynamodb?.SequenceNumber);
    // The event's id is the committed change's: the booking's version in the stream record.
    const version = record.dynamodb?.NewImage?.version?.N;
    expect(requested?.detail).toMatchObject({ eventId: `${booking.bookingId}:v${version}:BookingRequested` });
    expect(settled).toHaveLength(1);
  });
});
