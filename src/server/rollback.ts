/**
 * Rolling back one device's contribution to a session, as a NEW forward update (so it reaches every client):
 * rebuild the document from every archived update except that device's, compare each top-level map with the
 * live document, delete keys that exist only because of that device and restore values it overwrote or deleted.
 *
 * "That device's contribution" is what arrived at the server through it: a facilitator laptop that relayed
 * tablets' data contributed that data too. A later write by another device that built on the rolled-back value
 * (an overwrite of the same key) cannot be separated from it, and is rolled back with it.
 */
import * as Y from 'yjs';
import { mergeArchiveUpdates } from './archiveMerge';
import { ADMIN_DEVICE, type Store } from './store';

export interface RollbackResult {
  sessionId: string;
  deviceId: string;
  updatesFromDevice: number;
  keysRemoved: number;
  keysRestored: number;
  /** The archive row of the forward update, or null when there was nothing to change. */
  updateId: number | null;
}

/** Why a rollback cannot run; `reason` lets the admin CLI say it in the admin's language. */
export class RollbackError extends Error {
  override readonly name = 'RollbackError';
  constructor(
    message: string,
    readonly reason: 'noSession' | 'noUpdatesFromDevice',
  ) {
    super(message);
  }
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The document the rows give, merged into one update first. Compaction keeps each device's rows merged under its
 * last row's id, so the archive's order is not one the rows integrate in (a relayed row can come before the tablet
 * row it builds on); applied row by row, Yjs 13.6 can leave such a row pending for good, and the rollback then
 * compared with a document missing other devices' work and removed it (rollbackCompacted.test.ts).
 */
function build(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  if (updates.length > 0) Y.applyUpdate(doc, mergeArchiveUpdates(updates));
  return doc;
}

/** Names of the document's top-level maps. */
function topLevel(doc: Y.Doc): string[] {
  return [...doc.share.keys()];
}

export function rollbackDevice(
  store: Store,
  sessionId: string,
  deviceId: string,
  now = Date.now(),
): RollbackResult {
  const run = store.db.transaction((): RollbackResult => {
    const rows = store.updatesFor(sessionId);
    if (rows.length === 0)
      throw new RollbackError(`There is no session ${sessionId} on this server.`, 'noSession');
    const fromDevice = rows.filter((r) => r.deviceId === deviceId);
    if (fromDevice.length === 0) {
      throw new RollbackError(
        `Device ${deviceId} sent no updates to session ${sessionId}.`,
        'noUpdatesFromDevice',
      );
    }
    const live = build(rows.map((r) => r.update));
    const without = build(rows.filter((r) => r.deviceId !== deviceId).map((r) => r.update));
    const next = build([Y.encodeStateAsUpdate(live)]);
    const before = Y.encodeStateVector(next);
    let keysRemoved = 0;
    let keysRestored = 0;
    next.transact(() => {
      const names = new Set([...topLevel(live), ...topLevel(without)]);
      for (const name of names) {
        const liveMap = next.getMap<unknown>(name);
        const oldMap = without.getMap<unknown>(name);
        for (const key of [...liveMap.keys()]) {
          if (!oldMap.has(key)) {
            liveMap.delete(key);
            keysRemoved += 1;
          }
        }
        oldMap.forEach((value, key) => {
          if (!liveMap.has(key) || !same(liveMap.get(key), value)) {
            liveMap.set(key, value);
            keysRestored += 1;
          }
        });
      }
    });
    let updateId: number | null = null;
    if (keysRemoved + keysRestored > 0) {
      updateId = store.appendUpdate(sessionId, ADMIN_DEVICE, Y.encodeStateAsUpdate(next, before), now);
    }
    store.db
      .prepare(
        'INSERT INTO rollbacks (session_id, device_id, update_id, keys_removed, keys_restored, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(sessionId, deviceId, updateId, keysRemoved, keysRestored, now);
    for (const d of [live, without, next]) d.destroy();
    return { sessionId, deviceId, updatesFromDevice: fromDevice.length, keysRemoved, keysRestored, updateId };
  });
  return run();
}
