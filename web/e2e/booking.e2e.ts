/**
 * The booking form as one attempt, the refund terms before paying, and money on its way. A tourist who
 * submits, goes Back and submits again, or reloads and submits, lands on the one booking the form made
 * (the trips list shows one); the form keeps its content over a reload, health notes excepted. The
 * chosen departure's refund terms are shown before paying, "non-refundable" in plain words inside the
 * no-refund band, and an Uzbek package is offered and held in sum. A cancel that meets the hospital's
 * acceptance while the card is being charged says so, asks again by itself and ends refunded by the
 * tier; the hospital's inbox says a card is being charged when the capture lags behind the acceptance.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  acceptBooking,
  addDeparture,
  departureAfter,
  holdBooking,
  payBooking,
  paymentFaults,
  readBooking,
  waitForBooking,
} from './api';
import { browserTests, DESKTOP, MOBILE, signInAt, TEST_TIMEOUT_MS } from './support';

const e2e = browserTests('booking');

/** Tiers: 30 days or more before departure, all back; 14 or more, half; then nothing. */
const PACKAGE = 'kz-urumqi-acupuncture-13';

const bookingIn = (url: string) => new URL(url).pathname.split('/trips/')[1] ?? '';

test('the same booking form submitted again, after Back or a reload, leads to the one booking it made', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const page = await e2e.newPage({ locale: 'ru-RU', viewport: MOBILE });
  // Far enough ahead that every tier is still to come.
  const departure = await departureAfter(e2e.stack, PACKAGE, 45);
  await signInAt(page, 'tourist-olga', `/tours/${PACKAGE}/book/${departure.departureId}?travellers=2`);
  await page.getByRole('heading', { name: 'Бронирование тура' }).waitFor();

  // Before anything is held or paid: what comes back if cancelled today, and the dates that changes.
  const terms = page.getByTestId('refund-terms');
  await terms.getByText(/^При отмене сегодня вернётся 100\s%: /).waitFor();
  const periods = await terms.locator('li').allTextContents();
  assert.equal(periods.length, 3, periods.join(' | '));
  assert.match(periods[0] ?? '', /возврат 100\s%: /);
  assert.match(periods[1] ?? '', /возврат 50\s%: /);
  assert.match(periods[2] ?? '', /^с .*без возврата$/);

  const first = page.getByTestId('traveller-0');
  const second = page.getByTestId('traveller-1');
  const name = (traveller: typeof first) => traveller.getByLabel('Имя и фамилия как в загранпаспорте');
  const notes = first.getByLabel('Сведения о здоровье (по желанию)');
  await name(first).fill('OLGA SMIRNOVA');
  await first.getByLabel('Дата рождения').fill('1966-04-12');
  await first.getByLabel('Гражданство').selectOption('RU');
  await notes.fill('Артроз коленных суставов');
  await first.getByRole('checkbox').check();
  await name(second).fill('PAVEL SMIRNOV');
  await second.getByLabel('Дата рождения').fill('1964-09-30');
  await second.getByLabel('Гражданство').selectOption('RU');
  await page.getByRole('radio', { name: /USD/ }).check();
  assert.deepEqual(await e2e.checkPage(page, '1-form-with-refund-terms'), []);

  const submit = page.getByRole('button', { name: 'Забронировать и оплатить' });
  await submit.click();
  await page.waitForURL(/\/trips\/bk-/);
  const bookingId = bookingIn(page.url());
  await page.locator('.booking-head [data-status="HELD"]').waitFor();
  // Beside the card form too, for the total held: before anything is paid.
  await page
    .getByTestId('refund-terms')
    .getByText(/^При отмене сегодня вернётся 100\s%: 3\s210\s\$\.$/)
    .waitFor();

  // Back: the same form, health notes included; submitting it again leads to the same booking.
  await page.goBack();
  await page.getByRole('heading', { name: 'Бронирование тура' }).waitFor();
  assert.equal(await name(first).inputValue(), 'OLGA SMIRNOVA');
  assert.equal(await notes.inputValue(), 'Артроз коленных суставов');
  await page.getByText('Вы уже бронировали этот заезд с этой формы.').waitFor();
  await e2e.shoot(page, '2-back-on-the-form');
  await submit.click();
  await page.waitForURL(/\/trips\/bk-/);
  assert.equal(bookingIn(page.url()), bookingId);

  // A reload keeps the form, but not the health notes, which never reach the browser's storage.
  await page.goBack();
  await page.getByRole('heading', { name: 'Бронирование тура' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Бронирование тура' }).waitFor();
  assert.equal(await name(first).inputValue(), 'OLGA SMIRNOVA');
  assert.equal(await name(second).inputValue(), 'PAVEL SMIRNOV');
  assert.equal(await second.getByLabel('Дата рождения').inputValue(), '1964-09-30');
  assert.equal(await second.getByLabel('Гражданство').inputValue(), 'RU');
  assert.ok(await page.getByRole('radio', { name: /USD/ }).isChecked(), 'the currency picked was not kept');
  assert.equal(await notes.inputValue(), '');
  await first.getByText(/не сохраняются при перезагрузке страницы/).waitFor();
  const stored = await page.evaluate(() =>
    JSON.stringify({ ...window.sessionStorage, ...window.localStorage }),
  );
  assert.ok(!stored.includes('Артроз'), 'health notes were written to the browser’s storage');
  assert.deepEqual(await e2e.checkPage(page, '3-reloaded-form'), []);

  // Written again as they were, it is the same attempt: the same booking.
  await notes.fill('Артроз коленных суставов');
  await first.getByRole('checkbox').check();
  await submit.click();
  await page.waitForURL(/\/trips\/bk-/);
  assert.equal(bookingIn(page.url()), bookingId);

  // The trips list shows one booking, not three.
  await page.goto('/trips');
  await page.getByRole('heading', { name: 'Мои поездки' }).waitFor();
  await page.locator('.cards > li').first().waitFor();
  assert.equal(await page.locator('.cards > li').count(), 1);
  await e2e.shoot(page, '4-one-trip');
});

test('an Uzbek tourist is told before paying that a departure five days away is non-refundable, and holds it in sum', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  // Tiers: 45 days, all back; 21, 70 %; 7, 30 %; then nothing. Five days away is in the no-refund band.
  const packageId = 'uz-urumqi-herbal-17';
  const departure = await addDeparture(e2e.stack, 'agency-shifo-sayohat', packageId, 5);
  const page = await e2e.newPage({ locale: 'uz-UZ', viewport: DESKTOP });
  await signInAt(page, 'tourist-bekzod', `/tours/${packageId}/book/${departure.departureId}`);
  await page.getByRole('heading', { name: 'Turni band qilish' }).waitFor();

  const terms = page.getByTestId('refund-terms');
  await terms
    .getByTestId('non-refundable')
    .getByText(/^Qaytarilmaydi: /)
    .waitFor();
  assert.equal(await terms.locator('li').count(), 0);

  const traveller = page.getByTestId('traveller-0');
  await traveller.getByLabel('Xorijiy pasportdagidek ism-familiya').fill('BEKZOD KARIMOV');
  await traveller.getByLabel('Tugʻilgan sana').fill('1972-11-03');
  await traveller.getByLabel('Fuqaroligi').selectOption('UZ');
  // Sum, the traveller's own currency, is chosen and payable for three: twelve digits fit a card payment.
  const sum = page.getByRole('radio', { name: /^UZS/ });
  assert.ok(await sum.isChecked(), 'sum is not chosen for an Uzbek traveller');
  await page.getByRole('button', { name: /Sayohatchi qoʻshish/ }).click();
  await page.getByRole('button', { name: /Sayohatchi qoʻshish/ }).click();
  assert.ok((await sum.isChecked()) && (await sum.isEnabled()), 'sum is not payable for three travellers');
  assert.deepEqual(await e2e.checkPage(page, '5-non-refundable-uz'), []);
  await page.getByRole('button', { name: 'Olib tashlash' }).last().click();
  await page.getByRole('button', { name: 'Olib tashlash' }).last().click();

  await page.getByRole('button', { name: 'Band qilish va toʻlash' }).click();
  await page.waitForURL(/\/trips\/bk-/);
  await page.locator('.booking-head [data-status="HELD"]').waitFor();
  const held = await readBooking(e2e.stack, 'tourist-bekzod', bookingIn(page.url()));
  assert.equal((held.price as { currency: string }).currency, 'UZS');
});

