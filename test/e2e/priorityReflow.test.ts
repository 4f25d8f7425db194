/**
 * The priorities screen zoomed in, on a phone and in larger text, and by keyboard (WCAG 1.4.10 reflow, 1.4.4
 * resize text, 2.4.11 focus not obscured, 2.5.8 target size). The bar that says what is left ("Money left: …")
 * stays at the top as a resident scrolls only while it covers a small share of the screen: at 400% zoom (320x200,
 * 320x256) or a phone in larger text it covered the whole screen or most of it, and no idea could be reached. While
 * it sticks, a control reached by Tab or Shift+Tab is never left under it. Dot voting's − / count / + row wraps on a
 * phone in larger text instead of pushing "+" off the screen (in Arabic and Urdu the page opened scrolled sideways),
 * in all five languages. Held down, Enter on "+" stops at the limit and stays on "+": focus used to jump to "Take a
 * dot off", so the next repeat took a dot off again.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newTablet, openDemoDashboard } from './support/tablet';
import { axeViolations } from './support/axe';
import { description } from './support/describedBy';
import { layoutProblems, settleLayout } from './support/layout';
import { smallTargets } from './support/targets';
import { Kiosk } from './pages/Kiosk';
import type { MethodName } from './pages/SessionForm';
import { LOCALES, loadLanguage, type Translator } from '../../src/ui/i18n';
import { MAX_STICKY_SHARE } from '../../src/ui/kiosk/useStickyBar';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

beforeAll(async () => {
  await Promise.all(['cy', 'pl', 'ur', 'ar'].map((code) => loadLanguage(code)));
});

interface Size {
  width: number;
  height: number;
  isLarge: boolean;
}
const label = (s: Size): string => `${s.width}x${s.height}${s.isLarge ? ', larger text' : ''}`;

/** A tablet at 400% zoom (320x200), WCAG's 320x256, and phones on their side and upright in larger text. */
const ZOOMED: readonly Size[] = [
  { width: 320, height: 200, isLarge: false },
  { width: 320, height: 256, isLarge: false },
  { width: 740, height: 360, isLarge: true },
  { width: 360, height: 740, isLarge: true },
];
/** The kiosk's tablets, where the bar must still stay in view. */
const TABLETS: readonly Size[] = [
  { width: 1024, height: 768, isLarge: false },
  { width: 1280, height: 800, isLarge: false },
  { width: 800, height: 1280, isLarge: true },
];
/** Phones, small to large, in larger text and usual text. */
const PHONES: readonly Size[] = [320, 360, 400].flatMap((width) => [
  { width, height: 740, isLarge: true },
  { width, height: 740, isLarge: false },
]);

/**
 * The demo set to `method`, with `lang` among its languages, and a resident's turn in `lang` on the priorities
 * screen.
 */
async function prioritiesTurn(page: Page, method: MethodName, lang: string): Promise<Translator> {
  const { dashboard } = await openDemoDashboard(page, app.url);
  if (method !== 'Dot voting' || lang !== 'en') {
    await dashboard.changeSettings({ languages: lang === 'en' ? [] : [LOCALES[lang]!.name], method });
  }
  await dashboard.startKiosk();
  const kiosk = new Kiosk(page);
  const t = await kiosk.beginTurnIn(lang);
  await kiosk.tap(t('kiosk.hub.priorities'), t('kiosk.priorities.title'));
  return t;
}

/** The screen at `size`: the window resized and larger text set or taken off (the class its button sets). */
async function atSize(page: Page, size: Size): Promise<void> {
  await page.setViewportSize({ width: size.width, height: size.height });
  await page.evaluate(
    (large) => document.documentElement.classList.toggle('large-text', large),
    size.isLarge,
  );
  await settleLayout(page);
}

/**
 * The bar scrolled past, halfway down the ideas: whether it is stuck at the top, and how much of the window's
 * height it covers there.
 */
async function barWhenScrolled(page: Page): Promise<{ isStuck: boolean; share: number }> {
  await page.evaluate(() => {
    const ballot = document.querySelector<HTMLElement>('.ballot')!;
    window.scrollTo(0, ballot.offsetTop + ballot.offsetHeight / 2 - window.innerHeight / 2);
  });
  await settleLayout(page);
  return page.evaluate(() => {
    const bar = document.querySelector('.ballot-progress')!.getBoundingClientRect();
    const isStuck = Math.abs(bar.top) < 1;
    return { isStuck, share: isStuck ? bar.bottom / window.innerHeight : 0 };
  });
}

