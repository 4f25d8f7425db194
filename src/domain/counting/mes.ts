/**
 * The Method of Equal Shares (MES) for approval ballots, with cost utilities, the Add1 completion and the
 * optional comparison step.
 *
 * Rule (MES at a fixed endowment e): every voter gets a budget of e. A project c is a candidate if it costs more
 * than 0 and someone approves it. Each round, for every candidate compute the smallest per-head payment p with
 * Σ_{i approves c} min(b_i, p) = cost(c) (supporters who have less than p pay all they have); a candidate whose
 * supporters together hold less than its cost is dropped for good. The candidate with the smallest p / cost(c)
 * (equivalently the largest effective vote count cost(c)/p) is funded, its supporters pay min(b_i, p), and the
 * rounds go on until no candidate is left. Utilities are COST utilities (u_i(c) = cost(c)), the variant of
 * equalshares.net and its compute tool, the one the real MES elections used and the one that reproduces Assen
 * 2024, Świecie 2023 and Wieliczka 2023; approval (cardinality) utilities reproduce none of them.
 * Completion ('add1'): MES alone spends about 60–70% of the budget, so the endowment is raised by 1 per voter,
 * starting from floor(B/n), and MES is rerun from scratch each time; the last outcome whose cost is within the
 * budget is kept. The loop continues until the next step is infeasible (or every candidate is funded): there is
 * NO "stop when exhaustive" test and NO utilitarian completion afterwards. This is the pabulib checker's
 * `_compute_equalshares_winners(add1=True)` and the only reading that reproduces Wieliczka (with the exhaustiveness
 * stop it halts at 302 with a different, unofficial outcome; add1u would wrongly add Assen's project 7).
 * pabutools' variant (start at B/n exactly, step d, stop when exhaustive) is available through the options.
 * Comparison ('-comparison', Wieliczka): G = greedy by approvals (skipping, PROJECTS row order on ties); if more
 * voters approve strictly more winners in G than in the MES outcome than the other way round, G is the result;
 * a tie keeps MES.
 * Source: ../shared/data/pabulib/RULES.md §2–3: equalshares.net docs (equalshares/equalshares.net
 * docs/implementation/{computation,completion,tie-breaking}.mdx), equalshares/equalshares-compute-tool
 * js/methodOfEqualSharesWorker.js @ 31f52ee, pabulib/checker pabulib/checker.py @ 1180aca
 * (`_equal_shares_fixed_budget`, `_compute_equalshares_winners`, `_apply_equalshares_comparison_step`),
 * COMSOC-Community/pabutools pabutools/rules/mes/mes_rule.py @ 33b8575. Peters & Skowron, "Proportionality and
 * the limits of welfarism" (EC 2020).
 * Tie-break (equal effective vote counts, compared exactly): lowest cost, then most approvals, then input order
 * (the order the projects are given in: the PROJECTS row order of a .pb file) — equalshares.net's rule with
 * input order in place of a lot.
 *
 * Arithmetic: every result is exact (BigInt fractions, rational.ts). Plain MES runs exactly. Add1 runs
 * hundreds of MES rounds (Wieliczka: 166 endowments), so by default it searches with floating-point runs
 * and falls back to an exact run for any endowment where a decision came within a relative 1e-9 of a tie or
 * of (un)affordability; then it reruns the kept endowment and the first infeasible one exactly, and redoes the
 * whole search exactly if either disagrees (`arithmetic: 'exact'` makes every run exact; the tests check both
 * agree on the three real elections and on random ones). Speed: voters with identical ballots are merged into
 * one weighted group, and voters with equal budgets share one budget "class", so arithmetic runs once per
 * class, not once per voter; effective vote counts only go down, so each round only re-evaluates candidates
 * whose previous value could still beat the best one found so far (the speed-up every implementation uses).
 * Wieliczka with Add1 and the comparison: about 0.2–0.4 s (1.3 s all-exact).
 */
