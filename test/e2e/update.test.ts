/**
 * A new version of the app never reloads during a resident's turn: it waits, facilitator mode says "update
 * ready", and the facilitator applies it between residents.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/app';
import { Dashboard } from './pages/Dashboard';
import { Home } from './pages/Home';
import { Kiosk, STEP } from './pages/Kiosk';
import { PinScreen } from './pages/PinScreen';
import { launchBrowser } from './support/browser';
import { waitForWaitingVersion } from './support/appVersions';
import { DIST } from './support/server';
import { DEMO, newTablet } from './support/tablet';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** True while the page has not been reloaded since the marker was set. */
async function isSamePage(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { updateMarker?: number }).updateMarker === 1);
}

describe('app updates', () => {
  it('Given a resident mid-turn, when a new version arrives, then nothing reloads until the facilitator applies it', async () => {
    // A copy of the build, so the test can publish a "new version" of the service worker.
    const dir = mkdtempSync(join(tmpdir(), 'codesign-update-'));
    cpSync(DIST, dir, { recursive: true });
    const server = await startServer({ port: 0, host: '127.0.0.1', distDir: dir });
    const url = `http://127.0.0.1:${server.port}/`;
    const { context, page, errors } = await newTablet(browser);
    try {
      // Given: the app installed and a resident half-way through typing an idea.
      const home = new Home(page);
      await home.goto(url);
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
        await page.reload();
        await home.demoButton.waitFor();
      }
      await home.openDemo();
      await new PinScreen(page).unlock(DEMO.pin, DEMO.title);
      const dashboard = new Dashboard(page, DEMO.title);
      await dashboard.waitUntilShown();
      await expect(page.getByRole('button', { name: 'Update now' }).count()).resolves.toBe(0);
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await kiosk.beginTurn();
      await kiosk.openFromMenu('Add your idea');
      await kiosk.ideaTitle.fill('Benches by the canal');
      await page.evaluate(() => {
        (window as unknown as { updateMarker: number }).updateMarker = 1;
      });

      // When: a new version is published and the browser finds it.
      const swPath = join(dir, 'sw.js');
      writeFileSync(swPath, `${readFileSync(swPath, 'utf8')}\n// next version\n`);
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        await registration?.update();
      });
      await waitForWaitingVersion(page);

      // Then: the resident's screen is untouched: same page, same typed text, still the add-idea step. (A
      // self-updating worker would take over and reload: then the update would not be offered below, where the
      // page is checked to be the same one again.)
      expect(await isSamePage(page)).toBe(true);
      await expect(kiosk.ideaTitle.inputValue()).resolves.toBe('Benches by the canal');
      await kiosk.waitFor(STEP.addIdea);
      await expect(page.getByText('A new version of the app is ready.').count()).resolves.toBe(0);

      // When the facilitator takes over between residents, facilitator mode offers the update.
      await kiosk.handOver();
      await new PinScreen(page).unlock(DEMO.pin, DEMO.title);
      await dashboard.waitUntilShown();
      await page.getByText('A new version of the app is ready.').waitFor();
      expect(await isSamePage(page)).toBe(true);

      // Then applying it reloads once into the new version, which now controls the page.
      await Promise.all([
        page.waitForEvent('load'),
        page.getByRole('button', { name: 'Update now' }).click(),
      ]);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      expect(await isSamePage(page)).toBe(false);
      const waiting = await page.evaluate(
        async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null,
      );
      expect(waiting).toBeNull();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
