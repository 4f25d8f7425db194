import { describe, expect, it } from 'vitest';
import { startParticipant } from '../../../src/doc/commands';
import { enterPaperBallot } from '../../../src/doc/paperCommands';
import { checkDocShape, checkRecord, isPaperReplacement } from '../../../src/doc/recordShapes';
import { maps } from '../../../src/doc/schema';
import { paperSession } from './fixtures';

describe('record shapes of paper ballots', () => {
  it('Given a session with paper and tablet ballots, then the whole document passes the shape checks', () => {
    const s = paperSession();
    enterPaperBallot(s.doc, { sheet: 3, choices: { kind: 'dots', dots: { [s.ids.I1]: 2 } } }, s.ctx);
    startParticipant(s.doc, { language: 'en', hasConsented: true }, s.ctx);
    expect(checkDocShape(s.doc)).toEqual([]);
  });

  it('Given records without a channel (older apps), then they pass; an unknown channel is reported', () => {
    const s = paperSession();
    enterPaperBallot(s.doc, { sheet: 3, choices: { kind: 'dots', dots: { [s.ids.I1]: 2 } } }, s.ctx);
    const p = maps(s.doc).participants.get('paper-3')!;
    const b = maps(s.doc).ballots.get('paper-3')!;
    const kiosk = { ...p, id: 'uuid-1', channel: undefined };
    delete kiosk.channel;
    expect(checkRecord('participants', 'uuid-1', kiosk)).toEqual([]);
    expect(checkRecord('ballots', 'paper-3', { ...b, channel: 'post' })).toEqual([
      { map: 'ballots', key: 'paper-3', field: 'channel', problem: 'unknownKind' },
      { map: 'ballots', key: 'paper-3', field: 'channel', problem: 'keyMismatch' },
    ]);
  });

  it('Given a paper record under a key that is not paper-<sheet>, or a tablet record under a paper key, then the key is reported', () => {
    const s = paperSession();
    enterPaperBallot(s.doc, { sheet: 3, choices: { kind: 'dots', dots: { [s.ids.I1]: 2 } } }, s.ctx);
    const p = maps(s.doc).participants.get('paper-3')!;
    expect(checkRecord('participants', 'uuid-9', { ...p, id: 'uuid-9' })).toEqual([
      { map: 'participants', key: 'uuid-9', field: 'channel', problem: 'keyMismatch' },
    ]);
    expect(checkRecord('participants', 'paper-03', { ...p, id: 'paper-03' })).toEqual([
      { map: 'participants', key: 'paper-03', field: 'channel', problem: 'keyMismatch' },
    ]);
    const tablet = { ...p, id: 'paper-4' };
    delete tablet.channel;
    expect(checkRecord('participants', 'paper-4', tablet)).toEqual([
      { map: 'participants', key: 'paper-4', field: 'channel', problem: 'keyMismatch' },
    ]);
  });

  it('Given two paper records of one sheet, then one may replace the other from any device; nothing else may', () => {
    const paper = { channel: 'paper', deviceId: 'a', revision: 1 };
    expect(isPaperReplacement('ballots', 'paper-3', paper, { ...paper, deviceId: 'b' })).toBe(true);
    expect(isPaperReplacement('participants', 'paper-3', paper, { ...paper, deviceId: 'b' })).toBe(true);
    expect(isPaperReplacement('ballots', 'paper-3', { deviceId: 'a' }, paper)).toBe(false);
    expect(isPaperReplacement('ballots', 'paper-3', paper, { deviceId: 'b' })).toBe(false);
    expect(isPaperReplacement('ballots', 'uuid-3', paper, paper)).toBe(false);
    expect(isPaperReplacement('proposals', 'paper-3', paper, paper)).toBe(false);
  });
});
