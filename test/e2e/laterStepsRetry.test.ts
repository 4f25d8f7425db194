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

describe('the later steps fetched again', () => {
  it('Given a kiosk reloaded offline before the later steps were ever cached, when a resident agrees, then "Loading…" shows and, the network back, the next step comes at the next try 3 s on', async () => {
    // No service worker: nothing is cached for the tablet, as on one that lost the network before it was set up.
    const context = await app.browser.newContext({
      viewport: { width: 1024, height: 768 },
      bypassCSP: true,
      serviceWorkers: 'block',
    });
    const { page, errors } = usePage(await context.newPage());
    try {
      let isOffline = false;
      let refused = 0;
      await page.route(LATER_STEPS, (route) => {
        if (!isOffline) return route.continue();
        refused += 1;
        return route.abort('internetdisconnected');
      });
      await page.clock.install();
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await kiosk.waitFor(STEP.welcome);

      // Given: offline, the kiosk reloads (the start's fetch of the later steps fails) and time stops.
      isOffline = true;
      await page.reload();
      await kiosk.waitFor(STEP.welcome);
      await expect.poll(() => refused).toBeGreaterThan(0);
      await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
      await kiosk.tap('Start', STEP.consent);

      // When: the resident agrees: the next step is not here, and its own fetch fails too.
      const refusedBefore = refused;
      await kiosk.button('I agree').click();
      await page.getByText('Loading…', { exact: true }).waitFor();
      await expect.poll(() => refused).toBeGreaterThan(refusedBefore);

      // Then: back online, the step comes at the next try, once 3 s of page time have passed.
      isOffline = false;
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
    const context = await app.browser.newContext({
      viewport: { width: 1024, height: 768 },
      bypassCSP: true,
      serviceWorkers: 'block',
    });
    const { page, errors } = usePage(await context.newPage());
    try {
      let isOffline = false;
      let refused = 0;
      await page.route(PRIORITIES, (route) => {
        if (!isOffline) return route.continue();
        refused += 1;
        return route.abort('internetdisconnected');
      });
      await page.clock.install();
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await kiosk.waitFor(STEP.welcome);

      // Given: offline, the kiosk reloads (the start's fetch of the priorities fails) and time stops.
      isOffline = true;
      await page.reload();
      await kiosk.waitFor(STEP.welcome);
      await expect.poll(() => refused).toBeGreaterThan(0);
      await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
      await kiosk.beginTurn();

      // When: the resident opens their priorities: not here, and its own fetch fails too.
      const refusedBefore = refused;
      await kiosk.button('Choose your priorities').click();
      await page.getByText('Loading…', { exact: true }).waitFor();
      await expect.poll(() => refused).toBeGreaterThan(refusedBefore);

      // Then: back online, the priorities come at the next try, once 3 s of page time have passed.
      isOffline = false;
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
