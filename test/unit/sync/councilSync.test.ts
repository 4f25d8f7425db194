/**
 * The app's council sync against a real server in-process (port 0, temporary DATA_DIR, SQLite): two app-like
 * devices, each a session document persisted by IndexedDbDocStore in its own (fake) IndexedDB, sync through the
 * server; counts sent and received; a revoked device is refused; a device resumes after the server restarts.
 */
import { IDBFactory } from 'fake-indexeddb';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type * as Y from 'yjs';
import { addProposal, type CommandContext } from '../../../src/doc/commands';
import { createSession } from '../../../src/doc/sessionCommands';
import { readRecords } from '../../../src/doc/schema';
import { startServer } from '../../../src/server/app';
import { assign } from '../../../src/server/assignments';
import { revokeDevice } from '../../../src/server/devices';
import type { DocHandle } from '../../../src/storage/docStore';
import { IndexedDbDocStore } from '../../../src/storage/indexedDbDocStore';
import { startCouncilSync, type CouncilSync, type SyncMark } from '../../../src/sync/councilSync';
import { SYNC_STATES, type SyncState } from '../../../src/sync/syncStates';
import { validSettings } from '../helpers/session';
import { enrolDevice, startTestServer, tempDir, waitFor } from '../server/support';

type Server = Awaited<ReturnType<typeof startTestServer>>;

function context(deviceId: string): CommandContext {
  return { deviceId, now: () => Date.now(), newId: () => randomUUID() };
}

/** One device: its own IndexedDB (y-indexeddb reads the global factory when it opens a database). */
class Device {
  readonly idb = new IDBFactory();
  readonly ctx: CommandContext;
  handle: DocHandle | null = null;
  sync: CouncilSync | null = null;
  mark: SyncMark | null = null;
  readonly states: SyncState[] = [];

  constructor(
    readonly name: string,
    readonly token: string,
  ) {
    this.ctx = context(name);
  }

  async open(sessionId: string): Promise<DocHandle> {
    const saved = globalThis.indexedDB;
    globalThis.indexedDB = this.idb;
    try {
      this.handle = await new IndexedDbDocStore().open(sessionId);
    } finally {
      globalThis.indexedDB = saved;
    }
    return this.handle;
  }

  get doc(): Y.Doc {
    if (!this.handle) throw new Error('not open');
    return this.handle.doc;
  }

  startSync(base: string, sessionId: string, token = this.token): CouncilSync {
    this.sync = startCouncilSync({
      doc: this.doc,
      sessionId,
      token,
      baseUrl: base,
      mark: this.mark,
      saveMark: (m) => {
        this.mark = m;
      },
      onStatus: (s) => {
        if (this.states.at(-1) !== s.state) this.states.push(s.state);
      },
      WebSocketPolyfill: WebSocket,
      retryDelayMs: 100,
    });
    return this.sync;
  }

  async close(): Promise<void> {
    this.sync?.destroy();
    this.sync = null;
    await this.handle?.close();
    this.handle = null;
  }
}

const titles = (doc: Y.Doc): string[] =>
  readRecords(doc)
    .proposals.map((p) => p.title)
    .sort();

