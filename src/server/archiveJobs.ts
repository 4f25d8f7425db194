/**
 * Archive work the server hands to a thread of its own (archiveWorker.ts): compacting a session nobody has open,
 * and the retention period's erasure (retention.ts). Done on the server's own thread, a day-sized session's
 * compaction held every socket and /api/health for 150 ms and more (a few thousand rows; more for more), each
 * time a session's last device left; the hourly retention check loaded every session with answers, one after
 * another (about 25 ms each for a day-sized session).
 *
 * One worker, started on first use, one job at a time in the order asked; a compaction of a session already
 * waiting is not queued twice. `close` asks the thread to stop: it finishes the job it is on, skips the jobs
 * still queued (each comes back `closed`: not done, done again next time) and ends. It is never
 * terminated: a thread stopped inside a SQLite call that then fails (a wait for another program's write lock
 * running out) aborts the whole process (better-sqlite3 throws into the stopping thread: V8 fatal error, exit
 * 134). A database in memory (no file a second connection could open) is worked on here, on this thread.
 */
import { Worker } from 'node:worker_threads';
import {
  CompactionError,
  compactSession,
  rowsSinceSnapshot,
  updatesToLoad,
  type CompactionResult,
} from './compaction';
import type { ErasureBatch } from './erasure';
import { applyRetention } from './retention';
import type { Store } from './store';

export type ArchiveJob =
  | {
      id: number;
      kind: 'compact';
      sessionId: string;
      /** Compact only when the session has at least this many rows since its snapshot. */
      minRows: number;
    }
  | { id: number; kind: 'retention'; days: number; now: number }
  /** What loading a session applies (compaction.ts updatesToLoad), its rows merged here rather than in the server. */
  | { id: number; kind: 'load'; sessionId: string };

/** A job as asked, before it is numbered. */
type JobBody = ArchiveJob extends infer J ? (J extends unknown ? Omit<J, 'id'> : never) : never;

/** `closed`: the server was closing before the job could run or finish; nothing failed, it is done next time. */
export type CompactionOutcome =
  | { kind: 'not-due' }
  | { kind: 'compacted'; result: CompactionResult }
  | { kind: 'failed'; reason: string }
  | { kind: 'closed' };

export type RetentionOutcome =
  { kind: 'erased'; batch: ErasureBatch } | { kind: 'failed'; reason: string } | { kind: 'closed' };

/** A session's snapshot and its rows since, merged (compaction.ts updatesToLoad), and the bytes of its rows. */
export interface LoadedSession {
  updates: Uint8Array[];
  lastId: number;
  storedBytes: number;
}

export type LoadOutcome =
  { kind: 'loaded'; loaded: LoadedSession } | { kind: 'failed'; reason: string } | { kind: 'closed' };

/** Asks the worker to end once the statement it is in is done (archiveWorker.ts). */
export type StopMessage = { kind: 'stop' };

/** What the worker is started with (archiveWorker.ts). */
export interface ArchiveWorkerData {
  file: string;
  /** How long a statement waits for another program's write lock (SQLite busy_timeout). */
  lockWaitMs: number;
  /** Int32Array on shared memory: 1 once `close` was called, so the worker skips the jobs still queued. */
  stopping: Int32Array;
}

/** Nobody waits on the worker: it may wait for another program's write lock for a minute, not the server's 5 s. */
export const WORKER_LOCK_WAIT_MS = 60_000;

/**
 * What the worker posts back: `ready` once, when its code has loaded (id 0); `started` when a due compaction
 * begins, then the job's outcome.
 */
export type ArchiveMessage = { id: number } & (
  | { kind: 'ready' }
  | { kind: 'started' }
  | { kind: 'done'; outcome: CompactionOutcome | RetentionOutcome | LoadOutcome }
);

