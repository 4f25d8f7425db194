/**
 * A resident cannot leave kiosk mode without the PIN (issue 9, section 4). While a tablet is a kiosk, every way
 * out (the Facilitator button then "back", typed addresses, reload, Back and Forward, closing and reopening, a
 * file shared from another app) lands on the kiosk or on the session's PIN screen, and the home screen with the
 * demo's PIN is never drawn. Only the PIN ends kiosk mode.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe';
import { DEMO, KioskLockProbe, newTablet, openDemoDashboard, usePage } from './support/tablet';
import { Dashboard } from './pages/Dashboard';
import { Home } from './pages/Home';
import { Kiosk, STEP } from './pages/Kiosk';
import { PinScreen } from './pages/PinScreen';
import { useBrowserAndApp } from './support/setup';
import { shareTargetOf, shareToApp } from './support/shareTarget';

const app = useBrowserAndApp();

const BACK_TO_KIOSK = 'Back to the kiosk';
const SHARE_REFUSED = 'This tablet is being used as a kiosk';
/** Where a way out of the kiosk may land. */
const WAYS_IN = ['kiosk', 'pin'];

/** Types an address into the address bar: the same page, only the part after # changes. */
async function typeAddress(page: Page, hash: string): Promise<void> {
  await page.goto(`${app.url}${hash}`);
}

/**
 * The history list's first app entry (the app's address, before kiosk mode; the entry before it is the new tab's
 * about:blank): within the page or a new load.
 */
async function jumpToFirstEntry(page: Page): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
  await page
    .evaluate(() => {
      history.go(-(history.length - 2));
    })
    // The jump may load a new document before the page answers: that is a landing too.
    .catch(() => undefined);
  await navigated;
  await page.waitForLoadState();
}

