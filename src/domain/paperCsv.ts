/**
 * Reading a CSV file of paper ballots (columns in docs/exports.md, "Importing paper ballots"). Loaded only when a
 * facilitator chooses such a file.
 *
 * Rules:
 * - The file: at most MAX_CSV_BYTES; text as spreadsheets save it (decodeCsvBytes): UTF-8 (a byte-order mark
 *   allowed); UTF-16 with its byte-order mark (Excel's "Unicode text"); otherwise, when the bytes are not valid
 *   UTF-8, windows-1252 (Excel's plain "CSV" on a UK Windows PC: £ and ’ are single bytes), and the preview says
 *   which was read. RFC 4180 (fields separated by commas, semicolons (Excel with Welsh or Polish settings) or
 *   tabs ("Unicode text"): the separator is the one that gives the header row a `sheet` cell, the one with most
 *   cells if several do, else a comma unless the header has no comma; double-quoted fields may hold separators,
 *   line breaks and doubled quotes; CRLF, LF or CR line ends). Rows that are wholly empty are skipped. At most
 *   MAX_CSV_SHEETS sheets.
 * - The header row: a `sheet` column (any case), then one column per idea, named by its number (`4` or `#4`: the
 *   position in the list of every idea put forward, oldest first, as the paper ballots panel shows it) or by its
 *   title as shown (any case, spaces trimmed). A title a spreadsheet export protected with a leading `'` is read
 *   without it. An idea may have one column only; ideas without a column are simply not chosen on any sheet.
 * - Each row is one sheet: its number, then per idea what the sheet says, by the session's method:
 *   dots: the number of dots (empty = 0); budget: a tick (`x`, `X`, `✓`, `✔`, `1`, `yes`; empty, `0` or `no` =
 *   not chosen); ranking: the place, 1 = favourite (empty = not ranked), places 1, 2, 3… with no gap or repeat.
 * - Every sheet is then checked as a typed-in sheet is (src/domain/paper.ts): a sheet number, not already in
 *   the session, not twice in the file, and the method's rules.
 * - Every problem is reported with its row (the header is row 1, as a spreadsheet numbers them) and, where it is
 *   one cell, its column; the import is all or nothing, so any problem means nothing is written.
 * Deterministic: no clock, no randomness; sheets in file order.
 */
import { type BallotContext } from './ballots';
import { isValidationError, type ValidationError } from './errors';
import { checkPaperEntry, parseSheet, type PaperEntry } from './paper';
import type { BallotChoices, PriorityMethod } from './types';

export const MAX_CSV_BYTES = 1_000_000;
export const MAX_CSV_SHEETS = 10_000;
/** At most this many problems are listed; the rest are counted. */
export const MAX_CSV_PROBLEMS = 50;

export const CSV_PROBLEMS = [
  /** The file is larger than MAX_CSV_BYTES. */
  'tooLarge',
  /** More than MAX_CSV_SHEETS rows. */
  'tooManySheets',
  /** No header row, or no rows under it. */
  'noSheets',
  /** A quoted field never closes. */
  'unclosedQuote',
  /** Text after a closing quote, before the next separator. */
  'badQuote',
  'noSheetColumn',
  /** A header names no idea of the session. */
  'unknownIdea',
  /** An idea residents cannot choose now (hidden, or merged into another). */
  'ideaNotChoosable',
  /** Two columns name the same idea. */
  'ideaTwice',
  /** A row has more cells than the header. */
  'extraCells',
  /** A cell that is not a number (dots) / a tick (budget) / a place (ranking). */
  'badCell',
  /** Ranking places with a gap or a repeat. */
  'badPlaces',
  /** The same sheet twice in the file. */
  'sheetTwice',
  /**
   * A rule of the session or of sheets, as a ValidationError; a ballot rule also has the sheet's own figure in
   * params (`dots`, `ranked`) and, for too many dots on one idea, that idea's column.
   */
  'invalid',
] as const;
export type CsvProblemCode = (typeof CSV_PROBLEMS)[number];

export interface CsvProblem {
  /** Row as a spreadsheet numbers it (header = 1); 0 for the whole file. */
  row: number;
  /** The column's header text, when the problem is one cell or column. */
  column: string;
  code: CsvProblemCode;
  params: Record<string, string | number>;
  /** For 'invalid': the rule broken. */
  error: ValidationError | null;
}

