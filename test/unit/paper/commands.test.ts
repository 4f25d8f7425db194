import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { castBallot, finishParticipant, startParticipant } from '../../../src/doc/commands';
import { endSession } from '../../../src/doc/sessionCommands';
import { hideProposal } from '../../../src/doc/moderationCommands';
import { enterPaperBallot, enterPaperBallots } from '../../../src/doc/paperCommands';
import { maps, readRecords } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { channelOf, parseSheet, paperParticipantId, sheetOf } from '../../../src/domain/paper';
import {
  exchange,
  expectOneCommandTransaction,
  expectRefused,
  expectValidation,
  recordTransactions,
  replicaOf,
  testContext,
} from '../helpers/session';
import { paperSession } from './fixtures';

describe('sheet numbers', () => {
  it('Given typed sheet numbers, then spaces and leading zeros are dropped and bad ones refused in words', () => {
    expect(parseSheet(' 012 ')).toBe(12);
    expect(parseSheet(7)).toBe(7);
    expectValidation(() => parseSheet(''), 'required', 'sheet');
    expectValidation(() => parseSheet('12a'), 'notWholeNumber', 'sheet');
    expectValidation(() => parseSheet('-3'), 'notWholeNumber', 'sheet');
    expect(expectValidation(() => parseSheet('0'), 'outOfRange', 'sheet').params).toEqual({
      min: 1,
      max: 999_999,
    });
    expectValidation(() => parseSheet('1000000'), 'outOfRange', 'sheet');
  });

  it('Given a sheet, then its participant id is paper-<sheet> and reads back; other ids are no sheet', () => {
    expect(paperParticipantId(12)).toBe('paper-12');
    expect(sheetOf('paper-12')).toBe(12);
    expect(sheetOf('paper-012')).toBeNull();
    expect(sheetOf('3f1c2a9e-0000-4000-8000-000000000000')).toBeNull();
  });
});

