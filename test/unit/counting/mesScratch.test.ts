// The Add1 search's float runs reuse one set of working arrays per election (mesScratch.ts): a run must give
// the same trace whatever ran before it on that election, and a trace kept from an earlier run must not change
// when later runs reuse the arrays. The candidates' order comes from a sort of its own, which must order them
// exactly as Array.prototype.sort did.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CountingProject } from '../../../src/domain/counting/greedy';
import { MesElection } from '../../../src/domain/counting/mes';
import { traceMes, type MesTrace } from '../../../src/domain/counting/mesAdd1';
import { sortByKey } from '../../../src/domain/counting/mesScratch';
import { PROPERTY_BUDGET_MS } from '../helpers/property';

const election = fc
  .record({
    costs: fc.array(fc.integer({ min: 1_000, max: 60_000 }), { minLength: 2, maxLength: 7 }),
    ballots: fc.array(fc.array(fc.nat(6), { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 16 }),
    start: fc.integer({ min: 200, max: 20_000 }),
    others: fc.array(fc.integer({ min: 200, max: 20_000 }), { minLength: 1, maxLength: 4 }),
  })
  .map(({ costs, ballots, start, others }) => ({
    projects: costs.map((cost, i): CountingProject => ({ id: `p${i}`, cost })),
    ballots: ballots.map((b) => b.filter((i) => i < costs.length).map((i) => `p${i}`)),
    start,
    others,
  }));

/** Everything a trace holds, as plain values (a copy: later changes to the trace's arrays do not show). */
const shape = (t: MesTrace | undefined) =>
  t && {
    selected: [...t.selected],
    winners: [...t.winners],
    rho: [...t.rho],
    free: [...t.free],
    certified: t.certified,
    partial: t.partial,
    swapAt: t.swapAt,
    doubtAt: t.doubtAt,
    lostAt: t.lostAt,
    rivals: t.rivals.map((r) => [...r]),
    budgets: t.budgets.map((b) => [...b]),
    floors: t.floors.map((f) => [...f]),
    last: [...t.last],
    droppedIn: [...t.droppedIn],
  };

describe('Float runs that share their working arrays (traceMes)', () => {
  it(
    'give the same trace after other runs on the same election, and leave kept traces as they were',
    () => {
      fc.assert(
        fc.property(election, ({ projects, ballots, start, others }) => {
          // Given a run on a fresh election, and a copy of what its trace holds
          const fresh = traceMes(new MesElection(projects, ballots), start);
          const kept = new MesElection(projects, ballots);
          const first = traceMes(kept, start);
          const before = shape(first);
          // When other runs follow on that election (some checked against the first, some stopped in doubt)
          for (const [i, x] of others.entries()) {
            traceMes(kept, x, x > start && first !== undefined ? first : undefined, i % 2 === 1);
          }
          // Then the kept trace is unchanged, and the same run again is the fresh election's run
          expect(shape(first)).toEqual(before);
          expect(shape(traceMes(kept, start))).toEqual(shape(fresh));
        }),
        { numRuns: 200 },
      );
    },
    PROPERTY_BUDGET_MS,
  );
});

describe('sortByKey', () => {
  it('orders a list as a stable Array.prototype.sort by the same keys does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(0, 0.5, 1, 2, 1 / 3, Infinity), { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(39), { maxLength: 60 }),
        (keys, picks) => {
          // Given keys with many ties, and a list of indexes into them
          const key = Float64Array.from(keys);
          const list = picks.filter((i) => i < keys.length);
          const expected = [...list].sort((x, y) => (key[x] as number) - (key[y] as number));
          // When it is sorted in place
          sortByKey(list, key);
          // Then it is in the same order
          expect(list).toEqual(expected);
        },
      ),
    );
  });
});
