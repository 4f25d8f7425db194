/**
 * Keeps a spare copy of every session document outside IndexedDB (src/storage/sessionCopies.ts says why: Chromium
 * deletes the app's IndexedDB after a full disk), around the store that holds the documents.
 *
 * What a copy holds: the whole document as storage had committed it. A copy is made a moment (`delayMs`) after the
 * document changes, once `whenSaved()` has said every change so far is committed and no change came meanwhile; so a
 * change the disk refused (which the screen drops and the person tries again: `reload()`) is never in a copy, and
 * bringing a copy back never counts anything twice. A document is copied too when it is opened (so sessions made
 * before copies existed get one) and when it is closed with a change not yet copied. An empty document (a session
 * not yet made) is not copied. A copy that cannot be written (a full disk) leaves the previous one, and is made
 * again after the next change or open.
 */
import * as Y from 'yjs';
import type { DocHandle, DocStore } from './docStore';
import type { SessionCopies } from './sessionCopies';

export class CopyingDocStore implements DocStore {
  /** The sessions known to have a copy (read once), so opening one does not copy it again. */
  private withCopy: Promise<Set<string>> | null = null;

  constructor(
    private readonly inner: DocStore,
    readonly copies: SessionCopies,
    private readonly delayMs = 1000,
  ) {}

  async open(sessionId: string): Promise<DocHandle> {
    const handle = await this.inner.open(sessionId);
    const hasCopy = await this.knownCopies().then(
      (ids) => ids.has(sessionId),
      () => false,
    );
    return this.wrap(handle, !hasCopy);
  }

  async remove(sessionId: string): Promise<void> {
    await this.inner.remove(sessionId);
    await this.copies.remove(sessionId);
    (await this.knownCopies().catch(() => null))?.delete(sessionId);
  }

  private knownCopies(): Promise<Set<string>> {
    this.withCopy ??= this.copies.list().then((ids) => new Set(ids));
    this.withCopy.catch(() => (this.withCopy = null));
    return this.withCopy;
  }

  /** `isNew`: the document has no copy yet, so it is copied even if it does not change. */
  private wrap(handle: DocHandle, isNew: boolean): DocHandle {
    const { doc, sessionId } = handle;
    const { copies, delayMs } = this;
    /** Changes seen so far, and how many of them are in the copy. */
    let changes = isNew ? 1 : 0;
    let copied = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let running: Promise<void> | null = null;
    let isReleased = false;
    /** The last copy's size: a large document is copied less often (a second per megabyte), so copying it costs
     * little of the device's time (an officer's laptop syncing a 50 MB session: once in 50 s, not every second). */
    let size = 0;
    const wait = (): number => Math.max(delayMs, Math.floor(size / 1_000_000) * delayMs);

    /** Copies the document if storage has committed all of it; true when a change came meanwhile (copy again). */
    const copy = async (): Promise<boolean> => {
      const seen = changes;
      try {
        await handle.whenSaved();
      } catch {
        // Refused: what is committed is not known here; the next change, or the reloaded document, is copied.
        return false;
      }
      if (seen !== changes) return true;
      if (isReleased && doc.isDestroyed) return false;
      if (doc.store.clients.size > 0) {
        try {
          const state = Y.encodeStateAsUpdate(doc);
          size = state.byteLength;
          await copies.write(sessionId, state);
          (await this.knownCopies().catch(() => null))?.add(sessionId);
        } catch {
          // The previous copy stays; made again after the next change.
          return false;
        }
      }
      copied = seen;
      return false;
    };
    const later = (after: number): void => {
      if (timer !== null || running !== null || isReleased) return;
      timer = setTimeout(() => {
        timer = null;
        running = copy().then((again) => {
          running = null;
          if (again) later(wait());
        });
      }, after);
    };
    const onUpdate = (): void => {
      changes += 1;
      later(wait());
    };
    doc.on('update', onUpdate);
    if (isNew) later(delayMs);

    /** No copy is started from here on. Changes are still counted until the last copy is over: one that comes
     * while a copy waits for storage (a command finishing as its screen closes) may be refused, and is not copied. */
    const stop = (): void => {
      isReleased = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    };
    return {
      sessionId,
      doc,
      whenSaved: () => handle.whenSaved(),
      close: async () => {
        stop();
        // The last change, copied before the document is let go (a copy under way finishes first); tried again
        // while changes keep coming as it waits for storage, a few times at most.
        await running;
        for (let tries = 0; tries < 3 && changes !== copied && (await copy()); tries += 1);
        doc.off('update', onUpdate);
        await handle.close();
      },
      reload: async () => {
        stop();
        // The store stops writing this document at once: a change that came meanwhile (the council's sync is still
        // attached to it for a moment) would store the whole document, with the change the screen is dropping. A
        // copy under way finishes meanwhile. The reloaded document holds what storage committed: copied as it is.
        const [fresh] = await Promise.all([handle.reload(), running]);
        doc.off('update', onUpdate);
        return this.wrap(fresh, true);
      },
    };
  }
}
