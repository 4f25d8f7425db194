/**
 * The page's title on staff screens (WCAG 2.4.2): kiosk screens name themselves since 3d04c88, but the home,
 * PIN, facilitator and officer screens all kept "Neighbourhood Co-design", so the browser tab and a screen
 * reader's "title" command could not tell the dashboard from the session form or one session's results from
 * another's. Each names itself now, with the session (or neighbourhood) it is about, in the staff language:
 * "Edit the session – Northmoor: what should the pot pay for? – Neighbourhood Co-design". The words are the
 * screen's own heading (or the heading and the line above it), and axe finds nothing on any of them. A screen that
 * names none (a loading state) has the app's name, never the title of a screen that has gone.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLanguage, makeTranslator } from '../../src/ui/i18n';
import { Dashboard } from './pages/Dashboard';
import { Home } from './pages/Home';
import { PinScreen } from './pages/PinScreen';
import { axeViolations } from './support/axe';
import { holdChunk, OFFICER_CHUNK } from './support/heldChunk';
import {
  AUTUMN,
  NEIGHBOURHOOD,
  SPRING,
  seedAutumn,
  seedSpring,
  type SeededSession,
} from './support/neighbourhood';
import { enrolOfficer, resultsShown, syncToCouncil } from './support/officer';
import { useBrowserAndCouncil } from './support/setup';
import { DEMO, newTablet, openDemoDashboard } from './support/tablet';

const app = useBrowserAndCouncil('codesign-staff-titles-');
const APP = 'Neighbourhood Co-design';
let spring: SeededSession;

beforeAll(async () => {
  await Promise.all([loadLanguage('cy'), loadLanguage('cy', 'staff')]);
  spring = seedSpring();
  await syncToCouncil(app, [spring, seedAutumn()]);
}, 60_000);

/** Each screen's title as it showed, and what axe found on it, so one run names every problem. */
class TitleWalk {
  readonly titles: string[] = [];
  readonly problems: Record<string, string[]> = {};

  constructor(private readonly page: Page) {}

  /**
   * Waits for the title `[screen, session, app]` (parts left out where absent), then checks that the screen's
   * first heading is one of those words (or of `headings`, where the page holds one report per session) and that
   * axe finds nothing.
   */
  async expectTitle(parts: readonly string[], headings: readonly string[] = parts): Promise<void> {
    const title = parts.join(' – ');
    await expect.poll(() => this.page.title()).toBe(title);
    this.titles.push(title);
    const heading = (await this.page.getByRole('heading', { level: 1 }).first().textContent()) ?? '';
    expect(headings).toContain(heading);
    const violations = await axeViolations(this.page);
    if (violations.length > 0) this.problems[title] = violations;
  }
}