import { greedy, type CountingProject } from './greedy';
import {
  add,
  cmp,
  div,
  divInt,
  floor,
  fromNumber,
  mulInt,
  rat,
  sub,
  toNumber,
  toString,
  ZERO,
  type Rational,
} from './rational';

export interface MesRun {
  /** Funded project ids, in the order MES funded them. */
  selected: string[];
  spent: Rational;
}

export interface MesOptions {
  /** 'add1' (default) raises the endowment until the next step is infeasible; 'none' is plain MES at B/n. */
  completion?: 'none' | 'add1';
  /** Apply the comparison step with greedy by approvals afterwards. */
  comparison?: boolean;
  /**
   * After MES (and Add1), fund the remaining projects greedily by approvals with what is left (the compute
   * tool's `utilitarian` / `add1u`). Off by default: it does not reproduce Assen (it would add project 7).
   */
  utilitarian?: boolean;
  /** Add1 increment per voter (default 1). */
  increment?: number | Rational;
  /** Add1 start: 'floor' = floor(B/n) (default, pabulib checker), 'exact' = B/n (pabutools). */
  start?: 'floor' | 'exact';
  /** Stop Add1 as soon as the outcome is exhaustive (pabutools, compute tool). Default false. */
  exhaustiveStop?: boolean;
  /**
   * 'checked' (default): Add1 searches with floating-point MES runs, reruns exactly any endowment where a
   * decision was within 1e-9 of a tie, and reruns the kept endowment and the first infeasible one exactly
   * (redoing the whole search exactly if they disagree). 'exact': every run exact.
   */
  arithmetic?: 'checked' | 'exact';
}

export interface MesResult {
  /** Funded project ids: MES order, or greedy order when the comparison chose greedy. */
  selected: string[];
  spent: number;
  leftover: number;
  /** The endowment per voter of the kept MES outcome, exact ("2033", "100000/84"). */
  endowment: string;
  /** How many MES runs the completion made. */
  runs: number;
  comparison?: { preferMes: number; preferGreedy: number; chose: 'mes' | 'greedy' };
}

function toRational(x: number | Rational): Rational {
  return typeof x === 'number' ? fromNumber(x) : x;
}

/** Precomputed, endowment-independent structure of an approval election. */
export class MesElection {
  readonly projects: readonly CountingProject[];
  readonly costs: readonly Rational[];
  private readonly costsF: Float64Array;
  /** Total approvals per project. */
  readonly approvals: readonly number[];
  /** Voter groups (identical ballots) with their weights. */
  readonly weights: Int32Array;
  /** Supporting groups per project. */
  readonly supporters: readonly Int32Array[];
  readonly candidates: readonly number[];
  readonly voterCount: number;
  private readonly ballotsIdx: readonly (readonly number[])[];

  constructor(projects: readonly CountingProject[], ballots: readonly (readonly string[])[]) {
    this.projects = projects;
    this.costs = projects.map((p) => fromNumber(p.cost));
    this.costsF = Float64Array.from(this.costs, toNumber);
    const index = new Map<string, number>();
    projects.forEach((p, i) => {
      if (index.has(p.id)) throw new RangeError(`The project id "${p.id}" appears twice.`);
      index.set(p.id, i);
    });
    const groupOf = new Map<string, number>();
    const weights: number[] = [];
    const groupBallots: number[][] = [];
    const ballotsIdx: number[][] = [];
    for (const ballot of ballots) {
      const idx = [...new Set(ballot)].map((id) => {
        const i = index.get(id);
        if (i === undefined) throw new RangeError(`A ballot approves "${id}", which is not a project.`);
        return i;
      });
      idx.sort((a, b) => a - b);
      ballotsIdx.push(idx);
      const key = idx.join(',');
      const g = groupOf.get(key);
      if (g === undefined) {
        groupOf.set(key, weights.length);
        weights.push(1);
        groupBallots.push(idx);
      } else weights[g] = (weights[g] ?? 0) + 1;
    }
    this.ballotsIdx = ballotsIdx;
    this.voterCount = ballots.length;
    this.weights = Int32Array.from(weights);
    const sup: number[][] = projects.map(() => []);
    groupBallots.forEach((idx, g) => {
      for (const c of idx) (sup[c] as number[]).push(g);
    });
    this.supporters = sup.map((s) => Int32Array.from(s));
    this.approvals = sup.map((s) => s.reduce((a, g) => a + (weights[g] ?? 0), 0));
    this.candidates = projects
      .map((_, c) => c)
      .filter((c) => (this.approvals[c] ?? 0) > 0 && (this.costs[c] as Rational).n > 0n);
  }

