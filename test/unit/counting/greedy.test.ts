import { describe, expect, it } from 'vitest';
import { greedy, type CountingProject } from '../../../src/domain/counting/greedy';
import { rankingsToFundedSet } from '../../../src/domain/counting/rankings';
import { tallyElection } from '../../../src/domain/counting/votes';
import { approvalCounts } from '../../../src/domain/counting/votes';
import { costOf, load, published, sorted, type FixtureName } from './fixtures';

const P = (spec: Record<string, number>): CountingProject[] =>
  Object.entries(spec).map(([id, cost]) => ({ id, cost }));

function byVotes(name: FixtureName, tieBreak?: 'input-order' | 'id' | 'cheapest' | 'most-expensive') {
  const e = load(name);
  const { votes } = tallyElection(e);
  return greedy(e.projects, votes, e.budget, tieBreak ? { tieBreak } : {});
}

describe('greedy by score within the budget (hand-made cases, RULES.md §4)', () => {
  it('AppEx_1: all tied at 2 votes; id order gives {p0,p2} (p1 skipped, does not fit)', () => {
    const projects = P({ p0: 1, p1: 3, p2: 2, p3: 1 });
    const votes = approvalCounts(
      projects.map((p) => p.id),
      [
        ['p0', 'p1', 'p2', 'p3'],
        ['p0', 'p1', 'p2', 'p3'],
      ],
    );
    const r = greedy(projects, votes, 3, { tieBreak: 'id' });
    expect(r.selected).toEqual(['p0', 'p2']);
    expect(r.trace.map((s) => [s.id, s.taken])).toEqual([
      ['p0', true],
      ['p1', false],
      ['p2', true],
      ['p3', false],
    ]);
    // Every tie-break gives one of the irresolute outcomes {p0,p2}, {p0,p3}, {p1}, {p2,p3}.
    expect(greedy(projects, votes, 3).selected).toEqual(['p0', 'p2']);
    expect(greedy(projects, votes, 3, { tieBreak: 'cheapest' }).selected).toEqual(['p0', 'p3']);
    expect(greedy(projects, votes, 3, { tieBreak: 'most-expensive' }).selected).toEqual(['p1']);
  });

  it('AppEx_4: a zero-cost project is a candidate; greedy by votes gives {p0,p2}', () => {
    const projects = P({ p0: 0, p1: 1, p2: 2 });
    const votes = approvalCounts(['p0', 'p1', 'p2'], [['p0'], ['p0', 'p1', 'p2'], ['p2']]);
    expect(sorted(greedy(projects, votes, 2).selected)).toEqual(['p0', 'p2']);
  });

  it('AllAfford: the budget covers everything, so every project (zero votes included) is funded', () => {
    const projects = P({ a: 1, b: 2, c: 4 });
    const r = greedy(projects, new Map([['a', 3]]), 7);
    expect(r.selected).toEqual(['a', 'b', 'c']);
    expect(r.leftover).toBe(0);
  });

  it('empty profile: no votes at all still funds what fits, in input order', () => {
    expect(greedy(P({ a: 3, b: 2, c: 1 }), new Map(), 4).selected).toEqual(['a', 'c']);
  });

  it('fundable: only the projects named may be funded, the rest passed over even when money is left', () => {
    const projects = P({ a: 3, b: 2, none: 1, free: 0 });
    const votes = new Map([
      ['a', 4],
      ['b', 1],
    ]);
    // pabulib's rule (no option): the projects nobody voted for are taken with what is left.
    expect(greedy(projects, votes, 6).selected).toEqual(['a', 'b', 'none', 'free']);
    const r = greedy(projects, votes, 6, { fundable: new Set(['a', 'b']) });
    expect(r.selected).toEqual(['a', 'b']);
    expect(r.leftover).toBe(1);
  });

  it('skips a project that does not fit and carries on; no-skip stops; threshold excludes', () => {
    const projects = P({ big: 8, mid: 3, small: 1 });
    const votes = new Map([
      ['mid', 9],
      ['big', 5],
      ['small', 1],
    ]);
    expect(greedy(projects, votes, 5).selected).toEqual(['mid', 'small']);
    expect(greedy(projects, votes, 5, { noSkip: true }).selected).toEqual(['mid']);
    expect(greedy(projects, votes, 5, { threshold: 2 }).selected).toEqual(['mid']);
    // no-skip passes over a withdrawn project (pabulib's sentinel cost) instead of stopping
    const withdrawn = [...projects, { id: 'gone', cost: 999999999 }];
    votes.set('gone', 20);
    expect(greedy(withdrawn, votes, 5, { noSkip: true }).selected).toEqual(['mid']);
    expect(greedy(withdrawn, new Map([...votes, ['big', 0]]), 5, { noSkip: true }).selected).toEqual([
      'mid',
      'small',
    ]);
  });

  it('adds decimal costs exactly (0.1 + 0.2 fits a budget of 0.3)', () => {
    const r = greedy(
      P({ a: 0.1, b: 0.2 }),
      new Map([
        ['a', 2],
        ['b', 1],
      ]),
      0.3,
    );
    expect(r.selected).toEqual(['a', 'b']);
    expect(r.leftover).toBe(0);
  });
});