describe('council sync in the app', { timeout: 30_000 }, () => {
  const cleanup: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  async function setup(): Promise<{ server: Server; dataDir: string }> {
    const t = tempDir();
    cleanup.push(t.remove);
    const server = await startTestServer(t.dir);
    cleanup.push(() => server.close());
    return { server, dataDir: t.dir };
  }

  /** An enrolled facilitator device with the test sessions' neighbourhood assigned to it. */
  async function device(server: Server, dataDir: string, name: string): Promise<Device> {
    const { token, deviceId } = await enrolDevice(dataDir, server.base, 'facilitator', name);
    assign(server.store!, deviceId, { kind: 'neighbourhood', value: validSettings().neighbourhood });
    const d = new Device(name, token);
    cleanup.push(() => d.close());
    return d;
  }

  it('Given two devices, When each syncs, Then both documents and both IndexedDBs hold every record, with counts sent and received', async () => {
    const { server, dataDir } = await setup();
    const sessionId = randomUUID();
    const a = await device(server, dataDir, 'Tablet A');
    const b = await device(server, dataDir, 'Tablet B');

    await a.open(sessionId);
    createSession(a.doc, sessionId, validSettings(), a.ctx);
    addProposal(
      a.doc,
      {
        title: 'Youth club',
        description: 'Evenings',
        themeId: 'theme-young',
        costPence: 100,
        where: 'Ashfield',
      },
      null,
      a.ctx,
    );
    await a.handle!.whenSaved();
    const syncA = a.startSync(server.base, sessionId);
    expect(syncA.status.toSend).toBe(2);
    const doneA = await syncA.whenSynced();
    expect(doneA).toMatchObject({
      state: 'synced',
      sent: 2,
      received: 0,
      toSend: 0,
      progress: 1,
      failure: null,
    });
    expect(doneA.lastSyncedAt).not.toBeNull();
    expect(a.states).toEqual(['neverSynced', 'connecting', 'syncing', 'synced']);
    expect(a.mark).not.toBeNull();

    await b.open(sessionId);
    const syncB = b.startSync(server.base, sessionId);
    const doneB = await syncB.whenSynced();
    expect(doneB).toMatchObject({ sent: 0, received: 2, problems: [] });
    expect(titles(b.doc)).toEqual(['Youth club']);

    // Live both ways while connected: B adds an idea, A receives it.
    addProposal(
      b.doc,
      {
        title: 'Bike repair',
        description: 'Saturdays',
        themeId: 'theme-jobs',
        costPence: 50,
        where: 'Ashfield',
      },
      null,
      b.ctx,
    );
    await waitFor(() => titles(a.doc).length === 2, 'A receives B’s idea');
    await waitFor(() => syncB.status.sent === 1 && syncB.status.state === 'synced', 'B acknowledged');
    await waitFor(() => syncA.status.received === 1, 'A counts one received');
    expect(titles(a.doc)).toEqual(['Bike repair', 'Youth club']);

    // What arrived was stored by the app's own IndexedDB writer: a reopened document has it.
    await a.handle!.whenSaved();
    await b.handle!.whenSaved();
    await a.close();
    await b.close();
    await a.open(sessionId);
    await b.open(sessionId);
    expect(titles(a.doc)).toEqual(['Bike repair', 'Youth club']);
    expect(titles(b.doc)).toEqual(['Bike repair', 'Youth club']);

    // After a reload, the sync mark says nothing is left to send; a new idea is one to send.
    addProposal(
      a.doc,
      {
        title: 'Benches',
        description: 'In the park',
        themeId: 'theme-green',
        costPence: 10,
        where: 'Ashfield',
      },
      null,
      a.ctx,
    );
    const again = a.startSync(server.base, sessionId);
    expect(again.status.toSend).toBe(1);
    expect(await again.whenSynced()).toMatchObject({ sent: 1, received: 0 });
  });

  it('Given a device that was revoked, When it syncs, Then the state is failed with the reason refused, and nothing is stored', async () => {
    const { server, dataDir } = await setup();
    const sessionId = randomUUID();
    const a = await device(server, dataDir, 'Tablet A');
    const { deviceId } = await enrolDevice(dataDir, server.base, 'facilitator', 'Lost tablet');
    expect(revokeDevice(server.store!, deviceId)).toBe(true);
    await a.open(sessionId);
    createSession(a.doc, sessionId, validSettings(), a.ctx);
    const sync = a.startSync(server.base, sessionId, 'revoked-or-wrong-token');
    await expect(sync.whenSynced()).rejects.toMatchObject({ reason: 'refused' });
    expect(sync.status).toMatchObject({ state: SYNC_STATES.failed, failure: 'refused', toSend: 1 });
    expect(server.store!.updatesFor(sessionId)).toHaveLength(0);
  });

  it('Given the server holds a record the app would never write, When a device syncs, Then nothing of it reaches the app’s document and the problems are reported', async () => {
    const { server, dataDir } = await setup();
    const sessionId = randomUUID();
    const a = await device(server, dataDir, 'Tablet A');
    await a.open(sessionId);
    createSession(a.doc, sessionId, validSettings(), a.ctx);
    const syncA = a.startSync(server.base, sessionId);
    await syncA.whenSynced();
    // The server's own copy holds a bad record (a compromised server, or an archive from before the server checked
    // updates): clients' updates are checked by the server now (test/unit/server/validation.test.ts), so it is
    // planted in the live document directly.
    server
      .sync!.hocuspocus.documents.get(sessionId)!
      .getMap('proposals')
      .set('evil', { id: 'evil', title: 42 });

    await waitFor(() => syncA.status.problems.length > 0, 'A reports the refusal');
    expect(a.doc.getMap('proposals').has('evil')).toBe(false);
    expect(syncA.status.received).toBe(0);

    const b = await device(server, dataDir, 'Tablet B');
    await b.open(sessionId);
    const syncB = b.startSync(server.base, sessionId);
    await syncB.whenSynced();
    expect(syncB.status.problems).toContainEqual(expect.objectContaining({ map: 'proposals', key: 'evil' }));
    expect(b.doc.getMap('proposals').size).toBe(0);
    // A's own work still goes out while the server's bad content stays out.
    addProposal(
      a.doc,
      { title: 'Benches', description: '', themeId: 'theme-green', costPence: 1, where: 'Park' },
      null,
      a.ctx,
    );
    await waitFor(() => syncA.status.state === 'synced' && syncA.status.toSend === 0, 'A sent its idea');
    expect(titles(server.sync!.hocuspocus.documents.get(sessionId)!)).toContain('Benches');
  });

  it('Given a session over the server’s size limit, When the device syncs, Then the state is failed with the reason tooLarge', async () => {
    const t = tempDir();
    cleanup.push(t.remove);
    const server = await startTestServer(t.dir, { maxDocumentBytes: 2_000 });
    cleanup.push(() => server.close());
    const sessionId = randomUUID();
    const a = await device(server, t.dir, 'Tablet A');
    await a.open(sessionId);
    createSession(a.doc, sessionId, validSettings(), a.ctx);
    const sync = a.startSync(server.base, sessionId);
    await sync.whenSynced().catch(() => undefined);
    for (let i = 0; i < 5 && sync.status.failure === null; i++) {
      addProposal(
        a.doc,
        {
          title: `Idea ${i}`,
          description: 'x'.repeat(900),
          themeId: 'theme-jobs',
          costPence: 1,
          where: 'Here',
        },
        null,
        a.ctx,
      );
      await waitFor(
        () =>
          sync.status.failure !== null ||
          (sync.status.state === SYNC_STATES.synced && sync.status.toSend === 0),
        `idea ${i} taken or refused`,
      );
    }
    await waitFor(() => sync.status.failure === 'tooLarge', 'refused as too large');
    expect(sync.status.state).toBe('failed');
  });

  it('Given a tablet whose copy holds a record the app would never write, When it syncs, Then the server refuses it and the state is failed with the reason rejected', async () => {
    const { server, dataDir } = await setup();
    const sessionId = randomUUID();
    const a = await device(server, dataDir, 'Tablet A');
    await a.open(sessionId);
    createSession(a.doc, sessionId, validSettings(), a.ctx);
    const sync = a.startSync(server.base, sessionId);
    await sync.whenSynced();
    // A record no command would write (money as text), as a damaged or tampered copy would hold.
    a.doc.getMap('proposals').set('rogue', { id: 'rogue', title: 'Rogue', costPence: 'abc' });
    await waitFor(() => sync.status.failure === 'rejected', 'refused by the server');
    expect(sync.status.state).toBe('failed');
    expect(server.sync!.hocuspocus.documents.get(sessionId)?.getMap('proposals').has('rogue') ?? false).toBe(
      false,
    );
  });

  it('Given the device is offline, Then the state is offline, and it syncs once the network is back', async () => {
    const { server, dataDir } = await setup();
    const sessionId = randomUUID();
    const a = await device(server, dataDir, 'Tablet A');
    await a.open(sessionId);
    createSession(a.doc, sessionId, validSettings(), a.ctx);
    let isOnline = false;
    const listeners = new Set<() => void>();
    const sync = startCouncilSync({
      doc: a.doc,
      sessionId,
      token: a.token,
      baseUrl: server.base,
      WebSocketPolyfill: WebSocket,
      network: {
        isOnline: () => isOnline,
        subscribe: (f) => {
          listeners.add(f);
          return () => listeners.delete(f);
        },
      },
    });
    cleanup.push(() => sync.destroy());
    expect(sync.status).toMatchObject({ state: 'offline', toSend: 1 });
    expect(server.sync!.stats().connections).toBe(0);
    isOnline = true;
    listeners.forEach((f) => f());
    expect(await sync.whenSynced()).toMatchObject({ state: 'synced', sent: 1 });
  });

  it('Given no token, Then the state is failed with the reason notEnrolled and nothing connects', async () => {
    const { server } = await setup();
    const d = new Device('Tablet', '');
    cleanup.push(() => d.close());
    await d.open(randomUUID());
    const sync = d.startSync(server.base, randomUUID(), '');
    expect(sync.status).toMatchObject({ state: 'failed', failure: 'notEnrolled' });
    expect(server.sync!.stats().connections).toBe(0);
  });

  it('Given the server restarts while a device is connected, Then the device shows it is reconnecting and syncs what it added meanwhile', async () => {
    const t = tempDir();
    cleanup.push(t.remove);
    let server = await startTestServer(t.dir);
    const port = server.port;
    const sessionId = randomUUID();
    const a = await device(server, t.dir, 'Tablet A');
    await a.open(sessionId);
    createSession(a.doc, sessionId, validSettings(), a.ctx);
    const sync = a.startSync(server.base, sessionId);
    await sync.whenSynced();

    await server.close();
    await waitFor(() => sync.status.state !== 'synced', 'the drop is shown');
    expect(['connecting', 'failed']).toContain(sync.status.state);
    // Local work goes on while the server is away.
    addProposal(
      a.doc,
      {
        title: 'Allotments',
        description: 'Behind the library',
        themeId: 'theme-green',
        costPence: 10,
        where: 'Ashfield',
      },
      null,
      a.ctx,
    );
    await a.handle!.whenSaved();
    expect(sync.status.toSend).toBe(1);

    const restarted = await startServer({
      port,
      host: '127.0.0.1',
      distDir: t.dir,
      dataDir: t.dir,
      log: () => undefined,
    });
    cleanup.push(() => restarted.close());
    server = { ...server, ...restarted };
    await waitFor(() => sync.status.state === 'synced' && sync.status.toSend === 0, 'resumed', 20_000);
    expect(a.states).toContain('connecting');
    expect(titles(restarted.sync!.hocuspocus.documents.get(sessionId)!)).toEqual(['Allotments']);
  });
});
