/**
 * Loading a session whose archive holds a large row (a tablet's first sync of a whole day) and many small ones
 * after it (compaction.ts `updatesToLoad`): the large row is applied as stored, the small ones merged, and the
 * document is the one every row gives. Real SQLite file, real Yjs documents.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { updatesToLoad } from '../../../src/server/compaction';
import { tempStores } from './support';

const openStore = tempStores('codesign-load-rows-');

describe('loading a session from its archive rows', () => {
  it('Given a day synced in one large row and then 300 small writes by two tablets, When the session loads, Then the large row is applied as stored and the document equals every row applied in turn', () => {
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

    // The large row exactly as stored (not decoded and written again), and the 300 small ones as one.
    expect(updates).toHaveLength(2);
    expect(Buffer.from(updates[0]!).equals(Buffer.from(firstSync))).toBe(true);
    expect(lastId).toBe(store.updatesFor(sessionId).at(-1)!.id);

    const loaded = new Y.Doc();
    Y.transact(loaded, () => updates.forEach((u) => Y.applyUpdate(loaded, u)));
    const everyRow = new Y.Doc();
    for (const row of store.updatesFor(sessionId)) Y.applyUpdate(everyRow, row.update);
    expect(loaded.getMap('proposals').toJSON()).toEqual(everyRow.getMap('proposals').toJSON());
    expect(Y.encodeStateVector(loaded)).toEqual(Y.encodeStateVector(everyRow));
    expect(loaded.store.pendingStructs).toBeNull();
    expect(Object.keys(loaded.getMap('proposals').toJSON())).toHaveLength(300);
  });
});
