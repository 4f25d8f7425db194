import { describe, expect, it } from 'vitest';
import { equalShares } from '../../../src/domain/counting';
import {
  approvalSets,
  countedChoices,
  ResultsError,
  rulesFor,
  sessionResults,
} from '../../../src/domain/results/results';
import { excludedBallots, traceProposal } from '../../../src/domain/results/trace';
import { budgetSession, dotsSession, rankingSession } from './fixtures';

describe('trace', () => {
  it('lists the ballots behind a figure: merged duplicates once, via the duplicate or directly', () => {
    const s = dotsSession();
    const view = s.view();
    const { P1, P3 } = s.ids;
    const t = traceProposal(view, P1);
    expect(t.canonicalId).toBe(P1);
    expect(t.points).toBe(7);
    expect(t.supporters).toBe(3);
    expect(t.ballots.map((b) => [b.participantId, b.deviceId, b.points, b.via, b.chosenIds])).toEqual([
      [s.a[0], 'device-a', 3, 'both', [P1, P3]],
      [s.a[1], 'device-a', 3, 'merged', [P3]],
      [s.b[0], 'device-b', 1, 'direct', [P1]],
    ]);
    expect(t.ballots.every((b, i, all) => i === 0 || all[i - 1]!.at <= b.at)).toBe(true);
    // The board agrees.
    const row = view.board.find((r) => r.proposal.id === P1)!;
    expect([row.points, row.supporters]).toEqual([t.points, t.supporters]);
    // The excluded ballot named P1: listed with its reason, giving nothing.
    expect(t.excluded).toEqual([
      {
        participantId: s.a[2],
        deviceId: 'device-a',
        at: expect.any(Number) as number,
        revision: 1,
        channel: 'kiosk',
        reason: 'dotsOverPerProposal',
        params: { max: 3 },
        chosenIds: [P1],
      },
    ]);
    // Asking for the duplicate traces the kept idea.
    expect(traceProposal(view, P3)).toMatchObject({ proposalId: P3, canonicalId: P1, points: 7 });
    expect(traceProposal(view, s.ids.P4).excluded).toEqual([]);
    expect(excludedBallots(view).map((e) => [e.participantId, e.reason])).toEqual([
      [s.a[2], 'dotsOverPerProposal'],
    ]);
    expect(() => traceProposal(view, 'nope')).toThrow(RangeError);
  });

  it('every idea: traced points add up to the board figure', () => {
    const view = dotsSession().view();
    for (const row of view.board) {
      const t = traceProposal(view, row.proposal.id);
      expect([t.points, t.supporters]).toEqual([row.points, row.supporters]);
    }
  });
});

describe('results under a named rule', () => {
  it('dots, votes: points per idea, ties to the older idea, no funding decision', () => {
    const s = dotsSession();
    const r = sessionResults(s.view(), 'votes');
    const { P1, P2, P4, P5 } = s.ids;
    expect(r.rows.map((x) => [x.proposalId, x.points, x.supporters, x.funded])).toEqual([
      [P1, 7, 3, null],
      [P4, 5, 2, null],
      [P2, 3, 2, null],
      [P5, 3, 1, null],
    ]);
    expect(r.rows[0]!.mergedIds).toEqual([s.ids.P3]);
    expect(r.tieBreak).toMatch(/oldest first/);
    expect(r.selected).toEqual([]);
  });

  it('dots, greedy: skips what no longer fits and carries on down the list', () => {
    const s = dotsSession();
    const r = sessionResults(s.view(), 'greedy');
    const { P1, P2, P4, P5 } = s.ids;
    expect(r.selected).toEqual([P1, P4, P5]);
    expect(r.rows.map((x) => [x.proposalId, x.funded])).toEqual([
      [P1, true],
      [P4, true],
      [P2, false],
      [P5, true],
    ]);
    expect([r.spentPence, r.leftoverPence]).toEqual([4_600_000, 400_000]);
    expect(r.rows[0]!.themeName).toBe('Young people');
    expect(() => sessionResults(s.view(), 'mes')).toThrow(ResultsError);
    expect(() => sessionResults(s.view(), 'borda')).toThrow(ResultsError);
  });

  it('budget: greedy by approvals and MES with Add1 over the counted selections', () => {
    const s = budgetSession();
    const view = s.view();
    const [q1, q2, q3, q4] = s.ids as [string, string, string, string];
    expect(rulesFor('budget')).toEqual(['votes', 'greedy', 'mes']);
    const g = sessionResults(view, 'greedy');
    expect(g.rows.map((x) => [x.proposalId, x.points])).toEqual([
      [q1, 3],
      [q4, 3],
      [q2, 2],
      [q3, 2],
    ]);
    expect(g.selected).toEqual([q1, q4]);
    expect(countedChoices(view)).toEqual([
      [q1, q2],
      [q1, q2],
      [q1, q4],
      [q3, q4],
      [q3, q4],
    ]);
    // MES reads the same ballots as sets, gathered without sorting.
    expect(approvalSets(view).map((b) => [...b].sort())).toEqual(
      countedChoices(view).map((b) => [...b].sort()),
    );
    const m = sessionResults(view, 'mes');
    const direct = equalShares(
      s.ids.map((id, i) => ({ id, cost: [30_000, 20_000, 20_000, 10_000][i]! })),
      countedChoices(view),
      50_000,
    );
    expect(m.selected).toEqual(direct.selected);
    expect(m.endowment).toBe(direct.endowment);
    // Worked out: at 10,000 pounds each, Q4 (cheapest of the two with 3 supporters) then Q2; Add1 raises the
    // endowment until Q1 is affordable after Q4 too, and the first outcome to spend over the pot stops it.
    expect(new Set(m.selected)).toEqual(new Set([q4, q1]));
    expect(m.spentPence).toBe(4_000_000);
    expect(m.rows.filter((x) => x.funded).map((x) => x.proposalId)).toEqual([q1, q4]);
  });

  it('ranking: Kraków points for votes and greedy; Borda with its own scores', () => {
    const s = rankingSession();
    const view = s.view();
    const [r1, r2, r3, r4, r5] = s.ids as [string, string, string, string, string];
    const v = sessionResults(view, 'votes');
    expect(v.rows.map((x) => [x.proposalId, x.points])).toEqual([
      [r1, 7],
      [r4, 6],
      [r2, 5],
      [r3, 4],
      [r5, 0],
    ]);
    expect(sessionResults(view, 'greedy').selected).toEqual([r1, r2, r3]);
    const b = sessionResults(view, 'borda');
    expect(b.rows.map((x) => [x.proposalId, x.points, x.funded])).toEqual([
      [r1, 10, true],
      [r2, 8, true],
      [r4, 8, false],
      [r3, 6, true],
      [r5, 0, false],
    ]);
    expect(b.selected).toEqual([r1, r2, r3]);
    expect(b.leftoverPence).toBe(0);
  });
});
