/**
 * Issue 9's workshop day, with the test's own tally. In Chromium against the real council server (a child
 * process on 127.0.0.1, a temporary DATA_DIR), a facilitator creates a budget session (pot £50,000, at least 70%),
 * and five residents take part on two tablets, one of them offline:
 *
 * - Tablet A, early: resident 1 finds only two ideas (£12,000 and £8,000, which they put forward themselves) and
 *   backs the £12,000 one alone: no minimum applies yet, and that ballot must still count at the end.
 * - Tablet B (offline, page time driven by playwright's clock): resident 2 adds more ideas, two of them duplicates,
 *   and ticks both duplicates; a turn times out with nothing done; resident 3 comments on the duplicate and votes.
 *   B's session file reaches A.
 * - Tablet A: the facilitator merges the duplicates; resident 4's page reloads mid-turn (the same turn resumes:
 *   one resident); a turn is ended at once by the facilitator; resident 5 adds an idea that the facilitator
 *   hides afterwards (moderation), with a ballot that named it.
 * - A syncs with the council; an officer's device fetches the session.
 *
 * Every figure on the facilitators' dashboards (B's while offline, A's at the end), the officer view (under MES
 * and greedy, each idea's trace and comments), the printable report and the exports (participation, results and
 * ballots CSV, JSON, .pb) is checked against the Tally below, which works each figure out from what the test did,
 * by the documented rules (docs/session-document.md, src/domain/results/*.ts module headers), never from the app.
 * Funding under MES is the tally's approval sets given to the counting library's `equalShares` (the rule the
 * pabulib elections check, test/unit/counting), not the app's session view.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { equalShares, parsePabulib } from '../../src/domain/counting';
import { makeTranslator } from '../../src/ui/i18n';
import '../../src/ui/facilitator/messages';
import '../../src/ui/officer/messages';
import { parseCsv } from '../unit/helpers/csv';
import { Dashboard } from './pages/Dashboard';
import { escapeRegExp, Home } from './pages/Home';
import { FilesDashboard, FilesSection, filesTablet, type FilesTablet } from './pages/files';
import { Kiosk, STEP } from './pages/Kiosk';
import { PinScreen } from './pages/PinScreen';
import { SessionForm, validSession } from './pages/SessionForm';
import { launchBrowser } from './support/browser';
import {
  enrolCode,
  freePort,
  killChildServer,
  startChildServer,
  type ChildAppServer,
} from './support/childServer';

const t = makeTranslator('en');

/** A proposal's title as the results tables show it, the duplicates merged into it named under it. */
function shownTitle(r: { title: string; includes: readonly string[] }): string {
  if (r.includes.length === 0) return r.title;
  const quoted = r.includes.map((title) => t('results.quoted', { title }));
  const titles = new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(quoted);
  return `${r.title} ${t('results.includes', { titles })}`;
}
/** How long a screen may take to show a change (generous: a shared 2-core machine). */
const POLL_MS = 15_000;

const SESSION = { ...validSession('Eastbrook: the day, counted', 'Budget allocation'), minShare: '70' };
const POT = 50_000;
const MIN_SHARE = 70;
const TABLET_A = 'Front desk tablet';
const TABLET_B = 'Window tablet';
const JOBS = 'Jobs and skills';
const YOUNG = 'Young people';
const GREEN = 'Green spaces';

const YOUTH = { title: 'Youth club on Friday nights', theme: YOUNG, cost: 12_000 };
const BIKE = { title: 'Bike repair workshop', theme: JOBS, cost: 8_000 };
const BENCHES = { title: 'Benches along the canal', theme: GREEN, cost: 9_000 };
const LIGHTS = { title: 'Street lights on Hill Road', theme: GREEN, cost: 9_000 };
const GARDEN = { title: 'Community garden', theme: GREEN, cost: 10_000 };
const GARDEN_DUP = { title: 'Mill Lane garden for everyone', theme: GREEN, cost: 10_000 };
const ROOF = { title: 'Sports hall roof', theme: YOUNG, cost: 30_000 };
const PIZZA = { title: 'Free pizza every Friday', theme: YOUNG, cost: 5_000 };
type IdeaSpec = typeof YOUTH;
const SAID = {
  youth: 'Somewhere warm for teenagers on Friday nights.',
  garden: 'The old allotments on Mill Lane would be perfect.',
  roof: 'The roof leaks onto the badminton courts.',
  benches: 'Somewhere to sit on the way to the shops.',
};

type Device = 'A' | 'B';
const DEVICE_NAME: Record<Device, string> = { A: TABLET_A, B: TABLET_B };

// ---------------------------------------------------------------------------------------------------------------
// The tally: what happened, as the test saw it, and every figure worked out from that by the documented rules.
// ---------------------------------------------------------------------------------------------------------------

interface TallyIdea extends IdeaSpec {
  device: Device;
  hidden: boolean;
  /** The title of the idea it was merged into, if it was. */
  mergedInto: string | null;
}

interface TallyBallot {
  turn: number;
  device: Device;
  chosen: string[];
  /** The minimum spend that applied when it was cast (pounds; 0: none). */
  minimum: number;
}

interface Figures {
  residents: number;
  nothingDone: number;
  ideas: number;
  ideasShown: number;
  ideasHidden: number;
  comments: number;
  ballotsCounted: number;
  ballotsExcluded: number;
}

interface IdeaFigures {
  title: string;
  theme: string;
  cost: number;
  supporters: number;
  points: number;
  comments: number;
  /** Titles of the duplicates merged into it. */
  includes: string[];
}

