/**
 * The time budget of one property test (fast-check): generous, because CI machines have 2 shared cores and a
 * property runs hundreds of cases (a run measured at 7.5 s here took longer than vitest's default 5 s budget).
 * A property must never pass or fail on machine speed, so the budget is far above any normal run: the slowest
 * (mesAdd1's "across swaps of winners") took 17 s and 27 s at load 5-6 on 2 cores, and cases here have run 13 times
 * slower at load 17, past the 180 s this once was. It only guards against a hang.
 */
export const PROPERTY_BUDGET_MS = 600_000;
