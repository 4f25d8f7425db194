/**
 * Issue 12 §10: while the server works through many connections' messages (a morning's burst), /api/health is
 * answered between turns, not after all of it; and taking turns loses nothing: every connection's updates are
 * stored in the order it sent them, every acknowledged write is kept. Real server on 127.0.0.1, a real SQLite file,
 * real providers. Progress is counted in answers the server has sent, never in milliseconds.
 */
import { randomUUID } from 'node:crypto';
import { connect as connectTcp, type Socket } from 'node:net';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cacheFor } from '../../../src/server/stateCache';
import { Store } from '../../../src/server/store';
import {
  acknowledged,
  assignSession,
  connect,
  proposal,
  seedSession,
  serverSessions,
  waitFor,
  type Client,
  type ServerSession,
  type TestServer,
  varUintBytes,
} from './support';

/** Connections, and the sync step 1 messages each sends at once. */
const CONNECTIONS = 4;
const MESSAGES = 100;
/** Generous: two shared cores. */
const DEADLINE_MS = 60_000;

/** A Hocuspocus Sync message, step 1 (document name, 0 Sync, 0 step 1, the state vector): the server answers it. */
function syncStep1(sessionId: string, stateVector: Uint8Array): Uint8Array {
  const name = new TextEncoder().encode(sessionId);
  return new Uint8Array([
    ...varUintBytes(name.length),
    ...name,
    0,
    0,
    ...varUintBytes(stateVector.byteLength),
    ...stateVector,
  ]);
}

