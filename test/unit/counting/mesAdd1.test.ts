// Add1 that jumps over the endowments where nothing changes (mesAdd1.ts) must land exactly where stepping one
// increment at a time lands: same winners, same order, same endowment. The hard cases are in
// mesAdd1.hardCases.test.ts (the two forint elections against stepping's pinned outcome) and in the bench
// (test/bench/tally.ts, group 11, against stepping itself).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CountingProject } from '../../../src/domain/counting/greedy';
import { equalShares, mesAdd1Stepwise, MesElection, type MesOptions } from '../../../src/domain/counting/mes';
import { acrossSwap, traceMes, type MesTrace } from '../../../src/domain/counting/mesAdd1';
import { rat } from '../../../src/domain/counting/rational';
import { PROPERTY_BUDGET_MS } from '../helpers/property';
import { ALL_FIXTURES, load } from './fixtures';

const outcome = (r: ReturnType<typeof equalShares>) => ({
  selected: r.selected,
  spent: r.spent,
  endowment: r.endowment,
  comparison: r.comparison,
});

describe('Add1 by jumps gives what Add1 by single steps gives', () => {
  it.each(ALL_FIXTURES)(
    'on the real election %s: same winners, order and endowment',
    (name) => {
      // Given a real pabulib election
      const e = load(name);
      const ballots = e.voters.map((v) => v.vote);
      // When it is counted with Add1 jumping and with Add1 stepping one unit per voter
      const fast = equalShares(e.projects, ballots, e.budget, { comparison: true });
      const slow = mesAdd1Stepwise(e.projects, ballots, e.budget, { comparison: true });
      // Then both give the same outcome
      expect(outcome(fast)).toEqual(outcome(slow));
    },
    60_000,
  );

  // Random small elections in small currency units (budgets up to 10^6 over a few voters: thousands of steps),
  // with ballots drawn from few projects so ties, near-ties and voters who run out of money are common.
  const election = fc
    .record({
      costs: fc.array(fc.integer({ min: 1, max: 400_000 }), { minLength: 1, maxLength: 7 }),
      ballots: fc.array(fc.array(fc.nat(6), { maxLength: 5 }), { minLength: 1, maxLength: 12 }),
      budgetShare: fc.double({ min: 0.05, max: 1.2, noNaN: true }),
      options: fc.constantFrom<MesOptions>(
        {},
        { exhaustiveStop: true },
        { start: 'exact' },
        { increment: 7 },
        { increment: 0.5 },
      ),
    })
    .map(({ costs, ballots, budgetShare, options }) => {
      const projects: CountingProject[] = costs.map((cost, i) => ({ id: `p${i}`, cost }));
      const total = costs.reduce((a, c) => a + c, 0);
      return {
        projects,
        ballots: ballots.map((b) => b.filter((i) => i < costs.length).map((i) => `p${i}`)),
        budget: Math.max(1, Math.round(total * budgetShare)),
        options,
      };
    });

  it(
    'on random small elections counted in small currency units',
    () => {
      fc.assert(
        fc.property(election, ({ projects, ballots, budget, options }) => {
          const fast = equalShares(projects, ballots, budget, options);
          const slow = mesAdd1Stepwise(projects, ballots, budget, options);
          expect(outcome(fast)).toEqual(outcome(slow));
        }),
        { numRuns: 60 },
      );
    },
    PROPERTY_BUDGET_MS,
  );

  it(
    'on elections built so that projects tie exactly (equal costs and approval counts)',
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 2, max: 5 }),
          fc.integer({ min: 1, max: 4 }),
          fc.integer({ min: 1_000, max: 90_000 }),
          (projects, copies, cost) => {
            const ps: CountingProject[] = Array.from({ length: projects }, (_, i) => ({ id: `p${i}`, cost }));
            const ballots = ps.flatMap((p, i) =>
              Array.from({ length: copies }, () => [p.id, `p${(i + 1) % projects}`]),
            );
            const budget = Math.round(cost * projects * 0.7);
            expect(outcome(equalShares(ps, ballots, budget))).toEqual(
              outcome(mesAdd1Stepwise(ps, ballots, budget)),
            );
          },
        ),
        { numRuns: 40 },
      );
    },
    PROPERTY_BUDGET_MS,
  );

  // Near ties that swap as the endowment rises: costs within a few parts in a thousand of each other, ballots
  // drawn from a handful of projects (so supporters overlap and many run dry), a budget in small units (tens of
  // thousands of steps). Winners then trade places over the range, often more than once.
  const nearTies = fc
    .record({
      base: fc.integer({ min: 20_000, max: 200_000 }),
      spread: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 2, maxLength: 6 }),
      ballots: fc.array(fc.array(fc.nat(5), { minLength: 1, maxLength: 3 }), { minLength: 4, maxLength: 30 }),
      budgetShare: fc.double({ min: 0.2, max: 0.9, noNaN: true }),
    })
    .map(({ base, spread, ballots, budgetShare }) => {
      const projects: CountingProject[] = spread.map((s, i) => ({
        id: `p${i}`,
        cost: base + s * (base / 1000),
      }));
      const total = projects.reduce((a, p) => a + p.cost, 0);
      return {
        projects,
        ballots: ballots.map((b) => b.filter((i) => i < spread.length).map((i) => `p${i}`)),
        budget: Math.max(1, Math.round(total * budgetShare)),
      };
    });

  it(
    'on random elections built to have near ties and winners that swap places',
    () => {
      fc.assert(
        fc.property(nearTies, ({ projects, ballots, budget }) => {
          // Given an election whose projects nearly tie, When it is counted by jumps and by single steps,
          // Then both give the same outcome
          expect(outcome(equalShares(projects, ballots, budget))).toEqual(
            outcome(mesAdd1Stepwise(projects, ballots, budget)),
          );
        }),
        { numRuns: 60 },
      );
    },
    PROPERTY_BUDGET_MS,
  );
});

