/**
 * Session documents in IndexedDB, one database per session, in y-indexeddb's layout (an `updates` store of
 * Yjs updates, compacted by y-indexeddb's `storeState`).
 *
 * Why we mend y-indexeddb: its update writer starts an IndexedDB transaction and forgets it. Nothing tells the
 * app when the write committed, and a refused write (QuotaExceededError) becomes an unhandled rejection: the
 * screen would say "Saved" for data that is not on disk (test/unit/storage/docStore.test.ts shows both). So
 * after y-indexeddb has loaded the document we replace its writer with one that keeps each transaction's
 * outcome; loading, the database layout and compaction stay y-indexeddb's.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence, PREFERRED_TRIM_SIZE, clearDocument, storeState } from 'y-indexeddb';
import { WriteTracker, type DocHandle, type DocStore } from './docStore';

const UPDATES_STORE = 'updates';
/** Compact after this long without writes, as y-indexeddb does. */
const COMPACT_AFTER_MS = 1000;

export function sessionDbName(sessionId: string): string {
  return `codesign-session-${sessionId}`;
}

function commit(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new DOMException('IndexedDB transaction aborted', 'AbortError'));
    tx.onerror = (event) => event.preventDefault();
  });
}

export class IndexedDbDocStore implements DocStore {
  async open(sessionId: string): Promise<DocHandle> {
    const doc = new Y.Doc();
    const persistence = new IndexeddbPersistence(sessionDbName(sessionId), doc);
    await persistence.whenSynced;
    doc.off('update', persistence._storeUpdate);
    return persisting(sessionId, persistence, doc);
  }

  async remove(sessionId: string): Promise<void> {
    await clearDocument(sessionDbName(sessionId));
  }
}

/** Reads every stored update of the session, as committed. */
function storedUpdates(db: IDBDatabase): Promise<Uint8Array[]> {
  return new Promise((resolve, reject) => {
    const request = db.transaction([UPDATES_STORE], 'readonly').objectStore(UPDATES_STORE).getAll();
    request.onsuccess = () => resolve(request.result as Uint8Array[]);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB read failed'));
  });
}

/** Persists `doc`'s changes through our own writer (header): the handle the app uses. */
function persisting(sessionId: string, persistence: IndexeddbPersistence, doc: Y.Doc): DocHandle {
  const writes = new WriteTracker();
  // After a refused write the stored updates have a gap, and Yjs cannot apply anything that comes after a
  // gap: so the next write stores the whole document instead of just its own update.
  let hasGap = false;
  // Writes are numbered as they are made; `stored` is the last one up to which every change is committed: a
  // write that commits extends it if it holds the whole document or follows on from `stored`. IndexedDB commits
  // one store's read-write transactions in the order they were made, so this is decided in order. A save asks
  // whether `stored` reached the last write made before it: its own outcome, not someone else's refusal.
  let issued = 0;
  let stored = 0;
  let refusal: Error | null = null;
  let compactTimer: ReturnType<typeof setTimeout> | null = null;
  const refuse = (e: unknown): Error => {
    hasGap = true;
    refusal = e instanceof Error ? e : new Error(String(e));
    return refusal;
  };
  const write = (update: Uint8Array, origin: unknown): void => {
    const db = persistence.db;
    if (origin === persistence || !db) return;
    const n = ++issued;
    const isWhole = hasGap;
    hasGap = false;
    try {
      const tx = db.transaction([UPDATES_STORE], 'readwrite');
      tx.objectStore(UPDATES_STORE).add(isWhole ? Y.encodeStateAsUpdate(doc) : update);
      writes.track(
        commit(tx).then(
          () => {
            if (isWhole || stored === n - 1) stored = n;
          },
          (e: unknown) => {
            throw refuse(e);
          },
        ),
      );
    } catch (e) {
      writes.track(Promise.reject(refuse(e)));
      return;
    }
    if (++persistence._dbsize >= PREFERRED_TRIM_SIZE) {
      if (compactTimer !== null) clearTimeout(compactTimer);
      compactTimer = setTimeout(() => {
        compactTimer = null;
        writes.track(storeState(persistence, false));
      }, COMPACT_AFTER_MS);
    }
  };
  doc.on('update', write);

  const whenSaved = async (): Promise<void> => {
    const last = issued;
    await writes.whenSettled().catch(() => undefined);
    if (stored < last) throw refusal ?? new Error('A change was not stored');
  };

  const stopWriting = async (): Promise<void> => {
    if (compactTimer !== null) clearTimeout(compactTimer);
    doc.off('update', write);
    await writes.whenSettled().catch(() => undefined);
  };

  return {
    sessionId,
    doc,
    whenSaved,
    close: async () => {
      try {
        await stopWriting();
        // One last try to store what a refused write left out.
        if (hasGap && persistence.db) await storeState(persistence, true);
        await writes.whenSettled();
      } finally {
        await persistence.destroy();
        doc.destroy();
      }
    },
    reload: async () => {
      await stopWriting();
      const db = persistence.db;
      if (!db) throw new Error('session storage is closed');
      // The same database connection, read only: opening y-indexeddb again would first write to a disk that may
      // still be full. A new document from the committed updates takes the old one's place in the persistence
      // (its compaction reads persistence.doc); the old one is released without storing what was refused.
      const rows = await storedUpdates(db);
      const fresh = new Y.Doc();
      Y.transact(fresh, () => rows.forEach((u) => Y.applyUpdate(fresh, u)), persistence, false);
      // y-indexeddb binds destroy in its constructor and listens with that very function: move it over as it is.
      /* eslint-disable @typescript-eslint/unbound-method, @typescript-eslint/no-misused-promises */
      doc.off('destroy', persistence.destroy);
      persistence.doc = fresh;
      fresh.on('destroy', persistence.destroy);
      /* eslint-enable @typescript-eslint/unbound-method, @typescript-eslint/no-misused-promises */
      doc.destroy();
      return persisting(sessionId, persistence, fresh);
    },
  };
}
