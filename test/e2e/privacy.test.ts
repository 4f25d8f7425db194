/**
 * Shared tablets are private: once a resident finishes or walks away, the next person sees none of their
 * answers, half-typed text or ballot, not even through the browser's Back button; what they saved still counts.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, newTablet, openDemoDashboard } from './support/tablet';
import { Kiosk, STEP } from './pages/Kiosk';
import { PinScreen } from './pages/PinScreen';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

const AGE = 'How old are you?';
const FIRST_ANSWER = '65 or over';
const HALF_TYPED = 'Secret half-typed skatepark idea';
const HALF_TYPED_MORE = 'My name is Joan and I live at number 12';
/** Ideas the first resident puts dots on (demo ideas). */
const DOTTED = 'Lunch club for older people';

interface Traces {
  /** First-resident text found anywhere on the screen or in any form control. */
  text: string[];
  checkedAnswers: string[];
  /** "Take a dot off …" buttons that can be pressed: a dot is on that idea. */
  dotsOn: string[];
}

/** Everything on the current screen that could give away the first resident. */
async function tracesOfFirstResident(page: Page): Promise<Traces> {
  return page.evaluate(
    ({ secrets, answer }) => {
      const shown = document.body.innerText;
      const values = [
        ...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea'),
      ].map((el) => el.value);
      const text = secrets.filter((s) => shown.includes(s) || values.some((v) => v.includes(s)));
      const checkedAnswers = [...document.querySelectorAll<HTMLInputElement>('input[type=radio]')]
        .filter((el) => el.checked)
        .map((el) => el.closest('label')?.textContent?.trim() ?? '')
        .filter((label) => label === answer);
      const dotsOn = [...document.querySelectorAll<HTMLButtonElement>('button[aria-label^="Take a dot off"]')]
        .filter((b) => !b.disabled && b.getAttribute('aria-disabled') !== 'true')
        .map((b) => b.getAttribute('aria-label') ?? '');
      return { text, checkedAnswers, dotsOn };
    },
    { secrets: [HALF_TYPED, HALF_TYPED_MORE], answer: FIRST_ANSWER },
  );
}

const CLEAN: Traces = { text: [], checkedAnswers: [], dotsOn: [] };

/** Half-typed forms kept on the device (the app's drafts table), as JSON text. */
async function storedDrafts(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('codesign-app');
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('drafts', 'readonly').objectStore('drafts').getAll();
          all.onsuccess = () => {
            db.close();
            resolve(JSON.stringify(all.result));
          };
          all.onerror = () => reject(all.error ?? new Error('read failed'));
        };
      }),
  );
}

/**
 * Presses the browser's Back button `times` times; after each press waits for the screen Back must land on
 * (`expected`) and checks that nothing of the first resident shows. Back changes only the part of the address
 * after #: for a moment the screen before it may still be drawn, so the heading is polled, not read once.
 */
async function pressBack(page: Page, times: number, expected: string): Promise<void> {
  const h1 = page.getByRole('heading', { level: 1 }).first();
  for (let i = 0; i < times; i++) {
    await page.goBack();
    await expect.poll(() => h1.textContent(), { message: `after Back ${i + 1}` }).toBe(expected);
    expect(await tracesOfFirstResident(page)).toEqual(CLEAN);
  }
}

/** The first resident: answers about themselves, half-types an idea, saves a ballot, finishes. */
async function firstResident(kiosk: Kiosk): Promise<void> {
  await kiosk.beginTurn({ [AGE]: FIRST_ANSWER });
  await kiosk.openFromMenu('Add your idea');
  await kiosk.ideaTitle.fill(HALF_TYPED);
  await kiosk.ideaDescription.fill(HALF_TYPED_MORE);
  await kiosk.backToMenu();
  await kiosk.openFromMenu('Choose your priorities');
  await kiosk.putDots(DOTTED, 2);
  await kiosk.savePriorities();
  expect(await kiosk.ballotProgress.textContent()).toBe('3 dots left');
  await kiosk.finish();
  await kiosk.nextPerson();
}

