/**
 * A keyboard or screen-reader resident keeps their place and hears what happened (found in a walk of the turn):
 * - on the ranking ballot, "Add to my list" sent focus to an idea in another theme, skipping ideas and a heading
 *   (the next idea in stored order, not on screen); focus now goes to the next idea on screen, and moving or
 *   removing an idea keeps focus on the list;
 * - moving an idea on the ranking list changed no live region, and its new place was in no button's name: the
 *   move is now said ("Play area for under-5s moved to number 1 of 3."), in the turn's language, and each button
 *   of the list is described by its idea's place;
 * - in a Welsh turn the session's own English words (its title, its theme names) were marked as Welsh, so a
 *   screen reader or voice read them with Welsh rules; they now carry the language they were typed in;
 * - "Thank you. Your idea has been added." was a plain paragraph on a screen whose heading took focus, so it was
 *   never said; it is now the focused heading's description;
 * - the chosen language's button was named "✓ Cymraeg" (its pressed state already says so), and the add-idea
 *   form's needed fields did not say they were needed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { LOCALES, loadLanguage, makeTranslator } from '../../src/ui/i18n';
import { axeViolations } from './support/axe';
import { description } from './support/describedBy';
import { DEMO, newTablet, openDemoDashboard } from './support/tablet';
import { IDEA_ADDED, Kiosk, STEP } from './pages/Kiosk';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

beforeAll(async () => {
  await loadLanguage('cy');
});

/** The demo session, changed in its edit form if asked (a priority method, a language more), then its kiosk. */
async function demoKiosk(page: Page, change?: (form: Page) => Promise<void>): Promise<Kiosk> {
  const { dashboard } = await openDemoDashboard(page, app.url);
  if (change) {
    await dashboard.openEditForm();
    await change(page);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('[data-save-state="saved"]').waitFor();
    await page.getByRole('link', { name: 'Back to the session' }).click();
    await dashboard.waitUntilShown();
  }
  await dashboard.startKiosk();
  return new Kiosk(page);
}

/** The focused control's accessible name as the walk read it (its aria-label, else its text). */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '(nothing: the page itself)';
    return (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
  });
}

/** The heading of the theme the focused control is listed under. */
function focusedTheme(page: Page): Promise<string> {
  return page.evaluate(
    () => document.activeElement?.closest('.ballot-theme')?.querySelector('h3')?.textContent?.trim() ?? '',
  );
}

/** Presses Enter on a button, as a keyboard user does, and waits for the screen to settle focus. */
async function enterOn(page: Page, button: Locator): Promise<void> {
  await button.focus();
  await page.keyboard.press('Enter');
  // Focus moves in an effect after the next frame: wait for two frames.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(null)))),
  );
}

