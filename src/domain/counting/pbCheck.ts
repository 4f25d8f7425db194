/**
 * Our own copy of pabulib's checker (the `pabulib/checker` project, Python, which our machines cannot install),
 * so every `.pb` file the app writes can be checked in the tests against the rules pabulib applies.
 *
 * Rule: the rules listed in test/fixtures/pabulib/CHECKER.md (read from pabulib/checker pabulib/checker.py @
 * 1180aca), each giving the checker's own error or warning text:
 * - META: obligatory keys; keys in pabulib's order (warning); unknown keys (warning); `vote_type` and `rule` from
 *   pabulib's lists; `date_begin` / `date_end` as `YYYY` or `DD.MM.YYYY`; `country` a real country name. The
 *   real checker asks pycountry; we keep a SMALL list of country names (COUNTRY_NAMES: the countries pabulib
 *   holds elections from, and the United Kingdom for our own exports), so a real but unlisted country would be
 *   reported here and not there: add it to the list.
 * - PROJECTS: columns in pabulib's order, `project_id` and `cost` present, `votes` or `score` present; cost 0 is
 *   an error; cost above the budget is an error unless it is the withdrawn sentinel 999999999; `votes` equals the
 *   VOTES rows naming the project (0: warning); `score` equals the points counted from VOTES (the `points`
 *   column when present; ordinal without points: the k-th choice of a ballot of length L scores L - k + 1;
 *   approval and choose-1: 1 per ballot).
 * - `selected` consistent with the rule: `greedy` (and `greedy-no-skip`, `greedy-threshold`): exactly greedy by
 *   the file's `score` column (else `votes`) within the budget, ties by PROJECTS row order (the checker's
 *   stable sort), and no unselected project that still fits in the money left ("unused budget", `greedy`
 *   only); the equal-shares rules are recounted with OUR Method of Equal Shares (./mes.ts: Add1 from floor(B/n)
 *   until infeasible for the `/add1` rules, plain MES at B/n otherwise, the comparison step for `-comparison`),
 *   not the checker's Python (which also floors costs and budget to whole units: files with fractional costs
 *   may differ there). `unknown`, `greedy-exclusive` and `greedy-custom` are not recounted.
 * - VOTES: columns in pabulib's order, `voter_id` and `vote` present; `points` required for cumulative and
 *   scoring, forbidden for approval and choose-1; one points value per project in `vote`. A project named twice
 *   in one ballot is accepted and counted per occurrence.
 * - Cells (FORMAT.md §3, when given the file's text): no white space at the start or end of any cell, and none
 *   around the commas of a list cell (`vote`, `points`, `category`, `beneficiaries`; META `categories`,
 *   `neighborhoods`, `subdistricts`), white space as Python's `str.strip()` sees it (the checker is Python: it
 *   also strips U+001C-U+001F and U+0085, which JavaScript's `trim()` keeps). Ours, stricter than the checker:
 *   no line break in a cell, even quoted (a reader that splits lines first, FORMAT.md §7, would break the row),
 *   line breaks as Python's `str.splitlines()` sees them.
 * Tie-break: not applicable (greedy recounts break equal scores by row order, as the checker does).
 */
import { greedy, WITHDRAWN_COST } from './greedy';
import { equalShares } from './mes';
import { parsePabulib, readRows, type PbElection } from './pabulib';

export interface PbCheck {
  /** Errors make the file invalid for pabulib. */
  errors: string[];
  /** Reported by pabulib, but the file is still valid. */
  warnings: string[];
}

export const META_ORDER = [
  'description',
  'country',
  'unit',
  'district',
  'subunit',
  'instance',
  'num_projects',
  'num_votes',
  'budget',
  'vote_type',
  'rule',
  'date_begin',
  'date_end',
  'min_length',
  'max_length',
  'min_sum_cost',
  'max_sum_cost',
  'min_points',
  'max_points',
  'min_sum_points',
  'max_sum_points',
  'default_score',
  'min_project_cost',
  'max_project_cost',
  'min_project_score_threshold',
  'neighborhoods',
  'subdistricts',
  'categories',
  'edition',
  'language',
  'currency',
  'fully_funded',
  'experimental',
  'comment',
  'acknowledgments',
  'leftover_budget',
  'budget_per_category',
  'budget_per_neighborhood',
  'min_length_per_category',
  'max_length_per_category',
  'min_sum_cost_per_category',
  'max_sum_cost_per_category',
] as const;

