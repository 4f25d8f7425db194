/**
 * Sending an update in parts (src/sync/updateParts.ts, issue 12 §1). Random documents written by several Yjs
 * clients that exchange updates now and then (so structs of one client depend on another's: a map key set on one
 * device and overwritten on another), with plain-object records, overwrites, deletions and nested maps. The
 * receiver starts from an earlier state of the sender (or from nothing); the sender's update for it is split
 * under a random budget.
 *
 * Then every part is within the budget, each part integrates completely on the receiver (nothing left waiting,
 * which the server would refuse as 'incomplete'), and after the last part the receiver holds exactly what
 * applying the whole update would give it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { splitUpdate, StructTooLargeError } from '../../../src/sync/updateParts';

type Op =
  | { kind: 'set'; device: number; map: number; key: number; text: string }
  | { kind: 'delete'; device: number; map: number; key: number }
  | { kind: 'nested'; device: number; key: number; text: string }
  | { kind: 'exchange'; from: number; to: number }
  | { kind: 'snapshot' };

const MAPS = ['proposals', 'comments', 'participants'];

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('set' as const),
      device: fc.nat(4),
      map: fc.nat(MAPS.length - 1),
      key: fc.nat(12),
      text: fc.string({ maxLength: 60, unit: 'grapheme' }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      device: fc.nat(4),
      map: fc.nat(MAPS.length - 1),
      key: fc.nat(12),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('nested' as const),
      device: fc.nat(4),
      key: fc.nat(3),
      text: fc.string({ maxLength: 20 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('exchange' as const), from: fc.nat(4), to: fc.nat(4) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'snapshot' as const }) },
);

/** Runs the ops on 5 devices; device 0 is the sender. Returns its final doc and its state at each snapshot. */
function run(ops: Op[], gc: boolean): { sender: Y.Doc; earlier: Uint8Array[] } {
  const devices = Array.from({ length: 5 }, () => new Y.Doc({ gc }));
  const earlier: Uint8Array[] = [];
  let n = 0;
  for (const op of ops) {
    if (op.kind === 'set') {
      const doc = devices[op.device]!;
      doc.getMap(MAPS[op.map]).set(`k${op.key}`, { id: `k${op.key}`, text: op.text, n: n++, tags: ['a', n] });
    } else if (op.kind === 'delete') {
      devices[op.device]!.getMap(MAPS[op.map]).delete(`k${op.key}`);
    } else if (op.kind === 'nested') {
      const doc = devices[op.device]!;
      const outer = doc.getMap('nested');
      let inner = outer.get(`n${op.key}`);
      if (!(inner instanceof Y.Map)) {
        inner = new Y.Map<unknown>();
        outer.set(`n${op.key}`, inner);
      }
      (inner as Y.Map<unknown>).set(`v${n++}`, op.text);
    } else if (op.kind === 'exchange') {
      const from = devices[op.from]!;
      const to = devices[op.to]!;
      Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
    } else {
      earlier.push(Y.encodeStateAsUpdate(devices[0]!));
    }
  }
  // Everything reaches the sender, so its document has every device's structs.
  for (const d of devices.slice(1)) Y.applyUpdate(devices[0]!, Y.encodeStateAsUpdate(d));
  return { sender: devices[0]!, earlier };
}

function docFrom(update: Uint8Array | undefined, gc: boolean): Y.Doc {
  const doc = new Y.Doc({ gc });
  if (update) Y.applyUpdate(doc, update);
  return doc;
}

const content = (doc: Y.Doc): unknown =>
  Object.fromEntries([...MAPS, 'nested'].map((m) => [m, doc.getMap(m).toJSON()]));

/** MERGE_PROPERTY_RUNS=20000 for a longer soak. */
const NUM_RUNS = Number(process.env.MERGE_PROPERTY_RUNS) || 300;

describe('an update sent in parts', () => {
  it(
    `Given documents written by several devices (overwrites, deletions, nested maps), When the update a receiver lacks is split under a random budget smaller than it and applied part by part, Then each part is within the budget and integrates completely, and the receiver ends exactly as with the whole update (${NUM_RUNS} cases)`,
    { timeout: 120_000 },
    () => {
      fc.assert(
        fc.property(
          fc.array(opArb, { minLength: 1, maxLength: 150, size: 'max' }),
          fc.boolean(),
          fc.nat(),
          fc.double({ min: 0.05, max: 0.95, noNaN: true }),
          (ops, gc, pick, share) => {
            const { sender, earlier } = run(ops, gc);
            const start = earlier.length === 0 ? undefined : earlier[pick % (earlier.length + 1)];
            const receiver = docFrom(start, gc);
            const whole = docFrom(start, gc);
            const sv = Y.encodeStateVector(receiver);
            const update = Y.encodeStateAsUpdate(sender, sv);
            Y.applyUpdate(whole, update);
            // The budget is a share of this update (never under 300 bytes, so one record fits), and only updates
            // that must really be split are checked: every case is a split, not a share left to chance.
            const budget = Math.max(300, Math.floor(update.byteLength * share));
            fc.pre(update.byteLength > budget);

            const parts = splitUpdate(update, budget, { base: Y.decodeStateVector(sv) });
            expect(parts.length).toBeGreaterThan(1);
            for (const part of parts) {
              expect(part.byteLength).toBeLessThanOrEqual(budget);
              Y.applyUpdate(receiver, part);
              expect(receiver.store.pendingStructs).toBeNull();
              expect(receiver.store.pendingDs).toBeNull();
            }
            expect(Y.encodeStateVector(receiver)).toEqual(Y.encodeStateVector(whole));
            expect(Y.equalSnapshots(Y.snapshot(receiver), Y.snapshot(whole))).toBe(true);
            expect(content(receiver)).toEqual(content(whole));
            expect(content(receiver)).toEqual(content(sender));
          },
        ),
        { numRuns: NUM_RUNS },
      );
    },
  );

  it('Given one record bigger than the budget, When the update is split, Then it is refused in words, naming both sizes', () => {
    const doc = new Y.Doc();
    doc.getMap('proposals').set('big', { id: 'big', description: 'x'.repeat(5000) });
    const update = Y.encodeStateAsUpdate(doc);
    expect(() => splitUpdate(update, 2000)).toThrow(StructTooLargeError);
    expect(() => splitUpdate(update, 2000)).toThrow(
      /one change is \d+ bytes, more than the 2000 bytes a part may hold/,
    );
  });

  it('Given a receiver that already has everything, When the update for it is split, Then there is nothing to send but the delete set', () => {
    const doc = new Y.Doc();
    doc.getMap('proposals').set('a', { id: 'a' });
    doc.getMap('proposals').set('a', { id: 'a', v: 2 });
    const sv = Y.encodeStateVector(doc);
    const parts = splitUpdate(Y.encodeStateAsUpdate(doc, sv), 1000, { base: Y.decodeStateVector(sv) });
    expect(parts).toHaveLength(1);
    expect(Y.decodeUpdate(parts[0]!).structs).toEqual([]);
    expect(splitUpdate(Y.encodeStateAsUpdate(new Y.Doc()), 1000)).toEqual([]);
  });
});
