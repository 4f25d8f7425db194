/**
 * The officer view in Chromium against the real server on 127.0.0.1 (a free port, a temporary DATA_DIR, SQLite).
 * A facilitator's device has synced two sessions of Ashfield North written on three tablets (seeded with the
 * app's commands: test/e2e/support/neighbourhood.ts, figures worked out by hand there). An officer enrols from
 * the home screen, opens the neighbourhood, sees the right figures, traces one to its ballots, downloads every
 * export and reads them back, records a decision on an idea (which reaches the server and a facilitator's
 * device), and the printable report renders (screenshot at /tmp/officer-report-print.png).
 * axe-core finds nothing to fix on each screen; every target is at least 44 px.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePabulib } from '../../src/domain/counting/pabulib';
import { sessionResults } from '../../src/domain/results/results';
import { viewSession } from '../../src/doc/session';
import { acknowledged, connect, enrolDevice } from '../unit/server/support';
import { parseCsv } from '../unit/helpers/csv';
import { axeViolations } from './support/axe';
import { smallTargets } from './support/targets';
import { newTablet, type Tablet } from './support/tablet';
import {
  AUTUMN,
  NEIGHBOURHOOD,
  seedAutumn,
  seedSpring,
  SPRING,
  type SeededSession,
} from './support/neighbourhood';
import { enrolOfficer } from './support/officer';
import { useBrowserAndCouncil } from './support/setup';

const app = useBrowserAndCouncil('codesign-officer-e2e-');
const THREE_LINE_COMMENT = 'Somewhere warm for teenagers\nafter school\nand on Friday nights';
let officer: Tablet;
let spring: SeededSession;
let autumn: SeededSession;
let facilitatorToken: string;

beforeAll(async () => {
  // The facilitator's device syncs both sessions, as it would back at the council office.
  const facilitator = await enrolDevice(
    app.dataDir,
    app.url.slice(0, -1),
    'facilitator',
    'Facilitator laptop',
  );
  facilitatorToken = facilitator.token;
  spring = seedSpring();
  autumn = seedAutumn();
  for (const s of [spring, autumn]) {
    const client = connect(`ws://127.0.0.1:${app.server.port}/sync`, s.sessionId, facilitator.token, s.doc);
    await acknowledged(client);
    client.destroy();
  }
  officer = await newTablet(app.browser);
}, 60_000);

afterAll(async () => {
  await officer?.context.close();
});

/** Every string comes from the catalogue: a message key showing means a catalogue was not loaded. */
async function expectNoRawKeys(page: Page): Promise<void> {
  const text = (await page.locator('body').textContent()) ?? '';
  expect(
    text.match(
      /\b(?:officer|report|chart|results|participation|money|fac|sync|status|paper|error)\.[A-Za-z]+(?:\.[A-Za-z]+)*\b/g,
    ),
  ).toBeNull();
}