describe('The jump certificate itself (traceMes)', () => {
  // Small elections where a whole range can be checked step by step, exactly.
  const election = fc
    .record({
      costs: fc.array(fc.integer({ min: 1_000, max: 60_000 }), { minLength: 2, maxLength: 6 }),
      ballots: fc.array(fc.array(fc.nat(5), { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 14 }),
      start: fc.integer({ min: 200, max: 20_000 }),
      d: fc.integer({ min: 1, max: 400 }),
      stopAtDoubt: fc.boolean(),
    })
    .map(({ costs, ballots, start, d, stopAtDoubt }) => ({
      projects: costs.map((cost, i): CountingProject => ({ id: `p${i}`, cost })),
      ballots: ballots.map((b) => b.filter((i) => i < costs.length).map((i) => `p${i}`)),
      start,
      d,
      stopAtDoubt,
    }));

  it(
    'certifies a range only when the exact count funds the same projects in the same order at every step of it',
    () => {
      let certified = 0;
      fc.assert(
        fc.property(election, ({ projects, ballots, start, d, stopAtDoubt }) => {
          // Given a float run at one endowment and a run further on, checked against it
          const e = new MesElection(projects, ballots);
          const base = traceMes(e, start);
          if (base === undefined) return;
          const far = traceMes(e, start + d, base, stopAtDoubt);
          // When the second run says every endowment between gives the first run's outcome
          if (far?.certified !== true) return;
          certified++;
          // Then counting every step of the range exactly gives that outcome
          for (let x = start; x <= start + d; x++) {
            expect(e.runChecked(rat(BigInt(x))).selected).toEqual(base.selected);
          }
        }),
        { numRuns: 150 },
      );
      // (and the property is not vacuous)
      expect(certified).toBeGreaterThan(10);
    },
    PROPERTY_BUDGET_MS,
  );

  // Near ties again (costs a few parts in a thousand apart, overlapping ballots), over longer ranges.
  const swapping = fc
    .record({
      base: fc.integer({ min: 5_000, max: 50_000 }),
      spread: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 2, maxLength: 5 }),
      ballots: fc.array(fc.array(fc.nat(4), { minLength: 1, maxLength: 3 }), { minLength: 3, maxLength: 16 }),
      start: fc.integer({ min: 300, max: 15_000 }),
      d: fc.integer({ min: 1, max: 100 }),
    })
    .map(({ base, spread, ballots, start, d }) => ({
      projects: spread.map((s, i): CountingProject => ({
        id: `p${i}`,
        cost: base + s * Math.floor(base / 1000),
      })),
      ballots: ballots.map((b) => b.filter((i) => i < spread.length).map((i) => `p${i}`)),
      start,
      d,
    }));

  it(
    'across swaps of winners (or near ones), certifies a range only when every step of it funds one of the outcomes found',
    () => {
      let certified = 0;
      let many = 0;
      let extra = 0;
      fc.assert(
        fc.property(fc.oneof(election, swapping), ({ projects, ballots, start, d }) => {
          // Given a run, and runs further on (d, 2d, 4d, …) that cannot be certified against it
          const e = new MesElection(projects, ballots);
          const base = traceMes(e, start);
          if (base === undefined) return;
          for (let far = start + d; far <= start + 64 * d; far += far - start) {
            const tried = traceMes(e, far, base);
            if (tried === undefined || tried.certified) continue;
            // When the runs for both orders (acrossSwap, as add1Jump uses it) certify the range
            const across = acrossSwap(e, start, far, base, tried);
            if (across === undefined) continue;
            certified++;
            if (across.outcomes.length > 2) many++;
            if (tried.swapAt?.from === -1) extra++;
            // Then counting every step of the range exactly gives one of the outcomes found
            const outcomes = across.outcomes.map((o) => o.selected.join());
            for (let x = start; x <= far; x++) {
              expect(outcomes).toContain(e.runChecked(rat(BigInt(x))).selected.join());
            }
            expect(across.real.selected).toEqual(e.runChecked(rat(BigInt(far))).selected);
          }
        }),
        { numRuns: 120 },
      );
      // (and the property is not vacuous: in 120 runs about 100 ranges are certified across swaps, about 40 with
      // more than two outcomes (a branch split again, or three candidates in doubt in one round) and about 85
      // where the run further on funds a project more than the run it is checked against)
      expect(certified).toBeGreaterThan(20);
      expect(many).toBeGreaterThan(5);
      expect(extra).toBeGreaterThan(5);
    },
    PROPERTY_BUDGET_MS,
  );
});

