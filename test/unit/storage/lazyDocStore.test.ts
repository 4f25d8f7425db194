/**
 * The spare copies' store is loaded on demand (src/storage/lazyDocStore.ts): a session opened before it has loaded
 * waits for it, and one that cannot be loaded never stops a session from opening.
 */
import { describe, expect, it } from 'vitest';
import { CopyingDocStore } from '../../../src/storage/copyingDocStore';
import { MemoryDocStore } from '../../../src/storage/docStore';
import { LazyDocStore } from '../../../src/storage/lazyDocStore';
import { MemorySessionCopies } from '../../../src/storage/sessionCopies';

describe('a store loaded on demand', () => {
  it('Given the copying store still loading, When a session is opened and changed, Then it waits for it and the change is copied', async () => {
    const plain = new MemoryDocStore();
    const copies = new MemorySessionCopies();
    let finish = (): void => undefined;
    const loaded = new Promise<void>((resolve) => (finish = resolve));
    const lazy = new LazyDocStore(() => loaded.then(() => new CopyingDocStore(plain, copies, 60_000)), plain);
    const opening = lazy.open('s1');
    finish();
    const h = await opening;
    h.doc.getMap('proposals').set('p1', { title: 'Youth club' });
    await h.close();
    expect(copies.files.has('s1')).toBe(true);
  });

  it('Given the copying store cannot be loaded (offline, not yet cached), When a session is opened, Then it opens from the plain store, and the next open tries loading again', async () => {
    const plain = new MemoryDocStore();
    const copies = new MemorySessionCopies();
    let isOffline = true;
    const lazy = new LazyDocStore(
      () =>
        isOffline
          ? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
          : Promise.resolve(new CopyingDocStore(plain, copies, 60_000)),
      plain,
    );
    const first = await lazy.open('s1');
    first.doc.getMap('proposals').set('p1', { title: 'Youth club' });
    await first.close();
    expect(copies.files.has('s1')).toBe(false);

    isOffline = false;
    const second = await lazy.open('s1');
    second.doc.getMap('proposals').set('p2', { title: 'Street lights' });
    await second.close();
    expect(copies.files.has('s1')).toBe(true);
  });
});
