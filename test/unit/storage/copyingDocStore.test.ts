/**
 * The spare copy of each session kept outside IndexedDB (src/storage/copyingDocStore.ts), on the real session store
 * in fake-indexeddb, with the full disk as Chromium meets it (helpers/chromiumDiskFull.ts). What matters: a copy
 * holds only what storage committed (a change the screen said was not saved, and that the person then makes again,
 * is never in it: bringing the copy back would count it twice), and after a quiet moment it holds all of it.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CopyingDocStore } from '../../../src/storage/copyingDocStore';
import type { DocHandle, DocStore } from '../../../src/storage/docStore';
import { IndexedDbDocStore } from '../../../src/storage/indexedDbDocStore';
import { MemorySessionCopies } from '../../../src/storage/sessionCopies';
import { chromiumDiskFull, type ChromiumDisk } from '../helpers/chromiumDiskFull';
import { PROPERTY_BUDGET_MS } from '../helpers/property';

let n = 0;
const freshId = (): string => `copy-${Date.now()}-${n++}`;
const ideas = (doc: Y.Doc): string[] => [...doc.getMap('proposals').keys()].sort();
const copiedIdeas = (state: Uint8Array | undefined): string[] => {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return ideas(doc);
};

/** What the session's database holds, read by a store of its own. */
async function storedIdeas(id: string): Promise<string[]> {
  const h = await new IndexedDbDocStore().open(id);
  const held = ideas(h.doc);
  await h.close();
  return held;
}

let disk: ChromiumDisk | null = null;
afterEach(() => {
  disk?.restore();
  disk = null;
  vi.useRealTimers();
});

