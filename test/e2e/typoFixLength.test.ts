/**
 * "Fix a typo" and the session form never cut what a facilitator pastes. A `maxLength` of 120 dropped the end of a
 * pasted title without a word (counting UTF-16 units, so an emoji at the limit went too); now the text is kept,
 * "N characters too many" shows near the field, and saving is refused with the reason. Saving a correction that
 * changes nothing records nothing: the idea is not marked "Corrected by the facilitator".
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { axeViolations } from './support/axe';
import { DEMO, newTablet, openDemoDashboard } from './support/tablet';
import { PinScreen } from './pages/PinScreen';
import { SessionForm } from './pages/SessionForm';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

const IDEA = 'Lunch club for older people';
/** 119 letters, an emoji (two UTF-16 units) across the 120th, then more words: 136 units in all. */
const PASTED = `${'a'.repeat(119)}🙂 and more words`;

/** Pastes text into a field as a clipboard paste does (one insertion, replacing what is there). */
async function paste(page: Page, field: Locator, text: string): Promise<void> {
  await field.focus();
  await field.press('ControlOrMeta+a');
  await page.evaluate((t) => document.execCommand('insertText', false, t), text);
}

function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    const label = el?.labels?.[0]?.textContent?.trim();
    return label ?? `${el?.tagName.toLowerCase()} ${(el?.textContent ?? '').trim()}`;
  });
}

describe('moderation and session text is never cut', () => {
  it('Given “Fix a typo”, when a title over 120 characters with an emoji at the limit is pasted and saved, then all of it is kept, the excess is shown, and saving is refused with the reason', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await openDemoDashboard(page, app.url);
      const card = page.getByRole('article', { name: IDEA, exact: true });
      await card.getByRole('button', { name: 'Fix a typo' }).click();
      const title = card.getByLabel('Title', { exact: true });
      await paste(page, title, PASTED);

      expect(await title.inputValue()).toBe(PASTED);
      await card.getByText('16 characters too many. Please make it shorter.').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);

      await card.getByRole('button', { name: 'Save the correction', exact: true }).click();
      await card.getByText('This is too long: please keep it to 120 characters.').waitFor();
      await expect.poll(() => focusedLabel(page)).toBe('Title');
      expect(await title.inputValue()).toBe(PASTED);
      expect(await card.getByText('Corrected by the facilitator').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given “Fix a typo” opened, when the correction is saved with nothing changed, then nothing is recorded, the facilitator is told so, and focus returns to “Fix a typo”', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await openDemoDashboard(page, app.url);
      const card = page.getByRole('article', { name: IDEA, exact: true });
      const fix = card.getByRole('button', { name: 'Fix a typo' });
      await fix.click();
      // Spaces typed around the same words are no change either (saving trims them).
      await card.getByLabel('Title', { exact: true }).fill(`  ${IDEA} `);
      await card.getByRole('button', { name: 'Save the correction', exact: true }).click();

      await card
        .getByRole('status')
        .filter({ hasText: 'Nothing to save: the title and description are as they were.' })
        .waitFor();
      await expect.poll(() => fix.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await card.getByText('Corrected by the facilitator').count()).toBe(0);
      // After a reload (facilitator mode locks again), the idea is still as the resident wrote it.
      await page.reload();
      await new PinScreen(page).unlock(DEMO.pin, DEMO.title);
      await page.getByRole('article', { name: IDEA, exact: true }).waitFor();
      expect(await page.getByText('Corrected by the facilitator').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given the session form, when a session title over 120 characters is pasted and saved, then all of it is kept and the form says it is too long', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.openEditForm();
      const form = new SessionForm(page);
      const title = form.field('Session title');
      await paste(page, title, PASTED);
      expect(await title.inputValue()).toBe(PASTED);

      await form.submit();
      await form.errorSummary.waitFor();
      expect(await form.errorNextTo(title)).toBe('This is too long: please keep it to 120 characters.');
      expect(await title.inputValue()).toBe(PASTED);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
