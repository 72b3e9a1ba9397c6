/**
 * What every browser test file shares: one throw-away Shifa (stack.ts) and one
 * headless Chromium per file, started before its tests and stopped after them
 * whatever happened; pages in a given language and viewport; screenshots at
 * both sizes into web/e2e/screenshots/<file>/; axe-core's serious and critical
 * findings; and the demo sign-in, whose picker is reached by a link or by
 * /sign-in?next=… and whose buttons carry data-user="<demo user id>".
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ensureWebApp } from '@shifa/local/web-app';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { type Stack, startStack } from './stack';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const MOBILE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;
const SIZES = [
  ['mobile', MOBILE],
  ['desktop', DESKTOP],
] as const;

/** One step (a click, a wait for a state): generous, because the machine is shared and has two cores. */
export const STEP_TIMEOUT_MS = 30_000;
/** One test, from its first page to its last assertion. */
export const TEST_TIMEOUT_MS = 300_000;

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const INSTALL =
  'sudo apt-get install -y --no-install-recommends chromium fonts-dejavu-core fonts-liberation fonts-wqy-microhei';

/** Fails at once, saying what to install, rather than skipping: these tests are part of `npm test`. */
function checkMachine(): void {
  assert.ok(
    existsSync(CHROMIUM),
    `The browser tests need Chromium at ${CHROMIUM}. Install it with\n  ${INSTALL}\n` +
      'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
  // Without these fonts the screenshots show boxes for Chinese, Kazakh and Uzbek letters.
  let fcList = true;
  for (const [lang, sample] of [
    ['zh-cn', 'Chinese'],
    ['kk', 'Kazakh Cyrillic'],
    ['uz', 'Uzbek Latin'],
  ] as const) {
    if (!fcList) break;
    try {
      const fonts = execFileSync('fc-list', [`:lang=${lang}`, 'family'], { encoding: 'utf8' });
      assert.ok(
        fonts.trim() !== '',
        `No font for ${sample} text is installed. Install them with\n  ${INSTALL}`,
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      fcList = false; // no fontconfig (macOS): the system's own fonts cover these scripts
    }
  }
}

export type E2e = {
  stack: Stack;
  browser: Browser;
  /** A fresh browser profile (no session) speaking `locale`, at `viewport`. */
  newPage(options: { locale: string; viewport: { width: number; height: number } }): Promise<Page>;
  /** Screenshots of the current page at both sizes, as <name>-mobile.png and <name>-desktop.png. */
  shoot(page: Page, name: string): Promise<void>;
  /**
   * Both sizes: a screenshot each, axe-core's serious and critical findings and any sideways scrolling,
   * each prefixed by the page and the size.
   */
  checkPage(page: Page, name: string): Promise<string[]>;
};

/** Registers the file's before/after hooks; the returned object is filled in once `before` has run. */
export function browserTests(name: string): E2e {
  const shots = fileURLToPath(new URL(`./screenshots/${name}/`, import.meta.url));
  let stack: Stack | undefined;
  let browser: Browser | undefined;

  const e2e: E2e = {
    get stack() {
      assert.ok(stack, 'the stack is not running');
      return stack;
    },
    get browser() {
      assert.ok(browser, 'the browser is not running');
      return browser;
    },
    async newPage({ locale, viewport }) {
      const context = await e2e.browser.newContext({ locale, viewport, baseURL: e2e.stack.url });
      context.setDefaultTimeout(STEP_TIMEOUT_MS);
      context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
      return context.newPage();
    },
    shoot: (page, shot) => shoot(page, `${shots}${shot}`),
    async checkPage(page, shot) {
      const problems: string[] = [];
      await eachSize(page, async (label) => {
        await page.screenshot({ path: `${shots}${shot}-${label}.png`, fullPage: true });
        const found = [...(await accessibilityProblems(page)), ...(await reflowProblems(page))];
        for (const problem of found) problems.push(`${shot} (${label}) ${problem}`);
      });
      return problems;
    },
  };

  before(async () => {
    checkMachine();
    rmSync(shots, { recursive: true, force: true });
    mkdirSync(shots, { recursive: true });
    const staticDir = await ensureWebApp((line) => console.log(line));
    stack = await startStack({ staticDir });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
  });

  after(async () => {
    // Both, even if one of them fails to stop.
    const stopped = await Promise.allSettled([browser?.close(), stack?.stop()]);
    for (const outcome of stopped) if (outcome.status === 'rejected') throw outcome.reason;
  });

  return e2e;
}

/** Runs `step` at each size, from the top of the page, then gives the page back its own size. */
async function eachSize(page: Page, step: (label: 'mobile' | 'desktop') => Promise<void>): Promise<void> {
  const size = page.viewportSize() ?? MOBILE;
  try {
    for (const [label, viewport] of SIZES) {
      await page.setViewportSize(viewport);
      // The sticky header would otherwise be painted where the page happened to be scrolled to.
      await page.evaluate(() => window.scrollTo(0, 0));
      await step(label);
    }
  } finally {
    await page.setViewportSize(size);
  }
}

/** Both sizes of the current page, as `<path>-mobile.png` and `<path>-desktop.png`. */
export async function shoot(page: Page, path: string): Promise<void> {
  await eachSize(page, async (label) => {
    await page.screenshot({ path: `${path}-${label}.png`, fullPage: true });
  });
}

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** axe-core's serious and critical findings on the current page, one line each with the elements. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run()).violations as AxeViolation[];
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}: ${violation.help}): ${violation.nodes
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
}

/**
 * WCAG 1.4.10 (reflow): nothing but wide tables may make the page scroll sideways on a phone. Names the
 * innermost elements that stick out.
 */
export async function reflowProblems(page: Page): Promise<string[]> {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return undefined;
    const culprits: string[] = [];
    for (const element of document.querySelectorAll('body *')) {
      if (element.children.length > 0 || element.closest('.table-scroll') !== null) continue;
      if (element.getBoundingClientRect().right > width + 1) {
        const classes = [...element.classList].map((name) => `.${name}`).join('');
        culprits.push(
          `${element.tagName.toLowerCase()}${classes} "${element.textContent?.trim().slice(0, 30)}"`,
        );
      }
    }
    return { width, scrollWidth: document.documentElement.scrollWidth, culprits: culprits.slice(0, 5) };
  });
  if (overflow === undefined) return [];
  return [
    `reflow: the page is ${overflow.scrollWidth} px wide in a ${overflow.width} px window; sticking out: ${overflow.culprits.join(', ')}`,
  ];
}

/** The demo user's button on the sign-in picker (wherever the sign-in flow put it). */
export const demoUserButton = (page: Page, userId: string): Locator =>
  page.locator(`[data-user="${userId}"]`);

/**
 * Signs in from the picker the page is on (or is about to show). The caller then waits for the page
 * it expects to land on: the flow may pass through /auth/callback on the way.
 */
export async function pickDemoUser(page: Page, userId: string): Promise<void> {
  await demoUserButton(page, userId).click();
}

/** Opens /sign-in for `next` and signs in as the demo user. */
export async function signInAt(page: Page, userId: string, next: string): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await pickDemoUser(page, userId);
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
}

/** Waits until the page has its heading and nothing on it is still loading. */
export async function pageReady(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await page.locator('main .loading').first().waitFor({ state: 'detached' });
}
