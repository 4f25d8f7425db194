/**
 * Issue 12 §10: a device's sync step 1 is answered from an answer encoded once per version of the document
 * (src/server/stateCache.ts). What a device receives must be exactly what it lacks, whether the answer was kept
 * or encoded afresh, and a change to the document must never be missed by the next device. A tablet that already
 * holds the session answers with deletions the server has made already: acknowledged without a check or an
 * apply, while an update that deletes anything new is checked as always. Loading a session does not hand it to
 * Hocuspocus as one big change.
 */
import { randomUUID } from 'node:crypto';
import { Document } from '@hocuspocus/server';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addComment, addProposal, type CommandContext } from '../../../src/doc/commands';
import { readRecords } from '../../../src/doc/schema';
import { cacheFor, changesNothing } from '../../../src/server/stateCache';
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
  waitFor,
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
  // Some records written twice (as a ballot is changed): the first writes are deletions every copy holds.
  const comments = doc.getMap('comments');
  [...comments.keys()].slice(0, 20).forEach((k) => comments.set(k, comments.get(k)));
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

  it('Given a device that already holds the session, When it connects and answers with the deletions both hold, Then it is acknowledged without being checked or applied, and nothing is stored', async () => {
    const holder = storedDoc(running.store!, sessionId);
    const stateVector = Y.encodeStateVector(holder);
    // What a provider holding the day answers the server's step 1 with: no changes, the deletions.
    const reply = Y.encodeStateAsUpdate(holder, stateVector);
    expect(reply.byteLength).toBeGreaterThan(2);
    const rows = running.store!.updatesFor(sessionId).length;

    const synced = await rawSync(running.url, sessionId, token, { stateVector, reply });

    const live = running.sync!.hocuspocus.documents.get(sessionId)!;
    expect(synced.step2).toEqual(Y.encodeStateAsUpdate(live, stateVector));
    expect(running.sync!.checkStats().shadowBuilds).toBe(0);
    // Asked before its check, and again (the kept verdict) before Hocuspocus would apply it.
    expect(liveCache().counters.unchanged).toBe(2);
    expect(running.store!.updatesFor(sessionId)).toHaveLength(rows);
  });

  it('Given a device holding the session that deletes a record the server still holds, When it connects, Then its update is checked as always (refused: it is not its record) and nothing is stored', async () => {
    const holder = storedDoc(running.store!, sessionId);
    const stateVector = Y.encodeStateVector(holder);
    const before = Y.encodeStateVector(holder);
    holder.getMap('comments').delete([...holder.getMap('comments').keys()][0]!);
    const deletion = Y.encodeStateAsUpdate(holder, before);
    const rows = running.store!.updatesFor(sessionId).length;

    await expect(rawSync(running.url, sessionId, token, { stateVector, reply: deletion })).rejects.toThrow(
      /invalid-update/,
    );
    expect(running.sync!.checkStats().shadowBuilds).toBe(1);
    expect(running.store!.updatesFor(sessionId)).toHaveLength(rows);
  });

  it('Given a stored session, When the first device makes the server load it, Then Hocuspocus is not handed the whole session as a change, and later changes still reach every device', async () => {
    // Private in its types; bound to each document when it is made, so spied on before the session loads.
    const prototype = Document.prototype as unknown as { handleUpdate: (...args: unknown[]) => unknown };
    const handled = vi.spyOn(prototype, 'handleUpdate');
    try {
      const first = connect(running.url, sessionId, token);
      clients.push(first);
      await acknowledged(first);
      expect(handled).not.toHaveBeenCalled();

      const second = connect(running.url, sessionId, token);
      clients.push(second);
      await acknowledged(second);
      first.doc.getMap('proposals').set('p-late', proposal('p-late', 'Benches by the bus stop'));
      await acknowledged(first);
      await waitFor(
        () => second.doc.getMap('proposals').has('p-late'),
        'the change reaching the other device',
      );
      expect(handled).toHaveBeenCalledTimes(1);
    } finally {
      handled.mockRestore();
    }
  });
});

describe('changesNothing: an update of deletions the document already made', () => {
  function withDeletions(): Y.Doc {
    const doc = new Y.Doc();
    const m = doc.getMap('comments');
    for (let i = 0; i < 10; i++) m.set(`c${i}`, { text: `comment ${i}` });
    // Written again: the first values are deleted.
    for (let i = 0; i < 5; i++) m.set(`c${i}`, { text: `comment ${i}, edited` });
    return doc;
  }

  it('Given a document, When an update holds only deletions it made, Then it changes nothing; an empty update neither', () => {
    const doc = withDeletions();
    const deletions = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc));
    expect(deletions.byteLength).toBeGreaterThan(2);
    expect(changesNothing(doc, deletions)).toBe(true);
    expect(changesNothing(doc, new Uint8Array([0, 0]))).toBe(true);
  });

  it('Given a document, When an update deletes one more value, holds a change, reaches past its clock or cannot be read, Then it is not one that changes nothing', () => {
    const doc = withDeletions();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const sv = Y.encodeStateVector(copy);
    copy.getMap('comments').delete('c9');
    expect(changesNothing(doc, Y.encodeStateAsUpdate(copy, sv))).toBe(false);

    const svAgain = Y.encodeStateVector(copy);
    copy.getMap('comments').set('c10', { text: 'new' });
    expect(changesNothing(doc, Y.encodeStateAsUpdate(copy, svAgain))).toBe(false);

    // Deletions of changes the document has not received yet.
    const later = new Y.Doc();
    Y.applyUpdate(later, Y.encodeStateAsUpdate(copy));
    later.getMap('comments').delete('c10');
    const onlyDeletions = Y.encodeStateAsUpdate(later, Y.encodeStateVector(later));
    expect(changesNothing(doc, onlyDeletions)).toBe(false);

    expect(changesNothing(doc, new Uint8Array([0, 5, 200]))).toBe(false);
    expect(changesNothing(doc, new Uint8Array())).toBe(false);
  });
});