  /** Ballots as project indexes (one per voter, in input order). */
  ballotIndexes(): readonly (readonly number[])[] {
    return this.ballotsIdx;
  }

  /** Tie-break order: true when a should be funded before b at equal effective vote count. */
  private before(a: number, b: number): boolean {
    const c = cmp(this.costs[a] as Rational, this.costs[b] as Rational);
    if (c !== 0) return c < 0;
    const d = (this.approvals[a] ?? 0) - (this.approvals[b] ?? 0);
    if (d !== 0) return d > 0;
    return a < b;
  }

  /** Plain MES at a fixed endowment per voter (exact). */
  run(endowment: Rational): MesRun {
    const weights = this.weights;
    const cls = new Int32Array(weights.length); // budget class of each group
    const classBudget: Rational[] = [endowment];
    const prev = new Map<number, Rational>(); // lower bound on rho (= p / cost), only goes up
    for (const c of this.candidates) prev.set(c, rat(1n, BigInt(this.approvals[c] ?? 1)));
    let remaining = [...this.candidates];
    const selected: number[] = [];
    let spent = ZERO;
    const counts = new Map<number, number>();

    for (;;) {
      remaining.sort((a, b) => cmp(prev.get(a) as Rational, prev.get(b) as Rational));
      let best = -1;
      let bestRho = ZERO;
      let bestP = ZERO;
      const dropped = new Set<number>();
      for (const c of remaining) {
        if (best >= 0 && cmp(prev.get(c) as Rational, bestRho) > 0) break;
        // Supporters' weight per budget class.
        counts.clear();
        let total = 0;
        for (const g of this.supporters[c] as Int32Array) {
          const k = cls[g] as number;
          const w = weights[g] as number;
          counts.set(k, (counts.get(k) ?? 0) + w);
          total += w;
        }
        const classes = [...counts.keys()].sort((a, b) =>
          cmp(classBudget[a] as Rational, classBudget[b] as Rational),
        );
        let rest = this.costs[c] as Rational;
        let k = BigInt(total);
        let p: Rational | undefined;
        for (const kk of classes) {
          const b = classBudget[kk] as Rational;
          const w = BigInt(counts.get(kk) ?? 0);
          if (b.n === 0n) {
            k -= w; // an emptied supporter pays nothing
            continue;
          }
          // b * k >= rest, by cross-multiplication (no gcd on the hot path)
          if (b.n * k * rest.d >= rest.n * b.d) {
            p = divInt(rest, k);
            break;
          }
          rest = sub(rest, mulInt(b, w));
          k -= w;
        }
        if (p === undefined) {
          dropped.add(c);
          continue;
        }
        const rho = div(p, this.costs[c] as Rational);
        prev.set(c, rho);
        const o = best < 0 ? -1 : cmp(rho, bestRho);
        if (o < 0 || (o === 0 && this.before(c, best))) {
          best = c;
          bestRho = rho;
          bestP = p;
        }
      }
      if (best < 0) break;
      selected.push(best);
      spent = add(spent, this.costs[best] as Rational);
      const split = new Map<number, number>();
      for (const g of this.supporters[best] as Int32Array) {
        const k = cls[g] as number;
        let nk = split.get(k);
        if (nk === undefined) {
          const b = classBudget[k] as Rational;
          nk = classBudget.length;
          classBudget.push(cmp(b, bestP) <= 0 ? ZERO : sub(b, bestP));
          split.set(k, nk);
        }
        cls[g] = nk;
      }
      remaining = remaining.filter((c) => c !== best && !dropped.has(c));
    }
    return { selected: selected.map((c) => (this.projects[c] as CountingProject).id), spent };
  }

