/**
 * The resident's turn on a screen 320 CSS px wide (WCAG 1.4.10 reflow: a small phone, or a tablet at 250% zoom),
 * and in high contrast (forced colours). At 320 px the page never scrolls sideways: the menu and the ideas are one
 * column, the money map's tables scroll inside their own named region, and the money map picture is laid out in two
 * columns with every amount whole inside its box and no word broken (or, where its words would be drawn under 70%
 * of their size, as in larger text on a phone, with a number in each box and the words listed under it). The session's name in the top bar wraps at
 * spaces. In a Welsh turn the money map's bodies and services (typed in English) are marked as English. In forced
 * colours, filled dots and the share-of-the-pot bar still look filled. On a phone (320, 360 and 400 px), in usual
 * and larger text, the picture's ribbons into the pooled money are thick enough to see all along their way, and in
 * Urdu, Arabic, Welsh and English turns its names wrap only between words. So too on the kiosk's tablets (768x1024,
 * 1024x768, 800x1280, 1280x800), where the picture has four columns (two in larger text upright), in English and
 * Arabic. With E2E_SCREENSHOTS=<dir>, the picture is saved there at each size. On a 360 px phone with larger text
 * in Welsh and Polish, the menu's tile titles ("Dewiswch eich blaenoriaethau"), the kiosk bar's "Osoba prowadząca"
 * and "Ychwanegu fy sylw" stay on the screen (each ran off it, and every page scrolled sideways).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { newTablet, openDemoDashboard } from './support/tablet';
import { axeViolations } from './support/axe';
import { layoutProblems, settleLayout } from './support/layout';
import { smallTargets } from './support/targets';
import { Kiosk } from './pages/Kiosk';
import { Pictures } from './pages/Pictures';
import { LOCALES, loadLanguage, makeTranslator } from '../../src/ui/i18n';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();
const PHONE = { width: 320, height: 640 };
/** Phones, small to large. */
const PHONE_SIZES = [320, 360, 400].map((width) => ({ width, height: 800 }));
/** The kiosk's tablets, upright and on their side. */
const KIOSK_TABLETS = [
  { width: 768, height: 1024 },
  { width: 1024, height: 768 },
  { width: 800, height: 1280 },
  { width: 1280, height: 800 },
];
/** The demo's services that can be pooled, in the map's order: their money, in pounds. */
const DEMO_POOLED_POUNDS = [420_000, 310_000, 185_000, 380_000, 95_000, 150_000];

beforeAll(async () => {
  await Promise.all(['cy', 'pl', 'ur', 'ar'].map((code) => loadLanguage(code)));
});

/**
 * The demo with `lang` among its languages (typed in English), and a resident's turn in it, with larger text
 * chosen on the welcome screen if `isLarge`, at the menu.
 */
async function turnAtMenu(page: Page, lang: string, isLarge = false): Promise<Kiosk> {
  const { dashboard } = await openDemoDashboard(page, app.url);
  if (lang !== 'en') await dashboard.changeSettings({ languages: [LOCALES[lang]!.name] });
  await dashboard.startKiosk();
  const kiosk = new Kiosk(page);
  await kiosk.beginTurnIn(lang, isLarge);
  return kiosk;
}

/** As turnAtMenu, then open at the money map with its picture drawn. */
async function moneyMapTurn(page: Page, lang: string, isLarge = false): Promise<void> {
  const kiosk = await turnAtMenu(page, lang, isLarge);
  const t = makeTranslator(lang);
  await kiosk.tap(t('kiosk.hub.moneyMap'), t('kiosk.money.title'));
  await new Pictures(page).waitForMoneyMap();
}

/**
 * Each screen size in turn, in larger text (as the turn began) and then in usual text (the class the "Larger text"
 * button sets, taken off): `check` is run at each, once the picture has measured itself and its fonts are in.
 */
async function atEachSize(
  page: Page,
  name: string,
  sizes: readonly { width: number; height: number }[],
  check: (size: string) => Promise<void>,
): Promise<void> {
  for (const isLarge of [true, false]) {
    await page.evaluate((large) => document.documentElement.classList.toggle('large-text', large), isLarge);
    for (const { width, height } of sizes) {
      await page.setViewportSize({ width, height });
      await page.evaluate(() => document.fonts.ready.then(() => null));
      await settleLayout(page);
      const size = `${width}x${height}${isLarge ? ', larger text' : ''}`;
      const dir = process.env.E2E_SCREENSHOTS;
      if (dir) {
        mkdirSync(dir, { recursive: true });
        const file = `map-${name}-${width}x${height}${isLarge ? '-large' : ''}.png`;
        await page.locator('.money-flow').screenshot({ path: join(dir, file) });
      }
      await check(size);
    }
  }
}

