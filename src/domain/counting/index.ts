/**
 * The counting rules, pure and deterministic: votes and points per proposal, greedy within the pot, the Method
 * of Equal Shares with Add1 completion, Borda and ranking rules, and the pabulib `.pb` format. Each module opens
 * with its rule, its source and its tie-break; the rules are checked against ten real elections from
 * pabulib.org (test/fixtures/pabulib, tests in test/unit/counting).
 * Rule, source and tie-break: see each module.
 */
export { greedy, rankByScore, WITHDRAWN_COST } from './greedy';
export type { CountingProject, GreedyOptions, GreedyResult, GreedyStep, GreedyTieBreak } from './greedy';
export { equalShares, MesElection } from './mes';
export type { MesOptions, MesResult, MesRun } from './mes';
export { PabulibError, parsePabulib, writePabulib } from './pabulib';
export type { PbElection, PbProject, PbVoter } from './pabulib';
export { bordaCount, rankingsToFundedSet, rankScores } from './rankings';
export type { RankOptions, RankScale } from './rankings';
export { approvalCounts, pointTotals, tallyElection } from './votes';
export type { Tally } from './votes';
