/**
 * Loading a session whose archive holds large rows (a tablet's first sync of a whole day, a facilitator relaying
 * tablets) among small ones (compaction.ts `updatesToLoad`): every row after the snapshot merged into one update,
 * and the document is the one every row gives, nothing left pending. Real SQLite file, real Yjs documents.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { updatesToLoad } from '../../../src/server/compaction';
import { tempStores } from './support';

const openStore = tempStores('codesign-load-rows-');

/** A document with `updates` applied in one transaction, as the server loads a session (sync.ts). */
function docOf(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u)));
  return doc;
}

describe('loading a session from its archive rows', () => {
  it('Given a day synced in one large row and then 300 small writes by two tablets, When the session loads, Then it is one merged update and the document equals every row applied in turn', () => {
    const store = openStore();
    const sessionId = randomUUID();

    // The day: 400 ideas written on one tablet, stored as its first sync (one row of well over 64 KiB).
    const day = new Y.Doc();
    const ideas = day.getMap<Record<string, string>>('proposals');
    Y.transact(day, () => {
      for (let i = 0; i < 400; i++) ideas.set(`p${i}`, { title: `Idea ${i}`, text: 'x'.repeat(200) });
    });
    const firstSync = Y.encodeStateAsUpdate(day);
    expect(firstSync.byteLength).toBeGreaterThan(64 * 1024);
    store.appendUpdate(sessionId, 'tablet-1', firstSync);

    // Afterwards, two tablets holding the day each write small changes, one row per change.
    const tablets = [new Y.Doc(), new Y.Doc()];
    for (const tablet of tablets) Y.applyUpdate(tablet, firstSync);
    for (let i = 0; i < 300; i++) {
      const tablet = tablets[i % 2]!;
      const before = Y.encodeStateVector(tablet);
      const map = tablet.getMap<Record<string, string>>('proposals');
      if (i % 3 === 0) map.delete(`p${i}`);
      else map.set(`p${i}`, { title: `Idea ${i}, edited on tablet ${(i % 2) + 1}`, text: 'y' });
      store.appendUpdate(sessionId, `tablet-${(i % 2) + 2}`, Y.encodeStateAsUpdate(tablet, before));
    }

    const { updates, lastId } = updatesToLoad(store, sessionId);

    expect(updates).toHaveLength(1);
    expect(lastId).toBe(store.updatesFor(sessionId).at(-1)!.id);
    const loaded = docOf(updates);
    const everyRow = docOf(store.updatesFor(sessionId).map((r) => r.update));
    expect(loaded.getMap('proposals').toJSON()).toEqual(everyRow.getMap('proposals').toJSON());
    expect(Y.encodeStateVector(loaded)).toEqual(Y.encodeStateVector(everyRow));
    expect(loaded.store.pendingStructs).toBeNull();
    expect(Object.keys(loaded.getMap('proposals').toJSON())).toHaveLength(300);
  });

  it('Given a large row that needs a small row stored before it, and small rows after it that need it, When the session loads, Then every change is there and nothing is left pending', () => {
    // Found by archiveMerge.test.ts's property (seed 1298950784): three tablets' changes to one map, where one
    // upload (a facilitator relaying two tablets, here made large) holds tablet 3's overwrite of tablet 2's first
    // value and tablet 2's later big value. Applied before the small row it needs (as loads did when large rows
    // went first), Yjs recorded the wrong missing clock and never retried it: the session loaded without them.
    const [t1, t2, t3] = [100, 101, 102].map((id) => {
      const d = new Y.Doc();
      d.clientID = id;
      return d;
    }) as [Y.Doc, Y.Doc, Y.Doc];
    const write = (d: Y.Doc, key: string, value: unknown, ...to: Y.Doc[]): Uint8Array => {
      const before = Y.encodeStateVector(d);
      d.getMap('m').set(key, value);
      const u = Y.encodeStateAsUpdate(d, before);
      for (const other of to) Y.applyUpdate(other, u);
      return u;
    };
    const first = write(t2, 'k5', 0, t1, t3);
    const overwrite = write(t3, 'k5', 0, t1, t2);
    const again = write(t2, 'k5', 1);
    const big = write(t2, 'k0', 'x'.repeat(70 * 1024));
    const other = write(t1, 'k0', 0);
    const relayed = Y.mergeUpdates([overwrite, big]);
    expect(relayed.byteLength).toBeGreaterThan(64 * 1024);

    const store = openStore();
    const sessionId = randomUUID();
    for (const [device, u] of [
      ['tablet-2', first],
      ['laptop', relayed],
      ['tablet-2', again],
      ['tablet-1', other],
    ] as const) {
      store.appendUpdate(sessionId, device, u);
    }

    const loaded = docOf(updatesToLoad(store, sessionId).updates);
    const everyRow = docOf(store.updatesFor(sessionId).map((r) => r.update));
    expect(everyRow.store.pendingStructs).toBeNull();
    expect(loaded.store.pendingStructs).toBeNull();
    expect(Y.encodeStateVector(loaded)).toEqual(Y.encodeStateVector(everyRow));
    expect(loaded.getMap('m').get('k5')).toBe(1);
    expect(loaded.getMap('m').toJSON()).toEqual(everyRow.getMap('m').toJSON());
  });
});