describe('A run resumed from a round of another run (traceMes with `from`)', () => {
  const election = fc
    .record({
      costs: fc.array(fc.integer({ min: 1_000, max: 60_000 }), { minLength: 2, maxLength: 7 }),
      ballots: fc.array(fc.array(fc.nat(6), { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 16 }),
      start: fc.integer({ min: 200, max: 20_000 }),
      d: fc.integer({ min: 1, max: 400 }),
    })
    .map(({ costs, ballots, start, d }) => ({
      projects: costs.map((cost, i): CountingProject => ({ id: `p${i}`, cost })),
      ballots: ballots.map((b) => b.filter((i) => i < costs.length).map((i) => `p${i}`)),
      start,
      d,
    }));

  const shape = (t: MesTrace | undefined) =>
    t && {
      selected: t.selected,
      winners: t.winners,
      rho: t.rho,
      free: t.free,
      certified: t.certified,
      partial: t.partial,
      swapAt: t.swapAt,
      doubtAt: t.doubtAt,
      lostAt: t.lostAt,
      rivals: t.rivals.map((r) => [...r]),
      budgets: t.budgets.map((b) => [...b]),
      last: [...t.last],
    };

  it(
    'gives exactly the run from the first round, from every round of a whole run and of one stopped in doubt',
    () => {
      let resumed = 0;
      fc.assert(
        fc.property(election, ({ projects, ballots, start, d }) => {
          // Given a run, and a run further on checked against it (stopped at its first round in doubt or not)
          const e = new MesElection(projects, ballots);
          const base = traceMes(e, start);
          if (base === undefined) return;
          for (const stop of [false, true]) {
            const far = traceMes(e, start + d, base, stop);
            if (far === undefined) continue;
            // When each is run again from one of its rounds (for the run further on: up to its first round in
            // doubt, the rounds whose checks it carries over)
            for (const [src, against] of [
              [base, undefined],
              [far, base],
            ] as const) {
              const last = Math.min(src.winners.length, src === far ? (far.lostAt ?? Infinity) : Infinity);
              for (let round = 0; round <= last; round++) {
                const again = traceMes(e, src.endowment, against, stop, undefined, { trace: src, round });
                resumed++;
                // Then it is the same run, round for round, budget for budget
                expect(shape(again)).toEqual(shape(traceMes(e, src.endowment, against, stop)));
              }
            }
          }
        }),
        { numRuns: 150 },
      );
      expect(resumed).toBeGreaterThan(300);
    },
    PROPERTY_BUDGET_MS,
  );
});
