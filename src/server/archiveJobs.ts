/**
 * Archive work the sync server hands to a thread of its own (archiveWorker.ts): compacting a session nobody has
 * open. Done on the server's own thread, a day-sized session's compaction held every socket and /api/health for
 * 150 ms and more (a few thousand rows; more for more), each time a session's last device left.
 *
 * One worker, started on first use, one job at a time in the order asked; a job for a session already waiting is
 * not queued twice. `close` stops the thread: a compaction cut short is rolled back by SQLite and done again the
 * next time the session is left. A database in memory (no file a second connection could open) is compacted
 * here, on this thread, as before.
 */
import { Worker } from 'node:worker_threads';
import { CompactionError, compactSession, rowsSinceSnapshot, type CompactionResult } from './compaction';
import type { Store } from './store';

export interface ArchiveJob {
  id: number;
  sessionId: string;
  /** Compact only when the session has at least this many rows since its snapshot. */
  minRows: number;
}

export type ArchiveJobResult =
  | { id: number; kind: 'started' }
  | { id: number; kind: 'not-due' }
  | { id: number; kind: 'compacted'; result: CompactionResult }
  | { id: number; kind: 'failed'; reason: string };

export type CompactionOutcome = Exclude<ArchiveJobResult, { kind: 'started' }>;

export interface ArchiveJobs {
  /**
   * Compacts `sessionId` if it has `minRows` rows since its snapshot; `onStart` is called when the compaction
   * itself begins (not for a session that is not due).
   */
  compact(sessionId: string, minRows: number, onStart?: () => void): Promise<CompactionOutcome>;
  /** Resolves once every job asked so far has its outcome. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export function archiveJobs(store: Store): ArchiveJobs {
  return store.db.memory ? onThisThread(store) : inWorker(store.db.name);
}

function onThisThread(store: Store): ArchiveJobs {
  return {
    compact(sessionId, minRows, onStart) {
      try {
        if (rowsSinceSnapshot(store, sessionId) < minRows) return Promise.resolve({ id: 0, kind: 'not-due' });
        onStart?.();
        return Promise.resolve({ id: 0, kind: 'compacted', result: compactSession(store, sessionId) });
      } catch (e) {
        const reason = e instanceof CompactionError ? e.reason : e instanceof Error ? e.name : 'unknown';
        return Promise.resolve({ id: 0, kind: 'failed', reason });
      }
    },
    idle: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

function inWorker(file: string): ArchiveJobs {
  let worker: Worker | null = null;
  let closed = false;
  let nextId = 1;
  const waiting = new Map<
    number,
    { sessionId: string; onStart?: () => void; done: (o: CompactionOutcome) => void }
  >();
  const bySession = new Map<string, Promise<CompactionOutcome>>();

  const start = (): Worker => {
    const w = new Worker(new URL('./archiveWorkerStart.mjs', import.meta.url), { workerData: { file } });
    w.on('message', (m: ArchiveJobResult) => {
      const job = waiting.get(m.id);
      if (!job) return;
      if (m.kind === 'started') return job.onStart?.();
      waiting.delete(m.id);
      job.done(m);
    });
    // A worker that failed to start or stopped on an error: every job waiting fails, the next one starts anew.
    const fail = (reason: string): void => {
      if (worker === w) worker = null;
      for (const [id, job] of waiting) job.done({ id, kind: 'failed', reason });
      waiting.clear();
    };
    // The worker's own error (it could not start, or its code threw): named in the log line, never data.
    w.on('error', (e) => fail(`worker-error: ${e.name}: ${e.message}`.slice(0, 200)));
    w.on('exit', () => fail('worker-stopped'));
    return w;
  };

  return {
    compact(sessionId, minRows, onStart) {
      if (closed) return Promise.resolve({ id: 0, kind: 'failed', reason: 'closed' });
      const already = bySession.get(sessionId);
      if (already) return already;
      const id = nextId++;
      const outcome = new Promise<CompactionOutcome>((done) => {
        waiting.set(id, { sessionId, onStart, done });
      }).finally(() => {
        bySession.delete(sessionId);
        // An idle worker does not keep the process alive.
        if (waiting.size === 0) worker?.unref();
      });
      bySession.set(sessionId, outcome);
      worker ??= start();
      worker.ref();
      worker.postMessage({ id, sessionId, minRows } satisfies ArchiveJob);
      return outcome;
    },
    async idle() {
      await Promise.all([...bySession.values()]);
    },
    async close() {
      closed = true;
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