describe('the ranking ballot keeps a keyboard user’s place', () => {
  it('Given the demo session by ranking (3 places) and three new ideas, when a resident adds, moves and removes ideas with the keyboard, then focus stays where they were on screen', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const kiosk = await demoKiosk(page, (form) =>
        form.getByRole('radio', { name: 'Ranking', exact: true }).check(),
      );
      await kiosk.beginTurn();
      // Stored in this order, after the demo's ideas; on screen the two about jobs are together, under their theme.
      for (const [title, theme] of [
        ['Repair café in the library', 'Jobs and skills'],
        ['Lights at the skate park', 'Young people'],
        ['Lunchtime CV clinic', 'Jobs and skills'],
      ] as const) {
        await kiosk.addIdea({ title, theme, cost: '2000' });
        await kiosk.tap('Back to the ideas', STEP.ideas);
        await kiosk.backToMenu();
      }
      await kiosk.openFromMenu('Choose your priorities');
      const add = (title: string): Locator => kiosk.button(`Add to my list: ${title}`);

      // The next idea on screen, under the same theme (the next one stored is under "Young people").
      await enterOn(page, add('Repair café in the library'));
      expect(await focusedName(page)).toBe('Add to my list: Lunchtime CV clinic');
      expect(await focusedTheme(page)).toBe('Jobs and skills');

      // The last idea on screen: focus goes back to the one before it.
      const onScreen = await page
        .locator('.ranking-rest button')
        .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
      const [beforeLast, last] = onScreen.slice(-2);
      await enterOn(page, kiosk.button(last!));
      expect(await focusedName(page)).toBe(beforeLast);
      const lastTitle = last!.replace('Add to my list: ', '');

      // Moved to the end of the list, the idea keeps focus on its button that still works.
      await enterOn(page, kiosk.button('Move down: Repair café in the library'));
      expect(await focusedName(page)).toBe('Move up: Repair café in the library');
      // Removed, focus goes to the idea now in its place.
      await enterOn(page, kiosk.button(`Remove from my list: ${lastTitle}`));
      expect(await focusedName(page)).toBe('Remove from my list: Repair café in the library');

      // The list full, nothing more can be added: focus goes to the list.
      await enterOn(page, add('Lunchtime CV clinic'));
      await enterOn(page, add('Lights at the skate park'));
      expect(await focusedName(page)).toBe('My list');

      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

/**
 * Starts listening as a screen reader does: from now on, the text of each live region (polite or assertive, one
 * already on the page) whose words change. Returns a function that reads what was said so far.
 */
async function listenToLiveRegions(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    const region = (node: Node): Element | null =>
      (node instanceof Element ? node : node.parentElement)?.closest(
        '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"]',
      ) ?? null;
    new MutationObserver((changes) => {
      const changed = new Set(changes.map((c) => region(c.target)).filter((r) => r !== null));
      for (const r of changed) {
        const text = (r.textContent ?? '').trim();
        if (text) said.push(text);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { said: string[] }).said.slice());
}

describe('the ranking ballot says where a moved idea went', () => {
  it('Given a resident’s list of three ideas, when they move one up to the top and down again with the keyboard, then each move is said politely with the new place, and focus stays on that idea’s buttons, which say its place', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const kiosk = await demoKiosk(page, (form) =>
        form.getByRole('radio', { name: 'Ranking', exact: true }).check(),
      );
      await kiosk.beginTurn();
      await kiosk.openFromMenu('Choose your priorities');
      const ideas = [
        'Lunch club for older people',
        'Bulky rubbish collection days',
        'Play area for under-5s',
      ];
      for (const title of ideas) await kiosk.tap(`Add to my list: ${title}`);
      const said = await listenToLiveRegions(page);
      const focused = page.locator(':focus');

      await enterOn(page, kiosk.button('Move up: Play area for under-5s'));
      expect(await said()).toEqual(['Play area for under-5s moved to number 2 of 3.']);
      expect(await focusedName(page)).toBe('Move up: Play area for under-5s');
      expect(await description(focused)).toBe('Number 2');

      // At the top "Move up" can go no further: focus goes to the same idea's "Move down", never to another idea.
      await enterOn(page, kiosk.button('Move up: Play area for under-5s'));
      expect((await said()).at(-1)).toBe('Play area for under-5s moved to number 1 of 3.');
      expect(await focusedName(page)).toBe('Move down: Play area for under-5s');
      expect(await description(focused)).toBe('Number 1');

      await enterOn(page, kiosk.button('Move down: Play area for under-5s'));
      expect((await said()).at(-1)).toBe('Play area for under-5s moved to number 2 of 3.');
      expect(await focusedName(page)).toBe('Move down: Play area for under-5s');
      expect(await page.locator('.ranking-list li .ballot-item__title').allTextContents()).toEqual([
        'Lunch club for older people',
        'Play area for under-5s',
        'Bulky rubbish collection days',
      ]);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given a Welsh turn, when a resident moves an idea on their list, then the move is said in Welsh', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const kiosk = await demoKiosk(page, async (form) => {
        await form.getByRole('radio', { name: 'Ranking', exact: true }).check();
        await form.getByRole('checkbox', { name: LOCALES.cy!.name, exact: true }).check();
      });
      const cy = makeTranslator('cy');
      await kiosk.waitFor(STEP.welcome);
      await kiosk.button('Cymraeg').click();
      await kiosk.tap(cy('kiosk.welcome.start'), cy('kiosk.consent.title'));
      await kiosk.tap(cy('kiosk.consent.agree'));
      await kiosk.tap(cy('kiosk.about.skip'), cy('kiosk.hub.title'));
      await kiosk.tap(cy('kiosk.hub.priorities'), cy('kiosk.priorities.title'));
      for (const title of ['Lunch club for older people', 'Play area for under-5s']) {
        await kiosk.tap(cy('kiosk.ranking.addFor', { title }));
      }
      const said = await listenToLiveRegions(page);
      await enterOn(page, kiosk.button(cy('kiosk.ranking.upFor', { title: 'Play area for under-5s' })));
      expect(await said()).toEqual(['Symudwyd Play area for under-5s i rif 1 o 2.']);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the session’s own words keep their language in another language’s turn', () => {
  it('Given the demo session (typed in English) offering Cymraeg, when a resident takes their turn in Welsh, then its title and theme names are marked as English, the rest as Welsh', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const kiosk = await demoKiosk(page, (form) =>
        form.getByRole('checkbox', { name: LOCALES.cy!.name, exact: true }).check(),
      );
      const title = page.locator('.kiosk-bar__title');
      await kiosk.waitFor(STEP.welcome);
      // In English, the session's words are in the page's language: no lang of their own.
      expect(await title.getAttribute('lang')).toBeNull();

      const cy = makeTranslator('cy');
      await kiosk.button('Cymraeg').click();
      await kiosk.waitFor(cy('kiosk.welcome.title'));
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('cy');
      expect(await title.textContent()).toBe(DEMO.title);
      expect(await title.getAttribute('lang')).toBe('en');
      expect(await page.getByText(DEMO.title, { exact: true }).last().getAttribute('lang')).toBe('en');
      // The chosen language is named by its name alone: "pressed" says it is chosen, not a "✓".
      expect(await page.getByRole('button', { name: 'Cymraeg', exact: true, pressed: true }).count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);

      await kiosk.tap(cy('kiosk.welcome.start'), cy('kiosk.consent.title'));
      await kiosk.tap(cy('kiosk.consent.agree'));
      await kiosk.tap(cy('kiosk.about.skip'), cy('kiosk.hub.title'));
      await kiosk.tap(cy('kiosk.hub.ideas'), cy('kiosk.ideas.title'));
      const safety = page.getByRole('heading', { level: 2, name: /^Safety/ }).locator('bdi');
      expect(await safety.textContent()).toBe('Safety');
      expect(await safety.getAttribute('lang')).toBe('en');
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('adding an idea is said, and its needed fields say so', () => {
  it('Given a resident on "Add your idea", when they add one, then the needed fields said they were needed and the thanks is the description of the heading focus goes to', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const kiosk = await demoKiosk(page);
      await kiosk.beginTurn();
      await kiosk.openFromMenu('Add your idea');

      const required = (l: Locator): Promise<boolean> =>
        l.evaluate((el) => (el as HTMLInputElement).required);
      expect(await required(kiosk.ideaTitle)).toBe(true);
      expect(await required(kiosk.ideaCost)).toBe(true);
      expect(await required(kiosk.themes.getByRole('radio').first())).toBe(true);
      expect(await required(kiosk.ideaWhere)).toBe(false);
      // The form still shows its own errors, not the browser's.
      await kiosk.tap('Add my idea');
      await page.locator('.field__error').first().waitFor();
      expect(await page.locator('form[novalidate]').count()).toBe(1);

      await kiosk.fillIdea({ title: 'Benches on Moor Parade', theme: 'Green spaces', cost: '3000' });
      await kiosk.tap('Add my idea');
      const heading = kiosk.step('Benches on Moor Parade');
      await heading.waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      expect(await description(heading)).toBe(IDEA_ADDED);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
