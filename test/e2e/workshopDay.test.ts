/**
 * A workshop day end to end, in Chromium against the real council server on 127.0.0.1 (a free port, a temporary
 * DATA_DIR), run as its own process so it can be killed with SIGKILL and started again on the same port and data.
 *
 * The facilitator's profile (F) creates a session with the form (the demo never goes to the council) and gives it
 * to tablets A and B as a session file. A and B go offline and each has a resident add an idea, a comment and a
 * ballot. A's file is added to F twice (the second time adds nothing) and B's once; F enrols and syncs. The server
 * is killed and restarted; an officer's profile (O) enrols, fetches the session and sees both ideas and comments,
 * each ballot once: the same counts and board as F. A wrong token is refused by the server, and F, once revoked
 * with the admin command, is told so.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dashboard } from './pages/Dashboard';
import { escapeRegExp, Home } from './pages/Home';
import {
  FilesDashboard,
  FilesSection,
  filesTablet,
  goHome,
  sessionIdOf,
  type FilesTablet,
} from './pages/files';
import { Kiosk, STEP } from './pages/Kiosk';
import { PinScreen } from './pages/PinScreen';
import { validSession } from './pages/SessionForm';
import { launchBrowser } from './support/browser';
import {
  admin,
  adminDevices,
  enrolCode,
  freePort,
  killChildServer,
  startChildServer,
  type ChildAppServer,
} from './support/childServer';
import { installApp } from './support/shareTarget';
import { openNewSessionDashboard } from './support/tablet';

const IDEA_A = { title: 'Skate park lights on until nine', theme: 'Young people', cost: '12000' };
const COMMENT_A = 'My son would go every evening in winter.';
const IDEA_B = { title: 'Free swimming for the over-sixties', theme: 'Young people', cost: '9000' };
const COMMENT_B = 'The pool is empty on weekday mornings anyway.';

const COUNTS = ['Ballots counted', 'Comments', 'Ideas shown to residents'] as const;
type Counts = Record<(typeof COUNTS)[number], number>;
/** The dashboard's counts when every count is `n`. */
function allAt(n: number): Counts {
  return { 'Ballots counted': n, Comments: n, 'Ideas shown to residents': n };
}

/** The workshop's session, made with the form on F (the demo never syncs with the council). */
const SESSION = validSession('Eastbrook: what should the pot pay for?');