export interface PaperCsvIdea {
  id: string;
  /** Number as the panel shows it (ideaNumbers in paper.ts). */
  number: number;
  title: string;
  /** Whether residents can choose it now (visible and not merged). */
  isChoosable: boolean;
}

export interface PaperCsvContext extends BallotContext {
  method: PriorityMethod;
  ideas: readonly PaperCsvIdea[];
  /** Sheets already in the session. */
  taken: ReadonlySet<number>;
}

export type PaperCsvResult =
  { ok: true; entries: PaperEntry[] } | { ok: false; problems: CsvProblem[]; more: number };

interface Row {
  /** Spreadsheet row number (1-based, counting rows not lines). */
  row: number;
  cells: string[];
}

const problem = (
  row: number,
  code: CsvProblemCode,
  column = '',
  params: Record<string, string | number> = {},
  error: ValidationError | null = null,
): CsvProblem => ({ row, column, code, params, error });

/** Throws when the text breaks the quoting rules. */
class CsvSyntaxError extends Error {
  constructor(readonly problem: CsvProblem) {
    super(problem.code);
  }
}

/** How a file's bytes were read as text. */
export const CSV_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/**
 * windows-1252's characters for the bytes 0x80-0x9F (WHATWG Encoding Standard, index-windows-1252); every other
 * byte is the code point of the same number. Decoded here, not with TextDecoder('windows-1252'): Node 20's
 * TextDecoder reads that label as ISO-8859-1, giving control characters for these bytes (’ would be U+0092).
 */
const WINDOWS_1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function windows1252(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = Array.from(bytes.subarray(i, i + 8192), (b) =>
      b >= 0x80 && b < 0xa0 ? WINDOWS_1252_HIGH.charAt(b - 0x80) : String.fromCharCode(b),
    );
    text += chunk.join('');
  }
  return text;
}

/**
 * A CSV file's text: UTF-16 when it starts with a UTF-16 byte-order mark, UTF-8 when its bytes are valid UTF-8,
 * otherwise windows-1252, which gives each of the 256 byte values a character (so nothing is replaced by �, and
 * a title with £ or ’ matches its idea).
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : null;
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: windows1252(bytes), encoding: 'windows-1252' };
  }
}

const SEPARATORS = [',', ';', '\t'] as const;
type Separator = (typeof SEPARATORS)[number];

/** The header row's cells with `sep` as the separator, quotes honoured (a broken quote is parseCsvRows' to report). */
function headerCells(text: string, sep: Separator): string[] {
  const cells: string[] = [];
  let cell = '';
  let isQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (isQuoted) {
      if (ch === '"' && text[i + 1] === '"') i += 1;
      else if (ch === '"') isQuoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') isQuoted = true;
    else if (ch === sep) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') break;
    else cell += ch;
  }
  return [...cells, cell];
}

/** The separator that gives the header a `sheet` cell (an idea's title may hold the others: "Youth club, phase 2"). */
function separatorOf(text: string): Separator {
  const withSheet = SEPARATORS.map((sep) => ({ sep, cells: headerCells(text, sep) }))
    .filter(({ cells }) => cells.some((c) => normalHeader(c) === 'sheet'))
    .sort((a, b) => b.cells.length - a.cells.length);
  if (withSheet[0]) return withSheet[0].sep;
  const firstLine = /^[^\r\n]*/.exec(text)?.[0] ?? '';
  if (firstLine.includes(',')) return ',';
  return firstLine.includes(';') ? ';' : firstLine.includes('\t') ? '\t' : ',';
}

/** RFC 4180 rows, wholly empty rows skipped. Throws CsvSyntaxError with the row of a broken quote. */
export function parseCsvRows(input: string): Row[] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const sep = separatorOf(text);
  const rows: Row[] = [];
  let cells: string[] = [];
  let cell = '';
  let rowNumber = 1;
  let i = 0;
  const endCell = (): void => {
    cells.push(cell);
    cell = '';
  };
  const endRow = (): void => {
    endCell();
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: rowNumber, cells });
    cells = [];
    rowNumber += 1;
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' && cell.trim() === '') {
      // A quoted field: up to the closing quote; "" is one quote.
      const startRow = rowNumber;
      cell = '';
      i += 1;
      for (;;) {
        if (i >= text.length) throw new CsvSyntaxError(problem(startRow, 'unclosedQuote'));
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        cell += c;
        i += 1;
      }
      // After the closing quote: spaces, then a separator or a line end.
      while (text[i] === ' ' || text[i] === '\t') i += 1;
      if (i < text.length && text[i] !== sep && text[i] !== '\r' && text[i] !== '\n') {
        throw new CsvSyntaxError(problem(startRow, 'badQuote'));
      }
      continue;
    }
    if (ch === sep) endCell();
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      endRow();
    } else cell += ch;
    i += 1;
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

