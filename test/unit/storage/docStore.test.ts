/**
 * The contract every DocStore must keep, run against both implementations, plus the IndexedDB store's own
 * promise: whenSaved() means IndexedDB committed, and a refused write is reported, never lost silently.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { MemoryDocStore, type DocHandle, type DocStore } from '../../../src/storage/docStore';
import { IndexedDbDocStore, sessionDbName } from '../../../src/storage/indexedDbDocStore';

const stores: [string, () => DocStore][] = [
  ['memory', () => new MemoryDocStore()],
  ['IndexedDB', () => new IndexedDbDocStore()],
];

let n = 0;
const freshId = (): string => `test-${Date.now()}-${n++}`;

describe.each(stores)('DocStore contract: %s', (_name, makeStore) => {
  it('Given a written document, When it is closed and reopened, Then its content is back', async () => {
    const store = makeStore();
    const id = freshId();
    const first = await store.open(id);
    first.doc.getMap('proposals').set('p1', { title: 'Youth club' });
    first.doc.getMap('proposals').set('p2', { title: 'Street lights' });
    await first.whenSaved();
    await first.close();

    const again = await store.open(id);
    expect(again.doc.getMap('proposals').toJSON()).toEqual({
      p1: { title: 'Youth club' },
      p2: { title: 'Street lights' },
    });
    await again.close();
  });

  it('Given two sessions, When each is written, Then neither sees the other', async () => {
    const store = makeStore();
    const [a, b] = [freshId(), freshId()];
    const da = await store.open(a);
    const db = await store.open(b);
    da.doc.getMap('m').set('k', 'a');
    db.doc.getMap('m').set('k', 'b');
    await Promise.all([da.whenSaved(), db.whenSaved()]);
    await Promise.all([da.close(), db.close()]);
    const ra = await store.open(a);
    expect(ra.doc.getMap('m').get('k')).toBe('a');
    await ra.close();
  });

  it('Given a removed session, When it is opened again, Then it is empty', async () => {
    const store = makeStore();
    const id = freshId();
    const h = await store.open(id);
    h.doc.getMap('m').set('k', 1);
    await h.whenSaved();
    await h.close();
    await store.remove(id);
    const again = await store.open(id);
    expect(again.doc.getMap('m').size).toBe(0);
    await again.close();
  });

  it('Given many small writes, When reopened, Then every one is there exactly once', async () => {
    const store = makeStore();
    const id = freshId();
    const h = await store.open(id);
    for (let i = 0; i < 600; i++) h.doc.getMap('comments').set(`c${i}`, { i });
    await h.whenSaved();
    await h.close();
    const again = await store.open(id);
    const comments = again.doc.getMap('comments');
    expect(comments.size).toBe(600);
    expect(comments.get('c599')).toEqual({ i: 599 });
    await again.close();
  });
});

describe('IndexedDbDocStore: Saved means committed', () => {
  afterEach(() => {
    restoreAdd?.();
    restoreAdd = null;
  });

  it('Given a write, When whenSaved resolves, Then a second, independent connection already reads it', async () => {
    const store = new IndexedDbDocStore();
    const id = freshId();
    const h = await store.open(id);
    h.doc.getMap('ballots').set('participant-1', { dots: { p1: 2 } });
    await h.whenSaved();

    const reader = new Y.Doc();
    const other = new IndexeddbPersistence(sessionDbName(id), reader);
    await other.whenSynced;
    expect(reader.getMap('ballots').get('participant-1')).toEqual({ dots: { p1: 2 } });
    await other.destroy();
    await h.close();
  });

  it('Given IndexedDB refuses a write (quota), When the app waits for Saved, Then it hears the error instead', async () => {
    const store = new IndexedDbDocStore();
    const id = freshId();
    const h = await store.open(id);
    void failNextAdd();
    h.doc.getMap('proposals').set('p1', { title: 'Community garden' });
    await expect(h.whenSaved()).rejects.toMatchObject({ name: 'QuotaExceededError' });

    // The failure is reported once; the next write that succeeds stores what the failed one could not.
    h.doc.getMap('proposals').set('p2', { title: 'Bike workshop' });
    await expect(h.whenSaved()).resolves.toBeUndefined();
    await h.close();
    const again = await store.open(id);
    expect(Object.keys(again.doc.getMap('proposals').toJSON()).sort()).toEqual(['p1', 'p2']);
    await again.close();
  });

  it('Given a write refused and another made before the refusal was known, When each waits for its save, Then every wait hears that not everything is stored (the refusal is not used up by the first)', async () => {
    const store = new IndexedDbDocStore();
    const h = await store.open(freshId());
    void failNextAdd();
    h.doc.getMap('proposals').set('a', { title: 'Refused' });
    h.doc.getMap('proposals').set('b', { title: 'Written after it' });
    const [first, second] = await Promise.allSettled([h.whenSaved(), h.whenSaved()]);
    expect(first.status).toBe('rejected');
    expect(second.status).toBe('rejected');
    await expect(h.whenSaved()).rejects.toMatchObject({ name: 'QuotaExceededError' });
    await h.close();
  });

  it('Given a write refused that nobody waited for, When a later write stores the whole document, Then its save succeeds (an old refusal is not the later save’s)', async () => {
    const store = new IndexedDbDocStore();
    const id = freshId();
    const h = await store.open(id);
    const aborted = failNextAdd();
    h.doc.getMap('proposals').set('a', { title: 'Arrived from the council while the disk was full' });
    await aborted;
    h.doc.getMap('proposals').set('b', { title: 'Homework club' });
    await expect(h.whenSaved()).resolves.toBeUndefined();
    await h.close();
    const again = await store.open(id);
    expect(Object.keys(again.doc.getMap('proposals').toJSON()).sort()).toEqual(['a', 'b']);
    await again.close();
  });

  it('Given IndexedDB refused a write, When the handle is reloaded, Then the refused change is gone from the document and from storage, and what was committed is kept', async () => {
    const store = new IndexedDbDocStore();
    const id = freshId();
    const h = await store.open(id);
    h.doc.getMap('proposals').set('p1', { title: 'Community garden' });
    await h.whenSaved();
    void failNextAdd();
    h.doc.getMap('proposals').set('p2', { title: 'Homework club' });
    await expect(h.whenSaved()).rejects.toMatchObject({ name: 'QuotaExceededError' });

    const again = await h.reload();
    expect(Object.keys(again.doc.getMap('proposals').toJSON())).toEqual(['p1']);
    // Trying again makes the one record, and the next write stores no trace of the refused one.
    again.doc.getMap('proposals').set('p3', { title: 'Homework club' });
    await again.whenSaved();
    await again.close();
    const last = await store.open(id);
    expect(Object.keys(last.doc.getMap('proposals').toJSON()).sort()).toEqual(['p1', 'p3']);
    await last.close();
  });

  it('Given a reloaded handle, When it writes enough to be compacted and is reopened, Then everything is there once', async () => {
    const store = new IndexedDbDocStore();
    const id = freshId();
    const h = await store.open(id);
    void failNextAdd();
    h.doc.getMap('comments').set('refused', { text: 'never stored' });
    await expect(h.whenSaved()).rejects.toMatchObject({ name: 'QuotaExceededError' });
    const again = await h.reload();
    // The compaction waits a second after the last write: that second is the test's to give.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      for (let i = 0; i < 600; i++) again.doc.getMap('comments').set(`c${i}`, { text: `comment ${i}` });
      await again.whenSaved();
      vi.advanceTimersByTime(1000);
      await again.whenSaved();
    } finally {
      vi.useRealTimers();
    }
    // Compacted: the 600 writes are one stored state now (the compaction read the new document).
    const rows = await countRows(id);
    expect(rows).toBeLessThan(10);
    await again.close();
    const last = await store.open(id);
    const keys = Object.keys(last.doc.getMap('comments').toJSON());
    expect(keys).toHaveLength(600);
    expect(keys).not.toContain('refused');
    await last.close();
  });

  it('Given a compaction under way, When a resident’s change written behind it is committed but the compaction is refused (disk full), Then the change’s save succeeds (a refused compaction loses nothing), so trying again cannot make a second record', async () => {
    const stored = await duringCompaction(async (h) => {
      h.doc.getMap('proposals').set('p1', { title: 'Youth club' });
      // The next add is the compaction's, of the whole document.
      const compactionRefused = failNextAdd();
      await expect(h.whenSaved()).resolves.toBeUndefined();
      await compactionRefused;
    });
    // Not compacted: the 500 rows and the idea's.
    expect(stored).toEqual({ rows: 501, proposals: { p1: { title: 'Youth club' } }, comments: 500 });
  });

  it('Given a compaction under way, When a resident’s change made before it read the document is refused but the compaction stores it, Then the change’s save succeeds: it is stored, and a reload would have kept it beside the one tried again', async () => {
    const stored = await duringCompaction(async (h) => {
      // The idea's own write is refused; the compaction, already started, reads the document after it.
      const refused = failNextAdd();
      h.doc.getMap('proposals').set('p1', { title: 'Youth club' });
      await refused;
      await expect(h.whenSaved()).resolves.toBeUndefined();
    });
    expect(stored).toEqual({ rows: 1, proposals: { p1: { title: 'Youth club' } }, comments: 500 });
  });
});

describe('IndexedDbDocStore: a full disk', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    restoreWrites?.();
    restoreWrites = null;
    process.off('unhandledRejection', onUnhandled);
  });

  it('Given a stored session, When it is opened while every write is refused, Then it opens with all it holds, nothing is written or thrown, and a change is reported as not saved', async () => {
    const store = new IndexedDbDocStore();
    const id = freshId();
    const first = await store.open(id);
    first.doc.getMap('proposals').set('p1', { title: 'Youth club' });
    await first.whenSaved();
    await first.close();

    const refused = refuseEveryWrite();
    const again = await store.open(id);
    expect(again.doc.getMap('proposals').toJSON()).toEqual({ p1: { title: 'Youth club' } });
    const refusedOnOpening = refused.count;
    again.doc.getMap('proposals').set('p2', { title: 'Street lights' });
    await expect(again.whenSaved()).rejects.toMatchObject({ name: 'QuotaExceededError' });
    // Closed with the refused change still left out, and the disk still full: one last try, refused, said by nobody.
    await expect(again.close()).resolves.toBeUndefined();

    restoreWrites?.();
    const last = await store.open(id);
    expect(last.doc.getMap('proposals').toJSON()).toEqual({ p1: { title: 'Youth club' } });
    await last.close();
    expect(unhandled).toEqual([]);
    expect(refusedOnOpening).toBe(0);
    // The change, then the last try on closing.
    expect(refused.count).toBe(2);
  });

  it('Given another connection stored a change after this one read the session, When this one compacts, Then the stored state holds both', async () => {
    const store = new IndexedDbDocStore();
    const id = freshId();
    const h = await store.open(id);
    const other = await store.open(id);
    other.doc.getMap('comments').set('from-the-other-tab', { text: 'kept' });
    await other.whenSaved();
    await other.close();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      for (let i = 0; i < 600; i++) h.doc.getMap('comments').set(`c${i}`, { i });
      await h.whenSaved();
      vi.advanceTimersByTime(1000);
      await h.whenSaved();
    } finally {
      vi.useRealTimers();
    }
    expect(await countRows(id)).toBeLessThan(10);
    await h.close();
    const last = await store.open(id);
    expect(last.doc.getMap('comments').size).toBe(601);
    expect(last.doc.getMap('comments').get('from-the-other-tab')).toEqual({ text: 'kept' });
    await last.close();
    expect(unhandled).toEqual([]);
  });
});

/**
 * A session of 500 stored comments whose compaction has just started (it reads every row before it writes):
 * `during` runs then, the compaction's timer stopped. Then what storage holds: its rows and the session read again.
 */
