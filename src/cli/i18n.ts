/**
 * `npm run i18n -- <command>`: the translators' spreadsheet workflow (docs/translating.md).
 *
 * - `export <code> [--out file.csv]`: one row per text the language needs (src/cli/i18nSheet.ts has the
 *   columns); without --out the CSV goes to standard output.
 * - `import <file.csv> [--lang <code>] [--status draft|reviewed --note "..."]`: checks the whole file with the
 *   rules of src/ui/i18n/check.ts and either refuses it (one line per problem naming the row and key, exit code 2,
 *   nothing written) or writes `<code>/<part>.json` (keys in English order, 2-space indent): every file is
 *   written beside its place first, then all are renamed into place. The language: the file's `language` column;
 *   else --lang; else the start of the file name (`cy.csv`, `cy-reviewed.csv`). An empty text means "not
 *   translated", which is refused: every language must be complete.
 * - `status <code> [--status draft|reviewed --note "..."]`: shows or sets the review status (`<code>/status.json`).
 * - `check [<code>...]`: every problem of the languages' catalogues in the folder (exit code 1 if any).
 * - `--dir <folder>`: work on another copy of src/ui/i18n (the tests do; never the repository's files).
 * Usage errors (unknown command, language or option, a file that cannot be read): one line, exit code 2.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LOCALES, type Locale } from '../ui/i18n';
import type { TranslationStatus } from '../ui/i18n/review';
import {
  checkLanguage,
  PLURAL_CATEGORIES,
  problemLine,
  requiredParts,
  wiringProblems,
  type Problem,
} from '../ui/i18n/check';
import type { Message } from '../ui/i18n/types';
import {
  I18N_DIR,
  isReviewStatus,
  loadEnglish,
  loadLanguageFiles,
  loadResidentParts,
  orderParts,
  readIfThere,
  readStatus,
  statusPath,
  statusText,
  type EnglishSource,
} from './i18nCatalogues';
import { decodeSheet, exportSheet, importSheet, parseSheet, sheetLanguages } from './i18nSheet';

const USAGE = [
  'Usage: npm run i18n -- export <language> [--out file.csv]',
  '       npm run i18n -- import <file.csv> [--lang <language>] [--status draft|reviewed --note "Reviewed by …, date"]',
  '       npm run i18n -- status <language> [--status draft|reviewed --note "…"]',
  '       npm run i18n -- check [<language>…]',
  '       (any command) --dir <copy of src/ui/i18n>',
  'See docs/translating.md.',
].join('\n');

const HINT = ' (npm run i18n -- --help)';

class UsageError extends Error {}
/** The file was read but cannot be taken: one line per problem. */
class Refusal extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

const translated = (): Locale[] => Object.values(LOCALES).filter((l) => l.code !== 'en');

function localeOf(code: string): Locale {
  if (code === 'en')
    throw new UsageError('English is the source: change it in src/ui/i18n/en/*.ts, not here.');
  const locale = LOCALES[code];
  if (!locale)
    throw new UsageError(
      `"${code}" is not one of the app's languages (${translated()
        .map((l) => l.code)
        .join(', ')}).`,
    );
  return locale;
}

interface Folder {
  dir: string;
  english: EnglishSource[];
  resident: Set<string>;
}

