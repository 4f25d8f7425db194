/**
 * The tablet runs out of space, as Chromium meets a full disk (test/e2e/support/diskFull.ts, 'chromiumDisk'): the
 * write refused, every IndexedDB connection of the app closed. Chromium then deletes every database of the app at
 * a later start (test/manual/realDiskFull.ts), so staff must hear it at once, on every staff screen, with what to
 * do. Before, only the form whose save was refused said it, and only that its own change was not saved.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { axeViolations } from './support/axe';
import { installDiskFull, refusedWrites, setDiskFull } from './support/diskFull';
import { useBrowserAndApp } from './support/setup';
import { newTablet, openDemoDashboard } from './support/tablet';

const app = useBrowserAndApp();

const NOTICE =
  'This tablet has run out of storage space, so nothing more can be saved on it. Do not close the app or restart the tablet: the browser may then delete what the app stored. Free some space first (for example, delete photos or videos you do not need), then carry on.';
const NOTICE_CY =
  'Nid oes lle storio ar ôl ar y llechen hon, felly ni ellir cadw dim byd arall arni. Peidiwch â chau’r ap nac ailgychwyn y llechen: gallai’r porwr wedyn ddileu’r hyn a gadwodd yr ap. Rhyddhewch rywfaint o le yn gyntaf (er enghraifft, dilëwch luniau neu fideos nad oes eu hangen arnoch), yna ewch ymlaen.';
const NOT_SAVED =
  'The tablet is out of storage space, so this was not saved. Free some space, then try again. Nothing you typed has been lost.';

/** Every alert on the page, as a screen reader would hear them. */
const alerts = (page: Page): Promise<string[]> => page.getByRole('alert').allTextContents();

/** The notice is in the page's flow (it covers nothing) and in view on the screen as it opens, unscrolled. */
async function shownAtTop(page: Page, notice: Locator): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await notice.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(page.viewportSize()!.height);
  expect(await notice.evaluate((el) => getComputedStyle(el).position)).toBe('static');
  expect(await notice.evaluate((el) => getComputedStyle(el.parentElement!).position)).toBe('static');
}

/** "Name this tablet" on the dashboard: a write to the session's database. */
async function saveName(page: Page, name: string): Promise<void> {
  const section = page.getByRole('region', { name: 'Name this tablet', exact: true });
  await section.getByLabel('This tablet’s name', { exact: false }).fill(name);
  await section.getByRole('button', { name: 'Save the name', exact: true }).click();
}

describe('a tablet out of storage space', () => {
  it('Given the demo’s dashboard and the disk full as Chromium meets it, when a save is refused, then every staff screen says so at once, in the staff language, until space is back and a save succeeds', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await installDiskFull(context, 'chromiumDisk');
      const { dashboard } = await openDemoDashboard(page, app.url);
      const notice = page.getByRole('alert').filter({ hasText: NOTICE });
      expect(await notice.count()).toBe(0);

      // Given: the disk is full when the facilitator names the tablet on the dashboard.
      await setDiskFull(page, true);
      await saveName(page, 'Tablet 3 (blue case)');

      // Then: the form says its change was not saved, and the page says what is at stake, once, at the top.
      await page
        .getByRole('region', { name: 'Name this tablet' })
        .getByText(NOT_SAVED, { exact: true })
        .waitFor();
      expect(await refusedWrites(page)).toBeGreaterThan(0);
      await notice.waitFor();
      expect((await alerts(page)).filter((text) => text === NOTICE)).toHaveLength(1);
      await shownAtTop(page, notice);
      expect(await axeViolations(page)).toEqual([]);

      // In the staff language.
      await page.getByRole('button', { name: 'Cymraeg', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: NOTICE_CY }).waitFor();
      await page.getByRole('button', { name: 'English', exact: true }).click();
      await notice.waitFor();

      // When space is back and the same save is made again, it is saved and the notice is gone.
      await setDiskFull(page, false);
      await saveName(page, 'Tablet 3 (blue case)');
      await page
        .getByRole('region', { name: 'Name this tablet' })
        .locator('[data-save-state="saved"]')
        .waitFor();
      await notice.waitFor({ state: 'detached' });

      // Full again: refused again, and said again; the facilitator moves to another staff screen, where it is
      // still said, at the top (the session cannot be opened there while the disk is full).
      await setDiskFull(page, true);
      await saveName(page, 'Tablet 4');
      await notice.waitFor();
      await page.getByRole('link', { name: 'Edit session' }).click();
      await page.getByRole('heading', { level: 1, name: 'Edit the session' }).waitFor();
      expect(await notice.count()).toBe(1);
      expect((await alerts(page)).filter((text) => text === NOTICE)).toHaveLength(1);
      await shownAtTop(page, notice);
      expect(await axeViolations(page)).toEqual([]);

      // Space is back: once storage opens again (the dashboard opening its session), the notice is gone.
      await setDiskFull(page, false);
      await page.goBack();
      await dashboard.waitUntilShown();
      await notice.waitFor({ state: 'detached' });
      await saveName(page, 'Tablet 4');
      await page
        .getByRole('region', { name: 'Name this tablet' })
        .locator('[data-save-state="saved"]')
        .waitFor();
      expect(await alerts(page)).not.toContain(NOTICE);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
