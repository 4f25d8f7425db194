/**
 * `npm run bench`: builds what it needs, measures every figure beside its baseline from this same run, prints
 * a table and writes bench-results/latest.json. Goals are reported, not enforced: the exit code is 0 unless a
 * measurement crashed.
 *
 * BENCH_DIST=<dir> measures that build instead of dist/ (e.g. one made with `npx vite build --outDir <dir>`).
 * BENCH_ONLY=<a,b> runs only the groups whose number or name contains one of the words (e.g. `languages`, `5`);
 * a group that needs another's output (3, 4 and 6 need 2; 5 needs 1; 9 needs 8) needs it selected too (15 builds
 * the day itself when 2 is not chosen). Such a run writes bench-results/only-<words>.json, leaving latest.json to
 * whole runs.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { nodeFigures } from './node';
import { sessionFileFigures } from './sessionFiles';
import { dayBurstFigures, holdFigures, syncFigures } from './syncServer';
import { bigSyncFigures } from './bigSync';
import { firstScreenFigures, storageFigures } from './browser';
import { buildBaselinePage, initialJs } from './bundle';
import { check, round, type CheckedRow, type Row } from './stats';
import { compactionFigures } from './compaction';
import { archiveLookupFigures } from './archiveLookups';
import { buildWorkshopDay, type WorkshopDay } from './workshopDay';
import { forintMesFigures, tallyFigures } from './tally';
import { resultsViewFigures } from './resultsView';
import { languageFigures } from './languages';
import { cameraTransferFigures } from './cameraTransfer';
import { CHROMIUM } from '../e2e/support/browser';

const ROOT = resolve(import.meta.dirname, '../..');
const APP_DIST = resolve(process.env.BENCH_DIST || join(ROOT, 'dist'));
const ONLY = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((word) => word.trim().toLowerCase())
  .filter(Boolean);
const OUT_FILE = join(
  ROOT,
  'bench-results',
  ONLY.length > 0 ? `only-${ONLY.join('-').replace(/[^\w-]/g, '_')}.json` : 'latest.json',
);

const started = performance.now();
const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const log = (message: string): void => console.log(`[bench ${elapsed()}] ${message}`);

function quiet(cmd: string, args: string[]): string | null {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

const rows: Row[] = [];
const details: Record<string, unknown> = {};
const failures: { group: string; error: string }[] = [];

async function group(name: string, fn: () => Promise<void>): Promise<void> {
  const number = /^(\d+)\./.exec(name)?.[1];
  const isChosen = (word: string): boolean =>
    /^\d+$/.test(word) ? word === number : name.toLowerCase().includes(word);
  if (ONLY.length > 0 && !ONLY.some(isChosen)) return;
  log(`${name}…`);
  try {
    await fn();
  } catch (e) {
    const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
    failures.push({ group: name, error });
    console.error(`[bench] ${name} FAILED: ${error}`);
  }
}

const baselineDist = mkdtempSync(join(tmpdir(), 'codesign-bench-floor-'));
// Others may rebuild dist/ while this runs: figures 1, 5 and 10 use one snapshot of it (snapshotApp).
const appDist = mkdtempSync(join(tmpdir(), 'codesign-bench-dist-'));
let floorBuilt = false;
let day: WorkshopDay | null = null;

/** Copies the build into appDist once, the first time a group needs it. */
function snapshotApp(): void {
  if (existsSync(join(appDist, 'index.html'))) return;
  if (!existsSync(join(APP_DIST, 'index.html')))
    throw new Error(`No ${join(APP_DIST, 'index.html')}: run \`npm run build\` first.`);
  cpSync(APP_DIST, appDist, { recursive: true });
}

await group('1. initial JavaScript (gzip)', async () => {
  snapshotApp();
  const app = initialJs(appDist);
  await buildBaselinePage(baselineDist);
  floorBuilt = true;
  const floor = initialJs(baselineDist);
  const kb = (b: number): number => round(b / 1000, 1);
  rows.push({
    id: 'bundle.initialJs',
    figure: `Initial JS of the built app, gzip -9 (${app.files.length} file${app.files.length === 1 ? '' : 's'})`,
    unit: 'KB',
    value: kb(app.gzipBytes),
    baseline: kb(floor.gzipBytes),
    baselineLabel: 'bare page: preact, dexie, yjs, y-indexeddb, workbox-window',
    goal: { max: 90 },
    samples: 1,
    note: `ours above the floor: ${kb(app.gzipBytes - floor.gzipBytes)} KB gzip; raw ${kb(app.rawBytes)} vs ${kb(floor.rawBytes)} KB`,
  });
  details.bundle = { app, floor };
});

await group('2. workshop day document', () => {
  day = buildWorkshopDay();
  log(
    `built ${day.counts.participants} participants' records on 30 docs in ${round(day.buildMs / 1000, 1)} s`,
  );
  return Promise.resolve();
});

await group('3. reopen in Node', async () => {
  if (!day) throw new Error('No workshop day document.');
  const result = await nodeFigures(day);
  rows.push(...result.rows);
  details.node = result.details;
});

await group('4. storage in Chromium', async () => {
  if (!day) throw new Error('No workshop day document.');
  const result = await storageFigures(day.update);
  rows.push(...result.rows);
  details.storage = result.details;
});

await group('5. first usable screen in Chromium', async () => {
  if (!floorBuilt) throw new Error('The bare page was not built (figure 1 failed).');
  const result = await firstScreenFigures(appDist, baselineDist);
  rows.push(...result.rows);
  details.firstScreen = result.details;
});