  /**
   * Plain MES at a fixed endowment in floating point, as a fast first pass. Returns undefined when any
   * decision was within a relative 1e-9 of going the other way (two candidates nearly tied, a candidate
   * nearly (un)affordable): the caller then reruns that endowment exactly. Decisions further apart than that
   * are the same as the exact run's, since float rounding stays far below 1e-9 here.
   */
  runFloat(endowment: number): MesRun | undefined {
    const EPS = 1e-9;
    const weights = this.weights;
    const costs = this.costsF;
    const cls = new Int32Array(weights.length);
    const classBudget: number[] = [endowment];
    const prev = new Float64Array(this.projects.length);
    for (const c of this.candidates) prev[c] = 1 / (this.approvals[c] ?? 1);
    let remaining = [...this.candidates];
    const selected: number[] = [];
    const counts = new Map<number, number>();
    for (;;) {
      remaining.sort((a, b) => (prev[a] as number) - (prev[b] as number));
      let best = -1;
      let bestRho = Infinity;
      let bestP = 0;
      let second = Infinity;
      const dropped = new Set<number>();
      for (const c of remaining) {
        if (best >= 0 && (prev[c] as number) > bestRho * (1 + EPS)) break;
        counts.clear();
        let total = 0;
        for (const g of this.supporters[c] as Int32Array) {
          const k = cls[g] as number;
          const w = weights[g] as number;
          counts.set(k, (counts.get(k) ?? 0) + w);
          total += w;
        }
        const classes = [...counts.keys()].sort(
          (a, b) => (classBudget[a] as number) - (classBudget[b] as number),
        );
        const cost = costs[c] as number;
        let money = 0;
        for (const kk of classes) money += (classBudget[kk] as number) * (counts.get(kk) ?? 0);
        if (Math.abs(money - cost) <= EPS * cost) return undefined; // nearly (un)affordable
        if (money < cost) {
          dropped.add(c);
          continue;
        }
        let rest = cost;
        let k = total;
        let p = rest / k;
        for (const kk of classes) {
          const b = classBudget[kk] as number;
          if (b * k >= rest) {
            p = rest / k;
            break;
          }
          const w = counts.get(kk) ?? 0;
          rest -= b * w;
          k -= w;
        }
        const rho = p / cost;
        prev[c] = rho;
        if (rho < bestRho) {
          second = bestRho;
          best = c;
          bestRho = rho;
          bestP = p;
        } else if (rho < second) second = rho;
      }
      if (best < 0) break;
      if (second <= bestRho * (1 + EPS)) return undefined; // a (near) tie: let the exact run break it
      selected.push(best);
      const split = new Map<number, number>();
      for (const g of this.supporters[best] as Int32Array) {
        const k = cls[g] as number;
        let nk = split.get(k);
        if (nk === undefined) {
          const b = classBudget[k] as number;
          nk = classBudget.length;
          classBudget.push(b <= bestP ? 0 : b - bestP);
          split.set(k, nk);
        }
        cls[g] = nk;
      }
      remaining = remaining.filter((c) => c !== best && !dropped.has(c));
    }
    let spent = ZERO;
    for (const c of selected) spent = add(spent, this.costs[c] as Rational);
    return { selected: selected.map((c) => (this.projects[c] as CountingProject).id), spent };
  }

  /** True when no candidate outside the outcome fits in what is left of the budget. */
  isExhaustive(selected: readonly string[], spent: Rational, budget: Rational): boolean {
    const chosen = new Set(selected);
    const left = sub(budget, spent);
    return this.candidates.every(
      (c) => chosen.has((this.projects[c] as CountingProject).id) || cmp(this.costs[c] as Rational, left) > 0,
    );
  }
}