interface DeviceFigures {
  residents: number;
  ideas: number;
  comments: number;
  ballotsCounted: number;
  ballotsExcluded: number;
}

class Tally {
  /** Ideas in the order they were put forward (the results' input order and tie-break). */
  readonly ideas: TallyIdea[] = [];
  /** One entry per turn (a participant): the device and how many things the resident did. */
  readonly turns: { device: Device; acts: number }[] = [];
  readonly comments: { idea: string; text: string; device: Device; turn: number }[] = [];
  readonly ballots: TallyBallot[] = [];

  /** A resident agreed ("I agree"): a turn begins. */
  startTurn(device: Device): number {
    this.turns.push({ device, acts: 0 });
    return this.turns.length - 1;
  }

  private act(turn: number): void {
    this.turns[turn]!.acts++;
  }

  private idea(title: string): TallyIdea {
    const idea = this.ideas.find((i) => i.title === title);
    if (!idea) throw new Error(`The tally has no idea "${title}"`);
    return idea;
  }

  addIdea(turn: number, spec: IdeaSpec): void {
    this.act(turn);
    this.ideas.push({ ...spec, device: this.turns[turn]!.device, hidden: false, mergedInto: null });
  }

  comment(turn: number, title: string, text: string): void {
    this.act(turn);
    this.comments.push({ idea: this.idea(title).title, text, device: this.turns[turn]!.device, turn });
  }

  /** A ballot saved now: it is kept with the minimum that applies now, and must keep its own rules. */
  ballot(turn: number, chosen: IdeaSpec[]): void {
    this.act(turn);
    const minimum = this.minimumNow();
    const spent = chosen.reduce((s, c) => s + c.cost, 0);
    expect(spent, 'the test casts ballots within their rules').toBeGreaterThanOrEqual(minimum);
    expect(spent).toBeLessThanOrEqual(POT);
    const turnBallot = this.ballots.findIndex((b) => b.turn === turn);
    const ballot = { turn, device: this.turns[turn]!.device, chosen: chosen.map((c) => c.title), minimum };
    if (turnBallot >= 0) this.ballots[turnBallot] = ballot;
    else this.ballots.push(ballot);
  }

  merge(duplicate: string, kept: string): void {
    this.idea(duplicate).mergedInto = this.idea(kept).title;
  }

  hide(title: string): void {
    this.idea(title).hidden = true;
  }

  /** The idea a choice (or comment) counts for now: its kept idea, or null when it or its kept idea is hidden. */
  countsFor(title: string): string | null {
    const idea = this.idea(title);
    const kept = idea.mergedInto ? this.idea(idea.mergedInto) : idea;
    return idea.hidden || kept.hidden ? null : kept.title;
  }

  /** Ideas residents can see and choose: not hidden, not merged away, in the order put forward. */
  visible(): TallyIdea[] {
    return this.ideas.filter((i) => !i.hidden && i.mergedInto === null);
  }

  /**
   * The minimum spend a ballot cast now must reach (docs/session-document.md "The minimum spend"): m = pot × share;
   * it applies only when the visible ideas costing at most pot − m add up to at least m without the costliest.
   */
  minimumNow(): number {
    const m = Math.ceil((POT * MIN_SHARE) / 100);
    const small = this.visible()
      .map((i) => i.cost)
      .filter((c) => c <= POT - m);
    const sum = small.reduce((s, c) => s + c, 0);
    return small.length > 0 && sum - Math.max(...small) >= m ? m : 0;
  }

  /** Each ballot's ideas as counted now (after merges and hiding), each once. */
  counted(ballot: TallyBallot): string[] {
    const out: string[] = [];
    for (const title of ballot.chosen) {
      const target = this.countsFor(title);
      if (target !== null && !out.includes(target)) out.push(target);
    }
    return out;
  }

  /** Every ballot here was cast within the rules it was cast under, so every one counts. */
  countedBallots(): TallyBallot[] {
    return this.ballots.filter((b) => {
      const spent = b.chosen.reduce((s, c) => s + this.idea(c).cost, 0);
      return spent >= b.minimum && spent <= POT;
    });
  }

  figures(): Figures {
    const counted = this.countedBallots().length;
    return {
      residents: this.turns.filter((x) => x.acts > 0).length,
      nothingDone: this.turns.filter((x) => x.acts === 0).length,
      ideas: this.ideas.length,
      ideasShown: this.visible().length,
      ideasHidden: this.ideas.filter((i) => i.hidden).length,
      comments: this.comments.length,
      ballotsCounted: counted,
      ballotsExcluded: this.ballots.length - counted,
    };
  }

  /** One row per visible idea: supporters (= points: 1 per budget selection), comments (its duplicates' too). */
  ideaFigures(): IdeaFigures[] {
    return this.visible().map((idea) => {
      const supporters = this.countedBallots().filter((b) => this.counted(b).includes(idea.title)).length;
      return {
        title: idea.title,
        theme: idea.theme,
        cost: idea.cost,
        supporters,
        points: supporters,
        comments: this.comments.filter((c) => this.countsFor(c.idea) === idea.title).length,
        includes: this.ideas.filter((i) => i.mergedInto === idea.title).map((i) => i.title),
      };
    });
  }

  /** The results' order: most points first, then the idea put forward first. */
  ranked(): IdeaFigures[] {
    const order = this.visible().map((i) => i.title);
    return [...this.ideaFigures()].sort(
      (a, b) => b.points - a.points || order.indexOf(a.title) - order.indexOf(b.title),
    );
  }

