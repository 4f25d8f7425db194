/**
 * Issue 12 §3: updates that depend on a change the server never received are held, and what one connection may
 * hold is bounded (updates and bytes); holding them costs other devices nothing (the scratch copy is not rebuilt
 * for them, and each is looked at again only once the session has what it lacked). Real server on 127.0.0.1, a
 * real SQLite file, real providers. Work is counted (shadowBuilds, held), never timed.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_LIMITS, type Limits } from '../../../src/server/limits';
import {
  acknowledged,
  assignSession,
  connect,
  enrolDevice,
  proposal,
  seedSession,
  sendRawUpdate,
  startTestServer,
  tempDir,
  waitFor,
  type Client,
} from './support';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('one device holding updates cannot stall the others', { timeout: 60_000 }, () => {
  const cleanup: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  function client(server: Server, sessionId: string, token: string): Client {
    const c = connect(server.url, sessionId, token);
    cleanup.push(c.destroy);
    return c;
  }

  /** A session written by an honest tablet, and a second enrolled device (the flooder) connected to it. */
  async function setup(limits: Partial<Limits> = {}): Promise<{
    server: Server;
    sessionId: string;
    honest: Client;
    flooder: Client;
    flooderReasons: string[];
  }> {
    const t = tempDir();
    cleanup.push(t.remove);
    const server = await startTestServer(t.dir, limits);
    cleanup.push(() => server.close());
    const first = await enrolDevice(t.dir, server.base, 'facilitator', 'Tablet 1');
    const second = await enrolDevice(t.dir, server.base, 'facilitator', 'Flooder');
    const sessionId = randomUUID();
    assignSession(server.store!, sessionId, second.deviceId);
    const honest = client(server, sessionId, first.token);
    await acknowledged(honest);
    seedSession(honest.doc, sessionId);
    honest.doc.getMap('proposals').set('p1', { ...proposal('p1', 'Youth club'), deviceId: 'tablet-1' });
    await acknowledged(honest);
    const flooder = client(server, sessionId, second.token);
    await acknowledged(flooder);
    const flooderReasons: string[] = [];
    flooder.provider.on('close', ({ event }: { event: { reason: string } }) =>
      flooderReasons.push(event.reason),
    );
    return { server, sessionId, honest, flooder, flooderReasons };
  }

  /**
   * `count` updates written after a change that is never sent: each waits for that change (and the ones before
   * it). `descriptionBytes` pads each one.
   */
  function dependentUpdates(
    base: Y.Doc,
    count: number,
    descriptionBytes = 0,
  ): { missing: Uint8Array; dependents: Uint8Array[] } {
    const author = new Y.Doc();
    Y.applyUpdate(author, Y.encodeStateAsUpdate(base));
    const updates: Uint8Array[] = [];
    author.on('update', (u: Uint8Array) => updates.push(u));
    author.getMap('proposals').set('never-sent', proposal('never-sent', 'Never sent'));
    for (let i = 0; i < count; i++) {
      const id = `held-${i}`;
      author
        .getMap('proposals')
        .set(id, { ...proposal(id, `Held ${i}`), description: 'x'.repeat(descriptionBytes) });
    }
    const [missing, ...dependents] = updates;
    return { missing: missing!, dependents };
  }

  it("Given a device holding the most updates one connection may, When another device writes, Then that device's writes are acknowledged and stored without the scratch copy being rebuilt", async () => {
    const s = await setup();
    const max = DEFAULT_LIMITS.maxHeldUpdatesPerConnection;
    const { dependents } = dependentUpdates(s.flooder.doc, max);
    for (const u of dependents) sendRawUpdate(s.flooder, s.sessionId, u);
    await waitFor(() => s.server.sync!.checkStats().held === max, `${max} updates held`);

    const rowsBefore = s.server.store!.updatesFor(s.sessionId).length;
    const buildsBefore = s.server.sync!.checkStats().shadowBuilds;
    for (let i = 0; i < 20; i++) {
      const id = `honest-${i}`;
      s.honest.doc.getMap('proposals').set(id, { ...proposal(id, `Honest ${i}`), deviceId: 'tablet-1' });
    }
    await acknowledged(s.honest);
    expect(s.server.store!.updatesFor(s.sessionId).length).toBe(rowsBefore + 20);
    // Nothing the held updates lack arrived: none of them was checked again, and nothing was rebuilt.
    expect(s.server.sync!.checkStats().shadowBuilds).toBe(buildsBefore);
    expect(s.server.sync!.checkStats().held).toBe(max);
    expect(s.flooderReasons).toEqual([]);

    // One more is refused in words; the connection's held updates are dropped, none stored.
    const { dependents: more } = dependentUpdates(s.flooder.doc, 1);
    sendRawUpdate(s.flooder, s.sessionId, more[0]!);
    await waitFor(() => s.flooderReasons.length > 0, 'a refusal');
    expect(s.flooderReasons[0]).toMatch(/^too-many-held-updates: /);
    await waitFor(() => s.server.sync!.checkStats().held === 0, 'the held updates dropped');
    const live = s.server.sync!.hocuspocus.documents.get(s.sessionId)!;
    expect([...live.getMap('proposals').keys()].some((k) => k.startsWith('held-'))).toBe(false);
    expect(s.server.logs).toContainEqual(
      expect.objectContaining({ event: 'update-refused', reason: 'too-many-held-updates' }),
    );

    // The honest device goes on.
    s.honest.doc.getMap('proposals').set('after', { ...proposal('after', 'After'), deviceId: 'tablet-1' });
    await acknowledged(s.honest);
    expect(live.getMap('proposals').has('after')).toBe(true);
  });

  it('Given held updates over the byte limit of one connection, Then the one passing it is refused in words and nothing held is stored', async () => {
    const s = await setup({ maxHeldBytesPerConnection: 64 * 1024 });
    const { dependents } = dependentUpdates(s.flooder.doc, 3, 30 * 1024);
    for (const u of dependents) sendRawUpdate(s.flooder, s.sessionId, u);
    await waitFor(() => s.flooderReasons.length > 0, 'a refusal');
    expect(s.flooderReasons[0]).toMatch(/^too-many-held-updates: /);
    await waitFor(() => s.server.sync!.checkStats().held === 0, 'the held updates dropped');
    const live = s.server.sync!.hocuspocus.documents.get(s.sessionId)!;
    expect([...live.getMap('proposals').keys()].some((k) => k.startsWith('held-'))).toBe(false);
  });

  it('Given updates held for a change sent after them on the same connection, When that change arrives, Then all are checked once, stored and acknowledged', async () => {
    const s = await setup();
    const { missing, dependents } = dependentUpdates(s.flooder.doc, 10);
    const rowsBefore = s.server.store!.updatesFor(s.sessionId).length;
    for (const u of dependents) sendRawUpdate(s.flooder, s.sessionId, u);
    await waitFor(() => s.server.sync!.checkStats().held === 10, '10 updates held');
    const buildsBefore = s.server.sync!.checkStats().shadowBuilds;
    sendRawUpdate(s.flooder, s.sessionId, missing);
    await waitFor(() => s.server.store!.updatesFor(s.sessionId).length === rowsBefore + 11, 'all 11 stored');
    expect(s.server.sync!.checkStats()).toMatchObject({ held: 0, shadowBuilds: buildsBefore });
    expect(s.flooderReasons).toEqual([]);
    expect(s.server.logs.filter((l) => l.event === 'update-refused')).toEqual([]);
    await waitFor(
      () => s.honest.doc.getMap('proposals').has('held-9'),
      'the last one reached the other device',
    );
  });
});