/**
 * How thick each ribbon into the pooled money is along its way, in CSS px: its outline's area (painted at 4x on a
 * canvas) and length taken as a band's, whose area is its length times its thickness and whose outline runs along
 * both its sides and across both its ends. A ribbon that runs far up or down as a thin slanted band has little area
 * for its length.
 */
async function poolRibbonThickness(page: Page): Promise<number[]> {
  return page.locator('.money-flow path[data-link="pool"]').evaluateAll((paths) =>
    paths.map((path) => {
      const scale = 4;
      const box = (path as SVGPathElement).getBBox();
      const [w, h] = [Math.ceil(box.width * scale) + 4, Math.ceil(box.height * scale) + 4];
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [w, h];
      const ctx = canvas.getContext('2d')!;
      ctx.setTransform(scale, 0, 0, scale, 2 - box.x * scale, 2 - box.y * scale);
      ctx.fill(new Path2D(path.getAttribute('d') ?? ''));
      const pixels = ctx.getImageData(0, 0, w, h).data;
      let area = 0;
      for (let i = 3; i < pixels.length; i += 4) area += pixels[i]! / 255;
      area /= scale * scale;
      // Outline = 2 x length + 2 x thickness, area = length x thickness: the thickness is the smaller root.
      const half = (path as SVGPathElement).getTotalLength() / 2;
      return Math.round(((half - Math.sqrt(Math.max(0, half * half - 4 * area))) / 2) * 100) / 100;
    }),
  );
}

/**
 * What is wrong with the ribbons into the pooled money at `size`: one thinner than 4 px (MIN_POOL_RIBBON; anti-
 * aliasing may take a hundredth or so off the reckoning) along its way, or more money drawn thinner than less (the
 * demo's poolable services in the map's order).
 */
async function poolRibbonProblems(page: Page, size: string): Promise<string[]> {
  const thickness = await poolRibbonThickness(page);
  if (thickness.length !== DEMO_POOLED_POUNDS.length) return [`${size}: ${thickness.length} ribbons`];
  const out = thickness.filter((px) => px < 3.9).map((px) => `${size}: a ribbon ${px} px thick`);
  DEMO_POOLED_POUNDS.forEach((a, i) =>
    DEMO_POOLED_POUNDS.forEach((b, j) => {
      if (a > b && thickness[i]! < thickness[j]! - 0.05) {
        out.push(`${size}: £${a} is drawn thinner (${thickness[i]} px) than £${b} (${thickness[j]} px)`);
      }
    }),
  );
  return out;
}

/**
 * What is wrong with the picture's words at `size`: a name's word not whole on its line, or a name or an amount
 * outside its box.
 */
async function pictureWordProblems(page: Page, size: string): Promise<string[]> {
  const out = (await wordsNotWhole(page)).map((word) => `${size}: ${word} is not whole`);
  for (const a of (await pictureAmounts(page)).filter((x) => !x.isInside)) {
    out.push(`${size}: "${a.amount}" (${a.key}) goes outside its box or the picture`);
  }
  // A name in the picture's box, or in its line of the list under a picture too narrow for the words.
  const spilt = await page.locator('.money-flow__name').evaluateAll((names) =>
    names
      .filter((el) => {
        const box = el.closest('.money-flow__node, .money-legend__item')!.getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(el);
        const name = range.getBoundingClientRect();
        return (
          name.left < box.left - 0.5 ||
          name.right > box.right + 0.5 ||
          name.top < box.top - 0.5 ||
          name.bottom > box.bottom + 0.5
        );
      })
      .map((el) => el.textContent ?? ''),
  );
  for (const box of spilt) out.push(`${size}: the name of "${box}" goes outside its box`);
  return out;
}

/**
 * The words of each name in the picture that are not whole on their line: each line of the name is read (its
 * characters grouped by where they are drawn) and its words compared with the name's own words.
 */