test('a cancel that meets the acceptance while the card is being charged says so, asks again and is refunded by the tier', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const departure = await departureAfter(e2e.stack, PACKAGE, 45);
  const booking = await holdBooking(e2e.stack, 'tourist-nurlan', {
    packageId: PACKAGE,
    departureId: departure.departureId,
    fullName: 'NURLAN ASANOV',
  });
  await payBooking(e2e.stack, 'tourist-nurlan', booking);
  const page = await e2e.newPage({ locale: 'en-GB', viewport: DESKTOP });
  await signInAt(page, 'tourist-nurlan', `/trips/${booking.bookingId}`);
  await page.locator('.booking-head [data-status="AWAITING_HOSPITAL"]').waitFor();
  await page.getByRole('button', { name: 'Cancel booking' }).click();
  await page.getByTestId('refund-rule').waitFor();

  // Every capture takes six seconds: the tourist confirms the cancel while the acceptance is being charged.
  await paymentFaults(e2e.stack, { path: '/v1/payment_intents/*/capture', delayMs: 6_000, times: 10 });
  try {
    const accepting = acceptBooking(e2e.stack, 'hospital-xj-tcm', booking.bookingId);
    await waitForBooking(e2e.stack, 'tourist-nurlan', booking.bookingId, 'an acceptance', (seen) => {
      return (seen.decision as { outcome?: string } | undefined)?.outcome === 'accepted';
    });
    await page.getByRole('button', { name: 'Yes, cancel' }).click();
    await page
      .getByTestId('decision-in-progress')
      .getByText(/^The hospital has just accepted this booking/)
      .waitFor();
    await page.getByText(/^The hospital has accepted\. Your card is being charged/).waitFor();
    await e2e.shoot(page, '6-cancel-while-charging');

    // Asked again by itself once the charge is in: cancelled, and all of it comes back (45 days ahead).
    await page.locator('.booking-head [data-status="CANCELLED"]').waitFor({ timeout: 60_000 });
    await page
      .getByTestId('refund-applied')
      .getByText(/refunds 100%/)
      .waitFor();
    await page
      .locator('[data-money]')
      .getByText(
        /^Charged \$1,605; a refund of \$1,605 is being processed\.$|^Charged \$1,605, refunded \$1,605\.$/,
      )
      .waitFor();
    await accepting;
  } finally {
    await paymentFaults(e2e.stack, undefined);
  }
  assert.deepEqual(await e2e.checkPage(page, '7-cancelled-and-refunded'), []);
});

