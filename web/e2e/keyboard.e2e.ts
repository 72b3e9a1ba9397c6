/**
 * The booking journey in English on a desktop with the keyboard alone: Tab,
 * Shift+Tab, Enter, Space, arrow keys and typing, never the mouse, from the
 * search to a paid booking awaiting the hospital. A control that cannot be
 * reached or worked this way fails the test with its name; at several steps the
 * focused control must show a visible focus indicator.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { browserTests, DESKTOP, demoUserButton, TEST_TIMEOUT_MS } from './support';

const e2e = browserTests('keyboard-en');

/** More than any page here has between two controls the journey uses, so a missing stop fails fast. */
const MAX_TABS = 80;

/** A short description of the focused element, for failure messages. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    if (element === null || element === document.body) return 'nothing (the page itself)';
    const name = element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 40) ?? '';
    return `<${element.tagName.toLowerCase()}${element.id === '' ? '' : ` id="${element.id}"`}> "${name}"`;
  });

/** Presses Tab (Shift+Tab when `backwards`) until `target` has the focus; fails naming it if it never does. */
async function tabTo(page: Page, target: Locator, options: { backwards?: boolean } = {}): Promise<void> {
  const key = options.backwards === true ? 'Shift+Tab' : 'Tab';
  await target.waitFor();
  for (let presses = 0; presses <= MAX_TABS; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  assert.fail(
    `${target} never got the focus in ${MAX_TABS} presses of ${key}; it ended on ${await focused(page)}`,
  );
}

/** The focused element matches :focus-visible and draws an outline or a shadow that is not transparent. */
async function assertFocusVisible(page: Page, what: string): Promise<void> {
  const ring = await page.evaluate(() => {
    const element = document.activeElement;
    if (element === null || element === document.body)
      return { visible: false, why: 'nothing has the focus' };
    const style = getComputedStyle(element);
    // No helper functions in here: the test's compiler would wrap them in a helper the page lacks.
    const outline =
      style.outlineStyle !== 'none' &&
      Number.parseFloat(style.outlineWidth) > 0 &&
      style.outlineColor !== 'transparent' &&
      !/,\s*0\)$/.test(style.outlineColor);
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    return {
      visible: element.matches(':focus-visible') && (outline || shadow),
      why: `:focus-visible ${element.matches(':focus-visible')}, outline ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}, box-shadow ${style.boxShadow}`,
    };
  });
  assert.ok(ring.visible, `no visible focus indicator on ${what} (${await focused(page)}): ${ring.why}`);
}

test('a tourist books and pays with the keyboard alone, in English on a desktop', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const page = await e2e.newPage({ locale: 'en-GB', viewport: DESKTOP });

  // The first Tab lands on the skip link, which takes the focus past the header.
  await page.goto('/');
  await page.getByRole('heading', { name: 'Find a health tour' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  assert.ok(
    await skip.evaluate((element) => element === document.activeElement),
    'Tab did not reach the skip link first',
  );
  await assertFocusVisible(page, 'the skip link');
  await page.keyboard.press('Enter');
  assert.equal(
    await page.evaluate(() => document.activeElement?.id),
    'main',
    'the skip link did not move the focus to the content',
  );

  // Search: a treatment picked by typing its name into the closed list, then the Search button.
  const treatment = page.getByRole('combobox', { name: 'Treatment' });
  await tabTo(page, treatment);
  await assertFocusVisible(page, 'the treatment list');
  await page.keyboard.type('Acupuncture');
  assert.equal(await treatment.inputValue(), 'acupuncture');
  const search = page.getByRole('button', { name: 'Search', exact: true });
  await tabTo(page, search);
  await assertFocusVisible(page, 'the Search button');
  await page.keyboard.press('Enter');
  await page.waitForURL(/treatment=acupuncture/);

  // Open the package from its card.
  const card = page.getByRole('link', { name: /^Acupuncture in Urumqi/ });
  await tabTo(page, card);
  await assertFocusVisible(page, 'the tour card link');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Departures and prices' }).waitFor();

  // The price breakdown opens with the keyboard; then back up to that departure's Book link.
  const breakdown = page.getByText('What the price is made of').first();
  await tabTo(page, breakdown);
  await page.keyboard.press('Enter');
  await page.getByRole('rowheader', { name: 'Accommodation' }).first().waitFor();
  const book = page.getByRole('link', { name: 'Book', exact: true }).first();
  await tabTo(page, book, { backwards: true });
  await assertFocusVisible(page, 'the Book link');
  await page.keyboard.press('Enter');

  // Not signed in yet: the page offers the sign-in, and the picker works with the keyboard too.
  await page.getByText('Sign in as a tourist to book.').waitFor();
  await tabTo(page, page.getByRole('main').getByRole('link', { name: 'Sign in' }));
  await page.keyboard.press('Enter');
  const bekzod = demoUserButton(page, 'tourist-bekzod');
  await tabTo(page, bekzod);
  await assertFocusVisible(page, 'the demo user button');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Book this tour' }).waitFor();

  // One traveller: typed name, a date typed into the date field, nationality by type-ahead.
  const traveller = page.getByTestId('traveller-0');
  const name = traveller.getByLabel('Full name as in the passport');
  await tabTo(page, name);
  await assertFocusVisible(page, 'the name field');
  await page.keyboard.type('BEKZOD KARIMOV');
  const birthDate = traveller.getByLabel('Date of birth');
  await tabTo(page, birthDate);
  // The field's order of day and month follows the browser's own locale: a date that reads the same either way.
  await page.keyboard.type('05051985');
  assert.equal(await birthDate.inputValue(), '1985-05-05');
  const nationality = traveller.getByRole('combobox', { name: 'Nationality' });
  await tabTo(page, nationality);
  await page.keyboard.type('Uzbekistan');
  assert.equal(await nationality.inputValue(), 'UZ');

  // Currency: the arrow keys move the choice within the group, from tenge to US dollars.
  const tenge = page.getByRole('radio', { name: /^KZT/ });
  const dollars = page.getByRole('radio', { name: /^USD/ });
  await tabTo(page, tenge);
  await assertFocusVisible(page, 'the currency choice');
  await page.keyboard.press('ArrowDown');
  assert.ok(await dollars.isChecked(), 'ArrowDown did not choose USD');
  const hold = page.getByRole('button', { name: 'Hold seats and pay' });
  await tabTo(page, hold);
  await page.keyboard.press('Enter');

  // Held: the Visa test card, chosen with the arrow keys, paid with Space.
  await page.waitForURL(/\/trips\//);
  await page.locator('.booking-head [data-status="HELD"]').waitFor();
  const visa = page.getByRole('radio', { name: /4242/ });
  await tabTo(page, visa);
  await page.keyboard.press('ArrowDown');
  assert.ok(
    await page.getByRole('radio', { name: /0002/ }).isChecked(),
    'ArrowDown did not move to the next card',
  );
  await page.keyboard.press('ArrowUp');
  assert.ok(await visa.isChecked(), 'ArrowUp did not come back to the Visa card');
  const pay = page.getByRole('button', { name: /^Authorise/ });
  await tabTo(page, pay);
  await assertFocusVisible(page, 'the pay button');
  await page.keyboard.press('Space');

  await page.locator('.booking-head [data-status="AWAITING_HOSPITAL"]').waitFor();
  await page.getByText('Awaiting hospital').first().waitFor();
  assert.deepEqual(await e2e.checkPage(page, 'awaiting-hospital'), []);
});
