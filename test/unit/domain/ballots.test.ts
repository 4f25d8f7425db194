import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ballotProgress,
  castUnderNow,
  checkBallot,
  choicesOf,
  dotsUsed,
  emptyChoices,
  minimumSpendPence,
  spentPence,
  wantedMinimumPence,
  type BallotContext,
} from '../../../src/domain/ballots';
import { isValidationError } from '../../../src/domain/errors';
import type { Ballot, PriorityMethod } from '../../../src/domain/types';
import { expectValidation } from '../helpers/session';
import { PROPERTY_BUDGET_MS } from '../helpers/property';

const dots: PriorityMethod = { kind: 'dots', dotsPerParticipant: 5, maxDotsPerProposal: 3 };
const budget: PriorityMethod = { kind: 'budget', minSharePercent: 0 };
const budget70: PriorityMethod = { kind: 'budget', minSharePercent: 70 };
const ranking: PriorityMethod = { kind: 'ranking', maxRanked: 3 };

/** A pot of £10.00 and five ideas costing 400p + 300p + 299p + 1p + 1p = 1001p: one penny more than the pot. */
const ctx: BallotContext = {
  potPence: 1000,
  costs: new Map([
    ['a', 400],
    ['b', 300],
    ['c', 299],
    ['d', 1],
    ['e', 1],
  ]),
};

/**
 * A pot of £10.00 with a 70% minimum (700p) the ideas can reach: every idea costs at most 300p (pot - minimum)
 * and without the costliest they add up to 300 + 300 + 100 + 99 = 799p.
 */
const minCtx: BallotContext = {
  potPence: 1000,
  costs: new Map([
    ['a', 300],
    ['b', 300],
    ['c', 300],
    ['d', 100],
    ['e', 99],
  ]),
};

describe('checkBallot: dot voting (5 dots, at most 3 on one idea)', () => {
  it('Given 3 dots on one idea (the per-idea maximum), when checked, then the ballot is accepted', () => {
    expect(checkBallot(dots, { kind: 'dots', dots: { a: 3 } }, ctx)).toEqual({
      kind: 'dots',
      dots: { a: 3 },
    });
  });

  it('Given 4 dots on one idea, when checked, then dotsOverPerProposal with the maximum', () => {
    const error = expectValidation(
      () => checkBallot(dots, { kind: 'dots', dots: { a: 4 } }, ctx),
      'dotsOverPerProposal',
      'ballot',
    );
    expect(error.params).toEqual({ max: 3 });
  });

  it('Given all 5 dots spread out, when checked, then accepted; a 6th dot is dotsOverTotal', () => {
    expect(checkBallot(dots, { kind: 'dots', dots: { a: 3, b: 2 } }, ctx)).toEqual({
      kind: 'dots',
      dots: { a: 3, b: 2 },
    });
    const error = expectValidation(
      () => checkBallot(dots, { kind: 'dots', dots: { a: 3, b: 2, c: 1 } }, ctx),
      'dotsOverTotal',
      'ballot',
    );
    expect(error.params).toEqual({ max: 5 });
  });

  it('Given ideas with zero dots, when checked, then they are dropped from the stored choices', () => {
    expect(checkBallot(dots, { kind: 'dots', dots: { a: 2, b: 0 } }, ctx)).toEqual({
      kind: 'dots',
      dots: { a: 2 },
    });
  });

  it('Given no dots at all, or only zeros, when checked, then emptyBallot', () => {
    expectValidation(() => checkBallot(dots, { kind: 'dots', dots: {} }, ctx), 'emptyBallot', 'ballot');
    expectValidation(() => checkBallot(dots, { kind: 'dots', dots: { a: 0 } }, ctx), 'emptyBallot', 'ballot');
  });

  it('Given a negative or fractional number of dots, when checked, then notWholeNumber', () => {
    expectValidation(() => checkBallot(dots, { kind: 'dots', dots: { a: -1, b: 3 } }, ctx), 'notWholeNumber');
    expectValidation(() => checkBallot(dots, { kind: 'dots', dots: { a: 1.5 } }, ctx), 'notWholeNumber');
  });

  it('Given dots on an idea the session does not have, when checked, then unknownProposal', () => {
    const error = expectValidation(
      () => checkBallot(dots, { kind: 'dots', dots: { zz: 1 } }, ctx),
      'unknownProposal',
      'ballot',
    );
    expect(error.params).toEqual({ id: 'zz' });
  });
});

