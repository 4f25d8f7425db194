/**
 * The archive worker: a thread of its own that compacts sessions (compaction.ts) and erases answers past the
 * retention period (retention.ts) for the server, so that this work (150 ms and more of synchronous SQLite and
 * Yjs work for each day-sized session) never holds up /api/health or a device's sync. It opens the same SQLite
 * file on its own connection, as the admin CLI does: both were already safe beside a running server (a
 * compaction's swap checks the rows it replaces, the server only appends, and it applies the admin CLI's rows).
 * Messages: archiveJobs.ts.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { runArchiveJob, type ArchiveJob, type ArchiveMessage } from './archiveJobs';
import { Store } from './store';

const { file } = workerData as { file: string };
const store = new Store(new Database(file));
// Nobody waits on this thread: when another program (a backup, the admin CLI) holds the write lock, the work may
// wait for it for a minute rather than the 5 s the server's own writes allow.
store.db.pragma('busy_timeout = 60000');
const port = parentPort;
if (!port) throw new Error('archiveWorker.ts runs as a worker thread (archiveJobs.ts starts it)');

port.on('message', (job: ArchiveJob) => {
  const outcome = runArchiveJob(store, job, () =>
    port.postMessage({ id: job.id, kind: 'started' } satisfies ArchiveMessage),
  );
  port.postMessage({ id: job.id, kind: 'done', outcome } satisfies ArchiveMessage);
});
