import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedDemo } from '../../../src/demo/northmoor';
import { maps } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import {
  equalShares,
  greedy,
  parsePabulib,
  rankingsToFundedSet,
  tallyElection,
} from '../../../src/domain/counting';
import {
  ballotsCsv,
  BALLOTS_COLUMNS,
  BOM,
  csvCell,
  neutralise,
  resultsCsv,
  RESULTS_COLUMNS,
  toCsv,
} from '../../../src/domain/results/csv';
import { exportJson, exportJsonText, JSON_FORMAT, type JsonExport } from '../../../src/domain/results/json';
import { sessionToPb, sessionToPbText } from '../../../src/domain/results/pb';
import { sessionResults } from '../../../src/domain/results/results';
import { budgetSession, dotsSession, rankingSession } from './fixtures';
import { parseCsv } from '../helpers/csv';

function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

describe('CSV cells', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-1+1', "'-1+1"],
    ['@cmd', "'@cmd"],
    ['\tindented', "'\tindented"],
    ['\rreturn', "'\rreturn"],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('neutralises %j', (input, expected) => {
    expect(neutralise(input)).toBe(expected);
  });

  it('quotes commas, quotes and line breaks (RFC 4180), after neutralising', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
    expect(toCsv(['h'], [['x'], ['=y']])).toBe(`${BOM}h\r\nx\r\n'=y\r\n`);
  });

  it('every awkward cell survives a round trip as its neutralised text', () => {
    const awkward = ['=1+2', 'a,b', 'say "x"', 'line\r\nbreak', '@x', 'plain £ é', '-3'];
    const back = parseCsv(
      toCsv(
        ['v'],
        awkward.map((a) => [a]),
      ),
    )
      .slice(1)
      .map((r) => r[0]);
    expect(back).toEqual(awkward.map(neutralise));
  });
});

describe('results and ballots CSV', () => {
  it('the results CSV parses back to the same figures, the formula title neutralised', () => {
    const s = dotsSession();
    const result = sessionResults(s.view(), 'greedy');
    const text = resultsCsv(result);
    const rows = records(text);
    expect(Object.keys(rows[0]!)).toEqual([...RESULTS_COLUMNS]);
    expect(
      rows.map((r) => [r['proposal_id'], Number(r['points']), Number(r['cost_pence']), r['funded']]),
    ).toEqual(result.rows.map((r) => [r.proposalId, r.points, r.costPence, r.funded ? 'yes' : 'no']));
    const p5 = rows.find((r) => r['proposal_id'] === s.ids.P5)!;
    expect(p5['title']).toBe("'=SUM(A1:A9)");
    expect(p5['cost_pounds']).toBe('1000.00');
    expect(rows[0]!['merged_ids']).toBe(s.ids.P3);
    expect(rows.every((r) => r['rule'] === 'greedy')).toBe(true);
  });

  it('the ballots CSV adds up to the counted points and lists the excluded ballot with its reason', () => {
    const s = dotsSession();
    const view = s.view();
    const rows = records(ballotsCsv(view));
    expect(Object.keys(rows[0]!)).toEqual([...BALLOTS_COLUMNS]);
    const totals = new Map<string, number>();
    for (const r of rows.filter((x) => x['status'] === 'counted')) {
      totals.set(r['proposal_id']!, (totals.get(r['proposal_id']!) ?? 0) + Number(r['points']));
    }
    expect(Object.fromEntries(totals)).toEqual(
      Object.fromEntries(view.board.filter((b) => b.points > 0).map((b) => [b.proposal.id, b.points])),
    );
    const excluded = rows.filter((x) => x['status'] === 'excluded');
    expect(excluded.map((r) => [r['participant_id'], r['reason'], r['ballot']])).toEqual([
      [s.a[2], 'dotsOverPerProposal', `${s.ids.P1}:4`],
    ]);
    const a1 = rows.filter((r) => r['participant_id'] === s.a[1]);
    expect(a1.map((r) => [r['proposal_id'], r['points'], r['via']])).toEqual([
      [s.ids.P1, '3', 'merged'],
      [s.ids.P2, '2', 'direct'],
    ]);
    expect(a1[0]!['cast_at']).toMatch(/^2025-04-12T10:5\d:00\.000Z$/);
  });
});

describe('JSON export', () => {
  it('is versioned, has no PIN hash, and parses back to the same figures', () => {
    const view = dotsSession().view();
    const text = exportJsonText(view);
    expect(text).not.toContain('hashB64');
    expect(text).not.toContain('saltB64');
    const back = JSON.parse(text) as JsonExport;
    expect(back.format).toBe(JSON_FORMAT);
    expect(back.version).toBe(1);
    expect('pin' in back.settings).toBe(false);
    expect(back).toEqual(JSON.parse(JSON.stringify(exportJson(view))));
    expect(back.results.map((r) => r.rule)).toEqual(['votes', 'greedy']);
    expect(back.results[1]!.selected).toEqual(sessionResults(view, 'greedy').selected);
    expect(back.participation.residents).toBe(20);
    expect(back.proposals).toHaveLength(5);
    expect(back.comments).toHaveLength(3);
    expect(back.ballots.map((b) => b.status).sort()).toEqual([
      'counted',
      'counted',
      'counted',
      'counted',
      'excluded',
    ]);
    const totals = new Map<string, number>();
    for (const b of back.ballots)
      for (const [id, n] of Object.entries(b.points)) totals.set(id, (totals.get(id) ?? 0) + n);
    for (const row of back.results[0]!.rows) expect(totals.get(row.proposalId) ?? 0).toBe(row.points);
    // No about-you answers of any one resident leave the session.
    expect(text).not.toContain('"answers"');
  });
});