async function openFolder(dir: string): Promise<Folder> {
  const codes = translated().map((l) => l.code);
  const residentOrder = loadResidentParts(dir, codes);
  let english: EnglishSource[];
  try {
    english = orderParts(await loadEnglish(dir), residentOrder);
  } catch (err) {
    throw new UsageError(
      `Cannot read the English catalogue in ${dir}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return { dir, english, resident: new Set(residentOrder) };
}

function neededParts(folder: Folder, locale: Locale): EnglishSource[] {
  const needed = requiredParts(
    folder.english.map((e) => e.part),
    folder.resident,
    locale,
  );
  return folder.english.filter((e) => needed.includes(e.part));
}

function languageFiles(folder: Folder, locale: Locale): Record<string, unknown> {
  const files = loadLanguageFiles(folder.dir, locale.code);
  if (files.problems.length > 0)
    throw new UsageError(files.problems.map((p) => problemLine(locale.code, p)).join(' '));
  return files.parts;
}

async function exportCommand(folder: Folder, code: string, out: string | undefined): Promise<void> {
  const { englishNotes } = await import('./i18nNotes');
  const locale = localeOf(code);
  const needed = neededParts(folder, locale);
  const translations = languageFiles(folder, locale);
  const notes = new Map(needed.flatMap((e) => [...englishNotes(e.source)]));
  const csv = exportSheet(needed, notes, locale, translations);
  const total = needed.reduce((n, e) => n + Object.keys(e.messages).length, 0);
  const missing = needed.reduce((n, { part, messages }) => {
    const done = translations[part];
    const has = typeof done === 'object' && done !== null ? done : {};
    return n + Object.keys(messages).filter((key) => !(key in has)).length;
  }, 0);
  const summary = `${locale.name} (${code}): ${total} texts from ${needed.length} parts${missing > 0 ? `, ${missing} not translated yet` : ''}.`;
  if (out === undefined) {
    process.stdout.write(csv);
    process.stderr.write(`${summary}\n`);
    return;
  }
  writeFileSync(out, csv);
  process.stdout.write(`Wrote ${out}: ${summary}\n`);
}

function readStatusOptions(
  status: string | undefined,
  note: string | undefined,
): TranslationStatus | undefined {
  if (status === undefined) {
    if (note !== undefined) throw new UsageError('--note goes with --status draft or --status reviewed.');
    return undefined;
  }
  if (!isReviewStatus(status)) throw new UsageError(`--status must be draft or reviewed, not "${status}".`);
  if (note === undefined || note.trim() === '')
    throw new UsageError('--status needs --note saying who translated or reviewed it, and when.');
  return { status, note: note.trim() };
}

/** Which language a sheet is for (see the header), or the problem with it. */
function sheetLanguage(file: string, columnCodes: string[], lang: string | undefined): string {
  if (columnCodes.length > 1)
    throw new Refusal([
      `The language column has more than one code (${columnCodes.join(', ')}): one file per language.`,
    ]);
  const fromColumn = columnCodes[0];
  if (fromColumn !== undefined && lang !== undefined && fromColumn !== lang)
    throw new Refusal([`The file's language column says "${fromColumn}", but --lang says "${lang}".`]);
  const code = fromColumn ?? lang ?? /^([a-z]{2,3})(?![a-z])/i.exec(basename(file))?.[1]?.toLowerCase();
  if (code === undefined)
    throw new UsageError(
      `Cannot tell the language of ${file}: it has no language column; add --lang <language>.`,
    );
  if (code === 'en' || !LOCALES[code])
    throw new Refusal([
      code === 'en'
        ? 'The file says its language is English (en); English is the source and is not imported.'
        : `The file's language "${code}" is not one of the app's languages (${translated()
            .map((l) => l.code)
            .join(', ')}).`,
    ]);
  return code;
}

/** Same message, whatever order its plural forms were written in. */
function sameMessage(a: unknown, b: Message): boolean {
  const canonical = (m: unknown): string => {
    if (typeof m !== 'object' || m === null) return JSON.stringify(m);
    const o = m as Record<string, unknown>;
    const order = ['by', ...PLURAL_CATEGORIES, ...Object.keys(o).sort()];
    return JSON.stringify(
      Object.fromEntries([...new Set(order)].filter((k) => k in o).map((k) => [k, o[k]])),
    );
  };
  return canonical(a) === canonical(b);
}

/** Writes every file next to its place, then renames all into place; a failure before the renames leaves none. */
function writeAll(files: ReadonlyMap<string, string>): void {
  const temps: [string, string][] = [];
  try {
    for (const [path, text] of files) {
      const temp = `${path}.${process.pid}.tmp`;
      writeFileSync(temp, text);
      temps.push([temp, path]);
    }
  } catch (err) {
    for (const [temp] of temps) rmSync(temp, { force: true });
    throw err;
  }
  for (const [temp, path] of temps) renameSync(temp, path);
}

function importCommand(
  folder: Folder,
  file: string,
  lang: string | undefined,
  status: TranslationStatus | undefined,
): void {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`Cannot read ${file}${code ? ` (${code})` : ''}.`);
  }
  if (lang !== undefined) localeOf(lang);
  const decoded = decodeSheet(bytes);
  if ('problem' in decoded) throw new Refusal([decoded.problem]);
  const parsed = parseSheet(decoded.text);
  const code = sheetLanguage(file, sheetLanguages(parsed.sheet), lang);
  const locale = localeOf(code);
  const needed = neededParts(folder, locale);
  const imported = importSheet(parsed.sheet, needed, folder.english, locale);
  const problems = [...parsed.problems, ...imported.problems];
  if (problems.length > 0) throw new Refusal(problems);

  const current = languageFiles(folder, locale);
  const writes = new Map<string, string>();
  const changed: string[] = [];
  for (const { part } of needed) {
    const messages = imported.parts[part] ?? {};
    const old = current[part];
    const oldMessages = typeof old === 'object' && old !== null ? (old as Record<string, unknown>) : {};
    for (const [key, message] of Object.entries(messages))
      if (!sameMessage(oldMessages[key], message)) changed.push(key);
    const path = join(folder.dir, code, `${part}.json`);
    const text = `${JSON.stringify(messages, null, 2)}\n`;
    if (readIfThere(path) !== text) writes.set(path, text);
  }
  if (status) writes.set(statusPath(folder.dir, code), statusText(status));
  writeAll(writes);
  const names = [...writes.keys()].map((p) => relative(folder.dir, p));
  const keys = changed.length === 1 ? '1 key changed' : `${changed.length} keys changed`;
  process.stdout.write(
    `${locale.name} (${code}): ${keys}${changed.length > 0 && changed.length <= 20 ? ` (${changed.join(', ')})` : ''}; ` +
      `${names.length > 0 ? `wrote ${names.join(', ')}` : 'no file needed writing'}.\n`,
  );
}

