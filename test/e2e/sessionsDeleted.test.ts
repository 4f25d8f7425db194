/**
 * After a write refused for want of space, Chromium deletes every IndexedDB database of the app at its second start
 * (measured: test/manual/realDiskFull.ts). The first screen then said "There are no sessions on this tablet yet.",
 * as on a new tablet, and the facilitator had no idea their sessions had been lost. A mark outside IndexedDB
 * (src/storage/heldSessions.ts) now lets it say what happened. Here the deletion is the page's own (every database
 * deleted from a page of the app's origin that does not run the app), which is what the browser's is to the app.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe';
import { newTablet, openDemoDashboard } from './support/tablet';
import { useBrowserAndApp } from './support/setup';
import { Home } from './pages/Home';
import { Dashboard } from './pages/Dashboard';
import { PinScreen } from './pages/PinScreen';
import { DEMO } from './support/tablet';

const app = useBrowserAndApp();

const DELETED =
  'This tablet had sessions on it, but the browser has deleted everything the app stored here. This can happen after a tablet runs out of storage space. Sessions already synced with the council can be fetched from it again, and session files can be opened again.';

/** Deletes every IndexedDB database of the app's origin, from its web manifest (a page that runs no app code). */
async function browserDeletesEverything(page: Page, baseUrl: string, only = ''): Promise<string[]> {
  // The manifest shown as a page: Chromium asks for /favicon.ico, which the app does not have; its 404 (logged as
  // a console error whenever it comes, even after the next page loaded) is not the app's.
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
  await page.goto(new URL('manifest.webmanifest', baseUrl).href);
  return page.evaluate(async (only) => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith(only));
    await Promise.all(
      names.map(
        (name) =>
          new Promise<void>((resolve, reject) => {
            const request = indexedDB.deleteDatabase(name);
            request.onsuccess = () => resolve();
            request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
          }),
      ),
    );
    return names;
  }, only);
}

describe('the first screen after the browser deleted what the tablet held', () => {
  it('Given a tablet that held the demo session, when the browser deletes every database, then the first screen says so (axe 0) until the facilitator taps I understand, and not again', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await openDemoDashboard(page, app.url);
      expect(errors).toEqual([]);
      const deleted = await browserDeletesEverything(page, app.url);
      expect(deleted.some((n) => n.startsWith('codesign-session-'))).toBe(true);
      expect(errors).toEqual([]);

      const home = new Home(page);
      await home.goto(app.url);
      const notice = page.getByRole('alert').filter({ hasText: DELETED });
      await notice.waitFor();
      expect(await page.getByText('There are no sessions on this tablet yet.').isVisible()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      const understood = page.getByRole('button', { name: 'I understand' });
      const box = await understood.boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);

      await understood.click();
      await notice.waitFor({ state: 'detached' });
      await page.reload();
      await home.demoButton.waitFor();
      await page.getByText('There are no sessions on this tablet yet.').waitFor();
      expect(await page.getByText(DELETED).count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given the demo session renamed on this tablet, when the browser deletes every database, then the first screen offers its spare copy (axe 0, 44 px), and Bring these sessions back puts it back in the list with the change, opening with its PIN', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    const renamed = 'Northmoor: what should the pot pay for? (kept)';
    try {
      const { sessionId, dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.openEditForm();
      await page.getByRole('textbox', { name: 'Session title' }).fill(renamed);
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.locator('[data-save-state="saved"]').waitFor();
      // Back to the first screen within the app: the session is let go, and its last change copied as it goes.
      await page.evaluate(() => (location.hash = '#/'));
      await new Home(page).session(renamed).waitFor();
      await page.waitForFunction(async (id) => {
        const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('session-copies');
        const file = await (await folder.getFileHandle(`${id}.yjs`)).getFile();
        return new TextDecoder().decode(await file.arrayBuffer()).includes('(kept)');
      }, sessionId);

      await browserDeletesEverything(page, app.url);
      expect(errors).toEqual([]);
      const home = new Home(page);
      await home.goto(app.url);
      await page.getByRole('alert').filter({ hasText: DELETED }).waitFor();
      const bringBack = page.getByRole('button', { name: 'Bring these sessions back' });
      await bringBack.waitFor();
      expect(await page.locator('[data-spare-copies] li').allInnerTexts()).toEqual([
        expect.stringContaining(renamed),
      ]);
      expect(await axeViolations(page)).toEqual([]);
      expect((await bringBack.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);

      // The status region is there before it says anything, so a screen reader reads out what it then says.
      const region = await page.locator('[data-spare-copies] [role="status"]').elementHandle();
      await bringBack.click();
      await page.getByRole('status').filter({ hasText: 'The sessions are back in the list.' }).waitFor();
      expect(await region?.evaluate((el) => el.isConnected && el.textContent)).toBe(
        'The sessions are back in the list.',
      );
      // The button is gone: focus goes to what it did, not to the page.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
        'The sessions are back in the list.',
      );
      expect(await page.getByText(DELETED).count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await home.session(renamed).click();
      await new PinScreen(page).unlock(DEMO.pin, renamed);
      await new Dashboard(page, renamed).waitUntilShown();
      expect(page.url()).toContain(sessionId);

      // Brought back, it is listed again after a reload, and nothing more is offered.
      await home.goto(app.url);
      await home.session(renamed).waitFor();
      expect(await page.locator('[data-spare-copies]').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given the demo’s own database found empty while the tablet’s list still names it (seen on real Chromium after its disk was full), when the facilitator opens it, then the PIN screen says it is not on this tablet and offers its spare copy (axe 0, 44 px), and Bring this session back opens it', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const { sessionId } = await openDemoDashboard(page, app.url);
      await page.evaluate(() => (location.hash = '#/'));
      const home = new Home(page);
      await home.session(DEMO.title).waitFor();
      const deleted = await browserDeletesEverything(page, app.url, 'codesign-session-');
      expect(deleted).toHaveLength(1);

      await home.goto(app.url);
      await home.session(DEMO.title).click();
      await page.getByRole('alert').filter({ hasText: 'This session is not on this tablet.' }).waitFor();
      const bringBack = page.getByRole('button', { name: 'Bring this session back' });
      await bringBack.waitFor();
      expect(await page.getByText('The tablet keeps a spare copy of this session.').isVisible()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      expect((await bringBack.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);

      await bringBack.click();
      await new PinScreen(page).unlock(DEMO.pin, DEMO.title);
      await new Dashboard(page, DEMO.title).waitUntilShown();
      expect(page.url()).toContain(sessionId);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given a new tablet, when the first screen shows, then it says only that there are no sessions yet', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const home = new Home(page);
      await home.goto(app.url);
      await page.getByText('There are no sessions on this tablet yet.').waitFor();
      expect(await page.getByText(DELETED).count()).toBe(0);
      expect(await page.locator('[data-spare-copies]').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
