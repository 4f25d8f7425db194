/**
 * Loading a session whose archive holds large rows (a tablet's first sync of a whole day, a facilitator relaying
 * tablets) among small ones (compaction.ts `updatesToLoad`): every row after the snapshot merged into one update,
 * and the document is the one every row gives, nothing left pending. Real SQLite file, real Yjs documents.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { updatesToLoad } from '../../../src/server/compaction';
import { relayedRows } from '../helpers/relayedRows';
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
    const { rows } = relayedRows({
      map: 'm',
      key: 'k5',
      later: 'k0',
      value: (label) =>
        ({ 't2-first': 0, t3: 0, 't2-last': 1, 't2-later': 'x'.repeat(70 * 1024), t1: 0 })[label],
    });
    expect(rows[1]!.update.byteLength).toBeGreaterThan(64 * 1024);

    const store = openStore();
    const sessionId = randomUUID();
    for (const { device, update } of rows) store.appendUpdate(sessionId, device, update);

    const loaded = docOf(updatesToLoad(store, sessionId).updates);
    const everyRow = docOf(store.updatesFor(sessionId).map((r) => r.update));
    expect(everyRow.store.pendingStructs).toBeNull();
    expect(loaded.store.pendingStructs).toBeNull();
    expect(Y.encodeStateVector(loaded)).toEqual(Y.encodeStateVector(everyRow));
    expect(loaded.getMap('m').get('k5')).toBe(1);
    expect(loaded.getMap('m').toJSON()).toEqual(everyRow.getMap('m').toJSON());
  });
});
