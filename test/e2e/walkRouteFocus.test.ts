/**
 * Moving between screens puts focus on the new screen. The link or button pressed goes with the old screen; focus
 * was left on the page itself, so a screen-reader user heard nothing of where they now were and a keyboard user
 * started again at "Skip to main content". Now, after a route change, focus goes to the new screen's main content
 * (as the skip link does): home to the PIN screen, home to "Create a session", and the officer view's council
 * results to a session and on to its report. Against the real server on 127.0.0.1 (temporary DATA_DIR, SQLite).
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { enrolOfficer, syncToCouncil } from './support/officer';
import { newTablet } from './support/tablet';
import { NEIGHBOURHOOD, seedSpring, SPRING } from './support/neighbourhood';
import { Home } from './pages/Home';
import { PinScreen } from './pages/PinScreen';
import { useBrowserAndCouncil } from './support/setup';

const app = useBrowserAndCouncil('codesign-route-focus-e2e-');

beforeAll(async () => {
  await syncToCouncil(app, [seedSpring()]);
}, 60_000);

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

describe('moving between screens', () => {
  it('Given the home screen, when "Open the demo session" is pressed, then focus is on the PIN screen’s main content', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const home = new Home(page);
      await home.goto(app.url);
      await home.openDemo();
      await new PinScreen(page).waitUntilShown();

      await expect.poll(() => focused(page)).toBe('main');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given the home screen, when "Create a session" is chosen with the keyboard, then focus is on the form’s main content, and Back returns it to the home screen’s', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const home = new Home(page);
      await home.goto(app.url);
      await page.getByRole('link', { name: 'Create a session', exact: true }).press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Create a session' }).waitFor();
      await expect.poll(() => focused(page)).toBe('main');

      await page.goBack();
      await home.heading.waitFor();
      await expect.poll(() => focused(page)).toBe('main');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given an officer’s device, when the council results, a session and its report are opened in turn, then focus is on each screen’s main content', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await enrolOfficer(page, app);
      await page.getByRole('link', { name: 'Open the council results' }).click();
      await page.getByRole('heading', { level: 1, name: 'Council results' }).waitFor();
      await expect.poll(() => focused(page)).toBe('main');

      const area = page.getByRole('region', { name: NEIGHBOURHOOD });
      await area.getByRole('link', { name: SPRING }).click();
      await page.getByRole('heading', { level: 1, name: SPRING }).waitFor();
      await expect.poll(() => focused(page)).toBe('main');

      await page.locator('[data-export=report]').click();
      await page.getByRole('button', { name: 'Print or save as PDF' }).waitFor();
      await expect.poll(() => focused(page)).toBe('main');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
