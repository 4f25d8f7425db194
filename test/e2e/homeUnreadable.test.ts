/**
 * The first screen while Chromium refuses to open the app's databases (after a write its full disk refused, every
 * open fails until space is freed; measured with test/manual/realDiskFull.ts). Dexie's liveQuery says nothing at
 * all then (it drops such errors), so the first screen said "Loading…" for good, even after space was freed. Now it
 * says the sessions cannot be read just now and not to close the app, and shows them by itself once it can.
 */
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { openDemoOnChromiumDisk, refuseAnEdit, setDiskFull } from './support/diskFull';
import { DEMO, newTablet } from './support/tablet';
import { useBrowserAndApp } from './support/setup';
import { Home } from './pages/Home';

const app = useBrowserAndApp();

const UNREADABLE =
  'The sessions on this tablet cannot be read just now. If the tablet is out of storage space, free some space and do not close the app: the list comes back by itself.';
/** useSession.ts OPEN_AGAIN_MS, which the first screen uses too. */
const OPEN_AGAIN_MS = 2000;

describe('the first screen while the disk is full', () => {
  it('Given a change refused on Chromium’s full disk, when the facilitator goes back to the first screen, then it says the sessions cannot be read just now (axe 0), not "Loading", and once space is freed it lists them by itself', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await refuseAnEdit(page, await openDemoOnChromiumDisk(page, app.url));

      // Back to the first screen within the app (a reload would start the disk model again).
      await page.evaluate(() => (location.hash = '#/'));
      const unreadable = page.getByRole('alert').filter({ hasText: UNREADABLE });
      await unreadable.waitFor();
      expect(await page.getByText('Loading…').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);

      await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
      await setDiskFull(page, false);
      expect(await unreadable.isVisible()).toBe(true);
      await page.clock.runFor(OPEN_AGAIN_MS);
      await new Home(page).session(DEMO.title).waitFor();
      expect(await unreadable.count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
