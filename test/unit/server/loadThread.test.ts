/**
 * A session with many archive rows since its snapshot (a day's tablets write thousands of small ones before it is
 * compacted) has them merged for its load on the loader's thread (archiveJobs.ts `load`), not on the thread that
 * answers /api/health and every device (about 40 ms for a day's 3,000 rows; bench group 15's fourth burst). The
 * thread starts on the first such load, which is read on the server's thread meanwhile; every load applies the
 * same records wherever it was read. Real server on 127.0.0.1, real SQLite file, real Hocuspocus providers.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { rowsSinceSnapshot } from '../../../src/server/compaction';
import { acknowledged, proposal, serverSessions, waitFor, type ServerSession } from './support';

const ROWS = 40;

/** What a document holds: every struct (its state vector) and the records read back. */
const holding = (doc: Y.Doc) => ({
  states: Y.decodeStateVector(Y.encodeStateVector(doc)),
  meta: doc.getMap('meta').toJSON(),
  proposals: doc.getMap('proposals').toJSON(),
});

describe("a session's load, read on a thread of its own", { timeout: 60_000 }, () => {
  const servers = serverSessions();

  /**
   * A session written from two documents (two Yjs clients, as two tabs of one tablet), `ROWS` ideas in as many
   * updates, then left by both (unloaded).
   */
  async function writtenApart(
    s: ServerSession,
  ): Promise<{ sessionId: string; token: string; expected: unknown }> {
    const { token } = await s.enrol('facilitator', 'Tablet 1');
    const { sessionId, writer } = await s.seeded(token);
    const other = s.client(sessionId, token);
    await acknowledged(other);
    for (let i = 0; i < ROWS; i++) {
      const client = i % 2 === 0 ? writer : other;
      client.doc
        .getMap('proposals')
        .set(`p${i}`, { ...proposal(`p${i}`, `Idea ${i}`), deviceId: 'tablet-1' });
      await acknowledged(client);
    }
    await waitFor(() => writer.doc.getMap('proposals').size === ROWS, 'both tablets hold every idea');
    const expected = holding(writer.doc);
    writer.destroy();
    other.destroy();
    await waitFor(() => s.server.sync!.hocuspocus.documents.size === 0, 'the session unloaded');
    return { sessionId, token, expected };
  }

  /** Opens the session on a new device document and returns what it got and the load's log line. */
  async function open(s: ServerSession, sessionId: string, token: string) {
    const loadsBefore = s.server.logs.filter((l) => l.event === 'document-loaded').length;
    const reader = s.client(sessionId, token, new Y.Doc());
    await acknowledged(reader);
    await waitFor(() => reader.doc.getMap('proposals').size === ROWS, 'every idea read back');
    const loads = s.server.logs.filter((l) => l.event === 'document-loaded');
    expect(loads).toHaveLength(loadsBefore + 1);
    const got = holding(reader.doc);
    reader.destroy();
    await waitFor(() => s.server.sync!.hocuspocus.documents.size === 0, 'the session unloaded');
    return { got, line: loads.at(-1) };
  }

  it('Given a session with more rows than loadOffThreadRows, When it is opened before and after the loader is ready, Then the first load is read on the server, the next on the loader, and both give every record', async () => {
    const s = await servers.start({ limits: { loadOffThreadRows: 20 } });
    const { sessionId, token, expected } = await writtenApart(s);
    expect(rowsSinceSnapshot(s.server.store!, sessionId)).toBeGreaterThanOrEqual(ROWS);

    const first = await open(s, sessionId, token);
    expect(first.line).toMatchObject({ session: sessionId, read: 'server' });
    expect(first.got).toEqual(expected);

    // The first load started the loader's thread; it says when its code has loaded.
    await waitFor(() => s.server.sync!.loader.readyOffThread(), 'the loader ready');
    const second = await open(s, sessionId, token);
    expect(second.line).toMatchObject({
      session: sessionId,
      read: 'loader',
      updates: first.line?.updates,
      bytes: first.line?.bytes,
    });
    expect(second.got).toEqual(expected);
  });

  it('Given a server restarted on an archive where a session has more rows than loadOffThreadRows, When the session is opened, Then the loader was started with the server and the load is read there', async () => {
    const first = await servers.start({ limits: { loadOffThreadRows: 20 } });
    const { sessionId, token, expected } = await writtenApart(first);
    expect(first.server.sync!.loader.workerStarted()).toBe(false);
    await first.server.close();

    const s = await servers.start({ dataDir: first.dataDir, limits: { loadOffThreadRows: 20 } });
    expect(s.server.sync!.loader.workerStarted()).toBe(true);
    await waitFor(() => s.server.sync!.loader.readyOffThread(), 'the loader ready');
    const loaded = await open(s, sessionId, token);
    expect(loaded.line).toMatchObject({ session: sessionId, read: 'loader' });
    expect(loaded.got).toEqual(expected);
  });

  it('Given a session with fewer rows than loadOffThreadRows, When it is opened, Then it is read on the server and no thread is started for it', async () => {
    const s = await servers.start({ limits: { loadOffThreadRows: ROWS * 10 } });
    const { sessionId, token, expected } = await writtenApart(s);

    const loaded = await open(s, sessionId, token);
    expect(loaded.line).toMatchObject({ session: sessionId, read: 'server' });
    expect(loaded.got).toEqual(expected);
    expect(s.server.sync!.loader.workerStarted()).toBe(false);
  });

  it('Given the loader closed (the server closing), When a session with many rows is opened, Then it is still read, on the server', async () => {
    const s = await servers.start({ limits: { loadOffThreadRows: 20 } });
    const { sessionId, token, expected } = await writtenApart(s);
    await s.server.sync!.loader.close();

    const loaded = await open(s, sessionId, token);
    expect(loaded.line).toMatchObject({ session: sessionId, read: 'server' });
    expect(loaded.got).toEqual(expected);
  });
});
