/**
 * A reload or a crash mid-turn: within the idle time the same turn comes back on that tablet (the same
 * participant: their idea stays theirs and they are one resident, not two); once the idle time has passed the
 * turn is ended as the idle timeout would have, and whoever finds the tablet sees a fresh turn with nothing of
 * the earlier one. Time is moved with Playwright's clock, never waited for.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, newTablet, openDemoDashboard } from './support/tablet';
import type { Dashboard } from './pages/Dashboard';
import { Kiosk, STEP } from './pages/Kiosk';
import { PinScreen } from './pages/PinScreen';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

/** The app's default idle time (src/ui/kiosk/useIdle.ts), which these tests keep. */
const IDLE_MS = 120_000;
const AGE = 'How old are you?';
const ANSWER = '65 or over';
const IDEA = { title: 'Repair café in the library', theme: 'Green spaces', cost: '2500' };
const HALF_TYPED = 'Half-typed idea about a skatepark';

/** One record store of the app's device database, as JSON text (raw IndexedDB: what is really on the device). */
async function stored(page: Page, store: 'drafts' | 'liveTurns'): Promise<string> {
  return page.evaluate(
    (name) =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('codesign-app');
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction(name, 'readonly').objectStore(name).getAll();
          all.onsuccess = () => {
            db.close();
            resolve(JSON.stringify(all.result));
          };
          all.onerror = () => reject(all.error ?? new Error('read failed'));
        };
      }),
    store,
  );
}

/** The live turn marker's last activity time, once the marker is on the given step. */
async function markerActiveAt(page: Page, step: string): Promise<number> {
  let at = 0;
  await expect
    .poll(async () => {
      const markers = JSON.parse(await stored(page, 'liveTurns')) as { step: string; lastActiveAt: number }[];
      at = markers[0]?.lastActiveAt ?? 0;
      return markers.map((m) => m.step);
    })
    .toEqual([step]);
  return at;
}

/** "Turns ended with nothing done: N." under the dashboard's counts. */
async function nothingDone(page: Page): Promise<number> {
  const text = (await page.locator('[data-figure="nothing-done"]').textContent()) ?? '';
  const m = /: (\d+)\./.exec(text);
  if (!m) throw new Error(`No "nothing done" figure in: ${text}`);
  return Number(m[1]);
}

interface Figures {
  residents: number;
  nothingDone: number;
}

async function figures(page: Page, dashboard: Dashboard): Promise<Figures> {
  return { residents: await dashboard.count('Residents taking part'), nothingDone: await nothingDone(page) };
}

/** With the clock paused: lets page time pass in small steps until `isDone` (the page's own timers, animation
 * frames included, run only as time passes). Returns how much page time passed. */
async function stepUntil(page: Page, what: string, isDone: () => Promise<boolean>): Promise<number> {
  let passed = 0;
  while (!(await isDone())) {
    if (passed > 5_000) throw new Error(`${what}: not within 5 s of page time`);
    await page.clock.runFor(50);
    passed += 50;
  }
  return passed;
}

function stepUntilVisible(page: Page, name: string): Promise<number> {
  return stepUntil(page, `"${name}" shown`, () => new Kiosk(page).step(name).isVisible());
}

/** Back to the dashboard through the PIN, from the kiosk. */
async function toDashboard(page: Page, kiosk: Kiosk, dashboard: Dashboard): Promise<void> {
  await kiosk.handOver();
  await new PinScreen(page).unlock(DEMO.pin, DEMO.title);
  await dashboard.waitUntilShown();
}

