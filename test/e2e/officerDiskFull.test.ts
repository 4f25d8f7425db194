/**
 * A full disk on the officer's laptop, online with the council (in Chromium against the real server on
 * 127.0.0.1). The officer types a paper ballot, or records a decision, while storage refuses every write: the
 * screen says it was not saved and keeps what was typed, but the sync had already sent the change to the council.
 * Once there is space, the officer tries again, and the sheet is ONE ballot with one typing (no "typed
 * differently" flag) and the decision ONE status record, on the officer's screen, in what the laptop stored, and at
 * the council. Before, the refused change stayed in the laptop's memory: the retried sheet was refused as "already
 * entered", and the retried decision wrote nothing and so said "not saved" again and again.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addProposal, type CommandContext } from '../../src/doc/commands';
import { createSession } from '../../src/doc/sessionCommands';
import { viewSession } from '../../src/doc/session';
import { sessionChecks } from '../../src/doc/sessionChecks';
import { channelOf, paperSheets } from '../../src/domain/paper';
import { acknowledged, connect, enrolDevice } from '../unit/server/support';
import { validSettings } from '../unit/helpers/session';
import { PaperBallots } from './pages/PaperBallots';
import { installDiskFull, refusedWrites, setDiskFull } from './support/diskFull';
import { enrolOfficer, syncToCouncil } from './support/officer';
import { useBrowserAndCouncil } from './support/setup';
import { newTablet, type Tablet } from './support/tablet';

const YOUTH = 'Youth club on Friday nights';
const GARDEN = 'Community garden';
const FULL =
  'The tablet is out of storage space, so this was not saved. Free some space, then try again. Nothing you typed has been lost.';

const app = useBrowserAndCouncil('codesign-officer-disk-e2e-');
let officer: Tablet | undefined;
let sessionId: string;
let youthId: string;
let checkToken: string;

beforeAll(async () => {
  sessionId = randomUUID();
  const doc = new Y.Doc();
  let now = Date.UTC(2026, 3, 18, 9, 0, 0);
  const ctx: CommandContext = { deviceId: 'laptop-1', now: () => (now += 60_000), newId: () => randomUUID() };
  createSession(doc, sessionId, validSettings({ title: 'Ashfield North spring workshop' }), ctx);
  const idea = (title: string): string =>
    addProposal(
      doc,
      { title, description: '', themeId: 'theme-young', costPence: 1_200_000, where: '' },
      null,
      ctx,
    );
  youthId = idea(YOUTH);
  idea(GARDEN);
  await syncToCouncil(app, [{ sessionId, doc }]);
  checkToken = (await enrolDevice(app.dataDir, app.url.slice(0, -1), 'officer', 'Office PC')).token;
}, 60_000);

afterAll(async () => {
  await officer?.context.close();
});

/** The council's copy of the session, as another office device syncing now would get it. */
async function councilCopy(): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const client = connect(`ws://127.0.0.1:${app.server.port}/sync`, sessionId, checkToken, doc);
  try {
    await acknowledged(client);
  } finally {
    client.destroy();
  }
  return doc;
}

/** At the council: the counted paper ballots, sheet 12's typings nobody replaced, and the sheets flagged. */
async function sheet12AtCouncil(): Promise<{ counted: number; current: number; flagged: number[] }> {
  const view = viewSession(await councilCopy());
  if (!view) return { counted: -1, current: -1, flagged: [] };
  return {
    counted: view.count.counted.filter((c) => channelOf(c.ballot) === 'paper').length,
    current: paperSheets(view.records.paperTypings).find((s) => s.sheet === 12)?.current.length ?? 0,
    flagged: sessionChecks(view).paperConflicts.map((c) => c.sheet),
  };
}

/**
 * Waits until the officer's screen says its sync with the council is live and up to date: the tests' "the laptop
 * was online". A change made before that (the sync still connecting after a reload, on a busy machine) is dropped
 * with the refused save before it can be sent, and the council never gets it.
 */
async function syncedWithCouncil(page: Tablet['page']): Promise<void> {
  await page
    .locator(`[data-sync-session="${sessionId}"][data-sync-state="synced"]`)
    .waitFor({ timeout: 20_000 });
}

async function youthStatusesAtCouncil(): Promise<string[]> {
  const view = viewSession(await councilCopy());
  return (view?.records.statuses ?? []).filter((s) => s.proposalId === youthId).map((s) => s.status);
}

