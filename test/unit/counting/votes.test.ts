import { describe, expect, it } from 'vitest';
import { approvalCounts, pointTotals, tallyElection } from '../../../src/domain/counting/votes';
import { bordaCount, rankScores } from '../../../src/domain/counting/rankings';
import { ALL_FIXTURES, load } from './fixtures';

describe('votes and points per project', () => {
  it('counts approvals, ignoring nothing: every project present, 0 when unnamed', () => {
    expect([...approvalCounts(['a', 'b', 'c'], [['a', 'b'], ['b'], []])]).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 0],
    ]);
  });

  it('adds up cumulative points per project', () => {
    const t = pointTotals(
      ['a', 'b'],
      [
        { vote: ['a', 'b'], points: [7, 3] },
        { vote: ['b'], points: [10] },
      ],
    );
    expect([...t]).toEqual([
      ['a', 7],
      ['b', 13],
    ]);
  });

  it.each(ALL_FIXTURES)(
    'recounts %s: votes and score equal the file columns, num_* equal the rows',
    (name) => {
      const e = load(name);
      expect(e.projects).toHaveLength(Number(e.meta['num_projects']));
      expect(e.voters).toHaveLength(Number(e.meta['num_votes']));
      const { votes, score } = tallyElection(e);
      for (const p of e.projects) {
        expect(votes.get(p.id), `votes of ${p.id}`).toBe(Number(p.fields['votes']));
        if ('score' in p.fields) expect(score?.get(p.id), `score of ${p.id}`).toBe(Number(p.fields['score']));
      }
      expect(score === undefined).toBe(!e.projectColumns.includes('score'));
    },
  );

  it('Kraków 2021: the 3/2/1 scale (max_length - position) from the rankings equals the points and score columns', () => {
    const e = load('krakow');
    const fromRanks = rankScores(
      e.projects.map((p) => p.id),
      e.voters.map((v) => v.vote),
      { scale: 'max-length', maxLength: Number(e.meta['max_length']) },
    );
    for (const p of e.projects) expect(fromRanks.get(p.id)).toBe(Number(p.fields['score']));
    expect(e.voters.every((v) => v.points?.join(',') === '3,2,1')).toBe(true);
    // pabutools' Additive_Borda_Sat scale (2/1/0) is score - votes for full 3-rankings.
    const borda210 = tallyElection(e, 'ballot-length').score;
    for (const p of e.projects) {
      expect(borda210?.get(p.id)).toBe(Number(p.fields['score']) - Number(p.fields['votes']));
    }
  });

  it('Borda count on a hand case: m - 1 - position, unranked 0', () => {
    // 4 projects: first gets 3, second 2, third 1.
    const s = bordaCount(['a', 'b', 'c', 'd'], [['a', 'b', 'c'], ['b', 'a'], ['c']]);
    expect([...s]).toEqual([
      ['a', 3 + 2],
      ['b', 2 + 3],
      ['c', 1 + 3],
      ['d', 0],
    ]);
  });
});
