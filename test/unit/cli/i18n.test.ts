/**
 * `npm run i18n` (src/cli/i18n.ts) as a child process, always on a temporary copy of src/ui/i18n (--dir), never
 * on the repository's files. The copy's Welsh is a made-up complete translation written the way the importer
 * writes (so the round trip can be compared byte for byte), with texts a spreadsheet would run as formulas.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { I18N_DIR, loadEnglish } from '../../../src/cli/i18nCatalogues';
import { BOM } from '../../../src/domain/results/csv';
import { lengthLimit, pluralCategories, PLURAL_CATEGORIES } from '../../../src/ui/i18n/check';
import type { Message, PluralMessage } from '../../../src/ui/i18n/types';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function i18n(...args: string[]): Promise<Outcome> {
  try {
    // node --import tsx is what `npm run` ends in (the tsx command starts such a node): one process per run
    // instead of three (npx, the tsx command, then node).
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/i18n.ts', ...args], {
      cwd: ROOT,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** Every file of a folder, by relative path, as bytes in base64. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = readFileSync(full).toString('base64');
  }
  return out;
}

const WELSH = pluralCategories('cy-GB');
const FORMULAS = ['=HYPERLINK("http://example.com","Cliciwch")', '-1 syniad', "'=dim fformiwla", '@cyfrif'];

/** A made-up Welsh message that passes every rule: "CY " and the English (form). */
function madeUp(message: Message): Message {
  if (typeof message === 'string') return `CY ${message}`;
  const forms: Record<string, string> = message.by ? { by: message.by } : {};
  for (const c of WELSH) forms[c] = `CY ${message[c] ?? message.other}`;
  return forms as PluralMessage;
}

let work: string;
let base: string;
let sheet: string;
let sheetText: string;
/** Keys the tests edit, with their English. */
let plainKey: string;
let placeholderKey: string;
let pluralKey: string;
let byKey: string;
const formulaKeys: string[] = [];

/** A fresh copy of the prepared folder, for one test. */
function copy(name: string): string {
  const dir = path.join(work, name);
  cpSync(base, dir, { recursive: true });
  return dir;
}

type Rows = string[][];
const parse = (text: string): Rows =>
  Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: ',' }).data;
function edited(name: string, change: (rows: Rows, col: (name: string) => number) => void): string {
  const rows = parse(sheetText).filter((r) => r.some((c) => c !== ''));
  const col = (n: string) => rows[0]!.indexOf(n);
  change(rows, col);
  const file = path.join(work, name);
  writeFileSync(file, BOM + Papa.unparse(rows, { newline: '\r\n' }) + '\r\n');
  return file;
}
const rowOf = (rows: Rows, key: string) => rows.find((r) => r[0] === key)!;

