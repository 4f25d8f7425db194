/**
 * The "Still there?" warning and the resident's place on the screen. A resident typing an idea who pauses gets the
 * warning, which takes focus to "I'm still here" (the screen behind turns inert). Once it closes, by a key or a tap,
 * focus must be back in the field they were typing in, with what they typed unchanged: not lost to the top of the
 * page, where a keyboard or switch user starts again at "Skip to main content", and not sent on to the field (Enter
 * on "I'm still here" must not add the idea, Space must not type a space into it).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newTablet, openDemoDashboard } from './support/tablet';
import { Kiosk, STEP } from './pages/Kiosk';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

const TYPED = 'Shade trees on Moor Parade';
/** Longer than Preact's wait for a frame before it runs effects (as in the Kiosk page object). */
const EFFECTS_FLUSH_MS = 200;

/** The focused element's accessible label (its <label>'s text) or its text. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el || el === document.body) return '(nothing: the page itself)';
    return (el.labels?.[0]?.textContent ?? el.textContent ?? el.tagName).trim();
  });
}

async function untilFocused(page: Page, name: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  let seen = await focusedName(page);
  while (seen !== name && Date.now() < deadline) {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
    seen = await focusedName(page);
  }
  return seen;
}

/**
 * Shift+Tab as a person presses it: Shift first, a moment (the page's effects run), then Tab. Shift alone used to
 * answer the warning and put focus back in the field, and the Tab after it then moved on to "Back to the menu".
 */
async function shiftTab(page: Page): Promise<void> {
  await page.keyboard.down('Shift');
  await page.clock.runFor(EFFECTS_FLUSH_MS);
  await page.keyboard.press('Tab');
  await page.keyboard.up('Shift');
}

describe('the idle warning gives focus back', () => {
  it.each([
    ['Enter on “I’m still here”', (kiosk: Kiosk) => kiosk.page.keyboard.press('Enter')],
    ['Space on “I’m still here”', (kiosk: Kiosk) => kiosk.page.keyboard.press('Space')],
    ['Tab', (kiosk: Kiosk) => kiosk.page.keyboard.press('Tab')],
    ['Shift+Tab', (kiosk: Kiosk) => shiftTab(kiosk.page)],
    ['a tap on “I’m still here”', (kiosk: Kiosk) => kiosk.tap('I’m still here')],
  ])(
    'Given a resident typing an idea who left it long enough for the warning, when they answer it with %s, then focus is back in the field and nothing was added or typed',
    async (_how, answer) => {
      const { context, page, errors } = await newTablet(app.browser);
      try {
        await page.clock.install();
        const { dashboard } = await openDemoDashboard(page, app.url);
        await dashboard.startKiosk();
        const kiosk = new Kiosk(page);
        await kiosk.beginTurn();
        await kiosk.openFromMenu('Add your idea');
        await kiosk.ideaTitle.fill(TYPED);
        await kiosk.ideaTitle.focus();

        await kiosk.stopTime();
        await kiosk.idleUntilWarning();
        await kiosk.idleDialog.waitFor();
        expect(await focusedName(page)).toBe('I’m still here');

        await answer(kiosk);
        await page.clock.resume();
        await kiosk.idleDialog.waitFor({ state: 'detached' });

        expect(await untilFocused(page, 'Your idea in a few words')).toBe('Your idea in a few words');
        expect(await kiosk.ideaTitle.inputValue()).toBe(TYPED);
        expect(await kiosk.step(STEP.addIdea).isVisible()).toBe(true);
        expect(await page.locator('.field__error').count()).toBe(0);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
