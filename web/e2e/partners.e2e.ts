/**
 * The partner consoles in English on a desktop: a hospital declines a paid
 * booking in its inbox, sets a day's beds in its capacity calendar and finds
 * them saved, and finds the booking's webhook delivered in its log after two
 * failed attempts; the operator verifies an agency that waits for it, and
 * replays a webhook that failed for good once the hospital's system is back.
 * The hospital's system is the stack's demo receiver, told when to fail.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { deliveries, holdBooking, openDeparture, payBooking, waitForDelivery, waitForStatus } from './api';
import { browserTests, DESKTOP, pageReady, signInAt, TEST_TIMEOUT_MS } from './support';

const e2e = browserTests('partners-en');

const DAY_MS = 86_400_000;
const PACKAGE = 'kz-urumqi-acupuncture-13'; // its treatment is at the Xinjiang TCM hospital
const HOSPITAL = 'hospital-xj-tcm';

/** A delivery's card, in the hospital's log or the operator's list, found by its heading. */
const deliveryCard = (page: Page, eventType: string, bookingId: string) =>
  page
    .locator('article')
    .filter({ has: page.getByRole('heading', { name: `${eventType} for booking ${bookingId}` }) });

/** The attempts a hospital's log lists on a delivery's card, as the reader sees them. */
const attemptLines = async (page: Page, eventType: string, bookingId: string) =>
  (await deliveryCard(page, eventType, bookingId).locator('ol > li').allInnerTexts()).map((line) =>
    line.trim(),
  );

