/**
 * A staff screen kept for another session. Going from one session's screen straight to another's (a link pasted
 * or a bookmark opened in the same tab, or the browser's history list, which jumps over the screens between) keeps
 * the same screen with a new session id in the address. The loading hooks kept the session before until the new one
 * had opened: the PIN screen for a session still opening said "For: <the session before>", under that session's
 * page title, with a PIN form ready (that session's PIN would have unlocked the new one), and the officer's results
 * for one session were drawn headed by the other. A hook now hands back nothing of a session under another's id.
 * The kiosk too: no address reaches another session's kiosk while one shows (the tablet's kiosk lock sends every
 * address to its own session's, and locking to another first draws nothing), but another window of the tablet can
 * move the lock. The kiosk screen kept for the new session left the turn under way unfinished in its own session.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sessionDbName } from '../../src/storage/indexedDbDocStore';
import { Home } from './pages/Home';
import { Kiosk, STEP } from './pages/Kiosk';
import { PinScreen } from './pages/PinScreen';
import { axeViolations } from './support/axe';
import { AUTUMN, SPRING, seedAutumn, seedSpring, type SeededSession } from './support/neighbourhood';
import { enrolOfficer, resultsShown, syncToCouncil } from './support/officer';
import { useBrowserAndCouncil } from './support/setup';
import { storedRecords } from './support/stored';
import { DEMO, newTablet, openDemoDashboard, openNewSessionDashboard, usePage } from './support/tablet';

const app = useBrowserAndCouncil('codesign-session-switch-');
const APP = 'Neighbourhood Co-design';
let spring: SeededSession;
let autumn: SeededSession;

beforeAll(async () => {
  spring = seedSpring();
  autumn = seedAutumn();
  await syncToCouncil(app, [spring, autumn]);
}, 60_000);

interface Drawn {
  hash: string;
  heading: string;
  main: string;
}

/** From now on, the address, first heading and main content each time the page changes, before effects run. */
async function recordDrawn(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { drawn: Drawn[] };
    w.drawn = [];
    new MutationObserver(() =>
      w.drawn.push({
        hash: location.hash,
        heading: document.querySelector('h1')?.textContent ?? '',
        main: document.querySelector('main')?.textContent ?? '',
      }),
    ).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  });
}

function drawnAt(page: Page, hash: string): Promise<Drawn[]> {
  return page.evaluate(
    (h) => (window as unknown as { drawn: Drawn[] }).drawn.filter((d) => d.hash === h),
    hash,
  );
}

/**
 * Holds the opening of a session's storage: a connection that will not close and a version change queued behind
 * it, so the app's own open waits its turn until `releaseStorage`. Counts the databases the app asks to open.
 */
async function holdStorage(page: Page, sessionId: string): Promise<void> {
  await page.evaluate(async (name) => {
    const w = window as unknown as { held: IDBDatabase; openedNames: string[] };
    w.openedNames = [];
    // Called with the factory as `this`, as the browser's own method is.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (this: IDBFactory, dbName: string, version?: number) {
      w.openedNames.push(dbName);
      return open.call(this, dbName, version);
    };
    w.held = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = open.call(indexedDB, name, 1);
      // y-indexeddb's layout, empty: a session this device does not hold.
      request.onupgradeneeded = () => {
        request.result.createObjectStore('updates', { autoIncrement: true });
        request.result.createObjectStore('custom');
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    await new Promise<void>((resolve) => {
      const upgrade = open.call(indexedDB, name, 2);
      upgrade.onblocked = () => resolve();
      upgrade.onsuccess = () => upgrade.result.close();
    });
  }, sessionDbName(sessionId));
}

async function releaseStorage(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { held: IDBDatabase }).held.close());
}

