/**
 * Figure 9: rendering the officer's results view (src/ui/officer/SessionSection.tsx, counting under the
 * session's default rule included) for the tally bench's budget session of 10,000 ballots over 300 proposals,
 * in Chromium at 4x CPU throttling. Baseline from the same page and throttle: a plain table of the same 300 rows
 * written with innerHTML (no counting, no components). Renders alternate (baseline, app, baseline, app…) so a
 * busy moment on this shared machine lands on both sides. Goal (issue 4): under 200 ms.
 */
import preact from '@preact/preset-vite';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { startServer } from '../../src/server/app';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/support/browser';
import { CPU_THROTTLE } from './browser';
import type { RuleName } from '../../src/domain/results/results';
import type { ResultsBenchApi } from './results-page/main';
import { median, round, type Row } from './stats';

const PAGE_DIR = resolve(import.meta.dirname, 'results-page');
const DOC_FILE = 'tally-budget.bin';

type BenchWindow = Window & { bench: ResultsBenchApi };

export interface ResultsViewDetails {
  cpuThrottle: number;
  proposals: number;
  ballots: number;
  appMs: number[];
  votesMs: number[];
  baselineMs: number[];
}

export async function resultsViewFigures(
  update: Uint8Array,
  runs = 7,
  warmups = 2,
): Promise<{ rows: Row[]; details: ResultsViewDetails }> {
  const outDir = mkdtempSync(join(tmpdir(), 'codesign-bench-results-page-'));
  const profile = mkdtempSync(join(tmpdir(), 'codesign-bench-profile-results-'));
  const server = await (async () => {
    await build({
      root: PAGE_DIR,
      configFile: false,
      envDir: false,
      publicDir: false,
      logLevel: 'warn',
      base: '/',
      plugins: [preact()],
      build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false },
    });
    writeFileSync(join(outDir, DOC_FILE), update);
    return startServer({ port: 0, host: '127.0.0.1', distDir: outDir });
  })();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(120_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${server.port}/`);
    await page.waitForFunction(() => (window as Partial<BenchWindow>).bench !== undefined);
    const size = await page.evaluate(
      (url) => (window as unknown as BenchWindow).bench.load(url),
      `/${DOC_FILE}`,
    );
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
    const appMs: number[] = [];
    const votesMs: number[] = [];
    const baselineMs: number[] = [];
    const render = (rule: RuleName): Promise<number> =>
      page.evaluate((r) => (window as unknown as BenchWindow).bench.renderApp(r), rule);
    for (let i = 0; i < warmups + runs; i++) {
      const b = await page.evaluate(() => (window as unknown as BenchWindow).bench.renderBaseline());
      const a = await render('mes');
      const v = await render('votes');
      if (i < warmups) continue;
      baselineMs.push(b);
      appMs.push(a);
      votesMs.push(v);
    }
    if (errors.length > 0) throw new Error(`Results view bench page errors: ${errors.join('; ')}`);
    const rows: Row[] = [
      {
        id: 'resultsView.render',
        figure: `Officer results view, ${size.ballots.toLocaleString('en-GB')} ballots × ${size.proposals} proposals (default rule MES), ${CPU_THROTTLE}x CPU throttle, median`,
        unit: 'ms',
        value: round(median(appMs)),
        baseline: round(median(baselineMs)),
        baselineLabel: 'plain innerHTML table of the same rows, same page and throttle',
        goal: { under: 200 },
        samples: runs,
        note: 'counting included; results chart and table, every idea folded, excluded ballots, the day, paper ballots, exports; with layout',
      },
      {
        id: 'resultsView.renderVotes',
        figure: `The same view under the rule "votes" (no funding decision to count), ${CPU_THROTTLE}x CPU throttle, median`,
        unit: 'ms',
        value: round(median(votesMs)),
        baseline: round(median(baselineMs)),
        baselineLabel: 'plain innerHTML table of the same rows, same page and throttle',
        goal: { under: 200 },
        samples: runs,
        note: 'what the view itself costs: MES is most of the row above (see tally.budget.mes)',
      },
    ];
    return {
      rows,
      details: {
        cpuThrottle: CPU_THROTTLE,
        proposals: size.proposals,
        ballots: size.ballots,
        appMs,
        votesMs,
        baselineMs,
      },
    };
  } finally {
    await context.close().catch(() => undefined);
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}
