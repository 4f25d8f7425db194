/**
 * Whether the tablet is out of space (src/storage/quota.ts, `isOutOfSpace`), which every staff screen shows
 * (src/ui/SpaceNotice.tsx): from the first write storage refuses for want of space until IndexedDB opens again.
 * In Chromium a full disk closes the origin's IndexedDB, and the browser deletes all of it at a later start, so
 * staff must hear it at once, whichever screen was saving.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import { IndexedDbDocStore } from '../../../src/storage/indexedDbDocStore';
import { isOutOfSpace, isQuotaError, noteStorageOpened, watchOutOfSpace } from '../../../src/storage/quota';
import { chromiumDiskFull, CHROMIUM_FULL, type ChromiumDisk } from '../helpers/chromiumDiskFull';

let n = 0;
let disk: ChromiumDisk | null = null;
let heard: boolean[] = [];
let stopWatching = (): void => undefined;

beforeEach(() => {
  noteStorageOpened();
  heard = [];
  stopWatching = watchOutOfSpace((isOut) => heard.push(isOut));
});

afterEach(() => {
  stopWatching();
  disk?.restore();
  disk = null;
  vi.unstubAllGlobals();
  vi.resetModules();
});

/** A stand-in for the tab's sessionStorage, which Node lacks. */
function tabStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('out of space', () => {
  it('Given a session saving on a disk that fills as Chromium’s does, When a change is refused, Then the tablet is out of space at once, still after a reload while the disk is full, and no longer once space is back and a change is stored; the old refusal said again does not bring it back', async () => {
    disk = chromiumDiskFull();
    const store = new IndexedDbDocStore();
    let h = await store.open(`space-${Date.now()}-${n++}`);
    h.doc.getMap('proposals').set('p1', { title: 'Youth club' });
    await h.whenSaved();
    expect(isOutOfSpace()).toBe(false);

    disk.isFull = true;
    h.doc.getMap('proposals').set('p2', { title: 'Street lights' });
    const refusal: unknown = await h.whenSaved().catch((e: unknown) => e);
    expect(refusal).toMatchObject({ message: CHROMIUM_FULL.noSpace });
    // Before any screen put the refusal into words.
    expect(isOutOfSpace()).toBe(true);
    expect(heard).toEqual([true]);

    // The database cannot open while the disk is full: still out of space.
    h = await h.reload();
    h.doc.getMap('proposals').set('p2', { title: 'Street lights' });
    await expect(h.whenSaved()).rejects.toMatchObject({ message: CHROMIUM_FULL.backingStore });
    expect(isOutOfSpace()).toBe(true);

    disk.isFull = false;
    h.doc.getMap('proposals').set('p3', { title: 'Bus shelter' });
    await h.whenSaved();
    expect(isOutOfSpace()).toBe(false);
    expect(heard).toEqual([true, false]);

    // A screen drawn again still says the old refusal was a full disk, and that is no news.
    expect(isQuotaError(refusal)).toBe(true);
    expect(isOutOfSpace()).toBe(false);
    await h.close();
  });

  it('Given a browser that names the refusal (QuotaExceededError, inside Dexie’s AbortError), When a screen puts it into words, Then the tablet is out of space until storage opens again; other errors say nothing of space', () => {
    expect(
      isQuotaError(new Dexie.AbortError('The transaction was aborted', new DOMException('x', 'AbortError'))),
    ).toBe(false);
    expect(isQuotaError(new DOMException(CHROMIUM_FULL.connectionClosed, 'AbortError'))).toBe(false);
    expect(isOutOfSpace()).toBe(false);

    const full = new Dexie.AbortError(
      'The transaction was aborted',
      new DOMException('full', 'QuotaExceededError'),
    );
    expect(isQuotaError(full)).toBe(true);
    expect(isOutOfSpace()).toBe(true);
    expect(isQuotaError(new DOMException(CHROMIUM_FULL.blobs, 'DataError'))).toBe(true);
    expect(heard).toEqual([true]);

    noteStorageOpened();
    expect(isOutOfSpace()).toBe(false);
    expect(heard).toEqual([true, false]);
  });

  it('Given the tab’s sessionStorage, When the page reloads after a refusal, Then it is still out of space until storage opens; a sessionStorage that refuses leaves it in memory', async () => {
    const storage = tabStorage();
    vi.stubGlobal('sessionStorage', storage);
    vi.resetModules();
    const page = await import('../../../src/storage/quota');
    expect(page.isOutOfSpace()).toBe(false);
    page.noteStorageError(new DOMException(CHROMIUM_FULL.noSpace, 'UnknownError'));
    expect(page.isOutOfSpace()).toBe(true);

    vi.resetModules();
    const reloaded = await import('../../../src/storage/quota');
    expect(reloaded.isOutOfSpace()).toBe(true);
    reloaded.noteStorageOpened();
    expect(reloaded.isOutOfSpace()).toBe(false);
    vi.resetModules();
    expect((await import('../../../src/storage/quota')).isOutOfSpace()).toBe(false);

    vi.stubGlobal('sessionStorage', {
      ...storage,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    } satisfies Storage);
    vi.resetModules();
    const refusing = await import('../../../src/storage/quota');
    refusing.noteStorageError(new DOMException('full', 'QuotaExceededError'));
    expect(refusing.isOutOfSpace()).toBe(true);
  });
});
