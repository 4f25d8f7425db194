import { HocuspocusProvider } from '@hocuspocus/provider';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { revokeDevice } from '../../../src/server/devices';
import {
  acknowledged,
  assignSession,
  connect,
  enrolDevice,
  nextClose,
  proposal,
  startTestServer,
  seedSession,
  tempDir,
  waitFor,
  type Client,
} from './support';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('sync authentication and roles', { timeout: 20_000 }, () => {
  const cleanup: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  async function setup(limits = {}): Promise<{ server: Server; dataDir: string }> {
    const t = tempDir();
    cleanup.push(t.remove);
    const server = await startTestServer(t.dir, limits);
    cleanup.push(() => server.close());
    return { server, dataDir: t.dir };
  }
  function client(server: Server, sessionId: string, token: string): Client {
    const c = connect(server.url, sessionId, token);
    cleanup.push(c.destroy);
    return c;
  }
  /** A session with one proposal, written by an enrolled facilitator. */
  async function seeded(
    server: Server,
    dataDir: string,
  ): Promise<{ sessionId: string; facilitator: string }> {
    const { token } = await enrolDevice(dataDir, server.base, 'facilitator');
    const sessionId = randomUUID();
    const writer = client(server, sessionId, token);
    await acknowledged(writer);
    seedSession(writer.doc, sessionId);
    writer.doc.getMap('proposals').set('p1', proposal('p1', 'Youth club'));
    await acknowledged(writer);
    return { sessionId, facilitator: token };
  }
  const rows = (server: Server, sessionId: string): number => server.store!.updatesFor(sessionId).length;
  /**
   * Resolves once the server has read everything `c` sent so far: a socket's messages are read in the order they
   * were sent, and another session signing in on the same socket (`token`'s device) has its answer.
   */
  async function readSoFar(c: Client, token: string): Promise<void> {
    const probe = new HocuspocusProvider({
      websocketProvider: c.provider.configuration.websocketProvider,
      name: randomUUID(),
      token,
      document: new Y.Doc(),
    });
    const answered = new Promise((r) => {
      probe.on('authenticated', r);
      probe.on('authenticationFailed', r);
    });
    probe.attach();
    await answered;
    probe.destroy();
  }

  it('Given a wrong token, Then the client is refused, reads nothing, and what it writes is not stored; the token is not logged', async () => {
    const { server, dataDir } = await setup();
    const { sessionId, facilitator } = await seeded(server, dataDir);
    const stored = rows(server, sessionId);
    const wrongToken = 'not-a-real-token-' + randomUUID();
    const intruder = client(server, sessionId, wrongToken);
    expect(await intruder.denied).toMatch(/unauthorized/);
    intruder.doc.getMap('proposals').set('evil', proposal('evil', 'Spam'));
    await readSoFar(intruder, facilitator);
    expect(intruder.doc.getMap('proposals').has('p1')).toBe(false);
    expect(rows(server, sessionId)).toBe(stored);
    expect(server.logs.some((l) => l.event === 'auth-failed')).toBe(true);
    expect(JSON.stringify(server.logs)).not.toContain(wrongToken);
  });

  it('Given a device that is revoked, Then its next connection is refused', async () => {
    const { server, dataDir } = await setup();
    const { sessionId } = await seeded(server, dataDir);
    const device = await enrolDevice(dataDir, server.base, 'facilitator', 'Tablet 7');
    assignSession(server.store!, sessionId, device.deviceId);
    const first = client(server, sessionId, device.token);
    await acknowledged(first);
    expect(first.doc.getMap('proposals').has('p1')).toBe(true);
    first.destroy();
    expect(revokeDevice(server.store!, device.deviceId)).toBe(true);
    const next = client(server, sessionId, device.token);
    expect(await next.denied).toMatch(/revoked/);
    expect(next.doc.getMap('proposals').size).toBe(0);
  });

  it('Given an officer, Then it reads everything, and its writes are refused and not stored', async () => {
    const { server, dataDir } = await setup();
    const { sessionId } = await seeded(server, dataDir);
    const stored = rows(server, sessionId);
    const officer = await enrolDevice(dataDir, server.base, 'officer', 'Office');
    const reader = client(server, sessionId, officer.token);
    await waitFor(() => reader.provider.isSynced, 'officer synced');
    expect(reader.doc.getMap('proposals').get('p1')).toMatchObject({ title: 'Youth club' });
    const refused = nextClose(reader);
    reader.doc.getMap('proposals').set('p2', proposal('p2', 'Officer write'));
    // Refused before Hocuspocus applies (and would acknowledge) it: the close is the server's answer.
    expect(await refused).toMatch(/^invalid-update/);
    expect(reader.provider.unsyncedChanges).toBeGreaterThan(0);
    expect(rows(server, sessionId)).toBe(stored);
    expect(server.sync!.hocuspocus.documents.get(sessionId)?.getMap('proposals').has('p2')).toBe(false);
  });

  it('Given a document name that is not a session id, Then refused', async () => {
    const { server, dataDir } = await setup();
    const { token } = await enrolDevice(dataDir, server.base, 'facilitator');
    const c = client(server, '../../etc/passwd', token);
    expect(await c.denied).toMatch(/invalid-document-name/);
    expect(server.sync!.hocuspocus.documents.size).toBe(0);
  });

  it('Given a device with its maximum of connections open, Then one more is refused, and allowed again once one closes', async () => {
    const { server, dataDir } = await setup({ maxConnectionsPerDevice: 2 });
    const { token } = await enrolDevice(dataDir, server.base, 'facilitator');
    const a = client(server, randomUUID(), token);
    const b = client(server, randomUUID(), token);
    await acknowledged(a);
    await acknowledged(b);
    const c = client(server, randomUUID(), token);
    expect(await c.denied).toMatch(/too-many-connections/);
    a.destroy();
    await waitFor(() => server.sync!.stats().connections === 1, 'a closed');
    const d = client(server, randomUUID(), token);
    await acknowledged(d);
  });

  it('Given repeated failed authentication from one address, Then more wrong tokens from it are told to wait, and a good token still signs in', async () => {
    const { server, dataDir } = await setup({ maxAuthFailures: 3 });
    const { token } = await enrolDevice(dataDir, server.base, 'facilitator');
    for (let i = 0; i < 3; i++) {
      const bad = client(server, randomUUID(), `wrong-${i}`);
      expect(await bad.denied).toMatch(/unauthorized/);
      bad.destroy();
    }
    const another = client(server, randomUUID(), 'wrong-3');
    expect(await another.denied).toMatch(/too-many-failed-attempts/);
    another.destroy();
    expect(server.logs).toContainEqual(
      expect.objectContaining({ event: 'auth-throttled', by: 'address', via: 'sync' }),
    );
    const good = client(server, randomUUID(), token);
    await acknowledged(good);
    expect(JSON.stringify(server.logs)).not.toContain(token);
  });

  it('Given a socket that never authenticates, Then the server closes it', async () => {
    const { server } = await setup({ authTimeoutMs: 200 });
    const code = await new Promise<number>((resolve) => {
      const ws = new WebSocket(server.url);
      ws.on('close', (c) => resolve(c));
    });
    expect(code).toBe(4401);
  });
});