describe('staff screens’ page titles', () => {
  it('Given a facilitator, when they go from home to the session form, PIN, dashboard, edit form and the room, then each page title names the screen and its session, in English and in Welsh', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const walk = new TitleWalk(page);
      const home = new Home(page);
      await home.goto(app.url);
      await walk.expectTitle([APP]);

      await home.openCreateForm();
      await walk.expectTitle(['Create a session', APP]);

      await home.goto(app.url);
      await home.openDemo();
      const pin = new PinScreen(page);
      await pin.waitUntilShown();
      await walk.expectTitle(['Unlock facilitator mode', DEMO.title, APP]);

      await pin.unlock(DEMO.pin, DEMO.title);
      const dashboard = new Dashboard(page, DEMO.title);
      await dashboard.waitUntilShown();
      await walk.expectTitle(['Facilitator mode', DEMO.title, APP]);

      await dashboard.openEditForm();
      await walk.expectTitle(['Edit the session', DEMO.title, APP]);
      await page.getByRole('link', { name: 'Back to the session', exact: true }).click();
      await dashboard.waitUntilShown();
      await walk.expectTitle(['Facilitator mode', DEMO.title, APP]);

      await page.getByRole('link', { name: 'Gather the room', exact: true }).click();
      await walk.expectTitle(['Gather the room’s ideas', DEMO.title, APP]);

      // The staff language switch: the title follows it on the screen shown.
      const cy = makeTranslator('cy');
      await page.getByRole('button', { name: 'Cymraeg', exact: true }).click();
      await walk.expectTitle([cy('room.heading'), DEMO.title, cy('app.name')]);
      await page.getByRole('link', { name: cy('room.back'), exact: true }).click();
      await walk.expectTitle([cy('fac.dash.eyebrow'), DEMO.title, cy('app.name')]);
      await page.getByRole('button', { name: 'English', exact: true }).click();
      await walk.expectTitle(['Facilitator mode', DEMO.title, APP]);

      // Back home, the app's name again (the home screen's heading).
      await dashboard.lock();
      await walk.expectTitle([APP]);

      // The officer view on a device not enrolled as an officer's.
      await page.goto(`${app.url}#/officer`);
      await page.getByRole('alert').waitFor();
      await walk.expectTitle(['Council results', APP]);

      expect(new Set(walk.titles).size).toBe(9);
      expect(walk.problems).toEqual({});
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('Given an officer, when they go from the council’s sessions to a neighbourhood, a session and its report, then each page title names the screen and what it is about', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const walk = new TitleWalk(page);
      // The report of everything on the screen (each session's exports have one of their own too).
      const openReport = (): Promise<void> =>
        page
          .getByRole('region', { name: 'Up to date with the council?' })
          .getByRole('link', { name: 'Printable report', exact: true })
          .click();
      await enrolOfficer(page, app);
      await page.getByRole('link', { name: 'Open the council results' }).click();
      await page.getByRole('link', { name: SPRING }).waitFor();
      await page.getByRole('link', { name: AUTUMN }).waitFor();
      await walk.expectTitle(['Council results', APP]);

      await page.getByRole('link', { name: /^Open Ashfield North: 2 sessions together$/ }).click();
      await resultsShown(page, spring.sessionId);
      await walk.expectTitle(['Council results', NEIGHBOURHOOD, APP]);
      await openReport();
      await page.getByRole('heading', { level: 1, name: AUTUMN }).waitFor();
      // The neighbourhood's sessions one after another, each headed by its own title.
      await walk.expectTitle(['Report', NEIGHBOURHOOD, APP], [SPRING, AUTUMN]);

      await page.goto(`${app.url}#/officer/session/${spring.sessionId}`);
      await resultsShown(page, spring.sessionId);
      await walk.expectTitle(['Council results', SPRING, APP]);
      await openReport();
      await page.getByRole('button', { name: 'Print or save as PDF' }).waitFor();
      await walk.expectTitle(['Report', SPRING, APP]);

      expect(new Set(walk.titles).size).toBe(5);
      expect(walk.problems).toEqual({});
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('Given a facilitator who went from the dashboard to the edit form and the room and locked facilitator mode, when the next screen is still loading, then the page title names no screen or session that has gone', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      // The officer view's code comes only when the test lets it, so its "Loading…" stays while the title is read.
      const deliver = await holdChunk(page, OFFICER_CHUNK);
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.openEditForm();
      await page.getByRole('link', { name: 'Back to the session', exact: true }).click();
      await dashboard.waitUntilShown();
      await page.getByRole('link', { name: 'Gather the room', exact: true }).click();
      await expect.poll(() => page.title()).toBe(`Gather the room’s ideas – ${DEMO.title} – ${APP}`);
      await page.getByRole('link', { name: 'Back to the dashboard', exact: true }).click();
      await dashboard.waitUntilShown();
      await expect.poll(() => page.title()).toBe(`Facilitator mode – ${DEMO.title} – ${APP}`);
      await dashboard.lock();
      await new Home(page).demoButton.waitFor();
      await expect.poll(() => page.title()).toBe(APP);

      // Every title the page shows from here on (what a screen reader or the task switcher could have read).
      await page.evaluate(() => {
        const w = window as unknown as { titlesShown: string[] };
        w.titlesShown = [];
        new MutationObserver(() => w.titlesShown.push(document.title)).observe(document.head, {
          childList: true,
          subtree: true,
          characterData: true,
        });
      });
      await page.goto(`${app.url}#/officer`);
      await page.getByText('Loading…', { exact: true }).waitFor();
      // The loading screen names no screen: the app's name, as before any screen named the page.
      expect(await page.title()).toBe(APP);
      deliver();
      await page.getByRole('alert').waitFor();
      await expect.poll(() => page.title()).toBe(`Council results – ${APP}`);
      const shown = await page.evaluate(() => (window as unknown as { titlesShown: string[] }).titlesShown);
      expect(shown.filter((title) => title.includes(DEMO.title))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
