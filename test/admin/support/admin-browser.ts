import axe from 'axe-core';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { expect } from 'vitest';
import { type E2E, startE2E } from '../../e2e/support/demo-harness.js';
import { describeBrowser, launchBrowser } from '../../http/routes/storefront/support/storefront-browser.js';

/**
 * The admin app as a merchant reaches it: the app and the BigCommerce sandbox in demo mode, in-process
 * (a temporary DATA_DIR, ephemeral ports, fast jobs; test/e2e/support/demo-harness.ts), the demo store's
 * control panel in Debian's Chromium, "Open" clicked, and the app worked inside the control panel's
 * iframe, 1024 px wide as in BigCommerce. The test setup builds the app first when its sources changed
 * (test/support/global-setup.ts).
 *
 * Helpers: `checkAccessibility` (axe-core in the frame: no serious or critical violation),
 * `consoleErrors` (every console error and uncaught error of the page and its frames: a test ends
 * with none), `tabTo` (keyboard only: Tab until an element is focused).
 */
export { describeBrowser };

/** The width of the control panel's app iframe. */
export const IFRAME_WIDTH = 1024;

/** Chrome logs every 4xx answer to fetch; the app shows refusals with their reason instead. */
const API_REFUSAL_LOG = /^Failed to load resource: the server responded with a status of 4\d\d /;

export interface AdminSession {
  readonly e2e: E2E;
  readonly browser: Browser;
  readonly context: BrowserContext;
  /** The control panel page. */
  readonly page: Page;
  /** Console errors and uncaught errors seen so far, across the page and its frames. */
  readonly errors: string[];
  /** Opens the app from the control panel; resolves with its frame once the app has rendered. */
  openApp(): Promise<Frame>;
  close(): Promise<void>;
}

export async function startAdmin(): Promise<AdminSession> {
  const [e2e, browser] = await Promise.all([startE2E(), launchBrowser()]);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // A step that cannot happen fails within the test's time, naming the locator it waited for.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  const appOrigin = new URL(e2e.demo.info.appUrl).origin;
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const url = message.location().url;
    // The sandbox's own pages (the emulated control panel) are not the app's to keep clean.
    if (url !== '' && !url.startsWith(appOrigin)) return;
    // The browser's own line for an API refusal the screen shows (no script can silence it).
    if (API_REFUSAL_LOG.test(message.text()) && url.startsWith(`${appOrigin}/api/`)) return;
    errors.push(`${message.text()} (${url})`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return {
    e2e,
    browser,
    context,
    page,
    errors,
    async openApp() {
      await page.goto(e2e.demo.info.adminUrl);
      await page.getByRole('link', { name: 'Open' }).click();
      const frameElement = page.locator('iframe.cp-app-frame');
      await frameElement.waitFor();
      // BigCommerce frames apps 1024 px wide; the sandbox's frame takes the page's width.
      await frameElement.evaluate((element, width) => {
        (element as HTMLIFrameElement).style.width = `${width}px`;
      }, IFRAME_WIDTH);
      const frame = await (await frameElement.elementHandle())!.contentFrame();
      if (frame === null) throw new Error('the app frame has no document');
      await frame.getByRole('navigation', { name: 'Backorder' }).waitFor();
      return frame;
    },
    async close() {
      await context.close().catch(() => {});
      await browser.close().catch(() => {});
      await e2e.close();
    },
  };
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

/** axe-core's violations of a serious or critical impact on the frame's current screen. */
export async function seriousViolations(frame: Frame): Promise<AxeViolation[]> {
  // Colours are checked as they settle: a button's colour transition after a click, caught half-way,
  // measured as a contrast failure now and then. Endless animations (spinners) are not waited for.
  await frame.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  // Evaluated through the DevTools protocol: the app's CSP (which forbids injected scripts) does not apply.
  await frame.evaluate(axe.source);
  const violations = await frame.evaluate(async () => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    const result = await run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => `${n.target.join(' ')}: ${n.html.slice(0, 200)}`),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function checkAccessibility(frame: Frame): Promise<void> {
  expect(await seriousViolations(frame)).toEqual([]);
}

/**
 * Presses Tab (in the control panel page, as a keyboard user would) until the element focused in the
 * frame is named `name` (its aria-label, or its text); fails after `maxTabs`.
 */
export async function tabTo(page: Page, frame: Frame, name: string, maxTabs = 60): Promise<void> {
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    const focused = await frame.evaluate(() => {
      const active = document.activeElement;
      if (active === null || active === document.body) return null;
      return (active.getAttribute('aria-label') ?? active.textContent ?? '').trim();
    });
    if (focused === name) return;
  }
  throw new Error(`Tab never reached "${name}" after ${maxTabs} presses`);
}

/** The app's toasts and inline messages currently shown. */
export async function alertsText(frame: Frame): Promise<string> {
  return (await frame.locator('[role="alert"], [role="status"]').allInnerTexts()).join('\n');
}
