/**
 * Sessions bigger than the server's per-message limit (issue 12 §1): the app's council sync sends what the server
 * lacks in parts, each an ordinary update the server checks and stores, instead of one sync message the server
 * closes with 1009. A real server on 127.0.0.1 with its default limits (2 MiB a message) and a real SQLite file;
 * the ideas are written with the app's own commands.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { readRecords } from '../../../src/doc/schema';
import { startServer } from '../../../src/server/app';
import { assign } from '../../../src/server/assignments';
import { DEFAULT_LIMITS } from '../../../src/server/limits';
import { startCouncilSync, type CouncilSync, type SyncMark } from '../../../src/sync/councilSync';
import type { SyncState } from '../../../src/sync/syncStates';
import { addIdeas, deviceContext, MiB, sessionWithIdeas } from '../helpers/largeSession';
import { validSettings } from '../helpers/session';
import { enrolDevice, startTestServer, tempDir, waitFor } from '../server/support';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** What the server has stored for the session, rebuilt the way it loads a document. */
function archive(server: Server, sessionId: string): { doc: Y.Doc; rows: { bytes: number }[] } {
  const rows = server.store!.updatesFor(sessionId);
  const doc = new Y.Doc();
  Y.transact(doc, () => rows.forEach((r) => Y.applyUpdate(doc, r.update)));
  return { doc, rows };
}

