/**
 * Add1 without stepping through every endowment (issue 11: a forint budget means tens of thousands of steps of
 * one forint per voter): a test that MES funds the same projects, in the same order, at EVERY endowment between
 * two, made from one run at each end.
 *
 * Why two runs suffice. Suppose MES funds the same sequence w_1, w_2, … at e and at e' > e. Then for any
 * e'' in [e, e'], by induction over the rounds, if the first r winners at e'' are the same, every voter's budget
 * at e'' lies between its budgets at e and at e' (budgets rise with the endowment: a richer group of supporters
 * needs a smaller per-head payment p, and a payer keeps max(0, b - p), which rises with b and falls with p). So
 * in round r+1 every candidate's ρ = p / cost at e'' lies between its ρ at e' (below) and at e (above), and
 * every candidate unaffordable at e' is unaffordable at e''. Hence if, in every round, the winner's ρ at e
 * is below every other affordable candidate's ρ at e' (or equal, with the winner first in the tie-break), the
 * winner at e'' is the same. With no winner left at e (the last round), every candidate left must be
 * unaffordable at e'. The test holds for [e, e'] as soon as it holds for a larger e', so Add1 can jump: it
 * tries steps ahead with a stride that doubles after each certified jump and falls after a failed try, and
 * reruns MES only past the last step certified (mes.ts, `add1Jump`).
 *
 * A second test, for near ties. The first one compares the winner at e with a rival at e', so two projects whose
 * ρ fall together and stay a hair apart (Budapest 2024: a few parts in ten thousand for hundreds of forints)
 * defeat it after a step or two. Sharper bounds, with the same first r winners at e ≤ x ≤ e':
 * (a) a budget that is not empty rises at least as fast as the endowment: b_i(x2) - b_i(x1) ≥ x2 - x1 when
 *     b_i(x1) > 0. By induction over the rounds: it holds for b = x; a payer of p keeps b - p when that is
 *     positive, and p(x2) ≤ p(x1) (budgets rise), so b - p rises at least as much as b. Hence
 *     b_i(x) ≥ b_i(e) + (x - e) if b_i(e) > 0 (else ≥ 0), and b_i(x) ≤ b_i(e') - (e' - x) if that is ≥ 0.
 * (b) With budgets b_i, a candidate's payment is p = max over sets C of its supporters (with weight left
 *     outside C) of (cost - Σ_C w_i b_i) / (K - w(C)): each such value is ≤ p (Σ w_i min(b_i, p) = cost is at
 *     most Σ_C w_i b_i + (K - w(C)) p), and C = {b_i < p} gives p.
 * So the winner w's ρ at x is at most its ρ with the budgets L(x) = b(e) + (x - e) (0 stays 0), a maximum of
 * functions affine in x, so convex: below the chord from ρ_w(e) to ρ_w with L(e') (`raisedRho`). A rival c's ρ
 * at x is at least its ρ with the budgets H(x) = b(e') - (e' - x), which by (b) with C = c's capped set at e' is
 * at least (cost - Σ_C w_i H_i(x)) / (K - w(C)) / cost, affine in x (a supporter of C holding less than e' - e
 * at e' is counted at b_i(e') instead, still an upper bound on its budget), and equal to ρ_c(e') at e'
 * (`loweredRho` gives its value at e). Two affine functions apart at both ends are apart in between: if the
 * rival's line is above the winner's chord at e and at e', c loses to w at every x. A rival passes if either
 * test says so. The second test's sums cancel (a cost minus what capped supporters hold), so it asks for a
 * margin of 1e-7 instead of 1e-9.
 *
 * Across one swap. Winners trade places often (Budapest 2024: 131 times over 23,000 forints), and near the
 * endowment where they do, neither test can certify more than a step or two on either side. But Add1 does not
 * need one outcome over a range, only outcomes within budget. Say e's run funds a in round r and the run at e'
 * funds b there (the same winners before). Both arguments above are about "the budgets after funding these
 * winners in this order" as a function of the endowment, whether or not MES would choose them, so runs forced to
 * fund a given project in round r serve as ends: (A) the run at e' forced to fund a, checked against e's run;
 * (B) e's run forced to fund b, against which e''s own run is checked (if b is out of reach at e, its
 * supporters give all they hold: still a lower bound on their budgets, and ρ_b is taken as unbounded). In round
 * r each check asks only that every candidate but a and b lose, to a or to b. If both pass, every endowment
 * between funds the same first r - 1 winners, then a or b, and then follows e's run after a (by A) and e''s run
 * after b (by B): its outcome is one of the two, and Add1 may pass the range if both are within budget and
 * neither funds every candidate (not with `exhaustiveStop`, which stops at the first exhaustive one).
 *
 * Across several. The argument holds branch by branch: a branch's ends are runs forced to fund its winners in
 * its order, so when its run at e' meets another swap or near swap in a later round, the branch is split there
 * the same way; when it finds a third candidate c in doubt in the swap's own round, that round is checked with
 * each of the three as its winner, every other candidate losing to one of them (its ρ at e' above one member's
 * ρ at e: at any x between, its ρ is at least the first and the member's at most the second). And where e's run
 * funds nothing more in round r but the run at e' funds b, b's branch (ρ_b unbounded at e) passes only if
 * nothing else is affordable at e', so nothing else at any x between: x funds nothing more there (e's outcome)
 * or b. `acrossSwap` keeps to 8 outcomes and 3 candidates in doubt in a round; Add1 passes the range if every
 * outcome fits. Budapest 2024: 2,541 runs (2,058 with one swap per range) but 346 million supporters' budgets read
 * instead of 604 million.
 *
 * Arithmetic: floating point, like `MesElection.runFloat`, with its rule: a decision within a relative 1e-9
 * of going the other way (a near tie, a nearly (un)affordable project) is not trusted. In the run that gives
 * an outcome this returns undefined (the caller then runs that endowment exactly, with `runChecked`, and steps
 * by one); in the run at e' it makes the test fail (a shorter jump). A try may stop at the first round it cannot
 * certify (`stopAtDoubt`): it is then no outcome, only a failed try. Exact ties are common (two projects with
 * the same number of approvals, each paid for by all its supporters at cost / approvals): a candidate none of
 * whose supporters pays less than cost / K has ρ = 1/K exactly, so two such candidates are compared exactly,
 * by K and then the tie-break. The outcome Add1 keeps, and the step that stops it, are rerun exactly
 * afterwards (equalShares in mes.ts); the tests check the jumps end where stepping one unit at a time ends,
 * on every real election we carry and on random ones.
 */
