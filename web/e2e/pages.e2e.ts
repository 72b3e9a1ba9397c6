/**
 * Every main page of the web app, once in Russian and once in English, each
 * photographed at 390×844 and 1280×800 and checked there with axe-core (no
 * serious or critical finding), for sideways scrolling, for the page's
 * language and for error notices. Each role signs in through the demo picker;
 * the bookings the pages show are made beforehand through the API.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { type Booking, holdBooking, openDeparture, payBooking } from './api';
import { browserTests, DESKTOP, MOBILE, pageReady, signInAt, TEST_TIMEOUT_MS } from './support';

const e2e = browserTests('pages');

const PACKAGE = 'kz-urumqi-acupuncture-13';

type Language = {
  lang: 'ru' | 'en';
  locale: string;
  viewport: { width: number; height: number };
  tourist: string;
  /** Whether that tourist's booking is paid (awaiting the hospital) or only held. */
  paid: boolean;
};

const LANGUAGES: readonly Language[] = [
  { lang: 'ru', locale: 'ru-RU', viewport: MOBILE, tourist: 'tourist-olga', paid: false },
  { lang: 'en', locale: 'en-GB', viewport: DESKTOP, tourist: 'tourist-bekzod', paid: true },
];

/** Who sees which pages: the first is where the sign-in leads, the others are opened from there. */
function visitsFor(language: Language, booking: Booking, departureId: string) {
  const book = `/tours/${PACKAGE}/book/${departureId}`;
  return [
    {
      user: undefined,
      pages: [
        ['search', '/'],
        ['tour', `/tours/${PACKAGE}`],
        ['sign-in', '/sign-in?next=%2F'],
      ],
    },
    {
      user: language.tourist,
      pages: [
        ['book', book],
        ['booking', `/trips/${booking.bookingId}`],
        ['trips', '/trips'],
      ],
    },
    {
      user: 'hospital-xj-tcm',
      pages: [
        ['inbox', '/partner/inbox'],
        ['capacity', '/partner/capacity'],
        ['deliveries', '/partner/deliveries'],
      ],
    },
    {
      user: 'agency-jibek-zholy',
      pages: [
        ['agency-packages', '/partner/packages'],
        ['composer-new', '/partner/agency/packages/new'],
        ['composer-edit', `/partner/agency/packages/${PACKAGE}`],
        ['agency-sales', '/partner/sales'],
      ],
    },
    { user: 'operator', pages: [['operator', '/partner/operator']] },
  ] as const;
}

/** The page's own checks beyond axe: its language, and no error notice where nothing went wrong. */
async function pageProblems(page: Page, name: string, lang: string): Promise<string[]> {
  const problems: string[] = [];
  const htmlLang = await page.locator('html').getAttribute('lang');
  if (htmlLang !== lang) problems.push(`${name}: <html lang="${htmlLang}">, expected "${lang}"`);
  const errors = await page.locator('main .notice-error').allTextContents();
  if (errors.length > 0) problems.push(`${name}: shows an error: ${errors.join(' | ')}`);
  return problems;
}

for (const language of LANGUAGES) {
  test(`every main page in ${language.lang} has no serious accessibility problem at either size`, {
    timeout: TEST_TIMEOUT_MS,
  }, async () => {
    const departure = await openDeparture(e2e.stack, PACKAGE);
    const booking = await holdBooking(e2e.stack, language.tourist, {
      packageId: PACKAGE,
      departureId: departure.departureId,
      fullName: language.lang === 'ru' ? 'OLGA SMIRNOVA' : 'BEKZOD KARIMOV',
    });
    if (language.paid) await payBooking(e2e.stack, language.tourist, booking);

    const problems: string[] = [];
    for (const { user, pages } of visitsFor(language, booking, departure.departureId)) {
      const page = await e2e.newPage({ locale: language.locale, viewport: language.viewport });
      for (const [index, [name, path]] of pages.entries()) {
        if (user !== undefined && index === 0) await signInAt(page, user, path);
        else await page.goto(path);
        if (name === 'sign-in') await page.locator('[data-user]').first().waitFor();
        else await pageReady(page);
        if (user !== undefined) {
          // Still signed in after a full page load: otherwise this would be the sign-in prompt.
          await page.getByRole('button', { name: language.lang === 'ru' ? 'Выйти' : 'Sign out' }).waitFor();
        }
        const shot = `${language.lang}-${name}`;
        problems.push(...(await pageProblems(page, shot, language.lang)));
        problems.push(...(await e2e.checkPage(page, shot)));
      }
      await page.context().close();
    }
    assert.deepEqual(problems, []);
  });
}