async function expectAccessible(page: Page): Promise<void> {
  await expectNoRawKeys(page);
  expect(await axeViolations(page)).toEqual([]);
  expect(await smallTargets(page, 44)).toEqual([]);
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describe('the officer view', () => {
  it('Given two synced sessions of a neighbourhood, when an officer opens it, then the figures, traces and exports are right', async () => {
    const { page } = officer;
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await enrolOfficer(page, app);
    await page
      .getByRole('region', { name: 'Sessions from the council', exact: true })
      .getByRole('link', { name: 'Open the council results' })
      .click();

    // The council's sessions by neighbourhood.
    await page.getByRole('heading', { level: 1, name: 'Council results' }).waitFor();
    const area = page.getByRole('region', { name: NEIGHBOURHOOD });
    await area.getByRole('link', { name: SPRING }).waitFor();
    await area.getByRole('link', { name: AUTUMN }).waitFor();
    await expectAccessible(page);

    // The neighbourhood together.
    await area.getByRole('link', { name: /^Open Ashfield North: 2 sessions together$/ }).click();
    await page.getByRole('heading', { level: 1, name: NEIGHBOURHOOD }).waitFor();
    const figure = (name: string) => page.locator(`[data-figures=participation] [data-figure=${name}]`);
    await expect.poll(() => figure('residents').textContent(), { timeout: 20_000 }).toBe('11');
    expect(await figure('ideas').textContent()).toBe('6');
    expect(await figure('comments').textContent()).toBe('4');
    expect(await figure('ballots').textContent()).toBe('11');
    expect(await figure('excluded').textContent()).toBe('0');
    // Three devices, each with its residents.
    const devices = page.locator('[data-table=devices] tbody tr');
    expect(await devices.count()).toBe(3);
    expect(await page.locator('[data-device=tablet-a-0001] td').first().textContent()).toBe('3');
    expect(await page.locator('[data-device=tablet-b-0002] td').first().textContent()).toBe('3');
    expect(await page.locator('[data-device=tablet-c-0003] td').first().textContent()).toBe('5');
    // Each device by the name it was given in the session, else "Tablet" and the start of its id.
    expect(await page.locator('[data-device=tablet-a-0001] th').textContent()).toBe('Tablet 1 (blue case)');
    expect(await page.locator('[data-device=tablet-b-0002] th').textContent()).toBe('Tablet tabl');
    await page.screenshot({ path: '/tmp/officer-area.png' });
    // Small counts are never shown.
    const ages = page.locator('[data-question=age] tbody');
    expect(await ages.textContent()).not.toMatch(/\b[1-4]\b/);
    expect(await ages.getByText('fewer than 5').count()).toBeGreaterThanOrEqual(3);

    // Spring opens under its default rule, MES, counted in the officer view's worker: the funded ideas are
    // those the domain's MES gives for the same document (MES itself is checked against real elections in
    // test/unit/counting), and "Counting…" gives way to the money spent.
    const springResults = page.locator(`[data-results="${spring.sessionId}"]`);
    const mes = sessionResults(viewSession(spring.doc)!, 'mes');
    expect(mes.selected.length).toBeGreaterThan(0);
    await expect
      .poll(() => springResults.getAttribute('data-results-state'), { timeout: 20_000 })
      .toBe('ready');
    expect(workers.some((w) => w.includes('fundingWorker'))).toBe(true);
    for (const r of mes.rows) {
      expect(
        await springResults
          .locator(`tr[data-proposal="${r.proposalId}"] [data-funded]`)
          .getAttribute('data-funded'),
      ).toBe(String(r.funded));
    }
    expect(await springResults.locator('[data-figure=spent]').textContent()).toMatch(
      new RegExp(`^${mes.selected.length} proposals? funded: `),
    );

    // Spring under greedy: the youth club and the benches, £35,000 of £50,000.
    await springResults.getByRole('combobox', { name: 'Counting rule' }).selectOption('greedy');
    const row = (id: string) => springResults.locator(`tr[data-proposal="${id}"]`);
    expect(await row(spring.ideas.youth!).locator('[data-points]').textContent()).toBe('4');
    expect(await row(spring.ideas.benches!).locator('[data-points]').textContent()).toBe('3');
    expect(await row(spring.ideas.garden!).locator('[data-points]').textContent()).toBe('3');
    expect(await row(spring.ideas.lights!).locator('[data-points]').textContent()).toBe('2');
    const funded = async (id: string) => row(id).locator('[data-funded]').getAttribute('data-funded');
    expect(await funded(spring.ideas.youth!)).toBe('true');
    expect(await funded(spring.ideas.benches!)).toBe('true');
    expect(await funded(spring.ideas.garden!)).toBe('false');
    expect(await funded(spring.ideas.lights!)).toBe('false');
    expect(await springResults.locator('[data-figure=spent]').textContent()).toMatch(
      /^2 proposals funded: £35,000 of the £50,000 pot, £15,000 left over\.$/,
    );

    // Autumn (dots) under greedy: the bus shelter (12 dots) is funded, the play area (10) no longer fits.
    const autumnResults = page.locator(`[data-results="${autumn.sessionId}"]`);
    await autumnResults.getByRole('combobox', { name: 'Counting rule' }).selectOption('greedy');
    const autumnRow = (id: string) => autumnResults.locator(`tr[data-proposal="${id}"]`);
    expect(await autumnRow(autumn.ideas.shelter!).locator('[data-points]').textContent()).toBe('12');
    expect(await autumnRow(autumn.ideas.play!).locator('[data-points]').textContent()).toBe('10');
    expect(await autumnRow(autumn.ideas.shelter!).locator('[data-funded]').getAttribute('data-funded')).toBe(
      'true',
    );

    // The youth club's 4 votes, traced: four residents' ballots from tablets A and B.
    const youth = page.locator(`[data-idea="${spring.ideas.youth!}"]`);
    await youth.locator('summary').click();
    const trace = youth.locator('[data-table=trace] tbody tr');
    await trace.first().waitFor();
    expect(await trace.count()).toBe(4);
    const traceText = await youth.locator('[data-table=trace] tbody').textContent();
    // The trace names each ballot's device as the tables above do.
    expect(traceText).toContain('Tablet 1 (blue case)');
    expect(traceText).toContain('Tablet tabl');
    expect(await youth.getByText('Somewhere warm for teenagers').count()).toBe(1);
    // A comment typed on three lines reads on three lines, as the resident wrote it.
    expect(await youth.locator('blockquote', { hasText: 'Somewhere warm' }).innerText()).toBe(
      THREE_LINE_COMMENT,
    );
    await expectAccessible(page);

    await youth.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/officer-idea.png' });

    // "You said, we did": the officer records the youth club as funded; it reaches the council server.
    const decision = youth.getByRole('form', { name: 'Youth club', exact: true });
    await decision.getByRole('radio', { name: 'Funded', exact: true }).check();
    await decision.getByLabel('Amount funded').fill('28000');
    await decision.getByRole('button', { name: 'Save status: Youth club' }).click();
    await expect.poll(() => decision.getByRole('status').textContent()).toBe('Saved');
    await expect.poll(() => youth.locator('[data-status]').getAttribute('data-status')).toBe('funded');
    const check = connect(`ws://127.0.0.1:${app.server.port}/sync`, spring.sessionId, facilitatorToken);
    try {
      await expect
        .poll(
          () => [
            ...check.doc
              .getMap<{ proposalId: string; status: string; amountPence: number }>('statuses')
              .values(),
          ],
          {
            timeout: 15_000,
          },
        )
        .toEqual([
          expect.objectContaining({
            proposalId: spring.ideas.youth,
            status: 'funded',
            amountPence: 2_800_000,
          }),
        ]);
    } finally {
      check.destroy();
    }

    // The rule's result and the council's decision are two columns with two names. Under "Votes only", which
    // decides no funding, there is no column for the rule's result, and the youth club shows the decision under
    // "Council decision" (it showed "—" under "Funded", beside "Funded: £28,000" in its idea below).
    const ruleSelect = springResults.getByRole('combobox', { name: 'Counting rule' });
    const headers = (): Promise<string[]> =>
      springResults.locator('[data-table=results] thead th').allTextContents();
    await ruleSelect.selectOption('votes');
    const votesHeaders = await headers();
    expect(votesHeaders).toContain('Council decision');
    expect(votesHeaders).not.toContain('Result under this rule');
    expect(votesHeaders.filter((h) => /fund/i.test(h))).toEqual([]);
    expect(new Set(votesHeaders).size).toBe(votesHeaders.length);
    expect(await row(spring.ideas.youth!).locator('[data-funded]').count()).toBe(0);
    expect(await row(spring.ideas.youth!).locator('[data-decision]').textContent()).toBe('Funded: £28,000');
    expect(await row(spring.ideas.youth!).textContent()).not.toContain('—');
    expect(await row(spring.ideas.garden!).locator('[data-decision]').textContent()).toBe('No decision yet');
    await expectAccessible(page);
    // Under greedy: both, each under its own name.
    await ruleSelect.selectOption('greedy');
    const greedyHeaders = await headers();
    expect(greedyHeaders.slice(-2)).toEqual(['Result under this rule', 'Council decision']);
    expect(await row(spring.ideas.youth!).locator('[data-funded]').textContent()).toBe('Funded');
    expect(await row(spring.ideas.garden!).locator('[data-funded]').textContent()).toBe('Not funded');
    expect(await row(spring.ideas.youth!).locator('[data-decision]').textContent()).toBe('Funded: £28,000');

    // On a narrow screen the results table scrolls in its own box: a named region a keyboard can reach (axe's
    // scrollable-region-focusable found it out of reach at 768 px), and the page itself never scrolls sideways.
    const size = page.viewportSize()!;
    await page.setViewportSize({ width: 640, height: 1024 });
    try {
      const box = springResults.locator('.scroll-region:has([data-table=results])');
      await expect.poll(() => box.evaluate((el) => el.scrollWidth > el.clientWidth + 1)).toBe(true);
      await expect.poll(() => box.getAttribute('tabindex')).toBe('0');
      expect(await box.getAttribute('role')).toBe('region');
      expect(await box.getAttribute('aria-label')).toBe(
        await springResults.locator('[data-table=results] caption').textContent(),
      );
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await expectAccessible(page);
    } finally {
      await page.setViewportSize(size);
    }

    // Every export of the spring session, read back.
    const exports = page.locator(`[data-session="${spring.sessionId}"]`);
    const results = await download(page, () => exports.locator('[data-export=results]').click());
    expect(results.name).toBe('ashfield-north-2026-04-18-results-greedy.csv');
    expect(results.text.charCodeAt(0)).toBe(0xfeff);
    const resultRows = parseCsv(results.text);
    const header = resultRows[0]!;
    const byTitle = new Map(resultRows.slice(1).map((r) => [r[header.indexOf('title')], r]));
    expect(byTitle.get('Youth club')?.[header.indexOf('points')]).toBe('4');
    expect(byTitle.get('Youth club')?.[header.indexOf('funded')]).toBe('yes');
    expect(byTitle.get('Community garden')?.[header.indexOf('funded')]).toBe('no');

    const ballots = await download(page, () => exports.locator('[data-export=ballots]').click());
    // One row per (ballot, idea it gives points to): 2 + 2 + 2 + 1 + 3 + 2, from 6 residents.
    const ballotRows = parseCsv(ballots.text);
    expect(ballotRows.length - 1).toBe(12);
    expect(new Set(ballotRows.slice(1).map((r) => r[ballotRows[0]!.indexOf('participant_id')])).size).toBe(6);

    const json = await download(page, () => exports.locator('[data-export=json]').click());
    const parsed = JSON.parse(json.text) as {
      format: string;
      participation: { residents: number };
      comments: { text: string }[];
      proposals: {
        id: string;
        participantId: string | null;
        decision: { status: string; amountPence: number };
      }[];
    };
    expect(parsed.format).toBe('neighbourhood-codesign-results');
    expect(parsed.participation.residents).toBe(6);
    // Formula text stays as typed in JSON (only CSV neutralises it).
    expect(parsed.comments.map((c) => c.text)).toContain('=HYPERLINK("http://evil.example")');
    // "You said, we did": the decision just recorded is in the council's file.
    expect(parsed.proposals.find((p) => p.id === spring.ideas.youth)?.decision).toMatchObject({
      status: 'funded',
      amountPence: 2_800_000,
    });

    const pb = await download(page, () => exports.locator('[data-export=pb]').click());
    expect(pb.name).toBe('ashfield-north-2026-04-18-greedy.pb');
    const election = parsePabulib(pb.text);
    expect(election.voters.length).toBe(6);
    expect(election.projects.length).toBe(4);

    // For publishing: the same buttons make open data, named so, with no participant or device id in them.
    await exports.locator('[data-audience=publishing]').check();
    expect(await exports.locator('[data-export=report]').count()).toBe(0);
    await expectAccessible(page);
    const openJson = await download(page, () => exports.locator('[data-export=json]').click());
    expect(openJson.name).toBe('ashfield-north-2026-04-18-results-for-publishing.json');
    const openBallots = await download(page, () => exports.locator('[data-export=ballots]').click());
    expect(openBallots.name).toBe('ashfield-north-2026-04-18-ballots-for-publishing.csv');
    const residents = new Set(ballotRows.slice(1).map((r) => r[ballotRows[0]!.indexOf('participant_id')]!));
    const tablets = new Set(ballotRows.slice(1).map((r) => r[ballotRows[0]!.indexOf('device_id')]!));
    expect(residents.size).toBe(6);
    for (const text of [openJson.text, openBallots.text])
      for (const id of [...residents, ...tablets]) expect(text).not.toContain(id);
    const open = JSON.parse(openJson.text) as { audience: string; proposals: { id: string }[] };
    expect(open.audience).toBe('publishing');
    expect(open.proposals.map((p) => p.id)).toEqual(parsed.proposals.map((p) => p.id));
    await exports.locator('[data-audience=council]').check();

    // The printable report.
    await exports.locator('[data-export=report]').click();
    await page.getByRole('button', { name: 'Print or save as PDF' }).waitFor();
    await page.getByRole('heading', { level: 1, name: SPRING }).waitFor();
    await expectAccessible(page);
    // The report names the devices as the officer view does.
    const byTablet = page.getByRole('table', { name: 'By device' });
    expect(await byTablet.locator('tbody th').allTextContents()).toEqual([
      'Tablet 1 (blue case)',
      'Tablet tabl',
    ]);
    // The residents' comments keep their line breaks in the report too.
    expect(
      await page.locator('.report__comments blockquote', { hasText: 'Somewhere warm' }).innerText(),
    ).toBe(THREE_LINE_COMMENT);
    // "You said, we did": the decision recorded above, with its amount.
    const decisions = page.getByRole('table', { name: 'What became of each proposal' });
    expect(await decisions.locator('tbody th').allTextContents()).toEqual(['Youth club']);
    expect(await decisions.locator('tbody td').first().textContent()).toBe('Funded');
    expect(await decisions.locator('tbody td').nth(1).textContent()).toBe('£28,000');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(false);
    await page.screenshot({ path: '/tmp/officer-report-print.png', fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    expect(officer.errors).toEqual([]);
  }, 120_000);

  it('Given a browser without workers, when the officer opens a session under MES, then it is counted in the page and the same ideas are funded', async () => {
    // The same enrolled officer device (its IndexedDB), in a tab where Worker does not exist.
    const page = await officer.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await page.addInitScript(() => {
      delete (window as { Worker?: unknown }).Worker;
    });
    try {
      await page.goto(`${app.url}#/officer/session/${spring.sessionId}`);
      const results = page.locator(`[data-results="${spring.sessionId}"]`);
      await expect.poll(() => results.getAttribute('data-results-state'), { timeout: 20_000 }).toBe('ready');
      const mes = sessionResults(viewSession(spring.doc)!, 'mes');
      const funded = await results
        .locator('tr[data-proposal]')
        .evaluateAll((rows) =>
          rows
            .filter((r) => r.querySelector('[data-funded="true"]'))
            .map((r) => r.getAttribute('data-proposal')),
        );
      expect(new Set(funded)).toEqual(new Set(mes.selected));
      expect(workers).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('Given a facilitator’s device, when it opens the officer view, then it is told the view is for officers', async () => {
    const tablet = await newTablet(app.browser);
    try {
      await tablet.page.goto(`${app.url}#/officer`);
      await tablet.page.getByRole('alert').waitFor();
      expect(await tablet.page.getByRole('alert').textContent()).toMatch(/Enrol this device as an officer/);
      await expectAccessible(tablet.page);
    } finally {
      await tablet.context.close();
    }
  });
});