  /** Greedy within the pot: by that order, each idea that still fits; one nobody chose is never funded. */
  greedyFunded(): Set<string> {
    const funded = new Set<string>();
    let left = POT;
    for (const row of this.ranked()) {
      if (row.supporters > 0 && row.cost <= left) {
        funded.add(row.title);
        left -= row.cost;
      }
    }
    return funded;
  }

  /** MES (cost utilities, Add1) on the tally's approval sets, in pounds, ideas in the order put forward. */
  mesFunded(): Set<string> {
    const projects = this.visible().map((i) => ({ id: i.title, cost: i.cost }));
    const sets = this.countedBallots()
      .map((b) => this.counted(b))
      .filter((s) => s.length > 0);
    return new Set(equalShares(projects, sets, POT).selected);
  }

  byDevice(): Record<Device, DeviceFigures> {
    const out = {} as Record<Device, DeviceFigures>;
    for (const d of ['A', 'B'] as const) {
      const counted = this.countedBallots().filter((b) => b.device === d).length;
      out[d] = {
        residents: this.turns.filter((x) => x.device === d && x.acts > 0).length,
        ideas: this.ideas.filter((i) => i.device === d).length,
        comments: this.comments.filter((c) => c.device === d).length,
        ballotsCounted: counted,
        ballotsExcluded: this.ballots.filter((b) => b.device === d).length - counted,
      };
    }
    return out;
  }

  /** How a ballot's point reaches an idea: chosen directly, through a merged duplicate, or both. */
  via(ballot: TallyBallot, target: string): 'direct' | 'merged' | 'both' {
    const family = ballot.chosen.filter((c) => this.countsFor(c) === target);
    const direct = family.includes(target);
    const merged = family.some((c) => c !== target);
    return direct && merged ? 'both' : direct ? 'direct' : 'merged';
  }

  /** Per counted ballot: the device, and each idea it gives a point to with how (direct, merged or both). */
  ballotRows(): string[] {
    return this.countedBallots()
      .map((b) => {
        const items = this.counted(b).map((target) => `${target}:1:${this.via(b, target)}`);
        return `${DEVICE_NAME[b.device]} | ${items.sort().join(' | ')}`;
      })
      .sort();
  }

  /** The ballots behind one idea's figure: the device each was cast on, its point, and how. */
  trace(title: string): { device: string; points: number; via: 'direct' | 'merged' | 'both' }[] {
    return this.countedBallots()
      .filter((b) => this.counted(b).includes(title))
      .map((b) => ({ device: DEVICE_NAME[b.device], points: 1, via: this.via(b, title) }));
  }

  /** What residents said about an idea (its merged duplicates included). */
  commentsFor(title: string): string[] {
    return this.comments.filter((c) => this.countsFor(c.idea) === title).map((c) => c.text);
  }
}

// ---------------------------------------------------------------------------------------------------------------

let browser: Browser;
let server: ChildAppServer | undefined;
let dataDir: string;
let filesDir: string;
const tablets: FilesTablet[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'codesign-daytally-data-'));
  filesDir = mkdtempSync(join(tmpdir(), 'codesign-daytally-files-'));
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const x of tablets) await x.context.close();
  await browser?.close();
  if (server) await killChildServer(server);
  for (const dir of [dataDir, filesDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

const money = (pounds: number): string => t.money(pounds * 100);

/** One record store of the app's device database, as parsed JSON (raw IndexedDB: what is on the device). */
async function liveTurnSteps(page: Page): Promise<string[]> {
  const text = await page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('codesign-app');
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('liveTurns', 'readonly').objectStore('liveTurns').getAll();
          all.onsuccess = () => {
            db.close();
            resolve(JSON.stringify(all.result));
          };
          all.onerror = () => reject(all.error ?? new Error('read failed'));
        };
      }),
  );
  return (JSON.parse(text) as { step: string }[]).map((m) => m.step);
}

/** The dashboard's figures, as shown. */
async function dashboardFigures(dash: Dashboard): Promise<Figures> {
  const text = (await dash.page.locator('[data-figure="nothing-done"]').textContent()) ?? '';
  const m = /: (\d+)\./.exec(text);
  return {
    residents: await dash.count(t('fac.counts.residents')),
    nothingDone: m ? Number(m[1]) : NaN,
    ideas: NaN, // the dashboard does not show ideas put forward in all
    ideasShown: await dash.count(t('fac.counts.ideas')),
    ideasHidden: await dash.count(t('fac.counts.hidden')),
    comments: await dash.count(t('fac.counts.comments')),
    ballotsCounted: await dash.count(t('fac.counts.counted')),
    ballotsExcluded: await dash.count(t('fac.counts.excluded')),
  };
}

/** The dashboard's counts and live board, as the tally has them now. */
async function expectDashboard(dash: Dashboard, tally: Tally): Promise<void> {
  await expect
    .poll(() => dashboardFigures(dash), { timeout: POLL_MS })
    .toEqual({ ...tally.figures(), ideas: NaN });
  const ideas = tally.ideaFigures();
  const board = await dash.boardRows();
  expect(board.map((r) => r.idea).sort()).toEqual(ideas.map((i) => i.title).sort());
  for (const idea of ideas) {
    expect(
      board.find((r) => r.idea === idea.title),
      idea.title,
    ).toEqual({
      idea: idea.title,
      includes: idea.includes.length > 0 ? t('fac.idea.includes', { titles: idea.includes.join('; ') }) : '',
      theme: idea.theme,
      cost: money(idea.cost),
      supporters: idea.supporters,
      points: idea.points,
      comments: idea.comments,
    });
  }
  // Most support first.
  const points = board.map((r) => r.points);
  expect(points).toEqual([...points].sort((x, y) => y - x));
}