describe('checkBallot: budget allocation (pot 1000p)', () => {
  it('Given choices costing exactly the pot, when checked, then the ballot is accepted', () => {
    const selected = ['a', 'b', 'c', 'd'];
    expect(spentPence(selected, ctx.costs)).toBe(ctx.potPence);
    expect(checkBallot(budget, { kind: 'budget', selected }, ctx)).toEqual({ kind: 'budget', selected });
  });

  it('Given choices one penny over the pot, when checked, then budgetOverPot with pot and spend', () => {
    const selected = ['a', 'b', 'c', 'd', 'e'];
    const error = expectValidation(
      () => checkBallot(budget, { kind: 'budget', selected }, ctx),
      'budgetOverPot',
    );
    expect(error.params).toEqual({ pot: ctx.potPence, spent: ctx.potPence + 1 });
  });

  it('Given a 70% minimum the ideas on offer can reach, when choices cost exactly the minimum, then the ballot is accepted', () => {
    expect(minimumSpendPence(budget70, minCtx)).toBe(700);
    expect(checkBallot(budget70, { kind: 'budget', selected: ['a', 'b', 'd'] }, minCtx)).toEqual({
      kind: 'budget',
      selected: ['a', 'b', 'd'],
    });
  });

  it('Given a 70% minimum the ideas on offer can reach, when choices cost one penny under it, then budgetUnderMinimum', () => {
    const error = expectValidation(
      () => checkBallot(budget70, { kind: 'budget', selected: ['a', 'b', 'e'] }, minCtx),
      'budgetUnderMinimum',
      'ballot',
    );
    expect(error.params).toEqual({ minimum: 700, spent: 699 });
  });

  it('Given a minimum share that is not a whole penny of the pot, when worked out, then it rounds up', () => {
    expect(wantedMinimumPence(budget70, 999)).toBe(Math.ceil(999 * 0.7));
    expect(wantedMinimumPence(budget70, 999)).toBe(700);
    expect(wantedMinimumPence(budget, 999)).toBe(0);
    expect(wantedMinimumPence(dots, 999)).toBe(0);
  });

  // Rule changed (issue 9): the minimum used to be capped at the total of every idea, so a resident had to tick
  // every idea; now it applies only when it can be reached without any particular idea.
  it('Given the trial: a £50,000 pot, 70%, and only ideas of £12,000 and £8,000, when a resident ticks the £12,000 idea alone, then no minimum applies and it is accepted', () => {
    const trial: BallotContext = {
      potPence: 5_000_000,
      costs: new Map([
        ['i12', 1_200_000],
        ['i8', 800_000],
      ]),
    };
    expect(minimumSpendPence(budget70, trial)).toBe(0);
    expect(checkBallot(budget70, { kind: 'budget', selected: ['i12'] }, trial).kind).toBe('budget');
    expect(ballotProgress(budget70, { kind: 'budget', selected: ['i12'] }, trial).minimumSpendPence).toBe(0);
  });

  it('Given the ideas on offer other than the costliest add up to less than the minimum, when worked out, then no minimum applies', () => {
    // small ideas (at most 1000 - 700 = 300): b 300, c 299, d 1, e 1: without b they add up to 301 < 700.
    expect(minimumSpendPence(budget70, ctx)).toBe(0);
    expect(checkBallot(budget70, { kind: 'budget', selected: ['e'] }, ctx).kind).toBe('budget');
  });

  it('Given an idea costing more than pot - minimum, when worked out, then it neither stops the minimum nor counts towards it', () => {
    const withBig: BallotContext = { ...minCtx, costs: new Map([...minCtx.costs, ['big', 900]]) };
    expect(minimumSpendPence(budget70, withBig)).toBe(700);
    expect(checkBallot(budget70, { kind: 'budget', selected: ['big'] }, withBig).kind).toBe('budget');
    const onlyBig: BallotContext = {
      potPence: 1000,
      costs: new Map([
        ['big', 900],
        ['d', 100],
        ['e', 99],
      ]),
    };
    expect(minimumSpendPence(budget70, onlyBig)).toBe(0);
  });

  it('Given only some named ideas are choosable, when the minimum is worked out, then only the choosable ones decide it', () => {
    const narrowed: BallotContext = {
      ...minCtx,
      choosableCosts: new Map([
        ['a', 300],
        ['d', 100],
      ]),
    };
    expect(minimumSpendPence(budget70, minCtx)).toBe(700);
    expect(minimumSpendPence(budget70, narrowed)).toBe(0);
    expect(checkBallot(budget70, { kind: 'budget', selected: ['d'] }, narrowed).kind).toBe('budget');
  });

  it('Given a minimum already fixed (a ballot’s recorded rules), when checked, then that minimum is used as it is', () => {
    expect(minimumSpendPence(budget70, { ...ctx, minimumPence: 5 })).toBe(5);
    expectValidation(
      () => checkBallot(budget70, { kind: 'budget', selected: ['d'] }, { ...ctx, minimumPence: 5 }),
      'budgetUnderMinimum',
    );
    expect(castUnderNow(budget70, minCtx)).toEqual({ method: budget70, potPence: 1000, minimumPence: 700 });
    expect(castUnderNow(dots, minCtx)).toEqual({ method: dots, potPence: 1000, minimumPence: 0 });
  });

  it('Given no minimum share, when the minimum is asked for, then it is zero', () => {
    expect(minimumSpendPence(budget, ctx)).toBe(0);
    expect(minimumSpendPence(dots, ctx)).toBe(0);
  });

  it('Given the same idea chosen twice, when checked, then duplicateChoice', () => {
    expectValidation(
      () => checkBallot(budget, { kind: 'budget', selected: ['d', 'd'] }, ctx),
      'duplicateChoice',
    );
  });

  it('Given nothing chosen, when checked, then emptyBallot', () => {
    expectValidation(
      () => checkBallot(budget, { kind: 'budget', selected: [] }, ctx),
      'emptyBallot',
      'ballot',
    );
  });

  it(
    'Given any selection, when checked, then it is accepted exactly when minimum <= spend <= pot',
    () => {
      const ids = [...ctx.costs.keys()];
      fc.assert(
        fc.property(
          fc.subarray(ids, { minLength: 1 }),
          fc.integer({ min: 0, max: 100 }),
          (selected, share) => {
            const method: PriorityMethod = { kind: 'budget', minSharePercent: share };
            const spent = spentPence(selected, ctx.costs);
            const shouldPass = spent <= ctx.potPence && spent >= minimumSpendPence(method, ctx);
            let passed = true;
            try {
              checkBallot(method, { kind: 'budget', selected }, ctx);
            } catch (e) {
              if (!isValidationError(e)) throw e;
              passed = false;
            }
            expect(passed).toBe(shouldPass);
          },
        ),
        { numRuns: 200 },
      );
    },
    PROPERTY_BUDGET_MS,
  );
});