function statusCommand(folder: Folder, code: string, status: TranslationStatus | undefined): void {
  const locale = localeOf(code);
  if (status) writeAll(new Map([[statusPath(folder.dir, code), statusText(status)]]));
  const now = readStatus(folder.dir, code);
  process.stdout.write(
    now
      ? `${locale.name} (${code}): ${now.status}. ${now.note}\n`
      : `${locale.name} (${code}): no status.json.\n`,
  );
}

function checkCommand(folder: Folder, codes: string[]): number {
  const locales = codes.length > 0 ? codes.map(localeOf) : translated();
  let total = 0;
  for (const locale of locales) {
    const files = loadLanguageFiles(folder.dir, locale.code);
    const problems: Problem[] = [
      ...files.problems,
      ...checkLanguage(folder.english, folder.resident, locale, files.parts),
      ...wiringProblems(folder.english, folder.resident, locale, files.bundles),
    ];
    total += problems.length;
    const lines = problems.map((p) => problemLine(locale.code, p));
    process.stdout.write(
      problems.length === 0
        ? `${locale.name} (${locale.code}): no problems.\n`
        : `${locale.name} (${locale.code}): ${problems.length} problems\n${lines.map((l) => `  ${l}`).join('\n')}\n`,
    );
  }
  return total === 0 ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        lang: { type: 'string' },
        status: { type: 'string' },
        note: { type: 'string' },
        dir: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}${HINT}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  const dir = values.dir === undefined ? I18N_DIR : resolve(values.dir);
  const one = (what: string): string => {
    if (rest.length !== 1) throw new UsageError(`${command} needs exactly one ${what}.${HINT}`);
    return rest[0]!;
  };
  const only = (allowed: string[]): void => {
    const given = (['out', 'lang', 'status', 'note'] as const).filter((o) => values[o] !== undefined);
    const wrong = given.find((o) => !allowed.includes(o));
    if (wrong) throw new UsageError(`--${wrong} does not go with ${command}.${HINT}`);
  };
  switch (command) {
    case 'export': {
      only(['out']);
      const code = one('language');
      localeOf(code);
      await exportCommand(await openFolder(dir), code, values.out);
      return 0;
    }
    case 'import': {
      only(['lang', 'status', 'note']);
      const file = one('CSV file');
      const status = readStatusOptions(values.status, values.note);
      importCommand(await openFolder(dir), file, values.lang, status);
      return 0;
    }
    case 'status': {
      only(['status', 'note']);
      const code = one('language');
      localeOf(code);
      statusCommand(await openFolder(dir), code, readStatusOptions(values.status, values.note));
      return 0;
    }
    case 'check':
      only([]);
      return checkCommand(await openFolder(dir), rest);
    case undefined:
      throw new UsageError(`Give a command: export, import, status or check.${HINT}`);
    default:
      throw new UsageError(`"${command}" is not a command: use export, import, status or check.${HINT}`);
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError) {
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 2;
  } else if (err instanceof Refusal) {
    const n = err.problems.length;
    process.stderr.write(
      `${err.message}\nNothing was changed: fix ${n === 1 ? 'this problem' : `these ${n} problems`} in the spreadsheet and import it again.\n`,
    );
    process.exitCode = 2;
  } else {
    throw err;
  }
}
