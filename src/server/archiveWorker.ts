/**
 * The archive worker: a thread of its own that compacts sessions (compaction.ts) for the sync server, so that a
 * compaction (150 ms and more of CPU for a day-sized session of a few thousand rows, all of it synchronous
 * SQLite and Yjs work) never holds up /api/health or another device's sync. It opens the same SQLite file on its
 * own connection, as the admin CLI does: compaction is already safe beside a running server (its swap checks the
 * rows it replaces, and the server only appends). Messages: archiveJobs.ts.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { CompactionError, compactSession, rowsSinceSnapshot } from './compaction';
import { Store } from './store';
import type { ArchiveJob, ArchiveJobResult } from './archiveJobs';

const { file } = workerData as { file: string };
const store = new Store(new Database(file));
// Nobody waits on this thread: when another program (a backup, the admin CLI) holds the write lock, a compaction
// may wait for it for a minute rather than the 5 s the server's own writes allow.
store.db.pragma('busy_timeout = 60000');
const port = parentPort;
if (!port) throw new Error('archiveWorker.ts runs as a worker thread (archiveJobs.ts starts it)');

port.on('message', (job: ArchiveJob) => {
  port.postMessage(run(job));
});

function run(job: ArchiveJob): ArchiveJobResult {
  const { id, sessionId, minRows } = job;
  try {
    if (rowsSinceSnapshot(store, sessionId) < minRows) return { id, kind: 'not-due' };
    port!.postMessage({ id, kind: 'started' } satisfies ArchiveJobResult);
    return { id, kind: 'compacted', result: compactSession(store, sessionId) };
  } catch (e) {
    const reason = e instanceof CompactionError ? e.reason : e instanceof Error ? e.name : 'unknown';
    return { id, kind: 'failed', reason };
  }
}
