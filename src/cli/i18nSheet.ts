/**
 * The translators' spreadsheet: one CSV row per key a language needs (src/cli/i18n.ts writes and reads it).
 *
 * Columns: key, english (a plural message as its forms, one per line), text (the translation), notes (the
 * English source's comments and the placeholders to keep), by (the placeholder plural forms are chosen by),
 * one column per plural form the language uses (zero, one, two, few, many, other), language (its code).
 * Written like the app's other CSV exports (src/domain/results/csv.ts): UTF-8 with a byte-order mark, CRLF,
 * RFC 4180 quoting, and a cell a spreadsheet would run as a formula (= + - @ tab CR) starts with an apostrophe.
 * So that the reader can strip exactly that apostrophe and nothing else, a text that already starts with
 * apostrophes before such a character gets one more; reading removes one apostrophe from any cell that starts
 * with apostrophes then = + - @ tab or CR, so every text comes back as it was.
 *
 * Reading: any of comma, semicolon or tab as separator (Excel in Polish or Welsh settings saves with
 * semicolons), decided from the header row; columns found by their header name, in any order; columns of
 * other names are ignored (a translator's own comments); rows with every cell empty are skipped.
 */
import Papa from 'papaparse';
import { toCsv, type CsvValue } from '../domain/results/csv';
import {
  checkMessage,
  englishPlaceholders,
  PLURAL_CATEGORIES,
  pluralCategories,
  type EnglishPart,
  type LanguageToCheck,
} from '../ui/i18n/check';
import type { Message, PluralCategory, PluralMessage } from '../ui/i18n/types';

export const COLUMN = {
  key: 'key',
  english: 'english',
  text: 'text',
  notes: 'notes',
  by: 'by',
  language: 'language',
} as const;

const FORMULA_AFTER_APOSTROPHES = /^'+[=+\-@\t\r]/;

/** The apostrophe a text gets on top of toCsv's own, so `unprotect` can always take exactly one off. */
function protect(text: string): string {
  return FORMULA_AFTER_APOSTROPHES.test(text) ? `'${text}` : text;
}

/** A cell as read back: the apostrophe the export added taken off. */
export function unprotect(cell: string): string {
  return FORMULA_AFTER_APOSTROPHES.test(cell) ? cell.slice(1) : cell;
}

export function sheetColumns(language: LanguageToCheck): string[] {
  return [
    COLUMN.key,
    COLUMN.english,
    COLUMN.text,
    COLUMN.notes,
    COLUMN.by,
    ...pluralCategories(language.intl),
    COLUMN.language,
  ];
}

function englishText(message: Message): string {
  if (typeof message === 'string') return message;
  const forms = PLURAL_CATEGORIES.flatMap((c) => (message[c] === undefined ? [] : [`${c}: ${message[c]}`]));
  return [...forms, ...(message.by ? [`(chosen by {${message.by}})`] : [])].join('\n');
}

