// The MES question the officer view hands to its counting worker: packed, copied as a worker copies it
// (structuredClone), and answered, it must give what counting in place gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { equalShares } from '../../../src/domain/counting';
import {
  answerMesQuestion,
  mesQuestion,
  packMesQuestion,
  questionBuffers,
} from '../../../src/domain/results/mesQuestion';
import { decideFunding, sessionResults } from '../../../src/domain/results/results';
import { budgetSession, dotsSession } from './fixtures';
import { PROPERTY_BUDGET_MS } from '../helpers/property';

/** As postMessage delivers it: a structured clone, the typed arrays' buffers moved. */
const sent = <T>(value: T, transfer: ArrayBuffer[]): T => structuredClone(value, { transfer });

const instance = fc
  .record({
    costs: fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 8 }),
    picks: fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), { maxLength: 30 }),
    pot: fc.integer({ min: 1, max: 200 }),
  })
  .map(({ costs, picks, pot }) => {
    const projects = costs.map((cost, i) => ({ id: `p${i}`, cost: cost * 10 }));
    const sets = picks.map((p) => [...new Set(p.map((k) => projects[k % projects.length]!.id))]);
    return { projects, sets, pot: pot * 10 };
  });

describe('the MES question for the counting worker', () => {
  it(
    'answered after the trip to a worker, it funds exactly what equalShares funds (random elections)',
    () => {
      fc.assert(
        fc.property(instance, ({ projects, sets, pot }) => {
          const q = packMesQuestion(projects, sets, pot);
          const answer = answerMesQuestion(sent(q, questionBuffers(q)));
          const direct = equalShares(projects, sets, pot, { completion: 'add1' });
          expect(answer).toEqual({ selected: direct.selected, endowment: direct.endowment });
        }),
        { numRuns: 200 },
      );
    },
    PROPERTY_BUDGET_MS,
  );

  it('packs each ballot as candidate indices with start offsets, in input order', () => {
    const q = packMesQuestion(
      [
        { id: 'a', cost: 1.5 },
        { id: 'b', cost: 2 },
        { id: 'c', cost: 3 },
      ],
      [['c', 'a'], ['b'], []],
      4.25,
    );
    expect(q.ids).toEqual(['a', 'b', 'c']);
    expect([...q.costs]).toEqual([1.5, 2, 3]);
    expect(q.pot).toBe(4.25);
    expect([...q.members]).toEqual([2, 0, 1]);
    expect([...q.starts]).toEqual([0, 2, 3, 3]);
    expect(() => packMesQuestion([{ id: 'a', cost: 1 }], [['z']], 1)).toThrow(
      /names z, which is not a candidate/,
    );
  });

  it('a session: the worker path and counting in place give the same results', () => {
    const view = budgetSession().view();
    const q = mesQuestion(view);
    // In pounds, like the pabulib files.
    expect(q.pot).toBe(view.settings.potPence / 100);
    const away = sessionResults(view, 'mes', answerMesQuestion(sent(q, questionBuffers(q))));
    expect(away).toEqual(sessionResults(view, 'mes'));
    expect(decideFunding(view, 'mes').selected.length).toBeGreaterThan(0);
  });

  it('while counting: the same rows in the same order, nothing funded yet, and it says so', () => {
    const view = budgetSession().view();
    const done = sessionResults(view, 'mes');
    const counting = sessionResults(view, 'mes', 'counting');
    expect(counting.counting).toBe(true);
    expect(done.counting).toBeUndefined();
    expect(counting.rows.map((r) => [r.proposalId, r.points, r.supporters])).toEqual(
      done.rows.map((r) => [r.proposalId, r.points, r.supporters]),
    );
    expect(counting.rows.every((r) => r.funded === null)).toBe(true);
    expect([counting.selected, counting.spentPence]).toEqual([[], 0]);
    // The rule must still apply to the session.
    expect(() => sessionResults(dotsSession().view(), 'mes', 'counting')).toThrow(/does not apply/);
  });

  it('a question that is not well formed is refused in words, not answered wrongly', () => {
    const q = packMesQuestion(
      [
        { id: 'a', cost: 1 },
        { id: 'b', cost: 1 },
      ],
      [['a', 'b'], ['b']],
      2,
    );
    expect(() => answerMesQuestion({ ...q, costs: new Float64Array(1) })).toThrow(/1 costs for 2 candidates/);
    expect(() => answerMesQuestion({ ...q, starts: Int32Array.from([0, 2, 2]) })).toThrow(
      /offsets do not match/,
    );
    expect(() => answerMesQuestion({ ...q, starts: Int32Array.from([0, 2, 1, 3]) })).toThrow(/go backwards/);
    expect(() => answerMesQuestion({ ...q, members: Int32Array.from([0, 5, 1]) })).toThrow(
      /candidate 5 of 2/,
    );
  });
});
