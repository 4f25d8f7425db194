/**
 * Opening a session while the tablet's disk is full (found by a helper's walk): the facilitator goes back to the
 * first screen and opens the session again, reloads the page, or opens the demo for the first time. Reading needs
 * no space, so the session opens with everything stored before; a change that cannot be stored is said in the
 * app's words; nothing is thrown uncaught. Before, y-indexeddb stored the document again as it opened it, in a
 * transaction it did not watch: the refused write and the read it queued after it in the finished transaction
 * raised "AbortError" and "Failed to execute 'openKeyCursor' on 'IDBObjectStore': The transaction has finished"
 * as page errors.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe';
import { installDiskFull, refusedWrites, setDiskFull } from './support/diskFull';
import { DEMO, newTablet, openDemoDashboard } from './support/tablet';
import { useBrowserAndApp } from './support/setup';
import { Dashboard, type BoardRow } from './pages/Dashboard';
import { Home } from './pages/Home';
import { PinScreen } from './pages/PinScreen';

const app = useBrowserAndApp();

const NOT_SAVED =
  'The tablet is out of storage space, so this was not saved. Free some space, then try again. Nothing you typed has been lost.';

/** Facilitator mode for the demo after the PIN screen (shown again after leaving or reloading). */
async function unlockDemo(page: Page): Promise<Dashboard> {
  await new PinScreen(page).unlock(DEMO.pin, DEMO.title);
  const dashboard = new Dashboard(page, DEMO.title);
  await dashboard.waitUntilShown();
  return dashboard;
}

/**
 * "Edit session": turns Welsh on and taps "Save changes"; the caller waits for the outcome. With `isDraftFirst`,
 * Save is tapped only once the form's own draft (written 300 ms after the change, and dropped quietly if refused)
 * has been refused: what a busy tablet does when Save comes a moment late.
 */
async function turnWelshOn(page: Page, dashboard: Dashboard, isDraftFirst = false): Promise<void> {
  await dashboard.openEditForm();
  await page.getByRole('checkbox', { name: 'Cymraeg', exact: true }).check();
  if (isDraftFirst) await expect.poll(() => refusedWrites(page)).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Save changes' }).click();
}

/** The refused Save is said in the app's words (not the browser's), with nothing thrown. */
async function saidNotSaved(page: Page, errors: string[]): Promise<void> {
  await page.locator('[data-save-state="failed"]').filter({ hasText: NOT_SAVED }).waitFor();
  expect(await refusedWrites(page)).toBeGreaterThan(0);
  expect(await axeViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
}

/**
 * Space is back: the same Save stores the change, with no reload of the page; reloaded, the session holds
 * everything it held, and Welsh is on.
 */
async function savedOnceSpaceIsBack(
  page: Page,
  board: Dashboard,
  stored: BoardRow[],
  errors: string[],
): Promise<void> {
  await setDiskFull(page, false);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('[data-save-state="saved"]').waitFor();
  await page.getByRole('link', { name: 'Back to the session' }).click();
  await board.waitUntilShown();
  await page.reload();
  const again = await unlockDemo(page);
  expect(await again.boardRows()).toEqual(stored);
  await again.openEditForm();
  expect(await page.getByRole('checkbox', { name: 'Cymraeg', exact: true }).isChecked()).toBe(true);
  expect(errors).toEqual([]);
}

describe('opening a session while the disk is full', () => {
  it('Given a stored session and a full disk, when the facilitator leaves it, opens it again and reloads the page, then it opens with everything stored, a refused change is said in the app’s words, nothing is thrown, and once space is back a change is stored', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await installDiskFull(context);
      const { dashboard } = await openDemoDashboard(page, app.url);
      const stored = await dashboard.boardRows();
      expect(stored.length).toBeGreaterThan(0);

      await setDiskFull(page, true);
      await dashboard.lock();
      const home = new Home(page);
      await home.demoButton.waitFor();
      await home.demoButton.click();
      let board = await unlockDemo(page);
      expect(await board.boardRows()).toEqual(stored);

      await page.reload();
      board = await unlockDemo(page);
      expect(await board.boardRows()).toEqual(stored);

      await turnWelshOn(page, board);
      await saidNotSaved(page, errors);
      await savedOnceSpaceIsBack(page, board, stored, errors);
    } finally {
      await context.close();
    }
  });

  it('Given the demo open and the tablet’s disk full as Chromium meets it (the write refused with an UnknownError, every IndexedDB connection closed), when the facilitator saves a change, then the app’s out-of-space words show, nothing is thrown, and once space is back Save stores it without a reload', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await installDiskFull(context, 'chromiumDisk');
      const { dashboard } = await openDemoDashboard(page, app.url);
      const stored = await dashboard.boardRows();

      await setDiskFull(page, true);
      await turnWelshOn(page, dashboard);
      // Before, the browser's words ("… Connection is closing because of: IO error: … FILE_ERROR_NO_SPACE …").
      await saidNotSaved(page, errors);
      // Before, the session could not be read again after the browser closed it, and Save was never saved.
      await savedOnceSpaceIsBack(page, dashboard, stored, errors);
    } finally {
      await context.close();
    }
  });

  it('Given the demo open and the tablet’s disk full as Chromium meets it, when the edit form’s draft is refused first (dropped quietly) and then the facilitator saves, then the app’s out-of-space words show, nothing is thrown, and once space is back Save stores it', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await installDiskFull(context, 'chromiumDisk');
      const { dashboard } = await openDemoDashboard(page, app.url);
      const stored = await dashboard.boardRows();

      await setDiskFull(page, true);
      await turnWelshOn(page, dashboard, true);
      // Before, the browser's words: "This could not be saved on the tablet: Internal error opening backing store
      // for indexedDB.open." (the draft's refusal, which said the disk was full, was heard by no one).
      await saidNotSaved(page, errors);
      await savedOnceSpaceIsBack(page, dashboard, stored, errors);
    } finally {
      await context.close();
    }
  });

  it('Given a tablet whose disk is full, when the facilitator opens the demo for the first time, then the first screen says it was not saved, nothing is thrown, and once space is back the demo opens', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await installDiskFull(context);
      const home = new Home(page);
      await home.goto(app.url);
      await setDiskFull(page, true);
      await home.demoButton.click();
      await page.getByText(NOT_SAVED, { exact: true }).waitFor();
      expect(await refusedWrites(page)).toBeGreaterThan(0);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);

      await setDiskFull(page, false);
      await home.openDemo();
      const board = await unlockDemo(page);
      expect((await board.boardRows()).length).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
