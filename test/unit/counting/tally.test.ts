import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { greedy } from '../../../src/domain/counting/greedy';
import { parsePabulib, type PbElection } from '../../../src/domain/counting/pabulib';
import { ALL_FIXTURES, fixturePath, hardCasePath, load, published, sorted } from './fixtures';
import { toWindows1250 } from './windows1250';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** package.json's `tally` script as node's arguments: what `npm run tally` runs, without npm's own start. */
const TALLY_SCRIPT = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts['tally']!.trim()
  .split(/\s+/)
  .slice(1);

async function tally(...args: string[]): Promise<Outcome> {
  try {
    // src/cli/tallyStart.mjs, which runs src/cli/tally.ts from a bundle kept in node_modules/.cache/tally (made
    // by the first of these tests to get there, while the others may be making it too) or through tsx.
    const { stdout, stderr } = await run(process.execPath, [...TALLY_SCRIPT, ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('npm run tally (src/cli/tally.ts) as a child process', { timeout: 60_000 }, () => {
  it.concurrent(
    'greedy --json prints the published winners of Anin 2019, with budget and spent',
    async () => {
      const out = await tally(fixturePath('anin'), '--rule', 'greedy', '--json');
      expect(out.code).toBe(0);
      const json = JSON.parse(out.stdout) as {
        selected: string[];
        budget: number;
        spent: number;
        leftover: number;
      };
      expect(sorted(json.selected)).toEqual(published(load('anin')));
      expect(json.budget).toBe(152813);
      expect(json.leftover).toBe(603);
      expect(json.spent).toBe(152210);
    },
  );

  it.concurrent('mes --json reproduces Assen, and the text form lists ids, costs and names', async () => {
    const [json, text] = await Promise.all([
      tally(fixturePath('assen'), '--rule', 'mes', '--json'),
      tally(fixturePath('czestochowa'), '--rule', 'greedy'),
    ]);
    expect(json.code).toBe(0);
    expect(sorted((JSON.parse(json.stdout) as { selected: string[] }).selected)).toEqual(
      published(load('assen')),
    );
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('greedy by score');
    expect(text.stdout).toMatch(/^ {2}112\t120000\tRemont asfaltowego chodnika/m);
    expect(text.stdout).toContain('Budget 138644, spent 138000, left 644.');
  });

  it.concurrent('bad arguments and unreadable files: a sentence and exit code 2', async () => {
    const [noRule, badRule, missing, notPb] = await Promise.all([
      tally(fixturePath('anin')),
      tally(fixturePath('anin'), '--rule', 'borda'),
      tally('no-such-file.pb', '--rule', 'greedy'),
      tally('package.json', '--rule', 'greedy'),
    ]);
    expect(noRule.code).toBe(2);
    expect(noRule.stderr).toContain('The --rule option is missing');
    expect(badRule.code).toBe(2);
    expect(badRule.stderr).toContain('"borda" is not a rule');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read no-such-file.pb (ENOENT).');
    expect(notPb.code).toBe(2);
    expect(notPb.stderr).toMatch(/package\.json is not a valid \.pb file\. Line 1: the file must start/);
  });
});

/** The CLI options for the rule a file's META names (every rule our real elections use). */
const RULE_OPTIONS: Record<string, string[]> = {
  greedy: ['--rule', 'greedy'],
  'equalshares/add1': ['--rule', 'mes'],
  'equalshares/add1-comparison': ['--rule', 'mes', '--comparison'],
};

/**
 * The published winners: the `selected` column, or, for a file published without one (Grabówka 2020, rule
 * greedy), greedy within the budget by the published `score` (else `votes`) column. Targówek 2020's published
 * winners are not what its META rule gives; greedy.test.ts pins that known deviation, and here the count must
 * show exactly it (1667 funded instead of 1325, 1686, 1903, 2025 and 331).
 */
function publishedWinners(e: PbElection): string[] {
  if (e.meta['district'] === 'Targówek' && e.meta['instance'] === '2020') {
    const official = published(e).filter((id) => !['1325', '1686', '1903', '2025', '331'].includes(id));
    return sorted([...official, '1667']);
  }
  if (e.projectColumns.includes('selected')) return published(e);
  const column = e.projectColumns.includes('score') ? 'score' : 'votes';
  const scores = new Map(e.projects.map((p) => [p.id, Number(p.fields[column])]));
  return sorted(greedy(e.projects, scores, e.budget).selected);
}

// The Budapest hard cases are left out: their META rule is `unknown` and MES on them is the slow case of issue
// 11 §3 (another test's business).
const REAL_ELECTIONS = [
  ...ALL_FIXTURES.map((name) => ({ name, file: fixturePath(name) })),
  { name: 'wola (a ballot names 1040 twice)', file: hardCasePath('wola') },
  { name: 'grabowka (a cell starts with a quoted word)', file: hardCasePath('grabowka') },
];

describe('Given every real election in the repo', { timeout: 180_000 }, () => {
  it.concurrent.each(REAL_ELECTIONS)(
    'When npm run tally counts $name under its META rule, Then it prints the published winners',
    async ({ file }) => {
      const election = parsePabulib(readFileSync(file, 'utf8'));
      const options = RULE_OPTIONS[election.meta['rule'] ?? ''];
      expect(options).toBeDefined();
      const out = await tally(file, ...(options ?? []), '--json');
      expect(out.code).toBe(0);
      const winners = publishedWinners(election);
      expect(winners.length).toBeGreaterThan(0);
      expect(sorted((JSON.parse(out.stdout) as { selected: string[] }).selected)).toEqual(winners);
    },
  );

  it.concurrent(
    'When Wola is counted, Then stderr holds one warning line naming a ballot that repeats a project',
    async () => {
      const out = await tally(hardCasePath('wola'), '--rule', 'greedy');
      expect(out.code).toBe(0);
      expect(out.stderr.trimEnd().split('\n')).toEqual([
        `warning: ${hardCasePath('wola')}: VOTES: 1 ballot names a project more than once (e.g. voter 37051 on line 3096 lists project 1040 more than once); such a project is counted once in that ballot.`,
      ]);
    },
  );
});

describe('Given a file that would be counted wrongly in silence', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-malformed-'));
  const APPROVAL = [
    'META',
    'key;value',
    'num_projects;2',
    'num_votes;2',
    'budget;100',
    'vote_type;approval',
    'PROJECTS',
    'project_id;cost;name',
    'a;40;Benches',
    'b;50;Lights',
    'VOTES',
    'voter_id;vote',
    'v1;a,b',
    'v2;b',
    '',
  ].join('\n');
  const CUMULATIVE = APPROVAL.replace('vote_type;approval', 'vote_type;cumulative')
    .replace('voter_id;vote', 'voter_id;vote;points')
    .replace('v1;a,b', 'v1;a,b;2,3')
    .replace('v2;b', 'v2;b;-5');
  const cases: [string, string, string][] = [
    [
      'an ordinal max_length of "abc"',
      APPROVAL.replace('vote_type;approval', 'vote_type;ordinal\nmax_length;abc'),
      'Line 7: META max_length "abc" is not a whole number of places',
    ],
    ['a budget of -100', APPROVAL.replace('budget;100', 'budget;-100'), 'Line 5: the budget in META is -100'],
    ['a hexadecimal cost', APPROVAL.replace('a;40;', 'a;0x28;'), 'Line 9: the cost of project a "0x28"'],
    [
      'an unknown vote_type',
      APPROVAL.replace('vote_type;approval', 'vote_type;quadratic'),
      'Line 6: META vote_type "quadratic" is not one pabulib knows',
    ],
    ['negative cumulative points', CUMULATIVE, 'Line 14: voter v2 gives -5 to project b'],
  ];
  it.concurrent.each(cases)(
    'When it has %s, Then tally refuses in one line naming the line, with exit code 2',
    async (what, text, message) => {
      const file = path.join(dir, `${what.replace(/\W+/g, '-')}.pb`);
      writeFileSync(file, text);
      const out = await tally(file, '--rule', 'greedy');
      expect(out.code).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(out.stderr).toContain(`${file} is not a valid .pb file. ${message}`);
    },
  );
});

describe('Given a file that is not UTF-8', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-encoding-'));

  it.concurrent(
    'When Anin 2019 is saved as windows-1250, Then tally says so and still prints the published winners',
    async () => {
      const file = path.join(dir, 'anin-cp1250.pb');
      writeFileSync(file, toWindows1250(readFileSync(fixturePath('anin'), 'utf8')));
      const out = await tally(file, '--rule', 'greedy', '--json');
      expect(out.code).toBe(0);
      expect(out.stderr.trimEnd().split('\n')).toEqual([
        `warning: ${file}: the file is not UTF-8 (the byte at offset 535, 0x9c, cannot be UTF-8 there), so it was read as windows-1250: ids and counts are exact, but names may show wrong letters.`,
      ]);
      const json = JSON.parse(out.stdout) as { selected: string[]; warnings: string[] };
      expect(sorted(json.selected)).toEqual(published(load('anin')));
      expect(json.warnings).toHaveLength(1);
    },
  );

  it.concurrent(
    'When two voter ids differ only in a Polish letter, Then they stay two voters (never one id twice)',
    async () => {
      const file = path.join(dir, 'polish-ids.pb');
      const text = [
        'META',
        'key;value',
        'budget;50',
        'vote_type;approval',
        'PROJECTS',
        'project_id;cost',
        'ą;50',
        'ę;50',
        'VOTES',
        'voter_id;vote',
        'ą1;ę',
        'ę1;ę',
        'ś1;ą',
        '',
      ].join('\n');
      writeFileSync(file, toWindows1250(text));
      const out = await tally(file, '--rule', 'greedy', '--json');
      expect(out.code).toBe(0);
      expect(out.stderr).toContain('read as windows-1250');
      expect((JSON.parse(out.stdout) as { selected: string[] }).selected).toEqual(['ę']);
    },
  );
});
