import { describe, expect, it } from 'vitest';
import { castBallot, finishParticipant, startParticipant } from '../../../src/doc/commands';
import { enterPaperBallot } from '../../../src/doc/paperCommands';
import { maps } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { ballotsCsv, BALLOTS_COLUMNS } from '../../../src/domain/results/csv';
import { exportJson } from '../../../src/domain/results/json';
import { participation } from '../../../src/domain/results/participation';
import { excludedBallots, traceProposal } from '../../../src/domain/results/trace';
import { unsigned } from '../../../src/domain/recordSigning';
import { namingNoTyping, paperSession } from './fixtures';

/** Two tablet residents at 10:00 (one ballot counted), three paper sheets typed in at 15:00, one of them
 * written straight into the document by an older app with too many dots (excluded). */
function mixedSession() {
  const s = paperSession();
  const residents = [0, 1].map(() => {
    const id = startParticipant(s.doc, { language: 'en', hasConsented: true }, s.ctx);
    s.clock.advance();
    return id;
  });
  castBallot(s.doc, residents[0]!, { kind: 'dots', dots: { [s.ids.I1]: 1 } }, s.ctx);
  residents.forEach((id) => finishParticipant(s.doc, id, s.ctx));
  s.clock.set(Date.UTC(2025, 3, 12, 15, 0, 0));
  enterPaperBallot(s.doc, { sheet: 1, choices: { kind: 'dots', dots: { [s.ids.I1]: 2 } } }, s.ctx);
  enterPaperBallot(s.doc, { sheet: 2, choices: { kind: 'dots', dots: { [s.ids.I2]: 1 } } }, s.ctx);
  enterPaperBallot(s.doc, { sheet: 3, choices: { kind: 'dots', dots: { [s.ids.I2]: 1 } } }, s.ctx);
  // An older app's ballot names no typing (Ballot.typing) and carries no signature.
  const b3 = namingNoTyping(unsigned(maps(s.doc).ballots.get('paper-3')!));
  maps(s.doc).ballots.set('paper-3', { ...b3, dots: { [s.ids.I2]: 9 } } as typeof b3);
  return { ...s, view: viewSession(s.doc)! };
}

describe('paper ballots in participation and exports', () => {
  it('Given tablet and paper ballots, then participation counts both in the totals and shows them apart', () => {
    const { view } = mixedSession();
    const p = participation(view);
    // The second tablet resident agreed and did nothing: a turn apart, not a resident taking part.
    expect(p.residents).toBe(4);
    expect(p.turnsWithNothingDone).toBe(1);
    expect(p.ballots).toEqual({ counted: 3, excluded: 1 });
    expect(p.byChannel).toEqual({
      kiosk: { residents: 1, ballotsCounted: 1, ballotsExcluded: 0 },
      paper: { residents: 3, ballotsCounted: 2, ballotsExcluded: 1 },
    });
    // Over the day counts tablet turns only: the sheets' time is when they were typed in.
    expect(p.byHour).toEqual([{ hour: '2025-04-12T10:00Z', residents: 1 }]);
    // About you: a paper sheet asks no about-you questions, so only the tablet resident is in the table (found by
    // a walk: the report said "(12 residents)" of those who agreed to answer, 2 of them from paper, never asked).
    expect(p.aboutYou[0]?.total).toBe(1);
  });

  it('Given two sessions, then the channels add up across them', () => {
    const a = mixedSession().view;
    const b = mixedSession().view;
    expect(participation([a, b]).byChannel.paper).toEqual({
      residents: 6,
      ballotsCounted: 4,
      ballotsExcluded: 2,
    });
  });

  it('Given tablet and paper ballots, then the trace, the ballots CSV and the JSON export carry each ballot’s channel', () => {
    const { view, ids } = mixedSession();
    // The tablet ballot (10:00) comes before sheet 1 (typed in at 15:00).
    const tablet = view.records.ballots.find((b) => !b.participantId.startsWith('paper'))!;
    expect(traceProposal(view, ids.I1).ballots.map((b) => [b.participantId, b.channel])).toEqual([
      [tablet.participantId, 'kiosk'],
      ['paper-1', 'paper'],
    ]);
    expect(excludedBallots(view).map((e) => [e.participantId, e.channel, e.reason])).toEqual([
      ['paper-3', 'paper', 'dotsOverPerProposal'],
    ]);
    const lines = ballotsCsv(view)
      .replace('\uFEFF', '')
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(lines[0]).toEqual([...BALLOTS_COLUMNS]);
    const channelAt = BALLOTS_COLUMNS.indexOf('channel');
    expect(channelAt).toBeGreaterThan(0);
    const channelByParticipant = new Map(lines.slice(1).map((l) => [l[1], l[channelAt]]));
    expect(channelByParticipant.get('paper-1')).toBe('paper');
    expect(channelByParticipant.get('paper-3')).toBe('paper');
    expect([...channelByParticipant.values()].filter((c) => c === 'kiosk')).toHaveLength(1);
    const json = exportJson(view);
    expect(
      json.ballots.map((b) => [
        b.participantId.startsWith('paper') ? b.participantId : 'tablet',
        b.channel,
        b.status,
      ]),
    ).toEqual([
      ['tablet', 'kiosk', 'counted'],
      ['paper-1', 'paper', 'counted'],
      ['paper-2', 'paper', 'counted'],
      ['paper-3', 'paper', 'excluded'],
    ]);
    expect(json.participation.byChannel.paper.residents).toBe(3);
  });
});