describe('npm run i18n (src/cli/i18n.ts) as a child process', { timeout: 300_000 }, () => {
  // Its own timeout: the describe's is for tests only, and vitest's 10 s for a hook was too short for this
  // export on a 2-core machine at load 16 (every test of the file was then skipped).
  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'i18n-cli-'));
    base = path.join(work, 'base');
    cpSync(I18N_DIR, base, { recursive: true });
    const english = await loadEnglish(I18N_DIR);
    for (const file of readdirSync(path.join(base, 'cy')))
      if (file.endsWith('.json') && file !== 'status.json') rmSync(path.join(base, 'cy', file));
    const all = english.flatMap((e) => Object.entries(e.messages));
    plainKey = all.find(([k, m]) => typeof m === 'string' && !m.includes('{') && k.startsWith('kiosk.'))![0];
    placeholderKey = all.find(([, m]) => typeof m === 'string' && /\{\w+\}.*\{\w+\}/.test(m))![0];
    pluralKey = all.find(([, m]) => typeof m !== 'string' && m.other.includes('{count}'))![0];
    byKey = all.find(([k, m]) => typeof m === 'string' && /\{\w+\}/.test(m) && k !== placeholderKey)![0];
    formulaKeys.push(
      ...all
        .filter(([k, m]) => typeof m === 'string' && !m.includes('{') && k !== plainKey)
        .slice(0, FORMULAS.length)
        .map(([k]) => k),
    );
    for (const { part, messages } of english) {
      const out: Record<string, Message> = {};
      for (const [key, message] of Object.entries(messages)) out[key] = madeUp(message);
      for (const [i, key] of formulaKeys.entries()) if (key in out) out[key] = FORMULAS[i]!;
      if (byKey in out) {
        const text = out[byKey] as string;
        const by = /\{(\w+)\}/.exec(text)![1]!;
        out[byKey] = { by, ...Object.fromEntries(WELSH.map((c) => [c, `${text} (${c})`])) } as PluralMessage;
      }
      writeFileSync(path.join(base, 'cy', `${part}.json`), `${JSON.stringify(out, null, 2)}\n`);
    }
    sheet = path.join(work, 'cy.csv');
    const out = await i18n('export', 'cy', '--out', sheet, '--dir', base);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    sheetText = readFileSync(sheet, 'utf8');
  }, 120_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('Given an export, Then it is a BOM UTF-8 CSV, one row per key, plural forms as columns, formulas neutralised', () => {
    expect(sheetText.startsWith(BOM)).toBe(true);
    const rows = parse(sheetText);
    expect(rows[0]).toEqual(['key', 'english', 'text', 'notes', 'by', ...WELSH, 'language']);
    const plural = rowOf(rows, pluralKey);
    expect(plural[2]).toBe('');
    for (const c of WELSH) expect(plural[rows[0]!.indexOf(c)]).toMatch(/^CY /);
    expect(plural[1]).toMatch(/^one: .*\nother: /s);
    expect(plural[3]).toContain('Changes with the number {count}');
    const by = rowOf(rows, byKey);
    expect(by[4]).toMatch(/^\w+$/);
    // Each formula-like text starts with an apostrophe in the file, so a spreadsheet shows it as text.
    for (const [i, key] of formulaKeys.entries()) expect(rowOf(rows, key)[2]).toBe(`'${FORMULAS[i]}`);
  });

  it('Given an unchanged export, When it is imported, Then every file is byte-identical and 0 keys changed', async () => {
    const dir = copy('roundtrip');
    const before = snapshot(dir);
    const out = await i18n('import', sheet, '--dir', dir);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Cymraeg (cy): 0 keys changed; no file needed writing.');
    expect(snapshot(dir)).toEqual(before);
  });

  it('Given a cell and a plural form edited, When imported, Then both are written, keys in English order', async () => {
    const dir = copy('edited');
    const before = snapshot(dir);
    const file = edited('edited.csv', (rows, col) => {
      rowOf(rows, plainKey)[col('text')] = 'Testun newydd';
      const row = rowOf(rows, pluralKey);
      row[col('few')] = `Ychydig ${row[col('few')]}`;
    });
    const out = await i18n('import', file, '--dir', dir);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/2 keys changed \((.+), (.+)\); wrote /);
    const after = snapshot(dir);
    const changedFiles = Object.keys(after).filter((f) => after[f] !== before[f]);
    const english = await loadEnglish(I18N_DIR);
    const partOf = (key: string) => english.find((e) => key in e.messages)!.part;
    expect(changedFiles.sort()).toEqual(
      [...new Set([`cy/${partOf(plainKey)}.json`, `cy/${partOf(pluralKey)}.json`])].sort(),
    );
    const plainPart = JSON.parse(
      readFileSync(path.join(dir, 'cy', `${partOf(plainKey)}.json`), 'utf8'),
    ) as Record<string, Message>;
    expect(plainPart[plainKey]).toBe('Testun newydd');
    expect(Object.keys(plainPart)).toEqual(
      Object.keys(english.find((e) => e.part === partOf(plainKey))!.messages),
    );
    const pluralPart = JSON.parse(
      readFileSync(path.join(dir, 'cy', `${partOf(pluralKey)}.json`), 'utf8'),
    ) as Record<string, PluralMessage>;
    expect(pluralPart[pluralKey]!.few).toMatch(/^Ychydig CY /);
    expect(Object.keys(pluralPart[pluralKey]!)).toEqual(PLURAL_CATEGORIES.filter((c) => WELSH.includes(c)));
    expect(readFileSync(path.join(dir, 'cy', `${partOf(plainKey)}.json`), 'utf8')).toMatch(/^\{\n {2}"/);
  });

  it('Given a cell typed as a formula, When imported, Then it is kept as text, apostrophes and all', async () => {
    const dir = copy('formula');
    const file = edited('formula.csv', (rows, col) => {
      rowOf(rows, plainKey)[col('text')] = "''=1+1";
    });
    const out = await i18n('import', file, '--dir', dir);
    expect(out.code).toBe(0);
    const english = await loadEnglish(I18N_DIR);
    const part = english.find((e) => plainKey in e.messages)!.part;
    const json = JSON.parse(readFileSync(path.join(dir, 'cy', `${part}.json`), 'utf8')) as Record<
      string,
      string
    >;
    expect(json[plainKey]).toBe("'=1+1");
    for (const [i, key] of formulaKeys.entries()) {
      const p = english.find((e) => key in e.messages)!.part;
      const texts = JSON.parse(readFileSync(path.join(dir, 'cy', `${p}.json`), 'utf8')) as Record<
        string,
        string
      >;
      expect(texts[key]).toBe(FORMULAS[i]);
    }
  });

  it('Given a sheet with a mistake of each kind, When imported, Then one line per problem naming row and key, exit 2, nothing changed', async () => {
    const dir = copy('refusals');
    const before = snapshot(dir);
    const rowNumber = (key: string) => parse(sheetText).findIndex((r) => r[0] === key) + 1;
    const total = parse(sheetText).filter((r) => r.some((c) => c !== '')).length;
    const [longKey, emptyKey] = formulaKeys;
    const longLimit = lengthLimit([...rowOf(parse(sheetText), longKey!)[1]!].length);
    const mistakes = edited('mistakes.csv', (rows, col) => {
      const placeholderRow = rowOf(rows, placeholderKey);
      placeholderRow[col('text')] = placeholderRow[col('text')]!.replace(/\{\w+\}/, 'rhywbeth');
      rowOf(rows, pluralKey)[col('many')] = '';
      rowOf(rows, longKey!)[col('text')] = 'a'.repeat(longLimit + 1);
      rowOf(rows, emptyKey!)[col('text')] = '';
      rows.push(['kiosk.noSuchKey', '', 'Helo', '', '', '', '', '', '', '', '', 'cy']);
      rows.push([...rowOf(rows, plainKey)]);
    });
    const noFew = edited('no-few.csv', (rows, col) => {
      const few = col('few');
      for (const row of rows) row.splice(few, 1);
    });
    const otherLanguage = edited('language.csv', (rows, col) => {
      for (const row of rows.slice(1)) row[col('language')] = 'xx';
    });
    const notUtf8 = path.join(work, 'latin1.csv');
    const bytes = Buffer.from(sheetText, 'utf8');
    const at = bytes.indexOf(Buffer.from('\r\n')) + 2;
    writeFileSync(notUtf8, Buffer.concat([bytes.subarray(0, at), Buffer.from([0xe9]), bytes.subarray(at)]));

    const importing = (file: string) => i18n('import', file, '--dir', dir);
    const [many, columns, language, latin1] = await Promise.all([
      importing(mistakes),
      importing(noFew),
      importing(otherLanguage),
      importing(notUtf8),
    ]);
    const lines = (out: Outcome) => {
      expect(out.code).toBe(2);
      expect(out.stdout).toBe('');
      const all = out.stderr.trimEnd().split('\n');
      expect(all.at(-1)).toMatch(
        /^Nothing was changed: fix (this problem|these \d+ problems) in the spreadsheet/,
      );
      return all.slice(0, -1);
    };
    const expected: [number, unknown][] = [
      [
        rowNumber(placeholderKey),
        expect.stringMatching(
          new RegExp(
            `^Row ${rowNumber(placeholderKey)} \\(${escape(placeholderKey)}\\): lacks \\{\\w+\\}: keep every`,
          ),
        ),
      ],
      [
        rowNumber(pluralKey),
        `Row ${rowNumber(pluralKey)} (${pluralKey}): needs the plural form "many" (Cymraeg uses zero, one, two, few, many, other).`,
      ],
      [
        rowNumber(longKey!),
        `Row ${rowNumber(longKey!)} (${longKey}): is ${longLimit + 1} characters long; the limit is ${longLimit} (2.5 times the English, at least the English plus 40), so it would not fit the screen.`,
      ],
      [
        rowNumber(emptyKey!),
        `Row ${rowNumber(emptyKey!)} (${emptyKey}): is not translated: the text is empty, and every text is needed (the app would show English).`,
      ],
      [
        total + 1,
        `Row ${total + 1} (kiosk.noSuchKey): is not a key of the English text (changed or removed there?). Remove the row, or export a fresh file.`,
      ],
      [
        total + 2,
        `Row ${total + 2} (${plainKey}): this key is also on row ${rowNumber(plainKey)}: keep one of the two rows.`,
      ],
    ];
    expect(lines(many)).toEqual(expected.sort((a, b) => a[0] - b[0]).map(([, line]) => line));
    expect(lines(columns)).toContain(
      'The file has no column "few": Cymraeg needs it for plural forms. Export a fresh file and copy your texts into it.',
    );
    expect(lines(language)).toEqual([
      expect.stringMatching(/^The file's language "xx" is not one of the app's languages \(cy, pl, ur, ar/),
    ]);
    expect(lines(latin1)).toEqual([
      expect.stringMatching(/^The file is not UTF-8 text \(the first wrong character is on line 2\)/),
    ]);
    expect(snapshot(dir)).toEqual(before);
  });

  it('Given --status reviewed with a note, Then status.json says so; without a note it is a usage error', async () => {
    const dir = copy('status');
    const [noNote, badStatus] = await Promise.all([
      i18n('import', sheet, '--dir', dir, '--status', 'reviewed'),
      i18n('status', 'cy', '--dir', dir, '--status', 'final', '--note', 'x'),
    ]);
    expect(noNote.code).toBe(2);
    expect(noNote.stderr).toBe('--status needs --note saying who translated or reviewed it, and when.\n');
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toBe('--status must be draft or reviewed, not "final".\n');
    const out = await i18n(
      'import',
      sheet,
      '--dir',
      dir,
      '--status',
      'reviewed',
      '--note',
      'Reviewed by Siân, May 2026',
    );
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('wrote cy/status.json');
    expect(JSON.parse(readFileSync(path.join(dir, 'cy', 'status.json'), 'utf8'))).toEqual({
      status: 'reviewed',
      note: 'Reviewed by Siân, May 2026',
    });
    const shown = await i18n('status', 'cy', '--dir', dir);
    expect(shown.stdout).toBe('Cymraeg (cy): reviewed. Reviewed by Siân, May 2026\n');
  });

  it('Given wrong usage, Then one line and exit 2; --help prints the usage', async () => {
    const [unknownCommand, unknownLanguage, missingFile, english, help] = await Promise.all([
      i18n('translate', 'cy'),
      i18n('export', 'xx', '--dir', base),
      i18n('import', path.join(work, 'no-such.csv'), '--dir', base),
      i18n('export', 'en', '--dir', base),
      i18n('--help'),
    ]);
    for (const out of [unknownCommand, unknownLanguage, missingFile, english]) {
      expect(out.code).toBe(2);
      expect(out.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    expect(unknownCommand.stderr).toContain('"translate" is not a command');
    expect(unknownLanguage.stderr).toContain(`"xx" is not one of the app's languages (cy, pl, ur, ar`);
    expect(missingFile.stderr).toContain('no-such.csv (ENOENT)');
    expect(english.stderr).toContain('English is the source');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('npm run i18n -- export <language>');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
