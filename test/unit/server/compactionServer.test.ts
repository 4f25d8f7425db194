/**
 * Issue 12 §9 in the running server: a session that gathered many rows is compacted when nobody has it open, the
 * next load applies the snapshot (not every row), and every device still gets every record, once. Real server on
 * 127.0.0.1, real SQLite file, real Hocuspocus providers.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { rowsSinceSnapshot, snapshotOf } from '../../../src/server/compaction';
import {
  acknowledged,
  connect,
  enrolDevice,
  proposal,
  seedSession,
  startTestServer,
  tempDir,
  waitFor,
} from './support';

describe('the server compacts idle sessions', { timeout: 60_000 }, () => {
  const cleanup: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  it('Given a session written in 60 separate updates, when its last device leaves, then it is compacted, and a device that comes later gets all 60 ideas from the snapshot', async () => {
    const t = tempDir();
    cleanup.push(t.remove);
    const server = await startTestServer(t.dir, { compactAfterRows: 50 });
    cleanup.push(() => server.close());
    const device = await enrolDevice(t.dir, server.base, 'facilitator', 'Tablet 1');
    const sessionId = randomUUID();
    const writer = connect(server.url, sessionId, device.token);
    await acknowledged(writer);
    seedSession(writer.doc, sessionId);
    await acknowledged(writer);
    for (let i = 0; i < 60; i++) {
      writer.doc
        .getMap('proposals')
        .set(`p${i}`, { ...proposal(`p${i}`, `Idea ${i}`), deviceId: 'tablet-1' });
      await acknowledged(writer);
    }
    expect(rowsSinceSnapshot(server.store!, sessionId)).toBeGreaterThanOrEqual(60);

    writer.destroy();
    await waitFor(() => server.logs.some((l) => l.event === 'session-compacted'), 'the session compacted');

    expect(rowsSinceSnapshot(server.store!, sessionId)).toBe(0);
    expect(snapshotOf(server.store!, sessionId)).not.toBeNull();
    expect(server.store!.updatesFor(sessionId)).toHaveLength(1);
    const reader = connect(server.url, sessionId, device.token);
    cleanup.push(reader.destroy);
    await acknowledged(reader);
    await waitFor(() => reader.doc.getMap('proposals').size === 60, 'all 60 ideas read back');
    const loadedLine = server.logs.filter((l) => l.event === 'document-loaded').at(-1);
    expect(loadedLine).toMatchObject({ session: sessionId, updates: 1 });
    // Writing goes on after compaction, and is stored as a new row after the snapshot.
    reader.doc.getMap('proposals').set('p60', { ...proposal('p60', 'One more'), deviceId: 'tablet-1' });
    await acknowledged(reader);
    expect(rowsSinceSnapshot(server.store!, sessionId)).toBe(1);
  });

  it('Given a session with fewer rows than the threshold, when its device leaves, then it is left as it is, without starting the archive worker', async () => {
    const t = tempDir();
    cleanup.push(t.remove);
    const server = await startTestServer(t.dir, { compactAfterRows: 50 });
    cleanup.push(() => server.close());
    const device = await enrolDevice(t.dir, server.base, 'facilitator', 'Tablet 1');
    const sessionId = randomUUID();
    const writer = connect(server.url, sessionId, device.token);
    await acknowledged(writer);
    seedSession(writer.doc, sessionId);
    await acknowledged(writer);
    const rows = server.store!.updatesFor(sessionId).length;
    writer.destroy();
    await waitFor(() => server.sync!.hocuspocus.documents.size === 0, 'the session unloaded');
    // One more turn of the event loop: the compaction check runs in a setImmediate after unloading, and its
    // answer comes from the archive worker.
    await new Promise((resolve) => setImmediate(resolve));
    await server.sync!.archiveIdle();
    expect(snapshotOf(server.store!, sessionId)).toBeNull();
    expect(server.store!.updatesFor(sessionId)).toHaveLength(rows);
    // The rows were counted on the server's thread: no thread was started (about 0.8 s of CPU) to say not-due.
    expect(server.sync!.archive.workerStarted()).toBe(false);
  });
});
