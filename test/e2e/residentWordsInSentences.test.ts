/**
 * A resident's own words inside the staff's sentences cannot turn them around. An idea titled
 * "Bus pass U+202E costs £1,000" (a right-to-left override, pasted or typed) made the facilitator's "… is now
 * hidden." read backwards, and a plain Arabic title, "نادي الشباب 2" costing £500, put "(£500)" before the title
 * on the English paper ballot form, as if it were part of the Arabic. Now the override is not stored, a title with
 * right-to-left letters is isolated (FSI … PDI) inside the English sentence, and the cost stays after it on the
 * line. And one resident's 2,000-letter word in a description no longer makes the facilitator's dashboard wider than
 * the screen (it was 35,637 px wide), nor a long theme name run over "Languages" beside it.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Dashboard } from './pages/Dashboard';
import { IDEA_ADDED, Kiosk, STEP, type IdeaValues } from './pages/Kiosk';
import { PaperBallots } from './pages/PaperBallots';
import { PinScreen } from './pages/PinScreen';
import { DEMO, newTablet, openDemoDashboard } from './support/tablet';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

const RLO = '\u202E';
const OVERRIDDEN = `Bus pass ${RLO}costs £1,000`;
const ARABIC = 'نادي الشباب 2';
const LONG_WORD = 'W'.repeat(2000);
const THEME = 'Health and wellbeing';

/** Adds an idea from the menu without waiting for a heading of the typed title (what is stored may differ). */
async function addIdea(kiosk: Kiosk, idea: IdeaValues): Promise<void> {
  await kiosk.openFromMenu('Add your idea');
  await kiosk.fillIdea(idea);
  await kiosk.tap('Add my idea');
  await kiosk.page.getByText(IDEA_ADDED, { exact: true }).waitFor();
  await kiosk.tap('Back to the ideas', STEP.ideas);
  await kiosk.backToMenu();
}

/**
 * Where two parts of an element's text are drawn, left to right: the left edge of the first character of each
 * (found in the element's text as laid out, by a Range over its text nodes).
 */
function leftEdges(page: Page, selector: string, parts: string[]): Promise<number[]> {
  return page.locator(selector).evaluate((el, wanted) => {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    return wanted.map((part) => {
      for (const node of nodes) {
        const at = node.data.indexOf(part);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        return range.getBoundingClientRect().left;
      }
      return Number.NaN;
    });
  }, parts);
}

describe('residents’ words inside staff sentences', () => {
  it('Given a resident who adds an idea with a right-to-left override, an idea in Arabic and a description of one 2,000-letter word, when the facilitator reads the dashboard, then the override is gone, the Arabic title is isolated in the English sentences with its cost after it, and the dashboard is no wider than the screen', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await kiosk.beginTurn();
      await addIdea(kiosk, { title: OVERRIDDEN, theme: THEME, cost: '500', description: LONG_WORD });
      await addIdea(kiosk, { title: ARABIC, theme: THEME, cost: '500' });
      await kiosk.handOver();
      await new PinScreen(page).unlock(DEMO.pin, DEMO.title);
      const board = new Dashboard(page, DEMO.title);
      await board.waitUntilShown();

      // The override was not stored: the idea is titled without it, everywhere.
      const stored = page.getByRole('article', { name: 'Bus pass costs £1,000', exact: true });
      expect(await stored.locator('h3').textContent()).toBe('Bus pass costs £1,000');
      expect(await page.locator('body').evaluate((b) => b.textContent?.includes('\u202E'))).toBe(false);

      // A 2,000-letter word wraps inside its card: the page does not scroll sideways.
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);

      // The paper form's label: "25. نادي الشباب 2 (£500)" keeps "(£500)" to the right of the Arabic title.
      const paper = new PaperBallots(page);
      const label = paper.region.locator('li').filter({ hasText: ARABIC });
      const labelText = (await label.textContent()) ?? '';
      expect(labelText).toContain(`\u2068${ARABIC}\u2069`);
      await label.evaluate((li) => li.setAttribute('data-test-label', ''));
      const [title, cost] = await leftEdges(page, '[data-test-label]', ['ن', '£500']);
      expect(cost).toBeGreaterThan(title!);

      // "“نادي الشباب 2” is now hidden.": the title is isolated inside the English sentence.
      const card = page.getByRole('article', { name: ARABIC, exact: true });
      await card.getByRole('button', { name: 'Hide this idea' }).click();
      await card.getByLabel('Why are you hiding it?').fill('A test.');
      await card.getByRole('button', { name: 'Hide the idea', exact: true }).click();
      const hiddenLine = page.locator('#fac-ideas-heading ~ p.fac-announce');
      await expect.poll(() => hiddenLine.textContent()).toBe(`“\u2068${ARABIC}\u2069” is now hidden.`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given a facilitator who names a theme with one 100-letter word, when the dashboard shows the session, then the name wraps in its box and does not run over “Languages” beside it', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.openEditForm();
      await page.getByLabel('Theme 1', { exact: true }).fill('Y'.repeat(100));
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.locator('[data-save-state="saved"]').waitFor();
      await page.getByRole('link', { name: 'Back to the session' }).click();
      await dashboard.waitUntilShown();

      // Every fact (Themes, Languages, ...) keeps its words inside its own box.
      const spills = await page
        .locator('.fac-details > div')
        .evaluateAll((boxes) =>
          boxes
            .filter((box) => box.scrollWidth > box.clientWidth + 1)
            .map((box) => box.querySelector('dt')?.textContent),
        );
      expect(spills).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
