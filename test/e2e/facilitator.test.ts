/**
 * Facilitator mode: the PIN keeps it closed (and slows down guessing); merging two duplicate ideas keeps both
 * ideas' supporters, counting each resident once and within the session's limit per idea. The live board fits a
 * portrait tablet (768 px) with nothing to scroll sideways, not even inside its own box (WCAG 1.4.10, reflow).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLanguage, makeTranslator } from '../../src/ui/i18n';
import { layoutProblems, settleLayout } from './support/layout';
import { axeViolations } from './support/axe';
import { DEMO, newTablet, openDemoDashboard } from './support/tablet';
import { Dashboard } from './pages/Dashboard';
import { Home } from './pages/Home';
import { Kiosk, STEP } from './pages/Kiosk';
import { PIN_RULE_MESSAGE, PinScreen, WAIT_MESSAGE, WRONG_PIN_MESSAGE } from './pages/PinScreen';

const SLOWED_DOWN = 'To keep the session safe, you must wait a little longer before each new try.';
import { SessionForm, validSession } from './pages/SessionForm';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

beforeAll(async () => {
  await loadLanguage('cy', 'staff');
});

describe('facilitator mode', () => {
  it('Given the PIN screen, when wrong PINs are typed, then they are refused and slowed down, and the right PIN opens facilitator mode', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      // Page time is the test's (installed before the app loads), so that the 2 s wait below can be stopped.
      await page.clock.install();
      const home = new Home(page);
      await home.goto(app.url);
      await home.openDemo();
      const pin = new PinScreen(page);
      await pin.waitUntilShown();

      for (const wrong of ['0000', '1111']) {
        expect(await pin.submitWrong(wrong)).toBe(WRONG_PIN_MESSAGE);
        expect(await pin.heading.isVisible()).toBe(true);
        expect(await pin.waitMessage.count()).toBe(0);
      }
      // From the third wrong try on, each next try must wait longer (1 s, then 2 s, …).
      expect(await pin.submitWrong('2222')).toBe(`${WRONG_PIN_MESSAGE} ${SLOWED_DOWN}`);
      await page.getByRole('button', { name: 'Unlock', exact: true, disabled: false }).waitFor();
      // Time stops before the fourth try, so its 2 s wait lasts until the test lets page time pass: read in real
      // time, a stall of a busy machine between the refusal and the read could end the wait first.
      const now = await page.evaluate(() => Date.now());
      await page.clock.pauseAt(now + 1_000);
      expect(await pin.submitWrong('3333')).toBe(`${WRONG_PIN_MESSAGE} ${SLOWED_DOWN}`);
      // Inside the 2 s wait: the wait is said in words and Unlock cannot be pressed.
      const waiting = await page.evaluate(() => ({
        text: document.querySelector('main')?.textContent ?? '',
        isUnlockDisabled: [...document.querySelectorAll('button')].some(
          (b) => b.textContent === 'Unlock' && b.disabled,
        ),
      }));
      expect(waiting.text).toMatch(WAIT_MESSAGE);
      expect(waiting.isUnlockDisabled).toBe(true);
      expect(await page.getByRole('button', { name: 'Start kiosk mode' }).count()).toBe(0);

      // The right PIN, once the wait is over (page time runs again).
      await page.clock.resume();
      await page.getByRole('button', { name: 'Unlock', exact: true, disabled: false }).waitFor();
      await pin.unlock(DEMO.pin, DEMO.title);
      const dashboard = new Dashboard(page, DEMO.title);
      await dashboard.waitUntilShown();
      expect(await page.getByRole('heading', { name: 'Live board' }).isVisible()).toBe(true);
      // Locking closes it again.
      await dashboard.lock();
      await new Home(page).demoButton.waitFor();
      await page.goBack();
      await pin.waitUntilShown();
      expect(await page.getByRole('button', { name: 'Start kiosk mode' }).count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given the PIN screen of a tablet in kiosk mode, when what is typed cannot be a PIN, then the PIN rule is said and the try is not counted or slowed down; the PIN typed in Arabic-Indic digits unlocks', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await page.clock.install();
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await kiosk.handOver();
      const pin = new PinScreen(page);
      await pin.waitUntilShown();
      // Page time stops: a wait that any try below started would never end by itself, so it would show.
      const now = await page.evaluate(() => Date.now());
      await page.clock.pauseAt(now + 1_000);

      // Letters, too few digits, too many, and two Arabic-Indic digits: more than the three tries before a wait.
      for (const typed of ['abcd', '12', '12a4', '1234567890123', '١٢']) {
        expect(await pin.submitWrong(typed)).toBe(PIN_RULE_MESSAGE);
        expect(await pin.field.inputValue()).toBe(typed);
        expect(await pin.field.getAttribute('aria-invalid')).toBe('true');
        expect(await pin.field.evaluate((el) => el === document.activeElement)).toBe(true);
        expect(await pin.waitMessage.count()).toBe(0);
        expect(await pin.unlockButton.isDisabled()).toBe(false);
      }
      expect(await axeViolations(page, { clockStopped: true })).toEqual([]);

      // None of them counted: the next two wrong PINs are the first and second wrong tries, with no wait.
      for (const wrong of ['0000', '1111']) {
        expect(await pin.submitWrong(wrong)).toBe(WRONG_PIN_MESSAGE);
        expect(await pin.waitMessage.count()).toBe(0);
        expect(await pin.unlockButton.isDisabled()).toBe(false);
      }

      // The demo's PIN 1234, typed on an Arabic keyboard, ends kiosk mode and opens facilitator mode.
      await page.clock.resume();
      await pin.unlock('١٢٣٤', DEMO.title);
      await dashboard.waitUntilShown();
      expect(await page.getByRole('button', { name: 'Start kiosk mode' }).isVisible()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given two duplicate ideas with overlapping supporters, when they are merged, then every supporter counts once and within the limit per idea', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const A = 'Benches along the river path';
      const B = 'More benches by the river';
      const home = new Home(page);
      await home.goto(app.url);
      await home.openCreateForm();
      const session = { ...validSession('Riverside: duplicates', 'Dot voting'), dots: '5', maxPerIdea: '3' };
      await new SessionForm(page).create(session);
      const dashboard = new Dashboard(page, session.title);
      await dashboard.waitUntilShown();
      expect(
        await page.getByText('Dot voting: 5 dots for each resident, at most 3 on one idea').isVisible(),
      ).toBe(true);
      await dashboard.startKiosk();

      // Resident 1 adds both ideas and puts 2 dots on each; resident 2 puts 3 on B only; resident 3 1 on A only.
      const kiosk = new Kiosk(page);
      await kiosk.beginTurn();
      await kiosk.addIdea({ title: A, theme: 'Green spaces', cost: '4000', where: 'River path' });
      await kiosk.tap('Back to the ideas', STEP.ideas);
      await kiosk.backToMenu();
      await kiosk.addIdea({ title: B, theme: 'Green spaces', cost: '3000' });
      await kiosk.tap('Back to the ideas', STEP.ideas);
      await kiosk.backToMenu();
      const vote = async (dots: [string, number][]): Promise<void> => {
        await kiosk.openFromMenu('Choose your priorities');
        for (const [title, n] of dots) await kiosk.putDots(title, n);
        await kiosk.savePriorities();
        await kiosk.finish();
        await kiosk.nextPerson();
      };
      await vote([
        [A, 2],
        [B, 2],
      ]);
      await kiosk.beginTurn();
      await vote([[B, 3]]);
      await kiosk.beginTurn();
      await vote([[A, 1]]);

      await kiosk.handOver();
      await new PinScreen(page).unlock(session.pin, session.title);
      await dashboard.waitUntilShown();
      expect(await dashboard.count('Ballots counted')).toBe(3);
      expect(await dashboard.boardRow(A)).toMatchObject({ supporters: 2, points: 3 });
      expect(await dashboard.boardRow(B)).toMatchObject({ supporters: 2, points: 5 });

      // When: B is merged into A.
      await dashboard.merge(B, A);
      // Staff switch to Cymraeg and back: the merge's line says the same in Welsh (it stayed English before).
      const merged = page.locator('section:has(#fac-merge-heading) > p.fac-announce');
      await page.getByRole('button', { name: 'Cymraeg', exact: true }).click();
      await expect
        .poll(() => merged.innerText())
        .toBe(makeTranslator('cy')('fac.merge.done', { duplicate: B, kept: A }));
      await page.getByRole('button', { name: 'English', exact: true }).click();
      await expect.poll(() => merged.innerText()).toBe(`“${B}” is now part of “${A}”.`);

      // Then: A has all three residents once; resident 1's 2 + 2 dots are capped at 3; B is gone.
      await expect.poll(async () => (await dashboard.boardRows()).length).toBe(1);
      const row = await dashboard.boardRow(A);
      expect(row).toMatchObject({ supporters: 3, points: 3 + 3 + 1, includes: `Includes: ${B}` });
      expect(await dashboard.boardRow(B)).toBeUndefined();
      expect(await dashboard.idea(A).getByText(`Includes: ${B}`).isVisible()).toBe(true);
      expect(await dashboard.idea(B).count()).toBe(0);
      expect(await dashboard.count('Ballots counted')).toBe(3);
      expect(await dashboard.count('Ideas shown to residents')).toBe(1);

      // Residents now see only the kept idea.
      await dashboard.startKiosk();
      await kiosk.beginTurn();
      await kiosk.openFromMenu('Read the ideas');
      expect(await kiosk.button(A).isVisible()).toBe(true);
      expect(await kiosk.button(B).count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given the demo’s live board on a portrait tablet 768 px wide, then every column shows with no sideways scrolling', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await page.setViewportSize({ width: 768, height: 1024 });
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.board.waitFor();
      await settleLayout(page);
      const box = page.locator('.fac-table-wrap', { has: dashboard.board });
      const widths = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.client + 1);
      expect(await layoutProblems(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
