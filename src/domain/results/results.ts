/**
 * Results of one session under a named counting rule. Candidates are the ideas residents could choose (visible,
 * not merged away), in the order they were put forward (idea order: ideaOrder): that order is the input order of
 * every rule and so its final tie-break. Money is whole pence.
 *
 * Rules:
 * - 'votes': points per idea from countBallots (dots given; 1 per budget selection; K, K-1, ... for a ranking
 *   of at most K places). Decides no funding: `funded` is null.
 * - 'greedy': greedy by those points within the pot: take ideas by descending points, skip one that no longer
 *   fits, carry on down the list (src/domain/counting/greedy.ts). Any method. An idea nobody chose (no counted
 *   ballot gives it a point) is never funded, even when money is left: residents' priorities fund only what
 *   residents chose. pabulib's greedy would take it (a project with no votes is still a candidate there), so the
 *   .pb export names the rule `greedy-threshold` with a threshold of 1 (./pb.ts), and the comparisons with real
 *   pabulib elections call greedy without `fundable`.
 * - 'mes': budget sessions only. Each counted ballot's selection (after merges and hiding; ballots left with no
 *   idea are left out) is an approval ballot; the Method of Equal Shares with cost utilities and the Add1
 *   completion (src/domain/counting/mes.ts: the variant that reproduces the real MES elections), counted in
 *   POUNDS (costs and pot / 100, exact fractions) so Add1 starts at floor(pot / voters) pounds and steps £1 per
 *   voter, as the pabulib elections (in whole currency units) do; the .pb export is in pounds too, so
 *   `npm run tally -- file.pb --rule mes` gives the same winners. Points shown = approvals.
 * - 'borda': ranking sessions only. Borda count, m - 1 - position with m = the number of candidates, over each
 *   counted ranking (after merges and hiding); funded set = greedy by Borda score within the pot
 *   (src/domain/counting/rankings.ts); an idea nobody ranked is never funded, as under 'greedy'.
 * - 'mes' never funds an idea nobody chose either: MES's candidates are ideas someone approves (mes.ts).
 * Tie-break: equal points (or equal effective vote counts for MES, after its own lowest-cost-then-most-approvals
 * rule) go to the idea put forward first. Rows are listed by points (highest first), then the same order.
 */
import type { SessionView } from '../../doc/session';
import { greedy, rankingsToFundedSet, type CountingProject } from '../counting';
import { answerMesQuestion, mesQuestion } from './mesQuestion';

export { approvalSets } from './mesQuestion';
import type { MethodKind, Pence } from '../types';

export const RULE_NAMES = ['votes', 'greedy', 'mes', 'borda'] as const;
export type RuleName = (typeof RULE_NAMES)[number];

export const TIE_BREAK_TEXT = 'Equal points: the idea put forward first (oldest first, then by id) wins.';

const RULE_TEXT: Record<RuleName, string> = {
  votes:
    'Votes: points per proposal (dots given; 1 per budget selection; K, K-1, ... for a ranking of K places).',
  greedy:
    'Greedy within the pot: proposals by descending points; a proposal that no longer fits is skipped and the list carried on. A proposal nobody chose is never funded.',
  mes: 'Method of Equal Shares (approval ballots, cost utilities) with the Add1 completion.',
  borda:
    'Borda count (m - 1 - position, m = number of proposals); funded: greedy by Borda score within the pot. A proposal nobody ranked is never funded.',
};

export class ResultsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResultsError';
  }
}

export interface ResultRow {
  rank: number;
  proposalId: string;
  title: string;
  themeId: string;
  themeName: string;
  costPence: Pence;
  points: number;
  supporters: number;
  /** null when the rule decides no funding ('votes'). */
  funded: boolean | null;
  mergedIds: string[];
}

export interface SessionResult {
  sessionId: string;
  rule: RuleName;
  ruleText: string;
  tieBreak: string;
  potPence: Pence;
  spentPence: Pence;
  leftoverPence: Pence;
  /** Funded ids in the order the rule took them (empty for 'votes'). */
  selected: string[];
  rows: ResultRow[];
  /** MES only: the endowment per voter of the kept outcome, in pence, exact. */
  endowment?: string;
  /** Set while the funded set is still being worked out (see sessionResults): nothing is funded yet. */
  counting?: true;
}

/** Which rules apply to a method. */
export function rulesFor(kind: MethodKind): RuleName[] {
  if (kind === 'budget') return ['votes', 'greedy', 'mes'];
  if (kind === 'ranking') return ['votes', 'greedy', 'borda'];
  return ['votes', 'greedy'];
}

/** The default rule for a method when a caller names none. */
export function defaultRule(kind: MethodKind): RuleName {
  return kind === 'budget' ? 'mes' : kind === 'ranking' ? 'borda' : 'greedy';
}

