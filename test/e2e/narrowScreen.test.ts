/**
 * The resident's turn on a screen 320 CSS px wide (WCAG 1.4.10 reflow: a small phone, or a tablet at 250% zoom),
 * and in high contrast (forced colours). At 320 px the page never scrolls sideways: the menu and the ideas are one
 * column, the money map's tables scroll inside their own named region, and the money map picture is laid out in two
 * columns with every amount whole inside its box and no word broken. The session's name in the top bar wraps at
 * spaces. In a Welsh turn the money map's bodies and services (typed in English) are marked as English. In forced
 * colours, filled dots and the share-of-the-pot bar still look filled.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { newTablet, openDemoDashboard } from './support/tablet';
import { axeViolations } from './support/axe';
import { layoutProblems, settleLayout } from './support/layout';
import { smallTargets } from './support/targets';
import { Kiosk, STEP } from './pages/Kiosk';
import { Pictures } from './pages/Pictures';
import { LOCALES, loadLanguage, makeTranslator } from '../../src/ui/i18n';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();
const PHONE = { width: 320, height: 640 };

beforeAll(async () => {
  await loadLanguage('cy');
});

/** What is wrong with the screen at this width: sideways scrolling, the page's layout checks, small targets, axe. */
async function screenProblems(page: Page, name: string): Promise<string[]> {
  await settleLayout(page);
  const found = await layoutProblems(page);
  const [scrollWidth, innerWidth] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    window.innerWidth,
  ]);
  if (scrollWidth > innerWidth) found.push(`the page is ${scrollWidth} px wide in a ${innerWidth} px window`);
  found.push(...(await smallTargets(page, 48)).map((t) => `small target: ${t}`));
  found.push(...(await axeViolations(page)));
  return found.map((p) => `${name}: ${p}`);
}

/** The words of `within` that are split over two lines (a word broken in the middle). */
async function brokenWords(within: Locator): Promise<string[]> {
  return within.evaluateAll((els) => {
    const out: string[] = [];
    for (const el of els) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (lines.size > 1) out.push(match[0]);
        }
      }
    }
    return out;
  });
}

/** Each box of the money map picture: its amount as shown, and whether that text lies inside its box and the picture. */
async function pictureAmounts(page: Page): Promise<{ key: string; amount: string; isInside: boolean }[]> {
  return page.locator('.money-flow__node').evaluateAll((nodes) => {
    const picture = document.querySelector('.money-flow')!.getBoundingClientRect();
    return nodes.map((node) => {
      const amount = node.querySelector('.money-flow__amount')!;
      const range = document.createRange();
      range.selectNodeContents(amount);
      const text = range.getBoundingClientRect();
      const box = node.getBoundingClientRect();
      const within = (outer: DOMRect) =>
        text.left >= outer.left - 0.5 &&
        text.right <= outer.right + 0.5 &&
        text.top >= outer.top - 0.5 &&
        text.bottom <= outer.bottom + 0.5;
      return {
        key: node.getAttribute('data-key') ?? '',
        amount: (amount.textContent ?? '').replace(/\s+/g, ' '),
        isInside: within(box) && within(picture),
      };
    });
  });
}

