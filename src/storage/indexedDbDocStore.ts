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
 *
 * A full disk in Chromium also closes the database: the write it refuses aborts with an UnknownError, and the
 * browser closes every IndexedDB connection of the origin, then refuses to open one until there is space
 * (src/storage/quota.ts has its words). So the next write after the browser closed the connection opens it again,
 * and a reload while it cannot be opened is read from the updates this handle knows are committed.
 */
import * as Y from 'yjs';
import { PREFERRED_TRIM_SIZE, clearDocument } from 'y-indexeddb';
import { WriteTracker, type DocHandle, type DocStore } from './docStore';
import { noteStorageError, noteStorageOpened } from './quota';

const UPDATES_STORE = 'updates';
const CUSTOM_STORE = 'custom';
/** Compact after this long without writes, as y-indexeddb does. */
const COMPACT_AFTER_MS = 1000;

export function sessionDbName(sessionId: string): string {
  return `codesign-session-${sessionId}`;
}

/**
 * Chromium's words when it closes a connection under an open; here, for a transaction it closed under us.
 * src/storage/quota.ts counts them as a full disk while IndexedDB is closed for want of space.
 */
const CONNECTION_CLOSED = 'The connection was closed.';

/**
 * A transaction's outcome. One made on a connection Chromium is closing for a full disk (after the refused write,
 * before the connection's close event) may never fire complete or abort (measured: no answer in 10 s); it cannot
 * commit once its connection is closed, so the close event refuses it, or "Saved" and "not saved" never show.
 */
function settled(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    // What the transaction says went wrong, when it does (the refused write: its close event can come first).
    const closed = (): void => reject(tx.error ?? new DOMException(CONNECTION_CLOSED, 'AbortError'));
    tx.db.addEventListener('close', closed);
    const end = (): void => tx.db.removeEventListener('close', closed);
    tx.oncomplete = () => {
      end();
      resolve();
    };
    tx.onabort = () => {
      end();
      reject(tx.error ?? new DOMException('IndexedDB transaction aborted', 'AbortError'));
    };
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
      noteStorageOpened();
      resolve(request.result);
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
  });
}

/**
 * One session's database connection, opened again after the browser closed it (its `close` event, or a
 * transaction refused as the connection closes); one closed here (the handle closed, the session removed) stays
 * closed.
 */
class Connection {
  /** Null from the browser's close until the database is opened again. */
  private db: IDBDatabase | null;
  private opening: Promise<IDBDatabase> | null = null;
  /** Closed here: the handle is closed or the session removed. */
  isReleased = false;

  constructor(
    private readonly name: string,
    db: IDBDatabase,
  ) {
    this.db = this.watched(db);
  }

  private watched(db: IDBDatabase): IDBDatabase {
    db.addEventListener('close', () => this.lost(db));
    // Removing the session (here or in another tab) does not wait for this connection, as with y-indexeddb.
    db.onversionchange = () => this.release();
    return db;
  }

  /** The browser closed `db` (its close event, or a transaction it refused as it closes it). */
  lost(db: IDBDatabase): void {
    if (this.db !== db || this.isReleased) return;
    this.db = null;
    db.close();
  }

  /** The open connection, or null when the browser has closed it. */
  get current(): IDBDatabase | null {
    return this.db;
  }

  /** Opens the database again after the browser closed it (in Chromium, refused while the disk is still full). */
  reopen(): Promise<IDBDatabase> {
    this.opening ??= openDatabase(this.name)
      .then((db) => {
        if (this.isReleased) {
          db.close();
          throw new DOMException('The session was closed', 'InvalidStateError');
        }
        this.db = this.watched(db);
        return db;
      })
      .finally(() => {
        this.opening = null;
      });
    return this.opening;
  }

  /** This connection, opened again first if the browser closed it. */
  ready(): Promise<IDBDatabase> {
    return this.db ? Promise.resolve(this.db) : this.reopen();
  }

  release(): void {
    this.isReleased = true;
    this.db?.close();
  }
}