describe('enterPaperBallot', () => {
  it('Given a dots session, when sheet 12 is typed in, then a finished paper participant and a paper ballot are written in one transaction and counted', () => {
    const s = paperSession();
    const origins = recordTransactions(s.doc);
    const id = enterPaperBallot(
      s.doc,
      { sheet: '12', choices: { kind: 'dots', dots: { [s.ids.I1]: 3, [s.ids.I2]: 2 } } },
      s.ctx,
    );
    expect(id).toBe('paper-12');
    expectOneCommandTransaction(origins, 'enterPaperBallot', 'device-a');
    const p = maps(s.doc).participants.get('paper-12');
    expect(p).toMatchObject({
      id: 'paper-12',
      channel: 'paper',
      hasConsented: true,
      answers: {},
      language: 'en',
      deviceId: 'device-a',
    });
    expect(p?.finishedAt).toBe(p?.at);
    expect(maps(s.doc).ballots.get('paper-12')).toMatchObject({
      kind: 'dots',
      channel: 'paper',
      revision: 1,
      dots: { [s.ids.I1]: 3, [s.ids.I2]: 2 },
    });
    const view = viewSession(s.doc)!;
    expect(view.count.counted).toHaveLength(1);
    expect(view.board.find((r) => r.proposal.id === s.ids.I1)?.points).toBe(3);
  });

  it('Given sheet 12 already entered, when it is typed again, then it is refused with its number and nothing changes', () => {
    const s = paperSession();
    enterPaperBallot(s.doc, { sheet: 12, choices: { kind: 'dots', dots: { [s.ids.I1]: 1 } } }, s.ctx);
    const e = expectValidation(
      () =>
        enterPaperBallot(
          s.doc,
          { sheet: ' 0012', choices: { kind: 'dots', dots: { [s.ids.I2]: 1 } } },
          s.ctx,
        ),
      'sheetTaken',
      'sheet',
    );
    expect(e.params).toEqual({ sheet: 12 });
    expectRefused(
      s.doc,
      () => enterPaperBallot(s.doc, { sheet: 12, choices: { kind: 'dots', dots: { [s.ids.I2]: 1 } } }, s.ctx),
      'sheetTaken',
      'sheet',
    );
  });

  it('Given sheet 12 already entered, when the person chooses to replace it, then the ballot is replaced as a later revision, still one ballot', () => {
    const s = paperSession();
    enterPaperBallot(s.doc, { sheet: 12, choices: { kind: 'dots', dots: { [s.ids.I1]: 1 } } }, s.ctx);
    s.clock.advance();
    enterPaperBallot(
      s.doc,
      { sheet: 12, replace: true, choices: { kind: 'dots', dots: { [s.ids.I2]: 2 } } },
      s.ctx,
    );
    const b = maps(s.doc).ballots.get('paper-12');
    expect(b).toMatchObject({ revision: 2, dots: { [s.ids.I2]: 2 } });
    expect(readRecords(s.doc).ballots).toHaveLength(1);
    expect(readRecords(s.doc).participants).toHaveLength(1);
  });

  it.each([
    ['more dots than allowed in all', { kind: 'dots' as const, dots: { I1: 3, I2: 3 } }, 'dotsOverTotal'],
    ['more dots on one idea than allowed', { kind: 'dots' as const, dots: { I1: 4 } }, 'dotsOverPerProposal'],
    ['nothing chosen', { kind: 'dots' as const, dots: {} }, 'emptyBallot'],
    ['the wrong method', { kind: 'ranking' as const, ranked: ['I1'] }, 'methodMismatch'],
  ] as const)(
    'Given a sheet with %s, then it is refused like a tablet ballot and nothing is written',
    (_what, choices, code) => {
      const s = paperSession();
      const real = (id: string): string => s.ids[id as 'I1'] ?? id;
      const mapped =
        choices.kind === 'dots'
          ? {
              kind: 'dots' as const,
              dots: Object.fromEntries(Object.entries(choices.dots).map(([k, v]) => [real(k), v])),
            }
          : { kind: 'ranking' as const, ranked: choices.ranked.map(real) };
      expectRefused(
        s.doc,
        () => enterPaperBallot(s.doc, { sheet: 3, choices: mapped }, s.ctx),
        code,
        'ballot',
      );
    },
  );

  it('Given a hidden idea, when a sheet names it, then it is refused as not in the session', () => {
    const s = paperSession();
    hideProposal(s.doc, s.ids.I3, 'Off topic', s.ctx);
    expectRefused(
      s.doc,
      () => enterPaperBallot(s.doc, { sheet: 1, choices: { kind: 'dots', dots: { [s.ids.I3]: 1 } } }, s.ctx),
      'unknownProposal',
      'ballot',
    );
  });

  it('Given a budget session, when a sheet goes over the pot, then it is refused; within the pot it is taken', () => {
    const s = paperSession({ kind: 'budget', minSharePercent: 0 });
    // Pot £50,000: I1 + I2 + I3 = £60,000.
    expectRefused(
      s.doc,
      () =>
        enterPaperBallot(
          s.doc,
          { sheet: 1, choices: { kind: 'budget', selected: [s.ids.I1, s.ids.I2, s.ids.I3] } },
          s.ctx,
        ),
      'budgetOverPot',
      'ballot',
    );
    enterPaperBallot(s.doc, { sheet: 1, choices: { kind: 'budget', selected: [s.ids.I1, s.ids.I2] } }, s.ctx);
    expect(viewSession(s.doc)!.count.counted).toHaveLength(1);
  });

  it('Given an ended session, when a sheet is typed in afterwards, then it is taken (tablet turns are not)', () => {
    const s = paperSession();
    endSession(s.doc, s.ctx);
    expectValidation(
      () => startParticipant(s.doc, { language: 'en', hasConsented: true }, s.ctx),
      'sessionEnded',
    );
    enterPaperBallot(s.doc, { sheet: 4, choices: { kind: 'dots', dots: { [s.ids.I1]: 2 } } }, s.ctx);
    expect(viewSession(s.doc)!.count.counted).toHaveLength(1);
  });

  it('Given bad sheet numbers, then they are refused on the sheet field and nothing is written', () => {
    const s = paperSession();
    expectRefused(
      s.doc,
      () =>
        enterPaperBallot(
          s.doc,
          { sheet: 'twelve', choices: { kind: 'dots', dots: { [s.ids.I1]: 1 } } },
          s.ctx,
        ),
      'notWholeNumber',
      'sheet',
    );
    expectRefused(
      s.doc,
      () => enterPaperBallot(s.doc, { sheet: '', choices: { kind: 'dots', dots: { [s.ids.I1]: 1 } } }, s.ctx),
      'required',
      'sheet',
    );
  });

  it('Given a tablet resident and a paper sheet, then the tablet cannot write to the paper participant', () => {
    const s = paperSession();
    enterPaperBallot(s.doc, { sheet: 5, choices: { kind: 'dots', dots: { [s.ids.I1]: 1 } } }, s.ctx);
    expectRefused(
      s.doc,
      () => castBallot(s.doc, 'paper-5', { kind: 'dots', dots: { [s.ids.I2]: 1 } }, s.ctx),
      'participantFinished',
      'participant',
    );
    expectRefused(
      s.doc,
      () => finishParticipant(s.doc, 'paper-5', s.ctx),
      'participantFinished',
      'participant',
    );
    const resident = startParticipant(s.doc, { language: 'en', hasConsented: true }, s.ctx);
    castBallot(s.doc, resident, { kind: 'dots', dots: { [s.ids.I2]: 1 } }, s.ctx);
    expect(channelOf(maps(s.doc).ballots.get(resident)!)).toBe('kiosk');
    expect(channelOf(maps(s.doc).ballots.get('paper-5')!)).toBe('paper');
  });
});