export interface ArchiveJobs {
  /**
   * Compacts `sessionId` if it has `minRows` rows since its snapshot; `onStart` is called when the compaction
   * itself begins (not for a session that is not due).
   */
  compact(sessionId: string, minRows: number, onStart?: () => void): Promise<CompactionOutcome>;
  /** Erases every answer older than `days` days at `now` (retention.ts applyRetention). */
  retention(days: number, now: number): Promise<RetentionOutcome>;
  /** A session's snapshot and rows to apply, its rows merged on this worker's thread (`loadSession`). */
  load(sessionId: string): Promise<LoadOutcome>;
  /**
   * Whether jobs run on a thread of their own that is ready now: false, and the thread started, when it is not
   * (yet): starting one takes a few hundred milliseconds that a caller in a hurry does better not to wait for.
   */
  readyOffThread(): boolean;
  /** Resolves once every job asked so far has its outcome. */
  idle(): Promise<void>;
  /** Whether a worker thread was ever started (none is until a job is asked). */
  workerStarted(): boolean;
  close(): Promise<void>;
}

const reasonOf = (e: unknown): string =>
  e instanceof CompactionError ? e.reason : e instanceof Error ? e.name : 'unknown';

/** Does one job on `store`, on whichever thread calls it; `started` is called as a due compaction begins. */
export function runArchiveJob(
  store: Store,
  job: ArchiveJob,
  started: () => void,
): CompactionOutcome | RetentionOutcome | LoadOutcome {
  try {
    if (job.kind === 'load') return { kind: 'loaded', loaded: loadSession(store, job.sessionId) };
    if (job.kind === 'retention') return { kind: 'erased', batch: applyRetention(store, job.days, job.now) };
    if (rowsSinceSnapshot(store, job.sessionId) < job.minRows) return { kind: 'not-due' };
    started();
    return { kind: 'compacted', result: compactSession(store, job.sessionId) };
  } catch (e) {
    // A retention failure says why in words, as it did on the server's thread (erasure's errors name no data).
    const why = job.kind === 'retention' && e instanceof Error ? e.message : reasonOf(e);
    return { kind: 'failed', reason: why };
  }
}

/**
 * What loading a session needs from the archive, read in one read transaction: a compaction on another
 * connection (the archive worker, the admin CLI) swaps the snapshot and rows in one transaction of its own.
 */
export function loadSession(store: Store, sessionId: string): LoadedSession {
  return store.db.transaction(() => ({
    ...updatesToLoad(store, sessionId),
    storedBytes: store.storedBytes(sessionId),
  }))();
}

export function archiveJobs(
  store: Store,
  options: {
    lockWaitMs?: number;
    /** A worker stopped when nobody asked it to (it could not start, or its code threw): why, never data. */
    onStopped?: (reason: string) => void;
  } = {},
): ArchiveJobs {
  return store.db.memory
    ? onThisThread(store)
    : inWorker(store.db.name, options.lockWaitMs ?? WORKER_LOCK_WAIT_MS, options.onStopped);
}

function onThisThread(store: Store): ArchiveJobs {
  return {
    compact: (sessionId, minRows, onStart) =>
      Promise.resolve(
        runArchiveJob(store, { id: 0, kind: 'compact', sessionId, minRows }, () =>
          onStart?.(),
        ) as CompactionOutcome,
      ),
    retention: (days, now) =>
      Promise.resolve(
        runArchiveJob(store, { id: 0, kind: 'retention', days, now }, () => undefined) as RetentionOutcome,
      ),
    load: (sessionId) =>
      Promise.resolve(
        runArchiveJob(store, { id: 0, kind: 'load', sessionId }, () => undefined) as LoadOutcome,
      ),
    readyOffThread: () => false,
    idle: () => Promise.resolve(),
    workerStarted: () => false,
    close: () => Promise.resolve(),
  };
}

