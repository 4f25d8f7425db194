/**
 * Issue 9: a ballot the tablet accepted stays counted. Real Y.Docs, the real commands, two devices.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addProposal, castBallot, startParticipant } from '../../../src/doc/commands';
import { hideProposal, mergeProposals } from '../../../src/doc/moderationCommands';
import { updateSettings } from '../../../src/doc/sessionCommands';
import { enterPaperBallot } from '../../../src/doc/paperCommands';
import { checkRecord } from '../../../src/doc/recordShapes';
import { maps } from '../../../src/doc/schema';
import { viewSession, type SessionView } from '../../../src/doc/session';
import { parsePabulib } from '../../../src/domain/counting';
import { sessionToPb, sessionToPbText } from '../../../src/domain/results/pb';
import { exportJson } from '../../../src/domain/results/json';
import { ballotsCsv } from '../../../src/domain/results/csv';
import type { Ballot, PriorityMethod } from '../../../src/domain/types';
import {
  createdSession,
  exchange,
  replicaOf,
  testContext,
  validSettings,
  type TestContext,
} from '../helpers/session';

const pounds = (n: number): number => n * 100;
const budget70: PriorityMethod = { kind: 'budget', minSharePercent: 70 };

function idea(doc: Y.Doc, t: TestContext, title: string, costPounds: number): string {
  t.clock.advance();
  return addProposal(
    doc,
    { title, description: '', themeId: 'theme-green', costPence: pounds(costPounds), where: '' },
    null,
    t.ctx,
  );
}

function resident(doc: Y.Doc, t: TestContext): string {
  t.clock.advance();
  return startParticipant(doc, { language: 'en', hasConsented: true }, t.ctx);
}

function view(doc: Y.Doc): SessionView {
  const v = viewSession(doc);
  if (!v) throw new Error('no session');
  return v;
}

/** What every screen and export reads: who counts, who is left out and why, and the board. */
function figures(doc: Y.Doc): unknown {
  const v = view(doc);
  return {
    counted: v.count.counted.map((c) => [c.ballot.participantId, Object.fromEntries(c.points)]),
    excluded: v.count.excluded.map((e) => [e.ballot.participantId, e.reason, e.params]),
    board: v.board.map((r) => [r.proposal.id, r.supporters, r.points]),
  };
}

describe('The trial: budget £50,000, 70% minimum', () => {
  it('Given only ideas of £12,000 and £8,000, when a resident saves the £12,000 idea alone and more ideas arrive later, then the ballot still counts, the same on two devices merged in either order', () => {
    const tablet = testContext('tablet-1', { idPrefix: 't1' });
    const { doc } = createdSession(validSettings({ method: budget70 }), tablet);
    const i12 = idea(doc, tablet, 'Youth club', 12_000);
    idea(doc, tablet, 'Bike repair', 8_000);
    const first = resident(doc, tablet);

    // The ballot screen asks for no minimum: £35,000 cannot be reached without backing both ideas.
    tablet.clock.advance();
    castBallot(doc, first, { kind: 'budget', selected: [i12] }, tablet.ctx);
    const stored = maps(doc).ballots.get(first);
    expect(stored?.castUnder).toEqual({ method: budget70, potPence: pounds(50_000), minimumPence: 0 });

    // Later, on two devices apart, more ideas are added: now the minimum can be reached without any one idea.
    const laptop = testContext('laptop', { idPrefix: 'l' });
    const other = replicaOf(doc);
    for (let i = 0; i < 5; i++) idea(doc, tablet, `Tablet idea ${i}`, 9_000);
    for (let i = 0; i < 5; i++) idea(other, laptop, `Laptop idea ${i}`, 10_000);
    // Cast now, a £12,000 ballot is short of the minimum that now applies; one of £42,000 is not.
    const second = resident(other, laptop);
    laptop.clock.advance();
    expect(() => castBallot(other, second, { kind: 'budget', selected: [i12] }, laptop.ctx)).toThrow(
      /budgetUnderMinimum/,
    );
    const laptopIdeas = view(other).visible.filter((v) => v.title.startsWith('Laptop'));
    const selected = [i12, ...laptopIdeas.slice(0, 3).map((v) => v.id)];
    castBallot(other, second, { kind: 'budget', selected }, laptop.ctx);
    expect(maps(other).ballots.get(second)?.castUnder?.minimumPence).toBe(pounds(35_000));

    const oneWay = replicaOf(doc);
    exchange(oneWay, other);
    const otherWay = replicaOf(other);
    exchange(otherWay, doc);

    for (const merged of [oneWay, otherWay]) {
      const v = view(merged);
      expect(v.count.excluded).toEqual([]);
      expect(v.count.counted.map((c) => c.ballot.participantId).sort()).toEqual([first, second].sort());
      expect(v.board.find((r) => r.proposal.id === i12)).toMatchObject({ supporters: 2, points: 2 });
    }
    expect(figures(oneWay)).toEqual(figures(otherWay));
  });

  it('Given a ballot saved under a minimum, when ideas are hidden afterwards, then it still counts for the ideas left', () => {
    const t = testContext();
    const { doc } = createdSession(validSettings({ method: budget70 }), t);
    const ids = [10_000, 10_000, 10_000, 10_000, 5_000].map((cost, i) => idea(doc, t, `Idea ${i}`, cost));
    const p = resident(doc, t);
    castBallot(doc, p, { kind: 'budget', selected: [ids[0]!, ids[1]!, ids[2]!, ids[4]!] }, t.ctx);
    expect(maps(doc).ballots.get(p)?.castUnder?.minimumPence).toBe(pounds(35_000));
    hideProposal(doc, ids[0]!, 'Not council business', t.ctx);
    hideProposal(doc, ids[1]!, 'Duplicate of another workshop', t.ctx);
    const v = view(doc);
    expect(v.count.excluded).toEqual([]);
    expect([...(v.count.counted[0]?.points.keys() ?? [])].sort()).toEqual([ids[2], ids[4]].sort());
  });
});

