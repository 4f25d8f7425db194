/**
 * On the very first load, focus stays where the browser puts it: at the start of the document, so a screen reader
 * starts at the top and the first Tab reaches "Skip to main content". The app counted its first route (after a
 * moment of "Loading…" with no route) as a route change and put focus on the main content, skipping the page's
 * start. Moving between screens still takes focus to the new screen's main content (walkRouteFocus.test.ts).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newTablet } from './support/tablet';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '(the start of the page)';
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} ${(el.textContent ?? '').trim().slice(0, 30)}`;
  });
}

/** Lets the screen's effects run: Preact runs them after the next frame. */
async function settle(page: Page): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  }
}

describe('focus on the first load', () => {
  it.each([
    ['the home screen', '', 'Neighbourhood Co-design'],
    ['"Create a session"', '#/new', 'Create a session'],
  ])(
    'Given %s opened directly, when it has loaded, then focus is at the start of the page and the first Tab reaches “Skip to main content”',
    async (_, hash, heading) => {
      const { context, page, errors } = await newTablet(app.browser);
      try {
        await page.goto(`${app.url}${hash}`);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await settle(page);

        expect(await focused(page)).toBe('(the start of the page)');
        await page.keyboard.press('Tab');
        expect(await focused(page)).toBe('a Skip to main content');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
