/**
 * Shortcuts through the HTTP API for what a browser test needs ready but does not test itself (a held or
 * paid booking to show on a page), and for checking what the pages claim (a webhook delivered): the same
 * requests the web app makes, with a demo user's token.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DeliveryListResponse, type DeliveryView } from '@shifa/contracts';
import type { Stack } from './stack';

/** How long the pipeline behind a request (payment webhook, stream, bus, delivery attempts) may take. */
const SETTLE_MS = 30_000;

type Json = Record<string, unknown>;

async function call(stack: Stack, path: string, init: RequestInit & { token?: string } = {}): Promise<Json> {
  const { token, ...rest } = init;
  const response = await fetch(`${stack.url}${path}`, {
    ...rest,
    headers: {
      accept: 'application/json',
      ...(rest.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(rest.method === 'POST' ? { 'idempotency-key': randomUUID() } : {}),
    },
  });
  const body = (await response.json()) as Json;
  assert.ok(response.ok, `${rest.method ?? 'GET'} ${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

export type Departure = { departureId: string; startDate: string; seatsLeft: number };

/** The package's first departure with at least `seats` seats left. */
export async function openDeparture(stack: Stack, packageId: string, seats = 1): Promise<Departure> {
  const tour = await call(stack, `/packages/${encodeURIComponent(packageId)}`);
  const departure = (tour.departures as Departure[]).find((candidate) => candidate.seatsLeft >= seats);
  assert.ok(departure, `${packageId} has no departure with ${seats} seats left`);
  return departure;
}

/** The package's first departure leaving at least `days` days from today (UTC), with a seat left. */
export async function departureAfter(stack: Stack, packageId: string, days: number): Promise<Departure> {
  const tour = await call(stack, `/packages/${encodeURIComponent(packageId)}`);
  const earliest = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const departure = (tour.departures as Departure[]).find(
    (candidate) => candidate.startDate >= earliest && candidate.seatsLeft > 0,
  );
  assert.ok(departure, `${packageId} has no departure ${days} days or more ahead`);
  return departure;
}

/**
 * A new departure of the agency's package `days` days from today (UTC), priced as its first one: for a
 * date the demo's fixed departure days may not offer (inside the no-refund band, say).
 */
export async function addDeparture(
  stack: Stack,
  agencyUserId: string,
  packageId: string,
  days: number,
): Promise<Departure> {
  const token = await stack.idToken(agencyUserId);
  const path = `/agency/packages/${encodeURIComponent(packageId)}`;
  const own = (await call(stack, path, { token })) as { departures: { prices: unknown[] }[] };
  const startDate = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  await call(stack, `${path}/departures`, {
    method: 'POST',
    token,
    body: JSON.stringify({ startDate, seats: 4, prices: own.departures[0]?.prices }),
  });
  const tour = await call(stack, `/packages/${encodeURIComponent(packageId)}`);
  const departure = (tour.departures as Departure[]).find((candidate) => candidate.startDate === startDate);
  assert.ok(departure, `the departure of ${packageId} on ${startDate} is not in the catalog`);
  return departure;
}

export type Booking = { bookingId: string; status: string; paymentAction?: { clientSecret: string } };

/** A HELD booking for one traveller, paid in US dollars. */
export async function holdBooking(
  stack: Stack,
  touristId: string,
  trip: { packageId: string; departureId: string; fullName: string },
): Promise<Booking> {
  const token = await stack.idToken(touristId);
  return (await call(stack, '/bookings', {
    method: 'POST',
    token,
    body: JSON.stringify({
      packageId: trip.packageId,
      departureId: trip.departureId,
      currency: 'USD',
      travellers: [
        { fullName: trip.fullName, birthDate: '1975-03-08', nationality: 'KZ', preferredLanguage: 'ru' },
      ],
    }),
  })) as Booking;
}

/** Authorises the booking's card at the payment simulator, as the web app does, and waits for the webhook's effect. */
export async function payBooking(stack: Stack, touristId: string, booking: Booking): Promise<void> {
  const secret = booking.paymentAction?.clientSecret;
  assert.ok(secret, `booking ${booking.bookingId} has nothing to pay`);
  const intent = secret.split('_secret_')[0] ?? '';
  const response = await fetch(`${stack.payments.apiUrl}/v1/payment_intents/${intent}/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      key: stack.payments.publishableKey,
      client_secret: secret,
      payment_method: 'pm_card_visa',
    }),
  });
  assert.equal(response.status, 200, `confirming ${intent}: ${await response.text()}`);
  await waitForStatus(stack, touristId, booking.bookingId, 'AWAITING_HOSPITAL');
}