describe('the server takes turns in a burst', { timeout: 180_000 }, () => {
  // One server for these tests; each test's connections are closed after it.
  const servers = serverSessions('all');
  let session: ServerSession;
  let server: TestServer;
  const cleanup: (() => void)[] = [];

  beforeAll(async () => {
    session = await servers.start();
    server = session.server;
  });
  afterEach(() => {
    for (const f of cleanup.splice(0).reverse()) f();
  });

  /** `n` enrolled facilitators connected to a new session (the first created it), all synced. */
  async function devicesOnASession(
    n: number,
  ): Promise<{ sessionId: string; clients: Client[]; ids: string[] }> {
    const devices = [];
    for (let i = 0; i < n; i++) devices.push(await session.enrol('facilitator', `Tablet ${i + 1}`));
    const sessionId = randomUUID();
    const first = connect(server.url, sessionId, devices[0]!.token);
    cleanup.push(first.destroy);
    await acknowledged(first);
    seedSession(first.doc, sessionId);
    await acknowledged(first);
    const store = Store.open(session.dataDir);
    assignSession(store, sessionId, ...devices.map((d) => d.deviceId));
    store.close();
    const clients = [first];
    for (const device of devices.slice(1)) {
      const client = connect(server.url, sessionId, device.token);
      cleanup.push(client.destroy);
      clients.push(client);
    }
    for (const client of clients) await acknowledged(client);
    return { sessionId, clients, ids: devices.map((d) => d.deviceId) };
  }

  it("Given many connections' messages arriving at once, When /api/health is asked right after them, Then it is answered before they have all been handled, and every one is handled", async () => {
    const { sessionId, clients } = await devicesOnASession(CONNECTIONS);
    const document = server.sync!.hocuspocus.documents.get(sessionId)!;
    const answered = (): number => cacheFor(document).counters.hits + cacheFor(document).counters.encodes;
    // A monitor's connection, open before the burst (its request is then one write, as the devices' messages are).
    const monitor: Socket = connectTcp({ host: '127.0.0.1', port: server.port });
    cleanup.push(() => monitor.destroy());
    await new Promise((r) => monitor.once('connect', r));
    const before = answered();

    // Given: every connection's messages written to the server at once (each a step 1 it answers).
    for (const client of clients) {
      const message = syncStep1(sessionId, Y.encodeStateVector(client.doc));
      for (let i = 0; i < MESSAGES; i++) client.provider.configuration.websocketProvider.send(message);
    }
    // When: the health check right behind them.
    const response = new Promise<{ text: string; answeredThen: number }>((resolve) =>
      monitor.once('data', (chunk: Buffer) =>
        resolve({ text: chunk.toString(), answeredThen: answered() - before }),
      ),
    );
    monitor.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    const { text, answeredThen } = await response;

    // Then: answered while most messages still waited their turn (all were handled in one go before).
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    expect(answeredThen).toBeLessThan((CONNECTIONS * MESSAGES) / 2);
    // And none is lost.
    await waitFor(
      () => answered() - before === CONNECTIONS * MESSAGES,
      'every message answered',
      DEADLINE_MS,
    );
  });

  it('Given connections sending bursts of updates interleaved with other messages, Then each one is stored in the order it was sent and every acknowledged write is kept', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Per connection: bursts of ideas added at once (each burst one write of many messages).
        fc.array(fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }), {
          minLength: 2,
          maxLength: 3,
        }),
        async (plans) => {
          const { sessionId, clients, ids } = await devicesOnASession(plans.length);
          const sent = clients.map(() => [] as Uint8Array[]);
          clients.forEach((client, c) =>
            client.doc.on('update', (update: Uint8Array, origin: unknown) => {
              if (origin !== client.provider) sent[c]!.push(update);
            }),
          );
          const rounds = Math.max(...plans.map((p) => p.length));
          for (let round = 0; round < rounds; round++) {
            // This round's bursts of every connection, written at once, each with a step 1 in the middle.
            clients.forEach((client, c) => {
              const ideas = plans[c]![round] ?? 0;
              const proposals = client.doc.getMap('proposals');
              for (let i = 0; i < ideas; i++) {
                const id = randomUUID();
                proposals.set(id, proposal(id, `Idea ${c}.${round}.${i}`));
                if (i === Math.floor(ideas / 2)) {
                  const step1 = syncStep1(sessionId, Y.encodeStateVector(client.doc));
                  client.provider.configuration.websocketProvider.send(step1);
                }
              }
            });
          }
          for (const client of clients) await acknowledged(client);

          // Then: each device's rows are its updates, in the order it sent them.
          const store = Store.open(session.dataDir);
          try {
            const rows = store.updatesFor(sessionId);
            ids.forEach((deviceId, c) => {
              const stored = rows.filter((r) => r.deviceId === deviceId).map((r) => Buffer.from(r.update));
              const own = sent[c]!.map((u) => Buffer.from(u));
              // The first device's rows also hold its session's creation, sent before the bursts.
              expect(stored.slice(-own.length)).toEqual(own);
            });
            // And every idea any device added is in the server's session.
            const live = server.sync!.hocuspocus.documents.get(sessionId)!;
            const expected = plans.flat().reduce((a, b) => a + b, 0);
            expect(live.getMap('proposals').size).toBe(expected);
          } finally {
            store.close();
            for (const client of clients) client.destroy();
          }
        },
      ),
      { numRuns: 6 },
    );
  });
});

describe('a device sending faster than its turns come', { timeout: 120_000 }, () => {
  const servers = serverSessions();

  it('Given a waiting limit far below a burst, When one connection sends the burst at once, Then the server reads it in steps and every update is acknowledged and stored, none refused', async () => {
    // 16 KiB may wait per connection; the burst is about 300 updates of 350 bytes (over 100 KiB).
    const { server, enrol, seeded } = await servers.start({
      limits: { maxWaitingBytesPerConnection: 16 * 1024 },
    });
    const { token } = await enrol('facilitator', 'Tablet 1');
    const { sessionId, writer } = await seeded(token);
    const ids = Array.from({ length: 300 }, () => randomUUID());
    ids.forEach((id, i) => writer.doc.getMap('proposals').set(id, proposal(id, `Idea ${i}`)));
    await acknowledged(writer);
    const refused = server.logs.filter((l) => l.event === 'update-refused');
    expect(refused).toEqual([]);
    const live = server.sync!.hocuspocus.documents.get(sessionId)!;
    expect(live.getMap('proposals').size).toBe(300);
  });
});
