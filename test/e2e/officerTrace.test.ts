/**
 * The officer can trace every figure (found by a walk of a workshop day): the officer view said "Proposals hidden
 * or merged into another: 2" and the report "Proposals put forward … 4" without naming them; the hours chart
 * summed to the tablet residents under a headline that counts paper ones too, with no word of why; and the status
 * editor asked "What has happened to this idea?" on an officer's screen, where the word is "proposal".
 *
 * In Chromium against the real server, one dots session written with the app's commands and synced by a
 * facilitator's device:
 * - put forward: "Youth club on Fridays" £20,000, "CV help drop-in" £5,000, "Friday youth club" £20,000 (merged
 *   into the first), "Ban Dave Smith at no. 12 from the park" £1,000 (hidden: "Names a neighbour");
 * - three residents at tablets, at 10:00 and 11:00 (dots: youth 3 + CV 2; the duplicate 2 + CV 1, which counts
 *   for the youth club; CV 3), and two paper sheets typed in (youth 1; CV 2): 5 residents, 3 in the hours chart.
 * The report may be published, so the hidden proposal's title and reason are not printed there (as in the
 * open-data export, src/domain/results/publishable.ts); the officer screen, the council's, shows both.
 * Screenshots: /tmp/officer-trace.png, /tmp/officer-trace-report.png.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addProposal,
  castBallot,
  finishParticipant,
  startParticipant,
  type CommandContext,
} from '../../src/doc/commands';
import { hideProposal, mergeProposals } from '../../src/doc/moderationCommands';
import { enterPaperBallot } from '../../src/doc/paperCommands';
import { createSession } from '../../src/doc/sessionCommands';
import type { BallotChoices } from '../../src/domain/types';
import { LOCALES } from '../../src/ui/i18n';
import { validSettings } from '../unit/helpers/session';
import { axeViolations } from './support/axe';
import { enrolOfficer, syncToCouncil } from './support/officer';
import { useBrowserAndCouncil } from './support/setup';
import { newTablet, type Tablet } from './support/tablet';

const app = useBrowserAndCouncil('codesign-officer-trace-');
let officer: Tablet;
const sessionId = randomUUID();
const ids: Record<'youth' | 'cv' | 'duplicate' | 'named', string> = {
  youth: '',
  cv: '',
  duplicate: '',
  named: '',
};

const NAMED = 'Ban Dave Smith at no. 12 from the park';
const REASON = 'Names a neighbour';
const MERGED_LINE = '“Friday youth club”: merged into “Youth club on Fridays”';
const INCLUDES = 'includes: “Friday youth club”';
const PAPER_NOTE =
  '2 residents who took part on paper are not in this chart: a paper sheet has no time of day.';

function device(deviceId: string, startAt: number): CommandContext {
  let now = startAt;
  return { deviceId, now: () => (now += 60_000), newId: () => randomUUID() };
}

beforeAll(async () => {
  const doc = new Y.Doc();
  const laptop = device('laptop-0001', Date.UTC(2026, 11, 5, 9, 0));
  createSession(
    doc,
    sessionId,
    validSettings({
      title: 'Eastbrook walk',
      neighbourhood: 'Eastbrook',
      date: '2026-12-05',
      potPence: 4_000_000,
      method: { kind: 'dots', dotsPerParticipant: 5, maxDotsPerProposal: 3 },
    }),
    laptop,
  );
  const idea = (title: string, pounds: number, themeId: string): string =>
    addProposal(doc, { title, description: '', themeId, costPence: pounds * 100, where: '' }, null, laptop);
  ids.youth = idea('Youth club on Fridays', 20_000, 'theme-young');
  ids.cv = idea('CV help drop-in', 5_000, 'theme-jobs');
  ids.duplicate = idea('Friday youth club', 20_000, 'theme-young');
  ids.named = idea(NAMED, 1_000, 'theme-green');
  const resident = (ctx: CommandContext, dots: Record<string, number>): void => {
    const who = startParticipant(doc, { language: 'en', hasConsented: true }, ctx);
    castBallot(doc, who, { kind: 'dots', dots } satisfies BallotChoices, ctx);
    finishParticipant(doc, who, ctx);
  };
  const tabletA = device('tablet-a-0001', Date.UTC(2026, 11, 5, 10, 0));
  resident(tabletA, { [ids.youth]: 3, [ids.cv]: 2 });
  resident(tabletA, { [ids.duplicate]: 2, [ids.cv]: 1 });
  // The facilitator then hides one and merges the duplicate: the ballot above counts for the youth club.
  hideProposal(doc, ids.named, REASON, laptop);
  mergeProposals(doc, ids.duplicate, ids.youth, laptop);
  resident(device('tablet-b-0002', Date.UTC(2026, 11, 5, 11, 0)), { [ids.cv]: 3 });
  enterPaperBallot(doc, { sheet: 1, choices: { kind: 'dots', dots: { [ids.youth]: 1 } } }, laptop);
  enterPaperBallot(doc, { sheet: 2, choices: { kind: 'dots', dots: { [ids.cv]: 2 } } }, laptop);

  await syncToCouncil(app, [{ sessionId, doc }]);
  officer = await newTablet(app.browser);
  await enrolOfficer(officer.page, app);
}, 60_000);

afterAll(async () => {
  await officer?.context.close();
});

async function openSession(page: Page): Promise<void> {
  await page.goto(`${app.url}#/officer/session/${sessionId}`);
  const results = page.locator(`[data-results="${sessionId}"]`);
  await expect.poll(() => results.getAttribute('data-results-state'), { timeout: 20_000 }).toBe('ready');
}

const rowHeader = (page: Page, table: string, proposalId: string): Promise<string | null> =>
  page.locator(`${table} tbody tr[data-proposal="${proposalId}"] th`).textContent();

describe('the officer traces every figure', () => {
  it('Given a session with a hidden proposal, a merged one and paper residents, when the officer reads it, then the proposals not on the ballot are named, the kept one says what it includes, and the hours chart says who it leaves out', async () => {
    const { page, errors } = officer;
    await openSession(page);

    // "Proposals hidden or merged into another: 2", and the two named: the hidden one with its reason (the
    // council's screen, as the council's export), the merged one with the proposal it counts for.
    expect(await page.locator('[data-figure="ideas-apart"]').textContent()).toBe('2');
    const apart = page.getByRole('region', { name: 'Proposals not on the ballot' });
    expect(await apart.getByRole('listitem').allTextContents()).toEqual([
      MERGED_LINE,
      `“${NAMED}”: hidden by the facilitator. Reason: ${REASON}`,
    ]);

    // The kept proposal says what was merged into it, on the screen's table and the chart's (CV help has 8 dots,
    // the youth club 6: 3 + 1 on paper + 2 given to its duplicate).
    expect(await rowHeader(page, '[data-table=results]', ids.youth)).toBe(
      `Youth club on Fridays ${INCLUDES}`,
    );
    expect(await rowHeader(page, '[data-table=results]', ids.cv)).toBe('CV help drop-in');
    const chart = page.locator(`[data-results="${sessionId}"]`).getByRole('figure');
    await chart.getByRole('button', { name: 'Show as a table' }).click();
    expect(await chart.getByRole('table').locator('tbody th').allTextContents()).toEqual([
      'CV help drop-in',
      `Youth club on Fridays ${INCLUDES}`,
    ]);

    // Five residents took part; the hours chart has the three at tablets and says why the other two are not in it.
    expect(await page.locator('[data-figure="residents"]').textContent()).toBe('5');
    const day = page.getByRole('region', { name: 'Over the day' });
    expect(await day.locator('text.chart__value').allTextContents()).toEqual(['2', '1']);
    expect(await day.locator('.chart__note').textContent()).toBe(PAPER_NOTE);
    expect(await day.getByRole('img').getAttribute('aria-label')).toMatch(
      new RegExp(`3 residents in all\\. ${PAPER_NOTE.replace(/[.:]/g, '\\$&')}$`),
    );
    await day.getByRole('button', { name: 'Show as a table' }).click();
    expect(await day.getByRole('table').locator('tfoot tr').textContent()).toBe(
      'Took part on paper (no time of day)2',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/officer-trace.png', fullPage: true });
    expect(errors).toEqual([]);
  });

  it('Given the same session, when the officer prints the report, then it names the merged proposal and what it went into, withholds the hidden one’s title and reason, and says the hours chart leaves out the paper residents', async () => {
    const { page, errors } = officer;
    await page.goto(`${app.url}#/officer/report/${sessionId}`);
    const report = page.locator('article.report');
    const results = report.getByRole('table', { name: 'Results, every proposal', exact: true });
    await results.waitFor({ timeout: 20_000 });

    expect(await results.locator('tbody th').allTextContents()).toEqual([
      'CV help drop-in',
      `Youth club on Fridays ${INCLUDES}`,
    ]);
    expect(await report.locator('[data-list="not-on-ballot"] li').allTextContents()).toEqual([
      MERGED_LINE,
      '(hidden title): hidden by the facilitator. Its title and the reason are not printed, as they may name someone.',
    ]);
    // The report may be published: nothing of the hidden proposal's text or reason is on it.
    const text = await report.innerText();
    expect(text).not.toContain('Dave Smith');
    expect(text).not.toContain(REASON);

    const hours = report.getByRole('figure').filter({ hasText: 'Residents who took part, hour by hour' });
    expect(await hours.locator('.chart__note').textContent()).toBe(PAPER_NOTE);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/officer-trace-report.png', fullPage: true });
    expect(errors).toEqual([]);
  });

  it('Given the status editor and the things to check on an officer’s screen, then they say “proposal”, in English and in Welsh (“cynnig”)', async () => {
    const { page, errors } = officer;
    await openSession(page);
    const youth = page.locator(`[data-idea="${ids.youth}"]`);
    await youth.locator('summary').click();
    const form = page.getByRole('form', { name: 'Youth club on Fridays', exact: true });
    await form.getByRole('group', { name: 'What has happened to this proposal?', exact: true }).waitFor();
    expect(await form.locator('.status-editor__history').textContent()).toContain(
      'No status recorded yet: this proposal is submitted.',
    );
    const checks = page.locator(`[data-checks="${sessionId}"]`);
    expect(await checks.locator('p').first().textContent()).toBe(
      'Nothing to check: no sheet was typed differently, no decision sits on a merged proposal, and nothing came after the end.',
    );

    await page.getByRole('button', { name: LOCALES.cy!.name, exact: true }).click();
    await form.getByRole('group', { name: 'Beth sydd wedi digwydd i’r cynnig hwn?', exact: true }).waitFor();
    expect(await checks.locator('p').first().textContent()).toContain(
      'nid oes penderfyniad ar gynnig a unwyd',
    );
    expect(
      await page
        .getByRole('region', { name: 'Cynigion nad oedd ar y bleidlais' })
        .getByRole('listitem')
        .first()
        .textContent(),
    ).toBe('“Friday youth club”: wedi’i uno â “Youth club on Fridays”');
    expect(errors).toEqual([]);
  });
});