await group('6. session files: import 30 tablets, file size', async () => {
  if (!day) throw new Error('No workshop day document.');
  const result = await sessionFileFigures(day);
  rows.push(...result.rows);
  details.sessionFiles = result.details;
});

await group('7. 200 devices syncing at once against one server', async () => {
  const result = await syncFigures();
  rows.push(...result.rows);
  details.sync = result.details;
});

let tallyBudget: Uint8Array | null = null;
await group('8. tally 10,000 ballots over 300 proposals under every rule', () => {
  const result = tallyFigures();
  rows.push(...result.rows);
  details.tally = result.details;
  tallyBudget = result.budgetUpdate;
  return Promise.resolve();
});

await group('9. the officer results view for that budget session, 4x CPU throttle', async () => {
  if (!tallyBudget) throw new Error('Group 8 did not build the budget session.');
  const result = await resultsViewFigures(tallyBudget);
  rows.push(...result.rows);
  details.resultsView = result.details;
});

await group(
  '10. languages: catalogue and font sizes, first kiosk screen in Urdu against English',
  async () => {
    snapshotApp();
    const result = await languageFigures(appDist);
    rows.push(...result.rows);
    details.languages = result.details;
  },
);

await group('11. MES on forint budgets: Budapest 2024 and Józsefváros, jumping against stepping', () => {
  const result = forintMesFigures();
  rows.push(...result.rows);
  details.mesForint = result.details;
  return Promise.resolve();
});

await group('12. first sync of a 50 MB session from the app, in parts (time, peak memory)', async () => {
  const result = await bigSyncFigures();
  rows.push(...result.rows);
  details.bigSync = result.details;
});

await group(
  '13. one connection: 5,000 back-to-back updates; health while a device floods held updates',
  async () => {
    const result = await holdFigures();
    rows.push(...result.rows);
    details.hold = result.details;
  },
);

await group('14. a session after 100,000 small updates: load and disk, compacted against every row', () => {
  const result = compactionFigures();
  rows.push(...result.rows);
  details.compaction = result.details;
  return Promise.resolve();
});

await group(
  '15. 200 and 1,000 devices connecting at once to 20 day-sized sessions (p95, peak memory, health p99)',
  async () => {
    // The workshop day from group 2, or built here when that group was not chosen.
    day ??= buildWorkshopDay();
    details.dayBurst = [];
    // New devices (the issue's figure), then the council office's case: tablets that synced the day before,
    // also with each session's archive holding the day's 3,000 small rows (not compacted: the server restarted).
    const runs = [
      { devices: 200, holding: false },
      { devices: 1000, holding: false },
      { devices: 1000, holding: true },
      { devices: 1000, holding: true, archiveRows: 3000 },
    ];
    for (const { devices, holding, archiveRows } of runs) {
      const result = await dayBurstFigures(day.update, { devices, sessions: 20, holding, archiveRows });
      rows.push(...result.rows);
      (details.dayBurst as unknown[]).push(result.details);
    }
  },
);

await group(
  "16. one tablet's morning by camera between two Chromium pages (fake camera, real time)",
  async () => {
    snapshotApp();
    const result = await cameraTransferFigures(appDist);
    rows.push(...result.rows);
    details.cameraTransfer = result.details;
  },
);

await group("17. a sign-in's and the session list's archive lookups on a busy archive (200,000 rows)", () => {
  const result = archiveLookupFigures();
  rows.push(...result.rows);
  details.archiveLookups = result.details;
  return Promise.resolve();
});

rmSync(baselineDist, { recursive: true, force: true });
rmSync(appDist, { recursive: true, force: true });

// ---------------------------------------------------------------------------------------------------------------

const checked: CheckedRow[] = rows.map(check);

function fmt(value: number | null, unit = ''): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return `${value.toLocaleString('en-GB', { maximumFractionDigits: 1 })}${unit ? ` ${unit}` : ''}`;
}

function printTable(): void {
  const header = ['#', 'Figure', 'Value', 'Baseline', 'Ratio', 'Goal', 'Result'];
  const body = checked.map((r, i) => [
    String(i + 1),
    r.figure,
    fmt(r.value, r.unit),
    fmt(r.baseline, r.unit),
    r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`,
    r.goalText,
    r.pass === null ? 'n/a' : r.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => row[c]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) => (c >= 2 && c <= 4 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join(' │ ');
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  console.log();
  console.log(line(header));
  console.log(rule);
  for (const row of body) console.log(line(row));
  console.log();
  checked.forEach((r, i) => {
    console.log(
      `${i + 1}. baseline: ${r.baselineLabel}${r.note ? `; ${r.note}` : ''} (${r.samples} sample${r.samples === 1 ? '' : 's'})`,
    );
  });
  console.log('KB = 1,000 bytes, MB = 1,000,000 bytes. Goals are reported, not enforced.');
}

const machine = {
  node: process.version,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  cpuCount: cpus().length,
  memoryGB: round(totalmem() / 1e9, 1),
  platform: `${process.platform} ${release()}`,
  chromium: quiet(CHROMIUM, ['--version']),
};
const report = {
  date: new Date().toISOString(),
  gitCommit: quiet('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']),
  durationSeconds: round((performance.now() - started) / 1000, 1),
  machine,
  rows: checked,
  failures,
  details,
};

printTable();
mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
writeFileSync(OUT_FILE, `${JSON.stringify(report, null, 2)}\n`);
console.log(
  `\nWrote ${OUT_FILE} (${report.durationSeconds} s, ${machine.cpuModel} × ${machine.cpuCount}, Node ${machine.node}).`,
);

if (failures.length > 0) {
  console.error(`\n${failures.length} figure group(s) crashed: ${failures.map((f) => f.group).join(', ')}`);
  process.exitCode = 1;
}
