/**
 * The same paper sheet typed on two devices reaches the other device through a session file and through the
 * council server's check: accepted (one sheet, one ballot), while the same-device rule still holds for tablet
 * ballots.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { castBallot, startParticipant } from '../../../src/doc/commands';
import { enterPaperBallot } from '../../../src/doc/paperCommands';
import { maps } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { UpdateGate } from '../../../src/server/validation';
import { applyImport, prepareImport } from '../../../src/sync/importSession';
import { encodeSessionFile, readSessionFile } from '../../../src/sync/sessionFile';
import { replicaOf, testContext } from '../helpers/session';
import { signedBy } from '../helpers/signing';
import { paperSession } from './fixtures';

async function fileOf(doc: Y.Doc, deviceId: string) {
  const bytes = await encodeSessionFile(doc, { deviceId, deviceName: deviceId, now: 0 });
  return readSessionFile(bytes, { fileName: `${deviceId}.codesign` });
}

describe('the same sheet through files and the council server', () => {
  it('Given sheet 7 typed on two tablets, when each adds the other’s session file, then both hold one ballot for sheet 7, the same one', async () => {
    const s = paperSession();
    const a = s.doc;
    const b = replicaOf(a);
    const B = testContext('device-b', { startAt: s.clock.now() + 1_000 });
    enterPaperBallot(a, { sheet: 7, choices: { kind: 'dots', dots: { [s.ids.I1]: 2 } } }, s.ctx);
    enterPaperBallot(b, { sheet: 7, choices: { kind: 'dots', dots: { [s.ids.I2]: 1 } } }, B.ctx);
    const [fromA, fromB] = [await fileOf(a, 'device-a'), await fileOf(b, 'device-b')];
    applyImport(a, prepareImport(a, fromB));
    applyImport(b, prepareImport(b, fromA));
    for (const doc of [a, b]) {
      expect(viewSession(doc)!.count.counted.map((c) => c.ballot.participantId)).toEqual(['paper-7']);
    }
    expect(maps(a).ballots.get('paper-7')).toEqual(maps(b).ballots.get('paper-7'));
  });

  it('Given sheet 7 from tablet A, when tablet B replaces it and A adds B’s file, then A takes the replacement', async () => {
    const s = paperSession();
    enterPaperBallot(s.doc, { sheet: 7, choices: { kind: 'dots', dots: { [s.ids.I1]: 2 } } }, s.ctx);
    const b = replicaOf(s.doc);
    const B = testContext('device-b', { startAt: s.clock.now() + 1_000 });
    enterPaperBallot(
      b,
      { sheet: 7, replace: true, choices: { kind: 'dots', dots: { [s.ids.I3]: 3 } } },
      B.ctx,
    );
    applyImport(s.doc, prepareImport(s.doc, await fileOf(b, 'device-b')));
    expect(maps(s.doc).ballots.get('paper-7')).toMatchObject({
      deviceId: 'device-b',
      revision: 2,
      dots: { [s.ids.I3]: 3 },
    });
  });

  it('Given the council server holds sheet 7 from one device, when another device sends its own sheet 7, then the server accepts it; a tablet ballot rewritten by another device is still refused', () => {
    const s = paperSession();
    const resident = startParticipant(s.doc, { language: 'en', hasConsented: true }, s.ctx);
    castBallot(s.doc, resident, { kind: 'dots', dots: { [s.ids.I1]: 1 } }, s.ctx);
    const b = replicaOf(s.doc);
    const live = replicaOf(s.doc);
    const gate = new UpdateGate('session-1', live);
    enterPaperBallot(s.doc, { sheet: 7, choices: { kind: 'dots', dots: { [s.ids.I1]: 2 } } }, s.ctx);
    const fromA = Y.encodeStateAsUpdate(s.doc, Y.encodeStateVector(live));
    expect(gate.check(fromA, 'facilitator')).toEqual([]);
    Y.applyUpdate(live, fromA);

    const B = testContext('device-b', { startAt: s.clock.now() + 1_000 });
    const before = Y.encodeStateVector(b);
    enterPaperBallot(b, { sheet: 7, choices: { kind: 'dots', dots: { [s.ids.I2]: 1 } } }, B.ctx);
    const fromB = Y.encodeStateAsUpdate(b, before);
    expect(gate.check(fromB, 'facilitator')).toEqual([]);
    Y.applyUpdate(live, fromB);
    expect(viewSession(live)!.count.counted.filter((c) => c.ballot.participantId === 'paper-7')).toHaveLength(
      1,
    );

    const forged = replicaOf(live);
    const sv = Y.encodeStateVector(forged);
    const ballot = maps(forged).ballots.get(resident)!;
    const rewritten = { ...ballot, deviceId: 'device-b', revision: 2 };
    maps(forged).ballots.set(resident, signedBy('device-b', 'session-1', 'ballots', rewritten));
    expect(gate.check(Y.encodeStateAsUpdate(forged, sv), 'facilitator')).toEqual([
      { map: 'ballots', key: resident, field: '', problem: 'otherDevice' },
    ]);
  });
});
