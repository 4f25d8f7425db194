/** A shared tablet for one test: a fresh browser context (its own storage), 1024x768, errors collected. */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { Dashboard } from '../pages/Dashboard';
import { Home } from '../pages/Home';
import { PinScreen } from '../pages/PinScreen';
import { SessionForm, validSession, type SessionValues } from '../pages/SessionForm';
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

/** Home → "Create a session" → the empty session form. */
export async function openSessionForm(page: Page, baseUrl: string): Promise<SessionForm> {
  const home = new Home(page);
  await home.goto(baseUrl);
  await home.openCreateForm();
  return new SessionForm(page);
}

/**
 * Home → "Create a session" → the form, filled and sent → the new session's dashboard, as a facilitator makes a
 * real session (one that syncs with the council; the demo never does).
 */
export async function openNewSessionDashboard(
  page: Page,
  baseUrl: string,
  session: SessionValues = validSession('Eastbrook: what should the pot pay for?'),
): Promise<{ sessionId: string; dashboard: Dashboard }> {
  const sessionId = await (await openSessionForm(page, baseUrl)).create(session);
  const dashboard = new Dashboard(page, session.title);
  await dashboard.waitUntilShown();
  return { sessionId, dashboard };
}

/**
 * A tablet in kiosk mode, seen from outside: where each way out lands, and whether the home screen (the demo with
 * its PIN, "Create a session", session files, enrolment) ever appeared, even for one frame.
 */
export class KioskLockProbe {
  constructor(
    readonly page: Page,
    readonly sessionId: string,
  ) {}

  /** Watches every page (and every reload) of the tablet for the home screen's demo section appearing. */
  static async install(context: BrowserContext): Promise<void> {
    await context.addInitScript(() => {
      const w = window as unknown as { homeSeen?: boolean };
      w.homeSeen = false;
      new MutationObserver(() => {
        if (document.getElementById('demo-heading')) w.homeSeen = true;
      }).observe(document, { childList: true, subtree: true });
    });
  }

  /** Forgets that the home screen was seen (before kiosk mode started it was, legitimately). */
  async forgetHome(): Promise<void> {
    await this.page.evaluate(() => {
      (window as unknown as { homeSeen?: boolean }).homeSeen = false;
    });
  }

  async wasHomeSeen(): Promise<boolean> {
    return this.page.evaluate(() => (window as unknown as { homeSeen?: boolean }).homeSeen === true);
  }

  get kioskBar(): Locator {
    return this.page.getByRole('banner').getByRole('button', { name: 'Facilitator', exact: true });
  }

  get pinHeading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Unlock facilitator mode' });
  }

  /** Anything only the home screen shows. */
  get homeContent(): Locator {
    return this.page
      .getByText(`The demo’s facilitator PIN is ${DEMO.pin}.`)
      .or(this.page.getByRole('link', { name: 'Create a session', exact: true }))
      .or(this.page.getByRole('button', { name: 'Open the demo session' }))
      .or(this.page.getByRole('region', { name: 'Import a session file' }));
  }

  /** What is shown now: 'kiosk' or 'pin' when the screen and the address agree, else what is wrong, in words. */
  private async shown(): Promise<string> {
    const url = new URL(this.page.url());
    if (await this.pinHeading.isVisible()) {
      return url.hash.startsWith(`#/session/${this.sessionId}`) ? 'pin' : `PIN screen at ${url.hash}`;
    }
    if (await this.kioskBar.isVisible()) {
      return url.hash === `#/session/${this.sessionId}/kiosk` ? 'kiosk' : `kiosk at ${url.hash}`;
    }
    const text = await this.page.evaluate(() => document.body.innerText.slice(0, 200)).catch(() => '?');
    return `neither the kiosk nor the PIN screen at ${url.hash}: ${text}`;
  }

  /**
   * Waits for the kiosk (its bar with the Facilitator button, at the kiosk's address) or this session's PIN
   * screen (at one of its addresses), and checks no home screen content is there or was ever drawn. Returns
   * which one it was. Polled until the screen and the address agree: after a change of address within the page
   * (a typed address that differs only after #, Back, Forward) the screen before it may still be there for a
   * moment, with the new address.
   */
  async landing(): Promise<'kiosk' | 'pin'> {
    let where = '';
    await expect
      .poll(async () => (where = await this.shown()), { timeout: STEP_TIMEOUT_MS })
      .toMatch(/^(kiosk|pin)$/);
    const url = new URL(this.page.url());
    if ((await this.homeContent.count()) > 0) throw new Error(`home screen content at ${url.hash}`);
    if (await this.wasHomeSeen()) throw new Error(`the home screen was drawn on the way to ${url.hash}`);
    return where as 'kiosk' | 'pin';
  }
}
