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
 * Source: test/fixtures/pabulib/RULES.md §2–3: equalshares.net docs (equalshares/equalshares.net
 * docs/implementation/{computation,completion,tie-breaking}.mdx), equalshares/equalshares-compute-tool
 * js/methodOfEqualSharesWorker.js @ 31f52ee, pabulib/checker pabulib/checker.py @ 1180aca
 * (`_equal_shares_fixed_budget`, `_compute_equalshares_winners`, `_apply_equalshares_comparison_step`),
 * COMSOC-Community/pabutools pabutools/rules/mes/mes_rule.py @ 33b8575. Peters & Skowron, "Proportionality and
 * the limits of welfarism" (EC 2020).
 * Tie-break (equal effective vote counts, compared exactly): lowest cost, then most approvals, then input order
 * (the order the projects are given in: the PROJECTS row order of a .pb file) — equalshares.net's rule with
 * input order in place of a lot.
 *
 * Arithmetic: every result is exact. `run` is the reference: every step in BigInt fractions (rational.ts).
 * `runChecked` (the default for every exact step) gives the same outcome far faster: all budgets are e minus
 * earlier payments, so they share one denominator per round and are kept as BigInt numerators over it
 * (no gcd); candidates are compared in floating point with a proven bound on the rounding error, and any
 * decision within that bound (ties, which are common, or near-(un)affordability) is made exactly, as is every
 * payment. Add1 runs MES once per endowment (Wieliczka: 166), so by default it searches with `runFloat`
 * (plain floats, one budget per voter group) and uses `runChecked` for any endowment where a decision came
 * within a relative 1e-9 of a tie or of (un)affordability; then it reruns the kept endowment and the first
 * infeasible one with `runChecked`, and redoes the whole search that way if either disagrees
 * (`arithmetic: 'exact'` makes every run `run`; the tests check all three agree on the real elections and on
 * random ones). Add1 does not rerun MES at every increment (a forint budget means tens of thousands of them):
 * by default it jumps (mesAdd1.ts: `traceMes` certifies, from one float run at each end, that every endowment
 * between two funds the same projects in the same order, with a second test for near ties, and `acrossSwap`
 * that it funds one of a few outcomes when winners swap places in between, once or more, or a project more
 * becomes affordable; Add1 tries a stride ahead that
 * doubles after each certified jump (of at most two outcomes) and falls after a failed try, and reruns only past the last endowment
 * certified; the runs across a swap resume at the swap's round from a run they share their first rounds with);
 * `search: 'stepwise'` (`mesAdd1Stepwise`) steps one increment at a time, the slow reference the tests compare
 * with on every real election and on random ones. Measured (bench group 11, a 2-core machine shared with other
 * work, load 11 falling to 5): Józsefváros 2025 0.11 s (0.20 s CPU), 269 MES runs (30 s stepping, 26,521 runs);
 * Budapest 2024 6.9 s (2.2 s CPU), 2,541 MES runs (131 s stepping, 23,179 runs), same winners (bench at load 4.5,
 * once warm: 1.6 s, 1.5 s CPU). Cold, as `npm run tally` counts it (node on its cached bundle; 5 runs each,
 * interleaved, load 4.0-4.6): 3.0-3.1 s wall, 2.6-2.7 s CPU, against 4.5-5.4 s wall, 3.9-4.1 s CPU before
 * traceMes was cut into pieces V8 optimizes once each (mesAdd1.ts; its worker threads' CPU fell from 1.0-1.5 s
 * to 0.55-0.75 s); through `npm run tally` itself at load 6, 3.2-3.9 s wall, 3.0-3.8 s CPU (npm about 0.4 s).
 * Winners trade places 131 times over Budapest's 23,000 forints; a range may hold several swaps (mesAdd1.ts,
 * `acrossSwap`), which read 346 million supporters' budgets where one swap per range read 604 million.
 * Speed: voters with identical ballots are merged into one weighted group; a payment is found by
 * water-filling (p = (cost - what capped supporters hold) / uncapped weight, until it stops rising);
 * effective vote counts only go down, so each round only re-evaluates candidates whose previous value could
 * still beat the best one found so far (the speed-up every implementation uses), and stops evaluating one as
 * soon as its payment shows it cannot. Measured (test/bench/tally.ts, 2-core machine under load): 10,000
 * ballots over 300 projects, 64 endowments, about 90–140 ms once warm (was about 1.8 s); Wieliczka with Add1
 * and the comparison about 20–50 ms once warm, 0.14 s cold (about 1.3 s all-exact with `run`).
 */
