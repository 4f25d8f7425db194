/**
 * A large update checked in parts (UpdateQueue.submitLarge, largeUpdates.ts) on its own: a real gate and
 * document, no network. Every part is checked as an update of its own; nothing is applied unless all pass; the
 * document's other updates wait for it and are then checked against what it left.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readRecords } from '../../../src/doc/schema';
import { CheckTurns } from '../../../src/server/checkTurns';
import { ByteBudget, emptyTheUpdate, partsInSteps, partsOf } from '../../../src/server/largeUpdates';
import { DEFAULT_LIMITS } from '../../../src/server/limits';
import { UpdateQueue, type CheckCounters } from '../../../src/server/updateQueue';
import { syncUpdateOf, UpdateGate } from '../../../src/server/validation';
import { proposal, seedSession } from './support';

function setup(seeded = true): {
  live: Y.Doc;
  queue: UpdateQueue;
  applied: Uint8Array[];
  author: () => Y.Doc;
  sessionId: string;
} {
  const sessionId = randomUUID();
  const live = seeded ? seedSession(new Y.Doc(), sessionId) : new Y.Doc();
  const counters: CheckCounters = { held: 0, heldBytes: 0, shadowBuilds: 0 };
  const applied: Uint8Array[] = [];
  const queue = new UpdateQueue(
    new UpdateGate(sessionId, live),
    live,
    DEFAULT_LIMITS,
    (payload) => {
      applied.push(payload);
      Y.applyUpdate(live, payload);
    },
    counters,
    new CheckTurns(),
  );
  const author = (): Y.Doc => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(live));
    return doc;
  };
  return { live, queue, applied, author, sessionId };
}

/** `count` well-formed ideas of about 1 KB each written by `doc`, and what they add to `live`. */
function ideas(doc: Y.Doc, live: Y.Doc, count: number, prefix: string): Uint8Array {
  const base = Y.encodeStateVector(live);
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      const id = `${prefix}${i}`;
      doc.getMap('proposals').set(id, { ...proposal(id, `Idea ${i}`), description: 'x'.repeat(1000) });
    }
  });
  return Y.encodeStateAsUpdate(doc, base);
}

describe('a large update checked in parts', () => {
  it('Given a large update whose last part breaks a rule, Then no part is applied, and the next update is checked against the document as it was', async () => {
    const { live, queue, applied, author } = setup();
    const doc = author();
    const base = Y.encodeStateVector(live);
    ideas(doc, live, 60, 'p');
    doc.getMap('proposals').set('bad', { ...proposal('bad', 'Bad'), costPence: 'abc' });
    const update = Y.encodeStateAsUpdate(doc, base);
    const parts = partsOf(update, live, 16 * 1024);
    expect(parts.length).toBeGreaterThanOrEqual(4);

    const outcome = await queue.submitLarge({}, () => partsInSteps(update, live, 16 * 1024), 'facilitator');
    expect(outcome.kind).toBe('refused');
    expect(outcome.kind === 'refused' && outcome.problems.map((p) => p.key)).toEqual(['bad']);
    expect(applied).toEqual([]);
    expect(readRecords(live).proposals).toEqual([]);

    const other = author();
    const small = ideas(other, live, 1, 'o');
    expect(await queue.submit({}, small, 'facilitator')).toEqual({ kind: 'applied' });
    expect(readRecords(live).proposals.map((p) => p.id)).toEqual(['o0']);
  });

  it('Given a large update of valid parts and a small update from another device sent while it is checked, Then every part is applied in order, then the small one', async () => {
    const { live, queue, applied, author } = setup();
    const doc = author();
    const update = ideas(doc, live, 60, 'p');
    const parts = partsOf(update, live, 16 * 1024);
    const other = author();
    const small = ideas(other, live, 1, 'o');

    const large = queue.submitLarge({}, () => partsInSteps(update, live, 16 * 1024), 'facilitator');
    const later = queue.submit({}, small, 'facilitator');
    expect(await large).toEqual({ kind: 'applied' });
    expect(await later).toEqual({ kind: 'applied' });

    expect(applied.slice(0, parts.length)).toEqual(parts);
    expect(applied[parts.length]).toBe(small);
    expect(readRecords(live).proposals).toHaveLength(61);
  });

  it('Given a large update whose connection closes before its parts are checked, Then none of it is applied and its outcome is that it left', async () => {
    const { live, queue, applied, author } = setup();
    const doc = author();
    const update = ideas(doc, live, 60, 'p');
    const holder = {};
    const large = queue.submitLarge(holder, () => partsInSteps(update, live, 16 * 1024), 'facilitator');
    queue.release(holder);
    expect(await large).toEqual({ kind: 'left' });
    expect(applied).toEqual([]);

    // The document's next update is checked as usual.
    const small = ideas(author(), live, 1, 'o');
    expect(await queue.submit({}, small, 'facilitator')).toEqual({ kind: 'applied' });
  });

  it('Given a new session written over several reloads (a Yjs client each, the creator’s id the lowest), When the server has none of it, Then the part that creates the session goes first and every part is applied', async () => {
    const { live, queue, sessionId } = setup(false);
    const creatorDoc = new Y.Doc();
    creatorDoc.clientID = 1;
    let doc = seedSession(creatorDoc, sessionId);
    for (let reload = 1; reload <= 3; reload++) {
      const next = new Y.Doc();
      next.clientID = 1000 + reload;
      Y.applyUpdate(next, Y.encodeStateAsUpdate(doc));
      ideas(next, live, 20, `r${reload}-`);
      doc = next;
    }
    const update = Y.encodeStateAsUpdate(doc);
    expect(await queue.submitLarge({}, () => partsInSteps(update, live, 8 * 1024), 'facilitator')).toEqual({
      kind: 'applied',
    });
    expect(readRecords(live).proposals).toHaveLength(60);
    expect(Y.encodeStateVector(live)).toEqual(Y.encodeStateVector(doc));
  });

  it('Given a sync message checked in parts, When it is emptied, Then it carries the empty update and keeps its length', () => {
    const update = Y.encodeStateAsUpdate(seedSession(new Y.Doc(), randomUUID()));
    const name = new TextEncoder().encode('doc');
    const length = [0x80 | (update.byteLength & 0x7f), update.byteLength >> 7];
    const message = Uint8Array.from([name.length, ...name, 0, 1, ...length, ...update]);
    expect(syncUpdateOf(message)).toEqual(update);

    emptyTheUpdate(message);
    expect(message.byteLength).toBe(name.length + 5 + update.byteLength);
    expect(syncUpdateOf(message)).toEqual(Uint8Array.from([0, 0]));
  });

  it('Given a byte budget, Then it holds only what fits and takes back what is given', () => {
    const budget = new ByteBudget(10);
    expect(budget.take(6)).toBe(true);
    expect(budget.take(5)).toBe(false);
    expect(budget.inUse).toBe(6);
    budget.give(6);
    expect(budget.take(10)).toBe(true);
  });
});