export const META_OBLIGATORY = [
  'description',
  'country',
  'unit',
  'instance',
  'num_projects',
  'num_votes',
  'budget',
  'vote_type',
  'rule',
  'date_begin',
  'date_end',
] as const;

export const VOTE_TYPES = ['ordinal', 'approval', 'cumulative', 'scoring', 'choose-1'] as const;

export const PB_RULES = [
  'greedy',
  'greedy-no-skip',
  'greedy-threshold',
  'greedy-exclusive',
  'greedy-custom',
  'equalshares',
  'equalshares-comparison',
  'equalshares/add1',
  'equalshares/add1-comparison',
  'unknown',
] as const;

export const PROJECT_COLUMNS = [
  'project_id',
  'cost',
  'votes',
  'score',
  'name',
  'category',
  'beneficiaries',
  'selected',
  'neighborhood',
  'subunit',
  'district',
  'description',
  'proposer',
  'public_id',
  'latitude',
  'longitude',
] as const;

/** The known VOTES columns in order; pabulib allows more after these ("..."). */
export const VOTER_COLUMNS = [
  'voter_id',
  'vote',
  'points',
  'age',
  'sex',
  'voting_method',
  'district',
  'neighborhood',
  'education',
] as const;

/** Real country names (a small list standing in for pycountry; see the header). */
export const COUNTRY_NAMES = [
  'United Kingdom',
  'Poland',
  'Netherlands',
  'Hungary',
  'France',
  'Germany',
  'Italy',
  'Spain',
  'Portugal',
  'Switzerland',
  'Austria',
  'Belgium',
  'Czechia',
  'Slovakia',
  'Lithuania',
  'Latvia',
  'Estonia',
  'Ireland',
  'Denmark',
  'Sweden',
  'Norway',
  'Finland',
  'Canada',
  'United States',
  'Brazil',
  'Mexico',
  'Japan',
  'Australia',
  'New Zealand',
] as const;

const DATE = /^(\d{4}|(0[1-9]|[12]\d|3[01])\.(0[1-9]|1[0-2])\.\d{4})$/;

/** Checks a `.pb` text (or an election already parsed) against pabulib's checker rules. */
export function checkPb(input: string | PbElection): PbCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  let e: PbElection;
  if (typeof input === 'string') {
    checkCells(input, errors);
    try {
      e = parsePabulib(input);
    } catch (err) {
      errors.push(`unreadable file: ${err instanceof Error ? err.message : String(err)}`);
      return { errors, warnings };
    }
  } else e = input;
  checkMeta(e, errors, warnings);
  checkColumns(e, errors);
  checkProjects(e, errors, warnings);
  checkSelected(e, errors);
  return { errors, warnings };
}

function checkMeta(e: PbElection, errors: string[], warnings: string[]): void {
  const keys = Object.keys(e.meta);
  for (const k of META_OBLIGATORY) if (!(k in e.meta)) errors.push(`missing obligatory meta field: ${k}`);
  const known = keys.filter((k) => (META_ORDER as readonly string[]).includes(k));
  for (const k of keys) if (!known.includes(k)) warnings.push(`unknown meta field: ${k}`);
  const rank = (k: string): number => (META_ORDER as readonly string[]).indexOf(k);
  if (known.some((k, i) => i > 0 && rank(known[i - 1] as string) > rank(k)))
    warnings.push(`wrong meta fields order: ${known.join(', ')}`);
  const voteType = e.meta['vote_type'];
  if (voteType !== undefined && !(VOTE_TYPES as readonly string[]).includes(voteType))
    errors.push(`unknown vote_type value: ${voteType}`);
  const rule = e.meta['rule'];
  if (rule !== undefined && !(PB_RULES as readonly string[]).includes(rule))
    errors.push(`unknown rule value: ${rule}`);
  for (const k of ['date_begin', 'date_end']) {
    const v = e.meta[k];
    if (v !== undefined && !DATE.test(v)) errors.push(`wrong date format in ${k}: ${v} (YYYY or DD.MM.YYYY)`);
  }
  const country = e.meta['country'];
  if (country !== undefined && !(COUNTRY_NAMES as readonly string[]).includes(country))
    errors.push(`unknown country name: ${country}`);
}