describe('a session bigger than the server’s message limit', { timeout: 120_000 }, () => {
  const cleanup: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  async function setup(): Promise<{ server: Server; token: string; token2: string }> {
    const t = tempDir();
    cleanup.push(t.remove);
    const server = await startTestServer(t.dir);
    cleanup.push(() => server.close());
    const a = await enrolDevice(t.dir, server.base, 'facilitator', 'Tablet A');
    const b = await enrolDevice(t.dir, server.base, 'facilitator', 'Tablet B');
    for (const d of [a, b]) {
      assign(server.store!, d.deviceId, { kind: 'neighbourhood', value: validSettings().neighbourhood });
    }
    return { server, token: a.token, token2: b.token };
  }

  function sync(
    server: Server,
    doc: Y.Doc,
    sessionId: string,
    token: string,
    states: SyncState[] = [],
    mark: { current: SyncMark | null } = { current: null },
  ): CouncilSync {
    const s = startCouncilSync({
      doc,
      sessionId,
      token,
      baseUrl: server.base,
      mark: mark.current,
      saveMark: (m) => void (mark.current = m),
      onStatus: (st) => {
        if (states.at(-1) !== st.state) states.push(st.state);
      },
      WebSocketPolyfill: WebSocket,
      retryDelayMs: 100,
    });
    cleanup.push(() => s.destroy());
    return s;
  }

  it('Given 1,100 ideas (over 2.3 MiB) never synced, When the device first syncs, Then the server stores every record in parts within its limit, counts each once, and a second sync sends nothing', async () => {
    const { server, token, token2 } = await setup();
    const { doc, sessionId } = sessionWithIdeas(1100);
    expect(Y.encodeStateAsUpdate(doc).byteLength).toBeGreaterThan(2.3 * MiB);

    const states: SyncState[] = [];
    const mark = { current: null as SyncMark | null };
    const first = sync(server, doc, sessionId, token, states, mark);
    const done = await first.whenSynced();
    expect(done).toMatchObject({ state: 'synced', failure: null, sent: 1101, received: 0, toSend: 0 });
    expect(states).not.toContain('failed');

    const stored = archive(server, sessionId);
    expect(readRecords(stored.doc).proposals).toHaveLength(1100);
    expect(
      readRecords(stored.doc)
        .proposals.map((p) => p.title)
        .sort(),
    ).toEqual(
      readRecords(doc)
        .proposals.map((p) => p.title)
        .sort(),
    );
    expect(stored.rows.length).toBeGreaterThan(2);
    for (const row of stored.rows) expect(row.bytes).toBeLessThan(DEFAULT_LIMITS.maxMessageBytes);
    const storedBytes = stored.rows.reduce((n, r) => n + r.bytes, 0);
    // Each struct was sent once: the parts add up to about the session itself, not a multiple of it.
    expect(storedBytes).toBeLessThan(Y.encodeStateAsUpdate(doc).byteLength * 1.05);
    first.destroy();

    // Again, from a reload: nothing is sent twice, nothing counted twice.
    const again = sync(server, doc, sessionId, token, [], mark);
    expect(await again.whenSynced()).toMatchObject({ state: 'synced', sent: 0, received: 0, toSend: 0 });
    expect(archive(server, sessionId).rows).toHaveLength(stored.rows.length);

    // Another device receives the whole session (the server sends it in one message; devices have no limit).
    const other = new Y.Doc();
    const otherSync = sync(server, other, sessionId, token2);
    expect(await otherSync.whenSynced()).toMatchObject({ sent: 0, received: 1101, problems: [] });
    expect(readRecords(other).proposals).toHaveLength(1100);
  });

  it('Given a device that synced part of a session, When it comes back from a long offline spell with 2+ MiB more, and then adds 2 MiB more in one change while connected, Then every record reaches the server and each is counted once', async () => {
    const { server, token } = await setup();
    const ctx = deviceContext('tablet-a');
    const { doc, sessionId } = sessionWithIdeas(100, ctx);
    const mark = { current: null as SyncMark | null };
    const before = sync(server, doc, sessionId, token, [], mark);
    expect(await before.whenSynced()).toMatchObject({ sent: 101 });
    before.destroy();
    const rowsBefore = archive(server, sessionId).rows.length;

    // Offline: 1,000 more ideas.
    const sizeBefore = Y.encodeStateAsUpdate(doc).byteLength;
    addIdeas(doc, 1000, ctx, 100);
    expect(Y.encodeStateAsUpdate(doc).byteLength - sizeBefore).toBeGreaterThan(2 * MiB);

    const states: SyncState[] = [];
    const back = sync(server, doc, sessionId, token, states, mark);
    expect(back.status.toSend).toBe(1000);
    expect(await back.whenSynced()).toMatchObject({ state: 'synced', sent: 1000, toSend: 0 });
    expect(states).not.toContain('failed');
    expect(readRecords(archive(server, sessionId).doc).proposals).toHaveLength(1100);
    const rowsAfter = archive(server, sessionId).rows;
    expect(rowsAfter.length).toBeGreaterThan(rowsBefore + 1);
    for (const row of rowsAfter) expect(row.bytes).toBeLessThan(DEFAULT_LIMITS.maxMessageBytes);

    // While connected, one change of 800 ideas (over 1.7 MiB in one update) goes the same way.
    doc.transact(() => addIdeas(doc, 800, ctx, 1100));
    await waitFor(
      () => back.status.state === 'synced' && back.status.toSend === 0,
      'the burst acknowledged',
      60_000,
    );
    expect(back.status.sent).toBe(1800);
    expect(states).not.toContain('failed');
    expect(readRecords(archive(server, sessionId).doc).proposals).toHaveLength(1900);
  });

  it('Given a session written over several reloads (a Yjs client each, the creator’s id the lowest), When it is sent in small parts, Then the first part creates the session and the server takes every part as it comes', async () => {
    const { server, token } = await setup();
    const ctx = deviceContext('tablet-a');
    const first = sessionWithIdeas(10, ctx);
    const sessionId = first.sessionId;
    let doc = first.doc;
    // Each reload opens the stored document under a new client id; Yjs writes the highest id first.
    for (let reload = 1; reload <= 3; reload++) {
      let next = new Y.Doc();
      while (next.clientID < doc.clientID) next = new Y.Doc();
      Y.applyUpdate(next, Y.encodeStateAsUpdate(doc));
      doc = next;
      addIdeas(doc, 100, ctx, reload * 1000);
    }
    const s = startCouncilSync({
      doc,
      sessionId,
      token,
      baseUrl: server.base,
      WebSocketPolyfill: WebSocket,
      retryDelayMs: 100,
      partBytes: 64 * 1024,
    });
    cleanup.push(() => s.destroy());
    expect(await s.whenSynced()).toMatchObject({ state: 'synced', sent: 311 });
    const { doc: stored, rows } = archive(server, sessionId);
    expect(rows.length).toBeGreaterThan(10);
    expect(readRecords(stored).proposals).toHaveLength(310);
    const firstPart = new Y.Doc();
    Y.applyUpdate(firstPart, server.store!.updatesFor(sessionId)[0]!.update);
    expect(firstPart.getMap('meta').get('sessionId')).toBe(sessionId);
    expect(server.logs.filter((l) => l.event === 'update-refused')).toEqual([]);
  });

  it('Given one record bigger than a part may be, When the device syncs, Then it fails as too large before sending anything of that round', async () => {
    const { server, token } = await setup();
    const { doc, sessionId } = sessionWithIdeas(1);
    const s = startCouncilSync({
      doc,
      sessionId,
      token,
      baseUrl: server.base,
      WebSocketPolyfill: WebSocket,
      retryDelayMs: 100,
      partBytes: 1500,
    });
    cleanup.push(() => s.destroy());
    await expect(s.whenSynced()).rejects.toMatchObject({ reason: 'tooLarge' });
    expect(s.status).toMatchObject({ state: 'failed', failure: 'tooLarge', toSend: 2 });
    expect(server.store!.updatesFor(sessionId)).toEqual([]);
  });

  it('Given the server restarts while parts are being sent, When it is back, Then the device sends the rest and every record is stored once and counted once', async () => {
    const t = tempDir();
    cleanup.push(t.remove);
    const server = await startTestServer(t.dir);
    const a = await enrolDevice(t.dir, server.base, 'facilitator', 'Tablet A');
    assign(server.store!, a.deviceId, { kind: 'neighbourhood', value: validSettings().neighbourhood });
    const { doc, sessionId } = sessionWithIdeas(1100);
    const states: SyncState[] = [];
    const s = startCouncilSync({
      doc,
      sessionId,
      token: a.token,
      baseUrl: server.base,
      WebSocketPolyfill: WebSocket,
      retryDelayMs: 100,
      partBytes: 256 * 1024,
      onStatus: (st) => {
        if (states.at(-1) !== st.state) states.push(st.state);
      },
    });
    cleanup.push(() => s.destroy());
    await waitFor(() => (s.status.parts?.sent ?? 0) >= 2, 'two parts acknowledged', 30_000);
    expect(s.status).toMatchObject({ state: 'syncing', parts: { count: expect.any(Number) as number } });
    expect(s.status.parts!.count).toBeGreaterThan(5);
    await server.close();

    const restarted = await startServer({
      port: server.port,
      host: '127.0.0.1',
      distDir: t.dir,
      dataDir: t.dir,
      log: () => undefined,
    });
    cleanup.push(() => restarted.close());
    expect(await s.whenSynced()).toMatchObject({ state: 'synced', sent: 1101, toSend: 0 });
    expect(states).toContain('connecting');
    const rows = restarted.store!.updatesFor(sessionId);
    const stored = new Y.Doc();
    Y.transact(stored, () => rows.forEach((r) => Y.applyUpdate(stored, r.update)));
    expect(readRecords(stored).proposals).toHaveLength(1100);
    const storedBytes = rows.reduce((n, r) => n + r.bytes, 0);
    expect(storedBytes).toBeLessThan(Y.encodeStateAsUpdate(doc).byteLength * 1.05);
  });
});
