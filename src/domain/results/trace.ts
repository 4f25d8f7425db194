/**
 * Traceability: the ballots behind one proposal's figure.
 *
 * Rules:
 * - A proposal's figure is its canonical idea's (a merged duplicate is traced as the idea it was merged into).
 * - Every counted ballot that gives the canonical idea points is listed once, with the points it gives after
 *   merges, hiding and the per-proposal cap (countBallots), so the listed points add up to the board's figure
 *   and the number of entries is the board's supporters. `via` says how it got there: 'direct' (the ballot
 *   names the kept idea itself), 'merged' (only a merged duplicate), 'both' (the kept idea and a duplicate:
 *   still counted once).
 * - Excluded ballots that name the idea or any of its duplicates are listed with their reason code
 *   (src/domain/errors.ts); they give no points. excludedBallots() lists every excluded ballot of a session.
 * - Every entry carries its channel: 'kiosk' (cast at a tablet) or 'paper' (a paper sheet typed in).
 * Tie-break (order): by ballot time, then participant id.
 */
import type { SessionView } from '../../doc/session';
import type { ExcludedBallot, ExclusionReason } from '../count';
import type { ErrorParams } from '../errors';
import { channelOf } from '../paper';
import type { Ballot, Channel } from '../types';

export interface TraceEntry {
  participantId: string;
  deviceId: string;
  at: number;
  revision: number;
  channel: Channel;
  points: number;
  via: 'direct' | 'merged' | 'both';
  /** The proposal ids on the ballot that fed this figure (the kept idea and/or its duplicates). */
  chosenIds: string[];
}

export interface ExcludedEntry {
  participantId: string;
  deviceId: string;
  at: number;
  revision: number;
  channel: Channel;
  reason: ExclusionReason;
  /** The figures the reason's sentence needs (see ExcludedBallot in src/domain/count.ts). */
  params: ErrorParams;
  /** Every proposal id the ballot names, as written. */
  chosenIds: string[];
}

export interface ProposalTrace {
  proposalId: string;
  /** The idea the figure belongs to (itself unless merged). */
  canonicalId: string;
  points: number;
  supporters: number;
  ballots: TraceEntry[];
  excluded: ExcludedEntry[];
}

/** The proposal ids a ballot names, as written. */
export function ballotChoiceIds(ballot: Ballot): string[] {
  if (ballot.kind === 'dots') return Object.keys(ballot.dots).filter((id) => (ballot.dots[id] ?? 0) > 0);
  if (ballot.kind === 'budget') return [...ballot.selected];
  return [...ballot.ranked];
}

const byTime = (a: { at: number; participantId: string }, b: { at: number; participantId: string }): number =>
  a.at - b.at || (a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0);

function excludedEntry({ ballot, reason, params }: ExcludedBallot): ExcludedEntry {
  return {
    participantId: ballot.participantId,
    deviceId: ballot.deviceId,
    at: ballot.at,
    revision: ballot.revision,
    channel: channelOf(ballot),
    reason,
    params,
    chosenIds: ballotChoiceIds(ballot),
  };
}

/** Every excluded ballot of the session, with its reason. */
export function excludedBallots(view: SessionView): ExcludedEntry[] {
  return view.count.excluded.map(excludedEntry).sort(byTime);
}

/** The ballots behind one proposal's figure. Throws RangeError for an id the session does not hold. */
export function traceProposal(view: SessionView, proposalId: string): ProposalTrace {
  const byId = new Map(view.proposals.map((p) => [p.id, p]));
  const proposal = byId.get(proposalId);
  if (!proposal) throw new RangeError(`No proposal ${proposalId} in this session.`);
  const canonicalId = proposal.canonicalId;
  const family = new Set(view.proposals.filter((p) => p.canonicalId === canonicalId).map((p) => p.id));
  const ballots: TraceEntry[] = [];
  for (const { ballot, points } of view.count.counted) {
    const n = points.get(canonicalId) ?? 0;
    if (n <= 0) continue;
    const chosenIds = ballotChoiceIds(ballot).filter((id) => family.has(id));
    const direct = chosenIds.includes(canonicalId);
    const merged = chosenIds.some((id) => id !== canonicalId);
    ballots.push({
      participantId: ballot.participantId,
      deviceId: ballot.deviceId,
      at: ballot.at,
      revision: ballot.revision,
      channel: channelOf(ballot),
      points: n,
      via: direct && merged ? 'both' : direct ? 'direct' : 'merged',
      chosenIds,
    });
  }
  ballots.sort(byTime);
  const excluded = view.count.excluded
    .filter((e) => ballotChoiceIds(e.ballot).some((id) => family.has(id)))
    .map(excludedEntry)
    .sort(byTime);
  return {
    proposalId,
    canonicalId,
    points: ballots.reduce((s, b) => s + b.points, 0),
    supporters: ballots.length,
    ballots,
    excluded,
  };
}
