/**
 * A council upgrades its server while devices are open (a walk of an update found each of these): every staff
 * screen offers the new version, an open page learns of it without being reloaded, "Update now" works in every
 * tab and says afterwards that the app was updated (but not on a staff screen long after, when the restart
 * landed on the kiosk), and a resident's turn is still never interrupted.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPDATE_CHECK_INTERVAL_MS } from '../../src/ui/swBridge';
import { Dashboard } from './pages/Dashboard';
import { Home, sessionIdFrom } from './pages/Home';
import { Kiosk, STEP } from './pages/Kiosk';
import { PinScreen } from './pages/PinScreen';
import { AppVersions, runningVersion, waitForWaitingVersion } from './support/appVersions';
import { launchBrowser } from './support/browser';
import { enrolOfficer } from './support/officer';
import { DEMO, newTablet, usePage } from './support/tablet';

const OFFER = 'A new version of the app is ready.';
const UPDATED = 'The app was updated.';

let browser: Browser;
let versions: AppVersions;

beforeAll(async () => {
  browser = await launchBrowser();
  versions = await AppVersions.start(browser);
});

afterAll(async () => {
  await versions?.close();
  await browser?.close();
});

/** Marks the page, so a test can tell whether it has been reloaded since. */
async function mark(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { updateMarker: number }).updateMarker = 1;
  });
}

async function isSamePage(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { updateMarker?: number }).updateMarker === 1);
}

/** Taps "Update now" and waits for the page to come back. */
async function updateNow(page: Page): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Update now' }).click()]);
}

/** From the home screen, with no navigation: the demo session's dashboard. */
async function openDemo(page: Page): Promise<Dashboard> {
  await new Home(page).openDemo();
  await new PinScreen(page).unlock(DEMO.pin, DEMO.title);
  const dashboard = new Dashboard(page, DEMO.title);
  await dashboard.waitUntilShown();
  return dashboard;
}

/** Asks the server for a new version from the page, as the app's own checks do. */
async function checkForUpdate(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())?.update();
  });
}

/** Cuts the network and gives it back, as a tablet carried back into wifi. */
async function goOfflineAndBack(page: Page): Promise<void> {
  await page.context().setOffline(true);
  await page.waitForFunction(() => !navigator.onLine);
  await page.context().setOffline(false);
}

