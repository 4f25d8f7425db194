/** A shared tablet for one test: a fresh browser context (its own storage), 1024x768, errors collected. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Dashboard } from '../pages/Dashboard';
import { Home } from '../pages/Home';
import { PinScreen } from '../pages/PinScreen';
import { watchErrors } from './browser';

export const DEMO = { title: 'Northmoor: what should the pot pay for?', pin: '1234' } as const;

/** Actions and waits fail after this long instead of Playwright's 30 s: a missing screen shows up quickly. */
export const STEP_TIMEOUT_MS = 15_000;

export interface Tablet {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** Prepares a page: short timeouts and error collection. */
export function usePage(page: Page): Tablet {
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.setDefaultNavigationTimeout(30_000);
  return { context: page.context(), page, errors: watchErrors(page) };
}

export async function newTablet(browser: Browser): Promise<Tablet> {
  // bypassCSP: the app's Content-Security-Policy (script-src 'self') would block axe-core being added to the page.
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, bypassCSP: true });
  return usePage(await context.newPage());
}

/** Home → "Open the demo session" → PIN 1234 → the demo's dashboard. */
export async function openDemoDashboard(
  page: Page,
  baseUrl: string,
): Promise<{ sessionId: string; dashboard: Dashboard }> {
  const home = new Home(page);
  await home.goto(baseUrl);
  const sessionId = await home.openDemo();
  await new PinScreen(page).unlock(DEMO.pin, DEMO.title);
  const dashboard = new Dashboard(page, DEMO.title);
  await dashboard.waitUntilShown();
  return { sessionId, dashboard };
}
