/**
 * src/cli/tallyStart.mjs, what `npm run tally` starts: it runs src/cli/tally.ts from a bundle it makes on first
 * use and makes again when a source changes, and falls back to tsx when it cannot make one. Always on a copy of
 * the launcher in a temporary tree whose src/cli/tally.ts is a small stand-in (it prints a word from a module it
 * imports, which has a type annotation: plain node could not run it), never on the repository's cache. The
 * tree's node_modules links to the repository's esbuild and tsx (or to tsx alone: no esbuild).
 */
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');
const trees: string[] = [];

afterAll(() => {
  for (const dir of trees) rmSync(dir, { recursive: true, force: true });
});

/** A repository-shaped tree with the real launcher, a stand-in tally.ts, and node_modules linking `packages`. */
function tree(packages: readonly string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-start-'));
  trees.push(dir);
  mkdirSync(path.join(dir, 'src/cli'), { recursive: true });
  mkdirSync(path.join(dir, 'node_modules'));
  copyFileSync(path.join(ROOT, 'src/cli/tallyStart.mjs'), path.join(dir, 'src/cli/tallyStart.mjs'));
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n'); // as the repository's
  writeFileSync(
    path.join(dir, 'src/cli/tally.ts'),
    "import { word } from './word';\nprocess.stdout.write(`${word} ${process.argv.slice(2).join(' ')}\\n`);\n",
  );
  setWord(dir, 'one');
  for (const name of packages) {
    symlinkSync(path.join(ROOT, 'node_modules', name), path.join(dir, 'node_modules', name), 'dir');
  }
  return dir;
}

function setWord(dir: string, word: string): void {
  writeFileSync(path.join(dir, 'src/cli/word.ts'), `export const word: string = '${word}';\n`);
}

/** `npm run tally -- <args>` in the tree, as package.json's script runs it; what it printed and how it went. */
async function start(dir: string, ...args: string[]): Promise<{ stdout: string; how: string }> {
  const { stdout, stderr } = await run(
    process.execPath,
    ['--max-semi-space-size=32', 'src/cli/tallyStart.mjs', ...args],
    { cwd: dir, env: { ...process.env, TALLY_START_LOG: '1' } },
  );
  const how = /^tally start: (.*)$/m.exec(stderr)?.[1] ?? `(no log line) ${stderr}`;
  return { stdout, how };
}

const bundles = (dir: string): string[] =>
  readdirSync(path.join(dir, 'node_modules/.cache/tally')).filter((f) => f.endsWith('.mjs'));

describe(
  'npm run tally starts from a bundle of the sources (src/cli/tallyStart.mjs)',
  { timeout: 60_000 },
  () => {
    it.concurrent(
      'Given a fresh clone, When tally runs twice, Then the first run bundles the sources and the second reuses the bundle',
      async () => {
        const dir = tree(['esbuild', 'tsx']);
        const first = await start(dir, 'a.pb', '--rule', 'mes');
        expect(first).toEqual({ stdout: 'one a.pb --rule mes\n', how: 'bundle built' });
        expect(bundles(dir)).toHaveLength(1);
        const second = await start(dir, 'b.pb');
        expect(second).toEqual({ stdout: 'one b.pb\n', how: 'bundle reused' });
      },
    );

    it.concurrent(
      'Given a bundle, When a module the CLI imports changes, Then the next run bundles again and runs the new code',
      async () => {
        const dir = tree(['esbuild', 'tsx']);
        expect((await start(dir)).stdout).toBe('one \n');
        setWord(dir, 'two');
        expect(await start(dir)).toEqual({ stdout: 'two \n', how: 'bundle built' });
        expect(await start(dir)).toEqual({ stdout: 'two \n', how: 'bundle reused' });
      },
    );

    it.concurrent('Given the bundle was deleted, When tally runs, Then it bundles again', async () => {
      const dir = tree(['esbuild', 'tsx']);
      await start(dir);
      for (const f of bundles(dir)) rmSync(path.join(dir, 'node_modules/.cache/tally', f));
      expect(await start(dir)).toEqual({ stdout: 'one \n', how: 'bundle built' });
    });

    it.concurrent(
      'Given no esbuild, When tally runs, Then it counts through tsx as before and saves no bundle',
      async () => {
        const dir = tree(['tsx']);
        const out = await start(dir, 'x.pb');
        expect(out.stdout).toBe('one x.pb\n');
        expect(out.how).toMatch(/^tsx: /);
        expect(existsSync(path.join(dir, 'node_modules/.cache'))).toBe(false);
      },
    );

    it.concurrent(
      'Given a source esbuild cannot read, When tally runs, Then tsx runs it and reports the error with exit code 1',
      async () => {
        const dir = tree(['esbuild', 'tsx']);
        writeFileSync(path.join(dir, 'src/cli/word.ts'), 'export const word: string = ;\n');
        const failed = await start(dir).then(
          () => undefined,
          (err: unknown) => err as { code?: number; stderr?: string },
        );
        expect(failed?.code).toBe(1);
        expect(failed?.stderr).toContain('tally start: tsx: ');
        expect(failed?.stderr).toContain('word.ts');
      },
    );
  },
);