describe('a full disk on the officer’s laptop', () => {
  it('Given an officer typing a paper ballot while the disk is full, when there is space and they try again, then the sheet is one ballot on the screen, on the laptop and at the council', async () => {
    officer = await newTablet(app.browser);
    const { page, context, errors } = officer;
    await installDiskFull(context);
    await enrolOfficer(page, app);
    await page.goto(`${app.url}#/officer/session/${sessionId}`);
    await page.locator('.officer-paper summary').click();
    const paper = new PaperBallots(page);
    await paper.sheetField.waitFor({ timeout: 20_000 });

    // The officer has been typing sheets in already (so this device has its signing key).
    await paper.enter(3, [[GARDEN, 3]]);
    await syncedWithCouncil(page);

    // Given: the disk is full when the officer adds sheet 12.
    await setDiskFull(page, true);
    await paper.type('12', [
      [YOUTH, 2],
      [GARDEN, 1],
    ]);
    await paper.region.getByText(FULL, { exact: true }).waitFor();
    expect(await refusedWrites(page)).toBeGreaterThan(0);
    // What was typed is still there.
    expect(await paper.sheetField.inputValue()).toBe('12');
    expect(await paper.dotsField(YOUTH).inputValue()).toBe('2');
    expect(await paper.dotsField(GARDEN).inputValue()).toBe('1');
    // The laptop was online: the council has the sheet that was not saved here.
    await expect.poll(sheet12AtCouncil, { timeout: 15_000 }).toEqual({ counted: 2, current: 1, flagged: [] });

    // When: space is back and the officer presses "Add this sheet" again.
    await setDiskFull(page, false);
    await paper.button('Add this sheet').click();
    const added = paper.region.getByText('Sheet 12 added.', { exact: true });
    const taken = paper.region.getByText(/^Sheet 12 is already entered/);
    await added
      .or(taken)
      .or(paper.region.getByText(FULL, { exact: true }))
      .waitFor();
    expect(await taken.count()).toBe(0);
    await added.waitFor();

    // Then: one ballot for sheet 12, counted and not flagged, on the screen …
    expect(await paper.counts()).toEqual({ kiosk: 0, paper: 2 });
    expect(await paper.rows()).toEqual([
      { sheet: 3, choices: `${GARDEN}: 3`, counted: 'Yes' },
      { sheet: 12, choices: `${YOUTH}: 2, ${GARDEN}: 1`, counted: 'Yes' },
    ]);
    // … at the council (the retry replaced the try it had been sent) …
    await expect.poll(sheet12AtCouncil, { timeout: 15_000 }).toEqual({ counted: 2, current: 1, flagged: [] });
    // … and in what the laptop stored: the view opened again reads IndexedDB.
    await page.reload();
    await page.locator('.officer-paper summary').click();
    await paper.sheetField.waitFor({ timeout: 20_000 });
    expect(await paper.counts()).toEqual({ kiosk: 0, paper: 2 });
    expect(errors).toEqual([]);
  });

  it('Given an officer recording a decision while the disk is full, when there is space and they save it again, then it says "Saved" and the council has one status record', async () => {
    const { page, errors } = officer!;
    const youth = page.locator(`[data-idea="${youthId}"]`);
    await youth.locator('summary').click();
    const decision = youth.getByRole('form', { name: YOUTH, exact: true });
    await decision.getByRole('radio', { name: 'Funded', exact: true }).check();
    await decision.getByLabel('Amount funded').fill('12000');
    // The page was reloaded at the end of the test before: its sync started again.
    await syncedWithCouncil(page);

    await setDiskFull(page, true);
    await decision.getByRole('button', { name: `Save status: ${YOUTH}` }).click();
    await decision.getByText(FULL, { exact: true }).waitFor();
    await expect.poll(youthStatusesAtCouncil, { timeout: 15_000 }).toEqual(['funded']);

    await setDiskFull(page, false);
    await decision.getByRole('button', { name: `Save status: ${YOUTH}` }).click();
    await expect.poll(() => decision.getByRole('status').textContent(), { timeout: 15_000 }).toBe('Saved');
    expect(await youth.locator('[data-status]').getAttribute('data-status')).toBe('funded');
    expect(await decision.locator('.status-editor__history-item').count()).toBe(1);
    expect(await youthStatusesAtCouncil()).toEqual(['funded']);
    // Stored on the laptop: after a reload the decision is still there, once.
    await page.reload();
    await youth.locator('summary').click();
    await expect.poll(() => youth.locator('[data-status]').getAttribute('data-status')).toBe('funded');
    // The summary shows the status as the page loads; the decision form and its history are drawn once the
    // details have opened (their toggle event comes after the click): waited for, not read at once.
    await decision.getByRole('heading', { name: 'History', exact: true }).waitFor();
    expect(await decision.locator('.status-editor__history-item').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
