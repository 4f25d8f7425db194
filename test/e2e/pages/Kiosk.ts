/** The residents' kiosk: one turn, step by step, by what is on the screen. */
import type { Locator, Page } from 'playwright-core';
import { LOCALES, makeTranslator, type Translator } from '../../../src/ui/i18n';
// The English of the steps after "I agree" loads with their chunk in the app; the tests name those steps in it.
import '../../../src/ui/kiosk/laterMessages';
import { DEFAULT_IDLE_MS, WARN_AT } from '../../../src/ui/kiosk/useIdle';
import { escapeRegExp } from './Home';

export const STEP = {
  welcome: 'Welcome',
  consent: 'Before you start',
  aboutYou: 'A little about you',
  menu: 'What would you like to do?',
  moneyMap: 'Where the money goes',
  ideas: 'Ideas so far',
  addIdea: 'Add your idea',
  priorities: 'Choose your priorities',
  finishCheck: 'Your changes are not saved',
  prioritiesReminder: 'Before you finish',
  facilitator: 'Hand over to the facilitator?',
  thanks: 'Thank you!',
} as const;

/** Longer than Preact's wait for a frame before it runs effects (requestAnimationFrame, or 100 ms without one). */
const EFFECTS_FLUSH_MS = 200;

export const IDEA_ADDED = 'Thank you. Your idea has been added.';
export const COMMENT_ADDED = 'Thank you. Your comment has been added.';

export interface IdeaValues {
  title: string;
  description?: string;
  theme?: string;
  cost?: string;
  where?: string;
}

export class Kiosk {
  constructor(readonly page: Page) {}