/** Header text as typed: trimmed, spaces collapsed, lower case, a protecting leading quote removed. */
function normalHeader(text: string): string {
  const t = text.trim();
  const unprotected = /^'[=+\-@\t\r]/.test(t) ? t.slice(1) : t;
  return unprotected.replace(/\s+/g, ' ').toLowerCase();
}

function findIdea(header: string, ideas: readonly PaperCsvIdea[]): PaperCsvIdea | undefined {
  const h = normalHeader(header);
  const number = /^#?\s*(\d+)$/.exec(h);
  if (number) return ideas.find((i) => i.number === Number(number[1]));
  const named = ideas.filter((i) => normalHeader(i.title) === h);
  return named.find((i) => i.isChoosable) ?? named[0];
}

const TICKS = new Set(['x', '✓', '✔', '1', 'yes', 'y']);
const NOT_TICKED = new Set(['', '0', 'no', 'n']);

/** What one cell says for one idea, or a problem code. */
function readCell(method: PriorityMethod, raw: string): number | 'bad' {
  const v = raw.trim().toLowerCase();
  if (method.kind === 'budget') {
    if (TICKS.has(v)) return 1;
    return NOT_TICKED.has(v) ? 0 : 'bad';
  }
  if (v === '') return 0;
  if (!/^\d{1,6}$/.test(v)) return 'bad';
  return Number(v);
}

/** The choices one row makes; null when its places are not 1, 2, 3… */
function choicesOf(
  method: PriorityMethod,
  picks: readonly { id: string; n: number }[],
): BallotChoices | null {
  const given = picks.filter((p) => p.n > 0);
  if (method.kind === 'dots')
    return { kind: 'dots', dots: Object.fromEntries(given.map((p) => [p.id, p.n])) };
  if (method.kind === 'budget') return { kind: 'budget', selected: given.map((p) => p.id) };
  const ranked = [...given].sort((a, b) => a.n - b.n);
  if (ranked.some((p, i) => p.n !== i + 1)) return null;
  return { kind: 'ranking', ranked: ranked.map((p) => p.id) };
}

