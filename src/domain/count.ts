/**
 * From ballot records to the figures on the live board: which ballots count, and each idea's supporters and
 * points. One rule, used by the live board, the officer view, every export and the .pb file (they all read
 * this count through src/doc/session.ts):
 *
 * - One ballot per participant (the document keys ballots by participant id).
 * - WHETHER a ballot counts is decided by the rules it was cast under (`castUnder`: the method with its numbers,
 *   the pot and the minimum spend, kept with the ballot when it was cast), checked over the costs of the ideas
 *   it names (costs never change), never against today's list of ideas: a ballot the tablet accepted stays
 *   counted. Ballots written by older apps (no `castUnder`) are checked against today's method and pot, with no
 *   minimum spend (a tablet accepted them). A ballot that breaks its rules, names an idea the session does not
 *   hold or names none is excluded and listed with the reason and the figures its sentence needs, never dropped.
 * - The one change of settings that excludes a ballot: the way of voting changed to another KIND (dots, budget,
 *   ranking) after it was cast (`methodChanged`); changing it back counts the ballot again.
 * - Later changes decide what a counted ballot's choices count FOR:
 *   - merges move choices to each idea's kept idea; a participant who chose both an idea and its duplicate
 *     supports the kept idea once: dots add up within the per-idea maximum; a budget selection counts once; in
 *     a ranking the better place is kept;
 *   - choices of hidden ideas are dropped and the rest of the ballot counts; in a ranking, later choices move up
 *     a place (a merged duplicate ranked below its kept idea too);
 *   - points use the session's current method: dots given, at most the current per-idea maximum on one idea
 *     (a ballot's dots in all are not cut down); 1 per budget selection; for a ranking of at most K places (K
 *     today), K for first, K-1 for second and so on (the 3/2/1 scale Kraków uses), and a place below K gives
 *     nothing.
 */
import { checkBallot } from './ballots';
import type { ErrorCode, ErrorParams } from './errors';
import { isValidationError } from './errors';
import type { ProposalView } from './proposals';
import { ideaOrder } from './order';
import type { Ballot, CastUnder, Comment, PriorityMethod, Pence } from './types';

/** Every reason a stored ballot can be left out of the count for; each has a sentence for facilitators. */
export const EXCLUSION_REASONS = [
  /** Cast for another kind of voting than the session's now (params castFor, now: method kinds). */
  'methodChanged',
  /** Its recorded rules are for another kind of ballot than its choices (a damaged record). */
  'methodMismatch',
  /** Names an idea the session does not hold (params id). */
  'unknownProposal',
  'emptyBallot',
  'duplicateChoice',
  /** Dots that are not whole numbers of at least 1 (params id). */
  'notWholeNumber',
  /** params max */
  'dotsOverTotal',
  /** params max */
  'dotsOverPerProposal',
  /** params pot, spent (pence) */
  'budgetOverPot',
  /** params minimum, spent (pence) */
  'budgetUnderMinimum',
  /** params max */
  'rankingTooLong',
] as const satisfies readonly ErrorCode[];
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export function isExclusionReason(code: string): code is ExclusionReason {
  return (EXCLUSION_REASONS as readonly string[]).includes(code);
}

export interface CountedBallot {
  ballot: Ballot;
  /** canonical proposal id -> points this ballot gives it (after merges and hiding); only ideas given points. */
  points: Map<string, number>;
}

export interface ExcludedBallot {
  ballot: Ballot;
  reason: ExclusionReason;
  /**
   * The figures the reason's sentence needs: `max` (dots, places), `pot`, `spent`, `minimum` (pence), `id`
   * (an idea id), `castFor` and `now` (method kinds, for `methodChanged`).
   */
  params: ErrorParams;
}

export interface BallotCount {
  counted: CountedBallot[];
  excluded: ExcludedBallot[];
}

/** The rules a ballot is checked against: its own, or for an older ballot today's method and pot, no minimum. */
export function rulesOf(ballot: Ballot, method: PriorityMethod, potPence: Pence): CastUnder {
  return ballot.castUnder ?? { method, potPence, minimumPence: 0 };
}

