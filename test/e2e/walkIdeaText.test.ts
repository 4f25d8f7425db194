/**
 * What a resident types is shown as they typed it. A description in two paragraphs, or a comment over two lines,
 * keeps its line breaks on the idea's screen (run together, "Line one Line two" reads as one muddled sentence), and a
 * very long word (a web address, a run of letters) wraps inside the tablet's width instead of pushing the page
 * sideways. Both tablet sizes, in large text.
 */
import { describe, expect, it } from 'vitest';
import { layoutProblems, settleLayout, TABLET_SIZES } from './support/layout';
import { newTablet, openDemoDashboard } from './support/tablet';
import { COMMENT_ADDED, Kiosk } from './pages/Kiosk';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

const TITLE = 'Benches along the canal path';
const LONG_WORD = `https://example.org/${'northmoor'.repeat(20)}`;
const DESCRIPTION = `Somewhere to rest on the way to the shops.\n\nOlder people stop going out when there is nowhere to sit. ${LONG_WORD}`;
const COMMENT = 'Yes please.\nMy mum would walk to the library again.';

describe('an idea’s own words on its screen', () => {
  it('Given a resident who added an idea in two paragraphs and a comment over two lines, when the idea is shown, then the line breaks are kept and nothing is wider than the tablet', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await kiosk.waitFor('Welcome');
      await kiosk.tap('Larger text');
      await kiosk.beginTurn();
      await kiosk.addIdea({
        title: TITLE,
        description: DESCRIPTION,
        theme: 'Health and wellbeing',
        cost: '4000',
      });
      await kiosk.commentBox.fill(COMMENT);
      await kiosk.tap('Add my comment');
      await page.getByRole('status').filter({ hasText: COMMENT_ADDED }).waitFor();

      // innerText is the text as laid out: line breaks the page does not show are not in it.
      expect(await page.locator('.idea-description').innerText()).toBe(DESCRIPTION);
      expect(await page.locator('.idea-comments li').first().innerText()).toBe(COMMENT);

      const problems: Record<string, string[]> = {};
      for (const size of TABLET_SIZES) {
        await page.setViewportSize(size);
        await settleLayout(page);
        const found = await layoutProblems(page);
        if (found.length > 0) problems[`${size.width}x${size.height}`] = found;
      }
      expect(problems).toEqual({});
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
