/**
 * A paper sheet typed on two devices: both typings are kept, the sheet's ballot is chosen by the documented rule
 * (among typings nobody replaced: highest revision, then latest time, then device, then record id), never by
 * which write Yjs kept, and a sheet typed differently is flagged with both versions until someone keeps one.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { enterPaperBallot, keepPaperTyping } from '../../../src/doc/paperCommands';
import { checkRecord } from '../../../src/doc/recordShapes';
import { maps, readRecords } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { UpdateGate } from '../../../src/server/validation';
import { applyImport, prepareImport } from '../../../src/sync/importSession';
import { encodeSessionFile, readSessionFile } from '../../../src/sync/sessionFile';
import { compareTypings, paperSheets, withOlderPaperBallots } from '../../../src/domain/paper';
import type { Ballot, PaperTyping } from '../../../src/domain/types';
import { exchange, expectValidation, replicaOf, testContext } from '../helpers/session';
import { namingNoTyping, paperSession } from './fixtures';
import { sessionChecks } from '../../../src/doc/sessionChecks';

function sheetBallot(doc: Y.Doc, sheet: number): Ballot | undefined {
  return viewSession(doc)!.records.ballots.find((b) => b.participantId === `paper-${sheet}`);
}

describe('a paper sheet typed on two devices', () => {
  it('Given sheet 7 typed differently on tablets A and B apart, when they swap updates, then both typings are kept, both devices count the same one by the rule, and the sheet is flagged with both versions', () => {
    const s = paperSession();
    const b = replicaOf(s.doc);
    const B = testContext('device-b', { startAt: s.clock.now() + 5_000 });
    enterPaperBallot(s.doc, { sheet: 7, choices: { kind: 'dots', dots: { [s.ids.I1]: 2 } } }, s.ctx);
    enterPaperBallot(b, { sheet: 7, choices: { kind: 'dots', dots: { [s.ids.I2]: 1 } } }, B.ctx);
    exchange(s.doc, b);

    for (const doc of [s.doc, b]) {
      const view = viewSession(doc)!;
      expect(view.records.paperTypings).toHaveLength(2);
      // Both revision 1: the later typing (B's, 5 s later) counts.
      expect(sheetBallot(doc, 7)).toMatchObject({ deviceId: 'device-b', dots: { [s.ids.I2]: 1 } });
      expect(view.count.counted.filter((c) => c.ballot.participantId === 'paper-7')).toHaveLength(1);
      expect(sessionChecks(view).paperConflicts.map((c) => c.sheet)).toEqual([7]);
      const [conflict] = sessionChecks(view).paperConflicts;
      expect(conflict!.survivor.deviceId).toBe('device-b');
      expect(conflict!.differing.map((t) => t.deviceId)).toEqual(['device-a']);
    }
  });

  it('Given the same sheet typed the same way on two devices, when they merge, then it counts once and is not flagged', () => {
    const s = paperSession();
    const b = replicaOf(s.doc);
    const B = testContext('device-b', { startAt: s.clock.now() + 5_000 });
    const sheet = { sheet: 4, choices: { kind: 'dots' as const, dots: { [s.ids.I1]: 1, [s.ids.I3]: 2 } } };
    enterPaperBallot(s.doc, sheet, s.ctx);
    enterPaperBallot(
      b,
      { ...sheet, choices: { kind: 'dots', dots: { [s.ids.I3]: 2, [s.ids.I1]: 1 } } },
      B.ctx,
    );
    exchange(s.doc, b);
    expect(sessionChecks(viewSession(s.doc)!).paperConflicts).toEqual([]);
    expect(viewSession(b)!.count.counted.filter((c) => c.ballot.participantId === 'paper-4')).toHaveLength(1);
  });

  it('Given tablet A typed sheet 7 and then deliberately replaced it, when tablet B, which never saw sheet 7, typed a first version later in the day, then A’s replacement counts on every device, and B’s unseen version is flagged', () => {
    const s = paperSession();
    const b = replicaOf(s.doc);
    const B = testContext('device-b', { startAt: s.clock.now() + 60_000 });
    enterPaperBallot(s.doc, { sheet: 7, choices: { kind: 'dots', dots: { [s.ids.I1]: 1 } } }, s.ctx);
    s.clock.advance();
    enterPaperBallot(
      s.doc,
      { sheet: 7, replace: true, choices: { kind: 'dots', dots: { [s.ids.I1]: 3 } } },
      s.ctx,
    );
    enterPaperBallot(b, { sheet: 7, choices: { kind: 'dots', dots: { [s.ids.I2]: 2 } } }, B.ctx);
    exchange(s.doc, b);
    for (const doc of [s.doc, b]) {
      expect(sheetBallot(doc, 7)).toMatchObject({
        deviceId: 'device-a',
        revision: 2,
        dots: { [s.ids.I1]: 3 },
      });
      const [conflict] = sessionChecks(viewSession(doc)!).paperConflicts;
      // A's first typing was replaced by A itself: only B's version is shown beside the counted one.
      expect(conflict!.current.map((t) => t.deviceId)).toEqual(['device-a', 'device-b']);
      expect(conflict!.differing.map((t) => t.ballot)).toMatchObject([{ dots: { [s.ids.I2]: 2 } }]);
    }
  });

  it('Given sheet 7 flagged, when an officer keeps the version that was not counted, then that version counts everywhere, the flag is gone, and the choice reaches the other device', () => {
    const s = paperSession();
    const b = replicaOf(s.doc);
    const B = testContext('device-b', { startAt: s.clock.now() + 5_000 });
    enterPaperBallot(s.doc, { sheet: 7, choices: { kind: 'dots', dots: { [s.ids.I1]: 2 } } }, s.ctx);
    enterPaperBallot(b, { sheet: 7, choices: { kind: 'dots', dots: { [s.ids.I2]: 1 } } }, B.ctx);
    exchange(s.doc, b);
    const [conflict] = sessionChecks(viewSession(s.doc)!).paperConflicts;
    const fromA = conflict!.differing[0]!;
    s.clock.advance(10_000);
    keepPaperTyping(s.doc, { sheet: 7, typingId: fromA.id }, s.ctx);
    exchange(s.doc, b);
    for (const doc of [s.doc, b]) {
      const view = viewSession(doc)!;
      expect(sessionChecks(view).paperConflicts).toEqual([]);
      expect(sheetBallot(doc, 7)).toMatchObject({ revision: 2, dots: { [s.ids.I1]: 2 } });
      expect(view.records.paperTypings).toHaveLength(3);
    }
  });

  it('Given a typing that is not one of the sheet’s current versions, when it is kept, then it is refused and nothing is written', () => {
    const s = paperSession();
    enterPaperBallot(s.doc, { sheet: 7, choices: { kind: 'dots', dots: { [s.ids.I1]: 2 } } }, s.ctx);
    const before = Y.encodeStateAsUpdate(s.doc);
    expectValidation(
      () => keepPaperTyping(s.doc, { sheet: 7, typingId: 'nope' }, s.ctx),
      'required',
      'typing',
    );
    expectValidation(
      () => keepPaperTyping(s.doc, { sheet: 8, typingId: 'nope' }, s.ctx),
      'required',
      'typing',
    );
    expect(Y.encodeStateAsUpdate(s.doc)).toEqual(before);
  });

  it('Given a paper ballot written by an older app (no typing), when it is read, then it is listed as a typing under its own key and counted as before', () => {
    const s = paperSession();
    enterPaperBallot(s.doc, { sheet: 9, choices: { kind: 'dots', dots: { [s.ids.I1]: 2 } } }, s.ctx);
    const typingId = [...maps(s.doc).paperTypings.keys()][0]!;
    // An older app's ballot names no typing (Ballot.typing), and it kept none.
    const older = namingNoTyping(maps(s.doc).ballots.get('paper-9')!);
    s.doc.transact(() => {
      maps(s.doc).paperTypings.delete(typingId);
      maps(s.doc).ballots.set('paper-9', older);
    });
    const r = readRecords(s.doc);
    expect(r.paperTypings.map((t) => t.id)).toEqual(['paper-9']);
    expect(r.ballots.map((b) => b.participantId)).toEqual(['paper-9']);
    expect(sessionChecks(viewSession(s.doc)!).paperConflicts).toEqual([]);
  });
});

describe('the survivor rule', () => {
  const ballot = (deviceId: string, at: number, revision: number): Ballot => ({
    kind: 'dots',
    dots: { [deviceId]: 1 },
    participantId: 'paper-1',
    revision,
    deviceId,
    at,
    channel: 'paper',
  });
  const typing = (id: string, deviceId: string, at: number, revision: number): PaperTyping => ({
    id,
    sheet: 1,
    replaces: [],
    deviceId,
    at,
    ballot: ballot(deviceId, at, revision),
  });

  it('Given typings of one sheet, then the highest revision wins, then the latest time, then the device id, then the record id, in any order given', () => {
    const list = [
      typing('t1', 'dev-z', 9_000, 1),
      typing('t2', 'dev-a', 1_000, 2),
      typing('t3', 'dev-b', 1_000, 2),
      typing('t4', 'dev-b', 1_000, 2),
    ];
    const sorted = [...list].sort(compareTypings).map((t) => t.id);
    expect(sorted).toEqual(['t1', 't2', 't3', 't4']);
    for (const order of [list, [...list].reverse()]) {
      expect(paperSheets(order)[0]!.survivor.id).toBe('t4');
    }
  });

  it('Given a typing at the highest revision and time that a later typing replaces, then the later typing counts; typings that only replace each other are ranked all together', () => {
    const forged = { ...typing('t1', 'zz', 8.64e15, 1_000_000), replaces: ['t0'] };
    const honest = typing('t0', 'dev-a', 1_000, 1);
    const correction = { ...typing('t2', 'dev-a', 2_000, 1_000_000), replaces: ['t1'] };
    for (const order of [
      [honest, forged, correction],
      [correction, forged, honest],
    ]) {
      expect(paperSheets(order)[0]).toMatchObject({ survivor: correction, current: [correction] });
    }
    const cycle = [
      { ...forged, replaces: ['t3'] },
      { ...typing('t3', 'dev-b', 3_000, 2), replaces: ['t1'] },
    ];
    expect(paperSheets(cycle)[0]).toMatchObject({ survivor: cycle[0], current: [] });
  });

  it('Given a stored ballot that one of the typings wrote, then it is not read a second time as an older app’s typing', () => {
    const t = typing('t1', 'dev-a', 1_000, 1);
    expect(withOlderPaperBallots([t], [{ ...t.ballot }])).toEqual([t]);
  });
});

describe('typings through files, the council server and the shape checks', () => {
  async function fileOf(doc: Y.Doc, deviceId: string) {
    const bytes = await encodeSessionFile(doc, { deviceId, deviceName: deviceId, now: 0 });
    return readSessionFile(bytes, { fileName: `${deviceId}.codesign` });
  }

  it('Given sheet 7 typed differently on two tablets, when each adds the other’s session file, then both keep both typings and agree', async () => {
    const s = paperSession();
    const b = replicaOf(s.doc);
    const B = testContext('device-b', { startAt: s.clock.now() + 1_000 });
    enterPaperBallot(s.doc, { sheet: 7, choices: { kind: 'dots', dots: { [s.ids.I1]: 2 } } }, s.ctx);
    enterPaperBallot(b, { sheet: 7, choices: { kind: 'dots', dots: { [s.ids.I2]: 1 } } }, B.ctx);
    const [fromA, fromB] = [await fileOf(s.doc, 'device-a'), await fileOf(b, 'device-b')];
    applyImport(s.doc, prepareImport(s.doc, fromB));
    applyImport(b, prepareImport(b, fromA));
    expect(sessionChecks(viewSession(s.doc)!).paperConflicts).toEqual(
      sessionChecks(viewSession(b)!).paperConflicts,
    );
    expect(sessionChecks(viewSession(s.doc)!).paperConflicts).toHaveLength(1);
  });

  it('Given an officer device, when it types a sheet and keeps a version, then the server accepts the typings; a typing rewritten later is refused', () => {
    const s = paperSession();
    const live = replicaOf(s.doc);
    const gate = new UpdateGate('session-1', live);
    const office = replicaOf(s.doc);
    const O = testContext('device-o', { startAt: s.clock.now() + 1_000 });
    const sv = Y.encodeStateVector(live);
    enterPaperBallot(office, { sheet: 2, choices: { kind: 'dots', dots: { [s.ids.I1]: 1 } } }, O.ctx);
    const update = Y.encodeStateAsUpdate(office, sv);
    expect(gate.check(update, 'officer')).toEqual([]);
    Y.applyUpdate(live, update);

    const forged = replicaOf(live);
    const before = Y.encodeStateVector(forged);
    const [id, typing] = [...maps(forged).paperTypings.entries()][0]!;
    maps(forged).paperTypings.set(id, { ...typing, replaces: ['x'] });
    expect(gate.check(Y.encodeStateAsUpdate(forged, before), 'facilitator')).toEqual([
      { map: 'paperTypings', key: id, field: '', problem: 'rewritten' },
    ]);
  });

  it('Given a typing whose ballot is for another sheet, or not paper, then the shape check refuses it', () => {
    const ballot: Ballot = {
      kind: 'dots',
      dots: { i1: 1 },
      participantId: 'paper-8',
      revision: 1,
      deviceId: 'd',
      at: 5,
      channel: 'paper',
    };
    const good = { id: 't1', sheet: 8, replaces: [], deviceId: 'd', at: 5, ballot };
    expect(checkRecord('paperTypings', 't1', good)).toEqual([]);
    expect(checkRecord('paperTypings', 't1', { ...good, sheet: 9 })).toEqual([
      { map: 'paperTypings', key: 't1', field: 'ballot.participantId', problem: 'keyMismatch' },
    ]);
    const tablet = Object.fromEntries(Object.entries(ballot).filter(([k]) => k !== 'channel'));
    expect(checkRecord('paperTypings', 't1', { ...good, ballot: tablet })).toHaveLength(1);
    expect(checkRecord('paperTypings', 't1', { ...good, sheet: 0 }).map((p) => p.field)).toContain('sheet');
  });
});
