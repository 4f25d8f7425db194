import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WindowCounter } from '../../../src/server/limits';
import { peekMessage } from '../../../src/server/sync';
import {
  acknowledged,
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

/** A Hocuspocus message: varString document name, then the given bytes. */
function frame(documentName: string, rest: number[] | Uint8Array): Uint8Array {
  const name = new TextEncoder().encode(documentName);
  return Uint8Array.from([name.length, ...name, ...rest]);
}

function rawSocket(url: string): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.on('error', () => undefined);
    ws.once('open', () => resolve({ ws, closed }));
    ws.once('unexpected-response', () => reject(new Error('upgrade refused')));
  });
}

async function healthy(server: Server): Promise<void> {
  const res = await fetch(`${server.base}/api/health`);
  expect(res.status).toBe(200);
}

describe('limits and malformed input', { timeout: 20_000 }, () => {
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

  it('Given garbage binary frames before authentication, Then the socket is closed, a line is logged, and the server goes on', async () => {
    const { server } = await setup();
    for (let i = 0; i < 5; i++) {
      const { ws, closed } = await rawSocket(server.url);
      ws.send(randomBytes(1 + i * 97));
      ws.send(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
      const code = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(-1), 2000))]);
      if (code === -1) ws.terminate();
    }
    await healthy(server);
    expect(server.logs.some((l) => l.event === 'message-refused' && l.reason === 'malformed')).toBe(true);
  });

  it('Given a flood of messages for a document that never authenticates, Then the socket is closed with 1008 and logged', async () => {
    const { server } = await setup();
    const { ws, closed } = await rawSocket(server.url);
    const sessionId = randomUUID();
    // Awareness messages (type 1) are queued by Hocuspocus until the document authenticates.
    for (let i = 0; i < 100 && ws.readyState === WebSocket.OPEN; i++) ws.send(frame(sessionId, [1, 1, 0]));
    expect(await closed).toBe(1008);
    expect(server.logs).toContainEqual(
      expect.objectContaining({ event: 'socket-closed', reason: 'too-much-before-authentication' }),
    );
    await healthy(server);
  });

  it('Given a text frame, Then the socket is closed with 1003 and the server goes on', async () => {
    const { server } = await setup();
    const { ws, closed } = await rawSocket(server.url);
    ws.send('hello');
    expect(await closed).toBe(1003);
    await healthy(server);
  });

  it('Given a frame over the maximum message size, Then the socket is closed with 1009, logged, and the server goes on', async () => {
    const { server } = await setup({ maxMessageBytes: 64 * 1024 });
    const { ws, closed } = await rawSocket(server.url);
    ws.send(randomBytes(200 * 1024));
    expect(await closed).toBe(1009);
    await waitFor(() => server.logs.some((l) => l.event === 'socket-error'), 'a log line');
    await healthy(server);
  });

  it('Given an authenticated device that sends a garbage update, Then nothing is stored and others go on syncing', async () => {
    const { server, dataDir } = await setup();
    const { token } = await enrolDevice(dataDir, server.base, 'facilitator');
    const sessionId = randomUUID();
    const good = client(server, sessionId, token);
    await acknowledged(good);
    const bad = client(server, sessionId, token);
    await acknowledged(bad);
    const before = server.store!.updatesFor(sessionId).length;
    // Sync message (0), update (2), then a length-prefixed "update" of random bytes.
    const junk = randomBytes(300);
    const refused = nextClose(bad);
    bad.provider.configuration.websocketProvider.send(frame(sessionId, [0, 2, 0xac, 0x02, ...junk]));
    // The server's answer to it: refused, and the device's session closed.
    await refused;
    expect(server.store!.updatesFor(sessionId).length).toBe(before);
    good.doc.transact(() => {
      seedSession(good.doc, sessionId);
      good.doc.getMap('proposals').set('p1', proposal('p1', 'Still fine'));
    });
    await acknowledged(good);
    expect(server.store!.updatesFor(sessionId).length).toBe(before + 1);
    await healthy(server);
  });

  it('Given a session at its maximum size, Then a bigger update is refused with a clear reason, not stored, and logged', async () => {
    const { server, dataDir } = await setup({ maxDocumentBytes: 20 * 1024 });
    const { token, deviceId } = await enrolDevice(dataDir, server.base, 'facilitator');
    const sessionId = randomUUID();
    const writer = client(server, sessionId, token);
    const reasons: string[] = [];
    writer.provider.on('close', ({ event }: { event: { reason: string } }) => reasons.push(event.reason));
    await acknowledged(writer);
    seedSession(writer.doc, sessionId);
    writer.doc.getMap('proposals').set('small', proposal('small', 'Fits'));
    await acknowledged(writer);
    const stored = server.store!.storedBytes(sessionId);
    writer.doc
      .getMap('proposals')
      .set('big', { ...proposal('big', 'Too big'), description: 'x'.repeat(30 * 1024) });
    await waitFor(() => reasons.length > 0, 'a refusal');
    expect(reasons[0]).toMatch(/document-too-large/);
    expect(server.store!.storedBytes(sessionId)).toBe(stored);
    expect(server.logs).toContainEqual(
      expect.objectContaining({ event: 'update-refused', reason: 'document-too-large', device: deviceId }),
    );
    await healthy(server);
  });

  it('Given message headers, Then peekMessage reads the name and types, and null for garbage', () => {
    expect(peekMessage(frame('abc', [0, 2, 1, 0]))).toEqual({ documentName: 'abc', type: 0, syncType: 2 });
    expect(peekMessage(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))).toBeNull();
    expect(peekMessage(Uint8Array.from([10, 1, 2]))).toBeNull();
  });

  it('Given a window counter, Then it blocks after max hits and lets through after the window', () => {
    let now = 0;
    const c = new WindowCounter(2, 1000, () => now);
    c.hit('a');
    expect(c.blocked('a')).toBe(false);
    c.hit('a');
    expect(c.blocked('a')).toBe(true);
    expect(c.blocked('b')).toBe(false);
    expect(c.retryAfterSeconds('a')).toBe(1);
    now = 1000;
    expect(c.blocked('a')).toBe(false);
  });
});