/** Why a stored ballot cannot be counted under the session's method now (null: it counts). */
export function ballotProblem(
  ballot: Ballot,
  method: PriorityMethod,
  potPence: Pence,
  costs: ReadonlyMap<string, Pence>,
): { reason: ExclusionReason; params: ErrorParams } | null {
  if (ballot.kind !== method.kind) {
    return { reason: 'methodChanged', params: { castFor: ballot.kind, now: method.kind } };
  }
  const rules = rulesOf(ballot, method, potPence);
  if (rules.method.kind !== ballot.kind) return { reason: 'methodMismatch', params: {} };
  try {
    checkBallot(rules.method, ballot, {
      potPence: rules.potPence,
      costs,
      minimumPence: rules.minimumPence,
    });
    return null;
  } catch (e) {
    // checkBallot raises only exclusion reasons (a test holds it); anything else is a bug, not a bad ballot.
    if (isValidationError(e) && isExclusionReason(e.code)) return { reason: e.code, params: { ...e.params } };
    throw e;
  }
}

export function countBallots(
  ballots: readonly Ballot[],
  method: PriorityMethod,
  potPence: Pence,
  views: readonly ProposalView[],
): BallotCount {
  const costs = new Map(views.map((v) => [v.id, v.costPence]));
  const byId = new Map(views.map((v) => [v.id, v]));
  /** The idea a choice counts for now: its kept idea, or undefined when it or its kept idea is hidden. */
  const countsFor = (id: string): string | undefined => {
    const view = byId.get(id);
    const target = view ? byId.get(view.canonicalId) : undefined;
    return !view || !target || view.isHidden || target.isHidden ? undefined : target.id;
  };
  const counted: CountedBallot[] = [];
  const excluded: ExcludedBallot[] = [];
  for (const ballot of [...ballots].sort((a, b) => (a.participantId < b.participantId ? -1 : 1))) {
    const problem = ballotProblem(ballot, method, potPence, costs);
    if (problem) {
      excluded.push({ ballot, ...problem });
      continue;
    }
    const points = new Map<string, number>();
    if (ballot.kind === 'dots' && method.kind === 'dots') {
      for (const [id, n] of Object.entries(ballot.dots)) {
        const target = countsFor(id);
        if (target === undefined || n <= 0) continue;
        points.set(target, Math.min(method.maxDotsPerProposal, (points.get(target) ?? 0) + n));
      }
    } else if (ballot.kind === 'budget') {
      for (const id of ballot.selected) {
        const target = countsFor(id);
        if (target !== undefined) points.set(target, 1);
      }
    } else if (ballot.kind === 'ranking' && method.kind === 'ranking') {
      const placed = new Set<string>();
      for (const id of ballot.ranked) {
        const target = countsFor(id);
        if (target === undefined || placed.has(target)) continue;
        const place = placed.size;
        placed.add(target);
        if (place < method.maxRanked) points.set(target, method.maxRanked - place);
      }
    }
    counted.push({ ballot, points });
  }
  return { counted, excluded };
}

export interface BoardRow {
  proposal: ProposalView;
  supporters: number;
  points: number;
  comments: number;
}

/** One row per visible idea, most points first; ties by supporters, then in idea order (ideaOrder). */
export function boardRows(
  views: readonly ProposalView[],
  count: BallotCount,
  comments: readonly Comment[],
): BoardRow[] {
  const byId = new Map(views.map((v) => [v.id, v]));
  const rows = new Map<string, BoardRow>();
  for (const v of views) {
    if (!v.isHidden && v.canonicalId === v.id)
      rows.set(v.id, { proposal: v, supporters: 0, points: 0, comments: 0 });
  }
  for (const { points } of count.counted) {
    for (const [id, n] of points) {
      const row = rows.get(id);
      if (!row || n <= 0) continue;
      row.supporters += 1;
      row.points += n;
    }
  }
  for (const c of comments) {
    const canonical = byId.get(c.proposalId)?.canonicalId;
    const row = canonical === undefined ? undefined : rows.get(canonical);
    if (row) row.comments += 1;
  }
  const inIdeaOrder = ideaOrder<ProposalView>(views.length);
  return [...rows.values()].sort(
    (a, b) => b.points - a.points || b.supporters - a.supporters || inIdeaOrder(a.proposal, b.proposal),
  );
}