describe('enterPaperBallots (several sheets at once)', () => {
  it('Given three good sheets, then all are written in one transaction', () => {
    const s = paperSession();
    const origins = recordTransactions(s.doc);
    const ids = enterPaperBallots(
      s.doc,
      [1, 2, 3].map((sheet) => ({ sheet, choices: { kind: 'dots' as const, dots: { [s.ids.I1]: 1 } } })),
      s.ctx,
    );
    expect(ids).toEqual(['paper-1', 'paper-2', 'paper-3']);
    expectOneCommandTransaction(origins, 'enterPaperBallots', 'device-a');
    expect(viewSession(s.doc)!.count.counted).toHaveLength(3);
  });

  it('Given one bad sheet among good ones, or a sheet twice, then nothing at all is written', () => {
    const s = paperSession();
    const good = { kind: 'dots' as const, dots: { [s.ids.I1]: 1 } };
    expectRefused(
      s.doc,
      () =>
        enterPaperBallots(
          s.doc,
          [
            { sheet: 1, choices: good },
            { sheet: 2, choices: { kind: 'dots', dots: { [s.ids.I1]: 9 } } },
          ],
          s.ctx,
        ),
      'dotsOverPerProposal',
      'ballot',
    );
    expectRefused(
      s.doc,
      () =>
        enterPaperBallots(
          s.doc,
          [
            { sheet: 1, choices: good },
            { sheet: '01', choices: good },
          ],
          s.ctx,
        ),
      'sheetTaken',
      'sheet',
    );
    expectRefused(s.doc, () => enterPaperBallots(s.doc, [], s.ctx), 'emptyBallot', 'ballot');
  });
});

describe('the same sheet on two devices', () => {
  it('Given sheet 7 typed on two tablets apart, when they merge, then it is one ballot on both, counted once, the same on both', () => {
    const s = paperSession();
    const a = s.doc;
    const b = replicaOf(a);
    const B = testContext('device-b', { startAt: s.clock.now() + 5_000 });
    enterPaperBallot(a, { sheet: 7, choices: { kind: 'dots', dots: { [s.ids.I1]: 2 } } }, s.ctx);
    enterPaperBallot(b, { sheet: 7, choices: { kind: 'dots', dots: { [s.ids.I2]: 2 } } }, B.ctx);
    enterPaperBallot(b, { sheet: 8, choices: { kind: 'dots', dots: { [s.ids.I3]: 1 } } }, B.ctx);
    exchange(a, b);
    for (const doc of [a, b]) {
      const view = viewSession(doc)!;
      expect(view.records.ballots.map((x) => x.participantId).sort()).toEqual(['paper-7', 'paper-8']);
      expect(view.count.counted).toHaveLength(2);
    }
    expect(maps(a).ballots.get('paper-7')).toEqual(maps(b).ballots.get('paper-7'));
    expect(maps(a).participants.get('paper-7')?.deviceId).toBe(maps(a).ballots.get('paper-7')?.deviceId);
    expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
  });

  it('Given sheet 7 from another tablet, when this tablet types it again, then it is refused unless replaced', () => {
    const s = paperSession();
    const b = replicaOf(s.doc);
    const B = testContext('device-b', { startAt: s.clock.now() + 5_000 });
    enterPaperBallot(s.doc, { sheet: 7, choices: { kind: 'dots', dots: { [s.ids.I1]: 2 } } }, s.ctx);
    exchange(s.doc, b);
    expectRefused(
      b,
      () => enterPaperBallot(b, { sheet: 7, choices: { kind: 'dots', dots: { [s.ids.I2]: 1 } } }, B.ctx),
      'sheetTaken',
      'sheet',
    );
    enterPaperBallot(
      b,
      { sheet: 7, replace: true, choices: { kind: 'dots', dots: { [s.ids.I2]: 1 } } },
      B.ctx,
    );
    exchange(s.doc, b);
    expect(maps(s.doc).ballots.get('paper-7')).toMatchObject({
      deviceId: 'device-b',
      revision: 2,
      dots: { [s.ids.I2]: 1 },
    });
  });
});
