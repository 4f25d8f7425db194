/**
 * A plain Hocuspocus provider (not the app, which sends in parts itself) with more than the 2 MiB message limit
 * to send (issue 12 §1): its sync step 2 reaches the server in one message, which the server takes up to the
 * session limit and checks in parts, each as an update of its own. A real server on 127.0.0.1 with a real SQLite
 * file, real providers; the ideas are written with the app's own commands.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { CommandContext } from '../../../src/doc/commands';
import { readRecords } from '../../../src/doc/schema';
import { assign } from '../../../src/server/assignments';
import { DEFAULT_LIMITS, type Limits } from '../../../src/server/limits';
import { addIdeas, deviceContext, MiB, sessionWithIdeas } from '../helpers/largeSession';
import { validSettings } from '../helpers/session';
import {
  connect,
  enrolDevice,
  proposal,
  sendRawUpdate,
  startTestServer,
  storedDoc,
  tempDir,
  waitFor,
  type Client,
  varUintBytes,
} from './support';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** Comments of nearly the 1,000 characters allowed, on the given ideas (records as addComment writes them). */
function addComments(doc: Y.Doc, proposalIds: string[], count: number, ctx: CommandContext): void {
  doc.transact(() => {
    const comments = doc.getMap('comments');
    for (let i = 0; i < count; i++) {
      const id = ctx.newId();
      comments.set(id, {
        id,
        proposalId: proposalIds[i % proposalIds.length]!,
        participantId: null,
        text: `Comment ${i}: ${'yes, and benches by the pond would help older neighbours; '.repeat(18)}`.slice(
          0,
          990,
        ),
        deviceId: ctx.deviceId,
        at: ctx.now(),
      });
    }
  });
}

/** Synced, and every local change acknowledged, within a generous deadline (a 10 MiB check takes seconds). */
async function settled(client: Client, timeoutMs = 90_000): Promise<void> {
  await waitFor(() => client.provider.isSynced, 'synced', timeoutMs);
  await waitFor(() => client.provider.unsyncedChanges === 0, 'every change acknowledged', timeoutMs);
}

/** How the provider's socket was closed (code and reason), as they happen. */
function closes(client: Client): { code: number; reason: string }[] {
  const seen: { code: number; reason: string }[] = [];
  client.provider.configuration.websocketProvider.on(
    'close',
    ({ event }: { event: { code: number; reason: string } }) =>
      seen.push({ code: event.code, reason: String(event.reason) }),
  );
  return seen;
}

function sameState(a: Y.Doc, b: Y.Doc): void {
  expect(Y.decodeStateVector(Y.encodeStateVector(a))).toEqual(Y.decodeStateVector(Y.encodeStateVector(b)));
  expect(readRecords(a)).toEqual(readRecords(b));
}

/** The underlying ws socket of a provider (the tests give it ws as its WebSocket). */
function socketOf(client: Client): WebSocket {
  return (client.provider.configuration.websocketProvider as unknown as { webSocket: WebSocket }).webSocket;
}