/** The facilitator names the tablet they hold. */
async function nameTablet(page: Page, name: string): Promise<void> {
  const section = page.getByRole('region', { name: t('fac.name.heading'), exact: true });
  await section.getByLabel(t('fac.name.label'), { exact: true }).fill(name);
  await section.getByRole('button', { name: t('fac.name.save'), exact: true }).click();
  await section.getByText(`“${name}”`).waitFor();
}

/**
 * On the priorities screen: the ideas offered are exactly those the tally says residents can see now (none hidden
 * or merged away); ticks exactly `chosen`, then checks what the screen says of the money: what is left, and a
 * minimum exactly when the tally says one applies (docs/session-document.md "The minimum spend").
 */
async function choose(kiosk: Kiosk, tally: Tally, chosen: readonly IdeaSpec[]): Promise<void> {
  const offered = tally.visible();
  await expect
    .poll(() => kiosk.page.getByRole('checkbox').count(), { timeout: POLL_MS })
    .toBe(offered.length);
  for (const idea of offered) {
    const box = kiosk.page.getByRole('checkbox', { name: new RegExp(`^${escapeRegExp(idea.title)}`) });
    await box.setChecked(chosen.some((c) => c.title === idea.title));
  }
  const spent = chosen.reduce((sum, c) => sum + c.cost, 0);
  const minimum = tally.minimumNow();
  await expect
    .poll(() => kiosk.ballotProgress.textContent(), { timeout: POLL_MS })
    .toContain(t('kiosk.budget.left', { left: money(POT - spent), pot: money(POT) }));
  const said = await kiosk.ballotMinimum.textContent();
  if (minimum === 0) expect(said).toBe('');
  else if (spent >= minimum) expect(said).toBe(t('kiosk.budget.minimumMet', { minimum: money(minimum) }));
  else {
    expect(said).toBe(t('kiosk.budget.minimumAny', { minimum: money(minimum), spent: money(spent) }));
  }
}

/** From the menu: the idea, a comment on it, back to the menu. */
async function commentOn(kiosk: Kiosk, title: string, text: string): Promise<void> {
  await kiosk.openFromMenu('Read the ideas');
  await kiosk.openIdea(title);
  await kiosk.comment(text);
  await kiosk.tap('Back to the ideas', STEP.ideas);
  await kiosk.backToMenu();
}

async function addIdea(kiosk: Kiosk, idea: IdeaSpec): Promise<void> {
  await kiosk.addIdea({ title: idea.title, theme: idea.theme, cost: String(idea.cost) });
  await kiosk.tap('Back to the ideas', STEP.ideas);
  await kiosk.backToMenu();
}

/** Body rows of a table as the text of their cells (th and td). */
function cells(table: Locator): Promise<string[][]> {
  return table.evaluate((el) =>
    [...el.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim()),
    ),
  );
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; rows: string[][] }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), rows: parseCsv(readFileSync(await file.path(), 'utf8')) };
}

