/**
 * WCAG 2.2 AA in a real browser: axe-core finds nothing on any screen, kiosk touch targets are at least 48 px and
 * facilitator ones at least 44 px, and the web app manifest makes the app installable.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe';
import { smallTargets } from './support/targets';
import { DEMO, newTablet, openDemoDashboard } from './support/tablet';
import { Dashboard } from './pages/Dashboard';
import { Home } from './pages/Home';
import { Kiosk, STEP } from './pages/Kiosk';
import { PinScreen } from './pages/PinScreen';
import { SessionForm, validSession, type MethodName } from './pages/SessionForm';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

const KIOSK_MIN = 48;
const FACILITATOR_MIN = 44;

/** Everything wrong on every screen checked, by screen, so one run names every problem. */
class Audit {
  readonly problems: Record<string, string[]> = {};
  readonly screens: string[] = [];

  constructor(private readonly page: Page) {}

  async check(screen: string, minTarget: number, options: { clockStopped?: boolean } = {}): Promise<void> {
    this.screens.push(screen);
    const violations = await axeViolations(this.page, options);
    const small = await smallTargets(this.page, minTarget);
    const found = [...violations, ...small.map((s) => `target under ${minTarget}px: ${s}`)];
    if (found.length > 0) this.problems[screen] = found;
  }
}

