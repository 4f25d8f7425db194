import { describe, expect, it } from 'vitest';
import { boardRows, countBallots, type BallotCount } from '../../../src/domain/count';
import { proposalViews, type ProposalView } from '../../../src/domain/proposals';
import type { Ballot, Comment, Moderation, PriorityMethod, Proposal } from '../../../src/domain/types';

const POT = 10_000;

function proposal(id: string, at: number, costPence = 1000): Proposal {
  return {
    id,
    at,
    deviceId: 't1',
    title: id,
    description: '',
    themeId: 'th',
    costPence,
    where: '',
    participantId: null,
  };
}
const base = (participantId: string) => ({ participantId, revision: 1, deviceId: 't1', at: 100 });
const dotsBallot = (p: string, dots: Record<string, number>): Ballot => ({ ...base(p), kind: 'dots', dots });
const budgetBallot = (p: string, selected: string[]): Ballot => ({ ...base(p), kind: 'budget', selected });
const rankingBallot = (p: string, ranked: string[]): Ballot => ({ ...base(p), kind: 'ranking', ranked });
const merge = (id: string, proposalId: string, intoId: string): Moderation => ({
  id,
  at: 50,
  deviceId: 'f',
  kind: 'merge',
  proposalId,
  intoId,
});
const hide = (id: string, proposalId: string): Moderation => ({
  id,
  at: 50,
  deviceId: 'f',
  kind: 'hide',
  proposalId,
  reason: 'abuse',
});

/** Ideas A (the duplicate), B (kept), X (another), added in that order. */
function views(moderation: Moderation[] = []): ProposalView[] {
  return proposalViews([proposal('A', 1), proposal('B', 2), proposal('X', 3)], moderation);
}

function pointsOf(count: BallotCount, participantId: string): Record<string, number> {
  const counted = count.counted.find((c) => c.ballot.participantId === participantId);
  return Object.fromEntries(counted?.points ?? []);
}

function board(count: BallotCount, v: ProposalView[], comments: Comment[] = []) {
  return boardRows(v, count, comments).map((r) => ({
    id: r.proposal.id,
    supporters: r.supporters,
    points: r.points,
    comments: r.comments,
  }));
}

describe('countBallots: dot voting', () => {
  const method: PriorityMethod = { kind: 'dots', dotsPerParticipant: 5, maxDotsPerProposal: 3 };

  it('Given two residents’ dots, when counted, then each idea gets the dots given and one supporter per resident', () => {
    const v = views();
    const count = countBallots(
      [dotsBallot('p2', { B: 1, X: 2 }), dotsBallot('p1', { B: 3 })],
      method,
      POT,
      v,
    );
    expect(count.counted.map((c) => c.ballot.participantId)).toEqual(['p1', 'p2']);
    expect(board(count, v)).toEqual([
      { id: 'B', supporters: 2, points: 4, comments: 0 },
      { id: 'X', supporters: 1, points: 2, comments: 0 },
      { id: 'A', supporters: 0, points: 0, comments: 0 },
    ]);
  });

  it('Given dots on a duplicate and on the kept idea, when counted, then the resident supports the kept idea once, capped at M', () => {
    const v = views([merge('m1', 'A', 'B')]);
    const count = countBallots([dotsBallot('p1', { A: 2, B: 2 })], method, POT, v);
    expect(pointsOf(count, 'p1')).toEqual({ B: 3 });
    expect(board(count, v)).toEqual([
      { id: 'B', supporters: 1, points: 3, comments: 0 },
      { id: 'X', supporters: 0, points: 0, comments: 0 },
    ]);
  });

  it('Given a chain A into B into X, when dots on A are counted, then they count for X', () => {
    const v = views([merge('m1', 'A', 'B'), merge('m2', 'B', 'X')]);
    const count = countBallots([dotsBallot('p1', { A: 2 })], method, POT, v);
    expect(pointsOf(count, 'p1')).toEqual({ X: 2 });
  });

  it('Given dots on a hidden idea, when counted, then those dots do not count and the rest of the ballot does', () => {
    const v = views([hide('m1', 'X')]);
    const count = countBallots([dotsBallot('p1', { X: 3, B: 1 })], method, POT, v);
    expect(count.excluded).toEqual([]);
    expect(pointsOf(count, 'p1')).toEqual({ B: 1 });
  });

  it('Given a ballot that breaks the rules and one of another method, when counted, then both are excluded with reasons', () => {
    const over = dotsBallot('p1', { B: 3, X: 3 });
    const wrongKind = rankingBallot('p2', ['B']);
    const count = countBallots([over, wrongKind, dotsBallot('p3', { B: 1 })], method, POT, views());
    expect(count.excluded).toEqual([
      { ballot: over, reason: 'dotsOverTotal', params: { max: 5 } },
      { ballot: wrongKind, reason: 'methodChanged', params: { castFor: 'ranking', now: 'dots' } },
    ]);
    expect(count.counted.map((c) => c.ballot.participantId)).toEqual(['p3']);
  });
});