async function wordsNotWhole(page: Page): Promise<string[]> {
  return page.locator('.money-flow__name').evaluateAll((names) => {
    const out: string[] = [];
    for (const name of names) {
      const text = name.textContent ?? '';
      const words = new Set(text.split(/\s+/).filter(Boolean));
      const lines: { top: number; bottom: number; text: string }[] = [];
      let last: { text: string } | undefined;
      const walker = document.createTreeWalker(name, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const chars = node.textContent ?? '';
        for (let i = 0; i < chars.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const r = range.getClientRects()[0];
          if (!r || r.height === 0) {
            if (last) last.text += ' ';
            continue;
          }
          const middle = (r.top + r.bottom) / 2;
          let line = lines.find((l) => middle >= l.top && middle <= l.bottom);
          if (!line) lines.push((line = { top: r.top, bottom: r.bottom, text: '' }));
          line.text += chars[i];
          last = line;
        }
      }
      for (const line of lines) {
        for (const word of line.text.split(/\s+/).filter(Boolean)) {
          if (!words.has(word)) out.push(`"${word}" (of "${text}")`);
        }
      }
    }
    return out;
  });
}

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

/**
 * Each box of the money map picture: its amount as shown, and whether that text lies inside its box and the picture
 * (or, under a picture too narrow for its words, inside its line of the list and the list).
 */
