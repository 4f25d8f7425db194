/**
 * Session documents in IndexedDB, one database per session, in y-indexeddb's layout (an `updates` store of
 * Yjs updates, compacted now and then into one update holding the whole document; an unused `custom` store).
 *
 * Why we mend y-indexeddb: it starts IndexedDB writes and forgets them. Its update writer: nothing tells the app
 * when the write committed, and a refused write (QuotaExceededError) becomes an unhandled rejection, so the screen
 * would say "Saved" for data that is not on disk (test/unit/storage/docStore.test.ts shows both). Its loading: it
 * stores the document again as it opens it, so on a full disk opening a session threw two uncaught errors (the
 * refused write, then a read queued behind it in the aborted transaction; test/e2e/diskFullReopen.test.ts). Its
 * compaction: the same with the write that replaces the updates. So we keep its layout and its database name
 * scheme, and open, read, write and compact ourselves: opening only reads (a full disk still opens every session
 * with all it holds), and every write's outcome is kept.
 */
import * as Y from 'yjs';
import { PREFERRED_TRIM_SIZE, clearDocument } from 'y-indexeddb';
import { WriteTracker, type DocHandle, type DocStore } from './docStore';

const UPDATES_STORE = 'updates';
const CUSTOM_STORE = 'custom';
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

/** Opens a session's database, making y-indexeddb's two stores the first time (the only write opening makes). */
function openDatabase(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(UPDATES_STORE, { autoIncrement: true });
      request.result.createObjectStore(CUSTOM_STORE);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Removing the session (here or in another tab) does not wait for this connection, as with y-indexeddb.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
  });
}

export class IndexedDbDocStore implements DocStore {
  async open(sessionId: string): Promise<DocHandle> {
    const db = await openDatabase(sessionDbName(sessionId));
    try {
      return await loaded(sessionId, db);
    } catch (e) {
      db.close();
      throw e;
    }
  }

  async remove(sessionId: string): Promise<void> {
    await clearDocument(sessionDbName(sessionId));
  }
}

/** Applies stored updates to `doc` as coming from storage (`origin`), so they are not written back. */
function applyStored(doc: Y.Doc, updates: readonly Uint8Array[], origin: object): void {
  Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u)), origin, false);
}

/** A new document holding every committed update, persisted from here on: the handle the app uses. */
async function loaded(sessionId: string, db: IDBDatabase): Promise<DocHandle> {
  const rows = await storedUpdates(db);
  const doc = new Y.Doc();
  const fromStorage = {};
  applyStored(doc, rows, fromStorage);
  return persisting(sessionId, db, doc, fromStorage, rows.length);
}

/** Reads every stored update of the session, as committed. */
function storedUpdates(db: IDBDatabase): Promise<Uint8Array[]> {
  return new Promise((resolve, reject) => {
    const request = db.transaction([UPDATES_STORE], 'readonly').objectStore(UPDATES_STORE).getAll();
    request.onsuccess = () => resolve(request.result as Uint8Array[]);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB read failed'));
  });
}

/** Persists `doc`'s changes through our own writer (header). `rowCount`: the updates stored when it was read. */
function persisting(
  sessionId: string,
  db: IDBDatabase,
  doc: Y.Doc,
  fromStorage: object,
  rowCount: number,
): DocHandle {
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
  let rows = rowCount;
  let compactTimer: ReturnType<typeof setTimeout> | null = null;
  const refuse = (e: unknown): Error => {
    hasGap = true;
    refusal = e instanceof Error ? e : new Error(String(e));
    return refusal;
  };
  /**
   * Starts one write transaction, `fill` puts the write in it, and its outcome is kept. A compaction's whole
   * document holds the change of every write made before it was encoded (`upTo`), even one whose own is refused.
   */
  const writeInto = (
    isWhole: boolean,
    fill: (updates: IDBObjectStore) => void,
    compaction?: { upTo: number },
  ): void => {
    const n = ++issued;
    try {
      const tx = db.transaction([UPDATES_STORE], 'readwrite');
      const committed = commit(tx);
      fill(tx.objectStore(UPDATES_STORE));
      writes.track(
        committed.then(
          () => {
            if (isWhole || stored === n - 1) stored = Math.max(stored, compaction?.upTo ?? n);
          },
          (e: unknown) => {
            // A refused compaction changed nothing, so the writes after it still follow on from `stored`: a change
            // written behind it and committed is saved (said not saved, it would be dropped, and then found again
            // in storage beside the one tried again).
            if (compaction && stored === n - 1) stored = n;
            throw refuse(e);
          },
        ),
      );
    } catch (e) {
      writes.track(Promise.reject(refuse(e)));
    }
  };
  /**
   * Replaces every stored update with one holding the whole document, in one transaction: what another tab
   * stored since this document was read comes into it first, so nothing stored is left out.
   */
  const compact = (): void => {
    hasGap = false;
    rows = 1;
    const read = { upTo: 0 };
    writeInto(
      true,
      (updates) => {
        const values = updates.getAll();
        const keys = updates.getAllKeys();
        keys.onsuccess = () => {
          applyStored(doc, values.result as Uint8Array[], fromStorage);
          const last = keys.result.at(-1);
          if (last !== undefined) updates.delete(IDBKeyRange.upperBound(last));
          // A change written since it started is in the document stored here: said refused, it would be dropped
          // and then found again in storage beside the one tried again.
          read.upTo = issued;
          updates.add(Y.encodeStateAsUpdate(doc));
        };
      },
      read,
    );
  };
  const write = (update: Uint8Array, origin: unknown): void => {
    if (origin === fromStorage) return;
    const isWhole = hasGap;
    hasGap = false;
    writeInto(isWhole, (updates) => updates.add(isWhole ? Y.encodeStateAsUpdate(doc) : update));
    if (++rows >= PREFERRED_TRIM_SIZE) {
      if (compactTimer !== null) clearTimeout(compactTimer);
      compactTimer = setTimeout(() => {
        compactTimer = null;
        compact();
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
        // One last try to store what a refused write left out. Refused again (the disk still full), it is not
        // kept: every screen that made such a change has already said it was not saved.
        if (hasGap) compact();
        await writes.whenSettled().catch(() => undefined);
      } finally {
        db.close();
        doc.destroy();
      }
    },
    reload: async () => {
      await stopWriting();
      // The same database connection, read only: a new document from the committed updates; the old one is
      // released without storing what was refused.
      const fresh = await loaded(sessionId, db);
      doc.destroy();
      return fresh;
    },
  };
}