/**
 * Tab from the heading to "Save my priorities" and Shift+Tab back to "Back to the menu": each control focused on the
 * way that is not wholly in sight, or whose middle is under something else (the bar).
 */
async function focusHidden(page: Page, t: Translator): Promise<string[]> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('h1').focus();
  const out: string[] = [];
  const walk = async (key: 'Tab' | 'Shift+Tab', until: string): Promise<void> => {
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press(key);
      const seen = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const r = el.getBoundingClientRect();
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        const name = (
          el.getAttribute('aria-label') ??
          el.closest('label')?.textContent ??
          el.textContent ??
          ''
        )
          .trim()
          .slice(0, 40);
        const isSeen =
          !!top && (top === el || el.contains(top)) && r.top > -1 && r.bottom < window.innerHeight + 1;
        const under = top ? `${top.tagName.toLowerCase()}.${String(top.className)}` : 'nothing';
        const where = `${Math.round(r.top)}..${Math.round(r.bottom)} of ${window.innerHeight}`;
        return { name, text: (el.textContent ?? '').trim(), isSeen, under: `${under} (${where})` };
      });
      if (!seen.isSeen) out.push(`${key} to “${seen.name}”: under ${seen.under}`);
      if (seen.text === until) return;
    }
    out.push(`${key} never reached “${until}”`);
  };
  await walk('Tab', t('kiosk.priorities.save'));
  await walk('Shift+Tab', t('kiosk.back.hub'));
  return out;
}

/** The ideas' titles, counts and buttons that go past the side of their idea's box. */
async function outsideTheirIdea(page: Page): Promise<string[]> {
  return page.locator('.ballot-item').evaluateAll((items) =>
    items.flatMap((item) => {
      const box = item.getBoundingClientRect();
      return [...item.querySelectorAll('.ballot-item__title, .dots-control__count, .dots-control__button')]
        .filter((part) => {
          const range = document.createRange();
          range.selectNodeContents(part);
          const r = part.classList.contains('ballot-item__title')
            ? range.getBoundingClientRect()
            : part.getBoundingClientRect();
          return r.left < box.left - 0.5 || r.right > box.right + 0.5;
        })
        .map((part) => `“${(part.textContent ?? '').trim()}” goes past the side of its idea`);
    }),
  );
}

/**
 * For each [method, language]: a fresh tablet's turn at the priorities screen, `check`'s problems there, and axe's,
 * each named with its turn (errors on the page fail the test at once).
 */
async function problemsInTurns(
  turns: readonly (readonly [MethodName, string])[],
  check: (page: Page, t: Translator, turn: string) => Promise<string[]>,
): Promise<string[]> {
  const problems: string[] = [];
  for (const [method, lang] of turns) {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const t = await prioritiesTurn(page, method, lang);
      const turn = `${method}, ${lang}`;
      problems.push(...(await check(page, t, turn)));
      problems.push(...(await axeViolations(page)).map((v) => `${turn}: ${v}`));
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }
  return problems;
}

/**
 * At each size: the bar covers at most its share of the screen once the ideas are scrolled (and on the tablets
 * stays in view), nothing goes past the screen's sides, and no control reached by keyboard is hidden.
 */
async function barAndFocusProblems(page: Page, t: Translator, turn: string): Promise<string[]> {
  const problems: string[] = [];
  for (const size of [...ZOOMED, ...TABLETS]) {
    await atSize(page, size);
    const at = `${turn}, ${label(size)}`;
    const bar = await barWhenScrolled(page);
    if (bar.share > MAX_STICKY_SHARE) {
      problems.push(`${at}: the bar covers ${Math.round(bar.share * 100)}% of the screen`);
    }
    if (TABLETS.includes(size) && !bar.isStuck) problems.push(`${at}: the bar does not stay in view`);
    problems.push(...(await layoutProblems(page)).map((p) => `${at}: ${p}`));
    problems.push(...(await focusHidden(page, t)).map((p) => `${at}: ${p}`));
  }
  return problems;
}