describe('the spare copy of a session', () => {
  it('Given a session, When an idea is added and saved and a second passes, Then the copy holds it, and a second idea is copied a second after it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const copies = new MemorySessionCopies();
    const store = new CopyingDocStore(new IndexedDbDocStore(), copies);
    const id = freshId();
    const h = await store.open(id);
    h.doc.getMap('proposals').set('p1', { title: 'Youth club' });
    await h.whenSaved();
    expect(copies.files.has(id)).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(copiedIdeas(copies.files.get(id))).toEqual(['p1']));

    h.doc.getMap('proposals').set('p2', { title: 'Street lights' });
    await h.whenSaved();
    await vi.advanceTimersByTimeAsync(999);
    expect(copiedIdeas(copies.files.get(id))).toEqual(['p1']);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(copiedIdeas(copies.files.get(id))).toEqual(['p1', 'p2']));
    await h.close();
  });

  it('Given a session whose copy is 2.5 MB, When an idea is saved, Then it is copied two seconds after it, not one (a second per megabyte)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const copies = new MemorySessionCopies();
    const store = new CopyingDocStore(new IndexedDbDocStore(), copies);
    const id = freshId();
    const h = await store.open(id);
    h.doc.getMap('comments').set('long', { text: 'x'.repeat(2_500_000) });
    await h.whenSaved();
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(copies.files.get(id)?.byteLength ?? 0).toBeGreaterThan(2_500_000));

    h.doc.getMap('proposals').set('p1', { title: 'Youth club' });
    await h.whenSaved();
    await vi.advanceTimersByTimeAsync(1999);
    expect(copiedIdeas(copies.files.get(id))).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(copiedIdeas(copies.files.get(id))).toEqual(['p1']));
    await h.close();
  });

  it('Given a change made just before the session is closed, When it closes, Then the copy holds the change without waiting', async () => {
    const copies = new MemorySessionCopies();
    const store = new CopyingDocStore(new IndexedDbDocStore(), copies, 60_000);
    const id = freshId();
    const h = await store.open(id);
    h.doc.getMap('proposals').set('p1', { title: 'Youth club' });
    await h.close();
    expect(copiedIdeas(copies.files.get(id))).toEqual(['p1']);
    expect(await storedIdeas(id)).toEqual(['p1']);
  });

  it('Given a session stored before copies were kept, When it is opened and closed unchanged, Then it gets a copy; opened again with one, it is not written again', async () => {
    const id = freshId();
    const plain = await new IndexedDbDocStore().open(id);
    plain.doc.getMap('proposals').set('p1', { title: 'Youth club' });
    await plain.close();

    const copies = new MemorySessionCopies();
    let writes = 0;
    const write = copies.write.bind(copies);
    copies.write = (sessionId, state) => {
      writes += 1;
      return write(sessionId, state);
    };
    const store = new CopyingDocStore(new IndexedDbDocStore(), copies, 60_000);
    await (await store.open(id)).close();
    expect(copiedIdeas(copies.files.get(id))).toEqual(['p1']);
    expect(writes).toBe(1);
    await (await store.open(id)).close();
    expect(writes).toBe(1);
  });

  it('Given an empty session (none made yet), When it is opened and closed, Then no copy is made', async () => {
    const copies = new MemorySessionCopies();
    const store = new CopyingDocStore(new IndexedDbDocStore(), copies, 60_000);
    await (await store.open(freshId())).close();
    expect(copies.files.size).toBe(0);
  });

  it('Given a copy and the copies refused (no space), When an idea is saved, Then the old copy stays whole; once there is space, the next change brings the copy up to date', async () => {
    const copies = new MemorySessionCopies();
    const store = new CopyingDocStore(new IndexedDbDocStore(), copies, 60_000);
    const id = freshId();
    let h = await store.open(id);
    h.doc.getMap('proposals').set('p1', { title: 'Youth club' });
    await h.close();
    h = await store.open(id);
    copies.isFull = true;
    h.doc.getMap('proposals').set('p2', { title: 'Street lights' });
    await h.close();
    expect(copiedIdeas(copies.files.get(id))).toEqual(['p1']);
    copies.isFull = false;
    h = await store.open(id);
    h.doc.getMap('proposals').set('p3', { title: 'Benches' });
    await h.close();
    expect(copiedIdeas(copies.files.get(id))).toEqual(['p1', 'p2', 'p3']);
  });

  it('Given the disk full as Chromium’s, When an idea is refused and the screen reloads the session, Then the refused idea is never copied, and the copy holds what was stored', async () => {
    disk = chromiumDiskFull();
    const copies = new MemorySessionCopies();
    const store = new CopyingDocStore(new IndexedDbDocStore(), copies, 60_000);
    const id = freshId();
    let h = await store.open(id);
    h.doc.getMap('proposals').set('p1', { title: 'Youth club' });
    await h.whenSaved();
    disk.isFull = true;
    h.doc.getMap('proposals').set('refused', { title: 'Never stored' });
    await expect(h.whenSaved()).rejects.toBeDefined();
    h = await h.reload();
    disk.isFull = false;
    await h.close();
    expect(copiedIdeas(copies.files.get(id))).toEqual(['p1']);
    expect(await storedIdeas(id)).toEqual(['p1']);
  });

  it('Given a copy being written and a change the full disk refused, When the screen reloads the session and the council’s sync puts an update into the old document before the copy is written, Then the refused change is not stored behind the screen’s back, nor in the reloaded document', async () => {
    disk = chromiumDiskFull();
    const copies = new MemorySessionCopies();
    let writeStarted = (): void => undefined;
    const started = new Promise<void>((resolve) => (writeStarted = resolve));
    let letWrite = (): void => undefined;
    const gate = new Promise<void>((resolve) => (letWrite = resolve));
    const write = copies.write.bind(copies);
    copies.write = async (sessionId, state) => {
      writeStarted();
      await gate;
      return write(sessionId, state);
    };
    const store = new CopyingDocStore(new IndexedDbDocStore(), copies, 0);
    const id = freshId();
    const h = await store.open(id);
    h.doc.getMap('proposals').set('p1', { title: 'Youth club' });
    await h.whenSaved();
    // The copy of p1 is under way (its file still being written) when the next idea is refused.
    await started;
    disk.isFull = true;
    h.doc.getMap('proposals').set('refused', { title: 'Never stored' });
    await expect(h.whenSaved()).rejects.toBeDefined();
    // The screen reloads at once (useSession.ts); the sync is still attached to the old document for a moment.
    const reloading = h.reload();
    disk.isFull = false;
    const council = new Y.Doc();
    council.getMap('proposals').set('c1', { title: 'From the council' });
    Y.applyUpdate(h.doc, Y.encodeStateAsUpdate(council), 'council');
    await h.whenSaved().catch(() => undefined);
    letWrite();
    const fresh = await reloading;
    expect(ideas(fresh.doc)).not.toContain('refused');
    await fresh.close();
    expect(await storedIdeas(id)).not.toContain('refused');
    expect(copiedIdeas(copies.files.get(id))).not.toContain('refused');
  });

  it('Given a session closing, When a change comes while the last copy waits for storage and the full disk refuses it, Then the copy does not hold it', async () => {
    disk = chromiumDiskFull();
    const copies = new MemorySessionCopies();
    const idb = new IndexedDbDocStore();
    let isClosing = false;
    // The store as the copying one sees it: as the copy asks whether all is saved, a command whose screen has just
    // closed (its resident's record signed meanwhile) writes its change, and the disk refuses it.
    const inner: DocStore = {
      remove: (sessionId) => idb.remove(sessionId),
      open: async (sessionId) => {
        const h = await idb.open(sessionId);
        return {
          ...h,
          sessionId: h.sessionId,
          doc: h.doc,
          whenSaved: () => {
            const saved = h.whenSaved();
            if (isClosing) {
              isClosing = false;
              disk!.isFull = true;
              h.doc.getMap('proposals').set('late', { title: 'Refused as the screen closed' });
            }
            return saved;
          },
        };
      },
    };
    const store = new CopyingDocStore(inner, copies, 60_000);
    const id = freshId();
    const h = await store.open(id);
    h.doc.getMap('proposals').set('p1', { title: 'Youth club' });
    await h.whenSaved();
    isClosing = true;
    await h.close();
    disk.isFull = false;
    expect(await storedIdeas(id)).toEqual(['p1']);
    expect(copiedIdeas(copies.files.get(id))).not.toContain('late');
  });

  it('Given a file system that never answers (listing and writing hang), When a session is opened, changed, closed and opened again, Then none of it waits for the copies', async () => {
    const copies = new MemorySessionCopies();
    const never = new Promise<never>(() => undefined);
    copies.list = () => never;
    copies.write = () => never;
    const store = new CopyingDocStore(new IndexedDbDocStore(), copies, 0);
    const id = freshId();
    const h = await store.open(id);
    h.doc.getMap('proposals').set('p1', { title: 'Youth club' });
    await h.whenSaved();
    await h.close();
    const again = await store.open(id);
    expect(ideas(again.doc)).toEqual(['p1']);
    await again.close();
  });

  it('Given a copy slow to write, When newer states come meanwhile, Then only the newest is written after it, never an older one last', async () => {
    const copies = new MemorySessionCopies();
    const order: string[][] = [];
    let letFirst = (): void => undefined;
    const first = new Promise<void>((resolve) => (letFirst = resolve));
    const write = copies.write.bind(copies);
    copies.write = async (sessionId, state) => {
      const held = copiedIdeas(state);
      if (order.length === 0) {
        order.push(held);
        await first;
      } else order.push(held);
      return write(sessionId, state);
    };
    const store = new CopyingDocStore(new IndexedDbDocStore(), copies, 60_000);
    const id = freshId();
    let h = await store.open(id);
    h.doc.getMap('proposals').set('p1', { title: 'Youth club' });
    await h.close();
    for (const key of ['p2', 'p3']) {
      h = await store.open(id);
      h.doc.getMap('proposals').set(key, { title: key });
      await h.close();
    }
    letFirst();
    await vi.waitFor(() => expect(copiedIdeas(copies.files.get(id))).toEqual(['p1', 'p2', 'p3']));
    // The state with p2 alone was dropped for the newer one while the first write was under way.
    expect(order).toEqual([['p1'], ['p1', 'p2', 'p3']]);
  });

  it('Given the session removed from the tablet, Then its copy goes too', async () => {
    const copies = new MemorySessionCopies();
    const store = new CopyingDocStore(new IndexedDbDocStore(), copies, 60_000);
    const id = freshId();
    const h = await store.open(id);
    h.doc.getMap('proposals').set('p1', { title: 'Youth club' });
    await h.close();
    expect(copies.files.has(id)).toBe(true);
    await store.remove(id);
    expect(copies.files.has(id)).toBe(false);
  });

  it(
    'Property: whatever the order of changes, refusals (a full disk as Chromium’s), saves, reloads and time passing, every copy holds only what storage committed (never an idea the screen dropped as not saved), and once the disk has space and the session closes the copy holds exactly what is stored',
    async () => {
      type Op =
        { kind: 'idea' } | { kind: 'settle' } | { kind: 'full'; on: boolean } | { kind: 'tick'; ms: number };
      const op: fc.Arbitrary<Op> = fc.oneof(
        { weight: 4, arbitrary: fc.constant({ kind: 'idea' as const }) },
        { weight: 3, arbitrary: fc.constant({ kind: 'settle' as const }) },
        { weight: 2, arbitrary: fc.boolean().map((on) => ({ kind: 'full' as const, on })) },
        {
          weight: 3,
          arbitrary: fc.integer({ min: 0, max: 1500 }).map((ms) => ({ kind: 'tick' as const, ms })),
        },
      );
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), async (ops) => {
          disk = chromiumDiskFull();
          vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
          const copies = new MemorySessionCopies();
          const written: string[][] = [];
          const write = copies.write.bind(copies);
          copies.write = (sessionId, state) => {
            written.push(copiedIdeas(state));
            return write(sessionId, state);
          };
          const store = new CopyingDocStore(new IndexedDbDocStore(), copies);
          const id = freshId();
          let h: DocHandle = await store.open(id);
          // As a screen does: it waits for its change to be saved while time goes on; a refused save is reloaded,
          // dropping the change (the person makes it again, as a new one).
          let saving: Promise<boolean>[] = [];
          const settle = async (): Promise<void> => {
            const refused = (await Promise.all(saving)).some(Boolean);
            saving = [];
            if (refused) h = await h.reload();
          };
          try {
            let made = 0;
            for (const o of ops) {
              if (o.kind === 'full') disk.isFull = o.on;
              if (o.kind === 'tick') await vi.advanceTimersByTimeAsync(o.ms);
              if (o.kind === 'settle') await settle();
              if (o.kind === 'idea') {
                const key = `i${made++}`;
                h.doc.getMap('proposals').set(key, { title: key });
                saving.push(
                  h.whenSaved().then(
                    () => false,
                    () => true,
                  ),
                );
              }
            }
            await settle();
            disk.isFull = false;
            await h.close();
            vi.useRealTimers();
            const stored = await storedIdeas(id);
            for (const copy of written) expect(stored).toEqual(expect.arrayContaining(copy));
            expect(copiedIdeas(copies.files.get(id))).toEqual(stored);
          } finally {
            vi.useRealTimers();
            disk.restore();
            disk = null;
          }
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_BUDGET_MS,
  );
});