describe('Duplicates ticked, then merged', () => {
  it('Given a ballot ticking two duplicates, when they are merged, then it counts once for the kept idea and the .pb file holds true of every vote', () => {
    const t = testContext();
    const { doc } = createdSession(validSettings({ method: budget70 }), t);
    const costs = [15_000, 15_000, 10_000, 10_000, 10_000];
    const [a, aDup, b, c, d] = costs.map((cost, i) => idea(doc, t, `Idea ${i}`, cost));
    const p1 = resident(doc, t);
    // £15,000 + £15,000 + £10,000 = £40,000: over the £35,000 minimum.
    castBallot(doc, p1, { kind: 'budget', selected: [a!, aDup!, b!] }, t.ctx);
    const p2 = resident(doc, t);
    castBallot(doc, p2, { kind: 'budget', selected: [b!, c!, d!, a!] }, t.ctx);
    mergeProposals(doc, aDup!, a!, t.ctx);

    const v = view(doc);
    expect(v.count.excluded).toEqual([]);
    const p1Points = v.count.counted.find((x) => x.ballot.participantId === p1)?.points;
    expect(Object.fromEntries(p1Points ?? [])).toEqual({ [a!]: 1, [b!]: 1 });
    expect(v.board.find((r) => r.proposal.id === a)).toMatchObject({ supporters: 2, points: 2 });

    // As exported, p1 now spends £25,000: under the session's £35,000, so min_sum_cost is left out.
    const pb = sessionToPb(v, 'greedy');
    expect(pb.meta['min_sum_cost']).toBeUndefined();
    expect(pb.meta['max_sum_cost']).toBe('50000');
    const parsed = parsePabulib(sessionToPbText(v, 'greedy'));
    expect(parsed.voters.map((x) => x.id).sort()).toEqual([p1, p2].sort());
    expect(parsed.voters.find((x) => x.id === p1)?.vote).toEqual([a, b]);
    // Every limit in the file holds for every vote in it.
    const cost = new Map(parsed.projects.map((x) => [x.id, x.cost]));
    const min = Number(parsed.meta['min_sum_cost'] ?? 0);
    const max = Number(parsed.meta['max_sum_cost'] ?? Infinity);
    for (const voter of parsed.voters) {
      const spent = voter.vote.reduce((s, id) => s + (cost.get(id) ?? 0), 0);
      expect(spent).toBeGreaterThanOrEqual(min);
      expect(spent).toBeLessThanOrEqual(max);
    }
  });

  it('Given every vote as exported still meets the minimum, when the .pb is written, then min_sum_cost is the session’s share of the pot', () => {
    const t = testContext();
    const { doc } = createdSession(validSettings({ method: budget70 }), t);
    const ids = [10_000, 10_000, 10_000, 10_000, 5_000].map((cost, i) => idea(doc, t, `Idea ${i}`, cost));
    const p = resident(doc, t);
    castBallot(doc, p, { kind: 'budget', selected: [ids[0]!, ids[1]!, ids[2]!, ids[4]!] }, t.ctx);
    expect(sessionToPb(view(doc), 'greedy').meta['min_sum_cost']).toBe('35000');
  });
});