describe('privacy on a shared tablet', () => {
  it('Given a resident who finished, when the next resident starts and presses Back many times, then nothing of the first resident shows', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await firstResident(kiosk);

      // The second resident: no answer chosen, an empty idea form, every dot left.
      expect(await tracesOfFirstResident(page)).toEqual(CLEAN);
      await pressBack(page, 3, STEP.welcome);
      await expect.poll(() => storedDrafts(page)).not.toContain('Secret');
      await kiosk.tap('Start', STEP.consent);
      await kiosk.agree();
      await kiosk.waitFor(STEP.aboutYou);
      expect(await kiosk.checkedRadios()).not.toContain(FIRST_ANSWER);
      expect(await kiosk.question(AGE).getByRole('radio', { name: FIRST_ANSWER }).isChecked()).toBe(false);
      expect(await tracesOfFirstResident(page)).toEqual(CLEAN);
      await kiosk.tap('Skip these questions', STEP.menu);
      expect(await page.getByText('Not done yet.').isVisible()).toBe(true);
      await kiosk.openFromMenu('Add your idea');
      expect(await kiosk.ideaTitle.inputValue()).toBe('');
      expect(await kiosk.ideaDescription.inputValue()).toBe('');
      expect(await tracesOfFirstResident(page)).toEqual(CLEAN);
      await kiosk.backToMenu();
      await kiosk.openFromMenu('Choose your priorities');
      expect(await kiosk.ballotProgress.textContent()).toBe('5 dots left');
      expect(await kiosk.removeDot(DOTTED).isDisabled()).toBe(true);
      expect(await tracesOfFirstResident(page)).toEqual(CLEAN);

      // Back, again and again: only this turn's own screens, never the first resident's.
      // Back from the priorities goes to the menu and stays in this turn.
      await pressBack(page, 6, STEP.menu);
      expect(page.url()).toMatch(/\/kiosk$/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given a resident who turns on larger text on the welcome screen and walks away without starting, when the idle time runs out, then the next person gets the usual text size', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await page.clock.install();
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await kiosk.waitFor(STEP.welcome);
      const larger = page.getByRole('button', { name: 'Larger text', exact: true });
      await larger.click();
      await expect.poll(() => larger.getAttribute('aria-pressed')).toBe('true');
      const isLarge = () => page.evaluate(() => document.documentElement.classList.contains('large-text'));
      await expect.poll(isLarge).toBe(true);

      await kiosk.stopTime();
      await kiosk.idleUntilWarning();
      await kiosk.idleDialog.waitFor();
      await kiosk.idleUntilTurnEnds();
      await kiosk.waitFor(STEP.welcome);
      await page.clock.resume();
      await expect.poll(isLarge).toBe(false);
      expect(await larger.getAttribute('aria-pressed')).toBe('false');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given a resident who walks away mid-turn, when the idle time runs out, then the turn ends, the next turn is clean and the first ballot still counts', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      // Time on the page is the test's: the idle time passes when the test says, however busy the machine is.
      await page.clock.install();
      const { dashboard } = await openDemoDashboard(page, app.url);
      const ballotsBefore = await dashboard.count('Ballots counted');
      const pointsBefore = (await dashboard.boardRow(DOTTED))?.points ?? 0;
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await firstResident(kiosk);

      // A resident who answers, starts typing, and walks away (the default idle time).
      await kiosk.tap('Start', STEP.consent);
      await kiosk.agree();
      await kiosk.answer(AGE, FIRST_ANSWER);
      await kiosk.tap('Next', STEP.menu);
      await kiosk.openFromMenu('Add your idea');
      await kiosk.ideaTitle.fill(HALF_TYPED);

      // "Still there?" first, then the turn ends by itself.
      await kiosk.stopTime();
      await kiosk.idleUntilWarning();
      await kiosk.idleDialog.waitFor();
      expect(await kiosk.button('I’m still here').isVisible()).toBe(true);
      expect(await kiosk.step(STEP.welcome).count()).toBe(0);
      await kiosk.idleUntilTurnEnds();
      await kiosk.waitFor(STEP.welcome);
      await page.clock.resume();
      expect(await kiosk.idleDialog.count()).toBe(0);
      expect(await tracesOfFirstResident(page)).toEqual(CLEAN);
      await expect.poll(() => storedDrafts(page)).not.toContain('Secret');

      // The next Start is a clean turn.
      await kiosk.tap('Start', STEP.consent);
      await kiosk.agree();
      await kiosk.waitFor(STEP.aboutYou);
      expect(await kiosk.question(AGE).getByRole('radio', { name: FIRST_ANSWER }).isChecked()).toBe(false);
      await kiosk.tap('Skip these questions', STEP.menu);
      await kiosk.openFromMenu('Add your idea');
      expect(await kiosk.ideaTitle.inputValue()).toBe('');
      expect(await tracesOfFirstResident(page)).toEqual(CLEAN);

      // The first resident's saved ballot is counted; the walked-away turn added no ballot.
      await kiosk.handOver();
      await new PinScreen(page).unlock(DEMO.pin, DEMO.title);
      await dashboard.waitUntilShown();
      expect(await dashboard.count('Ballots counted')).toBe(ballotsBefore + 1);
      expect((await dashboard.boardRow(DOTTED))?.points).toBe(pointsBefore + 2);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
