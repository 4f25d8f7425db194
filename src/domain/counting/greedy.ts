/**
 * Greedy by score within the budget (the "standard" municipal rule, pabulib `rule;greedy`).
 *
 * Rule: sort the projects by score (approvals, points or ranking score), highest first; walk down the list and
 * take each project whose cost still fits in what is left of the budget; a project that does not fit is
 * SKIPPED and the walk carries on, so a cheaper, lower-ranked project may still be funded. Projects with no
 * votes are still candidates (taken if money is left over), as in pabulib; with `fundable` only the projects it
 * names may be taken (the app's own sessions pass the ideas someone chose: src/domain/results/results.ts), the
 * others are passed over as if absent. With `noSkip` the walk stops at the first project
 * that does not fit (pabulib `greedy-no-skip`), passing over withdrawn projects (cost 999999999, pabulib's
 * sentinel) as the checker does; with `threshold` a project needs at least that score
 * (`greedy-threshold`). Money is compared exactly (BigInt fractions), so costs such as 0.9 + 1.09 add up right.
 * Source: pabulib checker `verify_greedy_selected` (pabulib/checker pabulib/checker.py @ 1180aca) and pabutools
 * `greedy_utilitarian_welfare` with Cost_Sat (COMSOC-Community/pabutools
 * pabutools/rules/greedywelfare/greedywelfare_rule.py @ 33b8575), as set out in
 * test/fixtures/pabulib/RULES.md §1.
 * Tie-break (equal scores), a parameter:
 * - 'input-order' (default): the order the projects are given in, i.e. the PROJECTS row order of a .pb file;
 *   this is what the pabulib checker and the equalshares compute tool do, and what reproduces the published
 *   winners (Warszawa 2019 Targówek Mieszkaniowy needs it);
 * - 'id': project id as a string (pabutools' default `lexico_tie_breaking`), e.g. "1159" < "797";
 * - 'cheapest': lowest cost first, then input order;
 * - 'most-expensive': highest cost first, then input order.
 */
import { add, cmp, fromNumber, sub, toNumber, type Rational } from './rational';

/** pabulib's cost for a withdrawn or excluded project, so that greedy never picks it. */
export const WITHDRAWN_COST = 999999999;

export interface CountingProject {
  id: string;
  cost: number;
}

export type GreedyTieBreak = 'input-order' | 'id' | 'cheapest' | 'most-expensive';

export interface GreedyOptions {
  tieBreak?: GreedyTieBreak;
  /** Stop at the first project that does not fit (pabulib `greedy-no-skip`). */
  noSkip?: boolean;
  /** A project needs at least this score to be eligible (pabulib `greedy-threshold`). */
  threshold?: number;
  /**
   * Only these projects may be funded; absent, every project is a candidate (pabulib's rule: one with no votes is
   * taken if money is left, which the comparisons with real pabulib elections rely on).
   */
  fundable?: ReadonlySet<string>;
}

export interface GreedyStep {
  id: string;
  score: number;
  cost: number;
  taken: boolean;
}

export interface GreedyResult {
  /** Funded project ids, in the order they were taken. */
  selected: string[];
  spent: number;
  leftover: number;
  /** Every project considered, in order, and whether it was taken. */
  trace: GreedyStep[];
}

/** Orders project indexes by score, highest first, ties by the given rule. */
export function rankByScore(
  projects: readonly CountingProject[],
  scores: ReadonlyMap<string, number>,
  tieBreak: GreedyTieBreak = 'input-order',
): number[] {
  const idx = projects.map((_, i) => i);
  const score = (i: number): number => scores.get((projects[i] as CountingProject).id) ?? 0;
  idx.sort((a, b) => {
    const d = score(b) - score(a);
    if (d !== 0) return d;
    const pa = projects[a] as CountingProject;
    const pb = projects[b] as CountingProject;
    if (tieBreak === 'id') return pa.id < pb.id ? -1 : pa.id > pb.id ? 1 : a - b;
    if (tieBreak === 'cheapest' && pa.cost !== pb.cost) return pa.cost - pb.cost;
    if (tieBreak === 'most-expensive' && pa.cost !== pb.cost) return pb.cost - pa.cost;
    return a - b;
  });
  return idx;
}

/** Greedy by score within the budget, skipping projects that do not fit. Pure and deterministic. */
export function greedy(
  projects: readonly CountingProject[],
  scores: ReadonlyMap<string, number>,
  budget: number,
  options: GreedyOptions = {},
): GreedyResult {
  const order = rankByScore(projects, scores, options.tieBreak ?? 'input-order');
  let remaining: Rational = fromNumber(budget);
  let spent: Rational = fromNumber(0);
  const selected: string[] = [];
  const trace: GreedyStep[] = [];
  for (const i of order) {
    const p = projects[i] as CountingProject;
    const score = scores.get(p.id) ?? 0;
    if (options.threshold !== undefined && score < options.threshold) continue;
    if (options.fundable !== undefined && !options.fundable.has(p.id)) continue;
    const cost = fromNumber(p.cost);
    const fits = cmp(cost, remaining) <= 0;
    trace.push({ id: p.id, score, cost: p.cost, taken: fits });
    if (fits) {
      selected.push(p.id);
      remaining = sub(remaining, cost);
      spent = add(spent, cost);
    } else if (options.noSkip && p.cost !== WITHDRAWN_COST) {
      break;
    }
  }
  return { selected, spent: toNumber(spent), leftover: toNumber(remaining), trace };
}