function inWorker(file: string, lockWaitMs: number, onStopped?: (reason: string) => void): ArchiveJobs {
  let worker: Worker | null = null;
  let started = false;
  let ready = false;
  let closed = false;
  let nextId = 1;
  type Outcome = CompactionOutcome | RetentionOutcome | LoadOutcome;
  const stopping = new Int32Array(new SharedArrayBuffer(4));
  /** Each job with the worker it was posted to: only that worker stopping fails it. */
  const waiting = new Map<number, { worker: Worker; onStart?: () => void; done: (o: Outcome) => void }>();
  const compactions = new Map<string, Promise<CompactionOutcome>>();
  const pending = new Set<Promise<Outcome>>();

  const start = (): Worker => {
    started = true;
    const workerData: ArchiveWorkerData = { file, lockWaitMs, stopping };
    const w = new Worker(new URL('./archiveWorkerStart.mjs', import.meta.url), { workerData });
    w.on('message', (m: ArchiveMessage) => {
      if (m.kind === 'ready') {
        if (worker === w) ready = true;
        return;
      }
      const job = waiting.get(m.id);
      if (!job) return;
      if (m.kind === 'started') return job.onStart?.();
      waiting.delete(m.id);
      job.done(m.outcome);
    });
    // A worker that failed to start or stopped on an error: its jobs fail, the next job starts a worker anew. Not
    // the jobs asked since: its 'exit' can come turns after its 'error', and those went to the next worker.
    let stopped = false;
    const fail = (reason: string): void => {
      if (worker === w) {
        worker = null;
        ready = false;
      }
      // Said once per worker ('error' then 'exit'), and not for one asked to stop.
      if (!stopped && !closed) onStopped?.(reason);
      stopped = true;
      for (const [id, job] of waiting) {
        if (job.worker !== w) continue;
        waiting.delete(id);
        job.done(closed ? { kind: 'closed' } : { kind: 'failed', reason });
      }
    };
    // The worker's own error (it could not start, or its code threw): named in the log line, never data.
    w.on('error', (e) => fail(`worker-error: ${e.name}: ${e.message}`.slice(0, 200)));
    w.on('exit', () => fail('worker-stopped'));
    return w;
  };

  const post = <T extends Outcome>(job: JobBody, onStart?: () => void): Promise<T> => {
    if (closed) return Promise.resolve({ kind: 'closed' } as T);
    const id = nextId++;
    const w = (worker ??= start());
    const outcome = new Promise<T>((done) => {
      waiting.set(id, { worker: w, onStart, done: done as (o: Outcome) => void });
    });
    pending.add(outcome);
    void outcome.finally(() => {
      pending.delete(outcome);
      // An idle worker does not keep the process alive.
      if (waiting.size === 0) worker?.unref();
    });
    w.ref();
    w.postMessage({ ...job, id });
    return outcome;
  };

  return {
    compact(sessionId, minRows, onStart) {
      const already = compactions.get(sessionId);
      if (already) return already;
      const outcome = post<CompactionOutcome>({ kind: 'compact', sessionId, minRows }, onStart);
      compactions.set(sessionId, outcome);
      void outcome.finally(() => compactions.delete(sessionId));
      return outcome;
    },
    retention: (days, now) => post<RetentionOutcome>({ kind: 'retention', days, now }),
    load: (sessionId) => post<LoadOutcome>({ kind: 'load', sessionId }),
    readyOffThread() {
      if (closed) return false;
      if (!worker) {
        worker = start();
        // Started, not yet asked anything: it does not keep the process alive.
        worker.unref();
      }
      return ready;
    },
    async idle() {
      await Promise.all([...pending]);
    },
    workerStarted: () => started,
    async close() {
      if (closed) return;
      closed = true;
      ready = false;
      Atomics.store(stopping, 0, 1);
      const w = worker;
      worker = null;
      if (!w) return;
      // Asked, not terminated (see above); kept referenced so the process waits for it to end. The job it is on
      // answers as it ends (an erasure done is still logged), those queued behind it `closed`.
      const ended = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      w.ref();
      w.postMessage({ kind: 'stop' } satisfies StopMessage);
      await ended;
    },
  };
}
