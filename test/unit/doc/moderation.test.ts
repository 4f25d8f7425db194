/**
 * Moderation through the commands and the session view: latest hide/unhide wins, edits keep the original,
 * merges count a supporter once, and merge cycles made by two devices apart resolve the same way on both.
 */
import { describe, expect, it } from 'vitest';
import { addProposal, castBallot, startParticipant } from '../../../src/doc/commands';
import {
  editProposal,
  hideProposal,
  mergeProposals,
  unhideProposal,
} from '../../../src/doc/moderationCommands';
import { maps } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import type { BallotChoices, PriorityMethod } from '../../../src/domain/types';
import {
  canonicalRecords,
  createdSession,
  exchange,
  replicaOf,
  testContext,
  validSettings,
} from '../helpers/session';

const idea = (title: string) => ({
  title,
  description: '',
  themeId: 'theme-green',
  costPence: 100_000,
  where: '',
});

/** A session with three ideas (ids device-a-0002..0004) and its board as [id, supporters, points] rows. */
function session(method: PriorityMethod = { kind: 'dots', dotsPerParticipant: 5, maxDotsPerProposal: 3 }) {
  const s = createdSession(validSettings({ method }));
  const [a, b, c] = ['Community garden', 'Garden for the community', 'Bike repair'].map((t) => {
    s.clock.advance();
    return addProposal(s.doc, idea(t), null, s.ctx);
  }) as [string, string, string];
  const vote = (choices: BallotChoices) => {
    const p = startParticipant(s.doc, { language: 'en', hasConsented: true }, s.ctx);
    castBallot(s.doc, p, choices, s.ctx);
    return p;
  };
  const board = () => viewSession(s.doc)?.board.map((r) => [r.proposal.id, r.supporters, r.points]);
  return { ...s, a, b, c, vote, board };
}

describe('hide and unhide on one tablet', () => {
  it('Given an idea hidden then unhidden then hidden again, when the board is read, then the latest (hidden) wins', () => {
    const { doc, ctx, clock, a, board } = session();
    hideProposal(doc, a, 'Name of a neighbour', ctx);
    clock.advance();
    unhideProposal(doc, a, ctx);
    expect(board()?.map((r) => r[0])).toContain(a);
    clock.advance();
    hideProposal(doc, a, 'Still a name', ctx);
    expect(board()?.map((r) => r[0])).not.toContain(a);
    expect(viewSession(doc)?.proposals.find((p) => p.id === a)?.hiddenReason).toBe('Still a name');
  });
});

describe('hide and unhide on two tablets apart', () => {
  for (const laterOn of ['the tablet that hid', 'the tablet that unhid'] as const) {
    it(`Given one tablet hides and another unhides apart, when ${laterOn} acted later and they merge, then its action wins on both`, () => {
      const s = session();
      const other = replicaOf(s.doc);
      const tabletB = testContext('device-b');
      s.clock.set(laterOn === 'the tablet that hid' ? 2_000_000_000_000 : 1_900_000_000_000);
      tabletB.clock.set(laterOn === 'the tablet that hid' ? 1_900_000_000_000 : 2_000_000_000_000);
      hideProposal(s.doc, s.a, 'Off topic', s.ctx);
      unhideProposal(other, s.a, tabletB.ctx);
      exchange(s.doc, other);
      const hidden = laterOn === 'the tablet that hid';
      for (const doc of [s.doc, other]) {
        expect(viewSession(doc)?.proposals.find((p) => p.id === s.a)?.isHidden).toBe(hidden);
      }
      expect(canonicalRecords(other)).toBe(canonicalRecords(s.doc));
    });
  }
});

describe('edit', () => {
  it('Given two facilitators fix the same typo apart, when merged, then the later edit shows and both edits and the original are kept', () => {
    const s = session();
    const other = replicaOf(s.doc);
    const tabletB = testContext('device-b', { startAt: s.clock.now() + 60_000 });
    editProposal(s.doc, s.a, { title: 'Community garden!', description: '' }, s.ctx);
    editProposal(other, s.a, { title: 'Community garden (Elm St)', description: 'Raised beds' }, tabletB.ctx);
    exchange(s.doc, other);
    for (const doc of [s.doc, other]) {
      const view = viewSession(doc)?.proposals.find((p) => p.id === s.a);
      expect(view).toMatchObject({
        title: 'Community garden',
        shownTitle: 'Community garden (Elm St)',
        shownDescription: 'Raised beds',
        isEdited: true,
      });
      expect([...maps(doc).moderation.values()].filter((m) => m.kind === 'edit')).toHaveLength(2);
    }
  });
});