/** White space as Python's `str.isspace()` has it (pabulib's checker strips cells with `str.strip()`). */
const SPACE = '[\\s\\x1c-\\x1f\\x85]';
/** Line ends as Python's `str.splitlines()` has them (a pattern in a string: eslint's no-control-regex). */
const LINE_BREAKS = '[\\n\\v\\f\\r\\x1c-\\x1e\\x85\\u2028\\u2029]';
const LINE_BREAK = new RegExp(LINE_BREAKS);
const EDGE_SPACE = new RegExp(`^${SPACE}|${SPACE}$`);
const SPACE_BY_COMMA = new RegExp(`${SPACE},|,${SPACE}`);

/** Cells holding comma-separated lists (FORMAT.md §3). */
const LIST_COLUMNS = ['vote', 'points', 'category', 'beneficiaries'];
const LIST_META = ['categories', 'neighborhoods', 'subdistricts'];

/**
 * Text for one `.pb` cell that these rules accept: line breaks made spaces, white space at either end removed.
 * A list item (`isListItem`) also has its commas, with any spaces around them, made " / ".
 */
export function pbCellText(text: string, isListItem = false): string {
  const oneLine = text.replace(new RegExp(LINE_BREAKS, 'g'), ' ');
  const listed = isListItem ? oneLine.replace(new RegExp(`${SPACE}*,${SPACE}*`, 'g'), ' / ') : oneLine;
  return listed.replace(new RegExp(`^${SPACE}+|${SPACE}+$`, 'g'), '');
}

function checkCells(text: string, errors: string[]): void {
  let rows: ReturnType<typeof readRows>;
  try {
    rows = readRows(text);
  } catch {
    return; // parsePabulib has said why
  }
  let section = '';
  let header: string[] | undefined;
  for (const { cells, line } of rows) {
    const name = cells.length === 1 ? (cells[0] ?? '').trim().toLowerCase() : '';
    if (name === 'meta' || name === 'projects' || name === 'votes') {
      section = name;
      header = undefined;
    }
    cells.forEach((cell, i) => {
      const column = section === 'meta' ? (cells[0] ?? '') : (header?.[i] ?? '');
      const shown = JSON.stringify(cell.length > 60 ? `${cell.slice(0, 60)}…` : cell);
      if (LINE_BREAK.test(cell)) errors.push(`line break in a cell: line ${line}, ${shown}`);
      if (EDGE_SPACE.test(cell))
        errors.push(`whitespace at the start or end of a cell: line ${line}, ${shown}`);
      const isList =
        header !== undefined &&
        (section === 'meta' ? i === 1 && LIST_META.includes(cells[0] ?? '') : LIST_COLUMNS.includes(column));
      if (isList && SPACE_BY_COMMA.test(cell))
        errors.push(`spaces around a comma in a list: line ${line}, ${column}: ${shown}`);
    });
    if (name === '') header ??= cells;
  }
}

/** Columns must come in pabulib's order; unknown columns may follow the known ones. */
function orderError(columns: readonly string[], order: readonly string[], section: string): string | null {
  const known = columns.filter((c) => order.includes(c));
  const sorted = [...known].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return known.every((c, i) => c === sorted[i])
    ? null
    : `wrong ${section} columns order: ${columns.join(', ')}`;
}

function checkColumns(e: PbElection, errors: string[]): void {
  const p = e.projectColumns;
  for (const c of ['project_id', 'cost']) if (!p.includes(c)) errors.push(`missing PROJECTS column: ${c}`);
  if (!p.includes('votes') && !p.includes('score')) errors.push('PROJECTS needs a votes or a score column');
  const po = orderError(p, PROJECT_COLUMNS, 'PROJECTS');
  if (po !== null) errors.push(po);
  const v = e.voterColumns;
  for (const c of ['voter_id', 'vote']) if (!v.includes(c)) errors.push(`missing VOTES column: ${c}`);
  const vo = orderError(v, VOTER_COLUMNS, 'VOTES');
  if (vo !== null) errors.push(vo);
  const hasPoints = v.includes('points');
  if ((e.voteType === 'cumulative' || e.voteType === 'scoring') && !hasPoints)
    errors.push(`${e.voteType} votes need a points column`);
  if ((e.voteType === 'approval' || e.voteType === 'choose-1') && hasPoints)
    errors.push(`${e.voteType} votes must not have a points column`);
  for (const voter of e.voters) {
    if (voter.points !== undefined && voter.points.length !== voter.vote.length)
      errors.push(
        `voter ${voter.id}: ${voter.vote.length} projects in vote but ${voter.points.length} points`,
      );
  }
}