describe('checkBallot: ranking (top 3)', () => {
  it('Given 3 ideas ranked (the maximum), when checked, then the order is kept', () => {
    expect(checkBallot(ranking, { kind: 'ranking', ranked: ['c', 'a', 'b'] }, ctx)).toEqual({
      kind: 'ranking',
      ranked: ['c', 'a', 'b'],
    });
  });

  it('Given 4 ideas ranked, when checked, then rankingTooLong with the maximum', () => {
    const error = expectValidation(
      () => checkBallot(ranking, { kind: 'ranking', ranked: ['a', 'b', 'c', 'd'] }, ctx),
      'rankingTooLong',
      'ballot',
    );
    expect(error.params).toEqual({ max: 3 });
  });

  it('Given one idea ranked twice, when checked, then duplicateChoice', () => {
    expectValidation(
      () => checkBallot(ranking, { kind: 'ranking', ranked: ['a', 'b', 'a'] }, ctx),
      'duplicateChoice',
    );
  });

  it('Given an empty ranking, when checked, then emptyBallot', () => {
    expectValidation(() => checkBallot(ranking, { kind: 'ranking', ranked: [] }, ctx), 'emptyBallot');
  });

  it('Given an unknown idea in the ranking, when checked, then unknownProposal', () => {
    expectValidation(
      () => checkBallot(ranking, { kind: 'ranking', ranked: ['a', 'nope'] }, ctx),
      'unknownProposal',
    );
  });
});