export class IndexedDbDocStore implements DocStore {
  async open(sessionId: string): Promise<DocHandle> {
    const name = sessionDbName(sessionId);
    const connection = new Connection(name, await openDatabase(name));
    try {
      return await loaded(sessionId, connection);
    } catch (e) {
      connection.release();
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

/**
 * A new document holding every committed update, persisted from here on: the handle the app uses. `committed`:
 * the updates a handle before it knows are stored, read instead when the browser has closed the database and it
 * cannot be opened again (a full disk in Chromium: the screen reloads a refused change's document meanwhile).
 */
async function loaded(
  sessionId: string,
  connection: Connection,
  committed?: readonly Uint8Array[],
): Promise<DocHandle> {
  let rows: Uint8Array[];
  let db: IDBDatabase | null = null;
  try {
    db = await connection.ready();
    rows = await storedUpdates(db);
  } catch (e) {
    if (committed === undefined || connection.isReleased) throw e;
    if (db !== null) connection.lost(db);
    rows = [...committed];
  }
  const doc = new Y.Doc();
  const fromStorage = {};
  applyStored(doc, rows, fromStorage);
  return persisting(sessionId, connection, doc, fromStorage, rows);
}

/** Reads every stored update of the session, as committed. */
async function storedUpdates(db: IDBDatabase): Promise<Uint8Array[]> {
  const tx = db.transaction([UPDATES_STORE], 'readonly');
  const request = tx.objectStore(UPDATES_STORE).getAll();
  await settled(tx);
  return request.result as Uint8Array[];
}

/** Persists `doc`'s changes through our own writer (header). `rowsRead`: the updates stored when it was read. */
function persisting(
  sessionId: string,
  connection: Connection,
  doc: Y.Doc,
  fromStorage: object,
  rowsRead: readonly Uint8Array[],
): DocHandle {
  const writes = new WriteTracker();
  // What is stored, as far as this handle knows: what it read, then each write as it commits (a compaction
  // replaces it all). Read back only when the database cannot be (reload).
  let committed: Uint8Array[] = [...rowsRead];
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
  let rows = rowsRead.length;
  let compactTimer: ReturnType<typeof setTimeout> | null = null;
  const refuse = (e: unknown): Error => {
    hasGap = true;
    noteStorageError(e);
    refusal = e instanceof Error ? e : new Error(String(e));
    return refusal;
  };
  // Writes made while the database is opened again wait for it, and start their transactions in the order they
  // were made, before any write made after them.
  let reopened: Promise<IDBDatabase> | null = null;
  let waiting = 0;
  const inOrder = (start: (db: IDBDatabase) => Promise<void>): Promise<void> => {
    const db = connection.current;
    if (db !== null && reopened === null) {
      try {
        return start(db);
      } catch (e) {
        // The browser closes the connection (a full disk in Chromium) and its close event is still to come.
        if (e instanceof DOMException && e.name === 'InvalidStateError') connection.lost(db);
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    }
    reopened ??= connection.reopen();
    waiting += 1;
    const done = (): void => {
      waiting -= 1;
      if (waiting === 0) reopened = null;
    };
    return reopened.then(
      (opened) => {
        done();
        return start(opened);
      },
      (e: unknown) => {
        done();
        throw e;
      },
    );
  };
  /**
   * Starts one write transaction, `fill` puts the write in it (`keep`: the update it adds), and its outcome is
   * kept. A compaction's whole document holds the change of every write made before it was encoded (`upTo`), even
   * one whose own is refused.
   */
  const writeInto = (
    isWhole: boolean,
    fill: (updates: IDBObjectStore, keep: (update: Uint8Array) => void) => void,
    compaction?: { upTo: number },
  ): void => {
    const n = ++issued;
    const added: Uint8Array[] = [];
    const written = inOrder((db) => {
      const tx = db.transaction([UPDATES_STORE], 'readwrite');
      const done = settled(tx);
      fill(tx.objectStore(UPDATES_STORE), (update) => added.push(update));
      return done;
    });
    writes.track(
      written.then(
        () => {
          committed = compaction ? added : [...committed, ...added];
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
      (updates, keep) => {
        const values = updates.getAll();
        const keys = updates.getAllKeys();
        keys.onsuccess = () => {
          applyStored(doc, values.result as Uint8Array[], fromStorage);
          const last = keys.result.at(-1);
          if (last !== undefined) updates.delete(IDBKeyRange.upperBound(last));
          // A change written since it started is in the document stored here: said refused, it would be dropped
          // and then found again in storage beside the one tried again.
          read.upTo = issued;
          const whole = Y.encodeStateAsUpdate(doc);
          keep(whole);
          updates.add(whole);
        };
      },
      read,
    );
  };
  const write = (update: Uint8Array, origin: unknown): void => {
    if (origin === fromStorage) return;
    const isWhole = hasGap;
    hasGap = false;
    writeInto(isWhole, (updates, keep) => {
      const bytes = isWhole ? Y.encodeStateAsUpdate(doc) : update;
      keep(bytes);
      updates.add(bytes);
    });
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
        connection.release();
        doc.destroy();
      }
    },
    reload: async () => {
      await stopWriting();
      // The same database connection, read only: a new document from the committed updates; the old one is
      // released without storing what was refused.
      const fresh = await loaded(sessionId, connection, committed);
      doc.destroy();
      return fresh;
    },
  };
}