test('a hospital declines a booking, sets a day’s beds and finds its webhook delivered after two failures', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const departure = await openDeparture(e2e.stack, PACKAGE);
  const booking = await holdBooking(e2e.stack, 'tourist-nurlan', {
    packageId: PACKAGE,
    departureId: departure.departureId,
    fullName: 'NURLAN ASANOV',
  });
  // The hospital's system is down for the first two tries of the booking's webhook.
  e2e.stack.receiver.setMode('fail', { times: 2 });
  await payBooking(e2e.stack, 'tourist-nurlan', booking);

  // The inbox: the paid booking, declined with a reason; the tourist's booking follows.
  const page = await e2e.newPage({ locale: 'en-GB', viewport: DESKTOP });
  await signInAt(page, 'hospital-xj-tcm', '/partner/inbox');
  const item = page.locator(`[data-booking="${booking.bookingId}"]`);
  await item.getByText('NURLAN ASANOV').waitFor();
  await item.getByRole('button', { name: 'Decline' }).click();
  await item.getByRole('combobox', { name: 'Reason' }).selectOption('no_capacity');
  await item.getByLabel('Message to the patient (optional)').fill('We are full on these dates, sorry.');
  await item.getByRole('button', { name: 'Decline booking' }).click();
  await page.getByText('Declined: the authorisation was released and the patient informed.').waitFor();
  await waitForStatus(e2e.stack, 'tourist-nurlan', booking.bookingId, 'DECLINED');
  await e2e.shoot(page, '1-inbox-declined');

  // Capacity: 37 beds on one day (no demo hospital has that many), shown at once and again after leaving.
  await page.getByRole('navigation').getByRole('link', { name: 'Capacity' }).click();
  await page.getByRole('heading', { name: 'Beds for international patients' }).waitFor();
  await pageReady(page);
  const day = new Date(Date.now() + 20 * DAY_MS).toISOString().slice(0, 10);
  await page.getByLabel('From').fill(day);
  await page.getByLabel('To (inclusive)').fill(day);
  await page.getByLabel('Beds per day').fill('37');
  await page.getByRole('button', { name: 'Set', exact: true }).click();
  await page.getByText('Capacity saved.').waitFor();
  const saved = page.locator('.capacity-day', { hasText: '37 of 37 free' });
  await saved.waitFor();
  assert.equal(await saved.count(), 1, 'exactly one day should have 37 beds');
  await page.getByRole('navigation').getByRole('link', { name: 'Booking inbox' }).click();
  await page.getByRole('heading', { name: 'Booking inbox' }).waitFor();
  await page.getByRole('navigation').getByRole('link', { name: 'Capacity' }).click();
  await page.locator('.capacity-day', { hasText: '37 of 37 free' }).waitFor();
  const token = await e2e.stack.idToken('hospital-xj-tcm');
  const response = await fetch(`${e2e.stack.url}/hospital/capacity?from=${day}&to=${day}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const calendar = (await response.json()) as { days: { date: string; capacity: number }[] };
  assert.deepEqual(
    calendar.days.map(({ date, capacity }) => ({ date, capacity })),
    [{ date: day, capacity: 37 }],
  );
  await e2e.shoot(page, '2-capacity-saved');

  // The webhook log: the paid booking went out as BookingRequested, delivered on the third attempt.
  const delivered = await waitForDelivery(e2e.stack, HOSPITAL, {
    bookingId: booking.bookingId,
    eventType: 'BookingRequested',
    status: 'delivered',
  });
  assert.deepEqual(
    delivered.attempts.map(({ round, attempt, outcome, statusCode }) => [
      round,
      attempt,
      outcome,
      statusCode,
    ]),
    [
      [1, 1, 'failed', 503],
      [1, 2, 'failed', 503],
      [1, 3, 'delivered', 200],
    ],
  );
  await page.getByRole('navigation').getByRole('link', { name: 'Webhook log' }).click();
  await page.getByRole('heading', { name: 'Webhook deliveries' }).waitFor();
  await pageReady(page);
  const card = deliveryCard(page, 'BookingRequested', booking.bookingId);
  await card.getByText('Delivered', { exact: true }).waitFor();
  await card.getByText(`3 of ${delivered.maxAttempts} attempts`).waitFor();
  const lines = await attemptLines(page, 'BookingRequested', booking.bookingId);
  assert.equal(lines.length, 3, lines.join('\n'));
  assert.match(lines[0] ?? '', /^Round 1, attempt 1, .+: 503 · \d+ ms$/);
  assert.match(lines[1] ?? '', /^Round 1, attempt 2, .+: 503 · \d+ ms$/);
  assert.match(lines[2] ?? '', /^Round 1, attempt 3, .+: 200 · \d+ ms$/);
  assert.deepEqual(await e2e.checkPage(page, '3-deliveries'), []);
});

test('the operator verifies an agency awaiting verification', { timeout: TEST_TIMEOUT_MS }, async () => {
  const page = await e2e.newPage({ locale: 'en-GB', viewport: DESKTOP });
  await signInAt(page, 'operator', '/partner/operator');
  await page.getByRole('heading', { name: 'Operator console' }).waitFor();
  const card = page.getByRole('article', { name: 'Samarkand Shifo Travel' });
  await card.getByText('Awaiting verification').waitFor();
  await e2e.shoot(page, '4-operator');
  await card.getByRole('button', { name: 'Verify' }).click();
  await page.getByText('Samarkand Shifo Travel is verified.').waitFor();
  // The list shows those awaiting verification: the agency has left it.
  await card.waitFor({ state: 'detached' });
  await page.getByRole('combobox', { name: 'Status' }).selectOption('verified');
  await page.getByRole('article', { name: 'Samarkand Shifo Travel' }).getByText('Verified').waitFor();
});

test('the operator replays a webhook that failed for good, and the hospital gets it', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const { receiver } = e2e.stack;
  const departure = await openDeparture(e2e.stack, PACKAGE);
  const booking = await holdBooking(e2e.stack, 'tourist-aigerim', {
    packageId: PACKAGE,
    departureId: departure.departureId,
    fullName: 'AIGERIM NURLANOVA',
  });
  const heading = { eventType: 'BookingRequested', bookingId: booking.bookingId } as const;
  const page = await e2e.newPage({ locale: 'en-GB', viewport: DESKTOP });
  // The hospital's system fails every request: the whole retry schedule (a million times faster) is spent.
  receiver.setMode('fail');
  try {
    await payBooking(e2e.stack, 'tourist-aigerim', booking);
    const failed = await waitForDelivery(e2e.stack, HOSPITAL, { ...heading, status: 'failed' });
    assert.equal(failed.attempt, failed.maxAttempts);
    assert.deepEqual(
      failed.attempts.map(({ round, outcome, statusCode }) => [round, outcome, statusCode]),
      Array.from({ length: failed.maxAttempts }, () => [1, 'failed', 503]),
    );
    const listed = await deliveries(e2e.stack, 'operator', '/operator/deliveries?status=failed');
    assert.ok(listed.some((delivery) => delivery.deliveryId === failed.deliveryId));

    // The operator finds it among the failed deliveries…
    await signInAt(page, 'operator', '/partner/operator');
    const card = deliveryCard(page, heading.eventType, heading.bookingId);
    await card.getByText(`${failed.maxAttempts} of ${failed.maxAttempts} attempts`).waitFor();
    await card.getByText('HTTP 503').waitFor();
    await pageReady(page);
    assert.deepEqual(await e2e.checkPage(page, '5-operator-failed-delivery'), []);

    // …and, the hospital's system being back, replays it: it leaves the failed ones.
    receiver.setMode('ok');
    await card.getByRole('button', { name: 'Replay' }).click();
    await page.getByText('Replay queued.').waitFor();
    await card.waitFor({ state: 'detached' });
  } finally {
    receiver.setMode('ok');
  }

  // Delivered in a second round at its first attempt, and received once by the hospital's system.
  const delivered = await waitForDelivery(e2e.stack, HOSPITAL, { ...heading, status: 'delivered', round: 2 });
  assert.deepEqual(
    delivered.attempts
      .filter((attempt) => attempt.round === 2)
      .map(({ attempt, outcome, statusCode }) => [attempt, outcome, statusCode]),
    [[1, 'delivered', 200]],
  );
  assert.equal(receiver.received.filter((event) => event.eventId === delivered.eventId).length, 1);
  const stillFailed = await deliveries(e2e.stack, 'operator', '/operator/deliveries?status=failed');
  assert.ok(!stillFailed.some((delivery) => delivery.deliveryId === delivered.deliveryId));

  // The hospital's log shows it delivered, after the failed round.
  const log = await e2e.newPage({ locale: 'en-GB', viewport: DESKTOP });
  await signInAt(log, HOSPITAL, '/partner/deliveries');
  await pageReady(log);
  const row = deliveryCard(log, heading.eventType, heading.bookingId);
  await row.getByText('Delivered', { exact: true }).waitFor();
  await row.getByText(`1 of ${delivered.maxAttempts} attempts`).waitFor();
  const lines = await attemptLines(log, heading.eventType, heading.bookingId);
  assert.equal(lines.length, delivered.maxAttempts + 1, lines.join('\n'));
  assert.match(lines.at(-1) ?? '', /^Round 2, attempt 1, .+: 200 · \d+ ms$/);
  await e2e.shoot(log, '6-deliveries-replayed');
});
