/**
 * The three priority methods' rules, used live on the ballot screen (what is left) and again when a ballot is
 * stored and when ballots are counted, so a tablet and the council always agree on which ballots count.
 *
 * - dots: at most N dots in all, at most M on one proposal, whole dots of at least 1.
 * - budget: chosen proposals' costs add up to no more than the pot and to at least the minimum spend that
 *   applies (minimumSpendPence): the session's minimum share of the pot, but only when the ideas on offer let
 *   every resident reach it without backing any particular idea; otherwise no minimum.
 * - ranking: 1 to K distinct proposals, favourite first.
 *
 * The minimum, the pot and the method a ballot was checked against are kept with it (`castUnder`), and counting
 * checks it against those again (src/domain/count.ts), never against a later list of ideas.
 */
import { ValidationError } from './errors';
import type { Ballot, BallotChoices, CastUnder, Pence, PriorityMethod } from './types';

export interface BallotContext {
  potPence: Pence;
  /** Cost of every proposal a ballot may name. */
  costs: ReadonlyMap<string, Pence>;
  /**
   * Cost of every proposal a resident can choose now (visible, not merged away), when that differs from
   * `costs`. The minimum spend is worked out from these. Defaults to `costs`.
   */
  choosableCosts?: ReadonlyMap<string, Pence>;
  /** The minimum spend already fixed (a ballot's recorded rules): used as it is instead of worked out. */
  minimumPence?: Pence;
}

/** The session's minimum share of the pot in whole pence, rounded up (0 when the method sets none). */
export function wantedMinimumPence(method: PriorityMethod, potPence: Pence): Pence {
  if (method.kind !== 'budget' || method.minSharePercent <= 0) return 0;
  return Math.ceil((potPence * method.minSharePercent) / 100);
}

/**
 * The least a budget ballot cast now must spend. The session's minimum share of the pot (m) applies only when
 * the ideas on offer (`choosableCosts`) make it reachable without any particular idea; otherwise 0 (no minimum),
 * so a resident is never forced to back an idea they do not want. Reachable means: the "small" ideas, those
 * costing at most pot - m, add up to at least m without the costliest of them.
 *
 * Then, leaving out any idea X, a resident can tick small ideas other than X one by one until m is reached:
 * they add up to at least m, and the last one ticked takes the spend from below m to at most m + (pot - m) =
 * pot. Larger ideas are never needed, so they neither stop the minimum nor count towards it; residents may
 * still choose them. Property test: test/unit/domain/minimumSpend.property.test.ts.
 */
export function minimumSpendPence(method: PriorityMethod, ctx: BallotContext): Pence {
  if (ctx.minimumPence !== undefined) return ctx.minimumPence;
  const wanted = wantedMinimumPence(method, ctx.potPence);
  if (wanted === 0) return 0;
  let total = 0;
  let costliest = 0;
  for (const cost of (ctx.choosableCosts ?? ctx.costs).values()) {
    if (cost > ctx.potPence - wanted) continue;
    total += cost;
    costliest = Math.max(costliest, cost);
  }
  return total - costliest >= wanted ? wanted : 0;
}

/** The rules a ballot cast now is checked against, to be kept with it (`Ballot.castUnder`). */
export function castUnderNow(method: PriorityMethod, ctx: BallotContext): CastUnder {
  return { method: { ...method }, potPence: ctx.potPence, minimumPence: minimumSpendPence(method, ctx) };
}

/** Whether an idea can be part of any budget ballot: one costing more than the whole pot never fits. */
export function canEverFit(costPence: Pence, potPence: Pence): boolean {
  return costPence <= potPence;
}

export function spentPence(selected: readonly string[], costs: ReadonlyMap<string, Pence>): Pence {
  return selected.reduce((sum, id) => sum + (costs.get(id) ?? 0), 0);
}

export function dotsUsed(dots: Readonly<Record<string, number>>): number {
  return Object.values(dots).reduce((a, b) => a + b, 0);
}

function checkKnown(ids: readonly string[], ctx: BallotContext): void {
  for (const id of ids)
    if (!ctx.costs.has(id)) throw new ValidationError('unknownProposal', 'ballot', { id });
}

