import { describe, expect, it } from 'vitest';
import { addProposal } from '../../../src/doc/commands';
import { hideProposal } from '../../../src/doc/moderationCommands';
import { enterPaperBallot, enterPaperBallots } from '../../../src/doc/paperCommands';
import { viewSession } from '../../../src/doc/session';
import type { PriorityMethod } from '../../../src/domain/types';
import { ideaNumbers, takenSheets } from '../../../src/domain/paper';
import {
  decodeCsvBytes,
  MAX_CSV_BYTES,
  paperCsvTemplate,
  parseCsvRows,
  readPaperCsv,
  type PaperCsvContext,
  type PaperCsvResult,
} from '../../../src/domain/paperCsv';
import { paperSession, type PaperSession } from './fixtures';

function context(s: PaperSession): PaperCsvContext {
  const view = viewSession(s.doc)!;
  const numbers = ideaNumbers(view.proposals);
  const choosable = new Set(view.visible.map((v) => v.id));
  return {
    method: view.settings.method,
    potPence: view.settings.potPence,
    costs: new Map(view.visible.map((v) => [v.id, v.costPence])),
    taken: takenSheets(view.records.participants),
    ideas: view.proposals.map((p) => ({
      id: p.id,
      number: numbers.get(p.id) ?? 0,
      title: p.shownTitle,
      isChoosable: choosable.has(p.id),
    })),
  };
}

function problemsOf(r: PaperCsvResult) {
  if (r.ok) throw new Error('expected problems');
  return r.problems.map((p) => [p.row, p.column, p.code, p.error?.code ?? null]);
}

function session(method?: PriorityMethod) {
  const s = paperSession(method);
  return { s, read: (text: string) => readPaperCsv(text, context(s)) };
}

describe('parseCsvRows (RFC 4180)', () => {
  it('Given quoted fields with commas, quotes and line breaks, a BOM and mixed line ends, then cells come back as typed with spreadsheet row numbers', () => {
    const rows = parseCsvRows('\uFEFFsheet,"Park, new"\r\n1,"say ""hi""\nthere"\n\n,,\r2,3');
    expect(rows).toEqual([
      { row: 1, cells: ['sheet', 'Park, new'] },
      { row: 2, cells: ['1', 'say "hi"\nthere'] },
      { row: 5, cells: ['2', '3'] },
    ]);
  });

  it('Given a header with semicolons and no commas, then semicolons separate', () => {
    expect(parseCsvRows('sheet;Job fair\n1;2').map((r) => r.cells)).toEqual([
      ['sheet', 'Job fair'],
      ['1', '2'],
    ]);
  });
});