describe('.pb export', () => {
  it('dots: cumulative, parses back with the pabulib reader and recounts to the same winners', () => {
    const view = dotsSession().view();
    const text = sessionToPbText(view, 'greedy');
    const e = parsePabulib(text);
    expect(e).toEqual(sessionToPb(view, 'greedy'));
    expect(e.voteType).toBe('cumulative');
    expect(e.budget).toBe(50_000);
    expect(e.meta['max_sum_points']).toBe('5');
    expect(e.voters).toHaveLength(4);
    const { score } = tallyElection(e);
    const result = sessionResults(view, 'greedy');
    for (const row of result.rows) expect(score!.get(row.proposalId)).toBe(row.points);
    expect(greedy(e.projects, score!, e.budget).selected).toEqual(result.selected);
    expect(e.projects.find((p) => p.fields['name'] === '=SUM(A1:A9)')?.fields['category']).toBe(
      'Green spaces',
    );
  });

  it('budget: approval, greedy and MES recount to the same winners', () => {
    const view = budgetSession().view();
    const e = parsePabulib(sessionToPbText(view, 'mes'));
    expect(e.voteType).toBe('approval');
    expect(e.meta['rule']).toBe('equalshares/add1');
    const { votes } = tallyElection(e);
    expect(greedy(e.projects, votes, e.budget).selected).toEqual(sessionResults(view, 'greedy').selected);
    const mes = equalShares(
      e.projects,
      e.voters.map((v) => v.vote),
      e.budget,
    );
    expect(mes.selected).toEqual(sessionResults(view, 'mes').selected);
    expect(e.projects.filter((p) => p.fields['selected'] === '1').map((p) => p.id)).toEqual(
      sessionResults(view, 'mes')
        .rows.filter((r) => r.funded)
        .map((r) => r.proposalId)
        .sort(),
    );
  });

  it('ranking: ordinal, the Kraków score and the Borda funded set recount the same', () => {
    const view = rankingSession().view();
    const e = parsePabulib(sessionToPbText(view, 'borda'));
    expect(e.voteType).toBe('ordinal');
    expect(e.meta['max_length']).toBe('3');
    const { score } = tallyElection(e);
    expect(greedy(e.projects, score!, e.budget).selected).toEqual(sessionResults(view, 'greedy').selected);
    const borda = rankingsToFundedSet(
      e.projects,
      e.voters.map((v) => v.vote),
      e.budget,
      { scale: 'borda' },
    );
    expect(borda.selected).toEqual(sessionResults(view, 'borda').selected);
  });
});

describe('a session with ideas but no ballots yet', () => {
  it('every rule and export still works', () => {
    const s = budgetSession();
    const empty = new Y.Doc();
    Y.applyUpdate(empty, Y.encodeStateAsUpdate(s.doc));
    // Drop the ballots: the same ideas, nobody has voted.
    empty.transact(() => {
      for (const id of [...maps(empty).ballots.keys()]) maps(empty).ballots.delete(id);
    });
    const view = viewSession(empty)!;
    expect(view.count.counted).toEqual([]);
    expect(sessionResults(view, 'mes').selected).toEqual([]);
    // Greedy (as pabulib's) still takes ideas with no points while money is left; officers see points 0.
    expect(sessionResults(view, 'greedy').rows.every((r) => r.points === 0)).toBe(true);
    const e = parsePabulib(sessionToPbText(view, 'mes'));
    expect(e.voters).toEqual([]);
    expect(records(ballotsCsv(view))).toEqual([]);
    expect((JSON.parse(exportJsonText(view)) as JsonExport).ballots).toEqual([]);
  });
});

describe('the Northmoor demo session', () => {
  it('exports in every format and recounts to the same winners', () => {
    const doc = new Y.Doc();
    let n = 0;
    const ctx = { deviceId: 'demo-device', now: () => 1_700_000_000_000 + n, newId: () => `id-${n++}` };
    seedDemo(doc, 'demo-session', { saltB64: 'c2FsdA==', hashB64: 'aGFzaA==', iterations: 1000 }, ctx);
    const view = viewSession(doc)!;
    const rule = view.settings.method.kind === 'dots' ? 'greedy' : 'votes';
    const result = sessionResults(view, rule);
    const csvRows = records(resultsCsv(result));
    expect(csvRows.map((r) => Number(r['points']))).toEqual(result.rows.map((r) => r.points));
    const json = JSON.parse(exportJsonText(view)) as JsonExport;
    expect(json.results.map((r) => r.selected)).toEqual(
      json.results.map((r) => sessionResults(view, r.rule).selected),
    );
    const e = parsePabulib(sessionToPbText(view, 'greedy'));
    const { votes, score } = tallyElection(e);
    expect(greedy(e.projects, score ?? votes, e.budget).selected).toEqual(
      sessionResults(view, 'greedy').selected,
    );
    expect(e.voters).toHaveLength(view.count.counted.length);
  });
});