describe('merge counts each supporter once', () => {
  it('Given a resident put dots on both the duplicate and the kept idea, when merged, then they are one supporter and dots cap at M', () => {
    const { doc, ctx, a, b, c, vote, board } = session();
    vote({ kind: 'dots', dots: { [a]: 2, [b]: 2 } });
    vote({ kind: 'dots', dots: { [b]: 1, [c]: 1 } });
    vote({ kind: 'dots', dots: { [a]: 1 } });
    mergeProposals(doc, b, a, ctx);
    expect(board()).toEqual([
      [a, 3, 3 + 1 + 1],
      [c, 1, 1],
    ]);
  });

  it('Given a resident chose both in a budget ballot, when merged, then the kept idea gets one point from them', () => {
    const { doc, ctx, a, b, c, vote, board } = session({ kind: 'budget', minSharePercent: 0 });
    vote({ kind: 'budget', selected: [a, b, c] });
    vote({ kind: 'budget', selected: [b] });
    mergeProposals(doc, b, a, ctx);
    expect(board()).toEqual([
      [a, 2, 2],
      [c, 1, 1],
    ]);
  });

  it('Given a ranking with the duplicate above the kept idea, when merged, then the kept idea takes the better place', () => {
    const { doc, ctx, a, b, c, vote, board } = session({ kind: 'ranking', maxRanked: 3 });
    vote({ kind: 'ranking', ranked: [b, c, a] });
    mergeProposals(doc, b, a, ctx);
    expect(board()).toEqual([
      [a, 1, 3],
      [c, 1, 2],
    ]);
  });

  it('Given a chain A into B into C made in two steps, when the board is read, then A’s and B’s support counts for C', () => {
    const { doc, ctx, a, b, c, vote, board } = session();
    vote({ kind: 'dots', dots: { [a]: 1 } });
    vote({ kind: 'dots', dots: { [b]: 2 } });
    mergeProposals(doc, a, b, ctx);
    mergeProposals(doc, b, c, ctx);
    expect(board()).toEqual([[c, 2, 3]]);
    expect(viewSession(doc)?.proposals.find((p) => p.id === c)?.mergedIds).toEqual([a, b].sort());
  });
});

describe('a merge cycle made by two tablets apart', () => {
  it('Given tablet 1 merges A into B and tablet 2 merges B into A apart, when they exchange updates, then both keep the smaller id', () => {
    const s = session();
    const tablet2 = replicaOf(s.doc);
    const ctx2 = testContext('device-b');
    s.vote({ kind: 'dots', dots: { [s.a]: 1, [s.b]: 1 } });
    mergeProposals(s.doc, s.a, s.b, s.ctx);
    mergeProposals(tablet2, s.b, s.a, ctx2.ctx);
    expect(viewSession(s.doc)?.visible.map((v) => v.id)).not.toContain(s.a);
    expect(viewSession(tablet2)?.visible.map((v) => v.id)).not.toContain(s.b);

    exchange(s.doc, tablet2);

    const smaller = [s.a, s.b].sort()[0];
    for (const doc of [s.doc, tablet2]) {
      const view = viewSession(doc);
      expect(view?.proposals.find((p) => p.id === s.a)?.canonicalId).toBe(smaller);
      expect(view?.proposals.find((p) => p.id === s.b)?.canonicalId).toBe(smaller);
      expect(view?.visible.map((v) => v.id)).toEqual([smaller, s.c]);
      expect(view?.board.map((r) => [r.proposal.id, r.supporters, r.points])).toEqual([
        [smaller, 1, 2],
        [s.c, 0, 0],
      ]);
    }
    expect(canonicalRecords(tablet2)).toBe(canonicalRecords(s.doc));
  });
});

describe('hidden ideas and the budget minimum', () => {
  it('Given an expensive idea was hidden, when a resident’s budget ballot choosing every visible idea is accepted, then the board counts it', () => {
    const { doc, ctx, a, b, c, vote, board } = session({ kind: 'budget', minSharePercent: 70 });
    const expensive = addProposal(doc, { ...idea('Leisure centre'), costPence: 4_000_000 }, null, ctx);
    hideProposal(doc, expensive, 'Not a neighbourhood service', ctx);
    vote({ kind: 'budget', selected: [a, b, c] });
    expect(viewSession(doc)?.count.excluded).toEqual([]);
    expect(board()).toEqual([
      [a, 1, 1],
      [b, 1, 1],
      [c, 1, 1],
    ]);
  });
});