async function pictureAmounts(page: Page): Promise<{ key: string; amount: string; isInside: boolean }[]> {
  return page.locator('.money-flow__amount').evaluateAll((amounts) => {
    return amounts.map((amount) => {
      const node = amount.closest('.money-flow__node, .money-legend__item')!;
      const picture = amount.closest('.money-flow, .money-legend')!.getBoundingClientRect();
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
      for (const word of await brokenWords(page.locator('.money-flow__node, .money-legend__item'))) {
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
      await moneyMapTurn(page, 'cy');
      const t = makeTranslator('cy');

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

describe('the money map picture on a phone, in usual and larger text', () => {
  it('Given the demo at 320, 360 and 400 px, when a resident opens the money map, then every ribbon into the money that can be pooled is at least 4 px thick all along its way and a larger amount is never thinner, so the picture shows which services feed it', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await moneyMapTurn(page, 'en', true);
      const thin: string[] = [];
      await atEachSize(page, 'ribbons', PHONE_SIZES, async (size) => {
        expect(await page.locator('.money-flow').getAttribute('data-shape')).toBe('narrow');
        thin.push(...(await poolRibbonProblems(page, size)));
      });
      expect(thin).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given turns in Urdu, Arabic, Welsh and English at 320, 360 and 400 px, when a resident opens the money map, then every name in the picture wraps only between its words (Urdu’s tall lines included), and names and amounts stay inside their boxes', async () => {
    const problems: string[] = [];
    for (const lang of ['ur', 'ar', 'cy', 'en']) {
      const { context, page, errors } = await newTablet(app.browser);
      try {
        await moneyMapTurn(page, lang, true);
        await atEachSize(page, `words-${lang}`, PHONE_SIZES, async (size) => {
          problems.push(...(await pictureWordProblems(page, `${lang}, ${size}`)));
        });
        problems.push(...(await axeViolations(page)).map((v) => `${lang}: ${v}`));
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('the money map picture on a kiosk tablet, in usual and larger text', () => {
  it('Given the demo in English and in Arabic at 768x1024, 1024x768, 800x1280 and 1280x800, when a resident opens the money map, then every ribbon into the money that can be pooled is at least 4 px thick all along its way (none a hairline as it climbs) and a larger amount is never thinner, with every word whole inside its box', async () => {
    const problems: string[] = [];
    for (const lang of ['en', 'ar']) {
      const { context, page, errors } = await newTablet(app.browser);
      try {
        await moneyMapTurn(page, lang, true);
        const shapes = new Set<string | null>();
        await atEachSize(page, `tablet-${lang}`, KIOSK_TABLETS, async (size) => {
          shapes.add(await page.locator('.money-flow').getAttribute('data-shape'));
          problems.push(...(await poolRibbonProblems(page, `${lang}, ${size}`)));
          problems.push(...(await pictureWordProblems(page, `${lang}, ${size}`)));
        });
        // Four columns at least in usual text: the shape residents meet on the tablets.
        expect(shapes).toContain('wide');
        problems.push(...(await axeViolations(page)).map((v) => `${lang}: ${v}`));
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }
    expect(problems).toEqual([]);
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

/**
 * What sticks out on a kiosk screen at this width: the page's layout checks (sideways scrolling: its scrollWidth
 * against its clientWidth), a menu tile's title outside its tile, the kiosk bar's Facilitator button outside the
 * screen or under 48 px, small targets, axe.
 */
async function kioskScreenProblems(page: Page, name: string): Promise<string[]> {
  await settleLayout(page);
  const found = await layoutProblems(page);
  const looks = await page.evaluate(() => {
    const textBox = (el: Element): DOMRect => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return range.getBoundingClientRect();
    };
    const spills = [...document.querySelectorAll('.kiosk-tile')].flatMap((tile) => {
      const title = tile.querySelector('.kiosk-tile__button')!;
      const [box, text] = [tile.getBoundingClientRect(), textBox(title)];
      return text.left < box.left - 0.5 || text.right > box.right + 0.5 ? [title.textContent ?? ''] : [];
    });
    const bar = document.querySelector('.kiosk-bar__facilitator')?.getBoundingClientRect();
    return {
      clientWidth: document.documentElement.clientWidth,
      spills,
      bar: bar && { left: bar.left, right: bar.right, height: bar.height },
    };
  });
  found.push(...looks.spills.map((title) => `the tile title "${title}" goes outside its tile`));
  if (!looks.bar) found.push('no Facilitator button in the kiosk bar');
  else if (looks.bar.left < 0 || looks.bar.right > looks.clientWidth || looks.bar.height < 48) {
    found.push(
      `the Facilitator button is at ${Math.round(looks.bar.left)}..${Math.round(looks.bar.right)}, ${Math.round(looks.bar.height)} px tall`,
    );
  }
  found.push(...(await smallTargets(page, 48)).map((t) => `small target: ${t}`));
  found.push(...(await axeViolations(page)));
  return found.map((p) => `${name}: ${p}`);
}

describe('a resident on a 360 px phone with larger text, in Welsh and Polish', () => {
  it('Given turns in Welsh and in Polish with larger text at 360x740, when a resident opens the menu and an idea to comment on, then no screen scrolls sideways: the tiles’ titles stay in their tiles, the kiosk bar’s Facilitator button and the Add my comment button wrap inside the screen', async () => {
    const problems: string[] = [];
    for (const lang of ['cy', 'pl']) {
      const { context, page, errors } = await newTablet(app.browser);
      try {
        await page.setViewportSize({ width: 360, height: 740 });
        const kiosk = await turnAtMenu(page, lang, true);
        const t = makeTranslator(lang);
        problems.push(...(await kioskScreenProblems(page, `${lang} menu`)));

        await kiosk.tap(t('kiosk.hub.ideas'), t('kiosk.ideas.title'));
        await kiosk.openIdea('Play area for under-5s');
        const submit = kiosk.button(t('kiosk.comment.submit'));
        await submit.scrollIntoViewIfNeeded();
        problems.push(...(await kioskScreenProblems(page, `${lang} idea with its comment form`)));
        const box = (await submit.boundingBox())!;
        if (box.x < 0 || box.x + box.width > 360) {
          problems.push(`${lang}: "${t('kiosk.comment.submit')}" is at ${box.x}..${box.x + box.width}`);
        }
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('a resident adding an idea on a 320 px screen with larger text', () => {
  it('Given turns in English and in Welsh with larger text at 320x640, when a resident opens Add your idea, then the theme choices stay inside the screen (none scrolls it sideways)', async () => {
    const problems: string[] = [];
    for (const lang of ['en', 'cy']) {
      const { context, page, errors } = await newTablet(app.browser);
      try {
        await page.setViewportSize(PHONE);
        const kiosk = await turnAtMenu(page, lang, true);
        const t = makeTranslator(lang);
        await kiosk.tap(t('kiosk.hub.addIdea'), t('kiosk.addIdea.title'));
        problems.push(...(await kioskScreenProblems(page, `${lang} add your idea`)));
        const dir = process.env.E2E_SCREENSHOTS;
        if (dir) {
          mkdirSync(dir, { recursive: true });
          await page.screenshot({ path: join(dir, `add-idea-${lang}-320-large.png`), fullPage: true });
        }
        const outside = await page.evaluate(() =>
          [...document.querySelectorAll('.kiosk-choice')]
            .filter((c) => c.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
            .map((c) => c.textContent ?? ''),
        );
        problems.push(...outside.map((c) => `${lang}: the choice "${c}" goes past the screen`));
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }
    expect(problems).toEqual([]);
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