describe('countBallots: budget allocation', () => {
  const method: PriorityMethod = { kind: 'budget', minSharePercent: 0 };

  it('Given a resident chose both the duplicate and the kept idea, when counted, then the kept idea gets 1 point', () => {
    const v = views([merge('m1', 'A', 'B')]);
    const count = countBallots([budgetBallot('p1', ['A', 'B', 'X'])], method, POT, v);
    expect(pointsOf(count, 'p1')).toEqual({ B: 1, X: 1 });
    expect(board(count, v).find((r) => r.id === 'B')).toEqual({
      id: 'B',
      supporters: 1,
      points: 1,
      comments: 0,
    });
  });

  // Rule changed (issue 9): ballots were checked at counting time against today's ideas' minimum.
  it('Given a 70% session and ballots of an older app (no recorded rules), when counted, then no minimum applies to them', () => {
    const v = proposalViews(
      [proposal('A', 1, 1000), proposal('B', 2, 2000), proposal('H', 3, 5000)],
      [hide('m1', 'H')],
    );
    const method70: PriorityMethod = { kind: 'budget', minSharePercent: 70 };
    const count = countBallots([budgetBallot('p1', ['A', 'B']), budgetBallot('p2', ['B'])], method70, POT, v);
    expect(count.excluded).toEqual([]);
    expect(pointsOf(count, 'p1')).toEqual({ A: 1, B: 1 });
    expect(pointsOf(count, 'p2')).toEqual({ B: 1 });
  });

  it('Given a selection over the pot, when counted, then it is excluded as budgetOverPot', () => {
    const ballot = budgetBallot('p1', ['A', 'B', 'X']);
    expect(countBallots([ballot], method, 2999, views()).excluded).toEqual([
      { ballot, reason: 'budgetOverPot', params: { pot: 2999, spent: 3000 } },
    ]);
  });
});

describe('countBallots: ranking (top 3, 3/2/1 points)', () => {
  const method: PriorityMethod = { kind: 'ranking', maxRanked: 3 };

  it('Given a plain ranking, when counted, then first gets 3, second 2, third 1', () => {
    expect(
      pointsOf(countBallots([rankingBallot('p1', ['X', 'A', 'B'])], method, POT, views()), 'p1'),
    ).toEqual({
      X: 3,
      A: 2,
      B: 1,
    });
  });

  it('Given the duplicate ranked above the kept idea, when counted, then the kept idea takes the better place', () => {
    const v = views([merge('m1', 'A', 'B')]);
    expect(pointsOf(countBallots([rankingBallot('p1', ['A', 'X', 'B'])], method, POT, v), 'p1')).toEqual({
      B: 3,
      X: 2,
    });
    expect(pointsOf(countBallots([rankingBallot('p1', ['X', 'B', 'A'])], method, POT, v), 'p1')).toEqual({
      X: 3,
      B: 2,
    });
  });

  it('Given duplicate and kept idea ranked first and second, when counted, then the next idea moves up a place', () => {
    const v = views([merge('m1', 'A', 'B')]);
    expect(pointsOf(countBallots([rankingBallot('p1', ['A', 'B', 'X'])], method, POT, v), 'p1')).toEqual({
      B: 3,
      X: 2,
    });
  });

  it('Given a hidden idea ranked first, when counted, then it gets nothing and the others move up', () => {
    const v = views([hide('m1', 'A')]);
    expect(pointsOf(countBallots([rankingBallot('p1', ['A', 'B', 'X'])], method, POT, v), 'p1')).toEqual({
      B: 3,
      X: 2,
    });
  });
});

describe('boardRows', () => {
  const method: PriorityMethod = { kind: 'dots', dotsPerParticipant: 5, maxDotsPerProposal: 3 };
  const comment = (id: string, proposalId: string): Comment => ({
    id,
    proposalId,
    participantId: null,
    text: 'Yes please',
    deviceId: 't1',
    at: 1,
  });

  it('Given equal points, when the board is sorted, then more supporters come first, then the older idea', () => {
    const v = views();
    const count = countBallots(
      [
        dotsBallot('p1', { A: 2 }),
        dotsBallot('p2', { B: 1 }),
        dotsBallot('p3', { B: 1 }),
        dotsBallot('p4', { X: 2 }),
      ],
      method,
      POT,
      v,
    );
    expect(board(count, v).map((r) => [r.id, r.points, r.supporters])).toEqual([
      ['B', 2, 2],
      ['A', 2, 1],
      ['X', 2, 1],
    ]);
  });

  it('Given comments on a duplicate and on a hidden idea, when the board is built, then the duplicate’s count for the kept idea and the hidden idea has no row', () => {
    const v = views([merge('m1', 'A', 'B'), hide('m2', 'X')]);
    const comments = [comment('c1', 'A'), comment('c2', 'B'), comment('c3', 'X'), comment('c4', 'unknown')];
    expect(board(countBallots([], method, POT, v), v, comments)).toEqual([
      { id: 'B', supporters: 0, points: 0, comments: 2 },
    ]);
  });
});