let browser: Browser;
let server: ChildAppServer | undefined;
let dataDir: string;
let filesDir: string;
const tablets: FilesTablet[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'codesign-day-data-'));
  filesDir = mkdtempSync(join(tmpdir(), 'codesign-day-files-'));
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const t of tablets) await t.context.close();
  await browser?.close();
  if (server) await killChildServer(server);
  for (const dir of [dataDir, filesDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

async function countsOf(dashboard: Dashboard): Promise<Counts> {
  const counts = {} as Counts;
  for (const label of COUNTS) counts[label] = await dashboard.count(label);
  return counts;
}

/** From the dashboard: one resident adds an idea, comments on it, puts dots on it, and hands back. */
async function residentTurn(
  t: FilesTablet,
  idea: typeof IDEA_A,
  comment: string,
  dots: number,
): Promise<void> {
  const kiosk = new Kiosk(t.page);
  await new Dashboard(t.page, SESSION.title).startKiosk();
  await kiosk.beginTurn();
  await kiosk.addIdea(idea);
  await kiosk.comment(comment);
  await kiosk.tap('Back to the ideas', STEP.ideas);
  await kiosk.backToMenu();
  await kiosk.openFromMenu('Choose your priorities');
  await kiosk.putDots(idea.title, dots);
  await kiosk.savePriorities();
  await kiosk.handOver();
  await new PinScreen(t.page).unlock(SESSION.pin, SESSION.title);
}

async function enrol(region: Locator, code: string): Promise<void> {
  await region.getByRole('textbox', { name: /^Enrolment code/ }).fill(code);
  await region.getByRole('button', { name: 'Enrol this device', exact: true }).click();
}

describe('a workshop day', () => {
  it('Given two offline tablets and a facilitator, when their files reach the council through a crash, then the officer sees everything once', async () => {
    const port = await freePort();
    server = await startChildServer(port, dataDir);
    const url = server.url;
    const f = await filesTablet(browser);
    const a = await filesTablet(browser);
    const b = await filesTablet(browser);
    const o = await filesTablet(browser);
    tablets.push(f, a, b, o);

    // F creates the session with the form (nothing in it yet) and saves it to a file for the tablets.
    const { sessionId, dashboard: dashF } = await openNewSessionDashboard(f.page, url, SESSION);
    const filesF = new FilesDashboard(f.page);
    const start = allAt(0);
    expect(await countsOf(dashF)).toEqual(start);
    const fileF = join(filesDir, 'from-facilitator.codesign');
    await filesF.saveFile(fileF);

    // Tablets A and B take the session from the file on their home screens, then lose the network: after one
    // online visit that installed the app (its service worker controls the page, everything precached), as a
    // facilitator prepares a tablet. Cut off before, a screen part loaded later (the read-aloud panel) could not be
    // fetched: "Unable to preload CSS", once in a bare clone's run under load.
    for (const t of [a, b]) {
      await installApp(t.page, url);
      const home = new FilesSection(t.page, 'Import a session file');
      await home.choose(fileF);
      expect((await home.preview())[0]).toMatch(/^A new session: /);
      await home.button('Add this session to the tablet').click();
      await new PinScreen(t.page).unlock(SESSION.pin, SESSION.title);
      expect(sessionIdOf(t.page.url())).toBe(sessionId);
      expect(await countsOf(new Dashboard(t.page, SESSION.title))).toEqual(start);
      await t.context.setOffline(true);
    }

    // Offline, a resident on each tablet adds an idea, a comment and a ballot.
    await residentTurn(a, IDEA_A, COMMENT_A, 3);
    await residentTurn(b, IDEA_B, COMMENT_B, 2);
    const oneMore = allAt(1);
    for (const t of [a, b]) {
      await expect.poll(() => countsOf(new Dashboard(t.page, SESSION.title))).toEqual(oneMore);
      expect(await t.page.evaluate(() => navigator.onLine)).toBe(false);
    }
    const fileA = join(filesDir, 'tablet-a.codesign');
    const fileB = join(filesDir, 'tablet-b.codesign');
    await new FilesDashboard(a.page).saveFile(fileA);
    await new FilesDashboard(b.page).saveFile(fileB);

    // F adds A's file, then A's file again (nothing new), then B's.
    const adds = /^Adds 1 idea, 1 comment, 1 ballot and 1 resident from Tablet [0-9a-f]{4}\.$/;
    await filesF.choose(fileA);
    expect(await filesF.preview()).toEqual([expect.stringMatching(adds)]);
    expect(await filesF.add()).toMatch(/^Added 1 idea, 1 comment, 1 ballot and 1 resident from Tablet /);
    await filesF.choose(fileA);
    expect(await filesF.preview()).toEqual(['Nothing new: this tablet already has everything in this file.']);
    expect(await filesF.button('Add to this session').count()).toBe(0);
    await filesF.button('Close').click();
    await filesF.choose(fileB);
    expect(await filesF.preview()).toEqual([expect.stringMatching(adds)]);
    await filesF.add();
    const everything = allAt(2);
    await expect.poll(() => countsOf(dashF)).toEqual(everything);
    expect(await dashF.boardRow(IDEA_A.title)).toMatchObject({ supporters: 1, points: 3, comments: 1 });
    expect(await dashF.boardRow(IDEA_B.title)).toMatchObject({ supporters: 1, points: 2, comments: 1 });
    const boardF = await dashF.boardRows();
    expect(boardF.map((r) => r.idea).sort()).toEqual([IDEA_A.title, IDEA_B.title].sort());

    // F enrols with a code from the admin command and syncs.
    const syncF = f.page.getByRole('region', { name: 'Council sync', exact: true });
    await enrol(syncF, await enrolCode(dataDir, 'facilitator', 'Facilitator laptop'));
    await expect
      .poll(() => syncF.getByRole('status').textContent(), { timeout: 15_000 })
      .toMatch(/^Synced at \d{1,2}:\d{2}/);
    expect(await syncF.locator('[data-sync-count=sent]').textContent()).toMatch(/^Sent: [1-9]\d* changes?$/);

    // F leaves the session (no live connection), and the server is killed with SIGKILL and started again.
    await goHome(f.page, url);
    const killedPid = server.child.pid;
    expect(await killChildServer(server)).toBeNull();
    expect(server.child.signalCode).toBe('SIGKILL');
    server = await startChildServer(port, dataDir);
    expect(server.url).toBe(url);
    expect(server.child.pid).not.toBe(killedPid);
    const health = await fetch(`${url}api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok' });

    // O enrols as an officer on its home screen, fetches the session and opens it.
    const homeO = new Home(o.page);
    await homeO.goto(url);
    const council = o.page.getByRole('region', { name: 'Sessions from the council', exact: true });
    await enrol(council, await enrolCode(dataDir, 'officer', 'Council officer'));
    await council.getByRole('button', { name: 'Get sessions from the council', exact: true }).click();
    await council.getByRole('checkbox', { name: new RegExp(escapeRegExp(SESSION.title)) }).check();
    await council.getByRole('button', { name: 'Get 1 session', exact: true }).click();
    await expect
      .poll(() => council.getByRole('status').textContent(), { timeout: 30_000 })
      .toMatch(/Got 1 session/);
    await homeO.session(SESSION.title).click();
    await new PinScreen(o.page).unlock(SESSION.pin, SESSION.title);
    expect(sessionIdOf(o.page.url())).toBe(sessionId);

    // Everything from both tablets is there, each ballot once: the same counts and board as F.
    const dashO = new Dashboard(o.page, SESSION.title);
    await dashO.waitUntilShown();
    await expect.poll(() => countsOf(dashO)).toEqual(everything);
    await expect.poll(() => dashO.boardRows()).toEqual(boardF);
    for (const title of [IDEA_A.title, IDEA_B.title]) {
      expect(await dashO.idea(title).count()).toBe(1);
    }
    const syncO = o.page.getByRole('region', { name: 'Council sync', exact: true });
    await expect
      .poll(() => syncO.getByRole('status').textContent(), { timeout: 15_000 })
      .toMatch(/^Synced at/);
    expect(await countsOf(dashO)).toEqual(everything);

    // A wrong token is refused.
    const wrong = await fetch(`${url}api/sessions`, {
      headers: { Authorization: 'Bearer not-a-real-token' },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({
      error: 'unauthorized: this device is not enrolled, or it was revoked',
    });
    expect((await fetch(`${url}api/sessions`)).status).toBe(401);

    // F is revoked with the admin command; its next sync is refused, in words.
    const facilitators = (await adminDevices(dataDir)).filter((d) => d.role === 'facilitator');
    expect(facilitators).toHaveLength(1);
    expect(await admin(dataDir, 'revoke', facilitators[0]!.id)).toMatch(/is revoked/);
    await new Home(f.page).session(SESSION.title).click();
    await new PinScreen(f.page).unlock(SESSION.pin, SESSION.title);
    await syncF.getByRole('button', { name: 'Sync with council', exact: true }).click();
    await expect
      .poll(() => syncF.getByRole('alert').first().textContent(), { timeout: 15_000 })
      .toBe('Sync failed: this device has been removed from the council’s list. Ask your council admin.');
    expect(await countsOf(dashF)).toEqual(everything);

    for (const t of tablets) expect(t.errors).toEqual([]);
  }, 120_000);
});