/** Reads a paper ballots CSV against the session. Pure: the caller writes the entries with enterPaperBallots. */
export function readPaperCsv(text: string, ctx: PaperCsvContext): PaperCsvResult {
  const problems: CsvProblem[] = [];
  const fail = (): PaperCsvResult => ({
    ok: false,
    problems: problems.slice(0, MAX_CSV_PROBLEMS),
    more: Math.max(0, problems.length - MAX_CSV_PROBLEMS),
  });
  if (new TextEncoder().encode(text).length > MAX_CSV_BYTES) {
    problems.push(problem(0, 'tooLarge', '', { max: MAX_CSV_BYTES / 1_000_000 }));
    return fail();
  }
  let rows: Row[];
  try {
    rows = parseCsvRows(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) problems.push(e.problem);
    else throw e;
    return fail();
  }
  const [header, ...body] = rows;
  if (!header || body.length === 0) {
    problems.push(problem(0, 'noSheets'));
    return fail();
  }
  if (body.length > MAX_CSV_SHEETS) {
    problems.push(problem(0, 'tooManySheets', '', { max: MAX_CSV_SHEETS }));
    return fail();
  }
  const sheetIndex = header.cells.findIndex((c) => normalHeader(c) === 'sheet');
  if (sheetIndex < 0) {
    problems.push(problem(header.row, 'noSheetColumn'));
    return fail();
  }
  const columns: { index: number; header: string; id: string }[] = [];
  header.cells.forEach((raw, index) => {
    if (index === sheetIndex) return;
    const name = raw.trim();
    if (name === '') return;
    const idea = findIdea(name, ctx.ideas);
    if (!idea) return problems.push(problem(header.row, 'unknownIdea', name));
    if (!idea.isChoosable) return problems.push(problem(header.row, 'ideaNotChoosable', name));
    const earlier = columns.find((c) => c.id === idea.id);
    if (earlier) return problems.push(problem(header.row, 'ideaTwice', name, { other: earlier.header }));
    columns.push({ index, header: name, id: idea.id });
  });
  if (problems.length > 0) return fail();

  const entries: PaperEntry[] = [];
  const firstRowOf = new Map<number, number>();
  for (const { row, cells } of body) {
    const extra = cells.findIndex((c, i) => i >= header.cells.length && c.trim() !== '');
    if (extra >= 0) {
      problems.push(problem(row, 'extraCells', '', { count: header.cells.length }));
      continue;
    }
    const picks: { id: string; n: number }[] = [];
    let isRowBad = false;
    for (const col of columns) {
      const n = readCell(ctx.method, cells[col.index] ?? '');
      if (n === 'bad') {
        problems.push(problem(row, 'badCell', col.header, { value: (cells[col.index] ?? '').trim() }));
        isRowBad = true;
      } else picks.push({ id: col.id, n });
    }
    const sheetText = cells[sheetIndex] ?? '';
    try {
      const sheet = parseSheet(sheetText);
      const first = firstRowOf.get(sheet);
      if (first !== undefined) {
        problems.push(problem(row, 'sheetTwice', 'sheet', { sheet, first }));
        continue;
      }
      firstRowOf.set(sheet, row);
    } catch (e) {
      if (!isValidationError(e)) throw e;
      problems.push(problem(row, 'invalid', header.cells[sheetIndex] ?? 'sheet', {}, e));
      continue;
    }
    if (isRowBad) continue;
    const choices = choicesOf(ctx.method, picks);
    if (!choices) {
      problems.push(problem(row, 'badPlaces'));
      continue;
    }
    try {
      entries.push(checkPaperEntry({ sheet: sheetText, choices }, { ...ctx, replace: false }));
    } catch (e) {
      if (!isValidationError(e)) throw e;
      problems.push(
        e.field === 'sheet' ? problem(row, 'invalid', 'sheet', {}, e) : ruleProblem(row, e, picks, columns),
      );
    }
  }
  return problems.length > 0 ? fail() : { ok: true, entries };
}

/**
 * A ballot rule a sheet breaks, with what the sheet itself has beside the session's limit (the error's params), so
 * the facilitator reads both: `dots` on the sheet in all, or on the one idea whose column is named; `ranked` ideas.
 */
function ruleProblem(
  row: number,
  e: ValidationError,
  picks: readonly { id: string; n: number }[],
  columns: readonly { header: string; id: string }[],
): CsvProblem {
  const chosen = picks.filter((p) => p.n > 0);
  if (e.code === 'dotsOverPerProposal') {
    const over = chosen.find((p) => p.n > Number(e.params.max));
    const column = columns.find((c) => c.id === over?.id)?.header ?? '';
    return problem(row, 'invalid', column, over ? { dots: over.n } : {}, e);
  }
  if (e.code === 'dotsOverTotal')
    return problem(row, 'invalid', '', { dots: chosen.reduce((sum, p) => sum + p.n, 0) }, e);
  if (e.code === 'rankingTooLong') return problem(row, 'invalid', '', { ranked: chosen.length }, e);
  return problem(row, 'invalid', '', {}, e);
}

/**
 * A header row for a blank import file: `sheet`, then every idea residents can choose, by its title, or by its
 * number (`#4`) when the title would be unclear (the same as another idea's, or itself a number).
 */
export function paperCsvTemplate(ideas: readonly PaperCsvIdea[]): string[] {
  const choosable = ideas.filter((i) => i.isChoosable);
  const name = (idea: PaperCsvIdea): string => {
    const title = normalHeader(idea.title);
    const isClear =
      title !== 'sheet' &&
      !/^#?\s*\d+$/.test(title) &&
      choosable.filter((i) => normalHeader(i.title) === title).length === 1;
    return isClear ? idea.title.trim() : `#${idea.number}`;
  };
  return ['sheet', ...choosable.map(name)];
}
