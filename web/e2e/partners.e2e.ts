/**
 * The partner consoles in English on a desktop: a hospital declines a paid
 * booking in its inbox, sets a day's beds in its capacity calendar and finds
 * them saved, and opens its webhook log; the operator verifies an agency that
 * waits for it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { holdBooking, openDeparture, payBooking, waitForStatus } from './api';
import { browserTests, DESKTOP, pageReady, signInAt, TEST_TIMEOUT_MS } from './support';

const e2e = browserTests('partners-en');

const DAY_MS = 86_400_000;
const PACKAGE = 'kz-urumqi-acupuncture-13'; // its treatment is at the Xinjiang TCM hospital

test('a hospital declines a booking, sets a day’s beds and opens its webhook log', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const departure = await openDeparture(e2e.stack, PACKAGE);
  const booking = await holdBooking(e2e.stack, 'tourist-nurlan', {
    packageId: PACKAGE,
    departureId: departure.departureId,
    fullName: 'NURLAN ASANOV',
  });
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

  // The webhook log opens; this throw-away stack runs no event bus, so nothing has been sent.
  await page.getByRole('navigation').getByRole('link', { name: 'Webhook log' }).click();
  await page.getByRole('heading', { name: 'Webhook deliveries' }).waitFor();
  await pageReady(page);
  await page.getByText('Nothing has been sent yet.').waitFor();
  await e2e.shoot(page, '3-deliveries');
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
