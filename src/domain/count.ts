/**
 * From ballot records to the figures on the live board: which ballots count, and each idea's supporters and
 * points. Rules:
 *
 * - One ballot per participant (the document keys ballots by participant id). A ballot that breaks its
 *   method's rules against the session as it stands is excluded and listed with the reason, never dropped.
 * - Choices are moved to each idea's canonical idea (merges). A participant who chose both an idea and its
 *   duplicate supports the kept idea once: dots add up but stay within the per-proposal maximum; a budget
 *   selection counts once; in a ranking the better place is kept and later duplicates are removed.
 * - Choices of hidden ideas do not count; the rest of the ballot does.
 * - Points: dots given; 1 per budget selection; for a ranking of at most K places, K for first, K-1 for
 *   second and so on (the 3/2/1 scale Kraków uses).
 */
import { checkBallot } from './ballots';
import type { ErrorCode } from './errors';
import { isValidationError } from './errors';
import { visibleProposals, type ProposalView } from './proposals';
import type { Ballot, Comment, PriorityMethod, Pence } from './types';

export interface CountedBallot {
  ballot: Ballot;
  /** canonical proposal id -> points this ballot gives it (after merges and hiding). */
  points: Map<string, number>;
}

export interface ExcludedBallot {
  ballot: Ballot;
  reason: ErrorCode;
}

export interface BallotCount {
  counted: CountedBallot[];
  excluded: ExcludedBallot[];
}

export function countBallots(
  ballots: readonly Ballot[],
  method: PriorityMethod,
  potPence: Pence,
  views: readonly ProposalView[],
): BallotCount {
  const costs = new Map(views.map((v) => [v.id, v.costPence]));
  const choosableCosts = new Map(visibleProposals(views).map((v) => [v.id, v.costPence]));
  const byId = new Map(views.map((v) => [v.id, v]));
  const counted: CountedBallot[] = [];
  const excluded: ExcludedBallot[] = [];
  for (const ballot of [...ballots].sort((a, b) => (a.participantId < b.participantId ? -1 : 1))) {
    try {
      checkBallot(method, ballot, { potPence, costs, choosableCosts });
    } catch (e) {
      if (isValidationError(e)) {
        excluded.push({ ballot, reason: e.code });
        continue;
      }
      throw e;
    }
    const points = new Map<string, number>();
    const add = (id: string, n: number, cap = Infinity): void => {
      const view = byId.get(id);
      if (!view) return;
      const target = byId.get(view.canonicalId);
      if (!target || target.isHidden || view.isHidden) return;
      points.set(target.id, Math.min(cap, (points.get(target.id) ?? 0) + n));
    };
    if (ballot.kind === 'dots' && method.kind === 'dots') {
      for (const [id, n] of Object.entries(ballot.dots)) add(id, n, method.maxDotsPerProposal);
    } else if (ballot.kind === 'budget') {
      for (const id of ballot.selected) add(id, 1, 1);
    } else if (ballot.kind === 'ranking' && method.kind === 'ranking') {
      let place = 0;
      for (const id of ballot.ranked) {
        const canonical = byId.get(id)?.canonicalId;
        if (canonical === undefined || points.has(canonical)) continue;
        const before = points.size;
        add(id, method.maxRanked - place);
        if (points.size > before) place += 1;
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

/** One row per visible idea, most points first; ties by supporters, then oldest first. */
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
  return [...rows.values()].sort(
    (a, b) => b.points - a.points || b.supporters - a.supporters || a.proposal.at - b.proposal.at,
  );
}