/**
 * MES with cost utilities, by default completed by Add1 (until the next step is infeasible) — the rule that
 * reproduces Assen 2024, Świecie 2023 and (with `comparison: true`) Wieliczka 2023.
 */
export function equalShares(
  projects: readonly CountingProject[],
  ballots: readonly (readonly string[])[],
  budget: number,
  options: MesOptions = {},
): MesResult {
  const election = new MesElection(projects, ballots);
  const B = fromNumber(budget);
  const n = BigInt(Math.max(1, election.voterCount));
  const exact = divInt(B, n);
  const start = options.completion === 'none' || options.start === 'exact' ? exact : rat(floor(exact));
  let e = start;
  let run: MesRun = options.completion === 'none' ? election.run(e) : { selected: [], spent: ZERO };
  let runs = 1;
  if (options.completion !== 'none') {
    const inc = toRational(options.increment ?? 1);
    if (inc.n <= 0n) throw new RangeError('The Add1 increment must be positive.');
    const add1 = (fast: boolean): void => {
      e = start;
      run = (fast ? election.runFloat(toNumber(e)) : undefined) ?? election.run(e);
      let last: MesRun | undefined; // the first infeasible outcome, when that is what stopped the loop
      for (;;) {
        if (run.selected.length === election.candidates.length) break;
        if (options.exhaustiveStop && election.isExhaustive(run.selected, run.spent, B)) break;
        const e2 = add(e, inc);
        const next = (fast ? election.runFloat(toNumber(e2)) : undefined) ?? election.run(e2);
        runs++;
        if (cmp(next.spent, B) > 0) {
          last = next;
          break;
        }
        e = e2;
        run = next;
      }
      if (!fast) return;
      // Confirm the two outcomes that decide the result exactly; if floats misled us anywhere, redo it exactly.
      const confirmed = election.run(e);
      const stopOk = last === undefined || cmp(election.run(add(e, inc)).spent, B) > 0;
      runs += last === undefined ? 1 : 2;
      if (stopOk && confirmed.selected.join('\u0000') === run.selected.join('\u0000')) {
        run = confirmed;
      } else {
        add1(false);
      }
    };
    add1(options.arithmetic !== 'exact');
  }
  let selected = run.selected;
  let spent = run.spent;
  if (options.utilitarian) {
    // Utilitarian completion: the other projects by approvals (input order on ties), each one that still fits.
    const chosen = new Set(selected);
    const rest = projects.filter((p) => !chosen.has(p.id));
    const votes = new Map<string, number>(projects.map((p, i) => [p.id, election.approvals[i] ?? 0]));
    const g = greedy(rest, votes, toNumber(sub(B, spent)));
    selected = [...selected, ...g.selected];
    for (const id of g.selected) {
      spent = add(spent, election.costs[projects.findIndex((p) => p.id === id)] as Rational);
    }
  }
  let comparison: MesResult['comparison'];
  if (options.comparison) {
    const votes = new Map<string, number>(projects.map((p, i) => [p.id, election.approvals[i] ?? 0]));
    const g = greedy(projects, votes, budget);
    const inMes = new Set(selected);
    const inGreedy = new Set(g.selected);
    let preferMes = 0;
    let preferGreedy = 0;
    for (const ballot of election.ballotIndexes()) {
      let m = 0;
      let gr = 0;
      for (const c of ballot) {
        const id = (projects[c] as CountingProject).id;
        if (inMes.has(id)) m++;
        if (inGreedy.has(id)) gr++;
      }
      if (m > gr) preferMes++;
      else if (gr > m) preferGreedy++;
    }
    const chose = preferGreedy > preferMes ? 'greedy' : 'mes';
    comparison = { preferMes, preferGreedy, chose };
    if (chose === 'greedy') {
      selected = g.selected;
      spent = fromNumber(g.spent);
    }
  }
  return {
    selected,
    spent: toNumber(spent),
    leftover: toNumber(sub(B, spent)),
    endowment: toString(e),
    runs,
    ...(comparison ? { comparison } : {}),
  };
}
