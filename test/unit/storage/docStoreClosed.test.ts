/**
 * The session store on a full disk as Chromium meets it (test/unit/helpers/chromiumDiskFull.ts): the refused write
 * is an UnknownError, the browser closes every connection of the origin, and opens none until there is space.
 * Before, the handle kept its closed connection for good: every later write was refused ("The database connection
 * is closing.") and a reload could not read, so a session could not save again until the page was reloaded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { DocHandle } from '../../../src/storage/docStore';
import { IndexedDbDocStore } from '../../../src/storage/indexedDbDocStore';
import { isQuotaError } from '../../../src/storage/quota';
import { chromiumDiskFull, CHROMIUM_FULL, type ChromiumDisk } from '../helpers/chromiumDiskFull';

let n = 0;
const freshId = (): string => `closed-${Date.now()}-${n++}`;
const ideas = (doc: Y.Doc): string[] => [...doc.getMap('proposals').keys()].sort();

/** A session holding one stored idea, with the disk still to fill. */
async function sessionWithAnIdea(): Promise<{ store: IndexedDbDocStore; id: string; h: DocHandle }> {
  const store = new IndexedDbDocStore();
  const id = freshId();
  const h = await store.open(id);
  h.doc.getMap('proposals').set('p1', { title: 'Youth club' });
  await h.whenSaved();
  return { store, id, h };
}

/** The ideas the session holds in storage, read by a handle of its own once `h` is closed. */
async function storedIdeas(store: IndexedDbDocStore, id: string, h: DocHandle): Promise<string[]> {
  await h.close();
  const stored = await store.open(id);
  const held = ideas(stored.doc);
  await stored.close();
  return held;
}

let disk: ChromiumDisk | null = null;
afterEach(() => {
  disk?.restore();
  disk = null;
});

describe('a session on a disk that fills as Chromium’s does', () => {
  it('Given a stored idea and the disk full, When a change is refused and the browser closes the database, Then it is said as a full disk, the reload keeps what was stored, and once space is back the next change is stored without opening the session again', async () => {
    disk = chromiumDiskFull();
    const { store, id, h: opened } = await sessionWithAnIdea();
    let h = opened;

    disk.isFull = true;
    h.doc.getMap('proposals').set('refused', { title: 'Never stored' });
    const refusal: unknown = await h.whenSaved().catch((e: unknown) => e);
    expect(refusal).toMatchObject({ name: 'UnknownError', message: CHROMIUM_FULL.noSpace });
    expect(isQuotaError(refusal)).toBe(true);

    // The database cannot be opened while the disk is full: the reload is what this handle knows is stored.
    h = await h.reload();
    expect(ideas(h.doc)).toEqual(['p1']);
    h.doc.getMap('proposals').set('p2', { title: 'Street lights' });
    const again: unknown = await h.whenSaved().catch((e: unknown) => e);
    expect(again).toMatchObject({ name: 'UnknownError', message: CHROMIUM_FULL.backingStore });
    expect(isQuotaError(again)).toBe(true);
    h = await h.reload();
    expect(ideas(h.doc)).toEqual(['p1']);

    // Space is back: the same change, tried again, is stored on the database opened again.
    disk.isFull = false;
    h.doc.getMap('proposals').set('p2', { title: 'Street lights' });
    await h.whenSaved();
    h.doc.getMap('proposals').set('p3', { title: 'Bus shelter' });
    await h.whenSaved();
    expect(await storedIdeas(store, id, h)).toEqual(['p1', 'p2', 'p3']);
  });

  it('Given the browser closed the database for another database’s write (the origin’s connections close together), When a sync writes with no screen waiting and space is back, Then the write opens the database again and stores the whole document, the refused change with it', async () => {
    disk = chromiumDiskFull();
    const { store, id, h } = await sessionWithAnIdea();

    // Another database of the origin (the app's own) is refused, and every connection closes.
    disk.isFull = true;
    const other = await new Promise<IDBDatabase>((resolve) => {
      disk!.isFull = false;
      const request = indexedDB.open(`other-${id}`);
      request.onupgradeneeded = () => request.result.createObjectStore('kv', { autoIncrement: true });
      request.onsuccess = () => resolve(request.result);
    });
    disk.isFull = true;
    const closed = new Promise((resolve) => other.addEventListener('close', resolve));
    other.transaction('kv', 'readwrite').objectStore('kv').add(1);
    await closed;

    h.doc.getMap('proposals').set('p2', { title: 'From the council' });
    await expect(h.whenSaved()).rejects.toMatchObject({ message: CHROMIUM_FULL.backingStore });
    disk.isFull = false;
    h.doc.getMap('proposals').set('p3', { title: 'Bus shelter' });
    await h.whenSaved();
    expect(await storedIdeas(store, id, h)).toEqual(['p1', 'p2', 'p3']);
  });

  it('Given a change refused and the browser’s close still to come, When another change is written on the closing connection and its transaction never says how it ended, Then it is said not saved when the browser closes the connection, and once space is back the next change is stored with it', async () => {
    disk = chromiumDiskFull();
    disk.closesLater = true;
    const { store, id, h } = await sessionWithAnIdea();

    disk.isFull = true;
    h.doc.getMap('proposals').set('refused', { title: 'Never stored' });
    await expect(h.whenSaved()).rejects.toMatchObject({ message: CHROMIUM_FULL.noSpace });
    h.doc.getMap('proposals').set('p2', { title: 'Street lights' });
    const notSaved: unknown = await h.whenSaved().catch((e: unknown) => e);
    expect(notSaved).toBeInstanceOf(Error);
    expect(isQuotaError(notSaved)).toBe(true);

    disk.isFull = false;
    h.doc.getMap('proposals').set('p3', { title: 'Bus shelter' });
    await h.whenSaved();
    expect(await storedIdeas(store, id, h)).toEqual(['p1', 'p2', 'p3', 'refused']);
  });

  it('Given a change refused and the browser’s close still to come, When the screen reloads the session at once and the read on the closing connection never says how it ended, Then the reload keeps what was stored once the browser closes the connection, and once space is back a change is stored', async () => {
    disk = chromiumDiskFull();
    disk.closesLater = true;
    const { store, id, h: opened } = await sessionWithAnIdea();
    let h = opened;

    disk.isFull = true;
    h.doc.getMap('proposals').set('refused', { title: 'Never stored' });
    await expect(h.whenSaved()).rejects.toMatchObject({ message: CHROMIUM_FULL.noSpace });
    h = await h.reload();
    expect(ideas(h.doc)).toEqual(['p1']);

    disk.isFull = false;
    h.doc.getMap('proposals').set('p2', { title: 'Street lights' });
    await h.whenSaved();
    expect(await storedIdeas(store, id, h)).toEqual(['p1', 'p2']);
  });
});
