// Add1 that jumps over the endowments where nothing changes (mesAdd1.ts) must land exactly where stepping one
// increment at a time lands: same winners, same order, same endowment. The two Budapest elections take minutes
// stepwise, so they are compared in the bench (test/bench/tally.ts), not here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CountingProject } from '../../../src/domain/counting/greedy';
import { equalShares, mesAdd1Stepwise, type MesOptions } from '../../../src/domain/counting/mes';
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
});
