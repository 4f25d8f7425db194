// Properties of the counting rules on random elections (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greedy, type CountingProject } from '../../../src/domain/counting/greedy';
import { equalShares, MesElection } from '../../../src/domain/counting/mes';
import { parsePabulib, writePabulib, type PbElection } from '../../../src/domain/counting/pabulib';
import { fromNumber, rat } from '../../../src/domain/counting/rational';
import { approvalCounts } from '../../../src/domain/counting/votes';
import { PROPERTY_BUDGET_MS } from '../helpers/property';

// Any text, including ; " , CR, LF and non-ASCII, for cells that are not lists.
const cellText = fc.string({
  unit: fc.constantFrom('a', 'Ż', ' ', ';', '"', ',', '\r', '\n', '1', '.', 'é'),
});
const idText = fc.string({
  minLength: 1,
  maxLength: 4,
  unit: fc.constantFrom('a', '1', '-', ';', '"', 'ś', ' '),
});
const amount = fc.oneof(
  fc.integer({ min: 0, max: 10_000_000 }),
  fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
);

const election: fc.Arbitrary<PbElection> = fc
  .record({
    budget: amount,
    voteType: fc.constantFrom('approval', 'cumulative', 'ordinal'),
    extraMeta: fc.uniqueArray(fc.tuple(cellText, cellText), { selector: ([k]) => k, maxLength: 4 }),
    ids: fc.uniqueArray(idText, { minLength: 1, maxLength: 6 }),
    projectExtra: fc.uniqueArray(
      cellText.filter((c) => !['project_id', 'cost'].includes(c)),
      { maxLength: 2 },
    ),
    voterExtra: fc.uniqueArray(
      cellText.filter((c) => !['voter_id', 'vote', 'points'].includes(c)),
      { maxLength: 2 },
    ),
    seed: fc.array(
      fc.tuple(fc.array(fc.nat(), { maxLength: 6 }), cellText, fc.array(fc.nat(10), { maxLength: 6 })),
      {
        maxLength: 6,
      },
    ),
    costs: fc.array(amount, { minLength: 6, maxLength: 6 }),
  })
  .map(({ budget, voteType, extraMeta, ids, projectExtra, voterExtra, seed, costs }) => {
    const reserved = new Set(['budget', 'vote_type', 'num_projects', 'num_votes']);
    const meta: Record<string, string> = {};
    for (const [k, v] of extraMeta) if (!reserved.has(k)) meta[k] = v;
    meta['budget'] = String(budget);
    meta['vote_type'] = voteType;
    meta['num_projects'] = String(ids.length);
    meta['num_votes'] = String(seed.length);
    const withPoints = voteType !== 'approval';
    const projects = ids.map((id, i) => ({
      id,
      cost: costs[i] ?? 0,
      fields: Object.fromEntries(projectExtra.map((c) => [c, `${c}${i}`])),
    }));
    const voters = seed.map(([picks, extra, pts], i) => {
      const vote = [...new Set(picks.map((k) => ids[k % ids.length] as string))];
      return {
        id: `v${i}`,
        vote,
        ...(withPoints ? { points: vote.map((_, j) => pts[j] ?? 1) } : {}),
        fields: Object.fromEntries(voterExtra.map((c) => [c, extra])),
      };
    });
    return {
      meta,
      budget,
      voteType,
      projectColumns: ['project_id', 'cost', ...projectExtra],
      projects,
      voterColumns: ['voter_id', 'vote', ...(withPoints ? ['points'] : []), ...voterExtra],
      voters,
    };
  });