import { greedy, type CountingProject } from './greedy';
import { acrossSwap, traceMes } from './mesAdd1';
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
   * 'checked' (default): Add1 searches with floating-point MES runs (`runFloat`), runs exactly (`runChecked`)
   * any endowment where a decision was within 1e-9 of a tie, and reruns the kept endowment and the first
   * infeasible one with `runChecked` (redoing the whole search that way if they disagree); plain MES uses
   * `runChecked`. 'exact': every run is the all-BigInt reference `run`.
   */
  arithmetic?: 'checked' | 'exact';
  /**
   * How Add1 walks the endowments: 'jump' (default with 'checked') reruns MES only where its outcome can change
   * (mesAdd1.ts); 'stepwise' reruns it at every increment, as the definition reads (the slow reference the
   * tests and the bench compare with). 'exact' arithmetic always steps.
   */
  search?: 'jump' | 'stepwise';
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

/**
 * `remaining` sorted again by `key` after a round: only the first `scanned` entries' keys changed (they only
 * went up), so those are sorted and merged into the untouched, still sorted rest; the winner and the dropped
 * candidates leave.
 */
function resort(
  remaining: readonly number[],
  scanned: number,
  key: Float64Array,
  winner: number,
  dropped: Uint8Array,
): number[] {
  const head = remaining
    .slice(0, scanned)
    .filter((c) => c !== winner && dropped[c] === 0)
    .sort((x, y) => (key[x] as number) - (key[y] as number));
  const merged: number[] = [];
  let i = 0;
  let j = scanned;
  while (i < head.length || j < remaining.length) {
    const h = head[i];
    const t = remaining[j];
    if (h !== undefined && (t === undefined || (key[h] as number) <= (key[t] as number))) {
      merged.push(h);
      i++;
    } else if (t !== undefined) {
      if (t !== winner && dropped[t] === 0) merged.push(t);
      j++;
    }
  }
  return merged;
}

/** An exact per-head payment p = P / (costDen * L * k), L the round's common denominator of budgets. */
interface ExactPayment {
  P: bigint;
  k: bigint;
}

/**
 * n/d (d > 0) as a float, within 3 units in the last place for values a float can hold; for fractions too
 * large for a float, both sides are first cut to about 1000 bits (off by far less than 2^-900 of the value).
 */