function notesText(message: Message, comments: readonly string[], language: LanguageToCheck): string {
  const keep = [...englishPlaceholders(message)].map((p) => `{${p}}`);
  const lines = [...comments];
  if (keep.length > 0) lines.push(`Keep ${keep.join(', ')} as ${keep.length === 1 ? 'it is' : 'they are'}.`);
  if (typeof message !== 'string') {
    const forms = pluralCategories(language.intl);
    const small = forms.filter((c) => c === 'zero' || c === 'one' || c === 'two');
    lines.push(
      `Changes with the number {${message.by ?? 'count'}}: write one text in each of the columns ${forms.join(', ')}` +
        (small.length > 0 ? ` (${small.join(', ')} may leave the number out).` : '.'),
    );
  }
  return lines.join('\n');
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The whole spreadsheet of a language: `english` holds the parts it needs, in the order to show them. */
export function exportSheet(
  english: readonly EnglishPart[],
  notes: ReadonlyMap<string, readonly string[]>,
  language: LanguageToCheck,
  translations: Readonly<Record<string, unknown>>,
): string {
  const forms = pluralCategories(language.intl);
  const rows: CsvValue[][] = [];
  for (const { part, messages } of english) {
    const done = translations[part];
    for (const [key, message] of Object.entries(messages)) {
      const current = isRecord(done) ? done[key] : undefined;
      const plural = isRecord(current) ? current : undefined;
      const by = plural
        ? typeof plural['by'] === 'string'
          ? plural['by']
          : ''
        : typeof message === 'string'
          ? ''
          : (message.by ?? '');
      rows.push(
        [
          key,
          englishText(message),
          typeof current === 'string' ? current : '',
          notesText(message, notes.get(key) ?? [], language),
          by,
          ...forms.map((c) => {
            const text: unknown = plural?.[c];
            return typeof text === 'string' ? text : '';
          }),
          language.code,
        ].map(protect),
      );
    }
  }
  return toCsv(sheetColumns(language), rows);
}

export interface SheetRow {
  /** The row's number as a spreadsheet shows it (the header is row 1). */
  row: number;
  /** Cells by lower-case column name, apostrophes the export added taken off. */
  cells: Record<string, string>;
}

export interface Sheet {
  columns: string[];
  rows: SheetRow[];
}

/** The file's text, or why it cannot be read: not UTF-8 is said with where the first bad byte is. */
export function decodeSheet(bytes: Uint8Array): { text: string } | { problem: string } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return {
      problem:
        'The file is saved as "Unicode text" (UTF-16), not as CSV UTF-8. In Excel use File > Save As > "CSV UTF-8 (Comma delimited) (*.csv)".',
    };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const line = lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD'))).split('\n').length;
    return {
      problem: `The file is not UTF-8 text (the first wrong character is on line ${line}), so Welsh, Polish, Urdu or Arabic letters would be spoiled. In Excel use File > Save As > "CSV UTF-8 (Comma delimited) (*.csv)"; in LibreOffice choose the character set "Unicode (UTF-8)".`,
    };
  }
}

/** The separator the header row uses: the one of comma, semicolon and tab it has most of. */
function separatorOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string): number => header.split(c).length - 1;
  return [',', ';', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
}

export function parseSheet(text: string): { sheet: Sheet; problems: string[] } {
  const parsed = Papa.parse<string[]>(text, { delimiter: separatorOf(text), skipEmptyLines: false });
  const problems = parsed.errors
    .filter((e) => e.type === 'Quotes')
    .map(
      (e) =>
        `Row ${(e.row ?? 0) + 1}: a cell starts with " but its closing " is missing, so the rows after it run together.`,
    );
  const [header = [], ...data] = parsed.data;
  const columns = header.map((h) => h.trim().toLowerCase());
  const seen = new Set<string>();
  for (const name of columns) {
    if (name !== '' && seen.has(name)) problems.push(`The column "${name}" is in the file twice: keep one.`);
    seen.add(name);
  }
  const rows: SheetRow[] = [];
  data.forEach((cells, i) => {
    if (cells.every((c) => c === '')) return;
    const row = i + 2;
    if (cells.slice(columns.length).some((c) => c !== ''))
      problems.push(`Row ${row}: has more cells than the header has columns (a separator out of place?).`);
    const named: Record<string, string> = {};
    columns.forEach((name, j) => {
      if (name !== '' && !(name in named)) named[name] = unprotect(cells[j] ?? '');
    });
    rows.push({ row, cells: named });
  });
  return { sheet: { columns, rows }, problems };
}

/** The language the sheet is for, from its `language` column; undefined when the column is missing or empty. */
export function sheetLanguages(sheet: Sheet): string[] {
  return [...new Set(sheet.rows.map((r) => (r.cells[COLUMN.language] ?? '').trim()).filter((c) => c !== ''))];
}

export interface Imported {
  /** The translation by part, keys in English order. */
  parts: Record<string, Record<string, Message>>;
  /** One line per problem, naming the row and the key. */
  problems: string[];
}