test('the hospital inbox says the card is being charged, not charged, when the capture lags behind', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const departure = await departureAfter(e2e.stack, PACKAGE, 45);
  const booking = await holdBooking(e2e.stack, 'tourist-aigerim', {
    packageId: PACKAGE,
    departureId: departure.departureId,
    fullName: 'AIGERIM NURLANOVA',
  });
  await payBooking(e2e.stack, 'tourist-aigerim', booking);
  // Stripe refuses every capture for now: the acceptance is recorded, the charge is not in yet.
  await paymentFaults(e2e.stack, { path: '/v1/payment_intents/*/capture', status: 500, times: 100 });
  try {
    const inbox = await e2e.newPage({ locale: 'zh-CN', viewport: DESKTOP });
    await signInAt(inbox, 'hospital-xj-tcm', '/partner/inbox');
    const item = inbox.locator(`[data-booking="${booking.bookingId}"]`);
    await item.getByRole('button', { name: '接受' }).click();
    await inbox.getByText('已接受：正在从患者银行卡扣款；扣款完成后预订即确认。').waitFor();
    await item.getByTestId('charging').waitFor();
    assert.equal(await item.getByRole('button', { name: '接受' }).count(), 0);
    assert.deepEqual(await e2e.checkPage(inbox, '8-inbox-charging'), []);
  } finally {
    await paymentFaults(e2e.stack, undefined);
  }
});
