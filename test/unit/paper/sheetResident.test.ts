/**
 * A paper sheet typed on two devices apart is one ballot and one resident, and the resident is listed under the
 * device whose typing counts (the survivor rule, src/domain/paper.ts), as its ballot is: a walk found the
 * resident under whichever device's write of the sheet's key Yjs kept (random client ids), so the officer's
 * per-device table put the resident under one tablet and the ballot under the other.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { enterPaperBallot } from '../../../src/doc/paperCommands';
import { readRecords } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { participation } from '../../../src/domain/results/participation';
import { replicaOf, testContext } from '../helpers/session';
import { paperSession } from './fixtures';

function sheetTypedTwice(clientIds: { a: number; b: number }) {
  const s = paperSession();
  const A = replicaOf(s.doc);
  A.clientID = clientIds.a;
  const B = replicaOf(s.doc);
  B.clientID = clientIds.b;
  const a = testContext('device-a', { startAt: s.clock.now() + 1000, idPrefix: 'a' });
  const b = testContext('device-b', { startAt: s.clock.now() + 5000, idPrefix: 'b' });
  enterPaperBallot(A, { sheet: 3, choices: { kind: 'dots', dots: { [s.ids.I1]: 1 } } }, a.ctx);
  enterPaperBallot(B, { sheet: 3, choices: { kind: 'dots', dots: { [s.ids.I2]: 2 } } }, b.ctx);
  const merged = replicaOf(A);
  Y.applyUpdate(merged, Y.encodeStateAsUpdate(B));
  return merged;
}

describe('a paper sheet typed on two devices', () => {
  it('Given sheet 3 typed on A and, later, differently on B, when the copies merge in either Yjs client order, then its resident is B’s, as its ballot is, and the per-device table lists both under B', () => {
    const kept = new Set<string>();
    for (const clientIds of [
      { a: 1, b: 2 },
      { a: 2, b: 1 },
    ]) {
      const doc = sheetTypedTwice(clientIds);
      kept.add(doc.getMap<{ deviceId: string }>('participants').get('paper-3')?.deviceId ?? '');
      const r = readRecords(doc);
      const resident = r.participants.find((p) => p.id === 'paper-3')!;
      const ballot = r.ballots.find((x) => x.participantId === 'paper-3')!;
      expect(ballot.deviceId).toBe('device-b');
      expect({ deviceId: resident.deviceId, at: resident.at, finishedAt: resident.finishedAt }).toEqual({
        deviceId: 'device-b',
        at: ballot.at,
        finishedAt: ballot.at,
      });
      const byDevice = participation(viewSession(doc)!).byDevice.filter((d) => d.residents > 0);
      expect(byDevice).toEqual([
        expect.objectContaining({ deviceId: 'device-b', residents: 1, ballotsCounted: 1 }),
      ]);
    }
    // The two orders did keep different writes of the sheet's resident.
    expect([...kept].sort()).toEqual(['device-a', 'device-b']);
  });
});
