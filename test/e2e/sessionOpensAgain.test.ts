/**
 * A session screen opened while Chromium refuses to open the app's databases (after a write its full disk refused,
 * every open fails with "Internal error opening backing store for indexedDB.open." until space is freed; measured
 * with test/manual/realDiskFull.ts `recover`). Before, the screen said "Close the app and open it again." and stayed
 * so after space was freed, until the facilitator left it and came back; closing the app is what let Chromium delete
 * every database at its next starts. Now it says to free space without closing the app, and opens by itself.
 */
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { openDemoOnChromiumDisk, refuseAnEdit, setDiskFull } from './support/diskFull';
import { newTablet } from './support/tablet';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

// 'fac.loadFailedSpace': the refused change told the app it is out of space (src/ui/facilitator/LoadFailed.tsx).
const CANNOT_OPEN =
  'This session cannot be opened while the tablet is out of storage space. Do not close the app: free some space, and the session opens by itself, or tap Try again.';
const NOT_SAVED =
  'The tablet is out of storage space, so this was not saved. Free some space, then try again. Nothing you typed has been lost.';
/** useSession.ts OPEN_AGAIN_MS. */
const OPEN_AGAIN_MS = 2000;

describe('a session screen while the disk is full', () => {
  it('Given a change refused on Chromium’s full disk, when the facilitator goes back to the session, then the screen says to free space without closing the app, and once space is freed it shows the session by itself and a change is saved', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const dashboard = await openDemoOnChromiumDisk(page, app.url);

      // Given: the disk full, a change refused (the browser closes every connection and refuses to open one).
      await refuseAnEdit(page, dashboard);
      expect(await page.locator('[data-save-state="failed"]').filter({ hasText: NOT_SAVED }).count()).toBe(1);
      const welsh = page.getByRole('checkbox', { name: 'Cymraeg', exact: true });

      // When: back to the session, which must be opened again.
      await page.getByRole('link', { name: 'Back to the session' }).click();
      const cannotOpen = page.getByRole('alert').filter({ hasText: CANNOT_OPEN });
      await cannotOpen.waitFor();
      expect(await axeViolations(page)).toEqual([]);

      // Then: space freed; time stops, and passes only as the test says: the next try shows the session.
      await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
      await setDiskFull(page, false);
      expect(await cannotOpen.isVisible()).toBe(true);
      await page.clock.runFor(OPEN_AGAIN_MS);
      await dashboard.waitUntilShown();
      expect(await cannotOpen.count()).toBe(0);

      await page.clock.resume();
      await dashboard.openEditForm();
      await welsh.check();
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.locator('[data-save-state="saved"]').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