describe('a resident on a screen 320 px wide, and in high contrast', () => {
  it('Given the demo session at 320x640, when a resident walks the menu, the ideas, the money map and the priorities, then nothing scrolls sideways but the tables in their own region, and the picture shows every amount whole', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const kiosk = new Kiosk(page);
      const pictures = new Pictures(page);
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.startKiosk();
      await page.setViewportSize(PHONE);
      await kiosk.beginTurn();

      // Every screen is checked before the test fails, so a failure lists all that is wrong.
      const problems: string[] = [];
      problems.push(...(await screenProblems(page, 'menu')));
      // The session's name wraps between words, never inside one ("Northmoor / : what…" split it at random).
      for (const word of await brokenWords(page.locator('.kiosk-bar__title'))) {
        problems.push(`top bar: "${word}" is split over two lines`);
      }

      await kiosk.openFromMenu('Read the ideas');
      problems.push(...(await screenProblems(page, 'ideas')));
      await kiosk.backToMenu();

      await kiosk.openFromMenu('Where the money goes');
      await pictures.waitForMoneyMap();
      problems.push(...(await screenProblems(page, 'money map')));
      const amounts = await pictureAmounts(page);
      const pot = amounts.find((a) => a.key === 'pot');
      const fullPot = makeTranslator('en').money(250_000_00);
      if (pot?.amount !== fullPot) problems.push(`picture: the pot reads "${pot?.amount}", not ${fullPot}`);
      for (const a of amounts.filter((x) => !x.isInside)) {
        problems.push(`picture: "${a.amount}" (${a.key}) goes outside its box or the picture`);
      }
      for (const word of await brokenWords(page.locator('.money-flow__node'))) {
        problems.push(`picture: "${word}" is split over two lines`);
      }
      // A table too wide for the screen scrolls in a region named by its public body, which a keyboard reaches;
      // a table that fits is a plain box (no extra tab stop or landmark).
      const boxes = await page.locator('.money-body .scroll-region').evaluateAll((els) =>
        els.map((el) => ({
          scrolls: el.scrollWidth > el.clientWidth + 1,
          role: el.getAttribute('role'),
          tabindex: el.getAttribute('tabindex'),
          named: (el.getAttribute('aria-labelledby') ?? '') !== '',
        })),
      );
      const map = await pictures.moneyMapGeometry();
      await kiosk.backToMenu();

      await kiosk.openFromMenu('Choose your priorities');
      await kiosk.putDots('Youth club open on Friday and Saturday nights', 2);
      problems.push(...(await screenProblems(page, 'priorities')));
      expect(problems).toEqual([]);

      expect(boxes).toHaveLength(6);
      expect(boxes.filter((b) => b.scrolls).length).toBeGreaterThan(0);
      for (const b of boxes) {
        expect(b).toEqual(
          b.scrolls
            ? { scrolls: true, role: 'region', tabindex: '0', named: true }
            : { scrolls: false, role: null, tabindex: null, named: false },
        );
      }
      // The picture in two columns: each service under its body, the pot under the pooled money.
      expect(map.pot[0]!.top).toBeGreaterThanOrEqual(map.pooled[0]!.bottom);
      expect(map.services.every((s) => map.bodies.some((b) => b.left <= s.left && s.right <= b.right))).toBe(
        true,
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given forced colours (high contrast), when a resident puts dots on an idea, then the filled dots and the share-of-the-pot bar look filled, unlike the empty ones', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const kiosk = new Kiosk(page);
      await page.emulateMedia({ forcedColors: 'active' });
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.startKiosk();
      await kiosk.beginTurn();
      await kiosk.openFromMenu('Choose your priorities');
      const title = 'Youth club open on Friday and Saturday nights';
      await kiosk.putDots(title, 2);
      const item = page.locator('.ballot-item').filter({ hasText: title });
      await item.locator('.pot-share__fill').waitFor();

      const looks = await item.evaluate((el) => {
        const bg = (selector: string) => getComputedStyle(el.querySelector(selector)!).backgroundColor;
        return {
          dotOn: bg('.dot--on'),
          dotOff: bg('.dot:not(.dot--on)'),
          fill: bg('.pot-share__fill'),
          bar: bg('.pot-share__bar'),
          page: getComputedStyle(document.body).backgroundColor,
          dotsOn: el.querySelectorAll('.dot--on').length,
        };
      });
      expect(looks.dotsOn).toBe(2);
      expect(looks.dotOn).not.toBe(looks.dotOff);
      expect(looks.dotOn).not.toBe(looks.page);
      expect(looks.fill).not.toBe(looks.bar);
      expect(looks.fill).not.toBe(looks.page);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given a session typed in English with Welsh turned on, when a resident reads the money map in Welsh, then its bodies and services are marked as English', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.openEditForm();
      await page.getByRole('checkbox', { name: LOCALES.cy!.name, exact: true }).check();
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.locator('[data-save-state="saved"]').waitFor();
      await page.getByRole('link', { name: 'Back to the session' }).click();
      await dashboard.waitUntilShown();
      await dashboard.startKiosk();

      const t = makeTranslator('cy');
      const kiosk = new Kiosk(page);
      await kiosk.waitFor(STEP.welcome);
      await kiosk.tap(LOCALES.cy!.name, t('kiosk.welcome.title'));
      await kiosk.tap(t('kiosk.welcome.start'));
      await kiosk.tap(t('kiosk.consent.agree'));
      const about = kiosk.step(t('kiosk.about.title'));
      await about.or(kiosk.step(t('kiosk.hub.title'))).waitFor();
      if (await about.isVisible()) await kiosk.tap(t('kiosk.about.skip'));
      await kiosk.tap(t('kiosk.hub.moneyMap'), t('kiosk.money.title'));
      await new Pictures(page).waitForMoneyMap();

      expect(await page.evaluate(() => document.documentElement.lang)).toBe('cy');
      const langOf = (locator: Locator) =>
        locator.evaluateAll((els) =>
          els.map((el) => [el.textContent, el.closest('[lang]')?.getAttribute('lang')]),
        );
      const bodies = await langOf(page.locator('.money-body h2 bdi'));
      expect(bodies).toContainEqual(['Northmoor City Council', 'en']);
      expect(bodies.every(([, lang]) => lang === 'en')).toBe(true);
      const services = await langOf(page.locator('.money-table tbody th bdi'));
      expect(services).toContainEqual(['Neighbourhood policing', 'en']);
      expect(services.every(([, lang]) => lang === 'en')).toBe(true);
      // The catalogue's own words on the screen stay Welsh.
      const heading = page.getByRole('columnheader', { name: t('kiosk.money.service'), exact: true }).first();
      expect(await heading.evaluate((el) => el.closest('[lang]')?.getAttribute('lang'))).toBe('cy');
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('a resident on a screen 320 px wide with larger text', () => {
  it('Given larger text at 320x640, when a resident opens the money map, then its totals fit and nothing scrolls sideways', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const kiosk = new Kiosk(page);
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.startKiosk();
      await page.setViewportSize(PHONE);
      await kiosk.waitFor('Welcome');
      await kiosk.tap('Larger text');
      await kiosk.beginTurn();
      await kiosk.openFromMenu('Where the money goes');
      await new Pictures(page).waitForMoneyMap();
      await settleLayout(page);
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        window: window.innerWidth,
        totals: [...document.querySelectorAll('.money-totals__item dd')].map((dd) => {
          const range = document.createRange();
          range.selectNodeContents(dd);
          return (
            range.getBoundingClientRect().right <=
            dd.closest('.money-totals__item')!.getBoundingClientRect().right
          );
        }),
      }));
      expect(widths.page).toBeLessThanOrEqual(widths.window);
      expect(widths.totals).toEqual([true, true, true]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('staff on a screen 320 px wide', () => {
  it('Given a facilitator at 320x640, when they open the demo’s dashboard, its edit form and a new session form, in English and in Cymraeg, then no page scrolls sideways', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await page.setViewportSize(PHONE);
      const wide = async (name: string): Promise<string[]> => {
        await settleLayout(page);
        // The page's width, and what sticks out past the window (the innermost elements that do), to name it.
        const [scrollWidth, innerWidth, out] = await page.evaluate(() => {
          const over = (el: Element): boolean => el.getBoundingClientRect().right > window.innerWidth + 0.5;
          const leaves = [...document.querySelectorAll('body *')].filter(
            (el) => over(el) && ![...el.children].some(over),
          );
          return [
            document.documentElement.scrollWidth,
            window.innerWidth,
            leaves
              .slice(0, 6)
              .map(
                (el) =>
                  `${el.tagName.toLowerCase()}.${el.className} “${(el.textContent ?? '').slice(0, 40)}”`,
              ),
          ] as const;
        });
        const found =
          scrollWidth > innerWidth
            ? [`${name}: ${scrollWidth} px wide in ${innerWidth} px (${out.join('; ')})`]
            : [];
        return [...found, ...(await axeViolations(page)).map((v) => `${name}: ${v}`)];
      };
      const problems: string[] = [];
      const { dashboard } = await openDemoDashboard(page, app.url);
      problems.push(...(await wide('dashboard')));
      await dashboard.openEditForm();
      problems.push(...(await wide('edit form')));
      await page.getByRole('button', { name: 'Cymraeg', exact: true }).click();
      await page.getByRole('navigation', { name: makeTranslator('cy')('language.staffSwitch') }).waitFor();
      problems.push(...(await wide('edit form, Welsh')));
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: /Northmoor/ }).waitFor();
      problems.push(...(await wide('dashboard, Welsh')));
      await page.goto(`${app.url}#/new`);
      await page.locator('form').first().waitFor();
      problems.push(...(await wide('new session form, Welsh')));
      expect(problems).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
