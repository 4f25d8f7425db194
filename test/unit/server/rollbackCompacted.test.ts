/**
 * Rolling back a device after compaction (rollback.ts, compaction.ts). Compaction keeps each device's rows merged
 * under the id of its last row, so the archive's order is no longer one the rows integrate in: a facilitator's
 * relayed row can come before the tablet row it builds on. Applied row by row, Yjs 13.6 can leave such a row
 * pending for good (test/unit/helpers/relayedRows.ts); the rollback then compared against a document missing
 * other devices' changes and removed them. Real SQLite file, real Yjs documents.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergeArchiveUpdates } from '../../../src/server/archiveMerge';
import { compactSession } from '../../../src/server/compaction';
import { rollbackDevice } from '../../../src/server/rollback';
import { relayedRows } from '../helpers/relayedRows';
import { tempStores } from './support';

const openStore = tempStores('codesign-rollback-compacted-');

function docOf(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

describe('rolling back a device of a compacted session', () => {
  it('Given a compacted archive whose rows come out of the order they integrate in, When tablet 1 is rolled back, Then only its overwrite is undone and every other change stays', () => {
    const store = openStore();
    const sessionId = randomUUID();
    const { rows } = relayedRows({
      map: 'proposals',
      key: 'k5',
      later: 'k0',
      value: (label) =>
        ({
          't2-first': { v: 0 },
          t3: { v: 0, by: 't3' },
          't2-last': { v: 1 },
          't2-later': { v: 'tablet 2' },
          t1: { v: 'tablet 1' },
        })[label],
    });
    for (const row of rows) store.appendUpdate(sessionId, row.device, row.update);
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