/**
 * The sheet as the language's parts, or every reason it cannot be taken: `needed` are the English parts the
 * language must have, `all` every English part (to tell a staff screen's key from one that does not exist).
 */
export function importSheet(
  sheet: Sheet,
  needed: readonly EnglishPart[],
  all: readonly EnglishPart[],
  language: LanguageToCheck,
): Imported {
  const problems: string[] = [];
  const forms = pluralCategories(language.intl);
  const missingColumns = [COLUMN.key, COLUMN.text, ...forms].filter((c) => !sheet.columns.includes(c));
  for (const column of missingColumns)
    problems.push(
      (forms as readonly string[]).includes(column)
        ? `The file has no column "${column}": ${language.name} needs it for plural forms. Export a fresh file and copy your texts into it.`
        : `The file has no column "${column}". Export a fresh file and copy your texts into it.`,
    );
  if (missingColumns.includes(COLUMN.key) || missingColumns.includes(COLUMN.text))
    return { parts: {}, problems };

  const where = new Map<string, { part: string; message: Message; isNeeded: boolean }>();
  for (const { part, messages } of all)
    for (const [key, message] of Object.entries(messages))
      where.set(key, { part, message, isNeeded: needed.some((n) => n.part === part) });
  const found = new Map<string, { row: number; message: Message }>();
  const firstRow = new Map<string, number>();
  const formColumns = PLURAL_CATEGORIES.filter((c) => sheet.columns.includes(c));

  for (const { row, cells } of sheet.rows) {
    const key = (cells[COLUMN.key] ?? '').trim();
    const say = (text: string): void =>
      void problems.push(`Row ${row}${key === '' ? '' : ` (${key})`}: ${text}`);
    if (key === '') {
      say('has no key. Every row needs the key it was exported with.');
      continue;
    }
    const earlier = firstRow.get(key);
    if (earlier !== undefined) {
      say(`this key is also on row ${earlier}: keep one of the two rows.`);
      continue;
    }
    firstRow.set(key, row);
    const english = where.get(key);
    if (!english) {
      say(
        'is not a key of the English text (changed or removed there?). Remove the row, or export a fresh file.',
      );
      continue;
    }
    if (!english.isNeeded) {
      say(`is text of the staff screens; ${language.name} is offered to residents only. Remove the row.`);
      continue;
    }
    const text = cells[COLUMN.text] ?? '';
    const by = (cells[COLUMN.by] ?? '').trim();
    const filled = formColumns.filter((c) => (cells[c] ?? '') !== '');
    const isPlural = typeof english.message !== 'string';
    if (filled.length === 0 && text.trim() === '') {
      say(
        isPlural
          ? `is not translated: write its forms in the columns ${forms.join(', ')}.`
          : 'is not translated: the text is empty, and every text is needed (the app would show English).',
      );
      continue;
    }
    if (filled.length > 0 && text.trim() !== '') {
      say(
        `has a text and plural forms: fill either the text column or the columns ${forms.join(', ')}, not both.`,
      );
      continue;
    }
    let message: Message;
    if (filled.length > 0) {
      const plural: Partial<Record<PluralCategory | 'by', string>> = by === '' ? {} : { by };
      for (const c of filled) plural[c] = cells[c];
      message = plural as PluralMessage;
    } else {
      if (by !== '') say(`has "${by}" in the by column, which is only for plural forms: clear it.`);
      message = text;
    }
    for (const p of checkMessage(english.message, message, language)) say(p);
    found.set(key, { row, message });
  }

  const parts: Record<string, Record<string, Message>> = {};
  for (const { part, messages } of needed) {
    const out: Record<string, Message> = {};
    for (const key of Object.keys(messages)) {
      const got = found.get(key);
      if (got) out[key] = got.message;
      else if (!firstRow.has(key))
        problems.push(`${key}: has no row in the file. Export a fresh file and keep every row (${part}).`);
    }
    parts[part] = out;
  }
  return { parts, problems };
}
