/**
 * Compaction runs on a thread of its own (archiveJobs.ts, archiveWorker.ts): while a session is compacted, the
 * server's own thread answers /api/health and its devices. Made visible without timing anything: another program
 * holds the archive's write lock, so the compaction waits at its swap; the server must answer meanwhile, and the
 * compaction finishes once the lock is let go. Compacting on the server's thread, the wait (SQLite's busy
 * timeout) blocked every socket and ended in a failed compaction. Real server, real SQLite file, real providers.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rowsSinceSnapshot, snapshotOf } from '../../../src/server/compaction';
import { DB_FILE } from '../../../src/server/store';
import { acknowledged, proposal, serverSessions, waitFor } from './support';

describe('compaction beside the running server', { timeout: 60_000 }, () => {
  const servers = serverSessions();

  it('Given a session due for compaction and another program holding the write lock, When its last device leaves, Then the server answers /api/health and lists sessions while the compaction waits, and the compaction finishes once the lock is let go', async () => {
    const s = await servers.start({ limits: { compactAfterRows: 20 } });
    const { server } = s;
    const device = await s.enrol('facilitator', 'Tablet 1');
    const { sessionId, writer } = await s.seeded(device.token);
    for (let i = 0; i < 25; i++) {
      writer.doc
        .getMap('proposals')
        .set(`p${i}`, { ...proposal(`p${i}`, `Idea ${i}`), deviceId: 'tablet-1' });
      await acknowledged(writer);
    }
    expect(rowsSinceSnapshot(server.store!, sessionId)).toBeGreaterThanOrEqual(25);

    // A backup tool or the admin CLI writing: it holds the write lock until it is done.
    const other = new Database(join(s.dataDir, DB_FILE));
    servers.later(() => void (other.open && other.close()));
    other.exec('BEGIN IMMEDIATE');

    writer.destroy();
    await waitFor(
      () => server.logs.some((l) => l.event === 'session-compaction-started' && l.session === sessionId),
      'the compaction started',
    );

    const health = await fetch(`${server.base}/api/health`);
    expect(health.status).toBe(200);
    const list = await fetch(`${server.base}/api/sessions`, {
      headers: { Authorization: `Bearer ${device.token}` },
    });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { sessions: { id: string }[] }).sessions.map((x) => x.id)).toContain(
      sessionId,
    );
    // Still waiting for the lock: nothing swapped yet.
    expect(server.logs.some((l) => l.event === 'session-compacted')).toBe(false);
    expect(snapshotOf(server.store!, sessionId)).toBeNull();

    other.exec('ROLLBACK');
    other.close();
    await waitFor(() => server.logs.some((l) => l.event === 'session-compacted'), 'the session compacted');
    expect(server.logs.some((l) => l.event === 'session-compaction-failed')).toBe(false);
    expect(rowsSinceSnapshot(server.store!, sessionId)).toBe(0);
    expect(snapshotOf(server.store!, sessionId)).not.toBeNull();
  });
});