/** Votes and points per project counted from VOTES, per occurrence (a project named twice counts twice). */
export function countVotes(e: PbElection): { votes: Map<string, number>; score: Map<string, number> } {
  const votes = new Map(e.projects.map((p) => [p.id, 0]));
  const score = new Map(e.projects.map((p) => [p.id, 0]));
  for (const v of e.voters) {
    v.vote.forEach((id, k) => {
      votes.set(id, (votes.get(id) ?? 0) + 1);
      const pts =
        v.points !== undefined ? (v.points[k] ?? 0) : e.voteType === 'ordinal' ? v.vote.length - k : 1;
      score.set(id, (score.get(id) ?? 0) + pts);
    });
  }
  return { votes, score };
}

function checkProjects(e: PbElection, errors: string[], warnings: string[]): void {
  const { votes, score } = countVotes(e);
  for (const p of e.projects) {
    if (p.cost === 0) errors.push(`project with no cost: ${p.id}`);
    if (p.cost > e.budget && p.cost !== WITHDRAWN_COST)
      errors.push(`project cost above the budget: ${p.id} costs ${p.cost}, budget ${e.budget}`);
    const written = p.fields['votes'];
    if (written !== undefined) {
      const counted = votes.get(p.id) ?? 0;
      if (Number(written) !== counted)
        errors.push(`different values in votes: project ${p.id} says ${written}, VOTES give ${counted}`);
      if (counted === 0) warnings.push(`project with no votes: ${p.id}`);
    }
    const writtenScore = p.fields['score'];
    if (writtenScore !== undefined) {
      const counted = score.get(p.id) ?? 0;
      if (Math.abs(Number(writtenScore) - counted) > 1e-9)
        errors.push(
          `different values in scores: project ${p.id} says ${writtenScore}, VOTES give ${counted}`,
        );
    }
  }
}

function checkSelected(e: PbElection, errors: string[]): void {
  if (!e.projectColumns.includes('selected')) return;
  const rule = e.meta['rule'] ?? '';
  const chosen = new Set(e.projects.filter((p) => p.fields['selected'] === '1').map((p) => p.id));
  const same = (ids: readonly string[]): boolean =>
    ids.length === chosen.size && ids.every((id) => chosen.has(id));
  if (rule === 'greedy' || rule === 'greedy-no-skip' || rule === 'greedy-threshold') {
    // The checker ranks by the written values, not by a recount.
    const column = e.projectColumns.includes('score') ? 'score' : 'votes';
    const ranking = new Map(e.projects.map((p) => [p.id, Number(p.fields[column] ?? 0)]));
    const threshold = e.meta['min_project_score_threshold'];
    const r = greedy(e.projects, ranking, e.budget, {
      noSkip: rule === 'greedy-no-skip',
      ...(rule === 'greedy-threshold' && threshold !== undefined ? { threshold: Number(threshold) } : {}),
    });
    if (!same(r.selected))
      errors.push(
        `greedy rule not followed: greedy by ${column} selects ${[...r.selected].sort().join(',')}, the file ${[...chosen].sort().join(',')}`,
      );
    if (rule === 'greedy') {
      const spent = e.projects.filter((p) => chosen.has(p.id)).reduce((s, p) => s + p.cost, 0);
      const fits = e.projects.find(
        (p) => !chosen.has(p.id) && p.cost !== WITHDRAWN_COST && p.cost <= e.budget - spent + 1e-9,
      );
      if (fits !== undefined)
        errors.push(`unused budget: ${e.budget - spent} left, enough for project ${fits.id} (${fits.cost})`);
    }
  } else if (rule.startsWith('equalshares')) {
    const r = equalShares(
      e.projects,
      e.voters.map((v) => v.vote),
      e.budget,
      { completion: rule.includes('/add1') ? 'add1' : 'none', comparison: rule.endsWith('-comparison') },
    );
    if (!same(r.selected))
      errors.push(
        `equal shares rule not followed: ${rule} selects ${[...r.selected].sort().join(',')}, the file ${[...chosen].sort().join(',')}`,
      );
  }
}
