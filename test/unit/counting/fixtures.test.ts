import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ALL_FIXTURES,
  FIXTURES,
  HARD_CASES,
  HARD_CASES_DIR,
  PABULIB_DIR,
  fixturePath,
  hardCasePath,
  type HardCaseName,
} from './fixtures';

/** git's blob id of a file's bytes: what `git hash-object FILE` prints. */
function gitBlob(bytes: Buffer): string {
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]))
    .digest('hex');
}

describe('the pabulib elections the counting tests read', () => {
  it('Given a clone with nothing beside it, then every election is inside the repo, byte for byte as published', () => {
    expect(PABULIB_DIR).toBe(path.resolve(import.meta.dirname, '../../fixtures/pabulib'));
    const readme = readFileSync(path.join(PABULIB_DIR, 'README.md'), 'utf8');
    for (const name of ALL_FIXTURES) {
      const blob = gitBlob(readFileSync(fixturePath(name)));
      expect(readme, FIXTURES[name]).toContain(`| \`${FIXTURES[name]}\` | \`${blob}\` |`);
    }
  });

  it('Given the hard cases, then each is inside the repo byte for byte, its blob in hard-cases/README.md', () => {
    const readme = readFileSync(path.join(HARD_CASES_DIR, 'README.md'), 'utf8');
    for (const name of Object.keys(HARD_CASES) as HardCaseName[]) {
      const blob = gitBlob(readFileSync(hardCasePath(name)));
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${HARD_CASES[name]}\` |`));
      expect(row, HARD_CASES[name]).toContain(`\`${blob}\``);
    }
  });
});
