/**
 * Compaction changes nothing a rollback or a load gives (compaction.ts, rollback.ts). Random workshops: four
 * tablets and a laptop that relays tablets' work (and session files passed between any two of them) write, overwrite and delete records in two maps, sync with the
 * server now and then (each sync one archive row under the device that sent it, as sync.ts stores them), and pull
 * what others wrote. The same rows go into two archives; one is compacted at random points between the rows.
 * Then rolling back any device gives the same session from both, and a load of either (snapshot plus the rows
 * since) is the document every row gives. Real SQLite files, real Yjs documents.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergeArchiveUpdates } from '../../../src/server/archiveMerge';
import { compactSession, updatesToLoad } from '../../../src/server/compaction';
import { rollbackDevice } from '../../../src/server/rollback';
import type { Store } from '../../../src/server/store';
import { tempStores } from './support';

const openStore = tempStores('codesign-rollback-compaction-');

const DEVICES = ['tablet-1', 'tablet-2', 'tablet-3', 'tablet-4', 'laptop'];
const LAPTOP = 4;
const MAPS = ['proposals', 'comments'];

type Op =
  | { kind: 'set'; device: number; map: number; key: number; text: string }
  | { kind: 'delete'; device: number; map: number; key: number }
  | { kind: 'sync'; device: number }
  | { kind: 'pull'; device: number }
  | { kind: 'relay'; from: number }
  | { kind: 'exchange'; from: number; to: number }
  | { kind: 'compact' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('set' as const),
      device: fc.nat(LAPTOP - 1),
      map: fc.nat(MAPS.length - 1),
      key: fc.nat(6),
      text: fc.string({ maxLength: 12 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      device: fc.nat(LAPTOP - 1),
      map: fc.nat(MAPS.length - 1),
      key: fc.nat(6),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), device: fc.nat(LAPTOP) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pull' as const), device: fc.nat(LAPTOP) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('relay' as const), from: fc.nat(LAPTOP - 1) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('exchange' as const),
      from: fc.nat(LAPTOP),
      to: fc.nat(LAPTOP),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'compact' as const }) },
);

const content = (doc: Y.Doc): unknown => Object.fromEntries(MAPS.map((m) => [m, doc.getMap(m).toJSON()]));

function merged(store: Store, sessionId: string): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, mergeArchiveUpdates(store.updatesFor(sessionId).map((r) => r.update)));
  return doc;
}

/** Plays the workshop into `plain` and `compacted` alike; returns the devices that stored at least one row. */
function play(ops: Op[], plain: Store, compacted: Store, sessionId: string): Set<string> {
  const docs = DEVICES.map((_, i) => {
    const d = new Y.Doc();
    d.clientID = 100 + i;
    return d;
  });
  const server = new Y.Doc();
  const wrote = new Set<string>();
  let n = 0;
  const sync = (device: number): void => {
    const update = Y.encodeStateAsUpdate(docs[device]!, Y.encodeStateVector(server));
    const before = Y.encodeStateVector(server);
    Y.applyUpdate(server, update);
    // Only what the server did not have becomes a row, as the sync server stores it.
    if (Buffer.compare(Buffer.from(before), Buffer.from(Y.encodeStateVector(server))) === 0) return;
    for (const store of [plain, compacted]) store.appendUpdate(sessionId, DEVICES[device]!, update, ++n);
    wrote.add(DEVICES[device]!);
  };
  for (const op of ops) {
    if (op.kind === 'set') docs[op.device]!.getMap(MAPS[op.map]).set(`k${op.key}`, { text: op.text, n: n++ });
    else if (op.kind === 'delete') docs[op.device]!.getMap(MAPS[op.map]).delete(`k${op.key}`);
    else if (op.kind === 'sync') sync(op.device);
    else if (op.kind === 'pull') Y.applyUpdate(docs[op.device]!, Y.encodeStateAsUpdate(server));
    else if (op.kind === 'relay') {
      Y.applyUpdate(docs[LAPTOP]!, Y.encodeStateAsUpdate(docs[op.from]!));
      sync(LAPTOP);
    } else if (op.kind === 'exchange') {
      // A session file from one device to another: the receiver's next sync carries the sender's work too.
      Y.applyUpdate(docs[op.to]!, Y.encodeStateAsUpdate(docs[op.from]!));
    } else if (compacted.updatesFor(sessionId).length > 0) compactSession(compacted, sessionId, ++n);
  }
  return wrote;
}

/** ROLLBACK_PROPERTY_RUNS=2000 for a longer soak. */
const NUM_RUNS = Number(process.env.ROLLBACK_PROPERTY_RUNS) || 150;

describe('compaction and rollback', () => {
  it(
    `Given random workshops with relays, stored twice and one archive compacted at random points, When any device is rolled back, Then both archives give the same session, and a load is what every row gives (${NUM_RUNS} cases)`,
    { timeout: 60_000 + NUM_RUNS * 500 },
    () => {
      // One pair of archive files for every case, a new session in each (sessions share nothing).
      const plain = openStore();
      const compacted = openStore();
      // Durability is not under test here: without an fsync per row the cases take a third of the time.
      for (const store of [plain, compacted]) store.db.pragma('synchronous = OFF');
      fc.assert(
        fc.property(fc.array(opArb, { minLength: 1, maxLength: 80 }), fc.nat(), (ops, pick) => {
          const sessionId = randomUUID();
          const wrote = [...play(ops, plain, compacted, sessionId)];
          fc.pre(wrote.length > 0);
          if (compacted.updatesFor(sessionId).length > 0) compactSession(compacted, sessionId);

          const loaded = new Y.Doc();
          const { updates } = updatesToLoad(compacted, sessionId);
          Y.transact(loaded, () => updates.forEach((u) => Y.applyUpdate(loaded, u)));
          expect(loaded.store.pendingStructs).toBeNull();
          expect(content(loaded)).toEqual(content(merged(plain, sessionId)));

          const device = wrote[pick % wrote.length]!;
          const a = rollbackDevice(plain, sessionId, device);
          const b = rollbackDevice(compacted, sessionId, device);
          expect({ removed: b.keysRemoved, restored: b.keysRestored }).toEqual({
            removed: a.keysRemoved,
            restored: a.keysRestored,
          });
          expect(content(merged(compacted, sessionId))).toEqual(content(merged(plain, sessionId)));
        }),
        { numRuns: NUM_RUNS },
      );
    },
  );
});