describe('The way of voting changed after ballots were cast', () => {
  it('Given dot ballots, when the session changes to budget allocation, then they are left out with methodChanged, and changing back counts them again', () => {
    const t = testContext();
    const { doc } = createdSession(validSettings(), t);
    const a = idea(doc, t, 'Youth club', 10_000);
    const p = resident(doc, t);
    castBallot(doc, p, { kind: 'dots', dots: { [a]: 2 } }, t.ctx);
    const before = figures(doc);

    t.clock.advance();
    updateSettings(doc, { method: { kind: 'budget', minSharePercent: 0 } }, t.ctx);
    const v = view(doc);
    expect(v.count.counted).toEqual([]);
    expect(v.count.excluded.map((e) => [e.ballot.participantId, e.reason, e.params])).toEqual([
      [p, 'methodChanged', { castFor: 'dots', now: 'budget' }],
    ]);
    // Every export says so too.
    expect(exportJson(v).ballots).toMatchObject([{ status: 'excluded', reason: 'methodChanged' }]);
    expect(ballotsCsv(v)).toContain('methodChanged');
    expect(sessionToPb(v, 'greedy').voters).toEqual([]);

    t.clock.advance();
    updateSettings(doc, { method: { kind: 'dots', dotsPerParticipant: 5, maxDotsPerProposal: 3 } }, t.ctx);
    expect(figures(doc)).toEqual(before);
  });

  it('Given dot ballots cast under 5 dots, at most 3 on one idea, when the numbers are lowered to 3 and 1, then they still count, with at most 1 dot on one idea', () => {
    const t = testContext();
    const { doc } = createdSession(validSettings(), t);
    const a = idea(doc, t, 'Youth club', 10_000);
    const b = idea(doc, t, 'Job fair', 10_000);
    const p = resident(doc, t);
    castBallot(doc, p, { kind: 'dots', dots: { [a]: 3, [b]: 2 } }, t.ctx);
    t.clock.advance();
    updateSettings(doc, { method: { kind: 'dots', dotsPerParticipant: 3, maxDotsPerProposal: 1 } }, t.ctx);
    const v = view(doc);
    expect(v.count.excluded).toEqual([]);
    expect(Object.fromEntries(v.count.counted[0]?.points ?? [])).toEqual({ [a]: 1, [b]: 1 });
    // 2 dots in the file, at most 1 per idea: the file's limits hold.
    expect(sessionToPb(v, 'greedy').meta).toMatchObject({ max_points: '1', max_sum_points: '3' });
  });

  it('Given a ranking of 3 cast under "rank up to 3", when the limit is lowered to 2 and the first choice is hidden, then later choices move up and only 2 places get points', () => {
    const t = testContext();
    const { doc } = createdSession(validSettings({ method: { kind: 'ranking', maxRanked: 3 } }), t);
    const [a, b, c] = ['A', 'B', 'C'].map((title) => idea(doc, t, title, 10_000));
    const p = resident(doc, t);
    castBallot(doc, p, { kind: 'ranking', ranked: [a!, b!, c!] }, t.ctx);
    t.clock.advance();
    updateSettings(doc, { method: { kind: 'ranking', maxRanked: 2 } }, t.ctx);
    expect(Object.fromEntries(view(doc).count.counted[0]?.points ?? [])).toEqual({ [a!]: 2, [b!]: 1 });
    hideProposal(doc, a!, 'Not council business', t.ctx);
    expect(Object.fromEntries(view(doc).count.counted[0]?.points ?? [])).toEqual({ [b!]: 2, [c!]: 1 });
  });

  it('Given a budget ballot cast under a larger pot, when the pot is lowered, then it still counts', () => {
    const t = testContext();
    const { doc } = createdSession(validSettings({ method: { kind: 'budget', minSharePercent: 0 } }), t);
    // Each idea still fits the lowered pot (an idea over the pot is left out of the .pb file), the two do not.
    const a = idea(doc, t, 'Youth club', 30_000);
    const b = idea(doc, t, 'Job fair', 15_000);
    const p = resident(doc, t);
    castBallot(doc, p, { kind: 'budget', selected: [a, b] }, t.ctx);
    t.clock.advance();
    updateSettings(doc, { potPence: pounds(40_000) }, t.ctx);
    const v = view(doc);
    expect(v.count.excluded).toEqual([]);
    // The file's pot no longer holds for that vote, so max_sum_cost is left out.
    expect(sessionToPb(v, 'greedy').meta['max_sum_cost']).toBeUndefined();
  });
});