describe('a plain provider with more than the message limit to send', { timeout: 180_000 }, () => {
  const cleanup: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  async function setup(
    limits: Partial<Limits> = {},
  ): Promise<{ server: Server; tokens: string[]; deviceIds: string[] }> {
    const t = tempDir();
    cleanup.push(t.remove);
    const server = await startTestServer(t.dir, limits);
    cleanup.push(() => server.close());
    const tokens: string[] = [];
    const deviceIds: string[] = [];
    for (const name of ['Tablet A', 'Tablet B', 'Tablet C']) {
      const d = await enrolDevice(t.dir, server.base, 'facilitator', name);
      assign(server.store!, d.deviceId, { kind: 'neighbourhood', value: validSettings().neighbourhood });
      tokens.push(d.token);
      deviceIds.push(d.deviceId);
    }
    return { server, tokens, deviceIds };
  }

  function client(server: Server, sessionId: string, token: string, doc = new Y.Doc()): Client {
    const c = connect(server.url, sessionId, token, doc);
    cleanup.push(c.destroy);
    return c;
  }

  /** The server's document and its stored rows both equal the client's; each struct stored once. */
  function expectStoredOnce(server: Server, sessionId: string, doc: Y.Doc): void {
    const live = server.sync!.hocuspocus.documents.get(sessionId)!;
    sameState(live, doc);
    sameState(storedDoc(server.store!, sessionId), doc);
    const rows = server.store!.updatesFor(sessionId);
    const storedBytes = rows.reduce((n, r) => n + r.bytes, 0);
    expect(storedBytes).toBeLessThan(Y.encodeStateAsUpdate(doc).byteLength * 1.05);
    // Stored in parts, each within the message limit, as the app's own parts are.
    for (const row of rows) expect(row.bytes).toBeLessThanOrEqual(DEFAULT_LIMITS.maxMessageBytes);
  }

  it('Given a new session of 1,100 ideas (2.4 MiB), When a plain provider first syncs it, Then the server takes its one sync message, stores every record once and holds what the client holds', async () => {
    const { server, tokens } = await setup();
    const { doc, sessionId } = sessionWithIdeas(1100);
    expect(Y.encodeStateAsUpdate(doc).byteLength).toBeGreaterThan(2.3 * MiB);

    const c = client(server, sessionId, tokens[0]!, doc);
    const seen = closes(c);
    await settled(c);

    expect(seen).toEqual([]);
    expect(readRecords(server.sync!.hocuspocus.documents.get(sessionId)!).proposals).toHaveLength(1100);
    expectStoredOnce(server, sessionId, doc);
    expect(server.logs).toContainEqual(
      expect.objectContaining({ event: 'update-large', session: sessionId }),
    );
    expect(server.sync!.largeBytesInFlight()).toBe(0);
  });

  it('Given a session of about 10 MiB (2,000 ideas, 5,500 long comments), When a plain provider first syncs it, Then all of it is stored once while /api/health goes on answering', async () => {
    const { server, tokens } = await setup();
    const ctx = deviceContext('tablet-a');
    const { doc, sessionId } = sessionWithIdeas(2000, ctx);
    addComments(
      doc,
      readRecords(doc).proposals.map((p) => p.id),
      5500,
      ctx,
    );
    expect(Y.encodeStateAsUpdate(doc).byteLength).toBeGreaterThan(9.5 * MiB);

    const c = client(server, sessionId, tokens[0]!, doc);
    const seen = closes(c);
    let done = false;
    const health: number[] = [];
    // One request after another, each sent once the last is answered, for as long as the sync takes.
    const polling = (async () => {
      while (!done) {
        health.push(
          await fetch(`${server.base}/api/health`).then(
            (r) => r.status,
            () => -1,
          ),
        );
      }
    })();
    try {
      await settled(c);
    } finally {
      done = true;
      await polling;
    }

    expect(seen).toEqual([]);
    expect(health.length).toBeGreaterThan(0);
    expect(health.every((s) => s === 200)).toBe(true);
    const records = readRecords(server.sync!.hocuspocus.documents.get(sessionId)!);
    expect(records.proposals).toHaveLength(2000);
    expect(records.comments).toHaveLength(5500);
    expectStoredOnce(server, sessionId, doc);
  });

  it('Given a device that synced 100 ideas, When it comes back from a long offline spell with 1,000 more (over 2 MiB), Then its plain provider syncs them all, stored once', async () => {
    const { server, tokens } = await setup();
    const ctx = deviceContext('tablet-a');
    const { doc, sessionId } = sessionWithIdeas(100, ctx);
    const before = client(server, sessionId, tokens[0]!, doc);
    await settled(before);
    before.destroy();

    const sizeBefore = Y.encodeStateAsUpdate(doc).byteLength;
    addIdeas(doc, 1000, ctx, 100);
    expect(Y.encodeStateAsUpdate(doc).byteLength - sizeBefore).toBeGreaterThan(2 * MiB);

    const back = client(server, sessionId, tokens[0]!, doc);
    const seen = closes(back);
    await settled(back);
    expect(seen).toEqual([]);
    expect(readRecords(server.sync!.hocuspocus.documents.get(sessionId)!).proposals).toHaveLength(1100);
    expectStoredOnce(server, sessionId, doc);
  });

  it('Given a message over 2 MiB whose last part breaks the rules, Then nothing of it is stored, it is refused as invalid-update as a small one is, and the next device writes as usual', async () => {
    const { server, tokens } = await setup();
    const ctx = deviceContext('tablet-a');
    const { doc, sessionId } = sessionWithIdeas(0, ctx);
    const writer = client(server, sessionId, tokens[0]!, doc);
    await settled(writer);
    const rowsBefore = server.store!.updatesFor(sessionId).length;
    const bytesBefore = server.store!.storedBytes(sessionId);

    // 1,100 valid ideas and, written last (so in the last part), one with a negative cost.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(doc));
    const base = Y.encodeStateVector(forged);
    addIdeas(forged, 1100, ctx);
    forged.getMap('proposals').set('bad-cost', { ...proposal('bad-cost', 'Free money'), costPence: -5 });
    const update = Y.encodeStateAsUpdate(forged, base);
    expect(update.byteLength).toBeGreaterThan(2.3 * MiB);

    const reasons: string[] = [];
    writer.provider.on('close', ({ event }: { event: { reason: string } }) => reasons.push(event.reason));
    sendRawUpdate(writer, sessionId, update);
    await waitFor(() => reasons.length > 0, 'a refusal', 60_000);

    expect(reasons[0]).toMatch(/^invalid-update: proposals\.bad-cost\.costPence \w+; nothing was stored/);
    const large = server.logs.find((l) => l.event === 'update-large' && l.session === sessionId);
    expect(large?.parts).toBeGreaterThanOrEqual(4);
    expect(server.store!.updatesFor(sessionId)).toHaveLength(rowsBefore);
    expect(server.store!.storedBytes(sessionId)).toBe(bytesBefore);
    expect(readRecords(storedDoc(server.store!, sessionId)).proposals).toHaveLength(0);
    // The document may have been unloaded with its last connection; if not, it holds none of it either.
    const live = server.sync!.hocuspocus.documents.get(sessionId);
    if (live) expect(readRecords(live).proposals).toHaveLength(0);
    expect(server.logs).toContainEqual(
      expect.objectContaining({ event: 'update-refused', reason: 'invalid-update', session: sessionId }),
    );

    // Another device's small write is checked against the session as stored, not the refused parts.
    const other = client(server, sessionId, tokens[1]!);
    await settled(other);
    other.doc.getMap('proposals').set('p-after', proposal('p-after', 'Still fine'));
    await settled(other);
    expect(readRecords(storedDoc(server.store!, sessionId)).proposals.map((p) => p.id)).toEqual(['p-after']);
    expect(server.sync!.largeBytesInFlight()).toBe(0);
  });

  it('Given a signed-in device, When it sends a message over 2 MiB that is not a document update (awareness), Then the socket is closed with 1009 in words and nothing is applied', async () => {
    const { server, tokens } = await setup();
    const { doc, sessionId } = sessionWithIdeas(1);
    const c = client(server, sessionId, tokens[0]!, doc);
    await settled(c);
    const seen = closes(c);

    const name = new TextEncoder().encode(sessionId);
    const body = new Uint8Array(2.5 * MiB).fill(7);
    const message = Uint8Array.from([...varUintBytes(name.length), ...name, 1, ...varUintBytes(body.length)]);
    const out = new Uint8Array(message.length + body.length);
    out.set(message);
    out.set(body, message.length);
    socketOf(c).send(out);

    await waitFor(() => seen.length > 0, 'the socket closed', 30_000);
    expect(seen[0]).toEqual({ code: 1009, reason: expect.stringMatching(/^message-too-large/) as string });
    expect(server.logs).toContainEqual(
      expect.objectContaining({ event: 'message-refused', reason: 'too-large', type: 1 }),
    );
    await waitFor(() => server.sync!.largeBytesInFlight() === 0, 'the budget given back');
  });

  it('Given a large message being received, When a second device sends one that would pass the server’s budget, Then that one is refused as server-busy (and goes through once the first is gone) while a normal device’s small write is acknowledged', async () => {
    const { server, tokens } = await setup({ maxLargeMessageBytesInFlight: 4 * MiB });

    // Device A: signed in, then 3 MiB of a message it never finishes (a fragment without FIN).
    const a = sessionWithIdeas(1);
    const hog = client(server, a.sessionId, tokens[0]!, a.doc);
    await settled(hog);
    socketOf(hog).send(new Uint8Array(3 * MiB).fill(1), { fin: false });
    await waitFor(() => server.sync!.largeBytesInFlight() >= 3 * MiB, 'the first message held');

    // Device B: a plain provider's first sync of 2.4 MiB.
    const b = sessionWithIdeas(1100, deviceContext('tablet-b'));
    const big = client(server, b.sessionId, tokens[1]!, b.doc);
    const seen = closes(big);
    await waitFor(() => seen.length > 0, 'the big sync refused', 60_000);
    expect(seen[0]).toEqual({ code: 1013, reason: expect.stringMatching(/^server-busy/) as string });
    expect(server.logs).toContainEqual(
      expect.objectContaining({ event: 'message-refused', reason: 'server-busy' }),
    );

    // Device C: a normal write goes through meanwhile.
    const c = sessionWithIdeas(3, deviceContext('tablet-c'));
    const normal = client(server, c.sessionId, tokens[2]!, c.doc);
    await settled(normal);
    expectStoredOnce(server, c.sessionId, c.doc);
    expect(server.sync!.largeBytesInFlight()).toBeGreaterThanOrEqual(3 * MiB);

    // A goes: its bytes are given back, and B's provider, trying again, gets through.
    socketOf(hog).terminate();
    await settled(big);
    expectStoredOnce(server, b.sessionId, b.doc);
    await waitFor(() => server.sync!.largeBytesInFlight() === 0, 'the budget given back');
  });
});
