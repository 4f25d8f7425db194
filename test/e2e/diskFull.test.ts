/**
 * A full disk in the middle of a turn (found by a walk of a workshop day with no wifi): the tablet refuses to
 * store a resident's idea. The resident is told, in words that ask the facilitator, and keeps what they typed;
 * once there is space, "Add my idea" again adds the idea once. Before, the refused idea stayed in the tablet's
 * memory, was stored by the next write, and the second tap added it a second time: two ideas, on every device.
 */
import { describe, expect, it } from 'vitest';
import { IDEA_ADDED, Kiosk, STEP } from './pages/Kiosk';
import { installDiskFull, refusedWrites, setDiskFull } from './support/diskFull';
import { useBrowserAndApp } from './support/setup';
import { DEMO, newTablet, openDemoDashboard } from './support/tablet';
import { Dashboard } from './pages/Dashboard';
import { PinScreen } from './pages/PinScreen';

const app = useBrowserAndApp();

const TITLE = 'Homework club at the library';
const FULL =
  'This tablet is out of storage space, so this was not saved. Please ask the facilitator for help. Nothing you typed has been lost.';

describe('a full disk during a turn', () => {
  it('Given a resident adding an idea when the tablet’s storage is full, when space is back and they tap "Add my idea" again, then the idea is there once', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await installDiskFull(context);
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await kiosk.beginTurn();
      await kiosk.openFromMenu('Add your idea');
      await kiosk.fillIdea({ title: TITLE, theme: 'Health and wellbeing', cost: '4000' });

      await setDiskFull(page, true);
      await kiosk.tap('Add my idea');
      await page.getByRole('alert').filter({ hasText: FULL }).waitFor();
      expect(await refusedWrites(page)).toBeGreaterThan(0);
      // Still on the form, with everything typed.
      expect(await kiosk.step(STEP.addIdea).isVisible()).toBe(true);
      expect(await kiosk.ideaTitle.inputValue()).toBe(TITLE);
      expect(await kiosk.ideaCost.inputValue()).toBe('4000');

      await setDiskFull(page, false);
      await kiosk.tap('Add my idea');
      await page.getByText(IDEA_ADDED, { exact: true }).waitFor();

      // Once in the list residents read, and once on the facilitator's board, which reads what is stored.
      await kiosk.tap('Back to the ideas', STEP.ideas);
      expect(await page.getByRole('button', { name: TITLE, exact: true }).count()).toBe(1);
      await kiosk.backToMenu();
      await kiosk.handOver();
      await new PinScreen(page).unlock(DEMO.pin, DEMO.title);
      const board = new Dashboard(page, DEMO.title);
      await board.waitUntilShown();
      // After a reload, from what IndexedDB holds.
      await page.reload();
      const pin = page.getByRole('heading', { level: 1, name: 'Unlock facilitator mode' });
      await pin.or(page.getByRole('heading', { level: 1, name: DEMO.title })).waitFor();
      if (await pin.isVisible()) await new PinScreen(page).unlock(DEMO.pin, DEMO.title);
      await board.waitUntilShown();
      const rows = (await board.boardRows()).filter((r) => r.idea === TITLE);
      expect(rows).toHaveLength(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
