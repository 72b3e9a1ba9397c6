/**
 * The whole journey in Russian on a phone: a tourist finds a package, books it
 * for two travellers, is refused with a declined card and keeps the hold, pays
 * with pm_card_visa and sees "awaiting hospital"; the hospital (in Chinese, on
 * a desktop) accepts in its inbox; the tourist's page turns to "confirmed" by
 * itself. Each page is photographed at both sizes and checked with axe-core.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserTests, DESKTOP, MOBILE, pickDemoUser, TEST_TIMEOUT_MS } from './support';

const e2e = browserTests('journey-ru');

test('a tourist books two travellers in Russian, pays, and sees the hospital confirm', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  // A Russian-speaking tourist: the app must pick Russian from the browser's language by itself.
  const page = await e2e.newPage({ locale: 'ru-RU', viewport: MOBILE });

  // Find: the storefront speaks Russian without being told, and filters by treatment and travellers.
  await page.goto('/');
  await page.getByRole('heading', { name: 'Найдите лечебный тур' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'ru');
  await page.getByLabel('Лечение', { exact: true }).selectOption('acupuncture');
  await page.getByLabel('Путешественников', { exact: true }).fill('2');
  await page.getByRole('button', { name: 'Искать' }).click();
  await page.waitForURL(/treatment=acupuncture/);
  const card = page.getByRole('link', { name: /Иглоукалывание в Урумчи/ });
  await card.waitFor();
  await page.getByText(/^от /).first().waitFor();
  assert.deepEqual(await e2e.checkPage(page, '1-search'), []);

  // The package: itinerary day by day, prices per departure, the policy in words.
  await card.click();
  await page.getByRole('heading', { name: 'Программа по дням' }).waitFor();
  await page.getByRole('heading', { name: 'Условия отмены' }).waitFor();
  await page.getByText('День 1', { exact: true }).waitFor();
  assert.deepEqual(await e2e.checkPage(page, '2-tour'), []);
  await page.getByRole('link', { name: 'Забронировать' }).first().click();

  // Signing in (the local demo sign-in) brings the tourist back to the form.
  await page.getByText('Чтобы забронировать, войдите как турист.').waitFor();
  await page.getByRole('link', { name: 'Войти' }).last().click();
  await page.getByText(/Демонстрационный вход/).waitFor();
  assert.deepEqual(await e2e.checkPage(page, '3-sign-in'), []);
  await pickDemoUser(page, 'tourist-aigerim');
  await page.getByRole('heading', { name: 'Бронирование тура' }).waitFor();

  // Two travellers (the search asked for two), health notes only with consent, paying in US dollars.
  const first = page.getByTestId('traveller-0');
  const second = page.getByTestId('traveller-1');
  await first.getByLabel('Имя и фамилия как в загранпаспорте').fill('AIGERIM NURLANOVA');
  await first.getByLabel('Дата рождения').fill('1970-01-02');
  await first.getByLabel('Гражданство').selectOption('KZ');
  await first.getByLabel('Сведения о здоровье (по желанию)').fill('Гипертония, принимаю лизиноприл');
  await second.getByLabel('Имя и фамилия как в загранпаспорте').fill('NURLAN NURLANOV');
  await second.getByLabel('Дата рождения').fill('1968-05-14');
  await second.getByLabel('Гражданство').selectOption('KZ');
  await page.getByRole('radio', { name: /USD/ }).check();
  await page.getByRole('button', { name: 'Забронировать и оплатить' }).click();
  // Notes without consent are not sent: the form says why and keeps the tourist on it.
  await page
    .getByText('Отметьте согласие, чтобы отправить сведения, или оставьте поле пустым.')
    .first()
    .waitFor();
  await first.getByRole('checkbox').check();
  assert.deepEqual(await e2e.checkPage(page, '4-book'), []);
  await page.getByRole('button', { name: 'Забронировать и оплатить' }).click();

  // Held: a countdown, and the card form of the payment simulator.
  await page.waitForURL(/\/trips\//);
  await page.locator('[data-status="HELD"]').first().waitFor();
  await page.getByText(/Места держатся ещё \d+:\d\d/).waitFor();
  const total = await page.getByTestId('price-total').textContent();
  assert.equal(total?.replace(/\s/g, ' '), '3 210 $'); // 2 × $1605 in Russian number format

  // A declined card says so and keeps the hold.
  await page.getByRole('radio', { name: /0002/ }).check();
  await page.getByRole('button', { name: /Оплатить/ }).click();
  await page.getByText('Карта отклонена. Места по-прежнему за вами — попробуйте другую карту.').waitFor();
  await e2e.shoot(page, '5-declined-card');
  assert.equal(await page.locator('.booking-head [data-status]').getAttribute('data-status'), 'HELD');

  // Then the Visa test card: authorised, and the webhook moves the booking to the hospital.
  await page.getByRole('radio', { name: /4242/ }).check();
  await page.getByRole('button', { name: /Оплатить/ }).click();
  await page.locator('.booking-head [data-status="AWAITING_HOSPITAL"]').waitFor();
  await page.getByText('Ждём ответа больницы').first().waitFor();
  assert.deepEqual(await e2e.checkPage(page, '6-awaiting-hospital'), []);
  const bookingId = page.url().split('/trips/')[1] ?? '';

  // The hospital (in Chinese) accepts it in its inbox.
  const inbox = await e2e.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await inbox.goto('/sign-in?next=%2Fpartner%2Finbox');
  await pickDemoUser(inbox, 'hospital-xj-tcm');
  const item = inbox.locator(`[data-booking="${bookingId}"]`);
  await item.waitFor();
  await item.getByText(/Гипертония/).waitFor(); // the notes the tourist agreed to share with this hospital
  assert.deepEqual(await e2e.checkPage(inbox, '7-hospital-inbox'), []);
  await item.getByRole('button', { name: '接受' }).click();
  await inbox.getByText('已接受：已扣款，患者将收到通知。').waitFor();

  // The tourist's page, left open, turns to "confirmed" by itself.
  await page.locator('.booking-head [data-status="CONFIRMED"]').waitFor();
  await page.getByText('Больница подтвердила бронь. Хорошей поездки!').waitFor();

  // Who opened the notes: the hospital, in its inbox and in its system; the tourist deletes them.
  await page.reload();
  const health = page.getByRole('region', { name: 'Сведения о здоровье' });
  await health.getByText('Больница: просмотр').first().waitFor();
  await health.getByText('Больница: получены системой больницы').first().waitFor();
  await health.getByRole('button', { name: 'Удалить сведения о здоровье' }).click();
  await health.getByRole('button', { name: 'Да, удалить' }).click();
  await health.getByText(/прочитать их больше нельзя/).waitFor();
  await health.getByText('Вы: удаление').waitFor();
  assert.equal(await page.getByText(/лизиноприл/).count(), 0);
  await page.getByRole('button', { name: 'Отменить бронь' }).click();
  await page.getByTestId('refund-rule').waitFor(); // the refund rule, shown before anything is cancelled
  await e2e.shoot(page, '8-confirmed');
});
