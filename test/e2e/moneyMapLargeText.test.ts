/**
 * The money map on a 320 px phone with larger text (WCAG 1.4.4 resize text): the app's "Larger text", and the root
 * font size doubled as the browser's text size setting or 200% zoom does. The picture's words were shrunk to fit its
 * two columns, to 10 px beside 27 px text. Now, where they would be drawn under 70% of their size, each box shows a
 * number and the words are listed under the picture, at the page's text size. With E2E_SCREENSHOTS=<dir>, the
 * picture and its list are saved there.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Kiosk } from './pages/Kiosk';
import { Pictures } from './pages/Pictures';
import { axeViolations } from './support/axe';
import { settleLayout } from './support/layout';
import { useBrowserAndApp } from './support/setup';
import { newTablet, openDemoDashboard } from './support/tablet';

const app = useBrowserAndApp();
const PHONE = { width: 320, height: 568 };

/** The demo's money map in the picture's order: each public body, then its services, then the totals. */
const DEMO_MAP = [
  'Northmoor City Council £3,065,000',
  'Youth services £420,000',
  'Parks and green spaces £310,000',
  'Libraries and community centres £185,000',
  'Adult social care £2,150,000',
  'NHS North Moorland Integrated Care Board £380,000',
  'Community health and wellbeing £380,000',
  'Moorland Police £640,000',
  'Neighbourhood policing £640,000',
  'Police and Crime Commissioner £95,000',
  'Community safety fund £95,000',
  'Jobcentre Plus (DWP) £520,000',
  'Employment support £520,000',
  'Northmoor Homes (housing association) £150,000',
  'Community investment £150,000',
  'Money that can be pooled £1,540,000',
  'The pot you help decide on £250,000',
];

/** The money map's words as drawn: each name's and amount's font size, and how many lines each amount takes. */
function mapWords(page: Page) {
  return page.evaluate(() => {
    const size = (el: Element): number => parseFloat(getComputedStyle(el).fontSize);
    const lines = (el: Element): number => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    };
    const words = [...document.querySelectorAll('.money-flow__name, .money-flow__amount')];
    return {
      body: size(document.body),
      sizes: words.map((el) => ({ text: el.textContent ?? '', px: size(el) })),
      amountLines: [...document.querySelectorAll('.money-flow__amount')].map(lines),
      numbers: [...document.querySelectorAll('.money-flow__node')].map((n) => n.textContent?.trim() ?? ''),
      legend: [...document.querySelectorAll<HTMLElement>('.money-legend li')].map((li) =>
        li.innerText.replace(/\s+/g, ' ').trim(),
      ),
      pageWidth: document.documentElement.scrollWidth,
      windowWidth: window.innerWidth,
    };
  });
}

describe('the money map on a phone with larger text', () => {
  it('Given a 320x568 phone with Larger text, and then the root font size doubled, when a resident opens the money map, then its words are at least the body text’s size, listed under the picture by the number each box shows, every amount on one line, and axe finds nothing', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.startKiosk();
      await page.setViewportSize(PHONE);
      const kiosk = new Kiosk(page);
      await kiosk.beginTurnIn('en', true);
      await kiosk.openFromMenu('Where the money goes');
      await new Pictures(page).waitForMoneyMap();

      for (const setting of ['Larger text', 'root font size doubled']) {
        if (setting !== 'Larger text') {
          await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
        }
        await page.evaluate(() => document.fonts.ready.then(() => null));
        await settleLayout(page);
        const dir = process.env.E2E_SCREENSHOTS;
        if (dir) {
          mkdirSync(dir, { recursive: true });
          const name = setting.replace(/\W+/g, '-');
          await page.locator('.money-flow').screenshot({ path: join(dir, `map-320-${name}.png`) });
          await page.locator('.money-legend').screenshot({ path: join(dir, `map-legend-320-${name}.png`) });
        }

        const drawn = await mapWords(page);
        expect(
          drawn.sizes.filter((w) => w.px < drawn.body),
          setting,
        ).toEqual([]);
        expect(drawn.legend, setting).toEqual(DEMO_MAP.map((words, i) => `${i + 1} ${words}`));
        expect(drawn.numbers, setting).toEqual(DEMO_MAP.map((_, i) => String(i + 1)));
        expect(
          drawn.amountLines.every((n) => n === 1),
          setting,
        ).toBe(true);
        expect(drawn.pageWidth, setting).toBeLessThanOrEqual(drawn.windowWidth);
        expect(await axeViolations(page), setting).toEqual([]);
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
