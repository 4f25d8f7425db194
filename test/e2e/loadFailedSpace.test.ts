/**
 * A session screen opened while the tablet is out of space, as Chromium meets a full disk
 * (test/e2e/support/diskFull.ts, 'chromiumDisk'): after the refused write every open of the app's databases fails
 * until there is space. The screen must not send the facilitator to close the app (a later start of the browser
 * then deletes every database of the app: test/manual/realDiskFull.ts); it says the session cannot be opened for
 * want of space and offers "Try again", which opens the session where it is once space is back (useSession also
 * tries by itself every OPEN_AGAIN_MS: page time stands still here, so only the button can open it). Before
 * (af1c356), it said "Close the app and open it again" right under the notice saying not to.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SessionForm } from './pages/SessionForm';
import { axeViolations } from './support/axe';
import { openDemoOnChromiumDisk, refusedWrites, setDiskFull } from './support/diskFull';
import { useBrowserAndApp } from './support/setup';
import { newTablet } from './support/tablet';

const app = useBrowserAndApp();

const CANNOT_OPEN =
  'This session cannot be opened while the tablet is out of storage space. Do not close the app: free some space, and the session opens by itself, or tap Try again.';
const CANNOT_OPEN_CY =
  'Nid oes modd agor y sesiwn hon tra bod y llechen heb le storio. Peidiwch â chau’r ap: rhyddhewch rywfaint o le, a bydd y sesiwn yn agor ohoni’i hun, neu tapiwch ‘Rhowch gynnig arall’.';
const NOT_SAVED =
  'The tablet is out of storage space, so this was not saved. Free some space, then try again. Nothing you typed has been lost.';

/** "Name this tablet" on the dashboard: a write to the session's database. */
async function saveName(page: Page, name: string): Promise<void> {
  const section = page.getByRole('region', { name: 'Name this tablet', exact: true });
  await section.getByLabel('This tablet’s name', { exact: false }).fill(name);
  await section.getByRole('button', { name: 'Save the name', exact: true }).click();
}

/**
 * The screen says the session cannot be opened for want of space, once, never to close the app, with Try again;
 * axe is left out while page time stands still (it waits on the page's timers).
 */
async function saysCannotOpenForSpace(page: Page, { isTimeStill = false } = {}): Promise<void> {
  await page.getByRole('alert').filter({ hasText: CANNOT_OPEN }).waitFor();
  expect(
    (await page.getByRole('alert').allTextContents()).filter((text) => text === CANNOT_OPEN),
  ).toHaveLength(1);
  expect(await page.locator('body').innerText()).not.toContain('Close the app');
  const tryAgain = page.getByRole('button', { name: 'Try again', exact: true });
  expect((await tryAgain.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  if (!isTimeStill) expect(await axeViolations(page)).toEqual([]);
}

/** Page time for a screen's effects to run (Preact runs them after an animation frame), far under OPEN_AGAIN_MS. */
const FRAMES_MS = 100;

/**
 * "Try again" while the disk is still full: the same words, said again (a new alert); focus stays on the button.
 * `letTimePass` while page time stands still.
 */
async function tryAgainStillFull(page: Page, letTimePass?: () => Promise<void>): Promise<void> {
  const tryAgain = page.getByRole('button', { name: 'Try again', exact: true });
  const alertBefore = await page.getByRole('alert').filter({ hasText: CANNOT_OPEN }).elementHandle();
  await tryAgain.click();
  await letTimePass?.();
  await expect.poll(() => alertBefore.evaluate((el) => el.isConnected), { timeout: 15_000 }).toBe(false);
  await saysCannotOpenForSpace(page, { isTimeStill: letTimePass !== undefined });
  expect(await tryAgain.evaluate((el) => el === document.activeElement)).toBe(true);
}

describe('a session screen opened while the tablet is out of storage space', () => {
  it('Given a save refused on a full disk, when the facilitator opens Edit the session and the dashboard again, then each says to free space and not to close the app, and Try again opens the screen once space is back', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      // Page time is the test's from the start, so it can stand still while Try again is tested.
      const dashboard = await openDemoOnChromiumDisk(page, app.url);

      // Given: the disk refuses a save on the dashboard, and Chromium closes the app's storage.
      await setDiskFull(page, true);
      await saveName(page, 'Tablet 3 (blue case)');
      await page
        .getByRole('region', { name: 'Name this tablet' })
        .getByText(NOT_SAVED, { exact: true })
        .waitFor();
      expect(await refusedWrites(page)).toBeGreaterThan(0);

      // When: the facilitator opens "Edit the session", which cannot open its session while the disk is full.
      await page.getByRole('link', { name: 'Edit session' }).click();
      await page.getByRole('heading', { level: 1, name: 'Edit the session' }).waitFor();
      await saysCannotOpenForSpace(page);

      // In the staff language.
      await page.getByRole('button', { name: 'Cymraeg', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: CANNOT_OPEN_CY }).waitFor();
      await page.getByRole('button', { name: 'Rhowch gynnig arall', exact: true }).waitFor();
      await page.getByRole('button', { name: 'English', exact: true }).click();

      // Trying again while the disk is still full: the same words, said again; focus stays on the button.
      await tryAgainStillFull(page);

      // The dashboard, opened again while the disk is full, says the same.
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: 'Facilitator mode' }).waitFor();
      await saysCannotOpenForSpace(page);

      // Then: page time stands still but for the screen's animation frames (its effects run on them), so
      // useSession's own next try, OPEN_AGAIN_MS after the one Try again makes here, cannot come; space is back,
      // and Try again opens the dashboard where it is, focus on its main content.
      await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
      await tryAgainStillFull(page, () => page.clock.runFor(FRAMES_MS));
      await setDiskFull(page, false);
      expect(await page.getByRole('alert').filter({ hasText: CANNOT_OPEN }).isVisible()).toBe(true);
      await page.getByRole('button', { name: 'Try again', exact: true }).click();
      await page.clock.runFor(FRAMES_MS);
      await dashboard.waitUntilShown();
      await page.waitForFunction(() => document.activeElement?.id === 'main');
      expect(await page.getByRole('alert').filter({ hasText: CANNOT_OPEN }).count()).toBe(0);
      await page.clock.resume();

      // And storage works again: the name is saved, and "Edit the session" opens its form.
      await saveName(page, 'Tablet 3 (blue case)');
      await page
        .getByRole('region', { name: 'Name this tablet' })
        .locator('[data-save-state="saved"]')
        .waitFor();
      await page.getByRole('link', { name: 'Edit session' }).click();
      await new SessionForm(page).waitUntilShown();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
