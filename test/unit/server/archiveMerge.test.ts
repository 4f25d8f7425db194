/**
 * The archive's merge (compaction keeps one row per device): one update with exactly what a list of updates
 * holds, deleted content included, also when a device's updates skip structs of a client that arrived through
 * another device. Checked against applying the updates one by one, and against Yjs's own mergeUpdates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergeArchiveUpdates } from '../../../src/server/archiveMerge';
import { PROPERTY_BUDGET_MS } from '../helpers/property';

function state(updates: readonly Uint8Array[]): {
  maps: Record<string, unknown>;
  sv: Uint8Array;
  pending: boolean;
} {
  const doc = new Y.Doc({ gc: false });
  for (const u of updates) Y.applyUpdate(doc, u);
  const maps: Record<string, unknown> = {};
  for (const name of [...doc.share.keys()].sort()) maps[name] = doc.getMap(name).toJSON();
  const out = { maps, sv: Y.encodeStateVector(doc), pending: doc.store.pendingStructs !== null };
  doc.destroy();
  return out;
}

describe('merging a device’s archive rows', () => {
  it('Given one client’s 500 small updates with overwrites, then the merge applies to the same state as all of them and is smaller', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 500; i++) doc.getMap('ballots').set(`b${i % 7}`, { revision: i });
    const merged = mergeArchiveUpdates(updates);
    expect(state([merged])).toEqual(state(updates));
    expect(merged.byteLength).toBeLessThan(updates.reduce((n, u) => n + u.byteLength, 0));
    // Deleted content is kept: a document that keeps deletions sees every overwritten value's struct.
    expect(Y.decodeUpdate(merged).structs.length).toBeGreaterThan(1);
  });

  it('Given any split of several devices’ updates between two archives, then each archive’s merge holds exactly its own updates (gaps included), and merging again changes nothing', () => {
    const op = fc.record({
      client: fc.integer({ min: 0, max: 2 }),
      key: fc.integer({ min: 0, max: 5 }),
      value: fc.integer(),
      del: fc.boolean(),
      toA: fc.boolean(),
      sync: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        const docs = [0, 1, 2].map((i) => {
          const d = new Y.Doc();
          d.clientID = 100 + i;
          return d;
        });
        const a: Uint8Array[] = [];
        const b: Uint8Array[] = [];
        for (const o of ops) {
          const d = docs[o.client]!;
          const before = Y.encodeStateVector(d);
          if (o.del && d.getMap('m').has(`k${o.key}`)) d.getMap('m').delete(`k${o.key}`);
          else d.getMap('m').set(`k${o.key}`, o.value);
          const u = Y.encodeStateAsUpdate(d, before);
          (o.toA ? a : b).push(u);
          if (o.sync) for (const other of docs) if (other !== d) Y.applyUpdate(other, u);
        }
        for (const part of [a, b]) {
          if (part.length === 0) continue;
          const merged = mergeArchiveUpdates(part);
          expect(state([merged]).maps).toEqual(state(part).maps);
          expect(state([merged]).sv).toEqual(state(part).sv);
          // With the other archive's rows, merged again as a load merges them (compaction.ts updatesToLoad), it
          // holds everything. Not applied as separate updates: Yjs can leave a multi-client update pending for
          // good when what it lacks comes in later updates (seed 1298950784; loadRows.test.ts), and Yjs's own
          // mergeUpdates gives the same bytes.
          expect(state([mergeArchiveUpdates([merged, ...(part === a ? b : a)])])).toEqual(
            state([...a, ...b]),
          );
          expect(state([merged])).toEqual(state([Y.mergeUpdates(part)]));
          // Merging again (a second compaction) neither grows nor changes it. (Bytes may differ in a bit Yjs
          // ignores: the "has a key" flag of an item with an origin, whose key is never written.)
          const twice = mergeArchiveUpdates([merged, merged]);
          expect(twice.byteLength).toBe(merged.byteLength);
          expect(state([twice])).toEqual(state([merged]));
        }
      }),
      { interruptAfterTimeLimit: PROPERTY_BUDGET_MS, numRuns: 300 },
    );
  });
});
