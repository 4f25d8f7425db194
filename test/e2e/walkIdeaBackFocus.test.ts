/**
 * Back from an idea to the list (WCAG 2.4.3 focus order). "Back to the ideas" put focus on the "Ideas so far"
 * heading, so a keyboard or switch user tabbed through every idea (about 24 in the demo) again after each one they
 * read. Now focus goes back to the button of the idea they opened; where that idea is no longer listed, or the list
 * is reached from the menu, to the heading as before.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe';
import { newTablet, openDemoDashboard } from './support/tablet';
import { Kiosk, STEP } from './pages/Kiosk';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

/** The focused element's text, once focus has settled on something other than the page itself. */
async function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => (document.activeElement?.textContent ?? '').trim());
}

describe('back from an idea', () => {
  it('Given a resident reading the ideas with the keyboard, when they open the 5th idea and go back, then focus is on that idea’s button, and axe finds nothing', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await kiosk.beginTurn();
      await kiosk.openFromMenu('Read the ideas');

      const ideaButtons = page.locator('.idea-card__open');
      expect(await ideaButtons.count()).toBeGreaterThan(5);
      const fifth = ideaButtons.nth(4);
      const title = ((await fifth.textContent()) ?? '').trim();
      await fifth.focus();
      await page.keyboard.press('Enter');
      await kiosk.waitFor(title);

      await kiosk.button('Back to the ideas').first().focus();
      await page.keyboard.press('Enter');
      await kiosk.waitFor(STEP.ideas);
      await expect.poll(() => focusedText(page)).toBe(title);
      expect(await fifth.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await axeViolations(page)).toEqual([]);

      // The browser's (or the tablet's) back button from an idea does the same.
      const sixth = ideaButtons.nth(5);
      const sixthTitle = ((await sixth.textContent()) ?? '').trim();
      await sixth.focus();
      await page.keyboard.press('Enter');
      await kiosk.waitFor(sixthTitle);
      await page.goBack();
      await kiosk.waitFor(STEP.ideas);
      await expect.poll(() => focusedText(page)).toBe(sixthTitle);

      // From the menu, the list starts at its heading again.
      await kiosk.backToMenu();
      await kiosk.openFromMenu('Read the ideas');
      await expect.poll(() => focusedText(page)).toBe(STEP.ideas);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
