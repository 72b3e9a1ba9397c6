/**
 * Bookings pushed to hospitals' own systems through the real handlers, the
 * local timer queue (the 24-hour retry schedule sped up a million times) and the
 * demo receiver: signatures and secret rotation, retries until delivered,
 * dedupe by event id, dead letters the operator replays, redelivery on request,
 * and the walls between hospitals. Events are what the bus hands the
 * `deliver-to-hospital` target, derived from bookings made through the API.
 */
import { randomUUID } from 'node:crypto';
import {
  DeliveryListResponse,
  type DeliveryView,
  ErrorResponse,
  RotatedSecret,
  WebhookEndpoint,
} from '@shifa/contracts';
import { DELIVERY_RETRY_POLICY, maxAttempts, todayUtc, verifySignature } from '@shifa/domain';
import type { DomainEvent } from '@shifa/events';
import type { DeliveryMessage } from '@shifa/hospital-delivery/queue';
import { loadDemoData } from '@shifa/local/demo';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from './support/api';
import { bookingMaker } from './support/booking-events';
import { busEvent, useHospitalDelivery } from './support/delivery';
import { usePaymentSimulator } from './support/payments';
import { useTable } from './support/table';

useTable();
const api = useApi();
const stripe = usePaymentSimulator(api);
const delivery = useHospitalDelivery({ timeScale: 1e-6 });
const today = todayUtc(new Date());
const HOSPITAL_ID = 'xj-tcm-hospital';
const HOSPITAL = 'international@xj-tcm.example.cn';
const OTHER_HOSPITAL = 'international@horgos-hospital.example.cn';
const OPERATOR = 'operator';
const TOURIST = 'aigerim@example.kz';
const NOTE = 'Перенесла операцию на колене в 2023 году';

const bookings = bookingMaker(api, stripe, today, HOSPITAL_ID);
const paidBooking = (notes?: string) => bookings.paid(notes === undefined ? {} : { notes });
const requestedEvent = (bookingId: string) => bookings.event(bookingId, 'BookingRequested');

/** A BookingExpired event for any hospital: enough for deliveries that need no stored booking. */
function expiredEvent(hospitalId: string): DomainEvent {
  const at = new Date().toISOString();
  return {
    source: 'shifa.booking',
    detailType: 'BookingExpired',
    detail: {
      version: 1,
      eventId: `bk-synthetic-${randomUUID()}:v2:BookingExpired`,
      occurredAt: at,
      bookingId: `bk-${randomUUID().slice(0, 12)}`,
      hospitalId,
      agencyId: 'jibek-zholy-almaty',
      holdExpiresAt: at,
    },
  };
}

/** What the EventBridge rule's target does with the event. */
async function enqueue(event: DomainEvent): Promise<{ deliveryId: string; outcome: string }> {
  const { handler } = await import('@shifa/functions/hospital-delivery/enqueue');
  return handler(busEvent(event));
}

async function deliveries(as: string, path = '/hospital/deliveries?limit=50'): Promise<DeliveryView[]> {
  const response = await api.request('GET', path, { as });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return DeliveryListResponse.parse(response.body).items;
}

async function deliveryOf(deliveryId: string, as = HOSPITAL): Promise<DeliveryView> {
  const found = (await deliveries(as)).find((d) => d.deliveryId === deliveryId);
  if (found === undefined) throw new Error(`${deliveryId} is not in the list`);
  return found;
}

async function rotate(as = HOSPITAL) {
  const response = await api.request('POST', '/hospital/webhook/secrets/rotate', { as });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return RotatedSecret.parse(response.body);
}

const acceptedFor = (eventId: string) => delivery.accepted.filter((a) => a.body.id === eventId);

beforeAll(async () => {
  await loadDemoData(today);
  // The hospital sets its endpoint up as the docs say: a secret first, then the URL, enabled.
  const { secret } = await rotate();
  delivery.secrets.set(HOSPITAL_ID, [secret]);
  const put = await api.request('PUT', '/hospital/webhook', {
    as: HOSPITAL,
    body: { url: delivery.receiver.urlFor(HOSPITAL_ID), enabled: true },
  });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
});

