/**
 * A paper sheet typed by hand that breaks a rule of one idea (the demo: at most 3 dots on one idea). With 9 dots on
 * idea 1, every one of the 23 boxes was marked in red and the message ("You can put at most 3 dots on one idea.")
 * named no idea, so the facilitator had to find the box among 23. Now only that idea's box is marked (aria-invalid,
 * described by the message), the message names the idea in the CSV import's words, and focus goes to that box. A
 * rule of the sheet as a whole (too many dots in all) marks the boxes that hold dots and no empty one.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe';
import { newTablet, openDemoDashboard } from './support/tablet';
import { PaperBallots } from './pages/PaperBallots';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

/** The accessible names of the boxes marked aria-invalid in the paper form's choices. */
async function invalidBoxes(paper: PaperBallots): Promise<string[]> {
  return paper.region
    .locator('.paper-choices input[aria-invalid="true"]')
    .evaluateAll((els) => els.map((el) => (el as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? ''));
}

/** How many of the choices' boxes are drawn with the danger border (3 px). */
async function boxesDrawnAsErrors(page: Page): Promise<number> {
  return page
    .locator('.paper-choices input')
    .evaluateAll((els) => els.filter((el) => getComputedStyle(el).borderTopWidth === '3px').length);
}

describe('a hand-typed paper sheet that breaks a rule', () => {
  it('Given the demo dashboard, when sheet 12 is typed with 9 dots on idea 1, then only idea 1’s box is marked, the message names it, focus is in it, and axe finds nothing', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await openDemoDashboard(page, app.url);
      const paper = new PaperBallots(page);
      await paper.region.getByRole('heading', { name: 'Type in one sheet' }).waitFor();
      const boxes = paper.region.locator('.paper-choices input');
      const first = boxes.first();
      const firstName = (
        await first.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? '')
      ).trim();
      // "1. Youth club open on Friday and Saturday nights (£12,000)" -> the title.
      const title = firstName.replace(/^\d+\.\s*/, '').replace(/\s*\([^)]*\)$/, '');
      expect(firstName.startsWith('1. ')).toBe(true);

      await paper.sheetField.fill('12');
      await first.fill('9');
      await paper.button('Add this sheet').click();

      const message = paper.region.locator('.paper-choices .field__error');
      await message.waitFor();
      expect(await message.textContent()).toBe(
        `${title}: this sheet has 9 dots on this idea; the session allows at most 3 on one idea.`,
      );
      expect(await invalidBoxes(paper)).toEqual([firstName]);
      expect(await boxesDrawnAsErrors(page)).toBe(1);
      expect(await boxes.count()).toBeGreaterThan(1);
      // The box is described by the message, so a screen reader says why it is wrong.
      const describedBy = (await first.getAttribute('aria-describedby')) ?? '';
      expect(describedBy.split(' ')).toContain(await message.getAttribute('id'));
      // Focus moves in a timer after the refusal is drawn: polled.
      await expect.poll(() => first.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await paper.counts()).toEqual({ kiosk: 12, paper: 0 });
      expect(await axeViolations(page)).toEqual([]);

      // Put right in the box but not added again: the message and the mark stay with the sheet as it was added
      // (they were worked out from the boxes as typed since, so the message lost the idea's name), and an idea
      // typed over the rule since is not blamed for it.
      await first.fill('3');
      await boxes.nth(1).fill('9');
      expect(await message.textContent()).toBe(
        `${title}: this sheet has 9 dots on this idea; the session allows at most 3 on one idea.`,
      );
      expect(await invalidBoxes(paper)).toEqual([firstName]);

      // Too many dots in all (2 + 2 + 2 of 5): the three boxes with dots are marked, no empty one.
      await first.fill('2');
      await boxes.nth(1).fill('2');
      await boxes.nth(2).fill('2');
      await paper.button('Add this sheet').click();
      // In the words of the person typing the sheet in, with the sheet's figures (it said the kiosk's words to a
      // resident: "You have 5 dots in all. Take a dot off another idea first.").
      await paper.region
        .getByText('This sheet has 6 dots in all; the session allows at most 5.', { exact: true })
        .waitFor();
      expect((await invalidBoxes(paper)).length).toBe(3);
      expect(await boxesDrawnAsErrors(page)).toBe(3);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
