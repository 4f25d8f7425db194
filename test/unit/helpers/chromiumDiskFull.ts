/**
 * A full disk as Chromium meets it, in fake-indexeddb. Measured with Debian's Chromium 150, its profile on a full
 * tmpfs: the first write the disk refuses aborts with an UnknownError (`noSpace`, not a QuotaExceededError), and the
 * browser then closes every IndexedDB connection of the origin (their `close` event: the origin's databases share
 * one LevelDB); a transaction on a closed connection throws `closing`; opening a database fails with
 * `backingStore` until there is space again, and an open under way when it closed fails with `connectionClosed`.
 * A large value is refused with `blobs` (a DataError) and leaves the connection open. With `closesLater`, the
 * browser's close comes only after the next transaction made on a refused connection, and that transaction never
 * says how it ended (neither complete nor abort: measured, "no answer in 10 s").
 */
import { forceCloseDatabase } from 'fake-indexeddb';

export const CHROMIUM_FULL = {
  noSpace:
    'Connection is closing because of: IO error: .../http_127.0.0.1_8197.indexeddb.leveldb/000003.log: FILE_ERROR_NO_SPACE (ChromeMethodBFE: 3::WritableFileAppend::8)',
  blobs: 'Failed to write blobs (IOError)',
  closing: "Failed to execute 'transaction' on 'IDBDatabase': The database connection is closing.",
  connectionClosed: 'The connection was closed.',
  backingStore: 'Internal error opening backing store for indexedDB.open.',
} as const;

/** An open request Chromium refuses while its disk is full: its `error` event comes after the caller listens. */
class RefusedOpen extends EventTarget {
  readonly result = undefined;
  readonly source = null;
  readonly transaction = null;
  readyState: IDBRequestReadyState = 'pending';
  error: DOMException | null = null;
  onsuccess: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onupgradeneeded: ((event: Event) => void) | null = null;
  onblocked: ((event: Event) => void) | null = null;

  constructor() {
    super();
    this.addEventListener('error', (event) => this.onerror?.(event));
    queueMicrotask(() => {
      this.readyState = 'done';
      this.error = new DOMException(CHROMIUM_FULL.backingStore, 'UnknownError');
      this.dispatchEvent(new Event('error', { cancelable: true }));
    });
  }
}

export interface ChromiumDisk {
  /** While true, writes and opens are refused as above. */
  isFull: boolean;
  /** Writes refused so far. */
  refused: number;
  /** The browser's close of the origin's connections comes after a transaction that never ends (see above). */
  closesLater: boolean;
  restore(): void;
}

/** From now on, IndexedDB behaves as Chromium's on a disk that fills when `isFull` is set. */
export function chromiumDiskFull(): ChromiumDisk {
  const factory = IDBFactory.prototype;
  const store = IDBObjectStore.prototype;
  const database = IDBDatabase.prototype;
  const open = Reflect.get<IDBFactory, 'open'>(factory, 'open');
  const transaction = Reflect.get<IDBDatabase, 'transaction'>(database, 'transaction');
  const writes = {
    add: Reflect.get<IDBObjectStore, 'add'>(store, 'add'),
    put: Reflect.get<IDBObjectStore, 'put'>(store, 'put'),
  };
  const connections = new Set<IDBDatabase>();
  const closed = new WeakSet<IDBDatabase>();
  /** Refused, with the browser's close still to come (`closesLater`). */
  const closing = new Set<IDBDatabase>();
  const closeAll = (): void => {
    for (const db of [...connections, ...closing]) {
      connections.delete(db);
      closing.delete(db);
      closed.add(db);
      // fake-indexeddb types its parameter as the class, not a connection (types.d.ts).
      forceCloseDatabase(db as unknown as Parameters<typeof forceCloseDatabase>[0]);
    }
  };
  const disk: ChromiumDisk = {
    isFull: false,
    refused: 0,
    closesLater: false,
    restore: () => {
      factory.open = open;
      database.transaction = transaction;
      store.add = writes.add;
      store.put = writes.put;
    },
  };
  factory.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
    if (disk.isFull) return new RefusedOpen() as unknown as IDBOpenDBRequest;
    const request = open.apply(this, args);
    request.addEventListener('success', () => connections.add(request.result));
    return request;
  };
  database.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
    if (closed.has(this)) throw new DOMException(CHROMIUM_FULL.closing, 'InvalidStateError');
    const tx = transaction.apply(this, args);
    if (closing.has(this)) {
      silenced(tx);
      queueMicrotask(closeAll);
    }
    return tx;
  };
  for (const method of ['add', 'put'] as const) {
    store[method] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      const request = writes[method].apply(this, args);
      if (!disk.isFull) return request;
      disk.refused += 1;
      const tx = this.transaction;
      Object.defineProperty(tx, 'error', {
        configurable: true,
        value: new DOMException(CHROMIUM_FULL.noSpace, 'UnknownError'),
      });
      tx.abort();
      // Then the browser closes every connection of the origin, each with its close event.
      if (!disk.closesLater) closeAll();
      else
        for (const db of connections) {
          connections.delete(db);
          closing.add(db);
        }
      return request;
    };
  }
  return disk;
}

/** Every method of an object store or index that makes a request (Dexie's reads, writes, deletes and cursors). */
const REQUESTS = [
  'add',
  'put',
  'delete',
  'clear',
  'get',
  'getKey',
  'getAll',
  'getAllKeys',
  'count',
  'openCursor',
  'openKeyCursor',
] as const;

/** A transaction that never says how it ended: its handlers, and those of the requests made in it, are never called. */
function silenced(tx: IDBTransaction): void {
  neverCalled(tx, ['complete', 'abort', 'error']);
  const objectStore = tx.objectStore.bind(tx);
  tx.objectStore = (name: string) => {
    const store = objectStore(name);
    silentRequests(store);
    const index = store.index.bind(store);
    store.index = (indexName: string) => silentRequests(index(indexName));
    return store;
  };
}

function silentRequests<T extends IDBObjectStore | IDBIndex>(source: T): T {
  for (const method of REQUESTS) {
    if (!(method in source)) continue;
    const make = (Reflect.get(source, method) as (...args: unknown[]) => IDBRequest).bind(source);
    Object.defineProperty(source, method, {
      configurable: true,
      value: (...args: unknown[]) => {
        const request = make(...args);
        neverCalled(request, ['success', 'error']);
        return request;
      },
    });
  }
  return source;
}

function neverCalled(target: object, events: readonly string[]): void {
  for (const type of events) {
    Object.defineProperty(target, `on${type}`, { configurable: true, get: () => null, set: () => undefined });
  }
}