describe('delivering to a hospital', () => {
  it('delivers every event despite a receiver failing the first 3 attempts, once each, with the retries logged', async () => {
    const withNotes = await paidBooking(NOTE);
    const without = await paidBooking();
    const events = [await requestedEvent(withNotes.bookingId), await requestedEvent(without.bookingId)];
    delivery.receiver.setMode('fail', { times: 3 });

    const queued = await Promise.all(events.map(enqueue));
    await delivery.queue.idle();

    for (const event of events) expect(acceptedFor(event.detail.eventId)).toHaveLength(1);
    const failures = delivery.receiver.requests.filter(
      (r) => r.outcome === 'failed_on_purpose' && events.some((e) => e.detail.eventId === r.eventId),
    );
    expect(failures).toHaveLength(3);
    const views = await Promise.all(queued.map(({ deliveryId }) => deliveryOf(deliveryId)));
    for (const view of views) {
      expect(view.status).toBe('delivered');
      expect(view.attempts.at(-1)).toMatchObject({ outcome: 'delivered', statusCode: 200 });
    }
    const failed = views.flatMap((view) => view.attempts.filter((a) => a.outcome === 'failed'));
    expect(failed).toHaveLength(3);
    for (const attempt of failed) expect(attempt).toMatchObject({ statusCode: 503, error: 'HTTP 503' });
    expect(views.reduce((sum, view) => sum + view.attempts.length, 0)).toBe(5);
  });

  it('signs each request and names the event in its headers; health notes go only to the hospital', async () => {
    const booking = await paidBooking(NOTE);
    const event = await requestedEvent(booking.bookingId);

    await enqueue(event);
    await delivery.queue.idle();

    const [received] = acceptedFor(event.detail.eventId);
    if (received === undefined) throw new Error('not delivered');
    const { headers, body } = received;
    expect(headers['shifa-event-id']).toBe(event.detail.eventId);
    expect(headers['idempotency-key']).toBe(event.detail.eventId);
    expect(headers['shifa-event-type']).toBe('BookingRequested');
    expect(headers['shifa-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(body).toMatchObject({ id: event.detail.eventId, type: 'BookingRequested' });
    const travellers = body.data.travellers as { fullName: string; healthNotes?: string }[];
    expect(travellers[0]?.healthNotes).toBe(NOTE);
    expect(travellers[1]).not.toHaveProperty('healthNotes');
    // The event itself (what the bus carries and the delivery stores) has none.
    expect(JSON.stringify(event)).not.toContain(NOTE);
    const listed = JSON.stringify(await deliveries(HOSPITAL));
    expect(listed).not.toContain(NOTE);
  });

  it('delivers an event that arrives twice once, under one delivery', async () => {
    const event = expiredEvent(HOSPITAL_ID);

    const first = await enqueue(event);
    const second = await enqueue(event);
    await delivery.queue.idle();

    expect(second).toEqual({ deliveryId: first.deliveryId, outcome: 'duplicate' });
    expect(acceptedFor(event.detail.eventId)).toHaveLength(1);
    expect((await deliveries(HOSPITAL)).filter((d) => d.eventId === event.detail.eventId)).toHaveLength(1);
  });

  it('dead-letters a delivery whose every attempt fails, for at least 24 hours of the schedule', async () => {
    const event = expiredEvent(HOSPITAL_ID);
    delivery.receiver.setMode('fail');
    try {
      const { deliveryId } = await enqueue(event);
      await delivery.queue.idle();

      const view = await deliveryOf(deliveryId);
      expect(view.status).toBe('failed');
      expect(view.attempts).toHaveLength(maxAttempts(DELIVERY_RETRY_POLICY));
      expect(view.attempts.every((a) => a.outcome === 'failed')).toBe(true);
      expect(view.lastError).toBe('HTTP 503');
      expect(delivery.queue.deadLetters.map((letter) => letter.message.deliveryId)).toContain(deliveryId);
      expect(acceptedFor(event.detail.eventId)).toHaveLength(0);
    } finally {
      delivery.receiver.setMode('ok');
    }
  });

  it('lets the operator find a dead-lettered delivery and replay it successfully', async () => {
    const event = expiredEvent(HOSPITAL_ID);
    delivery.receiver.setMode('fail');
    const { deliveryId } = await enqueue(event);
    await delivery.queue.idle();
    delivery.receiver.setMode('ok');

    const failed = await deliveries(OPERATOR, '/operator/deliveries?status=failed');
    const replay = await api.request('POST', `/operator/deliveries/${deliveryId}/replay`, {
      as: OPERATOR,
      headers: { 'idempotency-key': randomUUID() },
    });
    await delivery.queue.idle();

    expect(failed.map((d) => d.deliveryId)).toContain(deliveryId);
    expect(replay.status, JSON.stringify(replay.body)).toBe(202);
    expect(replay.body).toMatchObject({ deliveryId, status: 'pending', round: 2 });
    const view = await deliveryOf(deliveryId);
    expect(view.status).toBe('delivered');
    expect(view.round).toBe(2);
    expect(view.attempts.filter((a) => a.round === 2)).toEqual([
      expect.objectContaining({ attempt: 1, outcome: 'delivered', statusCode: 200 }),
    ]);
    expect(acceptedFor(event.detail.eventId)).toHaveLength(1);
    const stillFailed = await deliveries(OPERATOR, '/operator/deliveries?status=failed');
    expect(stillFailed.map((d) => d.deliveryId)).not.toContain(deliveryId);
  });

  it('sends an event again when its hospital asks; the receiver, deduping by event id, handles it once', async () => {
    const event = expiredEvent(HOSPITAL_ID);
    const { deliveryId } = await enqueue(event);
    await delivery.queue.idle();

    const response = await api.request('POST', `/hospital/deliveries/${deliveryId}/redeliver`, {
      as: HOSPITAL,
      headers: { 'idempotency-key': randomUUID() },
    });
    await delivery.queue.idle();

    expect(response.status, JSON.stringify(response.body)).toBe(202);
    const requests = delivery.receiver.requests.filter((r) => r.eventId === event.detail.eventId);
    expect(requests.map((r) => r.outcome)).toEqual(['accepted', 'duplicate']);
    expect(acceptedFor(event.detail.eventId)).toHaveLength(1);
    const view = await deliveryOf(deliveryId);
    expect(view).toMatchObject({ status: 'delivered', round: 2 });
    expect(view.attempts.map((a) => [a.round, a.outcome])).toEqual([
      [1, 'delivered'],
      [2, 'delivered'],
    ]);
  });

  it('replays a redelivery request with the same Idempotency-Key instead of sending a third time', async () => {
    const event = expiredEvent(HOSPITAL_ID);
    const { deliveryId } = await enqueue(event);
    await delivery.queue.idle();
    const key = randomUUID();

    const first = await api.request('POST', `/hospital/deliveries/${deliveryId}/redeliver`, {
      as: HOSPITAL,
      headers: { 'idempotency-key': key },
    });
    const again = await api.request('POST', `/hospital/deliveries/${deliveryId}/redeliver`, {
      as: HOSPITAL,
      headers: { 'idempotency-key': key },
    });
    await delivery.queue.idle();

    expect([first.status, again.status]).toEqual([202, 202]);
    expect(again.body).toEqual(first.body);
    expect((await deliveryOf(deliveryId)).round).toBe(2);
  });
});

describe('walls between hospitals', () => {
  it("never shows another hospital's deliveries, and answers 404 to its redelivery as to an unknown id", async () => {
    const event = expiredEvent(HOSPITAL_ID);
    const { deliveryId } = await enqueue(event);
    await delivery.queue.idle();

    const seen = await deliveries(OTHER_HOSPITAL);
    const redeliver = await api.request('POST', `/hospital/deliveries/${deliveryId}/redeliver`, {
      as: OTHER_HOSPITAL,
      headers: { 'idempotency-key': randomUUID() },
    });
    const unknown = await api.request(
      'POST',
      `/hospital/deliveries/${deliveryId.replace(/[0-9a-f]{12}$/, '000000000000')}/redeliver`,
      { as: HOSPITAL, headers: { 'idempotency-key': randomUUID() } },
    );

    expect(seen.map((d) => d.deliveryId)).not.toContain(deliveryId);
    expect(JSON.stringify(seen)).not.toContain(HOSPITAL_ID);
    expect(redeliver.status).toBe(404);
    expect(ErrorResponse.parse(redeliver.body).error.code).toBe('delivery_not_found');
    expect(unknown.status).toBe(404);
    expect(ErrorResponse.parse(unknown.body).error.code).toBe('delivery_not_found');
    expect((await deliveryOf(deliveryId)).round).toBe(1);
  });

  it('keeps the operator routes from hospitals (403) and every route from callers without a token (401)', async () => {
    const asHospital = await api.request('GET', '/operator/deliveries', { as: HOSPITAL });
    const asTourist = await api.request('GET', '/hospital/deliveries', { as: TOURIST });
    const anonymous = await api.request('GET', '/hospital/webhook');

    expect(asHospital.status).toBe(403);
    expect(asTourist.status).toBe(403);
    expect(anonymous.status).toBe(401);
  });

  it('skips delivery to a hospital without an endpoint, and delivers once it has one and asks again', async () => {
    const hospitalId = 'ili-tcm-hospital';
    const hospital = 'international@ili-tcm.example.cn';
    const event = expiredEvent(hospitalId);
    const { deliveryId } = await enqueue(event);
    await delivery.queue.idle();
    const skipped = await deliveryOf(deliveryId, hospital);

    const { secret } = await rotate(hospital);
    delivery.secrets.set(hospitalId, [secret]);
    await api.request('PUT', '/hospital/webhook', {
      as: hospital,
      body: { url: delivery.receiver.urlFor(hospitalId), enabled: true },
    });
    await api.request('POST', `/hospital/deliveries/${deliveryId}/redeliver`, {
      as: hospital,
      headers: { 'idempotency-key': randomUUID() },
    });
    await delivery.queue.idle();

    expect(skipped).toMatchObject({
      status: 'skipped',
      skippedReason: 'no webhook endpoint is set',
      attempts: [],
    });
    expect((await deliveryOf(deliveryId, hospital)).status).toBe('delivered');
    expect(acceptedFor(event.detail.eventId)).toEqual([
      expect.objectContaining({ headers: expect.anything() }),
    ]);
  });
});

describe('the endpoint and its secrets', () => {
  it('signs with both secrets for 24 hours after a rotation, so a system still holding the old one verifies', async () => {
    const before = await api.request('GET', '/hospital/webhook', { as: HOSPITAL });
    const old = delivery.secrets.get(HOSPITAL_ID) ?? [];

    const rotated = await rotate();
    const event = expiredEvent(HOSPITAL_ID);
    await enqueue(event);
    await delivery.queue.idle();
    const after = WebhookEndpoint.parse(
      (await api.request('GET', '/hospital/webhook', { as: HOSPITAL })).body,
    );

    const [received] = acceptedFor(event.detail.eventId);
    if (received === undefined) throw new Error('not delivered with the old secret');
    const header = String(received.headers['shifa-signature']);
    expect(header.match(/v1=/g)).toHaveLength(2);
    const body = JSON.stringify(received.body);
    const now = Math.floor(Date.now() / 1000);
    expect(verifySignature(header, body, [rotated.secret], now).ok).toBe(true);
    expect(verifySignature(header, body, old, now).ok).toBe(true);
    expect(WebhookEndpoint.parse(before.body).secrets).toHaveLength(1);
    expect(after.secrets.map((s) => s.secretId)).toEqual([
      rotated.secretId,
      WebhookEndpoint.parse(before.body).secrets[0]?.secretId,
    ]);
    const overlap = Date.parse(rotated.previousExpiresAt ?? '') - Date.parse(rotated.createdAt);
    expect(overlap).toBe(24 * 3_600_000);
    expect(JSON.stringify(after)).not.toContain(rotated.secret);
    delivery.secrets.set(HOSPITAL_ID, [rotated.secret]);
  });

  it('shows a new secret once and never again', async () => {
    const rotated = await rotate(OTHER_HOSPITAL);

    const read = await api.request('GET', '/hospital/webhook', { as: OTHER_HOSPITAL });

    expect(rotated.secret).toMatch(/^whsec_/);
    expect(JSON.stringify(read.body)).not.toContain(rotated.secret);
    expect(WebhookEndpoint.parse(read.body).secrets[0]).toMatchObject({
      secretId: rotated.secretId,
      hint: `…${rotated.secret.slice(-4)}`,
      expiresAt: null,
    });
  });

  it('refuses http to a public host, and unknown fields, with 400 naming the field', async () => {
    const http = await api.request('PUT', '/hospital/webhook', {
      as: OTHER_HOSPITAL,
      body: { url: 'http://his.horgos.example.cn/hook', enabled: true },
    });
    const unknown = await api.request('PUT', '/hospital/webhook', {
      as: OTHER_HOSPITAL,
      body: { url: 'https://his.horgos.example.cn/hook', enabled: true, secret: 'mine' },
    });
    const internal = await api.request('PUT', '/hospital/webhook', {
      as: OTHER_HOSPITAL,
      body: { url: 'https://169.254.169.254/latest', enabled: true },
    });

    expect(http.status).toBe(400);
    expect(ErrorResponse.parse(http.body).error).toMatchObject({
      code: 'invalid_webhook_url',
      details: [{ path: 'url', message: expect.stringContaining('https') }],
    });
    expect(unknown.status).toBe(400);
    expect(ErrorResponse.parse(unknown.body).error.details).toEqual([
      { path: 'secret', message: 'unknown body parameter', code: 'unrecognized_keys' },
    ]);
    expect(ErrorResponse.parse(internal.body).error.code).toBe('invalid_webhook_url');
  });

  it('lets exactly one of two concurrent edits with the same version through (409 version_conflict)', async () => {
    const read = WebhookEndpoint.parse(
      (await api.request('GET', '/hospital/webhook', { as: HOSPITAL })).body,
    );
    const edit = (enabled: boolean) =>
      api.request('PUT', '/hospital/webhook', {
        as: HOSPITAL,
        body: { url: delivery.receiver.urlFor(HOSPITAL_ID), enabled, version: read.version },
      });

    const answers = await Promise.all([edit(true), edit(true)]);
    const again = await api.request('PUT', '/hospital/webhook', {
      as: HOSPITAL,
      body: { url: delivery.receiver.urlFor(HOSPITAL_ID), enabled: true },
    });

    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const conflict = answers.find((a) => a.status === 409);
    expect(ErrorResponse.parse(conflict?.body).error.code).toBe('version_conflict');
    expect(again.status).toBe(409);
    const after = WebhookEndpoint.parse(
      (await api.request('GET', '/hospital/webhook', { as: HOSPITAL })).body,
    );
    expect(after.version).toBe(read.version + 1);
  });
});

describe('when a worker dies mid-attempt', () => {
  it('counts the lost attempt as failed once its claim is stale, goes on with the next, and re-queues a lost follow-up', async () => {
    const [{ processMessage }, { STALE_CLAIM_MS }, { attemptDeps }, store] = await Promise.all([
      import('@shifa/hospital-delivery/delivery'),
      import('@shifa/hospital-delivery/queue'),
      import('@shifa/hospital-delivery/deps'),
      import('@shifa/store'),
    ]);
    const parked: DeliveryMessage[] = [];
    const queue = {
      timeScale: 1e-6,
      schedule: async (m: DeliveryMessage) => void parked.push(m),
      deadLetter: async () => undefined,
    };
    const start = Date.now();
    const at = (ms: number) => ({ ...attemptDeps(), queue, now: () => new Date(start + ms) });
    const event = expiredEvent(HOSPITAL_ID);
    const { handler } = await import('@shifa/functions/hospital-delivery/enqueue');
    const { installDeliveryQueue } = await import('@shifa/hospital-delivery/queue');
    installDeliveryQueue(queue);
    let first: DeliveryMessage | undefined;
    try {
      await handler(busEvent(event));
      first = parked.shift();
    } finally {
      installDeliveryQueue(delivery.queue);
    }
    if (first === undefined) throw new Error('nothing was queued');
    // A worker claims attempt 1, then dies before sending.
    const read = await store.getDelivery(HOSPITAL_ID, first.deliveryId);
    if (read === undefined) throw new Error('no delivery');
    await store.saveDelivery({ ...read, attempt: 1, claimedAt: new Date(start).toISOString() }, read);

    // A copy of the message arriving meanwhile is dropped; the dead worker's own comes back later.
    const early = await processMessage(first, at(5_000));
    const queuedMeanwhile = parked.length;
    const late = await processMessage(first, at(STALE_CLAIM_MS + 2_000));
    const second = parked.shift();
    // Its follow-up lost too (the worker died after recording the outcome): the message brings it back.
    const again = await processMessage(first, at(STALE_CLAIM_MS + 3_000));
    const resumed = parked.shift();
    const sent = second === undefined ? 'none' : await processMessage(second, at(STALE_CLAIM_MS + 4_000));

    expect(early).toBe('in-flight');
    expect(queuedMeanwhile).toBe(0);
    expect(late).toBe('retrying');
    expect(second).toMatchObject({ attempt: 2 });
    expect(again).toBe('resumed');
    expect(resumed).toEqual(second);
    expect(sent).toBe('delivered');
    expect(acceptedFor(event.detail.eventId)).toHaveLength(1);
    const view = await deliveryOf(first.deliveryId);
    expect(view.attempts.map((a) => [a.attempt, a.outcome, a.error])).toEqual([
      [1, 'failed', 'the attempt was interrupted before it finished'],
      [2, 'delivered', null],
    ]);
  });
});