describe('a reload in the middle of a turn', () => {
  it('Given a resident who added an idea and is typing another, when the page reloads, then the same turn resumes with their draft and they count once', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const { dashboard } = await openDemoDashboard(page, app.url);
      const before = await figures(page, dashboard);
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await kiosk.beginTurn();
      await kiosk.addIdea(IDEA);
      await kiosk.tap('Back to the ideas', STEP.ideas);
      await kiosk.backToMenu();
      await kiosk.openFromMenu('Add your idea');
      await kiosk.ideaTitle.fill(HALF_TYPED);
      await expect.poll(() => stored(page, 'drafts')).toContain(HALF_TYPED);
      await markerActiveAt(page, 'addIdea');

      // When: the page reloads (a crash, a pulled cable, a tap on the browser's reload).
      await page.reload();

      // Then: the same turn, on the same step, with the same resident's half-typed idea; no Welcome screen.
      await kiosk.waitFor(STEP.addIdea);
      // The draft is read back from the device after the step is drawn (the next test steps page time for it).
      await expect.poll(() => kiosk.ideaTitle.inputValue()).toBe(HALF_TYPED);
      await kiosk.backToMenu();
      await kiosk.openFromMenu('Read the ideas');
      await kiosk.openIdea(IDEA.title);
      await kiosk.tap('Back to the ideas', STEP.ideas);
      await kiosk.backToMenu();
      await kiosk.finish();
      await expect.poll(() => stored(page, 'liveTurns')).toBe('[]');

      // The resident who added the idea is one resident taking part, not two, and no turn counts as empty.
      await kiosk.nextPerson();
      await toDashboard(page, kiosk, dashboard);
      expect(await figures(page, dashboard)).toEqual({
        residents: before.residents + 1,
        nothingDone: before.nothingDone,
      });
      expect(await dashboard.boardRow(IDEA.title)).toMatchObject({ supporters: 0, points: 0 });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given a resident who put dots on ideas and has not saved them, when the page reloads, then the dots come back unsaved, and saved they count once (found in a walk: they were lost)', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await kiosk.beginTurn();
      await kiosk.addIdea(IDEA);
      await kiosk.tap('Back to the ideas', STEP.ideas);
      await kiosk.backToMenu();
      await kiosk.openFromMenu('Choose your priorities');
      const untouched = await kiosk.ballotProgress.textContent();
      await kiosk.putDots(IDEA.title, 2);
      const set = await kiosk.ballotProgress.textContent();
      expect(set).not.toBe(untouched);
      await expect.poll(() => stored(page, 'drafts')).toContain('"kind\\":\\"dots');
      await markerActiveAt(page, 'priorities');

      await page.reload();

      // The same turn on the priorities screen, the two dots back (read from the device after the step is drawn).
      await kiosk.waitFor(STEP.priorities);
      await expect.poll(() => kiosk.ballotProgress.textContent()).toBe(set);
      // Unsaved: finishing now would warn; saved, the draft is gone and the dots count once.
      await kiosk.savePriorities();
      await expect.poll(() => stored(page, 'drafts')).not.toContain('"kind\\":\\"dots');
      await kiosk.finish();
      await kiosk.nextPerson();
      await toDashboard(page, kiosk, dashboard);
      expect(await dashboard.boardRow(IDEA.title)).toMatchObject({ supporters: 1, points: 2 });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given a resident who walked away, when the page reloads just within the idle time, then their turn resumes only for what is left of it and then ends by itself', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await page.clock.install();
      const { dashboard } = await openDemoDashboard(page, app.url);
      const before = await figures(page, dashboard);
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await kiosk.beginTurn({ [AGE]: ANSWER });
      await kiosk.openFromMenu('Add your idea');
      await kiosk.ideaTitle.fill(HALF_TYPED);
      await expect.poll(() => stored(page, 'drafts')).toContain(HALF_TYPED);

      // Time stops; the resident was last active at `at`; the page reloads 30 s before their idle time is up.
      const now = await page.evaluate(() => Date.now());
      await page.clock.pauseAt(now + 2_000);
      const at = await markerActiveAt(page, 'addIdea');
      await page.clock.setSystemTime(at + IDLE_MS - 30_000);
      await page.reload();

      // Then: the same turn (nothing is touched: a reload is nobody's tap).
      let passed = await stepUntilVisible(page, STEP.addIdea);
      passed += await stepUntil(
        page,
        'the draft restored',
        async () => (await kiosk.ideaTitle.inputValue()) === HALF_TYPED,
      );
      expect(await kiosk.step(STEP.addIdea).isVisible()).toBe(true);
      // When the 30 s left have passed, the turn ends by itself and nothing of it is left on the screen.
      await page.clock.runFor(30_000 - passed);
      await stepUntilVisible(page, STEP.welcome);
      expect(await page.locator('body').innerText()).not.toContain(HALF_TYPED);
      await expect.poll(() => stored(page, 'drafts')).not.toContain(HALF_TYPED);
      await expect.poll(() => stored(page, 'liveTurns')).toBe('[]');

      await page.clock.resume();
      await toDashboard(page, kiosk, dashboard);
      // The resident answered a question: one resident taking part, counted once.
      expect(await figures(page, dashboard)).toEqual({
        residents: before.residents + 1,
        nothingDone: before.nothingDone,
      });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given a resident who walked away, when the page reloads after the idle time has passed, then a fresh turn starts showing nothing of theirs', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await page.clock.install();
      const { dashboard } = await openDemoDashboard(page, app.url);
      const before = await figures(page, dashboard);
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await kiosk.beginTurn({ [AGE]: ANSWER });
      await kiosk.openFromMenu('Add your idea');
      await kiosk.ideaTitle.fill(HALF_TYPED);
      await expect.poll(() => stored(page, 'drafts')).toContain(HALF_TYPED);

      // The tablet is found, and reloaded, a second after the resident's idle time ran out.
      const now = await page.evaluate(() => Date.now());
      await page.clock.pauseAt(now + 2_000);
      const at = await markerActiveAt(page, 'addIdea');
      await page.clock.setSystemTime(at + IDLE_MS + 1_000);
      await page.reload();

      // Then: Welcome, a fresh turn; the earlier resident's draft and marker are gone.
      await stepUntilVisible(page, STEP.welcome);
      await page.clock.resume();
      expect(await page.locator('body').innerText()).not.toContain(HALF_TYPED);
      await expect.poll(() => stored(page, 'drafts')).not.toContain(HALF_TYPED);
      await expect.poll(() => stored(page, 'liveTurns')).toBe('[]');
      await kiosk.tap('Start', STEP.consent);
      await kiosk.agree();
      await kiosk.waitFor(STEP.aboutYou);
      expect(await kiosk.question(AGE).getByRole('radio', { name: ANSWER }).isChecked()).toBe(false);
      await kiosk.tap('Skip these questions', STEP.menu);
      await kiosk.openFromMenu('Add your idea');
      expect(await kiosk.ideaTitle.inputValue()).toBe('');

      // The earlier resident (they answered) took part once; this new turn, handed over with nothing done, is apart.
      await toDashboard(page, kiosk, dashboard);
      expect(await figures(page, dashboard)).toEqual({
        residents: before.residents + 1,
        nothingDone: before.nothingDone + 1,
      });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