/** Each counted ballot's canonical ideas, best first (by points given, then candidate order); empty ones dropped. */
export function countedChoices(view: SessionView): string[][] {
  const order = new Map(view.visible.map((v, i) => [v.id, i]));
  return view.count.counted
    .map(({ points }) =>
      [...points.entries()]
        .filter(([id, n]) => n > 0 && order.has(id))
        .sort((a, b) => b[1] - a[1] || (order.get(a[0]) ?? 0) - (order.get(b[0]) ?? 0))
        .map(([id]) => id),
    )
    .filter((c) => c.length > 0);
}

/**
 * What a rule decided: the funded ids in the order it took them, and (Borda only) the scores it ranked by. MES's
 * decision can be worked out apart (in a worker) from its packed question: ./mesQuestion.ts.
 */
export interface Funding {
  selected: string[];
  /** The rule's own scores when they are not the board's points (Borda). */
  scores?: ReadonlyMap<string, number>;
  /** MES only: the endowment per voter of the kept outcome, exact. */
  endowment?: string;
}

/** The funded set under a rule ('votes' funds nothing). */
export function decideFunding(view: SessionView, rule: RuleName): Funding {
  checkRule(view, rule);
  const pot = view.settings.potPence;
  const projects: CountingProject[] = view.visible.map((v) => ({ id: v.id, cost: v.costPence }));
  if (rule === 'mes') return answerMesQuestion(mesQuestion(view));
  const fundable = chosenIdeas(view);
  if (rule === 'greedy') return { selected: greedy(projects, boardScores(view), pot, { fundable }).selected };
  if (rule === 'borda') {
    const r = rankingsToFundedSet(projects, countedChoices(view), pot, { scale: 'borda', fundable });
    return { selected: r.selected, scores: r.scores };
  }
  return { selected: [] };
}

function checkRule(view: SessionView, rule: RuleName): void {
  const kind = view.settings.method.kind;
  if (!rulesFor(kind).includes(rule)) {
    throw new ResultsError(
      `The rule "${rule}" does not apply to a ${kind} session (use ${rulesFor(kind).join(', ')}).`,
    );
  }
}

/** The ideas at least one counted ballot chose: the only ones a rule may fund. */
export function chosenIdeas(view: SessionView): Set<string> {
  return new Set(view.board.filter((b) => b.supporters > 0).map((b) => b.proposal.id));
}

function boardScores(view: SessionView): Map<string, number> {
  const boardPoints = new Map(view.board.map((b) => [b.proposal.id, b.points]));
  return new Map(view.visible.map((v) => [v.id, boardPoints.get(v.id) ?? 0]));
}

/**
 * The session's results under a rule. `funding` is the rule's decision (worked out here when not given); pass
 * 'counting' for the rows while a decision is still being worked out elsewhere: the same rows, in the same order
 * for every rule but Borda, with `funded` null and `counting` set.
 */
export function sessionResults(
  view: SessionView,
  rule: RuleName,
  funding: Funding | 'counting' = decideFunding(view, rule),
): SessionResult {
  checkRule(view, rule);
  const pot = view.settings.potPence;
  const themes = new Map(view.settings.themes.map((t) => [t.id, t.name]));
  const candidates = view.visible;
  const supporters = new Map(view.board.map((b) => [b.proposal.id, b.supporters]));
  const isCounting = funding === 'counting';
  const scores = (!isCounting && funding.scores) || boardScores(view);
  const selected = isCounting ? [] : funding.selected;
  const endowment = isCounting ? undefined : funding.endowment;
  const funded = new Set(selected);
  const order = new Map(candidates.map((v, i) => [v.id, i]));
  const sorted = [...candidates].sort(
    (a, b) =>
      (scores.get(b.id) ?? 0) - (scores.get(a.id) ?? 0) || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
  );
  const rows: ResultRow[] = sorted.map((v, i) => ({
    rank: i + 1,
    proposalId: v.id,
    title: v.shownTitle,
    themeId: v.themeId,
    themeName: themes.get(v.themeId) ?? '',
    costPence: v.costPence,
    points: scores.get(v.id) ?? 0,
    supporters: supporters.get(v.id) ?? 0,
    funded: rule === 'votes' || isCounting ? null : funded.has(v.id),
    mergedIds: v.mergedIds,
  }));
  const spent = candidates.filter((v) => funded.has(v.id)).reduce((s, v) => s + v.costPence, 0);
  return {
    sessionId: view.records.sessionId,
    rule,
    ruleText: RULE_TEXT[rule],
    tieBreak: TIE_BREAK_TEXT,
    potPence: pot,
    spentPence: spent,
    leftoverPence: pot - spent,
    selected,
    rows,
    ...(endowment !== undefined ? { endowment } : {}),
    ...(isCounting ? { counting: true as const } : {}),
  };
}
