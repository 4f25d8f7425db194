/**
 * The minimum-spend rule (issue 9): a resident is never forced to back an idea they do not want. For any pot,
 * share and ideas on offer, and any idea X, there is a ballot without X that the ballot screen and castBallot
 * accept, built the way a resident would: ticking the other ideas one by one, skipping any that no longer fit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ballotProgress,
  checkBallot,
  minimumSpendPence,
  spentPence,
  wantedMinimumPence,
  type BallotContext,
} from '../../../src/domain/ballots';
import type { PriorityMethod } from '../../../src/domain/types';
import { PROPERTY_BUDGET_MS } from '../helpers/property';

const election = fc
  .record({
    potPence: fc.integer({ min: 1, max: 10_000_000 }),
    share: fc.integer({ min: 0, max: 100 }),
    // Costs as fractions of the pot, so small, large and over-the-pot ideas all turn up.
    fractions: fc.array(fc.double({ min: 0, max: 1.5, noNaN: true }), { minLength: 1, maxLength: 25 }),
  })
  .map(({ potPence, share, fractions }) => ({
    potPence,
    method: { kind: 'budget', minSharePercent: share } satisfies PriorityMethod,
    costs: new Map(fractions.map((f, i) => [`i${i}`, Math.round(f * potPence)])),
  }));

/** Ticks ideas in the given order, skipping any that would pass the pot, until the minimum is reached. */
function tickUntilMinimum(order: readonly string[], ctx: BallotContext, minimum: number): string[] {
  const chosen: string[] = [];
  let spent = 0;
  for (const id of order) {
    if (spent >= minimum && chosen.length > 0) break;
    const cost = ctx.costs.get(id) ?? 0;
    if (spent + cost > ctx.potPence) continue;
    chosen.push(id);
    spent += cost;
  }
  return chosen;
}

describe('minimumSpendPence: nobody is forced to back an idea', () => {
  it(
    'Given any pot, share and ideas, and any idea X, when a resident ticks the other ideas in any order, then they reach a ballot without X that is accepted and that the screen shows as enough',
    () => {
      fc.assert(
        fc.property(
          election,
          fc.nat(),
          fc.func(fc.integer()),
          ({ potPence, method, costs }, pick, shuffleKey) => {
            const ctx: BallotContext = { potPence, costs };
            const ids = [...costs.keys()];
            const x = ids[pick % ids.length]!;
            const minimum = minimumSpendPence(method, ctx);
            expect([0, wantedMinimumPence(method, potPence)]).toContain(minimum);
            const others = ids.filter((id) => id !== x).sort((a, b) => shuffleKey(a) - shuffleKey(b));
            const ballot = tickUntilMinimum(others, ctx, minimum);
            if (ballot.length === 0) {
              // Only possible when no other idea fits in the pot: then no ballot without X exists at all.
              expect(others.every((id) => (costs.get(id) ?? 0) > potPence)).toBe(true);
              return;
            }
            expect(ballot).not.toContain(x);
            const spent = spentPence(ballot, costs);
            expect(spent).toBeGreaterThanOrEqual(minimum);
            expect(spent).toBeLessThanOrEqual(potPence);
            expect(checkBallot(method, { kind: 'budget', selected: ballot }, ctx).kind).toBe('budget');
            const progress = ballotProgress(method, { kind: 'budget', selected: ballot }, ctx);
            expect(progress.minimumSpendPence).toBe(minimum);
            expect(progress.moneyLeftPence).toBeGreaterThanOrEqual(0);
          },
        ),
        { numRuns: 1000 },
      );
    },
    PROPERTY_BUDGET_MS,
  );

  it(
    'Given the session’s minimum applies, when a ballot is checked, then it is accepted exactly when minimum <= spend <= pot',
    () => {
      fc.assert(
        fc.property(election, fc.func(fc.boolean()), ({ potPence, method, costs }, isTicked) => {
          const ctx: BallotContext = { potPence, costs };
          const selected = [...costs.keys()].filter((id) => isTicked(id));
          fc.pre(selected.length > 0);
          const spent = spentPence(selected, costs);
          const minimum = minimumSpendPence(method, ctx);
          const shouldPass = spent >= minimum && spent <= potPence;
          let passed = true;
          try {
            checkBallot(method, { kind: 'budget', selected }, ctx);
          } catch {
            passed = false;
          }
          expect(passed).toBe(shouldPass);
        }),
        { numRuns: 500 },
      );
    },
    PROPERTY_BUDGET_MS,
  );
});
