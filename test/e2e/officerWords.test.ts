/**
 * One figure, one name: the officer screen's results table, the results chart (its bars and its table) and the
 * printed report call each column and figure by the same words, under every counting rule of every priority
 * method, and so do the participation figures and the money map's columns. A walk found the screen's "Idea",
 * "Votes" and "Residents supporting" printed as "Proposal", "Points" and "Residents who chose it", the bars
 * reading "4 points" beside an idea summed up as "4 votes", "Residents" on screen printed as "Residents who took
 * part", and "By device" printed as "By tablet".
 *
 * Against the real server with three seeded sessions: spring (budget: votes, greedy, MES), autumn (dots: votes,
 * greedy) and summer (ranking: votes, greedy, Borda), seeded in test/e2e/support/neighbourhood.ts.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rulesFor, defaultRule, type RuleName } from '../../src/domain/results/results';
import type { MethodKind } from '../../src/domain/types';
import { seedAutumn, seedSpring, seedSummer, type SeededSession } from './support/neighbourhood';
import { enrolOfficer, syncToCouncil } from './support/officer';
import { useBrowserAndCouncil } from './support/setup';
import { newTablet, type Tablet } from './support/tablet';

const app = useBrowserAndCouncil('codesign-officer-words-');
let officer: Tablet;
const sessions: { kind: MethodKind; seeded: SeededSession }[] = [];

/** What each proposal's figure is called, by method (and Borda by its rule). */
const FIGURE_NAME = { dots: 'Dots', budget: 'Votes', ranking: 'Ranking points', borda: 'Borda score' };
const RUNNING_TOTAL = 'Running total of funded costs';

beforeAll(async () => {
  sessions.push(
    { kind: 'budget', seeded: seedSpring() },
    { kind: 'dots', seeded: seedAutumn() },
    { kind: 'ranking', seeded: seedSummer() },
  );
  await syncToCouncil(
    app,
    sessions.map((s) => s.seeded),
  );
  officer = await newTablet(app.browser);
  await enrolOfficer(officer.page, app);
}, 60_000);

afterAll(async () => {
  await officer?.context.close();
});

const texts = (cells: Locator): Promise<string[]> =>
  cells.evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));

/** Headings of a table's columns. */
const columns = (table: Locator): Promise<string[]> => texts(table.locator('thead th'));

/** Names in `these` that `those` does not use. */
const notIn = (these: string[], those: string[]): string[] => these.filter((h) => !those.includes(h));

interface ScreenWords {
  table: string[];
  chartTable: string[];
  /** The first bar's figures ("£30,000 · 4 votes · Funded") and the same proposal's summary ("4 votes · …"). */
  barValue: string;
  ideaSummary: string;
  spent: string;
}

async function screenUnder(page: Page, sessionId: string, rule: RuleName): Promise<ScreenWords> {
  const results = page.locator(`[data-results="${sessionId}"]`);
  await results.getByRole('combobox', { name: 'Counting rule' }).selectOption(rule);
  await expect.poll(() => results.getAttribute('data-results-state'), { timeout: 20_000 }).toBe('ready');
  const chart = results.getByRole('figure');
  const toggle = chart.locator('.chart__toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const first = (await results
    .locator('[data-table=results] tbody tr')
    .first()
    .getAttribute('data-proposal'))!;
  return {
    table: await columns(results.locator('[data-table=results]')),
    chartTable: await columns(chart.getByRole('table')),
    barValue: (await chart.locator('text.chart__value').first().textContent()) ?? '',
    ideaSummary: (await page.locator(`[data-idea="${first}"] .officer-idea__meta`).textContent()) ?? '',
    spent: (await results.locator('[data-figure=spent]').textContent()) ?? '',
  };
}

describe('the officer’s words for each figure', () => {
  it.each([
    ['budget', 0],
    ['dots', 1],
    ['ranking', 2],
  ] as const)(
    'Given a %s session, when the officer reads its results under each rule and prints the report, then every column and figure has one name on screen, on the chart and on paper',
    async (kind, index) => {
      const { page } = officer;
      const { sessionId } = sessions[index]!.seeded;
      await page.goto(`${app.url}#/officer/session/${sessionId}`);
      await page.locator(`[data-results="${sessionId}"]`).waitFor();

      let atDefault: ScreenWords | undefined;
      for (const rule of rulesFor(kind)) {
        const words = await screenUnder(page, sessionId, rule);
        const figure = FIGURE_NAME[rule === 'borda' ? 'borda' : kind];
        // The figure's name, the proposal, its supporters and the rule's result: the chart's table says what
        // the screen's table says (the running total is the chart's own column).
        expect(words.table).toContain(figure);
        expect(words.chartTable).toContain(figure);
        expect(notIn(words.chartTable, [...words.table, RUNNING_TOTAL]), `under ${rule}`).toEqual([]);
        // A bar's figure has the unit the proposal's summary gives it: "4 votes" in both, never "4 points".
        const figureWithUnit = words.ideaSummary.split(' · ')[0]!;
        expect(words.barValue.split(' · '), `under ${rule}`).toContain(figureWithUnit);
        if (rule === defaultRule(kind)) atDefault = words;
      }

      // The participation figures and the money map's columns, as the screen names them.
      const figureNames = await texts(page.locator('[data-figures=participation] dt'));
      const channels = page.locator('[data-table=channels]');
      const screenChannels = {
        caption: (await channels.locator('caption').textContent()) ?? '',
        columns: await columns(channels),
        rows: await texts(channels.locator('tbody th')),
      };
      const devices = page.locator('[data-table=devices]');
      const screenDevices = {
        caption: (await devices.locator('caption').textContent()) ?? '',
        columns: await columns(devices),
      };
      const moneyColumns = await columns(
        page.getByRole('table', { name: 'Public money spent in the neighbourhood each year' }),
      );

      // The report counts under the method's default rule: the same columns, summary line and figure names.
      await page.goto(`${app.url}#/officer/report/${sessionId}`);
      await page.getByRole('button', { name: 'Print or save as PDF' }).waitFor();
      const report = page.locator('article.report');
      const resultsTable = report.getByRole('table', { name: 'Results, every proposal', exact: true });
      await resultsTable.waitFor();
      const printed = await columns(resultsTable);
      expect(printed).toContain(FIGURE_NAME[defaultRule(kind) === 'borda' ? 'borda' : kind]);
      expect(notIn(printed, [...atDefault!.table, RUNNING_TOTAL])).toEqual([]);
      expect(await report.locator('.report__summary').textContent()).toBe(atDefault!.spent);

      // Participation: each figure printed is named as on screen; the screen shows the proposals hidden or
      // merged, the report all put forward (two figures, two names).
      const printedFigures = await texts(
        report.getByRole('table', { name: 'Participation in numbers' }).locator('tbody th'),
      );
      expect(notIn(printedFigures, figureNames)).toEqual([
        'Proposals put forward (hidden and merged ones included)',
      ]);
      const printedChannels = report.getByRole('table', { name: screenChannels.caption, exact: true });
      expect(await columns(printedChannels)).toEqual(screenChannels.columns);
      expect(await texts(printedChannels.locator('tbody th'))).toEqual(screenChannels.rows);
      const printedDevices = report.getByRole('table', { name: screenDevices.caption, exact: true });
      expect(await columns(printedDevices)).toEqual(screenDevices.columns);
      expect(await columns(report.getByRole('table', { name: 'Funding streams' }))).toEqual(moneyColumns);
      expect(officer.errors).toEqual([]);
    },
    120_000,
  );
});