describe('the bar of what is left, zoomed in, on a phone and in larger text', () => {
  it('Given the demo set to budget allocation, in English, Welsh and Arabic, when a resident at 400% zoom or on a phone in larger text scrolls the ideas and moves through them by keyboard, then the bar covers at most a quarter of the screen, no control is left under it, the minimum is said under it, and nothing scrolls sideways; on the kiosk tablets the bar stays in view', async () => {
    const turns = (['en', 'cy', 'ar'] as const).map((lang) => ['Budget allocation', lang] as const);
    const problems = await problemsInTurns(turns, async (page, t, turn) => {
      // One idea ticked: what is left is said in the bar, the minimum still to reach under it.
      await page.getByRole('checkbox').first().check();
      const saysMinimum = (await page.locator('.ballot-minimum[role=status] p').count()) === 1;
      return [
        ...(saysMinimum ? [] : [`${turn}: the minimum is not said under the bar`]),
        ...(await barAndFocusProblems(page, t, turn)),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('Given dot voting and ranking, when a resident at 400% zoom or on a phone in larger text moves through the ideas by keyboard, then the bar covers at most a quarter of the screen and no control is left under it; on the kiosk tablets it stays in view', async () => {
    const turns = (['Dot voting', 'Ranking'] as const).map((method) => [method, 'en'] as const);
    expect(await problemsInTurns(turns, barAndFocusProblems)).toEqual([]);
  });
});

describe('dot voting on a phone in larger text, in every language', () => {
  it('Given the demo in English, Welsh, Polish, Urdu and Arabic, when a resident sets priorities at 320, 360 and 400 px in larger and usual text, then every idea’s words, − and + are inside its box and on the screen, at least 48 px, and no page scrolls sideways (nor opens scrolled sideways), nor do the ideas in English', async () => {
    const turns = (['en', 'cy', 'pl', 'ur', 'ar'] as const).map((lang) => ['Dot voting', lang] as const);
    const problems = await problemsInTurns(turns, async (page, t, turn) => {
      const found: string[] = [];
      for (const size of PHONES) {
        await atSize(page, size);
        const at = `${turn}, ${label(size)}`;
        const scrollX = await page.evaluate(() => window.scrollX);
        if (scrollX !== 0) found.push(`${at}: the page is scrolled sideways by ${scrollX} px`);
        found.push(...(await layoutProblems(page)).map((p) => `${at}: ${p}`));
        found.push(...(await smallTargets(page, 48)).map((p) => `${at}: small target ${p}`));
        found.push(...(await outsideTheirIdea(page)).map((p) => `${at}: ${p}`));
      }
      if (turn.endsWith(', en')) {
        // Long words in the ideas' titles ("Apprenticeship…") are broken rather than going past the screen.
        const kiosk = new Kiosk(page);
        await kiosk.tap(t('kiosk.back.hub'), t('kiosk.hub.title'));
        await kiosk.tap(t('kiosk.hub.ideas'), t('kiosk.ideas.title'));
        for (const size of PHONES) {
          await atSize(page, size);
          found.push(...(await layoutProblems(page)).map((p) => `ideas, ${label(size)}: ${p}`));
        }
      }
      return found;
    });
    expect(problems).toEqual([]);
  });
});

describe('dot voting by keyboard', () => {
  it('Given 5 dots and at most 3 on one idea, when a resident holds Enter down on “+” and then on “−”, then each stops at its limit and keeps focus, says why it does nothing more, and never undoes what it did', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const t = await prioritiesTurn(page, 'Dot voting', 'en');
      const kiosk = new Kiosk(page);
      const onIdea = (title: string) =>
        page.locator('.ballot-item').filter({ hasText: title }).locator('.dot--on').count();
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
      const hold = async (times: number): Promise<void> => {
        // A held key: one keydown, then repeats, then one keyup.
        for (let i = 0; i < times; i++) await page.keyboard.down('Enter');
        await page.keyboard.up('Enter');
      };

      const lunch = 'Lunch club for older people';
      await kiosk.addDot(lunch).focus();
      await hold(5);
      expect(await onIdea(lunch)).toBe(3);
      expect(await focused()).toBe(`Add a dot to ${lunch}`);
      expect(await kiosk.addDot(lunch).getAttribute('aria-disabled')).toBe('true');
      expect(await description(kiosk.addDot(lunch))).toBe(t('kiosk.dots.intro', { count: 5, max: 3 }));

      const play = 'Play area for under-5s';
      await kiosk.addDot(play).focus();
      await hold(4);
      expect(await onIdea(play)).toBe(2);
      expect(await focused()).toBe(`Add a dot to ${play}`);
      expect(await kiosk.ballotProgress.textContent()).toBe('You have used all your dots.');
      expect(await description(kiosk.addDot(play))).toBe('You have used all your dots.');

      await kiosk.removeDot(play).focus();
      await hold(4);
      expect(await onIdea(play)).toBe(0);
      expect(await onIdea(lunch)).toBe(3);
      expect(await focused()).toBe(`Take a dot off ${play}`);
      expect(await kiosk.removeDot(play).getAttribute('aria-disabled')).toBe('true');
      expect(await kiosk.ballotProgress.textContent()).toBe('2 dots left');
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
