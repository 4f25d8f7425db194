/**
 * A tablet that loses the network before its service worker has cached the app (set up in a hurry, or a browser
 * that keeps no service worker) still runs a whole resident's turn: the steps the kiosk loads on demand
 * (priorities, earlier ideas) are fetched into memory when the app starts, while the network is still there.
 */
import { describe, expect, it } from 'vitest';
import { openDemoDashboard, usePage } from './support/tablet';
import { Kiosk, STEP } from './pages/Kiosk';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

describe('offline before the app is cached', () => {
  it('Given a tablet whose service worker never ran, when it goes offline after opening the session, then a resident can still set and save priorities', async () => {
    // No service worker at all: after the network goes, only what the page already holds can run.
    const context = await app.browser.newContext({
      viewport: { width: 1024, height: 768 },
      serviceWorkers: 'block',
    });
    const { page, errors } = usePage(await context.newPage());
    try {
      const { dashboard } = await openDemoDashboard(page, app.url);
      await context.setOffline(true);
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await kiosk.beginTurn();
      await kiosk.openFromMenu('Choose your priorities');
      await kiosk.putDots('Lunch club for older people', 2);
      await kiosk.savePriorities();
      await kiosk.backToMenu();
      expect(await kiosk.step(STEP.menu).isVisible()).toBe(true);
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