import type { CountingProject } from './greedy';
import type { MesElection } from './mes';
import { runScratch, sortByKey, type RunScratch } from './mesScratch';
import { add, ZERO, type Rational } from './rational';

const EPS = 1e-9;
/** The second test's margin: its sums cancel (cost minus what capped supporters hold), so it asks for more. */
const SHIFT_EPS = 1e-7;

/** One MES run in floating point, with each round's winner and its ρ. */
export interface MesTrace {
  selected: string[];
  spent: Rational;
  winners: number[];
  rho: number[];
  /** Whether the round's winner was paid for by all its supporters alike (ρ = 1/K exactly). */
  free: boolean[];
  /** Run against a smaller endowment's trace: every endowment between gives that outcome, for certain. */
  certified: boolean;
  /** The endowment the trace was run at. */
  endowment: number;
  /** Each round's winner's supporters' budgets before they paid for it (in `floatsOf` order). */
  budgets: Float64Array[];
  /** Stopped at the first round it could not certify (`stopAtDoubt`): not an outcome, not a base. */
  partial: boolean;
  /** Each round's ρ of every candidate weighed in full that round (NaN for the others). */
  rivals: Float64Array[];
  /**
   * In a run against another: the first round whose winner differs from that run's, and the two winners (`from`
   * is -1 when that run funded nothing more there).
   */
  swapAt?: { round: number; from: number; to: number };
  /** In a run against another: the first round it could not certify, that run's winner and a rival in doubt. */
  doubtAt?: { round: number; from: number; to: number };
  /** In a run against another: the first round it could not certify, for whatever reason. */
  lostAt?: number;
  /** Every group's budget where the run ended (before paying, if it stopped in doubt), to resume from. */
  last: Float64Array;
  /** Each round's lower bounds on ρ as the round began (in `election.projects` order). */
  floors: Float64Array[];
  /** The round each candidate was found unaffordable in (-1: never). */
  droppedIn: Int16Array;
}