describe('greedy on the real Warsaw, Częstochowa and Kraków elections', () => {
  const cases: [FixtureName, number][] = [
    ['marysin', 442],
    ['anin', 603],
    ['wysokie', 19945],
    ['targowekMieszkaniowy', 5267],
  ];
  it.each(cases)(
    '%s: greedy by approvals reproduces the published winners, leftover %i',
    (name, leftover) => {
      const e = load(name);
      const r = byVotes(name);
      expect(sorted(r.selected)).toEqual(published(e));
      expect(r.spent).toBe(costOf(e, r.selected));
      expect(r.spent).toBeLessThanOrEqual(e.budget);
      expect(r.leftover).toBe(leftover);
    },
  );

  it('Marysin Północny: the trace is 1094+ 536+ 829+ 2438− 1600+ 2562+ 1078− 1029−', () => {
    const t = byVotes('marysin').trace.map((s) => `${s.id}${s.taken ? '+' : '−'}`);
    expect(t.join(' ')).toBe('1094+ 536+ 829+ 2438− 1600+ 2562+ 1078− 1029−');
  });

  it('Targówek Mieszkaniowy 2019: ties at 173 votes need row order (or most expensive first)', () => {
    const e = load('targowekMieszkaniowy');
    const official = published(e);
    expect(sorted(byVotes('targowekMieszkaniowy', 'most-expensive').selected)).toEqual(official);
    const withoutOfficial = official.filter((id) => id !== '797');
    const alternative = sorted([...withoutOfficial, '1159', '845', '98']);
    expect(sorted(byVotes('targowekMieszkaniowy', 'id').selected)).toEqual(alternative);
    expect(sorted(byVotes('targowekMieszkaniowy', 'cheapest').selected)).toEqual(alternative);
  });

  it('Targówek 2020: the known deviation from greedy, exactly', () => {
    const e = load('targowek2020');
    const g = new Set(byVotes('targowek2020').selected);
    const official = new Set(published(e));
    expect(sorted([...g].filter((id) => !official.has(id)))).toEqual(['1667']);
    expect(sorted([...official].filter((id) => !g.has(id)))).toEqual(
      sorted(['1686', '331', '2025', '1903', '1325']),
    );
  });

  it('Częstochowa 2024: greedy by score (points) reproduces the winners; by votes does not', () => {
    const e = load('czestochowa');
    const { votes, score } = tallyElection(e);
    const r = greedy(e.projects, score ?? new Map(), e.budget);
    expect(sorted(r.selected)).toEqual(published(e));
    expect(r.leftover).toBe(644);
    expect(
      r.trace
        .slice(0, 7)
        .map((s) => `${s.id}${s.taken ? '+' : '−'}`)
        .join(' '),
    ).toBe('112+ 348+ 66− 611+ 371− 662− 639+');
    const byV = new Set(greedy(e.projects, votes, e.budget).selected);
    expect(byV.has('662') && byV.has('138')).toBe(true);
    expect(byV.has('611') || byV.has('639')).toBe(false);
  });

  it('Kraków 2021: greedy by the 3/2/1 ranking score reproduces the winners; 2/1/0 Borda and votes do not', () => {
    const e = load('krakow');
    const rankings = e.voters.map((v) => v.vote);
    const r = rankingsToFundedSet(e.projects, rankings, e.budget, { scale: 'max-length', maxLength: 3 });
    expect(sorted(r.selected)).toEqual(published(e));
    expect(r.spent).toBe(1102000);
    const b210 = new Set(
      rankingsToFundedSet(e.projects, rankings, e.budget, { scale: 'ballot-length' }).selected,
    );
    expect(b210.has('2')).toBe(true);
    expect(b210.has('1') || b210.has('10')).toBe(false);
    const { votes } = tallyElection(e);
    expect(sorted(greedy(e.projects, votes, e.budget).selected)).not.toEqual(published(e));
  });
});
