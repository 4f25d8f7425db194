/**
 * Where session documents live on the device. A narrow interface with two implementations: IndexedDB (the
 * app) and memory (tests, benchmarks' baselines). Both pass the shared suite in test/unit/storage.
 *
 * The promise behind "Saved": `whenSaved()` resolves only after every update made so far has been committed
 * by IndexedDB, and rejects (for example with a QuotaExceededError) if a write was refused.
 */
import * as Y from 'yjs';

export interface DocHandle {
  readonly sessionId: string;
  readonly doc: Y.Doc;
  /** Resolves when every change made so far is committed to storage; rejects if storage refused one. */
  whenSaved(): Promise<void>;
  /** Stops persisting and releases the document. Waits for pending writes first. */
  close(): Promise<void>;
  /**
   * Drops every change storage refused: resolves with a new handle whose document holds exactly what was
   * committed, and releases this one (its document must no longer be used). For a command whose save failed, so
   * that trying it again makes one record, not two (useSession.ts).
   */
  reload(): Promise<DocHandle>;
}

export interface DocStore {
  /** Opens (creating if needed) the stored document for a session; resolves once its content is loaded. */
  open(sessionId: string): Promise<DocHandle>;
  /** Removes a session's stored document for good. */
  remove(sessionId: string): Promise<void>;
}

/** Tracks pending writes so callers can wait for all of them and hear about the first failure. */
export class WriteTracker {
  private pending = new Set<Promise<void>>();
  private failure: Error | null = null;

  track(write: Promise<void>): void {
    const settled = write.then(
      () => undefined,
      (e: unknown) => {
        this.failure ??= e instanceof Error ? e : new Error(String(e));
      },
    );
    this.pending.add(settled);
    void settled.finally(() => this.pending.delete(settled));
  }

  async whenSettled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
    if (this.failure !== null) {
      const e = this.failure;
      this.failure = null;
      throw e;
    }
  }
}

/** Keeps documents as lists of updates in memory: the same contract, no IndexedDB. */
export class MemoryDocStore implements DocStore {
  private readonly stored = new Map<string, Uint8Array[]>();

  open(sessionId: string): Promise<DocHandle> {
    const doc = new Y.Doc();
    const updates = this.stored.get(sessionId) ?? [];
    this.stored.set(sessionId, updates);
    Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u)), this, false);
    const onUpdate = (update: Uint8Array, origin: unknown): void => {
      if (origin !== this) updates.push(update);
    };
    doc.on('update', onUpdate);
    return Promise.resolve({
      sessionId,
      doc,
      whenSaved: () => Promise.resolve(),
      close: () => {
        doc.off('update', onUpdate);
        doc.destroy();
        return Promise.resolve();
      },
      // Memory never refuses a write: the stored updates are the document.
      reload: async () => {
        doc.off('update', onUpdate);
        doc.destroy();
        return this.open(sessionId);
      },
    });
  }

  remove(sessionId: string): Promise<void> {
    this.stored.delete(sessionId);
    return Promise.resolve();
  }
}
