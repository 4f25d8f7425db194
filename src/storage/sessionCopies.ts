/**
 * A spare copy of each session document, kept outside IndexedDB: in the origin's private file system (OPFS).
 *
 * Why: after a write refused for want of space, Chromium deletes every IndexedDB database of the app at its second
 * start (measured on Chromium 150, test/manual/realDiskFull.ts: `dataLoss: 'total'`), which is every session on the
 * tablet. The same runs found a file in the origin's private file system (and localStorage) untouched by that
 * deletion. So each session's whole state is also written there (src/storage/copyingDocStore.ts), and the first
 * screen offers to bring back a session whose copy is here but whose database is gone (src/ui/home/SpareCopies.tsx).
 * Clearing the site's data clears the copies too.
 *
 * A copy is one file per session, `<sessionId>.yjs` in the folder `session-copies`: one Yjs update holding the
 * whole document as IndexedDB had committed it. Written with `createWritable`, which Chromium writes to a file of
 * its own and puts in place only on `close()`: a write that fails (a full disk) leaves the previous copy whole.
 */
const FOLDER = 'session-copies';
const SUFFIX = '.yjs';
/** A session id as the app makes them (crypto.randomUUID), or as the tests do: never a path. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,100}$/;

export interface SessionCopies {
  /** Replaces the session's copy with `state`; rejects when it could not be written (the old copy stays whole). */
  write(sessionId: string, state: Uint8Array): Promise<void>;
  /** The session's copy, or null when there is none. */
  read(sessionId: string): Promise<Uint8Array | null>;
  /** The sessions that have a copy. */
  list(): Promise<string[]>;
  /** Deletes the session's copy (none is fine). */
  remove(sessionId: string): Promise<void>;
}

function checkedId(sessionId: string): string {
  if (!SAFE_ID.test(sessionId))
    throw new Error(`Not a session id: ${JSON.stringify(sessionId.slice(0, 40))}`);
  return sessionId;
}

/** Copies in the origin's private file system; null where the browser has none, or cannot write a file in place. */
export function fileSystemCopies(): SessionCopies | null {
  const storage = globalThis.navigator?.storage as StorageManager | undefined;
  if (typeof storage?.getDirectory !== 'function') return null;
  if (typeof globalThis.FileSystemFileHandle?.prototype?.createWritable !== 'function') return null;
  let folder: Promise<FileSystemDirectoryHandle> | null = null;
  const open = (): Promise<FileSystemDirectoryHandle> => {
    folder ??= storage.getDirectory().then((root) => root.getDirectoryHandle(FOLDER, { create: true }));
    // A refusal (a full disk) is not kept: the next call tries again.
    folder.catch(() => (folder = null));
    return folder;
  };
  return {
    async write(sessionId, state) {
      const dir = await open();
      const file = await dir.getFileHandle(checkedId(sessionId) + SUFFIX, { create: true });
      const writable = await file.createWritable();
      await writable.write(state as Uint8Array<ArrayBuffer>);
      await writable.close();
    },
    async read(sessionId) {
      const dir = await open();
      try {
        const file = await dir.getFileHandle(checkedId(sessionId) + SUFFIX);
        const bytes = new Uint8Array(await (await file.getFile()).arrayBuffer());
        // Empty: made by a first write that was refused (see list), not a copy.
        return bytes.byteLength > 0 ? bytes : null;
      } catch (e) {
        if ((e as Error).name === 'NotFoundError') return null;
        throw e;
      }
    },
    async list() {
      const dir = await open();
      const ids: string[] = [];
      for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) {
        if (!name.endsWith(SUFFIX)) continue;
        const id = name.slice(0, -SUFFIX.length);
        if (!SAFE_ID.test(id)) continue;
        // A first write makes the file at once, empty, and a refused one (a full disk) leaves it so: no copy. Counted
        // as one, the session would never be copied when opened (copyingDocStore.ts), nor from the first screen.
        const file = await (await dir.getFileHandle(name)).getFile().catch(() => null);
        if (file !== null && file.size > 0) ids.push(id);
      }
      return ids.sort();
    },
    async remove(sessionId) {
      const dir = await open();
      try {
        await dir.removeEntry(checkedId(sessionId) + SUFFIX);
      } catch (e) {
        if ((e as Error).name !== 'NotFoundError') throw e;
      }
    },
  };
}

/** Copies held in memory: the same contract, for tests. */
export class MemorySessionCopies implements SessionCopies {
  readonly files = new Map<string, Uint8Array>();
  /** While true, every write is refused, as on a full disk. */
  isFull = false;

  write(sessionId: string, state: Uint8Array): Promise<void> {
    if (this.isFull) return Promise.reject(new DOMException('No space left', 'QuotaExceededError'));
    this.files.set(checkedId(sessionId), state.slice());
    return Promise.resolve();
  }

  read(sessionId: string): Promise<Uint8Array | null> {
    return Promise.resolve(this.files.get(checkedId(sessionId))?.slice() ?? null);
  }

  list(): Promise<string[]> {
    return Promise.resolve([...this.files.keys()].sort());
  }

  remove(sessionId: string): Promise<void> {
    this.files.delete(checkedId(sessionId));
    return Promise.resolve();
  }
}
