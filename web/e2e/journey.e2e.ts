/**
 * The whole journey in a real browser (Debian's chromium through
 * playwright-core), against a throw-away Shifa (stack.ts): a tourist finds a
 * package in Russian, books it for two travellers, is refused with a declined
 * card and keeps the hold, pays with pm_card_visa and sees "awaiting
 * hospital"; the hospital accepts in its inbox; the tourist's page turns to
 * "confirmed" by itself. Screenshots at 390×844 and 1280×800 go to
 * web/e2e/screenshots/ (git-ignored), and axe-core checks the pages on the way.
 *
 * Not part of `npm test`: run it with `npm run e2e -w @shifa/web` (needs
 * /usr/bin/chromium, e.g. `apt-get install -y chromium`, and Java for DynamoDB Local).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ensureWebApp } from '@shifa/local/web-app';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type Stack, startStack } from './stack';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const MOBILE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const STEP_TIMEOUT_MS = 20_000;

let stack: Stack;
let browser: Browser;
let tourist: BrowserContext;
let hospital: BrowserContext;

before(async () => {
  assert.ok(
    existsSync(CHROMIUM),
    `no browser at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`,
  );
  mkdirSync(SHOTS, { recursive: true });
  const staticDir = await ensureWebApp((line) => console.log(line));
  stack = await startStack({ staticDir });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  // A Russian-speaking tourist: the app must pick Russian from the browser's language by itself.
  tourist = await browser.newContext({ locale: 'ru-RU', viewport: MOBILE, baseURL: stack.url });
  hospital = await browser.newContext({ locale: 'zh-CN', viewport: DESKTOP, baseURL: stack.url });
  tourist.setDefaultTimeout(STEP_TIMEOUT_MS);
  hospital.setDefaultTimeout(STEP_TIMEOUT_MS);
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Both sizes of the current page, then back to the size it had. */
async function shoot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? MOBILE;
  // The sticky header would otherwise be painted where the page happened to be scrolled to.
  await page.evaluate(() => window.scrollTo(0, 0));
  for (const [label, viewport] of [
    ['mobile', MOBILE],
    ['desktop', DESKTOP],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `${SHOTS}${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize(size);
}

/** axe-core's serious and critical findings on the current page. */
async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run()).violations as { id: string; impact: string; nodes: { target: string[] }[] }[];
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

test('a tourist books two travellers in Russian, pays, and sees the hospital confirm', async () => {
  const page = await tourist.newPage();

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
  await shoot(page, '1-search');
  assert.deepEqual(await accessibilityProblems(page), []);

  // The package: itinerary day by day, prices per departure, the policy in words.
  await card.click();
  await page.getByRole('heading', { name: 'Программа по дням' }).waitFor();
  await page.getByRole('heading', { name: 'Условия отмены' }).waitFor();
  await page.getByText('День 1', { exact: true }).waitFor();
  await shoot(page, '2-tour');
  assert.deepEqual(await accessibilityProblems(page), []);
  await page.getByRole('link', { name: 'Забронировать' }).first().click();

  // Signing in (the local demo sign-in) brings the tourist back to the form.
  await page.getByText('Чтобы забронировать, войдите как турист.').waitFor();
  await page.getByRole('link', { name: 'Войти' }).last().click();
  await page.getByText(/Демонстрационный вход/).waitFor();
  await shoot(page, '3-sign-in');
  await page.locator('[data-user="tourist-aigerim"]').click();
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
  await shoot(page, '4-book');
  assert.deepEqual(await accessibilityProblems(page), []);
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
  await shoot(page, '5-declined-card');
  assert.equal(await page.locator('.booking-head [data-status]').getAttribute('data-status'), 'HELD');

  // Then the Visa test card: authorised, and the webhook moves the booking to the hospital.
  await page.getByRole('radio', { name: /4242/ }).check();
  await page.getByRole('button', { name: /Оплатить/ }).click();
  await page.locator('.booking-head [data-status="AWAITING_HOSPITAL"]').waitFor();
  await page.getByText('Ждём ответа больницы').first().waitFor();
  await shoot(page, '6-awaiting-hospital');
  assert.deepEqual(await accessibilityProblems(page), []);
  const bookingId = page.url().split('/trips/')[1] ?? '';

  // The hospital (in Chinese) accepts it in its inbox.
  const inbox = await hospital.newPage();
  await inbox.goto('/sign-in?next=%2Fpartner%2Finbox');
  await inbox.locator('[data-user="hospital-xj-tcm"]').click();
  const item = inbox.locator(`[data-booking="${bookingId}"]`);
  await item.waitFor();
  await item.getByText(/Гипертония/).waitFor(); // the notes the tourist agreed to share with this hospital
  await shoot(inbox, '7-hospital-inbox');
  assert.deepEqual(await accessibilityProblems(inbox), []);
  await item.getByRole('button', { name: '接受' }).click();
  await inbox.getByText('已接受：已扣款，患者将收到通知。').waitFor();

  // The tourist's page, left open, turns to "confirmed" by itself.
  await page.locator('.booking-head [data-status="CONFIRMED"]').waitFor();
  await page.getByText('Больница подтвердила бронь. Хорошей поездки!').waitFor();
  await page.getByRole('button', { name: 'Отменить бронь' }).click();
  await page.getByTestId('refund-rule').waitFor(); // the refund rule, shown before anything is cancelled
  await shoot(page, '8-confirmed');
});