/** Where a run starts: a round of another run at the same endowment whose rounds before it are this run's. */
export interface Resume {
  trace: MesTrace;
  round: number;
}

/**
 * A run across one swap (see above): in round `round` it funds `force` whatever MES would choose (if given), and
 * when checked against another run it asks there only that every candidate but `others` and the other run's
 * winner lose to one of them.
 */
export interface Swap {
  round: number;
  others?: readonly number[];
  force?: number;
}

interface Floats {
  costsF: Float64Array;
  /** Each project's supporting groups, renumbered (see `floatsOf`), in increasing order. */
  supporters: Int32Array[];
  /** Their weights, in the same order. */
  sw: Float64Array[];
  /** The working arrays every run on this election reuses (mesScratch.ts). */
  scratch: RunScratch;
}

const floats = new WeakMap<MesElection, Floats>();

/**
 * Costs as floats and each project's supporting groups with their weights, made once per election. The groups
 * are renumbered so that those approving the same popular projects sit together: the budgets a candidate's
 * supporters hold are then read from a few runs of neighbouring memory instead of from all over (the inner
 * loops below are nothing but those reads). The numbering is private to this file.
 */
function floatsOf(election: MesElection): Floats {
  let f = floats.get(election);
  if (f === undefined) {
    const groups = election.weights.length;
    // A group's key: the projects it approves, most approved first; groups are sorted by key.
    const rank = election.projects
      .map((_, c) => c)
      .sort((x, y) => (election.approvals[y] ?? 0) - (election.approvals[x] ?? 0));
    const place = new Int32Array(election.projects.length);
    rank.forEach((c, i) => (place[c] = i));
    const ballots: number[][] = Array.from({ length: groups }, () => []);
    election.supporters.forEach((s, c) => {
      for (const g of s) (ballots[g] as number[]).push(place[c] as number);
    });
    for (const bl of ballots) bl.sort((x, y) => x - y);
    const order = Array.from({ length: groups }, (_, g) => g).sort((x, y) => {
      const a = ballots[x] as number[];
      const b = ballots[y] as number[];
      for (let i = 0; i < a.length && i < b.length; i++)
        if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
      return a.length - b.length;
    });
    const renamed = new Int32Array(groups);
    order.forEach((g, i) => (renamed[g] = i));
    const supporters = election.supporters.map((s) => Int32Array.from(s, (g) => renamed[g] as number).sort());
    const weightOf = new Float64Array(groups);
    for (let g = 0; g < groups; g++) weightOf[renamed[g] as number] = election.weights[g] as number;
    f = {
      costsF: Float64Array.from(election.costs, (c) => Number(c.n) / Number(c.d)),
      supporters,
      sw: supporters.map((s) => Float64Array.from(s, (g) => weightOf[g] as number)),
      scratch: runScratch(election.projects.length),
    };
    floats.set(election, f);
  }
  return f;
}

/** Tie-break order (mes.ts): lowest cost, then most approvals, then input order. */
function before(election: MesElection, a: number, b: number): boolean {
  const x = election.costs[a] as Rational;
  const y = election.costs[b] as Rational;
  const l = x.n * y.d;
  const r = y.n * x.d;
  if (l !== r) return l < r;
  const d = (election.approvals[a] ?? 0) - (election.approvals[b] ?? 0);
  if (d !== 0) return d > 0;
  return a < b;
}

/** One run's state that `evaluate` reads and writes (per project unless said). */
interface RunState {
  supporters: Int32Array[];
  sw: Float64Array[];
  approvals: readonly number[];
  costsF: Float64Array;
  /** Every group's budget. */
  b: Float64Array;
  prev: Float64Array;
  rho: Float64Array;
  free: Uint8Array;
  pay: Float64Array;
  settled: Uint8Array;
  uncappedOf: Float64Array;
}

/**
 * Water-filling for c in a run (`traceMes`): false when unaffordable, undefined when too close to call, else
 * true, with c's payment, ρ, whether it is free, settled and its uncapped weight written to the run's state.
 * A function of its own, not a closure in `traceMes`: tsx (which the tests run on, as `npm run tally` did) gives
 * every closure a name at run time, and a closure so named is no longer inlined where it is called: twice the
 * time per run.
 */