/** Reads `read` every 200 ms until `done` holds for what it returns, which it returns; fails after 30 s. */
async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  failure: (last: T) => string,
): Promise<T> {
  const deadline = Date.now() + SETTLE_MS;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) assert.fail(failure(value));
    await sleep(200);
  }
}

/** The hospital accepts the booking, as its inbox would. */
export async function acceptBooking(stack: Stack, hospitalUserId: string, bookingId: string): Promise<Json> {
  const token = await stack.idToken(hospitalUserId);
  return call(stack, `/hospital/bookings/${encodeURIComponent(bookingId)}/accept`, { method: 'POST', token });
}

/** The booking as its tourist reads it. */
export async function readBooking(stack: Stack, touristId: string, bookingId: string): Promise<Json> {
  return call(stack, `/bookings/${encodeURIComponent(bookingId)}`, { token: await stack.idToken(touristId) });
}

/** Makes the payment simulator misbehave, as Stripe can (see the simulator's /_simulator/faults); `undefined` clears. */
export async function paymentFaults(stack: Stack, fault: Json | undefined): Promise<void> {
  const response = await fetch(`${stack.payments.apiUrl}/_simulator/faults`, {
    method: fault === undefined ? 'DELETE' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(fault === undefined ? {} : { body: JSON.stringify(fault) }),
  });
  assert.ok(response.ok, `simulator faults: ${response.status} ${await response.text()}`);
}

/** Polls the booking as its tourist sees it until `done` holds for it, and returns it; fails after 30 s. */
export async function waitForBooking(
  stack: Stack,
  touristId: string,
  bookingId: string,
  what: string,
  done: (booking: Json) => boolean,
): Promise<Json> {
  return eventually(
    () => readBooking(stack, touristId, bookingId),
    done,
    (last) =>
      `booking ${bookingId} never came to ${what}: ${JSON.stringify({ status: last.status, payment: last.payment })}`,
  );
}

/** Polls the booking as its tourist sees it until it has `status`; fails after 30 s. */
export async function waitForStatus(
  stack: Stack,
  touristId: string,
  bookingId: string,
  status: string,
): Promise<void> {
  const token = await stack.idToken(touristId);
  await eventually(
    async () => String((await call(stack, `/bookings/${bookingId}`, { token })).status),
    (seen) => seen === status,
    (seen) => `booking ${bookingId} stayed ${seen}, never became ${status}`,
  );
}

/** A page of webhook deliveries as a hospital (`/hospital/deliveries`) or the operator (`/operator/deliveries`) reads it. */
export async function deliveries(stack: Stack, userId: string, path: string): Promise<DeliveryView[]> {
  const token = await stack.idToken(userId);
  return DeliveryListResponse.parse(await call(stack, path, { token })).items;
}

/**
 * Polls the hospital's webhook log until its delivery of `eventType` for the booking has `status`
 * (in round `round`, if given), and returns it; fails after 30 s.
 */
export async function waitForDelivery(
  stack: Stack,
  hospitalUserId: string,
  booking: { bookingId: string; eventType: string; status: DeliveryView['status']; round?: number },
): Promise<DeliveryView> {
  const { bookingId, eventType, status, round } = booking;
  const found = await eventually(
    async () =>
      (await deliveries(stack, hospitalUserId, '/hospital/deliveries?limit=50')).find(
        (delivery) => delivery.bookingId === bookingId && delivery.eventType === eventType,
      ),
    (delivery) => delivery?.status === status && (round === undefined || delivery.round === round),
    (delivery) =>
      delivery === undefined
        ? `no ${eventType} delivery for booking ${bookingId} was recorded`
        : `the ${eventType} delivery for booking ${bookingId} stayed ${delivery.status} in round ${delivery.round} after ${delivery.attempt} attempts, never became ${status}${round === undefined ? '' : ` in round ${round}`}`,
  );
  assert.ok(found);
  return found;
}
