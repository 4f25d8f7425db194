/**
 * A facilitator's refused change takes the keyboard to the field that says why. "Fix a typo" with the title
 * emptied, or "Hide the idea" with no reason, showed "Please fill this in." beside the field but left focus on the
 * button just pressed: a screen-reader user heard nothing and had to go looking. Now focus goes to the field, as
 * on the residents' screens, and what was there is kept.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadLanguage, makeTranslator } from '../../src/ui/i18n';
import { newTablet, openDemoDashboard } from './support/tablet';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

beforeAll(async () => {
  await loadLanguage('cy', 'staff');
});

const IDEA = 'Lunch club for older people';

/** The focused field's label and whether it is marked invalid, or what else has focus. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el || el === document.body) return '(nothing: the page itself)';
    const label = el.labels?.[0]?.textContent?.trim();
    return label
      ? `${label}${el.getAttribute('aria-invalid') === 'true' ? ' (invalid)' : ''}`
      : `${el.tagName.toLowerCase()} ${(el.textContent ?? '').trim()}`;
  });
}

describe('moderation errors take focus to the field', () => {
  it('Given “Fix a typo” with the title emptied, when the correction is saved, then focus is on the title field, marked invalid, and the idea is unchanged', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await openDemoDashboard(page, app.url);
      const card = page.getByRole('article', { name: IDEA, exact: true });
      await card.getByRole('button', { name: 'Fix a typo' }).click();
      await card.getByLabel('Title', { exact: true }).fill('');
      await card.getByRole('button', { name: 'Save the correction', exact: true }).click();
      await card.getByText('Please fill this in.').waitFor();

      await expect.poll(() => focused(page)).toBe('Title (invalid)');
      expect(await page.getByRole('article', { name: IDEA, exact: true }).count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given “Hide this idea” with no reason, when the idea is hidden, then focus is on the reason field, marked invalid, and the idea is still shown; with a reason it is hidden and shown again, and both lines turn Welsh when staff switch to Cymraeg', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await openDemoDashboard(page, app.url);
      const card = page.getByRole('article', { name: IDEA, exact: true });
      await card.getByRole('button', { name: 'Hide this idea' }).click();
      await card.getByRole('button', { name: 'Hide the idea', exact: true }).click();
      await card.getByText('Please fill this in.').waitFor();

      await expect.poll(() => focused(page)).toBe('Why are you hiding it? (invalid)');
      expect(await page.getByRole('article', { name: IDEA, exact: true }).count()).toBe(1);

      // With a reason the idea is hidden (the keyboard stays in the list), then shown again.
      await card.getByLabel('Why are you hiding it?').fill('Already offered by the council.');
      await card.getByRole('button', { name: 'Hide the idea', exact: true }).click();
      const hiddenLine = page.locator('#fac-ideas-heading ~ p.fac-announce');
      await expect.poll(() => hiddenLine.innerText()).toBe(`“${IDEA}” is now hidden.`);
      await expect.poll(() => focused(page)).toBe('h2 Look after the ideas');
      await page.getByRole('button', { name: `Show this idea again: ${IDEA}`, exact: true }).click();
      const shownLine = page.locator('section[aria-labelledby="fac-hidden-heading"] > p.fac-announce');
      await expect.poll(() => shownLine.innerText()).toBe(`“${IDEA}” is shown to residents again.`);

      // Staff switch to Cymraeg: both lines say the same in Welsh (they stayed English before).
      await page.getByRole('button', { name: 'Cymraeg', exact: true }).click();
      const cy = makeTranslator('cy');
      await expect.poll(() => hiddenLine.innerText()).toBe(cy('fac.hide.done', { title: IDEA }));
      expect(await shownLine.innerText()).toBe(cy('fac.hidden.done', { title: IDEA }));
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