function evaluate(st: RunState, c: number, stopAbove: number): boolean | undefined {
  const { supporters, sw, approvals, costsF, b, prev, rho, free, pay, settled, uncappedOf } = st;
  const s = supporters[c] as Int32Array;
  const ws = sw[c] as Float64Array;
  const S = s.length;
  const K = approvals[c] as number;
  const cost = costsF[c] as number;
  let p = cost / K;
  let money = 0;
  let capped = 0;
  let k = 0;
  let near = false;
  for (let i = 0; i < S; i++) {
    const bb = b[s[i] as number] as number;
    const w = ws[i] as number;
    money += bb * w;
    if (bb < p) capped += bb * w;
    else {
      k += w;
      if (bb <= p * (1 + EPS)) near = true;
    }
  }
  if (Math.abs(money - cost) <= EPS * cost) return undefined;
  if (money < cost) return false;
  settled[c] = 0;
  if (k === K) {
    if (near) return undefined;
    settled[c] = 1;
    uncappedOf[c] = K;
    pay[c] = p;
    rho[c] = 1 / K;
    free[c] = 1;
    prev[c] = 1 / K;
    return true;
  }
  let cut = false;
  while (k < K) {
    const np = (cost - capped) / k;
    if (np <= p) break;
    p = np;
    if (p / cost > stopAbove) {
      cut = true; // p only rises: c cannot matter this round
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
  if (!cut) {
    settled[c] = 1;
    uncappedOf[c] = k;
  }
  pay[c] = p;
  rho[c] = p / cost;
  free[c] = 0;
  prev[c] = p / cost;
  return true;
}

/** What one run's rounds share (`traceMes` and the functions it calls). */
interface Run {
  election: MesElection;
  st: RunState;
  trace: MesTrace;
  /** The trace of a smaller endowment this run is checked against, if any. */
  against: MesTrace | undefined;
  swap: Swap | undefined;
  /** Candidates still in play, sorted by `prev` at the start of each round. */
  remaining: number[];
  dropped: Uint8Array;
  /** The second test's chord end (`raisedRho`), worked out once per round (`chordRound`). */
  chordRound: number;
  chordEnd: number;
}

/** `playRound`'s answer when a decision was too close to call. */
const TOO_CLOSE = -2;

/**
 * MES at `endowment` in floating point: the run's trace, or undefined when a decision was too close to call.
 * With `against` (the trace of a smaller endowment), `certified` says whether every endowment between the two is
 * certain to give that trace's outcome (see above); false when that cannot be shown.
 * Cut into functions of their own (`playRound`, `checkRival`, `forceWinner`, `fund`, `pay`, `resume`): V8
 * optimizes a function again each time it meets a path it has not yet seen run. As one function (with its
 * closures) this was compiled seven times per Budapest 2024 count, up to 0.15 s each, and V8's worker threads
 * used 1.1-1.5 s of CPU in all; in pieces, a path first seen late costs only its own piece again: 0.55-0.75 s.
 */
export function traceMes(
  election: MesElection,
  endowment: number,
  against?: MesTrace,
  stopAtDoubt = false,
  swap?: Swap,
  from?: Resume,
): MesTrace | undefined {
  const { costsF, sw, supporters, scratch } = floatsOf(election);
  const approvals = election.approvals;
  const { prev, rho, free, pay, settled, uncappedOf, dropped } = scratch;
  // A resumed run starts from the other run's budgets (`resume`), not from the endowment. The trace keeps them.
  const b =
    from === undefined ? new Float64Array(election.weights.length).fill(endowment) : from.trace.last.slice();
  // Every entry as a fresh array would have it (the scratch holds the last run's).
  prev.fill(0); // lower bound on ρ, only goes up
  for (const c of election.candidates) prev[c] = 1 / (approvals[c] ?? 1);
  rho.fill(0);
  free.fill(0);
  pay.fill(0);
  settled.fill(0);
  uncappedOf.fill(0);
  dropped.fill(0);
  const trace: MesTrace = {
    selected: [],
    spent: ZERO,
    winners: [],
    rho: [],
    free: [],
    certified: against !== undefined,
    endowment,
    budgets: [],
    partial: false,
    rivals: [],
    last: b,
    floors: [],
    droppedIn: new Int16Array(election.projects.length).fill(-1),
    // Set later, if at all, but present from the start: every trace then has one shape, which V8 keeps its
    // optimized code for (added later, they gave traces several shapes, and `fund` was deoptimized 996 times).
    swapAt: undefined,
    doubtAt: undefined,
    lostAt: undefined,
  };
  // settled: whether the last evaluation ran to the end (payment found, not cut short), and then uncappedOf, its
  // capped set's size: the weight of supporters who pay their whole budget (`cappedOf`: what they hold) and of
  // those who pay p.
  const st: RunState = { supporters, sw, approvals, costsF, b, prev, rho, free, pay, settled, uncappedOf };
  const run: Run = {
    election,
    st,
    trace,
    against,
    swap,
    remaining: [...election.candidates],
    dropped,
    chordRound: -1,
    chordEnd: Infinity,
  };
  let round = 0;
  if (from !== undefined) {
    resume(run, from, scratch.funded);
    round = from.round;
  }
  for (; ; round++) {
    const best = playRound(run, round);
    if (best === TOO_CLOSE) return undefined;
    if (stopAtDoubt && against !== undefined && !trace.certified) {
      trace.partial = true;
      return trace;
    }
    if (best < 0) break;
    fund(run, best);
  }
  trace.selected = trace.winners.map((c) => (election.projects[c] as CountingProject).id);
  return trace;
}

/** Resume (see `Resume`): the first rounds are the other run's, copied, and its budgets as they were. */
function resume(run: Run, from: Resume, funded: Uint8Array): void {
  const { election, trace, dropped } = run;
  const { supporters, b, prev } = run.st;
  const src = from.trace;
  const r = from.round;
  if (
    src.endowment !== trace.endowment ||
    src.winners.length < r ||
    src.floors.length <= r ||
    (run.against !== undefined && (src.lostAt ?? Infinity) < r)
  ) {
    throw new RangeError('traceMes: a run can only resume from a round of a run at the same endowment.');
  }
  for (let q = src.budgets.length - 1; q >= r; q--) {
    const s = supporters[src.winners[q] as number] as Int32Array;
    const atE = src.budgets[q] as Float64Array;
    for (let i = 0; i < s.length; i++) b[s[i] as number] = atE[i] as number;
  }
  prev.set(src.floors[r] as Float64Array);
  funded.fill(0);
  for (let q = 0; q < r; q++) {
    const w = src.winners[q] as number;
    funded[w] = 1;
    trace.winners.push(w);
    trace.rho.push(src.rho[q] as number);
    trace.free.push(src.free[q] as boolean);
    trace.budgets.push(src.budgets[q] as Float64Array);
    trace.rivals.push(src.rivals[q] as Float64Array);
    trace.floors.push(src.floors[q] as Float64Array);
    trace.spent = add(trace.spent, election.costs[w] as Rational);
  }
  for (const c of election.candidates) {
    const d = src.droppedIn[c] as number;
    if (d >= 0 && d < r) {
      dropped[c] = 1;
      trace.droppedIn[c] = d;
    }
  }
  run.remaining = run.remaining.filter((c) => funded[c] === 0 && dropped[c] === 0);
}

/**
 * One round: the candidates weighed (in order of their lower bounds, while one could still win), each rival
 * checked against `against`'s winner of the round when the run is checked against one. Returns the winner, -1
 * when none is affordable, TOO_CLOSE when a decision was too close to call.
 */
function playRound(run: Run, round: number): number {
  const { st, trace, against, swap, remaining, dropped } = run;
  const { prev, rho, free, settled } = st;
  trace.floors.push(Float64Array.from(prev));
  sortByKey(remaining, prev);
  const target = against?.winners[round];
  const limit =
    trace.certified && target !== undefined ? (against?.rho[round] as number) * (1 + 2 * EPS) : -1;
  const forced = swap?.round === round ? swap.force : undefined;
  const others = swap?.round === round ? swap.others : undefined;
  // A rival loses to one of the others across the range if its ρ here is above the smallest of theirs at e.
  let otherAtE = NaN;
  for (const o of others ?? []) {
    const r = against?.rivals[round]?.[o] ?? NaN;
    if (!(r >= otherAtE)) otherAtE = r;
  }
  const certifiedSoFar = trace.certified;
  const rivals = new Float64Array(prev.length).fill(NaN);
  trace.rivals.push(rivals);
  let best = -1;
  for (let i = 0; i < remaining.length; i++) {
    const c = remaining[i] as number;
    const threshold = Math.max(best >= 0 ? (rho[best] as number) : -1, limit) * (1 + 2 * EPS);
    if ((best >= 0 || limit >= 0) && (prev[c] as number) > threshold) break;
    const r = evaluate(st, c, threshold > 0 ? threshold : Infinity);
    if (r === undefined) return TOO_CLOSE;
    if (r === false) {
      dropped[c] = 1;
      trace.droppedIn[c] = round;
      continue;
    }
    if (settled[c] === 1) rivals[c] = rho[c] as number;
    if (trace.certified) checkRival(run, c, round, target, others, otherAtE);
    if (best < 0) best = c;
    else {
      const o = beats(
        run.election,
        c,
        rho[c] as number,
        free[c] === 1,
        best,
        rho[best] as number,
        free[best] === 1,
      );
      if (o === undefined && forced === undefined) return TOO_CLOSE;
      if (o === true) best = c;
    }
  }
  if (forced !== undefined) best = forceWinner(run, forced, best);
  if (best === TOO_CLOSE) return best;
  if (certifiedSoFar && target !== undefined && best !== target) {
    trace.certified = false;
    trace.lostAt ??= round;
    if (best >= 0) trace.swapAt = { round, from: target, to: best };
  } else if (certifiedSoFar && target === undefined && best >= 0) {
    // That run funded nothing more here, this one funds best: `from` is -1.
    trace.swapAt = { round, from: -1, to: best };
  }
  return best;
}

/**
 * In a run checked against `against`: every other candidate must lose to e's winner of this round across the
 * whole range; with no winner left at e, none may be affordable here. Marks the trace uncertified if c may not.
 */
function checkRival(
  run: Run,
  c: number,
  round: number,
  target: number | undefined,
  others: readonly number[] | undefined,
  otherAtE: number,
): void {
  const { trace } = run;
  const against = run.against as MesTrace;
  const { rho, free } = run.st;
  if (target === undefined) {
    trace.certified = false;
    trace.lostAt ??= round;
  } else if (c !== target && others?.includes(c) !== true) {
    if (
      beats(
        run.election,
        target,
        against.rho[round] as number,
        against.free[round] as boolean,
        c,
        rho[c] as number,
        free[c] === 1,
      ) !== true &&
      !losesAlong(run, c, round) &&
      !((rho[c] as number) > otherAtE * (1 + 2 * EPS))
    ) {
      trace.certified = false;
      trace.lostAt ??= round;
      trace.doubtAt ??= { round, from: target, to: c };
    }
  }
}

/**
 * A run across a swap funds `forced` this round whatever MES would choose. Returns it, or TOO_CLOSE when it
 * cannot be funded where that is not allowed (see `Swap`).
 */
function forceWinner(run: Run, forced: number, best: number): number {
  const { st, trace } = run;
  const fundable =
    run.dropped[forced] === 0 &&
    run.remaining.includes(forced) &&
    (forced === best || evaluate(st, forced, Infinity) === true);
  if (!fundable) {
    // Only at the low end of a range (see above): its supporters pay all they hold, ρ is unbounded.
    if (run.against !== undefined || trace.winners.includes(forced)) return TOO_CLOSE;
    st.pay[forced] = Infinity;
    st.rho[forced] = Infinity;
    st.free[forced] = 0;
  }
  return forced;
}

/** The round's winner is funded: its supporters pay, and the trace keeps what they held before. */
function fund(run: Run, best: number): void {
  const { st, trace, dropped } = run;
  const { b } = st;
  const p = st.pay[best] as number;
  trace.winners.push(best);
  trace.rho.push(st.rho[best] as number);
  trace.free.push(st.free[best] === 1);
  trace.spent = add(trace.spent, run.election.costs[best] as Rational);
  const s = st.supporters[best] as Int32Array;
  const atE = new Float64Array(s.length);
  pay(s, b, p, atE);
  trace.budgets.push(atE);
  run.remaining = run.remaining.filter((c) => c !== best && dropped[c] === 0);
}

/**
 * Supporters `s` pay p each, or all they hold if less; `atE` gets what they held. A function of its own: V8
 * compiled this loop alone while `fund` was running it (on-stack replacement), and that code was thrown away on
 * the way out of the loop, 771 times a Budapest count, while it shared a function with the code after it.
 */
function pay(s: Int32Array, b: Float64Array, p: number, atE: Float64Array): void {
  for (let i = 0; i < s.length; i++) {
    const g = s[i] as number;
    const bb = b[g] as number;
    atE[i] = bb;
    b[g] = bb <= p ? 0 : bb - p;
  }
}

/** True when a beats b for certain, false when b beats a for certain, undefined when too close. */
function beats(
  election: MesElection,
  a: number,
  ra: number,
  fa: boolean,
  b: number,
  rb: number,
  fb: boolean,
): boolean | undefined {
  if (fa && fb) {
    const ka = election.approvals[a] as number;
    const kb = election.approvals[b] as number;
    return ka !== kb ? ka > kb : before(election, a, b);
  }
  if (Math.abs(ra - rb) <= EPS * Math.max(ra, rb)) return undefined;
  return ra < rb;
}

/** The chord's end: w's ρ at this endowment with its supporters' budgets at e raised by d (0 stays 0). */
function raisedRho(st: RunState, w: number, atE: Float64Array, d: number): number {
  const ws = st.sw[w] as Float64Array;
  const cost = st.costsF[w] as number;
  let p = cost / (st.approvals[w] as number);
  for (;;) {
    let capped = 0;
    let k = 0;
    for (let i = 0; i < atE.length; i++) {
      const bb = (atE[i] as number) > 0 ? (atE[i] as number) + d : 0;
      if (bb < p) capped += bb * (ws[i] as number);
      else k += ws[i] as number;
    }
    if (k === 0) return Infinity;
    const np = (cost - capped) / k;
    if (!(np > p)) return p / cost;
    p = np;
  }
}

/** The tangent's value at e: c's ρ with this run's capped set, their budgets lowered by d where they hold d. */
function loweredRho(st: RunState, c: number, d: number): number {
  const s = st.supporters[c] as Int32Array;
  const ws = st.sw[c] as Float64Array;
  const b = st.b;
  const p = st.pay[c] as number;
  const cost = st.costsF[c] as number;
  let held = 0;
  for (let i = 0; i < s.length; i++) {
    const bb = b[s[i] as number] as number;
    if (bb < p) held += (ws[i] as number) * (bb >= d ? bb - d : bb);
  }
  return (cost - held) / ((st.uncappedOf[c] as number) * cost);
}

/** The second test (see above): c loses to e's winner of the round at every endowment between, for certain. */
function losesAlong(run: Run, c: number, round: number): boolean {
  const { against, st } = run;
  if (against === undefined || st.settled[c] !== 1) return false;
  const w = against.winners[round] as number;
  const d = run.trace.endowment - against.endowment;
  if (run.chordRound !== round) {
    run.chordRound = round;
    run.chordEnd = raisedRho(st, w, against.budgets[round] as Float64Array, d);
  }
  const atE = against.rho[round] as number;
  return (
    loweredRho(st, c, d) > atE * (1 + SHIFT_EPS) && (st.rho[c] as number) > run.chordEnd * (1 + SHIFT_EPS)
  );
}

/** At most this many outcomes in one range across swaps (each more costs about two resumed runs). */
export const MAX_OUTCOMES = 8;
/** At most this many candidates in doubt in one round of such a range. */
const MAX_TIED = 3;

/**
 * Across swaps (see above): when `tried`, a run at `far` against `base` (the run at `here`), could not certify
 * the range because two winners swapped places, or nearly did, in its first round in doubt, the range checked
 * for both orders. Generalised two ways, by the same argument: when a branch's run at `far` finds a third
 * candidate in doubt in that round, the round is checked for each of the three (or more) as its winner, every
 * other candidate losing to one of them; and when a branch meets another swap or near swap in a later round,
 * that branch is split again there (each branch's ends are runs forced to fund its winners in its order, at
 * `here` and at `far`, so the argument above holds for it). Returns the real run at `far` and the runs at
 * `here` that end every branch: every endowment between funds one of their outcomes; undefined when that cannot
 * be shown with at most `maxOutcomes` of them. `count.runs` counts the MES runs made.
 */
export function acrossSwap(
  election: MesElection,
  here: number,
  far: number,
  base: MesTrace,
  tried: MesTrace,
  count: { runs: number } = { runs: 0 },
  maxOutcomes = MAX_OUTCOMES,
): { real: MesTrace; outcomes: MesTrace[] } | undefined {
  const outcomes: MesTrace[] = [];
  const real = split(election, here, far, base, tried, true, -1, count, outcomes, maxOutcomes);
  return real === undefined || real === false || real === null ? undefined : { real, outcomes };
}

/**
 * One round in doubt of `acrossSwap`: `low` at `here` and `tried` at `far` fund the same winners before that
 * round (`tried` was checked against `low` and stopped there, after round `after`). Adds the outcomes of every
 * branch to `outcomes` and returns the run at `far` that funds what MES funds there (if `natural`: `tried` is
 * such a run up to its round in doubt), null when that run is in no branch, false when the range cannot be shown.
 */
function split(
  election: MesElection,
  here: number,
  far: number,
  low: MesTrace,
  tried: MesTrace,
  natural: boolean,
  after: number,
  count: { runs: number },
  outcomes: MesTrace[],
  maxOutcomes: number,
): MesTrace | null | false {
  const pair = tried.swapAt ?? tried.doubtAt;
  if (pair === undefined || pair.round <= after) return false;
  // Where `low` funded nothing more (a = -1) and `tried` funds b, nothing but b is affordable at `far` (b's branch
  // checks it), so an endowment between funds nothing more (`low`'s outcome) or b.
  if (pair.from >= 0 && tried.doubtAt?.round !== pair.round) return false;
  const { round, from: a, to: b } = pair;
  // What MES funds at `far` this round: b if the two swapped, else still a.
  const farWinner = tried.swapAt === undefined ? a : b;
  // Every run here shares its rounds before `round` with `tried` (at `far`) or with `low` (at `here`), and
  // resumes there (see `Resume`).
  const atFar: Resume = { trace: tried, round };
  const lows = new Map<number, MesTrace>([[a, low]]);
  const tied = [a, b];
  const first = outcomes.length;
  for (;;) {
    let real: MesTrace | null = null;
    let third: number | undefined;
    for (const m of tied) {
      if (m < 0) {
        if (outcomes.length >= maxOutcomes) return false;
        outcomes.push(low);
        continue;
      }
      // The branch where m wins this round: its ends are the runs forced to fund m here, at each end.
      let lowM = lows.get(m);
      if (lowM === undefined) {
        count.runs++;
        lowM = traceMes(election, here, undefined, false, { round, force: m }, { trace: low, round });
        if (lowM === undefined) return false;
        lows.set(m, lowM);
      }
      count.runs++;
      const others = tied.filter((x) => x !== m && x >= 0);
      const highM = traceMes(
        election,
        far,
        lowM,
        true,
        { round, others, ...(m === farWinner ? {} : { force: m }) },
        atFar,
      );
      if (highM === undefined) return false;
      if (highM.certified) {
        if (outcomes.length >= maxOutcomes) return false;
        outcomes.push(lowM);
        if (natural && m === farWinner) real = highM;
        continue;
      }
      if (highM.lostAt === round) {
        // A third candidate in doubt this round: check the round again with it among the winners in doubt.
        const c = highM.doubtAt?.round === round ? highM.doubtAt.to : undefined;
        if (c === undefined || tied.includes(c) || tied.length >= MAX_TIED) return false;
        third = c;
        break;
      }
      const r = split(
        election,
        here,
        far,
        lowM,
        highM,
        natural && m === farWinner,
        round,
        count,
        outcomes,
        maxOutcomes,
      );
      if (r === false) return false;
      real ??= r;
    }
    if (third === undefined) return real;
    outcomes.length = first;
    tied.push(third);
  }
}
