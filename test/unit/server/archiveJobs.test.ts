/**
 * The archive worker's bookkeeping (archiveJobs.ts): which job an outcome belongs to when a worker stops, and what
 * a job asked while or after the server closes comes back as. Real worker threads, real SQLite files in temp dirs.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { archiveJobs, type ArchiveJobs } from '../../../src/server/archiveJobs';
import { snapshotOf } from '../../../src/server/compaction';
import { DB_FILE, Store } from '../../../src/server/store';
import { tempDir } from './support';

const undo: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const f of undo.splice(0).reverse()) await f();
});

function jobsOn(store: Store): ArchiveJobs {
  const jobs = archiveJobs(store);
  undo.push(() => jobs.close());
  return jobs;
}

describe('the archive worker', { timeout: 60_000 }, () => {
  it('Given a worker that could not open the archive, When a job is asked as soon as the first one fails, Then the next worker answers it and the first one stopping does not fail it', async () => {
    const t = tempDir('codesign-jobs-');
    undo.push(t.remove);
    // The archive's folder is not there yet: the first worker fails as it opens the file.
    const file = join(t.dir, 'later', DB_FILE);
    const jobs = jobsOn({ db: { memory: false, name: file } } as unknown as Store);

    const first = await jobs.compact(randomUUID(), 1);
    expect(first.kind).toBe('failed');
    // At once (before the first worker's thread has finished stopping), the folder is made and a job asked.
    mkdirSync(dirname(file));
    const second = await jobs.compact(randomUUID(), 1);

    expect(second).toEqual({ kind: 'not-due' });
  });

  it('Given a loader whose worker cannot open the archive, When it is started, Then its stopping is said once, with the reason, and it is never ready', async () => {
    const t = tempDir('codesign-jobs-');
    undo.push(t.remove);
    const file = join(t.dir, 'missing', DB_FILE);
    const stops: string[] = [];
    const jobs = archiveJobs({ db: { memory: false, name: file } } as unknown as Store, {
      onStopped: (reason) => stops.push(reason),
    });
    undo.push(() => jobs.close());

    expect(jobs.readyOffThread()).toBe(false);
    await vi.waitFor(() => expect(stops).toHaveLength(1), { timeout: 30_000 });
    expect(stops[0]).toMatch(/^worker-(error|stopped)/);
    expect(jobs.readyOffThread()).toBe(false);
    // The load asked of a worker that never starts comes back failed, not hanging.
    expect((await jobs.load(randomUUID())).kind).toBe('failed');
  });

  it('Given the jobs closed (the server stopping), When a compaction is asked, Then it is not reported as failed', async () => {
    const t = tempDir('codesign-jobs-');
    undo.push(t.remove);
    const store = Store.open(t.dir);
    undo.push(() => store.close());
    const jobs = jobsOn(store);
    await jobs.close();

    const outcome = await jobs.compact(randomUUID(), 1);
    const retention = await jobs.retention(30, Date.now());

    expect(outcome.kind).toBe('closed');
    expect(retention.kind).toBe('closed');
  });

  it(
    "Given a compaction waiting for another program's write lock, When the jobs are closed and the wait runs out, Then the process goes on, close returns, the job says it failed and the session is as it was",
    { timeout: 120_000 },
    async () => {
      const t = tempDir('codesign-jobs-');
      undo.push(t.remove);
      const store = Store.open(t.dir);
      undo.push(() => store.close());
      const sessionId = randomUUID();
      for (let i = 0; i < 3; i++) store.appendUpdate(sessionId, 'tablet-1', new Uint8Array([0, 0]));
      // A backup tool or the admin CLI writing: it holds the write lock past the worker's wait.
      const other = new Database(join(t.dir, DB_FILE));
      undo.push(() => void (other.open && other.close()));
      other.exec('BEGIN IMMEDIATE');
      const jobs = archiveJobs(store, { lockWaitMs: 2_000 });
      undo.push(() => jobs.close());
      let started = false;
      const outcome = jobs.compact(sessionId, 1, () => (started = true));
      await waitUntil(() => started);
      const queued = jobs.retention(30, Date.now());

      // Terminating the thread here aborted the whole process once SQLite's wait ran out (V8 fatal error).
      await jobs.close();

      // The job it was on answers as it ends: its wait ran out, nothing was swapped.
      expect(await outcome).toEqual({ kind: 'failed', reason: 'SqliteError' });
      // The job queued behind it was not run: it is done next time.
      expect(await queued).toEqual({ kind: 'closed' });
      other.exec('ROLLBACK');
      expect(snapshotOf(store, sessionId)).toBeNull();
      expect(store.updatesFor(sessionId)).toHaveLength(3);
    },
  );
});

/** Polls `check` every 20 ms, for at most 20 s. */
async function waitUntil(check: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
}