describe('checkBallot: method mismatch', () => {
  it('Given choices of another method than the session’s, when checked, then methodMismatch for each pairing', () => {
    expectValidation(
      () => checkBallot(budget, { kind: 'dots', dots: { a: 1 } }, ctx),
      'methodMismatch',
      'ballot',
    );
    expectValidation(
      () => checkBallot(dots, { kind: 'ranking', ranked: ['a'] }, ctx),
      'methodMismatch',
      'ballot',
    );
    expectValidation(() => checkBallot(ranking, { kind: 'budget', selected: ['a'] }, ctx), 'methodMismatch');
  });
});

describe('ballotProgress', () => {
  it('Given 4 of 5 dots used, when progress is shown, then 1 dot is left', () => {
    const choices = { kind: 'dots', dots: { a: 3, b: 1 } } as const;
    expect(dotsUsed(choices.dots)).toBe(4);
    expect(ballotProgress(dots, choices, ctx)).toEqual({
      dotsLeft: 1,
      moneyLeftPence: 0,
      minimumSpendPence: 0,
      placesLeft: 0,
    });
  });

  it('Given 700p of a 1000p pot chosen with a 70% minimum, when progress is shown, then 300p left and 700p minimum', () => {
    expect(ballotProgress(budget70, { kind: 'budget', selected: ['a', 'b', 'd'] }, minCtx)).toEqual({
      dotsLeft: 0,
      moneyLeftPence: 300,
      minimumSpendPence: 700,
      placesLeft: 0,
    });
  });

  it('Given an overspend, when progress is shown, then the money left is negative by the overspend', () => {
    expect(
      ballotProgress(budget, { kind: 'budget', selected: ['a', 'b', 'c', 'd', 'e'] }, ctx).moneyLeftPence,
    ).toBe(-1);
  });

  it('Given 1 of 3 places used, when progress is shown, then 2 places are left', () => {
    expect(ballotProgress(ranking, { kind: 'ranking', ranked: ['e'] }, ctx).placesLeft).toBe(2);
  });

  it('Given choices of another method, when progress is shown, then every figure is zero', () => {
    expect(ballotProgress(ranking, { kind: 'dots', dots: { a: 1 } }, ctx)).toEqual({
      dotsLeft: 0,
      moneyLeftPence: 0,
      minimumSpendPence: 0,
      placesLeft: 0,
    });
  });
});

describe('emptyChoices and choicesOf', () => {
  it('Given each method, when a ballot starts, then its choices are empty and of that kind', () => {
    expect(emptyChoices(dots)).toEqual({ kind: 'dots', dots: {} });
    expect(emptyChoices(budget)).toEqual({ kind: 'budget', selected: [] });
    expect(emptyChoices(ranking)).toEqual({ kind: 'ranking', ranked: [] });
  });

  it('Given a stored ballot, when its choices are taken, then they are a copy without the stamp', () => {
    const stamp = { participantId: 'p1', revision: 2, deviceId: 'd', at: 1 };
    const ranked: Ballot = { ...stamp, kind: 'ranking', ranked: ['a', 'b'] };
    const choices = choicesOf(ranked);
    expect(choices).toEqual({ kind: 'ranking', ranked: ['a', 'b'] });
    if (choices.kind === 'ranking') choices.ranked.push('c');
    expect(ranked.ranked).toEqual(['a', 'b']);
    expect(choicesOf({ ...stamp, kind: 'dots', dots: { a: 1 } })).toEqual({ kind: 'dots', dots: { a: 1 } });
    expect(choicesOf({ ...stamp, kind: 'budget', selected: ['a'] })).toEqual({
      kind: 'budget',
      selected: ['a'],
    });
  });
});
