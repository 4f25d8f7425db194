/**
 * The `.pb` reader as it was before it was made faster (commit ada229b, src/domain/counting/pabulib.ts), kept
 * unchanged as the reference that pabulibSameAsBefore.test.ts compares the faster reader with: same rows, same
 * election, same warnings, same errors. Not used by the app. Only the reading half; the writer did not change.
 */

export class PabulibError extends Error {
  readonly line: number | undefined;
  constructor(message: string, line?: number) {
    super(line === undefined ? message : `Line ${line}: ${message}`);
    this.name = 'PabulibError';
    this.line = line;
  }
}

export interface PbProject {
  id: string;
  cost: number;
  /** Every other column of the row, by column name, as written. */
  fields: Record<string, string>;
}

export interface PbVoter {
  id: string;
  /** Project ids in the order written (for ordinal files: the ranking, best first). */
  vote: string[];
  /** Points for vote[i], when the file has a `points` column. */
  points?: number[];
  /** Every other column of the row, by column name, as written. */
  fields: Record<string, string>;
}

export interface PbElection {
  /** Every META key with its value as written, in file order (budget included). */
  meta: Record<string, string>;
  budget: number;
  voteType: string;
  /** PROJECTS column names in order (project_id and cost included). */
  projectColumns: string[];
  projects: PbProject[];
  /** VOTES column names in order (voter_id and vote included). */
  voterColumns: string[];
  voters: PbVoter[];
}

interface Row {
  cells: string[];
  line: number;
}

/** Splits the text into CSV rows on `;`, honouring double quotes; blank lines are skipped. */
export function readRows(text: string): Row[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows: Row[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let rowHasContent = false;
  // True until the current cell has read a character: only there does `"` open a quoted part (Python's csv).
  let atCellStart = true;
  let i = 0;
  const len = text.length;
  const endRow = (): void => {
    cells.push(cell);
    if (rowHasContent || cells.length > 1 || cell !== '') rows.push({ cells, line: rowLine });
    cells = [];
    cell = '';
    rowHasContent = false;
    atCellStart = true;
  };
  while (i < len) {
    const ch = text[i] as string;
    if (ch === '"' && atCellStart) {
      // A quoted cell: runs to the closing quote; "" is a literal quote.
      const startLine = line;
      i++;
      rowHasContent = true;
      let closed = false;
      while (i < len) {
        const c = text[i] as string;
        if (c === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (c === '\n') line++;
        cell += c;
        i++;
      }
      if (!closed) throw new PabulibError('a quoted cell is never closed.', startLine);
      // Text after the closing quote (`"Odkupmy" i my…`, Częstochowa 2020 Grabówka) stays in the same cell,
      // quotes dropped, as Python's csv module reads it (strict=False: the state QUOTE_IN_QUOTED_FIELD meeting
      // another character goes back to IN_FIELD), and so pabutools and pabulib's checker. Any later `"` in the
      // cell is kept as a literal character, because a quote only opens a quoted part at the start of a cell.
      atCellStart = false;
      continue;
    }
    if (ch === ';') {
      cells.push(cell);
      cell = '';
      atCellStart = true;
      rowHasContent = true;
      i++;
      continue;
    }
    if (ch === '\r' && text[i + 1] === '\n') {
      i++;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      endRow();
      line++;
      rowLine = line;
      i++;
      continue;
    }
    cell += ch;
    atCellStart = false;
    i++;
  }
  if (cell !== '' || cells.length > 0 || rowHasContent) endRow();
  return rows;
}

// Decimal digits only: Number() also reads "0x1A", "0b11", "0o7" and "Infinity", which no pabulib file means.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function parseNumber(text: string, what: string, line: number): number {
  const t = text.trim().replace(',', '.');
  const x = DECIMAL.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(x)) {
    throw new PabulibError(`${what} "${text}" is not a number written in decimal digits.`, line);
  }
  return x;
}

function splitList(text: string): string[] {
  return text === '' ? [] : text.split(',');
}

type Section = 'meta' | 'projects' | 'votes';
const SECTIONS: readonly Section[] = ['meta', 'projects', 'votes'];

/** The ballot types pabulib's checker allows in META `vote_type`. */
const VOTE_TYPES: readonly string[] = ['approval', 'choose-1', 'cumulative', 'ordinal', 'scoring'];

/** What a `.pb` file says, with the things a reader should know about how it was read. */
export interface PbReading {
  election: PbElection;
  /**
   * One sentence each, naming the section and a line, for things that were read in a stated way rather than
   * refused (a project named twice in a ballot, negative scoring points, no vote_type). Empty for clean files.
   */
  warnings: string[];
}

