/**
 * A paper sheet typed differently on two devices (issue 9): tablet A saves a session file, then types sheet 7;
 * an office laptop that never saw A's sheet 7 types it differently in its copy, and its file is added on A.
 * The paper ballots panel says "Sheet 7 was typed differently on two devices" with both versions, who typed each
 * and when, the counted one first; "Keep this one" on A's version makes it count and the flag goes away. No axe
 * violations, 44 px targets, and a screenshot is kept for people to look at.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { enterPaperBallot } from '../../src/doc/paperCommands';
import { viewSession } from '../../src/doc/session';
import { applyImport, prepareImport } from '../../src/sync/importSession';
import { encodeSessionFile, readSessionFile } from '../../src/sync/sessionFile';
import { loadLanguage, makeTranslator } from '../../src/ui/i18n';
import { axeViolations } from './support/axe';
import { smallTargets } from './support/targets';
import { FilesDashboard, filesTablet, openDemo, type FilesTablet } from './pages/files';
import { PaperBallots } from './pages/PaperBallots';
import { useBrowserAndApp } from './support/setup';

const YOUTH = 'Youth club open on Friday and Saturday nights';
const FAIR = 'Apprenticeship fair with local employers';

const app = useBrowserAndApp();
let dir: string;
let tablet: FilesTablet | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'codesign-paper-conflict-'));
  await loadLanguage('cy', 'staff');
});

afterAll(async () => {
  await tablet?.context.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The office laptop: opens A's file in its own document, types sheet 7 its own way, and saves its file. */
async function officeTypes(fromA: string, toPath: string): Promise<void> {
  const parsed = await readSessionFile(new Uint8Array(readFileSync(fromA)), { fileName: 'a.codesign' });
  const doc = new Y.Doc();
  applyImport(doc, prepareImport(null, parsed));
  const fair = viewSession(doc)!.proposals.find((p) => p.shownTitle === FAIR)!.id;
  const ctx = { deviceId: 'office-laptop', now: () => Date.now() + 60_000, newId: () => randomUUID() };
  enterPaperBallot(doc, { sheet: 7, choices: { kind: 'dots', dots: { [fair]: 1 } } }, ctx);
  const bytes = await encodeSessionFile(doc, {
    deviceId: 'office-laptop',
    deviceName: 'Office laptop',
    now: Date.now(),
  });
  writeFileSync(toPath, bytes);
}

describe('a paper sheet typed differently on two devices', () => {
  it('Given sheet 7 typed on tablet A and, apart, differently on the office laptop, when A adds the laptop’s file, then both versions are shown until one is kept', async () => {
    tablet = await filesTablet(app.browser);
    const { page, errors } = tablet;
    await openDemo(page, app.url);
    const files = new FilesDashboard(page);
    const fromA = join(dir, 'a.codesign');
    await files.saveFile(fromA);

    const paper = new PaperBallots(page);
    await paper.enter(7, [[YOUTH, 2]]);
    const fromOffice = join(dir, 'office.codesign');
    await officeTypes(fromA, fromOffice);
    await files.choose(fromOffice);
    await files.preview();
    await files.add();

    const flag = paper.region.locator('[data-conflict-sheet="7"]');
    await flag.getByRole('heading', { name: 'Sheet 7 was typed differently on two devices' }).waitFor();
    const versions = await flag.locator('.paper-versions > li').allTextContents();
    expect(versions).toHaveLength(2);
    // The laptop's typing is later by the clock (both are first typings): it counts until someone chooses.
    expect(versions[0]).toContain('Version 1 (counted now)');
    expect(versions[0]).toContain(`${FAIR}: 1`);
    expect(versions[1]).toContain(`${YOUTH}: 2`);
    expect(await paper.counts()).toEqual({ kiosk: 12, paper: 1 });
    const row = (await paper.rows()).find((r) => r.sheet === 7)!;
    expect(row.choices).toBe(`${FAIR}: 1`);
    expect(row.counted).toContain('Typed differently on two devices');
    expect(await axeViolations(page)).toEqual([]);
    expect(await smallTargets(page, 44)).toEqual([]);
    await flag.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/paper-conflict.png' });

    await paper.region
      .getByRole('button', { name: 'Keep this one: version 2 of sheet 7', exact: true })
      .click();
    await paper.region
      .getByText('Sheet 7: version 2 kept. It now counts for this sheet.', { exact: true })
      .waitFor();
    expect(await flag.count()).toBe(0);
    expect((await paper.rows()).find((r) => r.sheet === 7)).toEqual({
      sheet: 7,
      choices: `${YOUTH}: 2`,
      counted: 'Yes',
    });
    expect(await paper.counts()).toEqual({ kiosk: 12, paper: 1 });

    // The panel's two lines: the version kept, and the sheet typed in on this tablet.
    const lines = page.locator('.paper-panel .paper-announce');
    expect(await lines.allInnerTexts()).toEqual([
      'Sheet 7: version 2 kept. It now counts for this sheet.',
      'Sheet 7 added.',
    ]);
    // Staff switch to Cymraeg (the panel's English name no longer finds it): both lines say the same in Welsh.
    // They stayed English before.
    await page.getByRole('button', { name: 'Cymraeg', exact: true }).click();
    const cy = makeTranslator('cy');
    await expect
      .poll(() => lines.allInnerTexts())
      .toEqual([cy('checks.paper.kept', { sheet: 7, number: 2 }), cy('paper.form.added', { sheet: 7 })]);
    expect(errors).toEqual([]);
  });
});
