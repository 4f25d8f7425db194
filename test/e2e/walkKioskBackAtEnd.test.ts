/**
 * Long kiosk screens have "Back to the menu" at their end too. In portrait the money map is about 3000 px tall and
 * the ideas list is long: a resident who read to the end had to scroll all the way up to leave. Now the same
 * button (same words, same 48 px target) is also after the screen's last content, and it goes to the menu.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newTablet, openDemoDashboard } from './support/tablet';
import { Kiosk, STEP } from './pages/Kiosk';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

/** Where the last "Back to the menu" is: its size, and whether anything in the screen's content comes after it. */
function lastBack(page: Page): Promise<{ count: number; width: number; height: number; isLast: boolean }> {
  return page.evaluate(() => {
    const buttons = [...document.querySelectorAll<HTMLButtonElement>('#main button')].filter(
      (b) => b.textContent?.trim() === 'Back to the menu',
    );
    const last = buttons.at(-1);
    const box = last?.getBoundingClientRect();
    const contentBottom = Math.max(
      ...[...document.querySelectorAll('#main > *')]
        .filter((el) => !el.contains(last ?? null))
        .map((el) => el.getBoundingClientRect().bottom),
    );
    return {
      count: buttons.length,
      width: box?.width ?? 0,
      height: box?.height ?? 0,
      isLast: box !== undefined && box.top >= contentBottom,
    };
  });
}

describe('a long kiosk screen', () => {
  it.each([
    ['Where the money goes', STEP.moneyMap],
    ['Read the ideas', STEP.ideas],
  ] as const)(
    'Given a tablet in portrait, when a resident opens "%s" and reads to the end, then "Back to the menu" is there too, 48 px, and goes to the menu',
    async (tile, heading) => {
      const { context, page, errors } = await newTablet(app.browser);
      try {
        await page.setViewportSize({ width: 768, height: 1024 });
        const { dashboard } = await openDemoDashboard(page, app.url);
        await dashboard.startKiosk();
        const kiosk = new Kiosk(page);
        await kiosk.beginTurn();
        await kiosk.openFromMenu(tile);
        await kiosk.waitFor(heading);

        const back = await lastBack(page);
        expect(back.count).toBe(2);
        expect(back.isLast).toBe(true);
        expect(back.width).toBeGreaterThanOrEqual(48);
        expect(back.height).toBeGreaterThanOrEqual(48);

        await kiosk.button('Back to the menu').last().click();
        await kiosk.waitFor(STEP.menu);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