function approx(n: bigint, d: bigint): number {
  if (n === 0n) return 0;
  const x = Number(n) / Number(d);
  if (Number.isFinite(x) && !Number.isNaN(x) && x !== 0) return x;
  const shift = BigInt(Math.max(0, d.toString(16).length * 4 - 1000));
  return Number(n >> shift) / Number(d >> shift);
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
  /** The weights of those groups, in the same order (read in the hot loops without a lookup). */
  private readonly supporterWeights: readonly Float64Array[];
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
    const seen = new Int32Array(projects.length); // ballot number + 1 that last named the project
    // Identical ballots share a group, found by a key of their sorted indexes: one UTF-16 unit per project
    // while there are at most 65,536 projects (short keys, little garbage: this loop was most of the time of
    // building the election), else the indexes joined with commas.
    const shortKeys = projects.length <= 0x10000;
    for (let v = 0; v < ballots.length; v++) {
      const idx: number[] = [];
      for (const id of ballots[v] as readonly string[]) {
        const i = index.get(id);
        if (i === undefined) throw new RangeError(`A ballot approves "${id}", which is not a project.`);
        if (seen[i] === v + 1) continue;
        seen[i] = v + 1;
        // Insertion sort: ballots name a handful of projects.
        let k = idx.length;
        idx.push(i);
        while (k > 0 && (idx[k - 1] as number) > i) {
          idx[k] = idx[k - 1] as number;
          k--;
        }
        idx[k] = i;
      }
      ballotsIdx.push(idx);
      const key = shortKeys ? String.fromCharCode(...idx) : idx.join(',');
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
    this.supporterWeights = sup.map((s) => Float64Array.from(s, (g) => weights[g] ?? 0));
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
   * Plain MES at a fixed endowment in floating point, the fast first pass of the Add1 search: one float budget
   * per voter group, payments by water-filling (p = (cost - what capped supporters hold) / uncapped weight,
   * repeated until it stops rising). Returns undefined when any decision was within a relative 1e-9 of going
   * the other way (two candidates nearly tied, a candidate nearly (un)affordable): the caller then runs that
   * endowment with `runChecked`. Decisions further apart than that are the exact run's, as float rounding
   * here stays below 1e-12 (tens of rounds, each off by a few units in the last place of the endowment).
   */
  runFloat(endowment: number): MesRun | undefined {
    const EPS = 1e-9;
    const weights = this.weights;
    const costs = this.costsF;
    const b = new Float64Array(weights.length).fill(endowment);
    const prev = new Float64Array(this.projects.length); // lower bound on rho, only goes up
    for (const c of this.candidates) prev[c] = 1 / (this.approvals[c] ?? 1);
    let remaining = [...this.candidates].sort((x, y) => (prev[x] as number) - (prev[y] as number));
    const dropped = new Uint8Array(this.projects.length);
    const selected: number[] = [];
    for (;;) {
      let best = -1;
      let bestRho = Infinity;
      let bestP = 0;
      let second = Infinity;
      let scanned = 0;
      for (; scanned < remaining.length; scanned++) {
        const c = remaining[scanned] as number;
        if (best >= 0 && (prev[c] as number) > bestRho * (1 + EPS)) break;
        const s = this.supporters[c] as Int32Array;
        const ws = this.supporterWeights[c] as Float64Array;
        const S = s.length;
        const K = this.approvals[c] as number;
        const cost = costs[c] as number;
        let p = cost / K;
        let money = 0;
        let capped = 0;
        let k = 0;
        for (let i = 0; i < S; i++) {
          const bb = b[s[i] as number] as number;
          const w = ws[i] as number;
          money += bb * w;
          if (bb < p) capped += bb * w;
          else k += w;
        }
        if (Math.abs(money - cost) <= EPS * cost) return undefined; // nearly (un)affordable
        if (money < cost) {
          dropped[c] = 1;
          continue;
        }
        let cut = false;
        while (k < K) {
          const np = (cost - capped) / k;
          if (np <= p) break;
          p = np;
          if (best >= 0 && p / cost > bestRho * (1 + EPS)) {
            cut = true; // p only goes up: c cannot win (nor nearly tie) this round
            break;
          }
          capped = 0;
          k = 0;
          for (let i = 0; i < S; i++) {
            const bb = b[s[i] as number] as number;
            const w = ws[i] as number;
            if (bb < p) capped += bb * w;
            else k += w;
          }
        }
        const rho = p / cost;
        prev[c] = rho;
        if (cut) continue;
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
      for (const g of this.supporters[best] as Int32Array) {
        const bb = b[g] as number;
        b[g] = bb <= bestP ? 0 : bb - bestP;
      }
      remaining = resort(remaining, scanned, prev, best, dropped);
    }
    let spent = ZERO;
    for (const c of selected) spent = add(spent, this.costs[c] as Rational);
    return { selected: selected.map((c) => (this.projects[c] as CountingProject).id), spent };
  }

  /**
   * Plain MES at a fixed endowment, exact, computed mostly in floating point (the default for Add1). Every
   * decision is exact: a float figure is only trusted when it is further from the other side of the decision
   * than a proven bound on its rounding error, and anything closer is decided in exact arithmetic.
   * - Budgets: each voter group's float budget is the exact budget (per budget class, unreduced BigInt
   *   fractions) rounded once, so it is off by at most 4u·E (u = 2^-53, E the endowment); we allow 8u·E.
   * - A candidate's supporters' money (a float sum over S groups of weight K) is then off by at most
   *   K·8u·E + 2(S+2)·u·money; within that of its cost, affordability is decided exactly.
   * - The float per-head payment p solves Σ min(b̃, p)·w = cost up to the same rounding; as that sum changes
   *   by at least 1 (a whole voter) per unit of p around the answer, p is off by at most
   *   K·8u·E + 4(S+4)·u·(cost + p·K) + 4u·p, and p / cost by that / cost + 8u·p / cost.
   * - The candidates whose interval [rho - err, rho + err] reaches below the smallest rho + err are the only
   *   ones that can win; one alone wins; two or more (exact ties are common) are compared exactly, with the
   *   tie-break. The winner's payment is always computed exactly, and the budgets updated exactly.
   * The tests check it gives what `run` gives on the real elections and on random ones.
   */
  runChecked(endowment: Rational): MesRun {
    const U = 2 ** -53;
    const weights = this.weights;
    const costsF = this.costsF;
    const costs = this.costs;
    const groups = weights.length;
    const E = toNumber(endowment) * (1 + 8 * U);
    const beta = 8 * U * E;
    // Exact budgets. Every budget is e minus payments made so far, so all of them share one denominator L,
    // which grows by a small factor m (cost denominator x payers) each round: budget = N / L, N a BigInt.
    // A class keeps its N at the round it was made (`classRound`); scale[r] = L_now / L_r brings it up.
    const L: bigint[] = [endowment.d];
    const classN: bigint[] = [endowment.n];
    const classRound: number[] = [0];
    const classF: number[] = [approx(endowment.n, endowment.d)];
    const cls = new Int32Array(groups);
    const b = new Float64Array(groups).fill(classF[0] as number);
    const stamp: number[] = [0]; // which exactP call last counted the class
    const classWeight: number[] = [0];
    const splitRound: number[] = [0]; // which round last split the class, and into which new class
    const splitTo: number[] = [0];
    let token = 0;
    const list: number[] = [];
    const scale = new Map<number, bigint>();
    /** A class's budget numerator over the current L. */
    const numerator = (k: number): bigint => {
      const r = classRound[k] as number;
      const now = L.length - 1;
      if (r === now) return classN[k] as bigint;
      let f = scale.get(r);
      if (f === undefined) {
        f = (L[now] as bigint) / (L[r] as bigint);
        scale.set(r, f);
      }
      return (classN[k] as bigint) * f;
    };

    /**
     * The exact per-head payment for c as p = P / (costDen * L * k), or undefined when its supporters cannot
     * afford it: the water-filling fixed point p = (cost - what capped supporters hold) / uncapped weight.
     */
    const exactP = (c: number): ExactPayment | undefined => {
      token++;
      list.length = 0;
      for (const g of this.supporters[c] as Int32Array) {
        const k = cls[g] as number;
        if (stamp[k] !== token) {
          stamp[k] = token;
          classWeight[k] = 0;
          list.push(k);
        }
        classWeight[k] = (classWeight[k] as number) + (weights[g] as number);
      }
      const cost = costs[c] as Rational;
      const Lnow = L[L.length - 1] as bigint;
      const cL = cost.n * Lnow;
      let P = cL;
      let k = BigInt(this.approvals[c] ?? 1);
      for (;;) {
        // A class is capped when N / L < p = P / (costDen * L * k), i.e. N * costDen * k < P. Its float budget
        // (within 3 ulp) settles it unless it is within a relative 1e-12 of p; only then compare exactly.
        const bound = cost.d * k;
        const pF = approx(P, bound * Lnow);
        let capped = 0n;
        let k2 = 0;
        for (const kk of list) {
          const f = classF[kk] as number;
          const w = classWeight[kk] as number;
          if (f > pF * (1 + 1e-12)) k2 += w;
          else if (f === 0)
            continue; // exactly empty: capped, holds nothing
          else {
            const N = numerator(kk);
            if (f < pF * (1 - 1e-12) || N * bound < P) capped += N * BigInt(w);
            else k2 += w;
          }
        }
        if (k2 === 0) return undefined;
        const P2 = cL - cost.d * capped;
        const K2 = BigInt(k2);
        if (P2 * k <= P * K2) return { P, k };
        P = P2;
        k = K2;
      }
    };

    const prevLow = new Float64Array(this.projects.length);
    for (const c of this.candidates) prevLow[c] = (1 / (this.approvals[c] ?? 1)) * (1 - 8 * U);
    let remaining = [...this.candidates].sort((x, y) => (prevLow[x] as number) - (prevLow[y] as number));
    const selected: number[] = [];
    let spent = ZERO;
    const lo = new Float64Array(this.projects.length);
    const hi = new Float64Array(this.projects.length);
    const exactOf = new Map<number, ExactPayment>();
    const dropped = new Uint8Array(this.projects.length);
    let round = 0;
    for (;;) {
      round++;
      exactOf.clear();
      let minHigh = Infinity;
      const evaluated: number[] = [];
      let scanned = 0;
      for (; scanned < remaining.length; scanned++) {
        const c = remaining[scanned] as number;
        if ((prevLow[c] as number) > minHigh) break;
        const s = this.supporters[c] as Int32Array;
        const ws = this.supporterWeights[c] as Float64Array;
        const S = s.length;
        const K = this.approvals[c] as number;
        const cost = costsF[c] as number;
        let p = cost / K;
        let money = 0;
        let capped = 0;
        let k = 0;
        for (let i = 0; i < S; i++) {
          const bb = b[s[i] as number] as number;
          const w = ws[i] as number;
          money += bb * w;
          if (bb < p) capped += bb * w;
          else k += w;
        }
        const errMoney = K * beta + 2 * (S + 2) * U * money;
        if (money + errMoney < cost) {
          dropped[c] = 1;
          continue;
        }
        let rho: number;
        let err: number;
        if (money - errMoney <= cost || k === 0) {
          // Nearly (un)affordable: decide exactly.
          const ep = exactP(c);
          if (ep === undefined) {
            dropped[c] = 1;
            continue;
          }
          exactOf.set(c, ep);
          rho = approx(ep.P, (L[L.length - 1] as bigint) * ep.k * (costs[c] as Rational).n);
          err = 16 * U * rho + (beta + 4 * U * cost) / cost;
        } else {
          let cut = false;
          while (k < K) {
            const np = (cost - capped) / k;
            if (np <= p) break;
            p = np;
            const errP = K * beta + 4 * (S + 4) * U * (cost + p * K) + 4 * U * p;
            const low = (p - errP) / cost - 8 * U * (p / cost);
            if (low > minHigh) {
              prevLow[c] = low; // p only goes up: c cannot win this round
              cut = true;
              break;
            }
            capped = 0;
            k = 0;
            for (let i = 0; i < S; i++) {
              const bb = b[s[i] as number] as number;
              const w = ws[i] as number;
              if (bb < p) capped += bb * w;
              else k += w;
            }
            if (k === 0) break;
          }
          if (cut) continue;
          if (k === 0) {
            const ep = exactP(c);
            if (ep === undefined) {
              dropped[c] = 1;
              continue;
            }
            exactOf.set(c, ep);
            p = approx(ep.P, (L[L.length - 1] as bigint) * ep.k * (costs[c] as Rational).d);
          }
          const errP = K * beta + 4 * (S + 4) * U * (cost + p * K) + 4 * U * p;
          rho = p / cost;
          err = errP / cost + 8 * U * rho;
        }
        lo[c] = rho - err;
        hi[c] = rho + err;
        prevLow[c] = rho - err;
        if (rho + err < minHigh) minHigh = rho + err;
        evaluated.push(c);
      }
      // The only candidates that can win: those whose interval reaches below the smallest upper end.
      let best = -1;
      let bestP: ExactPayment | undefined;
      for (const c of evaluated) {
        if ((lo[c] as number) > minHigh) continue;
        if (best < 0) {
          best = c;
          continue;
        }
        // Two or more contenders: compare exactly (effective vote count, then the tie-break).
        bestP ??= exactOf.get(best) ?? exactP(best);
        const cp = exactOf.get(c) ?? exactP(c);
        if (bestP === undefined || cp === undefined)
          throw new Error('MES: an affordable candidate lost its money.');
        exactOf.set(best, bestP);
        exactOf.set(c, cp);
        // rho = p / cost = P / (L * k * costNum): compare P_c * k_b * n_b with P_b * k_c * n_c.
        const l = cp.P * bestP.k * (costs[best] as Rational).n;
        const r = bestP.P * cp.k * (costs[c] as Rational).n;
        if (l < r || (l === r && this.before(c, best))) {
          best = c;
          bestP = cp;
        }
      }
      if (best < 0) break;
      bestP ??= exactOf.get(best) ?? exactP(best);
      if (bestP === undefined) throw new Error('MES: an affordable candidate lost its money.');
      selected.push(best);
      spent = add(spent, costs[best] as Rational);
      // Supporters pay min(b, p), exactly: L grows by m = costDen * k, and each old class the payers were in
      // gets one new class with N * m - P (or 0).
      const m = (costs[best] as Rational).d * bestP.k;
      const paid = bestP.P;
      const now = L.length;
      const nextL = (L[now - 1] as bigint) * m;
      for (const g of this.supporters[best] as Int32Array) {
        const k = cls[g] as number;
        if (splitRound[k] !== round) {
          splitRound[k] = round;
          const n = numerator(k) * m - paid;
          const nk = classN.length;
          classN.push(n > 0n ? n : 0n);
          classRound.push(now);
          classF.push(n > 0n ? approx(n, nextL) : 0);
          stamp.push(0);
          classWeight.push(0);
          splitRound.push(0);
          splitTo.push(0);
          splitTo[k] = nk;
        }
        const nk = splitTo[k] as number;
        cls[g] = nk;
        b[g] = classF[nk] as number;
      }
      L.push(nextL);
      scale.clear();
      remaining = resort(remaining, scanned, prevLow, best, dropped);
    }
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

/** `equalShares` with Add1 stepping one increment at a time: the slow reference for the tests and the bench. */
export function mesAdd1Stepwise(
  projects: readonly CountingProject[],
  ballots: readonly (readonly string[])[],
  budget: number,
  options: MesOptions = {},
): MesResult {
  return equalShares(projects, ballots, budget, { ...options, search: 'stepwise' });
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
  const exactOnly = options.arithmetic === 'exact';
  const exactRun = (x: Rational): MesRun => (exactOnly ? election.run(x) : election.runChecked(x));
  const jumps = options.completion !== 'none' && !exactOnly && options.search !== 'stepwise';
  let e = start;
  // The jump search (add1Jump) sets `run` itself, from a float run at the start when it can.
  let run: MesRun = jumps ? { selected: [], spent: ZERO } : exactRun(e);
  let runs = 1;
  if (options.completion !== 'none') {
    const inc = toRational(options.increment ?? 1);
    if (inc.n <= 0n) throw new RangeError('The Add1 increment must be positive.');
    const add1 = (fast: boolean): void => {
      const mes = (x: Rational): MesRun => (fast ? election.runFloat(toNumber(x)) : undefined) ?? exactRun(x);
      e = start;
      run = mes(e);
      let last: MesRun | undefined; // the first infeasible outcome, when that is what stopped the loop
      for (;;) {
        if (run.selected.length === election.candidates.length) break;
        if (options.exhaustiveStop && election.isExhaustive(run.selected, run.spent, B)) break;
        const e2 = add(e, inc);
        const next = mes(e2);
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
      const confirmed = exactRun(e);
      const stopOk = last === undefined || cmp(exactRun(add(e, inc)).spent, B) > 0;
      runs += last === undefined ? 1 : 2;
      if (stopOk && confirmed.selected.join('\u0000') === run.selected.join('\u0000')) run = confirmed;
      else add1(false);
    };
    // Jumping (mesAdd1.ts): from each endowment run, jump ahead to a step whose run certifies that every step
    // between funds the same projects in the same order, and rerun MES only past it. The stride adapts: it
    // doubles after a certified jump and falls to a quarter after a failed try (a try stops at the first round it
    // cannot certify), down to a single step, which is run and needs no certificate. Stepping would have gone
    // through every step skipped, each with the outcome of the one before.
    const add1Jump = (): void => {
      const at = (j: number): Rational => add(start, mulInt(inc, BigInt(j)));
      const atF = (j: number): number => toNumber(at(j));
      let j = 0;
      e = start;
      // A float run with no close decision gives the exact run's outcome, as at every endowment the search
      // passes; only without one is the start run exactly (the outcome kept is run exactly at the end anyway).
      let trace = traceMes(election, atF(0));
      let cur: MesRun = trace ?? exactRun(e);
      let stopped = false;
      let stride = 1;
      for (;;) {
        if (cur.selected.length === election.candidates.length) break;
        if (options.exhaustiveStop && election.isExhaustive(cur.selected, cur.spent, B)) break;
        if (stride > 1 && trace !== undefined) {
          const t = traceMes(election, atF(j + stride), trace, true);
          runs++;
          if (t?.certified === true) {
            j += stride;
            e = at(j);
            trace = t;
            stride = Math.min(stride * 2, 2 ** 40);
            continue;
          }
          // Two winners swapped places in between, or nearly did: certify the range for both orders, and again
          // for each swap further on (mesAdd1.ts), which leaves a few outcomes; Add1 goes on past the range if
          // every one fits. The stride grows only when there were at most two: a range with more costs more
          // runs, and one with too many is not certified at all (Budapest 2024: 346 million supporters' budgets
          // read this way, 420-470 million doubling the stride after every range).
          const count = { runs: 0 };
          const across =
            t !== undefined && !options.exhaustiveStop
              ? acrossSwap(election, atF(j), atF(j + stride), trace, t, count)
              : undefined;
          runs += count.runs;
          if (
            across?.outcomes.every(
              (o) => cmp(o.spent, B) <= 0 && o.selected.length < election.candidates.length,
            ) === true
          ) {
            j += stride;
            e = at(j);
            trace = across.real;
            cur = across.real;
            const n = across.outcomes.length;
            stride =
              n <= 2 ? Math.min(stride * 2, 2 ** 40) : n <= 4 ? stride : Math.max(1, Math.floor(stride / 2));
            continue;
          }
          stride = Math.max(1, Math.floor(stride / 4));
          continue;
        }
        const t = traceMes(election, atF(j + 1), trace);
        runs++;
        const next: MesRun = t ?? election.runChecked(at(j + 1));
        if (cmp(next.spent, B) > 0) {
          stopped = true;
          break;
        }
        j++;
        e = at(j);
        cur = next;
        trace = t;
        stride = 2;
      }
      const confirmed = exactRun(e);
      const stopOk = !stopped || cmp(exactRun(add(e, inc)).spent, B) > 0;
      runs += stopped ? 2 : 1;
      if (stopOk && confirmed.selected.join('\u0000') === cur.selected.join('\u0000')) run = confirmed;
      else add1(false);
    };
    if (jumps) add1Jump();
    else add1(!exactOnly);
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