/** The META values the count rests on. Refuses those that would make the count wrong without saying so. */
function countingMeta(
  meta: Record<string, string>,
  metaLines: Record<string, number>,
  warnings: string[],
): { budget: number; voteType: string } {
  if (meta['budget'] === undefined) throw new PabulibError('META has no budget.');
  const budgetLine = metaLines['budget'] ?? 0;
  const budget = parseNumber(meta['budget'], 'the budget in META', budgetLine);
  if (budget < 0) {
    throw new PabulibError(
      `the budget in META is ${meta['budget']}; a budget cannot be negative.`,
      budgetLine,
    );
  }
  const voteType = meta['vote_type'];
  if (voteType === undefined) {
    warnings.push('META has no vote_type: every ballot is counted as an approval ballot.');
  } else if (!VOTE_TYPES.includes(voteType)) {
    throw new PabulibError(
      `META vote_type "${voteType}" is not one pabulib knows (${VOTE_TYPES.join(', ')}), so there is no telling how its ballots count.`,
      metaLines['vote_type'],
    );
  }
  const maxLength = meta['max_length'];
  if (voteType === 'ordinal' && maxLength !== undefined && !/^[1-9]\d*$/.test(maxLength.trim())) {
    throw new PabulibError(
      `META max_length "${maxLength}" is not a whole number of places; a ranked ballot scores max_length minus the place, so no project could be scored.`,
      metaLines['max_length'],
    );
  }
  return { budget, voteType: voteType ?? 'approval' };
}

/** Ballots read in a stated way, counted so that one warning line can sum them up. */
interface Oddity {
  count: number;
  /** The first one, as the example the warning names. */
  example: string;
}

function note(oddity: Oddity | undefined, example: string): Oddity {
  return oddity === undefined ? { count: 1, example } : { count: oddity.count + 1, example: oddity.example };
}

/** "1 ballot gives", "3 ballots give". */
function ballots(n: number, verb: string): string {
  return n === 1 ? `1 ballot ${verb}s` : `${n} ballots ${verb}`;
}

/** Parses the text of a `.pb` file. Throws PabulibError naming the line when the text is malformed. */
export function parsePabulib(text: string): PbElection {
  return readPabulib(text).election;
}

/**
 * Parses the text of a `.pb` file and says what was read in a stated way (PbReading.warnings). Throws
 * PabulibError naming the line when the text is malformed or would be counted wrongly.
 */
