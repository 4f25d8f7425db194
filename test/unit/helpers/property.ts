/**
 * The time budget of one property test (fast-check): generous, because CI machines have 2 shared cores and a
 * property runs hundreds of cases (a run measured at 7.5 s here took longer than vitest's default 5 s budget).
 * A property must never pass or fail on machine speed, so the budget is far above any normal run.
 */
export const PROPERTY_BUDGET_MS = 180_000;
