/**
 * Shortcuts through the HTTP API for what a browser test needs ready but does not test itself (a held or
 * paid booking to show on a page): the same requests the web app makes, with a demo user's token.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Stack } from './stack';

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

/** Polls the booking as its tourist sees it until it has `status`; fails after 30 s. */
export async function waitForStatus(
  stack: Stack,
  touristId: string,
  bookingId: string,
  status: string,
): Promise<void> {
  const token = await stack.idToken(touristId);
  const deadline = Date.now() + 30_000;
  let seen = '';
  while (Date.now() < deadline) {
    seen = String((await call(stack, `/bookings/${bookingId}`, { token })).status);
    if (seen === status) return;
    await sleep(200);
  }
  assert.fail(`booking ${bookingId} stayed ${seen}, never became ${status}`);
}
