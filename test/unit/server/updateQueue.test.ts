/**
 * UpdateQueue on its own (a real gate and document, no network): what one connection may have waiting for its
 * checks is bounded, and the bound is that connection's alone.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CheckTurns } from '../../../src/server/checkTurns';
import { DEFAULT_LIMITS } from '../../../src/server/limits';
import { UpdateQueue, type CheckCounters } from '../../../src/server/updateQueue';
import { UpdateGate } from '../../../src/server/validation';
import { proposal, seedSession } from './support';

function setup(maxWaitingBytesPerConnection: number): {
  live: Y.Doc;
  queue: UpdateQueue;
  author: () => Y.Doc;
} {
  const sessionId = randomUUID();
  const live = seedSession(new Y.Doc(), sessionId);
  const counters: CheckCounters = { held: 0, heldBytes: 0, shadowBuilds: 0 };
  const queue = new UpdateQueue(
    new UpdateGate(sessionId, live),
    live,
    { ...DEFAULT_LIMITS, maxWaitingBytesPerConnection },
    (payload) => Y.applyUpdate(live, payload),
    counters,
    // A clock that never moves: a slice never ends for time, so what runs in one turn of the event loop does not
    // depend on how busy the machine is (the last test counts turns; it failed once at load 5 with the real clock).
    new CheckTurns(10, () => 0),
  );
  const author = (): Y.Doc => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(live));
    return doc;
  };
  return { live, queue, author };
}

function updatesOf(doc: Y.Doc, write: () => void): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const onUpdate = (u: Uint8Array): void => void updates.push(u);
  doc.on('update', onUpdate);
  write();
  doc.off('update', onUpdate);
  return updates;
}

describe('UpdateQueue', () => {
  it("Given a connection sending more than it may have waiting, Then the excess is refused and another connection's update still applies", async () => {
    const { live, queue, author } = setup(8 * 1024);
    const flooderDoc = author();
    const flood = updatesOf(flooderDoc, () => {
      for (let i = 0; i < 40; i++) {
        const id = `f${i}`;
        flooderDoc
          .getMap('proposals')
          .set(id, { ...proposal(id, `Idea ${i}`), description: 'x'.repeat(400) });
      }
    });
    const otherDoc = author();
    const [other] = updatesOf(otherDoc, () => otherDoc.getMap('proposals').set('o1', proposal('o1', 'Mine')));

    const flooder = {};
    const outcomes = flood.map((u) => queue.submit(flooder, u, 'facilitator'));
    const otherOutcome = queue.submit({}, other!, 'facilitator');
    const kinds = (await Promise.all(outcomes)).map((o) => o.kind);

    // All were given at once (none checked yet): those past 8 KiB are refused, in order, none applied.
    const firstRefused = kinds.indexOf('overWaiting');
    expect(firstRefused).toBeGreaterThan(0);
    expect(kinds.slice(0, firstRefused).every((k) => k === 'applied')).toBe(true);
    expect(kinds.slice(firstRefused).every((k) => k === 'overWaiting')).toBe(true);
    const sent = flood.slice(0, firstRefused).reduce((n, u) => n + u.byteLength, 0);
    expect(sent).toBeLessThanOrEqual(8 * 1024);
    expect(sent + flood[firstRefused]!.byteLength).toBeGreaterThan(8 * 1024);
    expect(live.getMap('proposals').has(`f${firstRefused}`)).toBe(false);
    expect(await otherOutcome).toEqual({ kind: 'applied' });
    expect(live.getMap('proposals').has('o1')).toBe(true);

    // Once checked, the connection's budget is free again.
    const more = updatesOf(flooderDoc, () =>
      flooderDoc.getMap('proposals').set('later', proposal('later', 'Later')),
    );
    // It depends on the refused ones, so it waits for them (held, not refused for size).
    const later = queue.submit(flooder, more[0]!, 'facilitator');
    expect(queue.heldCount).toBe(0);
    await new Promise((r) => setImmediate(r));
    expect(queue.heldCount).toBe(1);
    queue.release(flooder);
    expect(await later).toEqual({ kind: 'left' });
  });
});
