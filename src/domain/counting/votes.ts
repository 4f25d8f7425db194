/**
 * Votes and points per project.
 *
 * Rule:
 * - votes(c) = the number of ballots that contain c (approval, choose-1, and "how many ballots name c" for every
 *   other ballot type) — the pabulib `votes` column;
 * - score(c) for cumulative and scoring ballots = the sum of the points given to c (unlisted: 0);
 * - score(c) for ordinal ballots = the sum over ballots of (max_length - position), the Kraków 3/2/1 scale, or
 *   another scale of rankings.ts ('borda' for the Borda count) — the pabulib `score` column.
 * Source: pabulib format (pabulib.org/format; pabulib/checker pabulib/checker.py @ 1180aca, the recount check),
 * test/fixtures/pabulib/FORMAT.md §5–6 and RULES.md §1.1.
 * Tie-break: not applicable (these are sums).
 */
import type { PbElection } from './pabulib';
import { rankScores, type RankScale } from './rankings';

export interface Tally {
  /** Ballots naming each project. */
  votes: Map<string, number>;
  /** Points or ranking score per project; undefined for approval elections without points. */
  score: Map<string, number> | undefined;
}

export function approvalCounts(
  projectIds: readonly string[],
  ballots: readonly (readonly string[])[],
): Map<string, number> {
  const counts = new Map<string, number>(projectIds.map((id) => [id, 0]));
  for (const ballot of ballots) for (const id of ballot) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

export function pointTotals(
  projectIds: readonly string[],
  ballots: readonly { vote: readonly string[]; points?: readonly number[] | undefined }[],
): Map<string, number> {
  const totals = new Map<string, number>(projectIds.map((id) => [id, 0]));
  for (const b of ballots) {
    b.vote.forEach((id, i) => {
      totals.set(id, (totals.get(id) ?? 0) + (b.points?.[i] ?? 0));
    });
  }
  return totals;
}

/**
 * Recounts a pabulib election. Ordinal files without a points column are scored with `ordinalScale`
 * ('max-length' by default: max_length - position, the Kraków 3/2/1 scale); files with a points column use it.
 */
export function tallyElection(election: PbElection, ordinalScale: RankScale = 'max-length'): Tally {
  const ids = election.projects.map((p) => p.id);
  const votes = approvalCounts(
    ids,
    election.voters.map((v) => v.vote),
  );
  const hasPoints = election.voters.some((v) => v.points !== undefined);
  let score: Map<string, number> | undefined;
  if (election.voteType === 'ordinal' && (!hasPoints || ordinalScale !== 'max-length')) {
    const ml = election.meta['max_length'];
    score = rankScores(
      ids,
      election.voters.map((v) => v.vote),
      { scale: ordinalScale, ...(ml !== undefined ? { maxLength: Number(ml) } : {}) },
    );
  } else if (hasPoints) {
    score = pointTotals(ids, election.voters);
  }
  return { votes, score };
}