  /** The screen's heading (each kiosk screen has exactly one h1). */
  step(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name, exact: true });
  }

  async waitFor(name: string): Promise<void> {
    await this.step(name).waitFor();
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  async tap(name: string, then?: string): Promise<void> {
    await this.button(name).click();
    if (then) await this.waitFor(then);
  }

  /** How long a turn may be left alone, read by the app at the start of every turn (raw IndexedDB, as a test hook). */
  /**
   * Stops time on the page's fake clock (`page.clock.install()` must have run before the app loaded), so that
   * nothing time-driven happens until the test lets time pass: a loaded machine cannot make a window be missed.
   */
  async stopTime(): Promise<void> {
    // The turn reads its idle time from IndexedDB (real time, not the fake clock): wait until it has it, else the
    // timers would be armed only after the clock stopped, and never fire.
    await this.page.locator('.kiosk[data-idle-ms]').waitFor({ state: 'attached' });
    const now = await this.page.evaluate(() => Date.now());
    await this.page.clock.pauseAt(now + 1000);
    // Preact arms the idle timers in an effect, after the next frame (at most 100 ms of page time): let a step that
    // just rendered have them armed now, so that the idle time counts from before the test's runFor, not from inside it.
    await this.page.clock.runFor(EFFECTS_FLUSH_MS);
  }

  /** With time stopped: lets the default idle time run up to the "Still there?" warning, firing every timer. */
  async idleUntilWarning(): Promise<void> {
    await this.page.clock.runFor(Math.ceil(DEFAULT_IDLE_MS * WARN_AT));
  }

  /** With time stopped, after the warning: lets the rest of the idle time run, so the turn ends by itself. */
  async idleUntilTurnEnds(): Promise<void> {
    await this.page.clock.runFor(Math.ceil(DEFAULT_IDLE_MS * (1 - WARN_AT)));
  }

  async setIdleMs(ms: number): Promise<void> {
    await this.page.evaluate(
      (value) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('codesign-app');
          open.onerror = () => reject(open.error ?? new Error('open failed'));
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction('settings', 'readwrite');
            tx.objectStore('settings').put({ key: 'kioskIdleMs', value });
            tx.oncomplete = () => {
              db.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error ?? new Error('write failed'));
          };
        }),
      ms,
    );
  }

  /** Welcome → consent → (about you: the given answers, or skipped) → the menu. */
  async beginTurn(answers: Record<string, string> = {}): Promise<void> {
    await this.waitFor(STEP.welcome);
    await this.tap('Start', STEP.consent);
    await this.agree();
    if (await this.step(STEP.aboutYou).isVisible()) {
      if (Object.keys(answers).length === 0) {
        await this.tap('Skip these questions', STEP.menu);
      } else {
        for (const [question, option] of Object.entries(answers)) await this.answer(question, option);
        await this.tap('Next', STEP.menu);
      }
    }
  }

  /**
   * Welcome → the language `lang` (one the session offers), its larger text if `isLarge` → consent → about you,
   * skipped → the menu, tapping the words of that language (its catalogue loaded first: `loadLanguage`). Returns
   * its translator.
   */
  async beginTurnIn(lang: string, isLarge = false): Promise<Translator> {
    const t = makeTranslator(lang);
    await this.waitFor(STEP.welcome);
    if (lang !== 'en') await this.tap(LOCALES[lang]!.name, t('kiosk.welcome.title'));
    if (isLarge) await this.tap(t('kiosk.welcome.largeText'));
    await this.tap(t('kiosk.welcome.start'));
    await this.tap(t('kiosk.consent.agree'));
    const about = this.step(t('kiosk.about.title'));
    await about.or(this.step(t('kiosk.hub.title'))).waitFor();
    if (await about.isVisible()) await this.tap(t('kiosk.about.skip'));
    await this.waitFor(t('kiosk.hub.title'));
    return t;
  }

  async agree(): Promise<void> {
    await this.button('I agree').click();
    await this.page
      .getByRole('heading', {
        level: 1,
        name: new RegExp(`^(${escapeRegExp(STEP.aboutYou)}|${escapeRegExp(STEP.menu)})$`),
      })
      .waitFor();
  }

  question(text: string): Locator {
    return this.page.getByRole('group', { name: new RegExp(`^${escapeRegExp(text)}`) });
  }

  async answer(question: string, option: string): Promise<void> {
    await this.question(question).getByRole('radio', { name: option, exact: true }).check();
  }

  /** The labels of every ticked radio button on the screen. */
  async checkedRadios(): Promise<string[]> {
    return this.page
      .getByRole('radio', { checked: true })
      .evaluateAll((els) => els.map((el) => el.closest('label')?.textContent?.trim() ?? ''));
  }

  async openFromMenu(
    tile: 'Where the money goes' | 'Read the ideas' | 'Add your idea' | 'Choose your priorities',
  ) {
    const heading: Record<typeof tile, string> = {
      'Where the money goes': STEP.moneyMap,
      'Read the ideas': STEP.ideas,
      'Add your idea': STEP.addIdea,
      'Choose your priorities': STEP.priorities,
    };
    await this.tap(tile, heading[tile]);
  }

  /** The first "Back to the menu" (long screens have a second at the end). */
  async backToMenu(): Promise<void> {
    await this.button('Back to the menu').first().click();
    await this.waitFor(STEP.menu);
  }

  // Adding an idea

  get ideaTitle(): Locator {
    return this.page.getByLabel('Your idea in a few words', { exact: true });
  }
  get ideaDescription(): Locator {
    return this.page.getByLabel(/^Tell us more/);
  }
  get ideaCost(): Locator {
    return this.page.getByLabel('Roughly how much would it cost?', { exact: true });
  }
  get ideaWhere(): Locator {
    return this.page.getByLabel(/^Where would it happen\?/);
  }
  get themes(): Locator {
    return this.page.getByRole('group', { name: 'Which of these is it closest to?' });
  }

  async fillIdea(v: IdeaValues): Promise<void> {
    await this.ideaTitle.fill(v.title);
    if (v.description !== undefined) await this.ideaDescription.fill(v.description);
    if (v.theme !== undefined) await this.themes.getByRole('radio', { name: v.theme, exact: true }).check();
    if (v.cost !== undefined) await this.ideaCost.fill(v.cost);
    if (v.where !== undefined) await this.ideaWhere.fill(v.where);
  }

  /** From the menu: adds the idea and waits for the thanks on the idea's own screen. */
  async addIdea(v: IdeaValues): Promise<void> {
    await this.openFromMenu('Add your idea');
    await this.fillIdea(v);
    await this.tap('Add my idea');
    await this.page.getByText(IDEA_ADDED, { exact: true }).waitFor();
    await this.waitFor(v.title);
  }

  // Ideas and comments

  async openIdea(title: string): Promise<void> {
    await this.button(title).click();
    await this.waitFor(title);
  }

  get commentBox(): Locator {
    return this.page.getByLabel('Your comment', { exact: true });
  }

  async comment(text: string): Promise<void> {
    await this.commentBox.fill(text);
    await this.tap('Add my comment');
    await this.page.getByRole('status').filter({ hasText: COMMENT_ADDED }).waitFor();
  }

  // Priorities

  addDot(title: string): Locator {
    return this.button(`Add a dot to ${title}`);
  }
  removeDot(title: string): Locator {
    return this.button(`Take a dot off ${title}`);
  }

  async putDots(title: string, n: number): Promise<void> {
    for (let i = 0; i < n; i++) await this.addDot(title).click();
  }

  /** "5 dots left", "You have used all your dots.", "Money left: …", "You can add 3 more ideas." */
  get ballotProgress(): Locator {
    return this.page.locator('.ballot-progress [role=status]');
  }

  /** Under that bar, on a budget ballot: the minimum still to reach, or nothing when none applies. */
  get ballotMinimum(): Locator {
    return this.page.locator('.ballot-minimum[role=status]');
  }

  /** Saves the ballot and waits until the app says it is stored (IndexedDB committed). */
  async savePriorities(): Promise<void> {
    await this.tap('Save my priorities');
    await this.page.locator('[data-save-state="saved"]').waitFor();
  }

  /** Finish from the menu or the priorities screen, to the thank-you screen (with no priorities set: "Finish anyway"). */
  async finish(): Promise<void> {
    await this.tap('Finish');
    await this.step(STEP.thanks).or(this.step(STEP.prioritiesReminder)).waitFor();
    if (await this.step(STEP.prioritiesReminder).isVisible()) await this.tap('Finish anyway', STEP.thanks);
  }

  async nextPerson(): Promise<void> {
    await this.tap('Start again for the next person', STEP.welcome);
  }

  /** The Facilitator button, then "Yes, end the turn": lands on the PIN screen. */
  async handOver(): Promise<void> {
    await this.tap('Facilitator', STEP.facilitator);
    await this.tap('Yes, end the turn');
    await this.page.getByRole('heading', { level: 1, name: 'Unlock facilitator mode' }).waitFor();
  }

  get idleDialog(): Locator {
    return this.page.getByRole('alertdialog', { name: 'Still there?' });
  }
}
