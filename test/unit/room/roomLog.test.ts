/**
 * The room's log of transfers on this device (src/storage/roomLog.ts), in real (fake-indexeddb) Dexie: rows kept
 * per session in the order they happened, a reload keeps them, the oldest go past the limit, and a row read back
 * gives the room's rules the same state vector that was written.
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
import type { TransferDone } from '../../../src/ui/facilitator/room/transfer';

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
  it('Given transfers of two sessions written out of time order, When read back after a reload, Then each session has its own, oldest first', async () => {
    const factory = new IDBFactory();
    const db = new RoomLogDb('codesign-room', { indexedDB: factory });
    await recordTransfer(db, 's1', received(2000));
    await recordTransfer(db, 's2', received(1500, 'tablet-c'));
    await recordTransfer(db, 's1', { direction: 'sent', way: 'share', bytes: 900, at: 1000 });
    db.close();

    const reopened = new RoomLogDb('codesign-room', { indexedDB: factory });
    const s1 = await transfersOf(reopened, 's1');
    expect(s1.map((e) => [e.direction, e.at])).toEqual([
      ['sent', 1000],
      ['received', 2000],
    ]);
    expect(s1[1]).toMatchObject({ sessionId: 's1', way: 'file', peerDeviceId: 'tablet-b', recordsAdded: 3 });
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
});