/** Throws a ValidationError if the choices break the method's rules; returns normalised choices. */
export function checkBallot(
  method: PriorityMethod,
  choices: BallotChoices,
  ctx: BallotContext,
): BallotChoices {
  if (choices.kind !== method.kind) throw new ValidationError('methodMismatch', 'ballot');
  switch (choices.kind) {
    case 'dots': {
      if (method.kind !== 'dots') throw new ValidationError('methodMismatch', 'ballot');
      const dots: Record<string, number> = {};
      for (const [id, n] of Object.entries(choices.dots)) {
        if (!Number.isInteger(n) || n < 0) throw new ValidationError('notWholeNumber', 'ballot', { id });
        if (n > method.maxDotsPerProposal) {
          throw new ValidationError('dotsOverPerProposal', 'ballot', { max: method.maxDotsPerProposal });
        }
        if (n > 0) dots[id] = n;
      }
      checkKnown(Object.keys(dots), ctx);
      const used = dotsUsed(dots);
      if (used === 0) throw new ValidationError('emptyBallot', 'ballot');
      if (used > method.dotsPerParticipant) {
        throw new ValidationError('dotsOverTotal', 'ballot', { max: method.dotsPerParticipant });
      }
      return { kind: 'dots', dots };
    }
    case 'budget': {
      if (method.kind !== 'budget') throw new ValidationError('methodMismatch', 'ballot');
      if (new Set(choices.selected).size !== choices.selected.length) {
        throw new ValidationError('duplicateChoice', 'ballot');
      }
      checkKnown(choices.selected, ctx);
      if (choices.selected.length === 0) throw new ValidationError('emptyBallot', 'ballot');
      const spent = spentPence(choices.selected, ctx.costs);
      if (spent > ctx.potPence)
        throw new ValidationError('budgetOverPot', 'ballot', { pot: ctx.potPence, spent });
      const minimum = minimumSpendPence(method, ctx);
      if (spent < minimum) throw new ValidationError('budgetUnderMinimum', 'ballot', { minimum, spent });
      return { kind: 'budget', selected: [...choices.selected] };
    }
    case 'ranking': {
      if (method.kind !== 'ranking') throw new ValidationError('methodMismatch', 'ballot');
      if (new Set(choices.ranked).size !== choices.ranked.length) {
        throw new ValidationError('duplicateChoice', 'ballot');
      }
      checkKnown(choices.ranked, ctx);
      if (choices.ranked.length === 0) throw new ValidationError('emptyBallot', 'ballot');
      if (choices.ranked.length > method.maxRanked) {
        throw new ValidationError('rankingTooLong', 'ballot', { max: method.maxRanked });
      }
      return { kind: 'ranking', ranked: [...choices.ranked] };
    }
  }
}

/** What the ballot screen shows while a resident chooses. */
export interface BallotProgress {
  dotsLeft: number;
  moneyLeftPence: Pence;
  minimumSpendPence: Pence;
  placesLeft: number;
}

export function ballotProgress(
  method: PriorityMethod,
  choices: BallotChoices,
  ctx: BallotContext,
): BallotProgress {
  const progress: BallotProgress = { dotsLeft: 0, moneyLeftPence: 0, minimumSpendPence: 0, placesLeft: 0 };
  if (method.kind === 'dots' && choices.kind === 'dots') {
    progress.dotsLeft = method.dotsPerParticipant - dotsUsed(choices.dots);
  } else if (method.kind === 'budget' && choices.kind === 'budget') {
    progress.moneyLeftPence = ctx.potPence - spentPence(choices.selected, ctx.costs);
    progress.minimumSpendPence = minimumSpendPence(method, ctx);
  } else if (method.kind === 'ranking' && choices.kind === 'ranking') {
    progress.placesLeft = method.maxRanked - choices.ranked.length;
  }
  return progress;
}

export function emptyChoices(method: PriorityMethod): BallotChoices {
  switch (method.kind) {
    case 'dots':
      return { kind: 'dots', dots: {} };
    case 'budget':
      return { kind: 'budget', selected: [] };
    case 'ranking':
      return { kind: 'ranking', ranked: [] };
  }
}

export function choicesOf(ballot: Ballot): BallotChoices {
  switch (ballot.kind) {
    case 'dots':
      return { kind: 'dots', dots: { ...ballot.dots } };
    case 'budget':
      return { kind: 'budget', selected: [...ballot.selected] };
    case 'ranking':
      return { kind: 'ranking', ranked: [...ballot.ranked] };
  }
}