describe('readPaperCsv', () => {
  it('Given a dots file naming ideas by number and by title, then each row is a sheet with its dots', () => {
    const { s, read } = session();
    const r = read('Sheet,#1,job FAIR ,3\n1,2,1,\n2,,3,1\n');
    expect(r).toEqual({
      ok: true,
      entries: [
        { sheet: 1, choices: { kind: 'dots', dots: { [s.ids.I1]: 2, [s.ids.I2]: 1 } } },
        { sheet: 2, choices: { kind: 'dots', dots: { [s.ids.I2]: 3, [s.ids.I3]: 1 } } },
      ],
    });
  });

  it('Given a budget file of ticks, then ticked ideas are selected', () => {
    const { s, read } = session({ kind: 'budget', minSharePercent: 0 });
    const r = read('sheet,Youth club,Job fair,Tree planting\n10,x,✓,\n11,,yes,X\n');
    expect(r.ok && r.entries.map((e) => e.choices)).toEqual([
      { kind: 'budget', selected: [s.ids.I1, s.ids.I2] },
      { kind: 'budget', selected: [s.ids.I2, s.ids.I3] },
    ]);
  });

  it('Given a ranking file of places, then ideas are ranked by place; gaps and repeats are refused', () => {
    const { s, read } = session({ kind: 'ranking', maxRanked: 3 });
    const r = read('sheet,1,2,3\n1,2,,1\n');
    expect(r.ok && r.entries[0]?.choices).toEqual({ kind: 'ranking', ranked: [s.ids.I3, s.ids.I1] });
    expect(problemsOf(read('sheet,1,2,3\n1,1,3,\n2,1,1,\n'))).toEqual([
      [2, '', 'badPlaces', null],
      [3, '', 'badPlaces', null],
    ]);
  });

  it('Given a file with many bad rows, then every bad row is reported with its row, column and why', () => {
    const { s, read } = session();
    enterPaperBallot(s.doc, { sheet: 9, choices: { kind: 'dots', dots: { [s.ids.I1]: 1 } } }, s.ctx);
    const text = [
      'sheet,Youth club,Job fair',
      '1,2,1', // good
      'one,1,', // bad sheet
      '2,lots,', // not a number
      '1,1,', // sheet twice in the file
      '3,3,3', // over 5 dots in all
      '9,1,', // already entered
      '4,,,7', // extra cell
      '5,,', // nothing chosen
    ].join('\n');
    expect(problemsOf(read(text))).toEqual([
      [3, 'sheet', 'invalid', 'notWholeNumber'],
      [4, 'Youth club', 'badCell', null],
      [5, 'sheet', 'sheetTwice', null],
      [6, '', 'invalid', 'dotsOverTotal'],
      [7, 'sheet', 'invalid', 'sheetTaken'],
      [8, '', 'extraCells', null],
      [9, '', 'invalid', 'emptyBallot'],
    ]);
  });

  it('Given bad headers, then each is reported and no row is read', () => {
    const { s, read } = session();
    hideProposal(s.doc, s.ids.I3, 'Off topic', s.ctx);
    expect(problemsOf(read('Youth club\n1'))).toEqual([[1, '', 'noSheetColumn', null]]);
    expect(problemsOf(read('sheet,Skate park,#3,1,Youth club\n1,1,1,1,1'))).toEqual([
      [1, 'Skate park', 'unknownIdea', null],
      [1, '#3', 'ideaNotChoosable', null],
      [1, 'Youth club', 'ideaTwice', null],
    ]);
  });

  it('Given an empty file, a broken quote or a file over the size limit, then the file is refused as a whole', () => {
    const { read } = session();
    expect(problemsOf(read(''))).toEqual([[0, '', 'noSheets', null]]);
    expect(problemsOf(read('sheet,1\n'))).toEqual([[0, '', 'noSheets', null]]);
    expect(problemsOf(read('sheet,1\n1,"2\n'))).toEqual([[2, '', 'unclosedQuote', null]]);
    expect(problemsOf(read('sheet,1\n1,"2"x\n'))).toEqual([[2, '', 'badQuote', null]]);
    expect(problemsOf(read('sheet,1\n' + '1,1\n'.repeat(MAX_CSV_BYTES / 4 + 1)))).toEqual([
      [0, '', 'tooLarge', null],
    ]);
  });

  it('Given the template of a session, then a file built from it reads back and the entries write in one go', () => {
    const { s, read } = session();
    const header = paperCsvTemplate(context(s).ideas);
    expect(header).toEqual(['sheet', 'Youth club', 'Job fair', 'Tree planting']);
    const r = read(`${header.join(',')}\r\n1,1,1,1\r\n2,3,,2\r\n`);
    if (!r.ok) throw new Error('expected a good file');
    enterPaperBallots(s.doc, r.entries, s.ctx);
    expect(viewSession(s.doc)!.count.counted).toHaveLength(2);
  });
});

describe('CSV problems in the facilitator’s words', () => {
  /** Every problem of the file as the import panel lists it, in English or Welsh. */
  async function sentences(text: string, method?: PriorityMethod, language = 'en'): Promise<string[]> {
    const [{ csvProblemInWords }, { loadLanguage, makeTranslator }] = await Promise.all([
      import('../../../src/ui/paper/words'),
      import('../../../src/ui/i18n'),
      import('../../../src/ui/paper/messages'),
    ]);
    if (language !== 'en') await loadLanguage(language, 'staff');
    const t = makeTranslator(language);
    const { s, read } = session(method);
    const r = read(text);
    if (r.ok) throw new Error('expected problems');
    return r.problems.map((p) => csvProblemInWords(t, p, viewSession(s.doc)!.settings.method.kind));
  }

  it('Given a dots file with too many dots on a sheet, on one idea, or none, When read, Then each row says what the sheet has and what the session allows, not the resident’s kiosk words', async () => {
    const said = await sentences(
      ['sheet,Youth club,Job fair,Tree planting', '1,2,2,2', '2,4,,', '3,,,', '4,1,1,1'].join('\n'),
    );
    expect(said).toEqual([
      'Row 2: this sheet has 6 dots; the session allows 5 in all.',
      'Row 3, column “Youth club”: this sheet has 4 dots on this idea; the session allows at most 3 on one idea.',
      'Row 4: this sheet has no idea chosen. If the sheet was handed in blank, leave its row out.',
    ]);
    for (const sentence of said) expect(sentence).not.toMatch(/\byou\b|\byour\b|Take a dot off/i);
  });

  it('Given a ranking file ranking more ideas than the session allows, When read, Then the row says how many it ranks and the limit', async () => {
    expect(
      await sentences('sheet,Youth club,Job fair,Tree planting\n1,1,2,3\n', {
        kind: 'ranking',
        maxRanked: 2,
      }),
    ).toEqual(['Row 2: this sheet ranks 3 ideas; the session allows at most 2.']);
  });

  it('Given a budget file ticking more than the pot, or less than the minimum spend, When read, Then the row gives the sheet’s cost beside the pot or the minimum', async () => {
    const said = await sentences('sheet,Youth club,Job fair,Tree planting\n1,x,x,x\n2,,x,\n', {
      kind: 'budget',
      minSharePercent: 50,
    });
    expect(said[0]).toBe('Row 2: the ideas ticked on this sheet cost £60,000; the pot is £50,000.');
    expect(said[1]).toMatch(
      /^Row 3: the ideas ticked on this sheet cost £15,000; the session asks for ideas worth at least £[\d,]+\.$/,
    );
    expect(said).toHaveLength(2);
  });

  it('Given the same file on a Welsh staff screen, Then the row is in Welsh with the sheet’s figures', async () => {
    expect(await sentences('sheet,Youth club,Job fair\n1,3,3\n', undefined, 'cy')).toEqual([
      'Rhes 2: mae gan y ddalen hon 6 dot; mae’r sesiwn yn caniatáu 5 i gyd.',
    ]);
  });
});

