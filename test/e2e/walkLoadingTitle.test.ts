/**
 * The page's title where no screen names it yet, in the staff language (WCAG 2.4.2 and 3.1.1). Since ad10079 each
 * staff screen names itself, but while a lazily loaded screen was still coming, and on the storage-problem screen,
 * the title fell back to index.html's English "Neighbourhood Co-design" even when staff had chosen Cymraeg. The
 * app's name in the staff language now stands beneath every screen's own title; the storage-problem screen is in
 * the staff language too.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLanguage, makeTranslator } from '../../src/ui/i18n';
import { Home } from './pages/Home';
import { axeViolations } from './support/axe';
import { holdChunk, OFFICER_CHUNK } from './support/heldChunk';
import { useBrowserAndApp } from './support/setup';
import { newTablet } from './support/tablet';

const app = useBrowserAndApp();
const cy = makeTranslator('cy');

beforeAll(async () => {
  await Promise.all([loadLanguage('cy'), loadLanguage('cy', 'staff')]);
});

describe('the page title while no screen names it', () => {
  it('Given staff who chose Cymraeg, when the officer view is still loading, then the page title is the app’s name in Welsh', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      // The officer view's code comes only when the test lets it, so its loading state stays while the title is read.
      const deliver = await holdChunk(page, OFFICER_CHUNK);
      const home = new Home(page);
      await home.goto(app.url);
      await page.getByRole('button', { name: 'Cymraeg', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: cy('app.name') }).waitFor();
      await expect.poll(() => page.title()).toBe(cy('app.name'));

      await page.goto(`${app.url}#/officer`);
      await page.getByText(cy('common.loading'), { exact: true }).waitFor();
      expect(await page.title()).toBe(cy('app.name'));
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('cy');
      expect(await axeViolations(page)).toEqual([]);

      deliver();
      await page.getByRole('alert').waitFor();
      await expect.poll(() => page.title()).toBe(`${cy('officer.heading')} – ${cy('app.name')}`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('Given staff who chose Cymraeg and a browser that cannot store anything, when the app opens, then the storage problem is said in Welsh, under a Welsh page title', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await context.addInitScript(() => {
        localStorage.setItem('ncd.staffLanguage', 'cy');
        // As a browser with storage switched off: no IndexedDB at all.
        Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
      });
      await page.goto(app.url);
      await page.getByRole('heading', { level: 1, name: cy('app.name') }).waitFor();
      expect(await page.getByRole('alert').textContent()).toBe(cy('storage.unavailable'));
      await expect.poll(() => page.title()).toBe(cy('app.name'));
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('cy');
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
