/**
 * "Things to check" in the officer view (issue 9), in Chromium against the real server on 127.0.0.1. A session is
 * written with the app's commands on three devices that worked apart, then synced:
 * - the facilitator's laptop merges "Garden for everyone" into "Community garden" and ends the session, while an
 *   officer, apart, had funded the duplicate (£10,000);
 * - a tablet that had not heard of the end takes a resident's turn (a ballot and a comment) after it;
 * - sheet 7 is typed on the laptop and, differently, on the tablet.
 * The officer sees all three, with both versions of sheet 7; keeping one settles it (the choice is sent to the
 * server and the flag goes away). axe-core finds nothing to fix; every target is at least 44 px. Screenshot:
 * /tmp/officer-checks.png.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addComment,
  addProposal,
  castBallot,
  finishParticipant,
  startParticipant,
  type CommandContext,
} from '../../src/doc/commands';
import { createSession, endSession } from '../../src/doc/sessionCommands';
import { mergeProposals } from '../../src/doc/moderationCommands';
import { enterPaperBallot } from '../../src/doc/paperCommands';
import { viewSession } from '../../src/doc/session';
import { setProposalStatus } from '../../src/doc/statusCommands';
import { acknowledged, connect, enrolDevice } from '../unit/server/support';
import { validSettings } from '../unit/helpers/session';
import { axeViolations } from './support/axe';
import { smallTargets } from './support/targets';
import { newTablet, type Tablet } from './support/tablet';
import { sessionChecks } from '../../src/doc/sessionChecks';
import { useBrowserAndCouncil } from './support/setup';
import { enrolOfficer } from './support/officer';

const TITLE = 'Ashfield North spring workshop';
const START = Date.UTC(2026, 3, 18, 9, 0, 0);

const app = useBrowserAndCouncil('codesign-checks-e2e-');
let officer: Tablet | undefined;
let sessionId: string;
let laptop: Y.Doc;
let officeToken: string;

function device(deviceId: string, startAt: number): CommandContext {
  let now = startAt;
  return { deviceId, now: () => (now += 60_000), newId: () => randomUUID() };
}

function replica(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

async function sync(doc: Y.Doc, token: string): Promise<void> {
  const client = connect(`ws://127.0.0.1:${app.server.port}/sync`, sessionId, token, doc);
  await acknowledged(client);
  client.destroy();
}

beforeAll(async () => {
  const facilitator = await enrolDevice(
    app.dataDir,
    app.url.slice(0, -1),
    'facilitator',
    'Facilitator laptop',
  );
  const office = await enrolDevice(app.dataDir, app.url.slice(0, -1), 'officer', 'Office PC');
  officeToken = office.token;

  sessionId = randomUUID();
  laptop = new Y.Doc();
  const L = device('laptop-1', START);
  createSession(laptop, sessionId, validSettings({ title: TITLE, date: '2026-04-18' }), L);
  const idea = (title: string): string =>
    addProposal(
      laptop,
      { title, description: '', themeId: 'theme-green', costPence: 1_200_000, where: '' },
      null,
      L,
    );
  const garden = idea('Community garden');
  const duplicate = idea('Garden for everyone');
  const youth = idea('Youth club');
  const tablet = replica(laptop);
  const officeDoc = replica(laptop);

  setProposalStatus(
    officeDoc,
    { proposalId: duplicate, status: 'funded', amountPence: 1_000_000, reason: '' },
    device('office-pc', START + 3_600_000),
  );
  mergeProposals(laptop, duplicate, garden, L);
  enterPaperBallot(laptop, { sheet: 7, choices: { kind: 'dots', dots: { [garden]: 2 } } }, L);
  endSession(laptop, L);

  const T = device('tablet-2', START + 2 * 3_600_000);
  const who = startParticipant(tablet, { language: 'en', hasConsented: true }, T);
  castBallot(tablet, who, { kind: 'dots', dots: { [youth]: 3 } }, T);
  addComment(tablet, { proposalId: youth, text: 'Open it on Sundays too' }, who, T);
  finishParticipant(tablet, who, T);
  enterPaperBallot(tablet, { sheet: 7, choices: { kind: 'dots', dots: { [youth]: 1 } } }, T);

  Y.applyUpdate(laptop, Y.encodeStateAsUpdate(tablet));
  await sync(laptop, facilitator.token);
  await sync(officeDoc, office.token);
}, 60_000);

afterAll(async () => {
  await officer?.context.close();
});

describe('things to check in the officer view', () => {
  it('Given a session merged from devices that worked apart, when an officer opens it, then a sheet typed twice, a decision on a merged idea and the records after the end are shown, and keeping a version settles the sheet', async () => {
    officer = await newTablet(app.browser);
    const { page, errors } = officer;
    await enrolOfficer(page, app);
    await page.goto(`${app.url}#/officer/session/${sessionId}`);

    const checks = page.locator(`[data-checks="${sessionId}"]`);
    await checks.getByRole('heading', { name: 'Things to check' }).waitFor({ timeout: 20_000 });
    const sheet = checks.locator('[data-conflict-sheet="7"]');
    await sheet.getByRole('heading', { name: 'Sheet 7 was typed differently on two devices' }).waitFor();
    const versions = await sheet.locator('.paper-versions > li').allTextContents();
    expect(versions[0]).toContain('Youth club: 1');
    expect(versions[1]).toContain('Community garden: 2');

    await checks.locator('[data-check="merged"]').waitFor();
    // In officers' words: "proposal", not residents' "idea".
    expect(await checks.locator('[data-check="merged"]').getByRole('heading').textContent()).toBe(
      'Decisions on merged proposals',
    );
    expect(await checks.locator('[data-check="merged"] li').allTextContents()).toEqual([
      'On “Community garden”: decided on a duplicate, “Garden for everyone”, before it was merged. Funded: £10,000',
    ]);

    // And on the kept idea itself, where officers record decisions.
    expect(await page.locator('[data-merged-decision]').allTextContents()).toEqual([
      'Decided on a duplicate, “Garden for everyone”, before it was merged. Funded: £10,000',
    ]);
    expect(
      await page
        .locator('[data-merged-decision]')
        .evaluate((el) => el.closest('[data-idea]')?.getAttribute('data-idea')),
    ).toBe(viewSession(laptop)!.proposals.find((p) => p.title === 'Community garden')!.id);

    const after = checks.locator('[data-check="after-end"]');
    expect(await after.locator('[data-figure="after-end"]').textContent()).toMatch(
      /^3 records came after the session was ended on .+ at .+\.$/,
    );
    expect(await after.locator('tbody th').allTextContents()).toEqual([
      'A resident’s turn at a tablet',
      'A ballot cast at a tablet',
      'A comment on “Youth club”',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    expect(await smallTargets(page, 44)).toEqual([]);
    await checks.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/officer-checks.png', fullPage: false });

    await sheet.getByRole('button', { name: 'Keep this one: version 2 of sheet 7', exact: true }).click();
    await checks
      .getByText('Sheet 7: version 2 kept. It now counts for this sheet.', { exact: true })
      .waitFor();
    expect(await sheet.count()).toBe(0);
    // The choice reaches the council server: another office copy synced afterwards counts the kept version.
    await expect
      .poll(
        async () => {
          const check = new Y.Doc();
          await sync(check, officeToken);
          const view = viewSession(check);
          return view
            ? sessionChecks(view).paperConflicts.length === 0 && view.records.paperTypings.length
            : -1;
        },
        { timeout: 20_000 },
      )
      .toBe(3);
    expect(errors).toEqual([]);
  });
});