describe('properties of the counting rules', () => {
  it(
    'pabulib: parse(write(x)) equals x for random elections with awkward text',
    () => {
      fc.assert(
        fc.property(election, fc.constantFrom<'\r\n' | '\n'>('\r\n', '\n'), (e, eol) => {
          expect(parsePabulib(writePabulib(e, eol))).toEqual(e);
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_BUDGET_MS,
  );

  const approvalElection = fc
    .record({
      costs: fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 7 }),
      ballots: fc.array(fc.array(fc.nat(6), { maxLength: 7 }), { maxLength: 12 }),
      budget: fc.integer({ min: 0, max: 150 }),
    })
    .map(({ costs, ballots, budget }) => {
      const projects: CountingProject[] = costs.map((cost, i) => ({ id: `p${i}`, cost }));
      return {
        projects,
        ballots: ballots.map((b) => [...new Set(b.filter((k) => k < costs.length).map((k) => `p${k}`))]),
        budget,
      };
    });

  it(
    'greedy: within budget, and every unfunded project costs more than what is left (with skipping)',
    () => {
      fc.assert(
        fc.property(approvalElection, ({ projects, ballots, budget }) => {
          const votes = approvalCounts(
            projects.map((p) => p.id),
            ballots,
          );
          const r = greedy(projects, votes, budget);
          expect(r.spent).toBeLessThanOrEqual(budget);
          expect(r.spent + r.leftover).toBe(budget);
          for (const p of projects)
            if (!r.selected.includes(p.id)) expect(p.cost).toBeGreaterThan(r.leftover);
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_BUDGET_MS,
  );

  it(
    'MES: plain and Add1 stay within budget, fund only supported projects, and are deterministic',
    () => {
      fc.assert(
        fc.property(approvalElection, ({ projects, ballots, budget }) => {
          const plain = equalShares(projects, ballots, budget, { completion: 'none' });
          const add1 = equalShares(projects, ballots, budget);
          expect(plain.spent).toBeLessThanOrEqual(budget);
          expect(add1.spent).toBeLessThanOrEqual(budget);
          expect(equalShares(projects, ballots, budget)).toEqual(add1);
          // The float search with exact checks gives exactly what all-exact arithmetic gives.
          const exact = equalShares(projects, ballots, budget, { arithmetic: 'exact' });
          expect([add1.selected, add1.endowment]).toEqual([exact.selected, exact.endowment]);
          const fine = { increment: 0.37, exhaustiveStop: true, start: 'exact' } as const;
          expect(equalShares(projects, ballots, budget, fine).selected).toEqual(
            equalShares(projects, ballots, budget, { ...fine, arithmetic: 'exact' }).selected,
          );
          // Only supported projects are funded.
          const supported = new Set(ballots.flat());
          for (const id of [...plain.selected, ...add1.selected]) expect(supported.has(id)).toBe(true);
        }),
        { numRuns: 200 },
      );
    },
    PROPERTY_BUDGET_MS,
  );

  it(
    'MES at a fixed endowment: the float-guided exact run and the float run (when it answers) equal the exact run',
    () => {
      // Small integer costs and budgets tie effective vote counts often; fractional costs and endowments (the
      // unreduced common-denominator budgets) and many identical ballots are covered too.
      const endowment = fc.oneof(
        fc.integer({ min: 0, max: 60 }).map((n) => rat(BigInt(n))),
        fc
          .tuple(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 13 }))
          .map(([n, d]) => rat(BigInt(n), BigInt(d))),
      );
      const fractional = fc.boolean();
      fc.assert(
        fc.property(approvalElection, endowment, fractional, ({ projects, ballots }, e, frac) => {
          const ps = frac
            ? projects.map((p, i) => ({ ...p, cost: p.cost + [0, 0.9, 0.09, 0.5][i % 4]! }))
            : projects;
          const m = new MesElection(ps, [...ballots, ...ballots, ...ballots.slice(0, 3)]);
          const exact = m.run(e);
          const checked = m.runChecked(e);
          expect(checked.selected).toEqual(exact.selected);
          expect(checked.spent).toEqual(exact.spent);
          const float = m.runFloat(Number(e.n) / Number(e.d));
          if (float !== undefined) expect(float.selected).toEqual(exact.selected);
        }),
        { numRuns: 400 },
      );
      // A case with capped supporters over many rounds: 1/3-cost projects shared unevenly.
      const ps = Array.from({ length: 6 }, (_, i) => ({ id: `q${i}`, cost: 10 + i / 3 }));
      const bs = Array.from({ length: 40 }, (_, v) =>
        ps.filter((_, i) => (v + i) % (2 + (v % 3)) === 0).map((p) => p.id),
      );
      const m = new MesElection(ps, bs);
      for (const x of [0.5, 1, 1.25, 2, 3.3])
        expect(m.runChecked(fromNumber(x))).toEqual(m.run(fromNumber(x)));
    },
    PROPERTY_BUDGET_MS,
  );
});