async function duringCompaction(
  during: (h: DocHandle) => Promise<void>,
): Promise<{ rows: number; proposals: unknown; comments: number }> {
  const store = new IndexedDbDocStore();
  const id = freshId();
  const h = await store.open(id);
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    for (let i = 0; i < 500; i++) h.doc.getMap('comments').set(`c${i}`, { i });
    await h.whenSaved();
    vi.advanceTimersByTime(1000);
    await during(h);
  } finally {
    vi.useRealTimers();
  }
  const rows = await countRows(id);
  await h.close();
  const last = await store.open(id);
  const proposals: unknown = last.doc.getMap('proposals').toJSON();
  const comments = last.doc.getMap('comments').size;
  await last.close();
  return { rows, proposals, comments };
}

let restoreWrites: (() => void) | null = null;

/**
 * Every IndexedDB write (add, put) from now on is refused as test/e2e/support/diskFull.ts models a full disk in
 * Chromium: its transaction aborts at once with a QuotaExceededError; reads go on working.
 */
function refuseEveryWrite(): { count: number } {
  const proto = IDBObjectStore.prototype;
  const refused = { count: 0 };
  const restores: (() => void)[] = [];
  for (const method of ['add', 'put'] as const) {
    const original = Reflect.get<IDBObjectStore, typeof method>(proto, method);
    restores.push(() => {
      proto[method] = original;
    });
    proto[method] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      const request = original.apply(this, args);
      refused.count += 1;
      Object.defineProperty(this.transaction, 'error', {
        configurable: true,
        value: new DOMException('The disk is full', 'QuotaExceededError'),
      });
      this.transaction.abort();
      return request;
    };
  }
  restoreWrites = () => {
    restores.forEach((restore) => restore());
    restoreWrites = null;
  };
  return refused;
}

