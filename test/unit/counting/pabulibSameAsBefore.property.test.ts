// The faster .pb reader (issue 11 §3) reads exactly what the reader before it read: the same rows, the same
// election, the same warnings, and the same refusal (message and line) on every file, real or mangled.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPabulib, readRows } from '../../../src/domain/counting/pabulib';
import { decodePb } from '../../../src/domain/counting/pabulibBytes';
import * as before from './pabulibReference';
import { PROPERTY_BUDGET_MS } from '../helpers/property';

const FIXTURES = 'test/fixtures';

function pbFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pbFiles(path);
    return name.endsWith('.pb') ? [path] : [];
  });
}

/** What a reader made of a text: its answer, or the sentence and line it refused with. */
function outcome<T>(read: () => T): { ok: T } | { refused: string; line: number | undefined } {
  try {
    return { ok: read() };
  } catch (err) {
    if (err instanceof Error && err.name === 'PabulibError') {
      return { refused: err.message, line: (err as { line?: number }).line };
    }
    throw err;
  }
}

function expectSameReading(text: string): void {
  expect(outcome(() => readRows(text))).toStrictEqual(outcome(() => before.readRows(text)));
  expect(outcome(() => readPabulib(text))).toStrictEqual(outcome(() => before.readPabulib(text)));
}

const files = pbFiles(FIXTURES);
const small = files.filter((f) => statSync(f).size < 20_000);

describe('the faster .pb reader', () => {
  it('finds the fixture files to compare', () => {
    // Given the repo's fixtures, Then there are real files among them, big and small, to compare on.
    expect(files.length).toBeGreaterThanOrEqual(14);
    expect(small.length).toBeGreaterThanOrEqual(2);
  });

  it.each(files)('reads %s exactly as the reader before it', (file) => {
    // Given a real pabulib file, When both readers read it, Then rows, election and warnings are the same.
    expectSameReading(decodePb(readFileSync(file)).text);
  });

  it(
    'reads any text of ; " , CR LF and letters exactly as before, refusals included',
    () => {
      const text = fc
        .tuple(
          fc.boolean(),
          fc.string({ unit: fc.constantFrom('a', 'ő', ' ', ';', '"', ',', '\r', '\n', '1'), maxLength: 60 }),
        )
        .map(([bom, t]) => (bom ? `\ufeff${t}` : t));
      fc.assert(
        fc.property(text, (t) => {
          expectSameReading(t);
        }),
        { numRuns: 2000 },
      );
    },
    PROPERTY_BUDGET_MS,
  );

  it(
    'reads small real files with random edits exactly as before, refusals included',
    () => {
      // Given a small real file, When tokens that matter to the reader are inserted, or a stretch is cut out,
      // Then the faster reader gives the same answer or the same refusal as the one before.
      const texts = small.map((f) => decodePb(readFileSync(f)).text);
      const token = fc.constantFrom(
        ';',
        '"',
        '""',
        '\r\n',
        '\n',
        '\r',
        ',',
        ' ',
        'x',
        '1',
        '-5',
        '0x1A',
        'points',
        'META\n',
        'VOTES\n',
      );
      const edit = fc.record({
        at: fc.nat(),
        cut: fc.nat(8),
        insert: fc.array(token, { maxLength: 3 }).map((t) => t.join('')),
      });
      fc.assert(
        fc.property(
          fc.nat(texts.length - 1),
          fc.array(edit, { minLength: 1, maxLength: 4 }),
          (which, edits) => {
            let t = texts[which] as string;
            for (const e of edits) {
              const at = e.at % (t.length + 1);
              t = t.slice(0, at) + e.insert + t.slice(at + e.cut);
            }
            expectSameReading(t);
          },
        ),
        { numRuns: 500 },
      );
    },
    PROPERTY_BUDGET_MS,
  );
});
