/**
 * Ranking ballots: positional scores (Borda count and the Kraków 3/2/1 scale) and a rule turning rankings
 * into a funded set within the pot.
 *
 * Rule (scores): a ballot ranks some projects, best first; position p counts from 0. Unranked projects get 0.
 * - 'borda': the Borda count, m - 1 - p points where m is the number of projects on the paper (de Borda 1781;
 *   the usual definition for partial rankings that gives unranked candidates 0);
 * - 'max-length' (Kraków): L - p points where L is the most places a ballot may fill (META `max_length`), so
 *   with L = 3 a ballot gives 3, 2 and 1 points. This reproduces the `score` column of every Kraków pabulib
 *   file (131 of 131, RULES.md §1.1, FORMAT.md §6);
 * - 'ballot-length': len(ballot) - 1 - p, pabutools' Additive_Borda_Sat (2/1/0 for three ranked); kept for
 *   comparison only, it does NOT reproduce Kraków (RULES.md table, Kraków Stare Miasto).
 * Rule (funded set): greedy by that score within the pot, skipping a project that no longer fits and carrying
 * on down the list (greedy.ts) — the rule Kraków uses for its ordinal ballots (pabulib `rule;greedy`).
 * Source: test/fixtures/pabulib/RULES.md §1.1 and FORMAT.md §6 (pabulib/checker @ 1180aca; pabutools
 * pabutools/election/satisfaction/positionalsatisfaction.py @ 33b8575).
 * Tie-break: scores have none (they are sums). The funded set breaks equal scores by input order by default
 * (the PROJECTS row order), or as the greedy `tieBreak` option says.
 */
import { greedy, type CountingProject, type GreedyOptions, type GreedyResult } from './greedy';

export type RankScale = 'borda' | 'max-length' | 'ballot-length';

export interface RankOptions {
  scale?: RankScale;
  /** For 'max-length': the most places a ballot may fill; default: the longest ballot. */
  maxLength?: number;
}

/** Score per project id (every project present, 0 when never ranked). */
export function rankScores(
  projectIds: readonly string[],
  rankings: readonly (readonly string[])[],
  options: RankOptions = {},
): Map<string, number> {
  const scale = options.scale ?? 'borda';
  const m = projectIds.length;
  const maxLength = options.maxLength ?? rankings.reduce((a, r) => Math.max(a, r.length), 0);
  const scores = new Map<string, number>(projectIds.map((id) => [id, 0]));
  for (const ranking of rankings) {
    ranking.forEach((id, p) => {
      const pts =
        scale === 'borda' ? m - 1 - p : scale === 'max-length' ? maxLength - p : ranking.length - 1 - p;
      scores.set(id, (scores.get(id) ?? 0) + Math.max(0, pts));
    });
  }
  return scores;
}

/** The Borda count: m - 1 - position points, m = number of projects. */
export function bordaCount(
  projectIds: readonly string[],
  rankings: readonly (readonly string[])[],
): Map<string, number> {
  return rankScores(projectIds, rankings, { scale: 'borda' });
}

/** Rankings to a funded set: greedy by the ranking score within the pot, skipping what no longer fits. */
export function rankingsToFundedSet(
  projects: readonly CountingProject[],
  rankings: readonly (readonly string[])[],
  budget: number,
  options: RankOptions & GreedyOptions = {},
): GreedyResult & { scores: Map<string, number> } {
  const scores = rankScores(
    projects.map((p) => p.id),
    rankings,
    options,
  );
  return { ...greedy(projects, scores, budget, options), scores };
}