let restoreAdd: (() => void) | null = null;

/** Makes the next IDBObjectStore.add fail the way a full disk does: the transaction aborts with QuotaExceededError. */
function failNextAdd(): Promise<void> {
  const proto = IDBObjectStore.prototype;
  const original = Reflect.get<IDBObjectStore, 'add'>(proto, 'add');
  restoreAdd = () => {
    proto.add = original;
  };
  // Resolves once the refused transaction has aborted (its refusal has reached the store's writer).
  return new Promise((aborted) => {
    proto.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      proto.add = original;
      restoreAdd = null;
      const request = original.apply(this, args);
      const tx = this.transaction;
      tx.addEventListener('abort', () => queueMicrotask(aborted));
      queueMicrotask(() => {
        Object.defineProperty(tx, 'error', {
          value: new DOMException('The disk is full', 'QuotaExceededError'),
        });
        tx.abort();
      });
      return request;
    };
  });
}

/** How many updates the session's database holds (each write adds one; a compaction leaves one). */
function countRows(sessionId: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(sessionDbName(sessionId));
    open.onerror = () => reject(open.error ?? new Error('open failed'));
    open.onsuccess = () => {
      const db = open.result;
      const count = db.transaction(['updates'], 'readonly').objectStore('updates').count();
      count.onsuccess = () => {
        db.close();
        resolve(count.result);
      };
      count.onerror = () => reject(count.error ?? new Error('count failed'));
    };
  });
}