/** The Content-Security-Policy is bypassed for axe: run it and expect nothing. */
async function expectNoAxeViolations(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

/** What the service worker kept from shares (nothing, on a kiosk). */
async function sharedFilesKept(page: Page): Promise<number> {
  return page.evaluate(async () => {
    if (!(await caches.has('codesign-shared-files'))) return 0;
    return (await (await caches.open('codesign-shared-files')).keys()).length;
  });
}

describe('kiosk mode has no way out but the PIN', () => {
  it('Given a tablet in kiosk mode, when every way out is tried, then each lands on the kiosk or the PIN screen until the PIN is typed', async () => {
    const { context, page: first, errors } = await newTablet(app.browser);
    let page = first;
    const allErrors: string[] = [];
    try {
      await KioskLockProbe.install(context);
      // The service worker is installed (the app works offline and receives shares) before kiosk mode starts.
      await new Home(page).goto(app.url);
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
        await page.reload();
        await new Home(page).demoButton.waitFor();
      }
      const { sessionId, dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.startKiosk();
      let kiosk = new Kiosk(page);
      await kiosk.waitFor(STEP.welcome);
      let probe = new KioskLockProbe(page, sessionId);
      await probe.forgetHome();

      // The path from the issue: Facilitator, "Yes, end the turn", then back: to the kiosk, never home.
      await kiosk.beginTurn();
      await kiosk.handOver();
      expect(await probe.landing()).toBe('pin');
      expect(await page.getByText('This tablet is in kiosk mode').isVisible()).toBe(true);
      expect(await page.getByRole('link', { name: 'Back to the first screen' }).count()).toBe(0);
      await expectNoAxeViolations(page);
      await page.getByRole('link', { name: BACK_TO_KIOSK }).click();
      await kiosk.waitFor(STEP.welcome);
      expect(await probe.landing()).toBe('kiosk');

      // Every address typed into the address bar.
      const other = '0b7c5f2e-1111-4222-8333-944455556666';
      const elsewhere = [
        '#/',
        '#/?shared=0',
        '#/officer',
        `#/officer/session/${sessionId}`,
        `#/officer/area/Northmoor`,
        `#/officer/report/${sessionId}`,
        '#/new',
        `#/session/${other}`,
        `#/session/${other}/edit`,
        `#/session/${other}/kiosk`,
        '#/no/such/screen',
        '#',
      ];
      for (const hash of elsewhere) {
        await typeAddress(page, hash);
        expect(await probe.landing(), hash).toBe('kiosk');
      }
      // This session's dashboard and settings: behind its PIN screen, whose "back" goes to the kiosk.
      for (const hash of [`#/session/${sessionId}`, `#/session/${sessionId}/edit`]) {
        await typeAddress(page, hash);
        expect(await probe.landing(), hash).toBe('pin');
        await typeAddress(page, '#/');
        expect(await probe.landing(), `${hash} then #/`).toBe('kiosk');
      }

      // Reload, in the middle of a turn and on the welcome screen.
      await kiosk.beginTurn();
      await page.reload();
      expect(await probe.landing()).toBe('kiosk');
      await page.reload();
      expect(await probe.landing()).toBe('kiosk');

      // Back and Forward, again and again, and a jump far back in the history list.
      for (let i = 0; i < 4; i++) {
        await page.goBack();
        expect(WAYS_IN, `back ${i + 1}`).toContain(await probe.landing());
      }
      for (let i = 0; i < 4; i++) {
        await page.goForward();
        expect(WAYS_IN, `forward ${i + 1}`).toContain(await probe.landing());
      }
      await jumpToFirstEntry(page);
      expect(WAYS_IN).toContain(await probe.landing());
      for (let i = 0; i < 6; i++) {
        await page.goForward();
        expect(WAYS_IN, `forward after the jump ${i + 1}`).toContain(await probe.landing());
      }
      if ((await probe.landing()) === 'pin') await page.getByRole('link', { name: BACK_TO_KIOSK }).click();
      expect(await probe.landing()).toBe('kiosk');

      // A second window of the same browser, then the tablet's page closed and opened again at the app's address.
      const second = usePage(await context.newPage());
      await second.page.goto(app.url);
      expect(await new KioskLockProbe(second.page, sessionId).landing()).toBe('kiosk');
      await second.page.goto(`${app.url}#/officer`);
      expect(await new KioskLockProbe(second.page, sessionId).landing()).toBe('kiosk');
      allErrors.push(...errors, ...second.errors);
      await page.close();
      await second.page.close();
      const reopened = usePage(await context.newPage());
      page = reopened.page;
      await page.goto(app.url);
      probe = new KioskLockProbe(page, sessionId);
      kiosk = new Kiosk(page);
      expect(await probe.landing()).toBe('kiosk');
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

      // A file shared from another app: refused on a kiosk screen, nothing kept, no import screen.
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await shareToApp(page, await shareTargetOf(app.url), { name: 'shared.codesign', bytes: [1, 2, 3] });
      await page.getByRole('heading', { level: 1, name: SHARE_REFUSED }).waitFor();
      expect(await probe.homeContent.count()).toBe(0);
      expect(await probe.wasHomeSeen()).toBe(false);
      expect(new URL(page.url()).hash).toBe(`#/session/${sessionId}/kiosk`);
      // The app lets the shared files go (an async cache delete) as it draws the refusal: polled, not read once.
      await expect.poll(() => sharedFilesKept(page)).toBe(0);
      await expectNoAxeViolations(page);
      const back = page.getByRole('button', { name: BACK_TO_KIOSK });
      expect((await back.boundingBox())?.height).toBeGreaterThanOrEqual(48);
      await back.click();
      await kiosk.waitFor(STEP.welcome);
      expect(await probe.landing()).toBe('kiosk');

      // A wrong PIN changes nothing.
      await kiosk.handOver();
      const pin = new PinScreen(page);
      await pin.submitWrong('0000');
      await typeAddress(page, '#/');
      expect(await probe.landing()).toBe('kiosk');

      // Then: the right PIN ends kiosk mode; the facilitator can lock and go home, and home stays reachable.
      await kiosk.handOver();
      await pin.unlock(DEMO.pin, DEMO.title);
      const after = new Dashboard(page, DEMO.title);
      await after.waitUntilShown();
      await after.lock();
      const home = new Home(page);
      await home.demoButton.waitFor();
      expect(await page.getByText(`The demo’s facilitator PIN is ${DEMO.pin}.`).isVisible()).toBe(true);
      await page.reload();
      await home.demoButton.waitFor();
      await typeAddress(page, '#/officer');
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      expect(new URL(page.url()).hash).toBe('#/officer');
      allErrors.push(...reopened.errors);
      expect(allErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