describe('accessibility', () => {
  it('Given the facilitator screens, when each is shown (with and without errors), then axe finds nothing and targets are at least 44 px', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const audit = new Audit(page);
      const home = new Home(page);
      await home.goto(app.url);
      await audit.check('home', FACILITATOR_MIN);

      await home.openCreateForm();
      const form = new SessionForm(page);
      await form.waitUntilShown();
      await audit.check('create form', FACILITATOR_MIN);
      await form.submit();
      await form.errorSummary.waitFor();
      await audit.check('create form with errors', FACILITATOR_MIN);

      await home.goto(app.url);
      await home.openDemo();
      const pin = new PinScreen(page);
      await pin.waitUntilShown();
      await audit.check('PIN screen', FACILITATOR_MIN);
      await pin.submitWrong('9999');
      await audit.check('PIN screen with the wrong-PIN alert', FACILITATOR_MIN);
      await pin.unlock(DEMO.pin, DEMO.title);
      const dashboard = new Dashboard(page, DEMO.title);
      await dashboard.waitUntilShown();
      await audit.check('dashboard', FACILITATOR_MIN);

      await dashboard
        .idea('Play area for under-5s')
        .getByRole('button', { name: /^Fix a typo/ })
        .click();
      await page.getByLabel('Title', { exact: true }).waitFor();
      await audit.check('dashboard, fixing a typo', FACILITATOR_MIN);
      await dashboard.page
        .getByLabel('The duplicate', { exact: true })
        .selectOption({ label: 'Play area for under-5s' });
      await dashboard.page
        .getByLabel('The idea to keep', { exact: true })
        .selectOption({ label: 'Homework club with tutors' });
      await page.getByRole('button', { name: 'Merge these ideas' }).click();
      await page.getByRole('alertdialog', { name: 'Merge these ideas?' }).waitFor();
      await audit.check('dashboard, confirming a merge', FACILITATOR_MIN);

      await dashboard.openEditForm();
      await audit.check('edit form', FACILITATOR_MIN);

      expect(audit.problems).toEqual({});
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given the kiosk, when a resident goes through every step, then axe finds nothing and targets are at least 48 px', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const audit = new Audit(page);
      await page.clock.install();
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      const check = (screen: string): Promise<void> => audit.check(`kiosk: ${screen}`, KIOSK_MIN);

      await kiosk.waitFor(STEP.welcome);
      await check('welcome');
      await kiosk.tap('Start', STEP.consent);
      await check('consent');
      await kiosk.agree();
      await kiosk.waitFor(STEP.aboutYou);
      await kiosk.answer('How old are you?', '25–44');
      await check('about you');
      await kiosk.tap('Next', STEP.menu);
      await check('menu');
      await kiosk.openFromMenu('Where the money goes');
      await check('money map');
      await kiosk.backToMenu();
      await kiosk.openFromMenu('Read the ideas');
      await check('ideas');
      await kiosk.openIdea('Lunch club for older people');
      await check('one idea');
      await kiosk.tap('Add my comment');
      await page.locator('.field__error').first().waitFor();
      await check('one idea, empty comment');
      await kiosk.tap('Back to the ideas', STEP.ideas);
      await kiosk.backToMenu();
      await kiosk.openFromMenu('Add your idea');
      await check('add idea');
      await kiosk.fillIdea({ title: '', cost: 'abc' });
      await kiosk.tap('Add my idea');
      await page.getByRole('alert').filter({ hasText: 'Please check the highlighted answers.' }).waitFor();
      await check('add idea with errors');
      await kiosk.backToMenu();
      await kiosk.openFromMenu('Choose your priorities');
      await kiosk.putDots('Lunch club for older people', 2);
      await check('priorities, dot voting');
      await kiosk.savePriorities();
      await check('priorities, dot voting, saved');
      await kiosk.putDots('Play area for under-5s', 1);
      await kiosk.backToMenu();
      await kiosk.tap('Finish', STEP.finishCheck);
      await check('finish check');
      await kiosk.tap('Go back to my priorities', STEP.priorities);
      await kiosk.tap('Facilitator', STEP.facilitator);
      await check('facilitator handover');
      await kiosk.tap('No, go back', STEP.priorities);
      await kiosk.savePriorities();
      await kiosk.finish();
      await check('thank you');

      // The idle dialog: the warning comes at 75% of the idle time, on the test's clock.
      await kiosk.nextPerson();
      await kiosk.tap('Start', STEP.consent);
      await kiosk.stopTime();
      await kiosk.idleUntilWarning();
      await kiosk.idleDialog.waitFor();
      await audit.check('kiosk: idle dialog', KIOSK_MIN, { clockStopped: true });
      await kiosk.tap('I’m still here');
      await page.clock.resume();
      expect(await kiosk.idleDialog.count()).toBe(0);
      expect(await kiosk.step(STEP.consent).isVisible()).toBe(true);

      expect(audit.problems).toEqual({});
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given sessions set up for budget allocation and for ranking, when a resident sets priorities, then axe finds nothing and targets are at least 48 px', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const audit = new Audit(page);
      const home = new Home(page);
      const kiosk = new Kiosk(page);
      const ideas = [
        { title: 'Free wifi in the community centre', theme: 'Jobs and skills', cost: '6000' },
        { title: 'Outdoor gym in the park', theme: 'Health and wellbeing', cost: '15000' },
      ];
      let inKiosk: { title: string; pin: string } | null = null;
      const withTwoIdeas = async (method: MethodName, extra: Partial<ReturnType<typeof validSession>>) => {
        // Only the session's PIN ends kiosk mode: hand the tablet back to the facilitator before going home.
        if (inKiosk) {
          await kiosk.handOver();
          await new PinScreen(page).unlock(inKiosk.pin, inKiosk.title);
          await new Dashboard(page, inKiosk.title).lock();
        }
        await home.goto(app.url);
        await home.openCreateForm();
        const session = { ...validSession(`Eastbrook: ${method}`, method), ...extra };
        await new SessionForm(page).create(session);
        await new Dashboard(page, session.title).startKiosk();
        inKiosk = { title: session.title, pin: session.pin };
        await kiosk.beginTurn();
        for (const idea of ideas) {
          await kiosk.addIdea(idea);
          await kiosk.tap('Back to the ideas', STEP.ideas);
          await kiosk.backToMenu();
        }
        await kiosk.openFromMenu('Choose your priorities');
      };

      await withTwoIdeas('Budget allocation', { minShare: '10' });
      await audit.check('kiosk: priorities, budget allocation', KIOSK_MIN);
      await page.getByRole('checkbox', { name: /^Outdoor gym in the park/ }).check();
      expect(await kiosk.ballotProgress.textContent()).toContain('Money left: £35,000 of £50,000');
      await audit.check('kiosk: priorities, budget allocation, one ticked', KIOSK_MIN);
      await kiosk.savePriorities();

      await withTwoIdeas('Ranking', { maxRanked: '2' });
      await audit.check('kiosk: priorities, ranking', KIOSK_MIN);
      await kiosk.tap(`Add to my list: ${ideas[1]!.title}`);
      await kiosk.tap(`Add to my list: ${ideas[0]!.title}`);
      expect(await kiosk.ballotProgress.textContent()).toBe('Your list is full.');
      await audit.check('kiosk: priorities, ranking, list full', KIOSK_MIN);
      await kiosk.savePriorities();

      expect(audit.problems).toEqual({});
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given the web app manifest, when it is fetched, then it makes the app installable with 192, 512 and maskable icons', async () => {
    const res = await fetch(new URL('manifest.webmanifest', app.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const manifest = (await res.json()) as {
      name?: string;
      display?: string;
      theme_color?: string;
      start_url?: string;
      icons?: { src: string; sizes: string; type?: string; purpose?: string }[];
    };
    expect(manifest.name).toBe('Neighbourhood Co-design');
    expect(manifest.display).toBe('standalone');
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.start_url).toBeTruthy();
    const icons = manifest.icons ?? [];
    const sizes = icons.map((i) => i.sizes);
    expect(sizes).toContain('192x192');
    expect(sizes).toContain('512x512');
    expect(icons.some((i) => (i.purpose ?? '').split(/\s+/).includes('maskable'))).toBe(true);
    // Every icon is there, a PNG of the size it claims.
    for (const icon of icons) {
      const png = await fetch(new URL(icon.src, res.url));
      expect(png.status).toBe(200);
      const bytes = Buffer.from(await png.arrayBuffer());
      expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`).toBe(icon.sizes);
    }
    // The page links it, with the same theme colour.
    const html = await (await fetch(app.url)).text();
    expect(html).toMatch(/<link[^>]+rel="manifest"[^>]+href="[^"]*manifest\.webmanifest"/);
    expect(html).toContain(`<meta name="theme-color" content="${manifest.theme_color}"`);
  });
});
