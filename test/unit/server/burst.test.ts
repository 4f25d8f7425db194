/**
 * Issue 12 §2: valid updates sent back to back on one connection (a script, a fast integration, a tablet catching
 * up, a large first sync sent in parts) are checked one at a time in the order they arrive, so each one finds the
 * ones before it applied: all are acknowledged and stored, none is called incomplete. Real server on 127.0.0.1, a
 * real SQLite file, a real provider.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Store } from '../../../src/server/store';
import {
  acknowledged,
  assignSession,
  connect,
  enrolDevice,
  proposal,
  seedSession,
  sendRawUpdate,
  startTestServer,
  storedDoc,
  tempDir,
  waitFor,
  type Client,
} from './support';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const BURST = 300;
/** Generous: two shared cores; the figure that matters (time) is in the bench, not here. */
const DEADLINE_MS = 60_000;

describe('a burst of valid updates on one connection', { timeout: 120_000 }, () => {
  const cleanup: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  async function setup(): Promise<{
    server: Server;
    dir: string;
    sessionId: string;
    writer: Client;
    writerDeviceId: string;
  }> {
    const t = tempDir();
    cleanup.push(t.remove);
    const server = await startTestServer(t.dir);
    cleanup.push(() => server.close());
    const { token, deviceId } = await enrolDevice(t.dir, server.base, 'facilitator', 'Tablet 1');
    const sessionId = randomUUID();
    const writer = connect(server.url, sessionId, token);
    cleanup.push(writer.destroy);
    await acknowledged(writer);
    seedSession(writer.doc, sessionId);
    await acknowledged(writer);
    return { server, dir: t.dir, sessionId, writer, writerDeviceId: deviceId };
  }

  function closeReasons(client: Client): string[] {
    const reasons: string[] = [];
    client.provider.on('close', ({ event }: { event: { reason: string } }) => reasons.push(event.reason));
    return reasons;
  }

  it(`Given ${BURST} quick transactions through the provider, Then every one is acknowledged and stored, none refused`, async () => {
    const { server, dir, sessionId, writer } = await setup();
    const reasons = closeReasons(writer);
    const rowsBefore = server.store!.updatesFor(sessionId).length;
    const buildsBefore = server.sync!.checkStats().shadowBuilds;

    const ids = Array.from({ length: BURST }, () => randomUUID());
    // One transaction each: the provider sends each as its own update message, back to back.
    ids.forEach((id, i) => writer.doc.getMap('proposals').set(id, proposal(id, `Idea ${i}`)));
    await waitFor(() => writer.provider.unsyncedChanges === 0, 'every change acknowledged', DEADLINE_MS);

    expect(reasons).toEqual([]);
    expect(server.logs.filter((l) => l.event === 'update-refused')).toEqual([]);
    expect(server.store!.updatesFor(sessionId).length).toBe(rowsBefore + BURST);
    // Checked in order, one at a time: the scratch copy is never rebuilt for them.
    expect(server.sync!.checkStats().shadowBuilds - buildsBefore).toBe(0);
    expect(server.sync!.checkStats().held).toBe(0);

    // Read back from the SQLite file with its own handle: every idea is there.
    const store = Store.open(dir);
    const stored = storedDoc(store, sessionId).getMap('proposals');
    store.close();
    expect(stored.size).toBe(BURST);
    for (const id of ids) expect(stored.get(id)).toMatchObject({ id });
  });

  it(`Given ${BURST} updates written in a burst on one connection where each depends on the one before, Then all are stored in order`, async () => {
    const { server, dir, sessionId, writer } = await setup();
    const reasons = closeReasons(writer);
    const rowsBefore = server.store!.updatesFor(sessionId).length;

    // Another copy of the device's document writes the updates; they go out in one synchronous loop, so they
    // arrive back to back (several in one TCP read).
    const author = new Y.Doc();
    Y.applyUpdate(author, Y.encodeStateAsUpdate(writer.doc));
    const updates: Uint8Array[] = [];
    author.on('update', (u: Uint8Array) => updates.push(u));
    const ids = Array.from({ length: BURST }, () => randomUUID());
    ids.forEach((id, i) => author.getMap('proposals').set(id, proposal(id, `Idea ${i}`)));
    expect(updates).toHaveLength(BURST);
    for (const u of updates) sendRawUpdate(writer, sessionId, u);

    await waitFor(
      () => server.store!.updatesFor(sessionId).length === rowsBefore + BURST,
      'every update stored',
      DEADLINE_MS,
    );
    expect(reasons).toEqual([]);
    expect(server.logs.filter((l) => l.event === 'update-refused')).toEqual([]);
    const store = Store.open(dir);
    const stored = storedDoc(store, sessionId);
    store.close();
    expect(stored.getMap('proposals').size).toBe(BURST);
    expect(stored.store.pendingStructs).toBeNull();
    // The live document is the stored one.
    const live = server.sync!.hocuspocus.documents.get(sessionId)!;
    expect(Y.encodeStateVector(live)).toEqual(Y.encodeStateVector(stored));
  });

  it('Given one connection working through a burst, When another device writes, Then its write takes its turn instead of waiting for the whole burst', async () => {
    const { server, dir, sessionId, writer, writerDeviceId } = await setup();
    const second = await enrolDevice(dir, server.base, 'facilitator', 'Tablet 2');
    assignSession(server.store!, sessionId, second.deviceId);
    const other = connect(server.url, sessionId, second.token);
    cleanup.push(other.destroy);
    await acknowledged(other);
    const rowsBefore = server.store!.updatesFor(sessionId).length;

    const author = new Y.Doc();
    Y.applyUpdate(author, Y.encodeStateAsUpdate(writer.doc));
    const updates: Uint8Array[] = [];
    author.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < BURST; i++)
      author.getMap('proposals').set(`burst-${i}`, proposal(`burst-${i}`, `Idea ${i}`));
    for (const u of updates) sendRawUpdate(writer, sessionId, u);
    other.doc.getMap('proposals').set('other', proposal('other', 'From the other tablet'));
    await acknowledged(other);
    await waitFor(
      () => server.store!.updatesFor(sessionId).length === rowsBefore + BURST + 1,
      'everything stored',
      DEADLINE_MS,
    );

    // Work, not time: the rows' order in SQLite says when the other device's write was checked and stored.
    const rows = server.store!.updatesFor(sessionId).slice(rowsBefore);
    const at = rows.findIndex((r) => r.deviceId === second.deviceId);
    const burstAfter = rows.slice(at + 1).filter((r) => r.deviceId === writerDeviceId).length;
    expect(burstAfter).toBeGreaterThan(BURST / 2);
  });
});
