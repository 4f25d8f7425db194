/**
 * Unlocking facilitator mode puts focus on the screen it opens. The PIN form (and the field or button focus was
 * in) goes when the right PIN is given; focus was left on the page itself, so a screen-reader user heard nothing
 * of the dashboard and a keyboard user started again at "Skip to main content". Now focus goes to the screen's
 * main content, as the skip link does, for the dashboard and for the session's form ("Edit session").
 *
 * Saving that form keeps focus where it was: "Save changes" is disabled while the change is stored, which dropped
 * focus on the page itself, so a keyboard user started again at the top and a screen-reader user was left nowhere.
 * Now focus comes back to the button, beside the "Saved" it announces, as the app's other saves do.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, newTablet } from './support/tablet';
import { Home } from './pages/Home';
import { PinScreen } from './pages/PinScreen';
import { SessionForm } from './pages/SessionForm';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

/** The focused element: "main" when it is the screen's main content (or inside it), else what it is. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '(nothing: the page itself)';
    return el.closest('#main')
      ? 'main'
      : `${el.tagName.toLowerCase()} ${(el.textContent ?? '').trim().slice(0, 40)}`;
  });
}

describe('unlocking facilitator mode', () => {
  it.each([
    ['the dashboard', ''],
    ['the session’s form', '/edit'],
  ])(
    'Given the PIN screen in front of %s, when the right PIN is typed and Enter pressed, then focus is on the screen’s main content',
    async (_screen, suffix) => {
      const { context, page, errors } = await newTablet(app.browser);
      try {
        const home = new Home(page);
        await home.goto(app.url);
        const sessionId = await home.openDemo();
        if (suffix) await page.goto(`${app.url}#/session/${sessionId}${suffix}`);
        const pin = new PinScreen(page);
        await pin.waitUntilShown();
        await pin.field.fill(DEMO.pin);
        await pin.field.press('Enter');
        await pin.heading.waitFor({ state: 'detached' });

        await expect.poll(() => focused(page)).toBe('main');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});

describe('saving the session’s form', () => {
  it('Given the demo’s "Edit session" form with a new venue, when "Save changes" is pressed, then it says Saved and focus is back on the button', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const home = new Home(page);
      await home.goto(app.url);
      const sessionId = await home.openDemo();
      await page.goto(`${app.url}#/session/${sessionId}/edit`);
      await new PinScreen(page).unlock(DEMO.pin, 'Edit the session');
      const form = new SessionForm(page);
      await form.waitUntilShown();
      await form.field('Venue').fill('Northmoor Library, upstairs');

      await form.submitButton.click();

      await expect
        .poll(() => page.locator('[data-save-state]').getAttribute('data-save-state'))
        .toBe('saved');
      expect(await page.locator('[data-save-state]').textContent()).toBe('Saved');
      await expect
        .poll(() =>
          page.evaluate(() => {
            const el = document.activeElement;
            if (!el || el === document.body) return '(nothing: the page itself)';
            return `${el.tagName.toLowerCase()} ${(el.textContent ?? '').trim().slice(0, 40)}`;
          }),
        )
        .toBe('button Save changes');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
