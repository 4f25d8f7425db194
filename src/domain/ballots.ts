/**
 * The three priority methods' rules, used live on the ballot screen (what is left) and again when a ballot is
 * stored and when ballots are counted, so a tablet and the council always agree on which ballots count.
 *
 * - dots: at most N dots in all, at most M on one proposal, whole dots of at least 1.
 * - budget: chosen proposals' costs add up to no more than the pot and, if the session sets a minimum share,
 *   to at least ceil(pot * share / 100). When every proposal together costs less than that minimum, choosing
 *   all of them is enough (otherwise no ballot could ever be valid).
 * - ranking: 1 to K distinct proposals, favourite first.
 */
import { ValidationError } from './errors';
import type { Ballot, BallotChoices, Pence, PriorityMethod } from './types';

export interface BallotContext {
  potPence: Pence;
  /** Cost of every proposal a ballot may name. */
  costs: ReadonlyMap<string, Pence>;
  /**
   * Cost of every proposal a resident can choose now (visible, not merged away), when that differs from
   * `costs`: the count names hidden and merged ideas too, but the minimum spend must be the one the ballot
   * screen showed, or a ballot accepted there would be excluded from the count. Defaults to `costs`.
   */
  choosableCosts?: ReadonlyMap<string, Pence>;
}

export function minimumSpendPence(method: PriorityMethod, ctx: BallotContext): Pence {
  if (method.kind !== 'budget' || method.minSharePercent === 0) return 0;
  const wanted = Math.ceil((ctx.potPence * method.minSharePercent) / 100);
  let all = 0;
  for (const c of (ctx.choosableCosts ?? ctx.costs).values()) all += c;
  return Math.min(wanted, all);
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
