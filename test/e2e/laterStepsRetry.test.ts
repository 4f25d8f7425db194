/**
 * The kiosk's later steps (everything after "I agree") are a chunk of their own, laterSteps, fetched when the app
 * starts. A tablet that reloads in kiosk mode while offline, with the chunk never cached, cannot fetch it: the step
 * a resident opens says "Loading…" and the app tries again every 3 s (RETRY_MS), so the turn goes on once the
 * network is back, with nothing lost. Each try asks the network for the chunk first (the test counts the refused
 * asks); a browser that keeps a failed module fetch as failed (Chromium 150 does) cannot import it again in the same
 * page, so there the kiosk reloads once the network gives the chunk, and the turn resumes on its step. The page's
 * time is Playwright's clock, paused: the next try comes when the test moves the clock on, never on a timer of a
 * busy machine's.
 */
import { describe, expect, it } from 'vitest';
import { RETRY_MS } from '../../src/ui/kiosk/lazySteps';
import { escapeRegExp } from './pages/Home';
import { Kiosk, STEP } from './pages/Kiosk';
import { useBrowserAndApp } from './support/setup';
import { openDemoDashboard, usePage } from './support/tablet';

const app = useBrowserAndApp();

/** The built chunks, whatever their hash. */
const LATER_STEPS = /\/assets\/laterSteps-[^/]+\.js$/;
const PRIORITIES = /\/assets\/PrioritiesStep-[^/]+\.js$/;

/**
 * A kiosk on the demo with no service worker (nothing cached, as on a tablet that lost the network before it was
 * set up), whose requests for `chunk` are refused while `net.isOffline`: opened online, then reloaded offline (the
 * start's fetch of the chunk fails, counted in `net.refused`), on the welcome screen with the page's clock paused.
 */
async function kioskReloadedOffline(chunk: RegExp) {
  const context = await app.browser.newContext({
    viewport: { width: 1024, height: 768 },
    bypassCSP: true,
    serviceWorkers: 'block',
  });
  const { page, errors } = usePage(await context.newPage());
  try {
    const net = { isOffline: false, refused: 0 };
    await page.route(chunk, (route) => {
      if (!net.isOffline) return route.continue();
      net.refused += 1;
      return route.abort('internetdisconnected');
    });
    await page.clock.install();
    const { dashboard } = await openDemoDashboard(page, app.url);
    await dashboard.startKiosk();
    const kiosk = new Kiosk(page);
    await kiosk.waitFor(STEP.welcome);

    net.isOffline = true;
    await page.reload();
    await kiosk.waitFor(STEP.welcome);
    await expect.poll(() => net.refused).toBeGreaterThan(0);
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
    return { context, page, errors, kiosk, net };
  } catch (e) {
    await context.close();
    throw e;
  }
}

describe('the later steps fetched again', () => {
  it('Given a kiosk reloaded offline before the later steps were ever cached, when a resident agrees, then "Loading…" shows and, the network back, the next step comes at the next try 3 s on', async () => {
    const { context, page, errors, kiosk, net } = await kioskReloadedOffline(LATER_STEPS);
    try {
      await kiosk.tap('Start', STEP.consent);

      // When: the resident agrees: the next step is not here, and its own fetch fails too.
      const refusedBefore = net.refused;
      await kiosk.button('I agree').click();
      await page.getByText('Loading…', { exact: true }).waitFor();
      await expect.poll(() => net.refused).toBeGreaterThan(refusedBefore);

      // Then: back online, the step comes at the next try, once 3 s of page time have passed.
      net.isOffline = false;
      expect(await page.getByText('Loading…', { exact: true }).isVisible()).toBe(true);
      await page.clock.runFor(RETRY_MS);
      // A browser that had to reload for it starts the page again: its own start needs time to run.
      await page.clock.resume();
      await page
        .getByRole('heading', {
          level: 1,
          name: new RegExp(`^(${escapeRegExp(STEP.aboutYou)}|${escapeRegExp(STEP.menu)})$`),
        })
        .waitFor();
      expect(await page.getByText('Loading…', { exact: true }).count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given a kiosk reloaded offline before the priorities were ever cached, when a resident opens them, then "Loading…" shows (no blank screen) and, the network back, they come at the next try 3 s on', async () => {
    const { context, page, errors, kiosk, net } = await kioskReloadedOffline(PRIORITIES);
    try {
      await kiosk.beginTurn();

      // When: the resident opens their priorities: not here, and its own fetch fails too.
      const refusedBefore = net.refused;
      await kiosk.button('Choose your priorities').click();
      await page.getByText('Loading…', { exact: true }).waitFor();
      await expect.poll(() => net.refused).toBeGreaterThan(refusedBefore);

      // Then: back online, the priorities come at the next try, once 3 s of page time have passed.
      net.isOffline = false;
      await page.clock.runFor(RETRY_MS);
      await page.clock.resume();
      await kiosk.waitFor(STEP.priorities);
      expect(await page.getByText('Loading…', { exact: true }).count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