describe('Ballots without recorded rules, and damaged ones', () => {
  const older = (participantId: string, selected: string[]): Ballot => ({
    kind: 'budget',
    selected,
    participantId,
    revision: 1,
    deviceId: 'old-tablet',
    at: 1,
  });

  it('Given a budget ballot an older app wrote (no castUnder), when counted in a 70% session, then no minimum is asked of it but the pot is', () => {
    const t = testContext();
    const { doc } = createdSession(validSettings({ method: budget70 }), t);
    const ids = [10_000, 10_000, 10_000, 10_000, 45_000].map((cost, i) => idea(doc, t, `Idea ${i}`, cost));
    const p1 = resident(doc, t);
    const p2 = resident(doc, t);
    maps(doc).ballots.set(p1, older(p1, [ids[0]!]));
    maps(doc).ballots.set(p2, older(p2, [ids[0]!, ids[4]!]));
    const v = view(doc);
    expect(v.count.counted.map((c) => c.ballot.participantId)).toEqual([p1]);
    expect(v.count.excluded.map((e) => [e.reason, e.params])).toEqual([
      ['budgetOverPot', { pot: pounds(50_000), spent: pounds(55_000) }],
    ]);
  });

  it('Given a ballot naming an idea this device does not hold, when counted, then it is left out with unknownProposal until the idea arrives', () => {
    const t = testContext();
    const { doc } = createdSession(validSettings(), t);
    const p = resident(doc, t);
    const other = replicaOf(doc);
    const laptop = testContext('laptop', { idPrefix: 'l' });
    const a = idea(other, laptop, 'Youth club', 10_000);
    const ballot: Ballot = {
      kind: 'dots',
      dots: { [a]: 1 },
      participantId: p,
      revision: 1,
      deviceId: 'device-a',
      at: t.clock.now(),
      castUnder: { method: validSettings().method, potPence: pounds(50_000), minimumPence: 0 },
    };
    maps(doc).ballots.set(p, ballot);
    expect(view(doc).count.excluded.map((e) => [e.reason, e.params])).toEqual([
      ['unknownProposal', { id: a }],
    ]);
    exchange(doc, other);
    expect(view(doc).count.excluded).toEqual([]);
  });

  it('Given recorded rules, when the record is shape-checked, then well-formed rules pass and bad ones are reported', () => {
    const base = {
      kind: 'budget',
      selected: ['i1'],
      participantId: 'p1',
      revision: 1,
      deviceId: 'd',
      at: 1,
    };
    const rules = { method: budget70, potPence: 1000, minimumPence: 700 };
    expect(checkRecord('ballots', 'p1', { ...base, castUnder: rules })).toEqual([]);
    expect(checkRecord('ballots', 'p1', base)).toEqual([]);
    const problems = (castUnder: unknown): string[] =>
      checkRecord('ballots', 'p1', { ...base, castUnder }).map((x) => `${x.field}:${x.problem}`);
    expect(problems({ ...rules, minimumPence: 1001 })).toEqual(['castUnder.minimumPence:outOfRange']);
    expect(problems({ ...rules, potPence: 0.5, minimumPence: 0 })).toEqual([
      'castUnder.potPence:notWholeNumber',
    ]);
    expect(problems({ ...rules, method: { kind: 'budget', minSharePercent: 101 } })).toEqual([
      'castUnder.method.minSharePercent:outOfRange',
    ]);
    expect(problems({ ...rules, method: { kind: 'ranking', maxRanked: 3 } })).toEqual([
      'castUnder.method.kind:unknownKind',
    ]);
    expect(problems({ method: budget70 })).toEqual([
      'castUnder.potPence:missing',
      'castUnder.minimumPence:missing',
    ]);
    expect(problems('70%')).toEqual(['castUnder:wrongType']);
  });

  it('Given a paper sheet typed in, when stored, then it keeps the rules it was checked against', () => {
    const t = testContext();
    const { doc } = createdSession(validSettings({ method: budget70 }), t);
    const ids = [10_000, 10_000, 10_000, 10_000, 5_000].map((cost, i) => idea(doc, t, `Idea ${i}`, cost));
    const id = enterPaperBallot(
      doc,
      { sheet: 7, choices: { kind: 'budget', selected: [ids[0]!, ids[1]!, ids[2]!, ids[4]!] } },
      t.ctx,
    );
    expect(maps(doc).ballots.get(id)?.castUnder).toEqual({
      method: budget70,
      potPence: pounds(50_000),
      minimumPence: pounds(35_000),
    });
  });
});