export function readPabulib(text: string): PbReading {
  const rows = readRows(text);
  const warnings: string[] = [];
  let counting: { budget: number; voteType: string } | undefined;
  let repeats: Oddity | undefined;
  let negatives: Oddity | undefined;
  const meta: Record<string, string> = {};
  const metaLines: Record<string, number> = {};
  let projectColumns: string[] = [];
  let voterColumns: string[] = [];
  const projects: PbProject[] = [];
  const voters: PbVoter[] = [];
  const projectIds = new Set<string>();
  const voterIds = new Set<string>();
  let section: Section | undefined;
  let header: string[] | undefined;
  const seen = new Set<Section>();
  let votesHeaderLine = 0;
  let projectsHeaderLine = 0;

  for (const row of rows) {
    const first = (row.cells[0] ?? '').trim().toLowerCase();
    if (row.cells.length === 1 && (SECTIONS as readonly string[]).includes(first)) {
      const next = first as Section;
      if (seen.has(next))
        throw new PabulibError(`the section ${next.toUpperCase()} appears twice.`, row.line);
      const expected = SECTIONS[seen.size];
      if (next !== expected) {
        throw new PabulibError(
          `found the section ${next.toUpperCase()} where ${String(expected).toUpperCase()} was expected (the order is META, PROJECTS, VOTES).`,
          row.line,
        );
      }
      seen.add(next);
      section = next;
      header = undefined;
      if (next === 'projects') counting = countingMeta(meta, metaLines, warnings);
      continue;
    }
    if (section === undefined) {
      throw new PabulibError('the file must start with a line holding only META.', row.line);
    }
    if (header === undefined) {
      header = row.cells;
      const dup = header.find((c, i) => header?.indexOf(c) !== i);
      if (dup !== undefined)
        throw new PabulibError(`the column "${dup}" appears twice in the header.`, row.line);
      if (section === 'meta' && (header.length !== 2 || header[0] !== 'key' || header[1] !== 'value')) {
        throw new PabulibError('the META header must be "key;value".', row.line);
      }
      if (section === 'projects') {
        if (header[0] !== 'project_id')
          throw new PabulibError('the PROJECTS header must start with project_id.', row.line);
        if (!header.includes('cost'))
          throw new PabulibError('the PROJECTS header has no cost column.', row.line);
        projectColumns = header;
        projectsHeaderLine = row.line;
      }
      if (section === 'votes') {
        if (header[0] !== 'voter_id')
          throw new PabulibError('the VOTES header must start with voter_id.', row.line);
        if (!header.includes('vote'))
          throw new PabulibError('the VOTES header has no vote column.', row.line);
        voterColumns = header;
        votesHeaderLine = row.line;
      }
      continue;
    }
    if (row.cells.length !== header.length) {
      throw new PabulibError(
        `this ${section.toUpperCase()} row has ${row.cells.length} cells but the header has ${header.length}.`,
        row.line,
      );
    }
    if (section === 'meta') {
      const [key, value] = row.cells as [string, string];
      if (key in meta) throw new PabulibError(`the META key "${key}" appears twice.`, row.line);
      meta[key] = value;
      metaLines[key] = row.line;
      continue;
    }
    const fields: Record<string, string> = {};
    header.forEach((col, i) => {
      fields[col] = row.cells[i] ?? '';
    });
    if (section === 'projects') {
      const id = fields['project_id'] ?? '';
      if (id === '') throw new PabulibError('a project has an empty project_id.', row.line);
      if (projectIds.has(id)) throw new PabulibError(`the project id "${id}" appears twice.`, row.line);
      projectIds.add(id);
      const cost = parseNumber(fields['cost'] ?? '', `the cost of project ${id}`, row.line);
      if (cost < 0) throw new PabulibError(`the cost of project ${id} is negative.`, row.line);
      delete fields['project_id'];
      delete fields['cost'];
      projects.push({ id, cost, fields });
      continue;
    }
    // votes
    const id = fields['voter_id'] ?? '';
    if (voterIds.has(id)) throw new PabulibError(`the voter id "${id}" appears twice.`, row.line);
    voterIds.add(id);
    const voteType = counting?.voteType ?? 'approval';
    const written = splitList(fields['vote'] ?? '');
    const vote = [...new Set(written)];
    for (const p of vote) {
      if (!projectIds.has(p))
        throw new PabulibError(`voter ${id} votes for "${p}", which is not a project.`, row.line);
    }
    const repeated =
      vote.length === written.length ? undefined : written.find((p, i) => written.indexOf(p) !== i);
    delete fields['voter_id'];
    delete fields['vote'];
    const voter: PbVoter = { id, vote, fields };
    if ('points' in fields) {
      const pointsText = fields['points'] ?? '';
      const points = splitList(pointsText).map((t) =>
        parseNumber(t, `a point value of voter ${id}`, row.line),
      );
      if (points.length !== written.length) {
        throw new PabulibError(
          `voter ${id} has ${written.length} projects in vote but ${points.length} values in points.`,
          row.line,
        );
      }
      if (repeated !== undefined) {
        throw new PabulibError(
          `voter ${id} gives points to project ${repeated} twice; adding them or keeping one would be a guess.`,
          row.line,
        );
      }
      const negative = points.findIndex((x) => x < 0);
      if (negative >= 0) {
        const gives = `gives ${points[negative]} to project ${written[negative]}`;
        if (voteType !== 'scoring') {
          // A cumulative voter shares out a stock of points and a ranking's points fall with the place: a
          // negative value means the file is wrong, and adding it would quietly take votes off a project.
          throw new PabulibError(
            `voter ${id} ${gives}; points in a ${voteType} ballot cannot be negative.`,
            row.line,
          );
        }
        negatives = note(negatives, `voter ${id} on line ${row.line} ${gives}`);
      }
      delete fields['points'];
      voter.points = points;
    }
    if (repeated !== undefined) {
      if (voteType === 'ordinal') {
        throw new PabulibError(
          `voter ${id} ranks project ${repeated} twice; which place counts would be a guess, and so would the scores.`,
          row.line,
        );
      }
      // pabulib's checker accepts such files and pabutools reads an approval ballot as a set; counting the
      // repeat once gives the published winners (Warszawa 2022 Wola, voter 37051).
      repeats = note(repeats, `voter ${id} on line ${row.line} lists project ${repeated} more than once`);
    }
    voters.push(voter);
  }

  if (!seen.has('votes')) {
    throw new PabulibError(
      `the file ends before the ${seen.has('projects') ? 'VOTES' : seen.has('meta') ? 'PROJECTS' : 'META'} section.`,
    );
  }
  if (projectColumns.length === 0) throw new PabulibError('the PROJECTS section has no header.');
  if (voterColumns.length === 0) throw new PabulibError('the VOTES section has no header.');
  counting ??= countingMeta(meta, metaLines, warnings);
  const np = meta['num_projects'];
  if (np !== undefined && Number(np) !== projects.length) {
    throw new PabulibError(
      `num_projects says ${np} but PROJECTS has ${projects.length} rows (header on line ${projectsHeaderLine}).`,
      metaLines['num_projects'],
    );
  }
  const nv = meta['num_votes'];
  if (nv !== undefined && Number(nv) !== voters.length) {
    throw new PabulibError(
      `num_votes says ${nv} but VOTES has ${voters.length} rows (header on line ${votesHeaderLine}).`,
      metaLines['num_votes'],
    );
  }
  if (repeats !== undefined) {
    warnings.push(
      `VOTES: ${ballots(repeats.count, 'name')} a project more than once (e.g. ${repeats.example}); such a project is counted once in that ballot.`,
    );
  }
  if (negatives !== undefined) {
    warnings.push(
      `VOTES: ${ballots(negatives.count, 'give')} negative points (e.g. ${negatives.example}); they are added as written, lowering those projects' scores.`,
    );
  }
  const election: PbElection = {
    meta,
    budget: counting.budget,
    voteType: meta['vote_type'] ?? 'approval',
    projectColumns,
    projects,
    voterColumns,
    voters,
  };
  return { election, warnings };
}
