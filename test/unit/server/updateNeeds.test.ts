/**
 * updateNeeds reads from an update alone what a document lacks to take it whole: it must agree with Yjs itself
 * (no needs exactly when applying the update leaves nothing pending), so the server can hold an incomplete update
 * without touching its scratch copy.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { needsMet, stateOf, updateNeeds } from '../../../src/server/updateNeeds';
import { PROPERTY_BUDGET_MS } from '../helpers/property';

function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/** Whether `update` leaves something pending on a copy of `doc` (Yjs's own verdict). */
function leavesPending(doc: Y.Doc, update: Uint8Array): boolean {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  Y.applyUpdate(copy, update);
  const pending = hasPending(copy);
  copy.destroy();
  return pending;
}

type Op =
  | { kind: 'set'; writer: number; key: number; nested: boolean }
  | { kind: 'delete'; writer: number; key: number }
  | { kind: 'insert'; writer: number; at: number; text: string }
  | { kind: 'cut'; writer: number; at: number; length: number }
  | { kind: 'sync'; from: number; to: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    writer: fc.nat(2),
    key: fc.nat(4),
    nested: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('delete' as const), writer: fc.nat(2), key: fc.nat(4) }),
  fc.record({
    kind: fc.constant('insert' as const),
    writer: fc.nat(2),
    at: fc.nat(20),
    text: fc.string({ minLength: 1, maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant('cut' as const),
    writer: fc.nat(2),
    at: fc.nat(20),
    length: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ kind: fc.constant('sync' as const), from: fc.nat(2), to: fc.nat(2) }),
);

describe('updateNeeds', () => {
  it('Given an update after one never received, Then it names the writer and the clock the document must reach', () => {
    const author = new Y.Doc();
    const updates: Uint8Array[] = [];
    author.on('update', (u: Uint8Array) => updates.push(u));
    author.getMap('m').set('a', 1);
    author.getMap('m').set('b', 2);
    const target = new Y.Doc();
    expect(updateNeeds(updates[1]!, stateOf(target))).toEqual(new Map([[author.clientID, 1]]));
    expect(updateNeeds(updates[0]!, stateOf(target))).toEqual(new Map());
    Y.applyUpdate(target, updates[0]!);
    expect(
      needsMet(
        updateNeeds(updates[1]!, () => 0),
        stateOf(target),
      ),
    ).toBe(true);
  });

  it('Given a deletion of content never received, Then it needs that content', () => {
    const author = new Y.Doc();
    author.getMap('m').set('a', 1);
    const sv = Y.encodeStateVector(author);
    author.getMap('m').delete('a');
    const deletion = Y.encodeStateAsUpdate(author, sv);
    expect(updateNeeds(deletion, stateOf(new Y.Doc()))).toEqual(new Map([[author.clientID, 1]]));
  });

  it("Given an insert after another writer's text or inside another writer's map, Then it needs that writer's item", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText('notes').insert(0, 'ab');
    a.getMap('records').set('k', new Y.Map());
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const sv = Y.encodeStateVector(b);
    b.getText('notes').insert(2, 'c');
    const afterText = Y.encodeStateAsUpdate(b, sv);
    const sv2 = Y.encodeStateVector(b);
    (b.getMap('records').get('k') as Y.Map<number>).set('n', 1);
    const inside = Y.encodeStateAsUpdate(b, sv2);
    const target = new Y.Doc();
    expect(updateNeeds(afterText, stateOf(target))).toEqual(new Map([[a.clientID, 2]]));
    // B's second change: it also needs B's first (the text insert).
    expect(updateNeeds(inside, stateOf(target))).toEqual(
      new Map([
        [a.clientID, 3],
        [b.clientID, 1],
      ]),
    );
  });

  it(
    'Given updates from several writers applied in any order, Then it finds needs exactly when Yjs would leave the update pending',
    () => {
      fc.assert(
        fc.property(
          fc.array(op, { minLength: 1, maxLength: 40 }),
          fc.infiniteStream(fc.nat()),
          (ops, picks) => {
            const writers = [0, 1, 2].map((i) => {
              const doc = new Y.Doc();
              doc.clientID = 1000 + i;
              return doc;
            });
            const updates: Uint8Array[] = [];
            for (const w of writers) {
              w.on('update', (u: Uint8Array, origin: unknown) => {
                if (origin !== 'sync') updates.push(u);
              });
            }
            for (const o of ops) {
              if (o.kind === 'sync') {
                const from = writers[o.from]!;
                const to = writers[o.to]!;
                Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'sync');
                continue;
              }
              const w = writers[o.writer]!;
              const map = w.getMap<unknown>('records');
              const text = w.getText('notes');
              if (o.kind === 'set') {
                if (o.nested) {
                  const inner = new Y.Map<number>();
                  inner.set('n', o.key);
                  map.set(`k${o.key}`, inner);
                } else map.set(`k${o.key}`, o.key);
              } else if (o.kind === 'delete') map.delete(`k${o.key}`);
              else if (o.kind === 'insert') text.insert(Math.min(o.at, text.length), o.text);
              else if (text.length > 0) {
                const at = Math.min(o.at, text.length - 1);
                text.delete(at, Math.min(o.length, text.length - at));
              }
              // Nested maps: a later write inside one refers to its parent item.
              const inner = map.get(`k${o.writer}`);
              if (inner instanceof Y.Map) inner.set('touched', o.writer);
            }
            // Deliver in a random order: each round scans the queue from a random place and delivers the first
            // update that can be taken whole; every one looked at must get the same verdict as Yjs gives.
            const target = new Y.Doc();
            const queue = [...updates];
            const next = picks[Symbol.iterator]();
            while (queue.length > 0) {
              const start = next.next().value % queue.length;
              let delivered = -1;
              for (let i = 0; i < queue.length && delivered < 0; i++) {
                const at = (start + i) % queue.length;
                const u = queue[at]!;
                const needs = updateNeeds(u, stateOf(target));
                expect(needs.size === 0).toBe(!leavesPending(target, u));
                if (needs.size === 0) delivered = at;
              }
              expect(delivered).toBeGreaterThanOrEqual(0);
              Y.applyUpdate(target, queue.splice(delivered, 1)[0]!);
            }
            expect(queue).toEqual([]);
          },
        ),
        { numRuns: 400 },
      );
    },
    PROPERTY_BUDGET_MS,
  );
});