/** CSV rows as objects by the header's column names. */
function records(rows: string[][]): Record<string, string>[] {
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

describe('a workshop day counted', () => {
  it('Given five residents on two tablets (one offline), merges, hiding, a timed-out turn, a reload mid-turn and a turn ended at once, then the dashboard, officer view, report and CSV exports all match the test’s own tally', async () => {
    const tally = new Tally();
    server = await startChildServer(await freePort(), dataDir);
    const url = server.url;
    const a = await filesTablet(browser);
    const b = await filesTablet(browser);
    tablets.push(a, b);
    // B's page time is the test's (for the timed-out turn): installed before the app loads.
    await b.page.clock.install();

    // --- Tablet A: the facilitator creates the session and names the tablet.
    const home = new Home(a.page);
    await home.goto(url);
    await home.openCreateForm();
    const sessionId = await new SessionForm(a.page).create(SESSION);
    const dashA = new Dashboard(a.page, SESSION.title);
    await nameTablet(a.page, TABLET_A);
    const kioskA = new Kiosk(a.page);
    const toDashboard = async (page: Page): Promise<void> => {
      await new Kiosk(page).handOver();
      await new PinScreen(page).unlock(SESSION.pin, SESSION.title);
      await new Dashboard(page, SESSION.title).waitUntilShown();
    };

    // Resident 1 (A, early): puts forward the £12,000 and £8,000 ideas, comments, and backs the £12,000 one
    // alone: with only these two ideas no minimum applies.
    await dashA.startKiosk();
    await kioskA.beginTurn();
    const r1 = tally.startTurn('A');
    await kioskA.addIdea({ title: YOUTH.title, theme: YOUTH.theme, cost: String(YOUTH.cost) });
    tally.addIdea(r1, YOUTH);
    await kioskA.comment(SAID.youth);
    tally.comment(r1, YOUTH.title, SAID.youth);
    await kioskA.tap('Back to the ideas', STEP.ideas);
    await kioskA.backToMenu();
    await addIdea(kioskA, BIKE);
    tally.addIdea(r1, BIKE);
    await kioskA.openFromMenu('Choose your priorities');
    await choose(kioskA, tally, [YOUTH]);
    expect(tally.minimumNow()).toBe(0);
    await kioskA.savePriorities();
    tally.ballot(r1, [YOUTH]);
    await kioskA.finish();
    await toDashboard(a.page);

    // A's session file goes to tablet B, which takes it on its home screen, is named, and goes offline.
    const fileA = join(filesDir, 'tablet-a.codesign');
    await new FilesDashboard(a.page).saveFile(fileA);
    await new Home(b.page).goto(url);
    const importB = new FilesSection(b.page, 'Import a session file');
    await importB.choose(fileA);
    expect((await importB.preview())[0]).toMatch(/^A new session: /);
    await importB.button('Add this session to the tablet').click();
    await new PinScreen(b.page).unlock(SESSION.pin, SESSION.title);
    const dashB = new Dashboard(b.page, SESSION.title);
    await dashB.waitUntilShown();
    await nameTablet(b.page, TABLET_B);
    await b.context.setOffline(true);

    // --- Tablet B, offline. Resident 2 adds five ideas (two are duplicates) and backs both duplicates; now
    // that enough ideas are on offer, the minimum applies.
    const kioskB = new Kiosk(b.page);
    await dashB.startKiosk();
    await kioskB.beginTurn();
    const r2 = tally.startTurn('B');
    for (const idea of [BENCHES, LIGHTS, GARDEN, GARDEN_DUP, ROOF]) {
      await addIdea(kioskB, idea);
      tally.addIdea(r2, idea);
    }
    await kioskB.openFromMenu('Choose your priorities');
    await choose(kioskB, tally, [YOUTH]);
    expect(tally.minimumNow()).toBe(35_000);
    await choose(kioskB, tally, [YOUTH, BENCHES, GARDEN, GARDEN_DUP]);
    await kioskB.savePriorities();
    tally.ballot(r2, [YOUTH, BENCHES, GARDEN, GARDEN_DUP]);
    await kioskB.finish();
    await kioskB.nextPerson();

    // A turn that times out with nothing done: the resident agrees, then walks away.
    await kioskB.tap('Start', STEP.consent);
    await kioskB.agree();
    tally.startTurn('B');
    await kioskB.stopTime();
    await kioskB.idleUntilWarning();
    await kioskB.idleDialog.waitFor();
    await kioskB.idleUntilTurnEnds();
    await kioskB.waitFor(STEP.welcome);
    await b.page.clock.resume();

    // Resident 3 comments on the duplicate and backs the roof and the benches.
    await kioskB.beginTurn();
    const r3 = tally.startTurn('B');
    await commentOn(kioskB, GARDEN_DUP.title, SAID.garden);
    tally.comment(r3, GARDEN_DUP.title, SAID.garden);
    await kioskB.openFromMenu('Choose your priorities');
    await choose(kioskB, tally, [ROOF, BENCHES]);
    await kioskB.savePriorities();
    tally.ballot(r3, [ROOF, BENCHES]);
    await kioskB.finish();
    await toDashboard(b.page);
    // Offline, B's dashboard already counts what B knows: resident 1 (from A's file), residents 2 and 3, and the
    // timed-out turn apart; the duplicates are still two ideas.
    await expectDashboard(dashB, tally);
    const fileB = join(filesDir, 'tablet-b.codesign');
    await new FilesDashboard(b.page).saveFile(fileB);

    // --- Tablet A: B's file is added; the facilitator merges the duplicates.
    const filesA = new FilesDashboard(a.page);
    await filesA.choose(fileB);
    expect(await filesA.preview()).toEqual([expect.stringMatching(/^Adds 5 ideas, 1 comment, 2 ballots/)]);
    await filesA.add();
    await dashA.merge(GARDEN_DUP.title, GARDEN.title);
    tally.merge(GARDEN_DUP.title, GARDEN.title);

    // Resident 4 comments, starts choosing, and the page reloads: the same turn comes back.
    await dashA.startKiosk();
    await kioskA.beginTurn();
    const r4 = tally.startTurn('A');
    await commentOn(kioskA, ROOF.title, SAID.roof);
    tally.comment(r4, ROOF.title, SAID.roof);
    await kioskA.openFromMenu('Choose your priorities');
    await choose(kioskA, tally, [ROOF]);
    await expect.poll(() => liveTurnSteps(a.page), { timeout: POLL_MS }).toEqual(['priorities']);
    await a.page.reload();
    await kioskA.step(STEP.priorities).or(kioskA.step(STEP.menu)).or(kioskA.step(STEP.welcome)).waitFor();
    expect(await kioskA.step(STEP.welcome).count()).toBe(0);
    if (await kioskA.step(STEP.menu).isVisible()) await kioskA.openFromMenu('Choose your priorities');
    await choose(kioskA, tally, [ROOF, GARDEN, LIGHTS]);
    await kioskA.savePriorities();
    tally.ballot(r4, [ROOF, GARDEN, LIGHTS]);
    await kioskA.finish();
    await kioskA.nextPerson();

    // A turn the facilitator ends at once: the resident agrees, and the facilitator takes the tablet.
    await kioskA.tap('Start', STEP.consent);
    await kioskA.agree();
    tally.startTurn('A');
    await toDashboard(a.page);

    // Resident 5 puts forward an idea (hidden afterwards), comments, and backs it with two others.
    await dashA.startKiosk();
    await kioskA.beginTurn();
    const r5 = tally.startTurn('A');
    await addIdea(kioskA, PIZZA);
    tally.addIdea(r5, PIZZA);
    await commentOn(kioskA, BENCHES.title, SAID.benches);
    tally.comment(r5, BENCHES.title, SAID.benches);
    await kioskA.openFromMenu('Choose your priorities');
    await choose(kioskA, tally, [ROOF, PIZZA, YOUTH]);
    await kioskA.savePriorities();
    tally.ballot(r5, [ROOF, PIZZA, YOUTH]);
    await kioskA.finish();
    await toDashboard(a.page);

    // Moderation: the facilitator hides the pizza idea.
    const pizza = dashA.idea(PIZZA.title);
    await pizza.getByRole('button', { name: t('fac.hide.buttonFor', { title: PIZZA.title }) }).click();
    await pizza.getByLabel(t('fac.hide.reason')).fill('Not something the pot can pay for.');
    await pizza.getByRole('button', { name: t('fac.hide.confirm'), exact: true }).click();
    await a.page
      .getByRole('status')
      .filter({ hasText: t('fac.hide.done', { title: PIZZA.title }) })
      .waitFor();
    tally.hide(PIZZA.title);

    // The tally's story, in numbers: five residents, two turns with nothing done.
    const want = tally.figures();
    expect(want).toMatchObject({ residents: 5, nothingDone: 2, ballotsCounted: 5 });
    const ideas = tally.ideaFigures();
    const ranked = tally.ranked();

    // --- The facilitator's dashboard.
    await expectDashboard(dashA, tally);

    // --- A syncs with the council (enrolled under the tablet's name).
    const syncA = a.page.getByRole('region', { name: 'Council sync', exact: true });
    await syncA
      .getByRole('textbox', { name: /^Enrolment code/ })
      .fill(await enrolCode(dataDir, 'facilitator', TABLET_A));
    await syncA.getByRole('button', { name: 'Enrol this device', exact: true }).click();
    await expect
      .poll(() => syncA.getByRole('status').first().textContent(), { timeout: 30_000 })
      .toMatch(/^Synced at \d{1,2}:\d{2}/);

    // --- The officer's device: enrols, opens the session (fetched from the council).
    const o = await filesTablet(browser);
    tablets.push(o);
    await new Home(o.page).goto(url);
    const council = o.page.getByRole('region', { name: 'Sessions from the council', exact: true });
    await council
      .getByRole('textbox', { name: /^Enrolment code/ })
      .fill(await enrolCode(dataDir, 'officer', 'Council officer'));
    await council.getByRole('button', { name: 'Enrol this device', exact: true }).click();
    await council.getByRole('link', { name: 'Open the council results' }).waitFor();
    await o.page.goto(`${url}#/officer/session/${sessionId}`);
    const op = o.page;
    const figure = (name: string) => op.locator(`[data-figures=participation] [data-figure=${name}]`);
    const officerFigures = async (): Promise<Record<string, string | null>> => ({
      residents: await figure('residents').textContent(),
      nothingDone: await figure('nothing-done').textContent(),
      ideas: await figure('ideas').textContent(),
      ideasApart: await figure('ideas-apart').textContent(),
      comments: await figure('comments').textContent(),
      ballots: await figure('ballots').textContent(),
      excluded: await figure('excluded').textContent(),
    });
    await expect
      .poll(() => officerFigures(), { timeout: 30_000 })
      .toEqual({
        residents: String(want.residents),
        nothingDone: String(want.nothingDone),
        ideas: String(want.ideasShown),
        ideasApart: String(want.ideas - want.ideasShown),
        comments: String(want.comments),
        ballots: String(want.ballotsCounted),
        excluded: String(want.ballotsExcluded),
      });
    expect(await cells(op.locator('[data-table=channels]'))).toEqual([
      [
        t('participation.channel.kiosk'),
        String(want.residents),
        String(want.ballotsCounted),
        String(want.ballotsExcluded),
      ],
      [t('participation.channel.paper'), '0', '0', '0'],
    ]);
    const perDevice = tally.byDevice();
    const deviceRows = (['A', 'B'] as const).map((d) => [
      DEVICE_NAME[d],
      ...[
        perDevice[d].residents,
        perDevice[d].ideas,
        perDevice[d].comments,
        perDevice[d].ballotsCounted,
        perDevice[d].ballotsExcluded,
      ].map(String),
    ]);
    const byName = (rows: string[][]) => [...rows].sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
    expect(byName(await cells(op.locator('[data-table=devices]')))).toEqual(byName(deviceRows));
    // The pot; no paper ballots; residents over the day add up to the residents on the tablets.
    expect(await op.locator('[data-figure=pot]').textContent()).toBe(
      t('officer.money.pot', { pot: money(POT) }),
    );
    expect(await op.locator('.officer-paper summary .officer-idea__meta').textContent()).toBe(
      t('officer.paper.count', { count: 0 }),
    );
    const day = op.getByRole('region', { name: t('officer.day.heading'), exact: true });
    await day.getByRole('button', { name: t('chart.showTable') }).click();
    const hours = await cells(day.getByRole('table', { name: t('chart.hours.tableCaption'), exact: true }));
    expect(hours.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(want.residents);
    // No ballot was left out.
    await op.getByText(t('officer.excluded.none'), { exact: true }).waitFor();

    // Results: every idea's figure under MES (the budget method's rule), then under greedy.
    const results = op.locator(`[data-results="${sessionId}"]`);
    const resultRows = async (): Promise<string[][]> =>
      results
        .locator('[data-table=results] tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [
            ...[...tr.querySelectorAll('th, td')].slice(0, 6).map((c) => (c.textContent ?? '').trim()),
            tr.querySelector('[data-funded]')?.getAttribute('data-funded') ?? '?',
          ]),
        );
    const expectedRows = (funded: Set<string>): string[][] =>
      ranked.map((r, i) => [
        String(i + 1),
        shownTitle(r),
        r.theme,
        money(r.cost),
        String(r.points),
        String(r.supporters),
        String(funded.has(r.title)),
      ]);
    const mes = tally.mesFunded();
    await expect.poll(() => results.getAttribute('data-results-state'), { timeout: 30_000 }).toBe('ready');
    expect(await resultRows()).toEqual(expectedRows(mes));
    await results.getByRole('combobox', { name: 'Counting rule' }).selectOption('greedy');
    const greedy = tally.greedyFunded();
    await expect.poll(() => resultRows(), { timeout: POLL_MS }).toEqual(expectedRows(greedy));
    const greedySpent = ranked.filter((r) => greedy.has(r.title)).reduce((s, r) => s + r.cost, 0);
    expect(await results.locator('[data-figure=spent]').textContent()).toBe(
      t('results.spent', {
        spent: money(greedySpent),
        pot: money(POT),
        left: money(POT - greedySpent),
        count: greedy.size,
      }),
    );

    // Each idea's figure with its unit, its comments, and (opened) its trace to the ballots behind it.
    for (const r of ranked) {
      const idea = op
        .locator('[data-idea]')
        .filter({ has: op.locator('.officer-idea__title').getByText(r.title, { exact: true }) });
      expect(await idea.locator('.officer-idea__meta').textContent()).toBe(
        t('officer.ideas.summary', {
          points: t('results.count.budget', { count: r.points }),
          comments: t('officer.ideas.comments', { count: r.comments }),
          cost: money(r.cost),
        }),
      );
      await idea.locator('summary').click();
      expect(await idea.locator('[data-trace-total]').textContent()).toBe(
        t('officer.trace.total', { points: t.number(r.points), count: r.supporters }),
      );
      const traced = r.supporters === 0 ? [] : await cells(idea.locator('[data-table=trace]'));
      expect(traced.map((c) => [c[1], c[3], c[4]]).sort()).toEqual(
        tally
          .trace(r.title)
          .map((x) => [x.device, String(x.points), t(`officer.trace.via.${x.via}`)])
          .sort(),
      );
      expect((await idea.locator('.officer-comments blockquote').allTextContents()).sort()).toEqual(
        tally.commentsFor(r.title).sort(),
      );
      await idea.locator('summary').click();
    }

    // --- The CSV exports (the rule chosen: greedy).
    const exportsPanel = op.locator('[data-export]').first().locator('xpath=ancestor::section[1]');
    const participationCsv = await download(op, () =>
      exportsPanel.locator('[data-export=participation]').click(),
    );
    const figureRows = records(participationCsv.rows).map((r) => [
      r.session_ids,
      r.figure,
      r.channel,
      r.count,
    ]);
    expect(figureRows).toEqual(
      (
        [
          ['residents_taking_part', 'all', want.residents],
          ['residents_taking_part', 'kiosk', want.residents],
          ['residents_taking_part', 'paper', 0],
          ['turns_with_nothing_done', 'all', want.nothingDone],
          ['ideas', 'all', want.ideas],
          ['ideas_shown', 'all', want.ideasShown],
          ['comments', 'all', want.comments],
          ['ballots_counted', 'all', want.ballotsCounted],
          ['ballots_counted', 'kiosk', want.ballotsCounted],
          ['ballots_counted', 'paper', 0],
          ['ballots_excluded', 'all', want.ballotsExcluded],
          ['ballots_excluded', 'kiosk', want.ballotsExcluded],
          ['ballots_excluded', 'paper', 0],
        ] as const
      ).map(([f, c, n]) => [sessionId, f, c, String(n)]),
    );

    const resultsCsv = records(
      (await download(op, () => exportsPanel.locator('[data-export=results]').click())).rows,
    );
    const titleOf = new Map(resultsCsv.map((r) => [r.proposal_id!, r.title!]));
    expect(
      resultsCsv.map((r) => [
        r.rule,
        r.rank,
        r.title,
        r.theme,
        r.cost_pounds,
        r.points,
        r.supporters,
        r.funded,
      ]),
    ).toEqual(
      ranked.map((r, i) => [
        'greedy',
        String(i + 1),
        r.title,
        r.theme,
        `${r.cost}.00`,
        String(r.points),
        String(r.supporters),
        greedy.has(r.title) ? 'yes' : 'no',
      ]),
    );
    const mergedCsv = resultsCsv.find((r) => r.title === GARDEN.title)!.merged_ids!.split(' ');
    expect(mergedCsv).toHaveLength(1);
    expect(titleOf.has(mergedCsv[0]!)).toBe(false); // the duplicate is not a row of its own

    const ballotsCsv = records(
      (await download(op, () => exportsPanel.locator('[data-export=ballots]').click())).rows,
    );
    expect(new Set(ballotsCsv.map((r) => r.status))).toEqual(new Set(['counted']));
    expect(new Set(ballotsCsv.map((r) => r.channel))).toEqual(new Set(['kiosk']));
    const byParticipant = new Map<string, Record<string, string>[]>();
    for (const r of ballotsCsv)
      byParticipant.set(r.participant_id!, [...(byParticipant.get(r.participant_id!) ?? []), r]);
    const shownBallots = [...byParticipant.values()]
      .map(
        (rows) =>
          `${rows[0]!.device_name} | ${rows
            .map((r) => `${titleOf.get(r.proposal_id!) ?? `?${r.proposal_id}`}:${r.points}:${r.via}`)
            .sort()
            .join(' | ')}`,
      )
      .sort();
    expect(shownBallots).toEqual(tally.ballotRows());

    // The JSON export's participation, and the .pb file (greedy): the same residents, ideas and votes.
    const jsonFile = await (async () => {
      const [file] = await Promise.all([
        op.waitForEvent('download'),
        exportsPanel.locator('[data-export=json]').click(),
      ]);
      return JSON.parse(readFileSync(await file.path(), 'utf8')) as {
        participation: {
          residents: number;
          turnsWithNothingDone: number;
          ideas: number;
          ideasShown: number;
          comments: number;
          ballots: { counted: number; excluded: number };
        };
      };
    })();
    expect(jsonFile.participation).toMatchObject({
      residents: want.residents,
      turnsWithNothingDone: want.nothingDone,
      ideas: want.ideas,
      ideasShown: want.ideasShown,
      comments: want.comments,
      ballots: { counted: want.ballotsCounted, excluded: want.ballotsExcluded },
    });
    const [pbFile] = await Promise.all([
      op.waitForEvent('download'),
      exportsPanel.locator('[data-export=pb]').click(),
    ]);
    const pb = parsePabulib(readFileSync(await pbFile.path(), 'utf8'));
    const voting = tally
      .countedBallots()
      .map((b) => tally.counted(b))
      .filter((c) => c.length > 0);
    expect(pb.budget).toBe(POT);
    expect(pb.voters).toHaveLength(voting.length);
    expect(pb.meta.num_votes).toBe(String(voting.length));
    expect(
      pb.projects.map((p) => [p.fields.name, p.cost, p.fields.votes, p.fields.category, p.fields.selected]),
    ).toEqual(
      tally
        .visible()
        .map((i) => ideas.find((x) => x.title === i.title)!)
        .map((i) => [i.title, i.cost, String(i.supporters), i.theme, greedy.has(i.title) ? '1' : '0']),
    );
    // The minimum is written only if every exported vote (after the merge and the hiding) still reaches it:
    // here the early ballot (£12,000, cast when no minimum applied) and the one that backed both duplicates do not.
    const minimum = (POT * MIN_SHARE) / 100;
    const costOf = (title: string): number => ideas.find((x) => x.title === title)!.cost;
    const keepsMinimum = voting.every((v) => v.reduce((sum, title) => sum + costOf(title), 0) >= minimum);
    expect(keepsMinimum).toBe(false);
    expect(pb.meta.min_sum_cost).toBe(keepsMinimum ? String(minimum) : undefined);
    const pbTitle = new Map(pb.projects.map((p) => [p.id, p.fields.name]));
    expect(
      pb.voters
        .map((v) =>
          v.vote
            .map((id) => pbTitle.get(id))
            .sort()
            .join(' | '),
        )
        .sort(),
    ).toEqual(voting.map((v) => [...v].sort().join(' | ')).sort());

    // --- The printable report (MES, the budget method's rule).
    await exportsPanel.locator('[data-export=report]').click();
    await op.getByRole('heading', { level: 1, name: SESSION.title }).waitFor();
    const reportTable = (caption: string) => op.getByRole('table', { name: caption, exact: true });
    await expect
      .poll(() => cells(reportTable(t('report.participation.caption'))), { timeout: POLL_MS })
      .toEqual(
        (
          [
            ['participation.residents', want.residents],
            ['participation.proposalsShown', want.ideasShown],
            ['participation.proposals', want.ideas],
            ['participation.comments', want.comments],
            ['participation.ballotsCounted', want.ballotsCounted],
            ['participation.ballotsExcluded', want.ballotsExcluded],
            ['participation.nothingDone', want.nothingDone],
          ] as const
        ).map(([key, n]) => [t(key), String(n)]),
      );
    expect(await cells(reportTable(t('participation.byChannel')))).toEqual([
      [
        t('participation.channel.kiosk'),
        String(want.residents),
        String(want.ballotsCounted),
        String(want.ballotsExcluded),
      ],
      [t('participation.channel.paper'), '0', '0', '0'],
    ]);
    expect(byName(await cells(reportTable(t('participation.byDevice'))))).toEqual(byName(deviceRows));
    let running = 0;
    const reportRows = ranked.map((r, i) => {
      const isFunded = mes.has(r.title);
      if (isFunded) running += r.cost;
      return [
        String(i + 1),
        shownTitle(r),
        r.theme,
        String(r.points),
        String(r.supporters),
        money(r.cost),
        isFunded ? money(running) : '',
        isFunded ? t('results.funded') : t('results.notFunded'),
      ];
    });
    const fullTables = reportTable(t('chart.results.tableCaption'));
    expect(await fullTables.count()).toBeGreaterThan(0);
    for (const table of await fullTables.all()) expect(await cells(table)).toEqual(reportRows);
    expect(
      await op
        .getByText(
          t('results.spent', {
            count: mes.size,
            pot: money(POT),
            spent: money(running),
            left: money(POT - running),
          }),
        )
        .count(),
    ).toBe(1);

    // The money map: the session's funding streams as the facilitator typed them.
    expect(await cells(reportTable(t('report.money.caption')))).toEqual(
      SESSION.streams.map((f) => [
        f.publicBody,
        f.service,
        money(Number(f.amount)),
        f.isPoolable === false ? t('common.no') : t('common.yes'),
      ]),
    );
    // What residents said, each under the idea it now counts for, with that idea's number of comments.
    const said = await op
      .locator('.report__comments li')
      .evaluateAll((lis) =>
        lis.map((li) => [...li.querySelectorAll('p, blockquote')].map((e) => (e.textContent ?? '').trim())),
      );
    expect(said.map((x) => x.join(' | ')).sort()).toEqual(
      tally.comments
        .map((c) => ({ kept: tally.countsFor(c.idea), text: c.text }))
        .filter((c): c is { kept: string; text: string } => c.kept !== null)
        .map(({ kept, text }) =>
          [
            t('report.comments.on', { title: kept }),
            text,
            t('report.comments.count', { count: tally.commentsFor(kept).length }),
          ].join(' | '),
        )
        .sort(),
    );

    for (const x of tablets) expect(x.errors).toEqual([]);
  }, 300_000);
});
