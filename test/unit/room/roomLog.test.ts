/**
 * The room's log of transfers on this device (src/storage/roomLog.ts), in real (fake-indexeddb) Dexie: rows kept
 * per session in the order they happened (written), whatever times they carry, a reload keeps them, the oldest go
 * past the limit, and a row read back gives the room's rules the same state vector that was written.
 */
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  asRoomTransfer,
  MAX_LOG_ROWS,
  recordTransfer,
  RoomLogDb,
  transfersOf,
} from '../../../src/storage/roomLog';
import { roomAsSeenHere, TABLET_STATES } from '../../../src/sync/roomStatus';
import type { TransferDone } from '../../../src/ui/facilitator/room/transfer';
import { addProposal } from '../../../src/doc/commands';
import { createdSession, replicaOf, testContext } from '../helpers/session';

const received = (at: number, peer = 'tablet-b'): TransferDone => ({
  direction: 'received',
  way: 'file',
  peerDeviceId: peer,
  peerName: 'Tablet B',
  bytes: 1200,
  recordsAdded: 3,
  at,
});

describe('the room log', () => {
  it('Given transfers of two sessions, the later one stamped earlier (the clock was put back), When read back after a reload, Then each session has its own, in the order they happened', async () => {
    const factory = new IDBFactory();
    const db = new RoomLogDb('codesign-room', { indexedDB: factory });
    await recordTransfer(db, 's1', received(2000));
    await recordTransfer(db, 's2', received(1500, 'tablet-c'));
    await recordTransfer(db, 's1', { direction: 'sent', way: 'share', bytes: 900, at: 1000 });
    db.close();

    const reopened = new RoomLogDb('codesign-room', { indexedDB: factory });
    const s1 = await transfersOf(reopened, 's1');
    expect(s1.map((e) => [e.direction, e.at])).toEqual([
      ['received', 2000],
      ['sent', 1000],
    ]);
    expect(s1[0]).toMatchObject({ sessionId: 's1', way: 'file', peerDeviceId: 'tablet-b', recordsAdded: 3 });
    expect((await transfersOf(reopened, 's2')).map((e) => e.peerDeviceId)).toEqual(['tablet-c']);
  });

  it('Given a file’s state vector logged with its transfer, When read back for the room’s rules, Then it is the same vector', async () => {
    const doc = new Y.Doc();
    doc.getMap('proposals').set('p1', { id: 'p1' });
    const update = Y.encodeStateAsUpdate(doc);
    const db = new RoomLogDb('codesign-room', { indexedDB: new IDBFactory() });
    await recordTransfer(db, 's1', received(1), Y.encodeStateVectorFromUpdate(update));
    const [row] = await transfersOf(db, 's1');
    const transfer = asRoomTransfer(row!, Y.decodeStateVector);
    expect(transfer).toEqual({
      direction: 'received',
      peerDeviceId: 'tablet-b',
      at: 1,
      stateVector: Y.decodeStateVector(Y.encodeStateVector(doc)),
    });
  });

  it('Given more transfers than the limit for one session, Then the oldest are dropped and the newest kept', async () => {
    const db = new RoomLogDb('codesign-room', { indexedDB: new IDBFactory() });
    for (let i = 0; i < MAX_LOG_ROWS + 3; i += 1) await recordTransfer(db, 's1', received(i));
    const rows = await transfersOf(db, 's1');
    expect(rows).toHaveLength(MAX_LOG_ROWS);
    expect(rows[0]?.at).toBe(3);
    expect(rows.at(-1)?.at).toBe(MAX_LOG_ROWS + 2);
  });

  it('Given a tablet an hour fast that sent its ideas, When the network puts its clock back and the hand-back arrives stamped earlier than the send, Then the room view still says it gave its ideas to the device gathering and says nothing of the other tablets', async () => {
    const H = 3_600_000;
    const real = (hour: number, minute = 0): number => Date.UTC(2026, 11, 7, hour, minute);
    const idea = { description: '', themeId: 'theme-young', costPence: 1_000, where: '' };
    // Given: F, the device gathering, gave tablet T2 the session in the morning; T2's clock was an hour fast.
    const f = createdSession(undefined, testContext('F'));
    const t2 = replicaOf(f.doc);
    const db = new RoomLogDb('codesign-room', { indexedDB: new IDBFactory() });
    const file = (peerDeviceId: string, direction: 'sent' | 'received', at: number): TransferDone => ({
      direction,
      way: 'file',
      peerDeviceId,
      bytes: 1000,
      at,
    });
    await recordTransfer(db, 's1', file('F', 'received', real(10) + H), Y.encodeStateVector(f.doc));
    addProposal(t2, { ...idea, title: 'Safer crossing' }, null, testContext('T2').ctx);
    // 14:00 real: T2 sends its ideas to F, stamped 15:00.
    await recordTransfer(db, 's1', file('F', 'sent', real(14) + H), Y.encodeStateVector(t2));
    Y.applyUpdate(f.doc, Y.encodeStateAsUpdate(t2));
    addProposal(f.doc, { ...idea, title: 'Homework club' }, null, testContext('T3').ctx);
    // When: the network sets T2's clock right at 14:05; F hands the room back at 14:20, stamped 14:20.
    Y.applyUpdate(t2, Y.encodeStateAsUpdate(f.doc));
    await recordTransfer(db, 's1', file('F', 'received', real(14, 20)), Y.encodeStateVector(f.doc));

    // Then: read back as the room view reads it.
    const log = (await transfersOf(db, 's1')).map((e) => asRoomTransfer(e, Y.decodeStateVector));
    const room = roomAsSeenHere(
      'T2',
      ['F', 'T2', 'T3', 'T4'],
      log,
      Y.decodeStateVector(Y.encodeStateVector(t2)),
    );
    expect(room.isGathering).toBe(false);
    expect(room.tablets.map((x) => [x.deviceId, x.state, x.lastReceivedAt, x.lastSentAt])).toEqual([
      ['F', TABLET_STATES.upToDate, real(14, 20), real(14) + H],
    ]);
    expect(log.map((x) => x.at)).toEqual([real(10) + H, real(14) + H, real(14, 20)]);
  });
});