describe('sheet numbers in words', () => {
  it('Given sheet numbers in any order with repeats, then they read as short ranges', async () => {
    const { sheetRanges } = await import('../../../src/ui/paper/words');
    expect(sheetRanges([12, 10, 11, 3, 5, 4, 20, 3])).toBe('3–5, 10–12, 20');
    expect(sheetRanges([7])).toBe('7');
    expect(sheetRanges([])).toBe('');
  });
});

describe('files as spreadsheets save them', () => {
  /** The fixture's session with a fourth idea, titled `title` (£5,000). */
  function withIdea(title: string) {
    const { s, read } = session();
    s.clock.advance();
    const idea = { title, description: '', themeId: 'theme-young', costPence: 500_000, where: '' };
    return { s, read, id: addProposal(s.doc, idea, null, s.ctx) };
  }
  /** An idea whose title has £ and ’, as a Windows spreadsheet might hold it. */
  const withPoundIdea = () => withIdea('Youth club £5 trips’');
  /** What the import panel reads from a chosen file: its bytes, decoded. */
  const readBytes = (bytes: Uint8Array, read: (text: string) => PaperCsvResult) => {
    const { text, encoding } = decodeCsvBytes(bytes);
    return { encoding, result: read(text) };
  };

  it('Given Excel’s “Unicode text” (UTF-16LE with a byte-order mark, tabs between cells), When read, Then every sheet is found and the encoding is named', () => {
    const { s, read } = session();
    const text = 'sheet\tYouth club\tJob fair\r\n1\t2\t1\r\n';
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    const { encoding, result } = readBytes(bytes, read);
    expect(encoding).toBe('utf-16le');
    expect(result).toEqual({
      ok: true,
      entries: [{ sheet: 1, choices: { kind: 'dots', dots: { [s.ids.I1]: 2, [s.ids.I2]: 1 } } }],
    });
    // And big-endian, as some Mac tools save it.
    const be = Buffer.from(text, 'utf16le').swap16();
    expect(readBytes(new Uint8Array([0xfe, 0xff, ...be]), read).result.ok).toBe(true);
  });

  it('Given a windows-1252 CSV (Excel’s plain “CSV”) with £ and ’ in a title, When read, Then the title matches its idea and the encoding is named', () => {
    const { read, id } = withPoundIdea();
    // "Youth club £5 trips’" in windows-1252: £ is 0xA3, ’ is 0x92 (not valid UTF-8).
    const bytes = new Uint8Array([
      ...Buffer.from('sheet,Youth club ', 'latin1'),
      0xa3,
      ...Buffer.from('5 trips', 'latin1'),
      0x92,
      ...Buffer.from('\r\n1,2\r\n', 'latin1'),
    ]);
    const { encoding, result } = readBytes(bytes, read);
    expect(encoding).toBe('windows-1252');
    expect(result).toEqual({
      ok: true,
      entries: [{ sheet: 1, choices: { kind: 'dots', dots: { [id]: 2 } } }],
    });
  });

  it('Given a UTF-8 file, When read, Then it is read as UTF-8', () => {
    const { read, id } = withPoundIdea();
    const { encoding, result } = readBytes(
      Buffer.from('\uFEFFsheet,Youth club £5 trips’\n1,3\n', 'utf8'),
      read,
    );
    expect(encoding).toBe('utf-8');
    expect(result.ok && result.entries[0]!.choices).toEqual({ kind: 'dots', dots: { [id]: 3 } });
  });

  it('Given a semicolon file whose idea title holds a comma, When read, Then semicolons separate and the idea is found', () => {
    const { s, read, id } = withIdea('Youth club, phase 2');
    expect(read('sheet;Youth club, phase 2;Job fair\r\n7;1;2\r\n')).toEqual({
      ok: true,
      entries: [{ sheet: 7, choices: { kind: 'dots', dots: { [id]: 1, [s.ids.I2]: 2 } } }],
    });
    // A comma file whose title holds a semicolon still reads with commas.
    expect(read('sheet,"Youth club, phase 2",Job fair\r\n8,1,\r\n').ok).toBe(true);
  });
});
