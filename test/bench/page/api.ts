/** What the storage bench page puts on `window.bench`, shared by the page and the Node side that drives it. */

export interface ReopenSample {
  /** open() + viewSession(): from nothing in memory to a session the screens can show. */
  totalMs: number;
  openMs: number;
  viewMs: number;
  visibleProposals: number;
}

export interface WriteSample {
  /** The command and `await handle.whenSaved()`: from a resident's tap to "Saved". */
  totalMs: number;
  commandMs: number;
  commitMs: number;
  updateBytes: number;
}

export interface BenchPageApi {
  /** Fetches the workshop day's encoded doc; returns its size in bytes. */
  load(url: string): Promise<number>;
  /** Stores the loaded doc through IndexedDbDocStore (open, apply, whenSaved, close). */
  store(sessionId: string): Promise<void>;
  reopen(sessionId: string): Promise<ReopenSample>;
  /** Baseline: Y.applyUpdate of the same bytes into a new Y.Doc; returns ms. */
  decode(): number;
  /** A resident on a new device comments `n` times, each one awaited until committed. */
  writes(sessionId: string, n: number): Promise<WriteSample[]>;
  /** Baseline: `n` bare IndexedDB transactions, each adding one row of `bytes` bytes; returns ms each. */
  rawWrites(n: number, bytes: number): Promise<number[]>;
}

export interface BenchWindow {
  bench: BenchPageApi;
}
