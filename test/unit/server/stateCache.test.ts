/**
 * Issue 12 §10: a device's sync step 1 is answered from an answer encoded once per version of the document
 * (src/server/stateCache.ts). What a device receives must be exactly what it lacks, whether the answer was kept
 * or encoded afresh, and a change to the document must never be missed by the next device.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComment, addProposal, type CommandContext } from '../../../src/doc/commands';
import { readRecords } from '../../../src/doc/schema';
import { cacheFor } from '../../../src/server/stateCache';
import { rawSync } from '../../bench/rawDevice';
import {
  acknowledged,
  assignSession,
  connect,
  enrolDevice,
  proposal,
  seedSession,
  startTestServer,
  storedDoc,
  tempDir,
  type Client,
} from './support';

type Running = Awaited<ReturnType<typeof startTestServer>>;

const ctx: CommandContext = { deviceId: 'seed', now: () => 1, newId: () => randomUUID() };

/** A session with a day's ideas and comments (300 and 1,000), about 350 KiB. */
function daySized(sessionId: string): Y.Doc {
  const doc = seedSession(new Y.Doc(), sessionId);
  Y.transact(doc, () => {
    for (let i = 0; i < 300; i++) {
      const proposalId = addProposal(
        doc,
        {
          title: `Idea ${i + 1}: lights on the canal path`,
          description: 'Older residents avoid it after dark. '.repeat(8),
          themeId: 'theme-young',
          costPence: 50_000,
          where: '',
        },
        null,
        ctx,
      );
      for (let c = 0; c < (i < 100 ? 4 : 3); c++) {
        addComment(doc, { proposalId, text: 'Yes, and the bins too. '.repeat(3) }, null, ctx);
      }
    }
  });
  return doc;
}

/** The two documents hold the same items, deletions and records. */
function expectSameState(actual: Y.Doc, expected: Y.Doc): void {
  expect(Y.equalSnapshots(Y.snapshot(actual), Y.snapshot(expected))).toBe(true);
  expect(readRecords(actual)).toEqual(readRecords(expected));
}

describe('sync step 1 answered from the state cache', () => {
  let dir: ReturnType<typeof tempDir>;
  let running: Running;
  const clients: Client[] = [];
  const sessionId = randomUUID();
  let token = '';

  let day: Uint8Array = new Uint8Array();

  beforeAll(() => {
    day = Y.encodeStateAsUpdate(daySized(sessionId));
  }, 60_000);

  beforeEach(async () => {
    dir = tempDir('codesign-statecache-');
    running = await startTestServer(dir.dir);
    running.store!.appendUpdate(sessionId, 'seed', day);
    const device = await enrolDevice(dir.dir, running.base, 'facilitator', 'Tablet');
    assignSession(running.store!, sessionId, device.deviceId);
    token = device.token;
  });

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.destroy());
    await running.close();
    dir.remove();
  });

  const liveCache = () => cacheFor(running.sync!.hocuspocus.documents.get(sessionId)!);

  it('Given a day-sized session, When new devices connect one after another, Then each gets exactly the stored state and the later ones get it from the cache', async () => {
    const first = connect(running.url, sessionId, token);
    clients.push(first);
    await acknowledged(first);
    const hitsBefore = liveCache().counters.hits;
    const second = connect(running.url, sessionId, token);
    const third = connect(running.url, sessionId, token);
    clients.push(second, third);
    await acknowledged(second);
    await acknowledged(third);

    const stored = storedDoc(running.store!, sessionId);
    expect(readRecords(stored).proposals).toHaveLength(300);
    for (const c of [first, second, third]) expectSameState(c.doc, stored);
    expect(liveCache().counters.hits - hitsBefore).toBe(2);
  });

  it('Given a day-sized session, When only reading devices connect, Then no scratch copy is built for checking, until one writes', async () => {
    const readers = [0, 1, 2].map(() => connect(running.url, sessionId, token));
    clients.push(...readers);
    for (const r of readers) await acknowledged(r);
    expect(running.sync!.checkStats().shadowBuilds).toBe(0);

    readers[0]!.doc.getMap('proposals').set('p-late', proposal('p-late', 'Benches by the bus stop'));
    await acknowledged(readers[0]!);
    expect(running.sync!.checkStats().shadowBuilds).toBe(1);
  });

  it('Given devices were served the cached state, When one device writes, Then the next new device gets that write', async () => {
    const writer = connect(running.url, sessionId, token);
    clients.push(writer);
    await acknowledged(writer);
    const reader = connect(running.url, sessionId, token);
    clients.push(reader);
    await acknowledged(reader);
    expect(liveCache().counters.hits).toBeGreaterThan(0);

    writer.doc.getMap('proposals').set('p-late', proposal('p-late', 'Benches by the bus stop'));
    await acknowledged(writer);
    const late = connect(running.url, sessionId, token);
    clients.push(late);
    await acknowledged(late);

    expect(late.doc.getMap('proposals').has('p-late')).toBe(true);
    expectSameState(late.doc, storedDoc(running.store!, sessionId));
  });

  it('Given a device holding part of the session, When it connects, Then the server sends exactly what it lacks, from the cache the second time', async () => {
    const writer = connect(running.url, sessionId, token);
    clients.push(writer);
    await acknowledged(writer);
    const partial = new Y.Doc();
    Y.applyUpdate(partial, Y.encodeStateAsUpdate(writer.doc));
    writer.doc.getMap('proposals').set('p-late', proposal('p-late', 'Benches by the bus stop'));
    await acknowledged(writer);
    const live = running.sync!.hocuspocus.documents.get(sessionId)!;
    const stateVector = Y.encodeStateVector(partial);
    const lacks = Y.encodeStateAsUpdate(live, stateVector);

    const once = await rawSync(running.url, sessionId, token, { stateVector });
    const hits = liveCache().counters.hits;
    const twice = await rawSync(running.url, sessionId, token, { stateVector });

    expect(once.step2).toEqual(lacks);
    expect(twice.step2).toEqual(lacks);
    expect(liveCache().counters.hits).toBe(hits + 1);
    // What it lacked is the late idea, not the day again.
    expect(once.step2.byteLength).toBeLessThan(Y.encodeStateAsUpdate(live).byteLength / 10);
    Y.applyUpdate(partial, once.step2);
    expectSameState(partial, live);
  });
});
