/**
 * Issue 12 §6, nothing but the schema: an update may only write plain values under the session's own top-level
 * maps. Each case is a real Yjs update made by a real Y.Doc, the way a hostile or buggy client would make it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAPS } from '../../../src/doc/schema';
import { structureProblems } from '../../../src/sync/structureRules';
import { PROPERTY_BUDGET_MS } from '../helpers/property';

/** The update a change to a fresh document (holding `base`) makes. */
function updateOf(change: (doc: Y.Doc) => void, base?: Uint8Array): Uint8Array {
  const doc = new Y.Doc();
  if (base) Y.applyUpdate(doc, base);
  const before = Y.encodeStateVector(doc);
  change(doc);
  return Y.encodeStateAsUpdate(doc, before);
}

describe('what an update may write', () => {
  it('Given records and meta written as the app writes them, including an overwrite, then nothing is wrong', () => {
    const first = updateOf((doc) => {
      doc.getMap(MAPS.meta).set('sessionId', 's1');
      doc.getMap(MAPS.proposals).set('p1', { id: 'p1', title: 'Benches' });
      doc.getMap(MAPS.ballots).set('b1', { id: 'b1', revision: 1 });
    });
    const overwrite = updateOf((doc) => doc.getMap(MAPS.ballots).set('b1', { id: 'b1', revision: 2 }), first);
    expect(structureProblems(first)).toEqual([]);
    expect(structureProblems(overwrite)).toEqual([]);
    // A newcomer's first sync carries the overwritten entry as deleted content: still fine.
    const whole = new Y.Doc();
    Y.applyUpdate(whole, first);
    Y.applyUpdate(whole, overwrite);
    expect(structureProblems(Y.encodeStateAsUpdate(whole))).toEqual([]);
  });

  it('Given an unknown top-level map, then it is refused by name', () => {
    const update = updateOf((doc) => doc.getMap('junk').set('k', 'x'.repeat(1000)));
    expect(structureProblems(update)).toEqual([{ map: 'junk', key: 'k', problem: 'unknownMap' }]);
  });

  it('Given an array under proposals or text under meta, then each is refused as not a map entry', () => {
    const array = updateOf((doc) => doc.getArray(MAPS.proposals).push([{ id: 'p' }]));
    const text = updateOf((doc) => doc.getText(MAPS.meta).insert(0, 'hello'));
    expect(structureProblems(array)).toContainEqual({ map: 'proposals', key: '', problem: 'notAMapEntry' });
    expect(structureProblems(text)).toEqual(
      expect.arrayContaining([
        { map: 'meta', key: '', problem: 'notAMapEntry' },
        { map: 'meta', key: '', problem: 'notAPlainValue' },
      ]),
    );
  });

  it('Given a shared type nested in a record, or entries inside it, then both are refused', () => {
    const update = updateOf((doc) => {
      const inner = new Y.Map<unknown>();
      doc.getMap(MAPS.proposals).set('p1', inner);
      inner.set('title', 'hidden');
      inner.set('more', new Y.Array());
    });
    const problems = structureProblems(update);
    expect(problems).toContainEqual({ map: 'proposals', key: 'p1', problem: 'notAPlainValue' });
    expect(problems).toContainEqual({ map: '', key: 'title', problem: 'nested' });
  });

  it('Given nested types inside an unknown map, a subdocument or binary content, then each is refused', () => {
    const nested = updateOf((doc) => doc.getMap('x').set('k', new Y.Map()));
    const subdoc = updateOf((doc) => doc.getMap(MAPS.settings).set('e1', new Y.Doc()));
    const binary = updateOf((doc) => doc.getMap(MAPS.comments).set('c1', new Uint8Array(10)));
    expect(structureProblems(nested)).toEqual([
      { map: 'x', key: 'k', problem: 'unknownMap' },
      { map: 'x', key: 'k', problem: 'notAPlainValue' },
    ]);
    expect(structureProblems(subdoc)).toEqual([{ map: 'settings', key: 'e1', problem: 'notAPlainValue' }]);
    expect(structureProblems(binary)).toEqual([{ map: 'comments', key: 'c1', problem: 'notAPlainValue' }]);
  });

  it('Given bytes that are not an update, then it says corrupt rather than throwing', () => {
    expect(structureProblems(new Uint8Array([200, 1, 2, 3]))).toEqual([
      { map: '', key: '', problem: 'corrupt' },
    ]);
  });

  it('Given many bad entries, then the list stays short and names no value', () => {
    const secret = 'SECRET-VALUE';
    const update = updateOf((doc) => {
      for (let i = 0; i < 500; i++) doc.getMap(`junk${i}`).set('k', secret);
    });
    const problems = structureProblems(update);
    expect(problems.length).toBe(20);
    expect(JSON.stringify(problems)).not.toContain(secret);
  });

  it('Given any mix of plain writes to the schema maps by several devices, then nothing is ever refused', () => {
    const names = Object.values(MAPS);
    const write = fc.record({
      device: fc.integer({ min: 0, max: 2 }),
      map: fc.constantFrom(...names),
      key: fc.string({ minLength: 1, maxLength: 6 }),
      value: fc.jsonValue({ maxDepth: 2 }),
    });
    fc.assert(
      fc.property(fc.array(write, { maxLength: 30 }), (writes) => {
        const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
        for (const w of writes) docs[w.device]!.getMap(w.map).set(w.key, w.value ?? null);
        const merged = new Y.Doc();
        for (const d of docs) Y.applyUpdate(merged, Y.encodeStateAsUpdate(d));
        for (const d of docs) expect(structureProblems(Y.encodeStateAsUpdate(d))).toEqual([]);
        expect(structureProblems(Y.encodeStateAsUpdate(merged))).toEqual([]);
      }),
      { interruptAfterTimeLimit: PROPERTY_BUDGET_MS, numRuns: 200 },
    );
  });
});