describe('a staff screen kept for another session', () => {
  it('Given the PIN screen for the demo, when a link to a session still opening is followed in the same tab and then Back, then no screen or title shows the demo under the other session', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const home = new Home(page);
      await home.goto(app.url);
      const demoId = await home.openDemo();
      const pin = new PinScreen(page);
      await pin.waitUntilShown();
      await expect.poll(() => page.title()).toBe(`Unlock facilitator mode – ${DEMO.title} – ${APP}`);
      // Digits half typed for the demo belong to the demo's PIN screen only.
      await pin.field.fill('12');

      const otherId = 'another-tablets-session';
      await holdStorage(page, otherId);
      await recordDrawn(page);
      await page.goto(`${app.url}#/session/${otherId}`);
      // The screen has asked for the other session's storage: it has been drawn for it.
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { openedNames: string[] }).openedNames))
        .toContain(sessionDbName(otherId));
      expect(await page.title()).toBe(`Unlock facilitator mode – ${APP}`);
      await page.getByText('Loading…', { exact: true }).waitFor();
      expect(await pin.field.count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);

      await releaseStorage(page);
      await page.getByRole('heading', { level: 1, name: 'Session not found' }).waitFor();
      await expect.poll(() => page.title()).toBe(`Session not found – ${APP}`);
      expect(await axeViolations(page)).toEqual([]);
      const drawn = await drawnAt(page, `#/session/${otherId}`);
      expect(drawn.length).toBeGreaterThan(0);
      expect(drawn.filter((d) => d.main.includes(DEMO.title))).toEqual([]);

      // Back: the demo's PIN screen again, straight from the other session's.
      await page.goBack();
      await page.getByText(DEMO.title, { exact: false }).first().waitFor();
      await pin.field.waitFor();
      await expect.poll(() => page.title()).toBe(`Unlock facilitator mode – ${DEMO.title} – ${APP}`);
      expect(page.url()).toContain(`#/session/${demoId}`);
      expect(await pin.field.inputValue()).toBe('');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('Given an officer on one session’s results, when they open another session’s straight away and go Back, then each is drawn headed by its own title, never the other’s', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await enrolOfficer(page, app);
      await page.goto(`${app.url}#/officer/session/${spring.sessionId}`);
      await resultsShown(page, spring.sessionId);
      await expect.poll(() => page.title()).toBe(`Council results – ${SPRING} – ${APP}`);

      await recordDrawn(page);
      await page.goto(`${app.url}#/officer/session/${autumn.sessionId}`);
      await resultsShown(page, autumn.sessionId);
      await expect.poll(() => page.title()).toBe(`Council results – ${AUTUMN} – ${APP}`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(AUTUMN);
      expect(await axeViolations(page)).toEqual([]);
      const toAutumn = await drawnAt(page, `#/officer/session/${autumn.sessionId}`);
      expect(toAutumn.length).toBeGreaterThan(0);
      expect(toAutumn.filter((d) => d.heading === SPRING)).toEqual([]);

      await page.goBack();
      await resultsShown(page, spring.sessionId);
      await expect.poll(() => page.title()).toBe(`Council results – ${SPRING} – ${APP}`);
      const backToSpring = await drawnAt(page, `#/officer/session/${spring.sessionId}`);
      expect(backToSpring.filter((d) => d.heading === AUTUMN)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});

describe('a kiosk kept for another session', () => {
  it('Given a resident’s turn under way on a kiosk, when another window of the tablet moves kiosk mode to another session, then this window shows that session’s kiosk from its start, and the turn under way is ended in its own session', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const { sessionId: otherId } = await openNewSessionDashboard(page, app.url);
      const { sessionId: demoId, dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await kiosk.waitFor(STEP.welcome);

      // The facilitator, in a second window, lifts kiosk mode with the demo's PIN (this window locks it again).
      const second = usePage(await context.newPage());
      await second.page.goto(`${app.url}#/session/${demoId}`);
      await new PinScreen(second.page).unlock(DEMO.pin, DEMO.title);
      await kiosk.waitFor(STEP.welcome);
      await kiosk.beginTurn();
      const open = (await storedRecords(page, demoId)).participants.filter((p) => p.finishedAt === null);
      expect(open).toHaveLength(1);
      const resident = open[0]!.id;

      // It then opens the other session's kiosk: the tablet is that session's kiosk now, in every window.
      await second.page.goto(`${app.url}#/session/${otherId}/kiosk`);
      await new Kiosk(second.page).waitFor(STEP.welcome);
      await page.waitForURL((url) => url.hash === `#/session/${otherId}/kiosk`);
      await kiosk.waitFor(STEP.welcome);
      await expect
        .poll(
          async () =>
            (await storedRecords(page, demoId)).participants.find((p) => p.id === resident)?.finishedAt,
        )
        .toEqual(expect.any(Number));
      expect((await storedRecords(page, otherId)).participants).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      expect([...errors, ...second.errors]).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
