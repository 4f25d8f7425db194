/**
 * The archive worker: a thread of its own that compacts sessions (compaction.ts) and erases answers past the
 * retention period (retention.ts) for the server, so that this work (150 ms and more of synchronous SQLite and
 * Yjs work for each day-sized session) never holds up /api/health or a device's sync. The server starts a second
 * one that only reads what a session's load applies, merging its rows (about 40 ms for a day's 3,000 rows), so a
 * load waits behind no compaction or erasure. It opens the same SQLite
 * file on its own connection, as the admin CLI does: both were already safe beside a running server (a
 * compaction's swap checks the rows it replaces, the server only appends, and it applies the admin CLI's rows).
 * Messages: archiveJobs.ts.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import {
  runArchiveJob,
  type ArchiveJob,
  type ArchiveMessage,
  type ArchiveWorkerData,
  type StopMessage,
} from './archiveJobs';
import { Store } from './store';

const { file, lockWaitMs, stopping } = workerData as ArchiveWorkerData;
const store = new Store(new Database(file));
// Nobody waits on this thread: when another program (a backup, the admin CLI) holds the write lock, the work may
// wait for it for a minute (archiveJobs.ts WORKER_LOCK_WAIT_MS) rather than the 5 s the server's own writes allow.
store.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(lockWaitMs))}`);
const port = parentPort;
if (!port) throw new Error('archiveWorker.ts runs as a worker thread (archiveJobs.ts starts it)');

port.on('message', (message: ArchiveJob | StopMessage) => {
  // The server is closing: after the job it was on (never cut inside a SQLite call, see archiveJobs.ts), the
  // connection is closed and the thread ends; the jobs queued behind it were answered `closed` below.
  if (message.kind === 'stop') {
    store.close();
    process.exit(0);
  }
  const job = message;
  const outcome =
    Atomics.load(stopping, 0) === 1
      ? ({ kind: 'closed' } as const)
      : runArchiveJob(store, job, () =>
          port.postMessage({ id: job.id, kind: 'started' } satisfies ArchiveMessage),
        );
  // A load's bytes are handed over, not copied again on the server's thread: each in a buffer of its own (what
  // SQLite gave may share one), moved with the message.
  const moved =
    outcome.kind === 'loaded'
      ? {
          kind: 'loaded' as const,
          loaded: { ...outcome.loaded, updates: outcome.loaded.updates.map((u) => u.slice()) },
        }
      : outcome;
  port.postMessage(
    { id: job.id, kind: 'done', outcome: moved } satisfies ArchiveMessage,
    moved.kind === 'loaded' ? moved.loaded.updates.map((u) => u.buffer) : [],
  );
});
port.postMessage({ id: 0, kind: 'ready' } satisfies ArchiveMessage);
