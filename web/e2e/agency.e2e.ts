/**
 * An agency's package, from the composer to the storefront, in English on a
 * desktop: a verified demo agency composes a package (a hospital's programme,
 * its hotel, an excursion, services, texts, cancellation tiers), is told by the
 * API beside the field what it left out, saves, adds a departure with seats and
 * prices, and publishes; a signed-out visitor on a phone then finds it in the
 * search by its dates and name and opens it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { browserTests, DESKTOP, MOBILE, pageReady, signInAt, TEST_TIMEOUT_MS } from './support';

const e2e = browserTests('agency-en');

const DAY_MS = 86_400_000;
/** Well inside the demo hospitals' and hotels' calendars, and on a date no demo package departs. */
const START = new Date(Date.now() + 100 * DAY_MS).toISOString().slice(0, 10);

test('an agency composes and publishes a package that a visitor then finds', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const title = `Acupuncture retreat ${randomBytes(3).toString('hex')}`;
  const page = await e2e.newPage({ locale: 'en-GB', viewport: DESKTOP });
  await signInAt(page, 'agency-jibek-zholy', '/partner/packages');
  await page.getByRole('heading', { name: 'Our packages' }).waitFor();
  await pageReady(page);
  await page.getByRole('link', { name: 'New package' }).click();
  await page.getByRole('heading', { name: 'New package' }).waitFor();

  // Texts in two languages.
  await page.getByLabel('Title (English)').fill(title);
  await page
    .getByLabel('Description (English)')
    .fill('Ten days of acupuncture with mornings at the hospital.');
  await page.getByLabel('Title (Русский)').fill(`Иглоукалывание ${title.slice(-6)}`);

  // The treatment: a verified hospital and one of its programmes, which sets the trip's length.
  await page.getByRole('combobox', { name: 'Hospital' }).selectOption('xj-tcm-hospital');
  const programme = page.getByRole('combobox', { name: 'Treatment programme' });
  await programme.locator('option[value="xjtcm-acupuncture-10"]').waitFor({ state: 'attached' });
  await programme.selectOption('xjtcm-acupuncture-10');
  assert.equal(await page.getByLabel('Length of the trip, days').inputValue(), '12');

  // The stay: the agency's hotel in that city; the meal plan is left out on purpose for now.
  await page.getByRole('combobox', { name: 'Hotel' }).selectOption('jibek-zholy-almaty-tianshan-garden');

  // An excursion, services with their languages, and the languages travellers are served in.
  await page.getByRole('checkbox', { name: 'Xinjiang International Grand Bazaar' }).check();
  await page.getByLabel('Xinjiang International Grand Bazaar: on day').fill('4');
  await page.getByRole('checkbox', { name: 'Airport pick-up' }).check();
  await page.getByRole('checkbox', { name: 'Interpreter' }).check();
  await page
    .getByRole('group', { name: 'Languages: Interpreter' })
    .getByRole('checkbox', { name: 'Русский' })
    .check();
  await page
    .getByRole('group', { name: 'Languages travellers are served in' })
    .getByRole('checkbox', { name: 'English' })
    .check();

  // Cancellation tiers: the middle one refunds 40 % instead of 50 %.
  await page.getByLabel('Refund, %').nth(1).fill('40');

  // Saving without a meal plan: the API names the field, and the page says what to fix beside it, in words.
  const meals = page.getByRole('combobox', { name: 'Meals' });
  const refused = page.waitForResponse(
    (response) => response.url().endsWith('/agency/packages') && response.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const response = await refused;
  assert.equal(response.status(), 400);
  const details = (
    (await response.json()) as { error: { details: { path: string; message: string; code?: string }[] } }
  ).error.details;
  const said = details.find((detail) => detail.path === 'accommodation.meals');
  assert.ok(said, `the API did not name the meal plan: ${JSON.stringify(details)}`);
  await page.getByText('Some fields need attention: see the notes next to them.').waitFor();
  assert.equal(await meals.getAttribute('aria-invalid'), 'true');
  const describedBy = (await meals.getAttribute('aria-describedby')) ?? '';
  const beside = page.locator(
    `.field:has(#${(await meals.getAttribute('id'))?.replace(/:/g, '\\:')}) .field-error`,
  );
  assert.equal(said.code, 'required');
  assert.equal((await beside.textContent())?.trim(), 'Required.');
  assert.ok(
    describedBy.includes((await beside.getAttribute('id')) ?? '-'),
    'the error is not tied to the field',
  );
  assert.deepEqual(await e2e.checkPage(page, '1-composer-field-error'), []);

  // With the meal plan the package saves, as a draft at its own address.
  await meals.selectOption('breakfast');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved.').waitFor();
  await page.waitForURL(/\/partner\/agency\/packages\/(?!new)[^/]+$/);
  await page
    .getByRole('heading', { name: /Edit package/ })
    .getByText('Draft')
    .waitFor();

  // A departure with seats and a price per traveller, line by line, in US dollars.
  await page.getByLabel('Start date').fill(START);
  await page.getByLabel('Seats', { exact: true }).fill('4');
  await page.getByLabel('Treatment, USD').fill('900');
  await page.getByLabel('Accommodation, USD').fill('300');
  await page.getByLabel('Excursions, USD').fill('50');
  await page.getByLabel('Services, USD').fill('150');
  await page.getByRole('button', { name: 'Add departure' }).click();
  await page.getByText('Departure added.').waitFor();
  await page.getByText('0 of 4 seats sold').waitFor();

  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('Published: travellers can find it now.').waitFor();
  await page
    .getByRole('heading', { name: /Edit package/ })
    .getByText('Published')
    .waitFor();
  await e2e.shoot(page, '2-composer-published');

  // A signed-out visitor on a phone searches that city, treatment and date, and finds it by name.
  const visitor = await e2e.newPage({ locale: 'en-GB', viewport: MOBILE });
  await visitor.goto('/');
  await visitor.getByRole('combobox', { name: 'Treatment' }).selectOption('acupuncture');
  await visitor.getByRole('combobox', { name: 'City' }).selectOption('urumqi');
  await visitor.getByLabel('Departing from').fill(START);
  await visitor.getByLabel('Departing by').fill(START);
  await visitor.getByRole('button', { name: 'Search', exact: true }).click();
  await visitor.waitForURL(new RegExp(`from=${START}`));
  const found = visitor.getByRole('link', { name: title });
  await found.waitFor();
  await e2e.shoot(visitor, '3-search-finds-it');
  await found.click();

  // Its page shows what the agency composed: the hotel, the excursion, the price and the tiers.
  await visitor.getByRole('heading', { name: title, level: 1 }).waitFor();
  await visitor.getByText('Tianshan Garden Hotel Urumqi').waitFor();
  await visitor.getByText('Xinjiang International Grand Bazaar').first().waitFor();
  await visitor.getByText('4 seats left').waitFor();
  await visitor.getByText('$1,400', { exact: true }).first().waitFor(); // 900 + 300 + 50 + 150
  await visitor.getByText('Cancelling 7 days or more before departure: 40% refunded.').waitFor();
  await e2e.shoot(visitor, '4-tour');
});
