/**
 * A DocStore whose implementation is loaded on demand: the spare copies' store (copyingDocStore.ts) is not needed
 * to draw the first screen, so it stays out of the first download (README: initial JavaScript). Loading starts at
 * once; a session opened before it is ready waits for it. If it cannot be loaded (offline, before the service
 * worker has cached it), `fallback` is used, so a session always opens; the next call tries loading again.
 */
import type { DocHandle, DocStore } from './docStore';

export class LazyDocStore implements DocStore {
  private loading: Promise<DocStore> | null = null;

  constructor(
    private readonly load: () => Promise<DocStore>,
    private readonly fallback: DocStore,
  ) {
    void this.store();
  }

  private store(): Promise<DocStore> {
    this.loading ??= this.load().catch(() => {
      this.loading = null;
      return this.fallback;
    });
    return this.loading;
  }

  async open(sessionId: string): Promise<DocHandle> {
    return (await this.store()).open(sessionId);
  }

  async remove(sessionId: string): Promise<void> {
    return (await this.store()).remove(sessionId);
  }
}