describe('an upgrade of the server reaches every staff screen', () => {
  it('Given a tablet left on its dashboard, when the server is upgraded, then the hourly check offers the update without a reload, Update now restarts into it and says so, and coming back online or into view checks too', async () => {
    const { context, page, errors } = await newTablet(browser);
    try {
      // Given: the app installed, the dashboard open, its clock the test's.
      await page.clock.install();
      await versions.install(page);
      const dashboard = await openDemo(page);
      const first = await runningVersion(page);
      await mark(page);

      // When: the server is upgraded and an hour passes with the dashboard on screen.
      versions.publishNext();
      await page.clock.runFor(UPDATE_CHECK_INTERVAL_MS);

      // Then: the dashboard offers the new version, with nothing reloaded.
      await page.getByText(OFFER).waitFor({ timeout: 60_000 });
      expect(await isSamePage(page)).toBe(true);
      expect(await runningVersion(page)).toBe(first);

      // When: the facilitator taps "Update now". Then: the new version runs, and the PIN screen says so.
      await versions.navigateSettled(() => updateNow(page));
      expect(await runningVersion(page)).toBe(first + 1);
      const pin = new PinScreen(page);
      await pin.waitUntilShown();
      await expect.poll(() => page.getByRole('status').filter({ hasText: UPDATED }).count()).toBe(1);
      await expect(page.getByText(OFFER).count()).resolves.toBe(0);

      // When: the next upgrade comes while the tablet is out of wifi, and it comes back online.
      await pin.unlock(DEMO.pin, DEMO.title);
      await dashboard.waitUntilShown();
      await mark(page);
      versions.publishNext();
      await goOfflineAndBack(page);
      // Then: it is offered straight away, with nothing reloaded.
      await page.getByText(OFFER).waitFor({ timeout: 60_000 });
      expect(await isSamePage(page)).toBe(true);
      await versions.navigateSettled(() => updateNow(page));
      expect(await runningVersion(page)).toBe(first + 2);

      // When: the next while the tablet's screen was off, and it is shown again. Headless Chromium never hides a
      // page, so the page is told it was hidden and shown, as the browser tells it.
      await pin.unlock(DEMO.pin, DEMO.title);
      await dashboard.waitUntilShown();
      await mark(page);
      versions.publishNext();
      await page.evaluate(() => {
        for (const visibility of ['hidden', 'visible']) {
          Object.defineProperty(document, 'visibilityState', { value: visibility, configurable: true });
          document.dispatchEvent(new Event('visibilitychange'));
        }
      });
      await page.getByText(OFFER).waitFor({ timeout: 60_000 });
      expect(await isSamePage(page)).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given an officer’s results open, when the server is upgraded and the officer reloads, then the officer view offers the update and Update now brings the new figures’ version', async () => {
    const { context, page, errors } = await newTablet(browser);
    try {
      // Given: an officer's laptop with the app installed, on the council results.
      await enrolOfficer(page, versions);
      await versions.install(page);
      await page.goto(`${versions.url}#/officer`);
      const heading = page.getByRole('heading', { level: 1, name: 'Council results' });
      await heading.waitFor();
      const first = await runningVersion(page);

      // When: the server is upgraded and the officer reloads, as they would to see fresh figures.
      versions.publishNext();
      await page.reload();
      await heading.waitFor();
      await waitForWaitingVersion(page);

      // Then: the reload still runs the old version, and the officer view says a new one is ready and when to
      // take it.
      expect(await runningVersion(page)).toBe(first);
      const offer = page.getByRole('region', { name: OFFER });
      await offer.waitFor();
      await offer.getByText(/Update before printing or exporting/).waitFor();

      // When: the officer taps "Update now". Then: the officer view again, in the new version, saying so.
      await updateNow(page);
      await heading.waitFor();
      expect(await runningVersion(page)).toBe(first + 1);
      await expect.poll(() => page.getByRole('status').filter({ hasText: UPDATED }).count()).toBe(1);
      await expect(page.getByText(OFFER).count()).resolves.toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given the app open in two tabs, when one applies the update, then "Update now" in the other reloads it into the new version', async () => {
    const { context, page: first, errors } = await newTablet(browser);
    try {
      // Given: the dashboard in two tabs of one browser.
      await versions.install(first);
      await openDemo(first);
      const second = usePage(await context.newPage());
      await second.page.goto(first.url());
      await new PinScreen(second.page).unlock(DEMO.pin, DEMO.title);
      const before = await runningVersion(second.page);

      // When: a new version is found (both tabs offer it) and the first tab applies it.
      versions.publishNext();
      await first.evaluate(async () => {
        await (await navigator.serviceWorker.getRegistration())?.update();
      });
      await first.getByText(OFFER).waitFor({ timeout: 60_000 });
      await second.page.getByText(OFFER).waitFor({ timeout: 60_000 });
      await updateNow(first);
      expect(await runningVersion(first)).toBe(before + 1);

      // Then: the second tab's "Update now" reloads it into the new version too.
      await updateNow(second.page);
      expect(await runningVersion(second.page)).toBe(before + 1);
      await expect.poll(() => second.page.getByRole('status').filter({ hasText: UPDATED }).count()).toBe(1);
      expect(errors).toEqual([]);
      expect(second.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given a resident mid-turn on a tablet that comes back online, when the check finds a new version, then the kiosk shows nothing and nothing reloads', async () => {
    const { context, page, errors } = await newTablet(browser);
    try {
      // Given: a resident half-way through typing an idea.
      await versions.install(page);
      const dashboard = await openDemo(page);
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await kiosk.beginTurn();
      await kiosk.openFromMenu('Add your idea');
      await kiosk.ideaTitle.fill('Benches by the canal');
      await mark(page);

      // When: the server is upgraded and the tablet comes back into wifi: the tablet finds the new version.
      versions.publishNext();
      await goOfflineAndBack(page);
      await waitForWaitingVersion(page);

      // Then: the resident's screen is untouched, with no offer on it, and the turn goes on.
      await kiosk.ideaDescription.fill('Somewhere to rest on the towpath');
      expect(await isSamePage(page)).toBe(true);
      await kiosk.waitFor(STEP.addIdea);
      await expect(kiosk.ideaTitle.inputValue()).resolves.toBe('Benches by the canal');
      await expect(page.getByText(OFFER).count()).resolves.toBe(0);
      await expect(page.getByRole('button', { name: 'Update now' }).count()).resolves.toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given a tablet made a kiosk from another tab while facilitator mode is open here, when Update now restarts this tab as the kiosk, then the PIN screen afterwards does not say the app was updated', async () => {
    const { context, page, errors } = await newTablet(browser);
    try {
      // Given: facilitator mode open on the demo, and the facilitator gone Back to the home screen.
      await page.clock.install();
      await versions.install(page);
      await openDemo(page);
      const sessionId = sessionIdFrom(page.url());
      await page.goBack();
      await new Home(page).demoButton.waitFor();
      const first = await runningVersion(page);
      // Another tab makes the tablet the demo's kiosk; this tab, unlocked, stays on the home screen.
      const kioskTab = usePage(await context.newPage());
      await kioskTab.page.goto(`${versions.url}#/session/${sessionId}/kiosk`);
      await new Kiosk(kioskTab.page).waitFor(STEP.welcome);
      await kioskTab.page.close();

      // When: the server is upgraded, the home screen offers it, and the facilitator taps "Update now".
      versions.publishNext();
      await checkForUpdate(page);
      await page.getByText(OFFER).waitFor({ timeout: 60_000 });
      // The restarted page's update bridge (swBridge) has started once it asks for workbox-window.
      const bridgeStarted = page.waitForRequest((request) => request.url().includes('/workbox-window'));
      await updateNow(page);

      // Then: the tab restarts as the kiosk, in the new version, with no notice (a kiosk has none).
      const kiosk = new Kiosk(page);
      await kiosk.waitFor(STEP.welcome);
      expect(await runningVersion(page)).toBe(first + 1);
      await bridgeStarted;

      // When: a resident's turn later, the facilitator takes the tablet: the PIN screen, a staff screen.
      await kiosk.beginTurn();
      await kiosk.handOver();
      await page.locator('.app-notices [role=status]').waitFor({ state: 'attached' });
      // Past the notice's wait before it speaks (and Preact's wait for a frame before it runs effects).
      await page.clock.runFor(1_000);

      // Then: it does not say the app was updated: that restart was long ago, and said nothing then.
      await expect(page.getByText(UPDATED).count()).resolves.toBe(0);
      expect(errors).toEqual([]);
      expect(kioskTab.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
