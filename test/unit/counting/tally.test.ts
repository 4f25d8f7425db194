import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fixturePath, load, published, sorted } from './fixtures';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function tally(...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'src/cli/tally.ts', ...args], { cwd: ROOT });
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
