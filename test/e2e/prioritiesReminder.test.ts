/**
 * A resident who taps Finish without having set any priorities hears about it gently, once, before the turn ends:
 * "Before you finish" offers "Set priorities" and "Finish anyway", side by side and alike (never pressure, never a
 * block). Focus goes to the new screen's heading; both buttons are 48 px kiosk targets and work from the
 * keyboard; axe finds nothing. A resident whose priorities are saved goes straight to the thanks.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe';
import { smallTargets } from './support/targets';
import { newTablet, openDemoDashboard } from './support/tablet';
import { Kiosk, STEP } from './pages/Kiosk';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

/** What has focus: a heading or button by its text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()} ${(el.textContent ?? '').trim()}` : '(nothing)';
  });
}

async function kioskAtMenu(page: Page): Promise<Kiosk> {
  const { dashboard } = await openDemoDashboard(page, app.url);
  await dashboard.startKiosk();
  const kiosk = new Kiosk(page);
  await kiosk.beginTurn();
  return kiosk;
}

describe('finishing without priorities', () => {
  it('Given a resident who set no priorities, when they tap Finish, then they are reminded gently and can set priorities or finish anyway, by touch or keyboard', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const kiosk = await kioskAtMenu(page);

      await kiosk.tap('Finish', STEP.prioritiesReminder);
      await page
        .getByText('You have not chosen any priorities. You can choose them now, or finish: both are fine.')
        .waitFor();
      await expect.poll(() => focused(page)).toBe(`h1 ${STEP.prioritiesReminder}`);
      expect(await smallTargets(page, 48)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);

      // "Set priorities" opens them; nothing of the turn is lost.
      await kiosk.tap('Set priorities', STEP.priorities);
      await kiosk.backToMenu();

      // Asked again (still none), "Finish anyway" ends the turn: from the keyboard, in reading order.
      await kiosk.tap('Finish', STEP.prioritiesReminder);
      await expect.poll(() => focused(page)).toBe(`h1 ${STEP.prioritiesReminder}`);
      for (let i = 0; i < 10 && (await focused(page)) !== 'button Finish anyway'; i++) {
        await page.keyboard.press('Tab');
      }
      expect(await focused(page)).toBe('button Finish anyway');
      await page.keyboard.press('Enter');
      await kiosk.waitFor(STEP.thanks);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given a resident whose priorities are saved, when they tap Finish, then the turn ends with no reminder', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const kiosk = await kioskAtMenu(page);
      await kiosk.openFromMenu('Choose your priorities');
      await kiosk.putDots('Lunch club for older people', 1);
      await kiosk.savePriorities();
      await kiosk.backToMenu();

      await kiosk.tap('Finish', STEP.thanks);
      expect(await kiosk.step(STEP.prioritiesReminder).count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
