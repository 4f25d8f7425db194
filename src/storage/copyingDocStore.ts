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
  /** The sessions known to have a copy, once listed, so opening one does not copy it again. */
  private withCopy: Set<string> | null = null;
  /** Per session, the newest state waiting to be written (older ones are dropped), and the writing under way. */
  private readonly pending = new Map<string, Uint8Array>();
  private readonly writing = new Map<string, Promise<void>>();

  constructor(
    private readonly inner: DocStore,
    readonly copies: SessionCopies,
    private readonly delayMs = 1000,
  ) {
    copies.list().then(
      (ids) => (this.withCopy = new Set(ids)),
      () => undefined,
    );
  }

  /**
   * Opening never waits for the copies: a session opened before they are listed (or when they cannot be) is
   * copied as one without a copy, which costs one copy too many at most.
   */
  async open(sessionId: string): Promise<DocHandle> {
    const handle = await this.inner.open(sessionId);
    return this.wrap(handle, !this.withCopy?.has(sessionId));
  }

  async remove(sessionId: string): Promise<void> {
    await this.inner.remove(sessionId);
    this.pending.delete(sessionId);
    await this.writing.get(sessionId);
    await this.copies.remove(sessionId);
    this.withCopy?.delete(sessionId);
  }

  /**
   * Writes `state` as the session's copy in the background: nothing waits for it (a file system that is slow or
   * never answers holds up no screen), one write at a time per session, and only the newest state waiting, so an
   * older one is never written after a newer one. A refused write leaves the previous copy.
   */
  private put(sessionId: string, state: Uint8Array): void {
    this.pending.set(sessionId, state);
    if (this.writing.has(sessionId)) return;
    const drain = async (): Promise<void> => {
      for (let next = this.pending.get(sessionId); next; next = this.pending.get(sessionId)) {
        this.pending.delete(sessionId);
        try {
          await this.copies.write(sessionId, next);
          this.withCopy?.add(sessionId);
        } catch {
          // The previous copy stays; made again after the next change.
        }
      }
    };
    this.writing.set(
      sessionId,
      drain().finally(() => this.writing.delete(sessionId)),
    );
  }

  /** `isNew`: the document has no copy yet, so it is copied even if it does not change. */
  private wrap(handle: DocHandle, isNew: boolean): DocHandle {
    const { doc, sessionId } = handle;
    const { delayMs } = this;
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
        const state = Y.encodeStateAsUpdate(doc);
        size = state.byteLength;
        this.put(sessionId, state);
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
