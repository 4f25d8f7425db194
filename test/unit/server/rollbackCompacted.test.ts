/**
 * Rolling back a device after compaction (rollback.ts, compaction.ts). Compaction keeps each device's rows merged
 * under the id of its last row, so the archive's order is no longer one the rows integrate in: a facilitator's
 * relayed row can come before the tablet row it builds on. Applied row by row, Yjs 13.6 can leave such a row
 * pending for good (loadRows.test.ts holds the case); the rollback then compared against a document missing
 * other devices' changes and removed them. Real SQLite file, real Yjs documents.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergeArchiveUpdates } from '../../../src/server/archiveMerge';
import { compactSession } from '../../../src/server/compaction';
import { rollbackDevice } from '../../../src/server/rollback';
import { tempStores } from './support';

const openStore = tempStores('codesign-rollback-compacted-');

/** Three tablets and a laptop that relays two of tablet 3's and tablet 2's changes (the loadRows.test case). */
function workshop(): { device: string; update: Uint8Array }[] {
  const [t1, t2, t3] = [100, 101, 102].map((id) => {
    const d = new Y.Doc();
    d.clientID = id;
    return d;
  }) as [Y.Doc, Y.Doc, Y.Doc];
  const write = (d: Y.Doc, key: string, value: unknown, ...to: Y.Doc[]): Uint8Array => {
    const before = Y.encodeStateVector(d);
    d.getMap('proposals').set(key, value);
    const u = Y.encodeStateAsUpdate(d, before);
    for (const other of to) Y.applyUpdate(other, u);
    return u;
  };
  const first = write(t2, 'k5', { v: 0 }, t1, t3);
  const overwrite = write(t3, 'k5', { v: 0, by: 't3' }, t1, t2);
  const again = write(t2, 'k5', { v: 1 }, t1);
  const later = write(t2, 'k0', { v: 'tablet 2' }, t1);
  const other = write(t1, 'k0', { v: 'tablet 1' });
  return [
    { device: 'tablet-2', update: first },
    { device: 'laptop', update: Y.mergeUpdates([overwrite, later]) },
    { device: 'tablet-2', update: again },
    { device: 'tablet-1', update: other },
  ];
}

function docOf(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

describe('rolling back a device of a compacted session', () => {
  it('Given a compacted archive whose rows come out of the order they integrate in, When tablet 1 is rolled back, Then only its overwrite is undone and every other change stays', () => {
    const store = openStore();
    const sessionId = randomUUID();
    for (const row of workshop()) store.appendUpdate(sessionId, row.device, row.update);
    const before = docOf(mergeArchiveUpdates(store.updatesFor(sessionId).map((r) => r.update)));
    expect(before.getMap('proposals').toJSON()).toEqual({ k5: { v: 1 }, k0: { v: 'tablet 1' } });

    compactSession(store, sessionId);
    // The laptop's merged row now comes before tablet 2's, which it builds on.
    expect(store.updatesFor(sessionId).map((r) => r.deviceId)).toEqual(['laptop', 'tablet-2', 'tablet-1']);

    const result = rollbackDevice(store, sessionId, 'tablet-1');

    const after = docOf(mergeArchiveUpdates(store.updatesFor(sessionId).map((r) => r.update)));
    expect(after.store.pendingStructs).toBeNull();
    expect(after.getMap('proposals').toJSON()).toEqual({ k5: { v: 1 }, k0: { v: 'tablet 2' } });
    expect({ removed: result.keysRemoved, restored: result.keysRestored }).toEqual({
      removed: 0,
      restored: 1,
    });
  });
});
