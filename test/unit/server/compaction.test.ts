/**
 * Issue 12 §9: compacting a session's archive (a snapshot plus each device's rows merged into one) loads the same
 * document as every row did, keeps later rows, and keeps rolling back a device exactly as it was. Real SQLite files,
 * real Yjs documents; devices write the way the app does (plain records under UUID-like keys, overwrites).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { runAdmin } from '../../../src/server/adminCli';
import {
  compactAll,
  compactSession,
  CompactionError,
  rowsSinceSnapshot,
  updatesToLoad,
} from '../../../src/server/compaction';
import { rollbackDevice } from '../../../src/server/rollback';
import { Store } from '../../../src/server/store';
import { PROPERTY_BUDGET_MS } from '../helpers/property';
import { tempDir } from './support';

const SESSION = 'session-1';
interface CompactionResultJson {
  sessionId: string;
  rowsBefore: number;
  rowsAfter: number;
  bytesBefore: number;
  snapshotBytes: number;
}
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0).reverse()) f();
});

function openStore(): Store {
  const t = tempDir('codesign-compact-');
  const store = Store.open(t.dir);
  cleanup.push(t.remove, () => store.close());
  return store;
}

/** A device: its own Y.Doc, kept up to date with the session as a synced tablet would be. */
class Device {
  readonly doc = new Y.Doc();
  private readonly stores: Store[];
  constructor(
    readonly id: string,
    private readonly store: Store,
    ...alsoTo: Store[]
  ) {
    this.stores = [store, ...alsoTo];
  }

  /** Writes one value in its own transaction and archives that update as the server would. */
  write(map: string, key: string, value: unknown): void {
    const before = Y.encodeStateVector(this.doc);
    this.doc.getMap(map).set(key, value);
    const update = Y.encodeStateAsUpdate(this.doc, before);
    for (const store of this.stores) store.appendUpdate(SESSION, this.id, update, 1_700_000_000_000);
  }

  /** Catches up with everything archived so far (the server's sync step 2). */
  catchUp(): void {
    for (const u of updatesToLoad(this.store, SESSION).updates) Y.applyUpdate(this.doc, u);
  }
}

/** The session as loading it gives it: every map's entries, as JSON. */
function loaded(store: Store, sessionId = SESSION): Record<string, unknown> {
  const doc = new Y.Doc();
  for (const u of updatesToLoad(store, sessionId).updates) Y.applyUpdate(doc, u);
  const out: Record<string, unknown> = {};
  for (const name of [...doc.share.keys()].sort()) out[name] = doc.getMap(name).toJSON();
  doc.destroy();
  return out;
}

/** The same session in two stores: one to compact, one left as it is. */
function twin(): [Store, Store] {
  return [openStore(), openStore()];
}

function copyAll(from: Store, to: Store): void {
  for (const r of from.updatesFor(SESSION)) to.appendUpdate(SESSION, r.deviceId, r.update, r.receivedAt);
}

describe('compacting a session’s archive', () => {
  it('Given 3 devices and 600 small updates, when compacted, then loading gives the same session from one snapshot, with one row per device kept', () => {
    const store = openStore();
    const devices = ['tablet-a', 'tablet-b', 'laptop'].map((id) => new Device(id, store));
    for (let i = 0; i < 200; i++) {
      for (const d of devices) {
        d.write('proposals', `${d.id}-${i}`, { id: `${d.id}-${i}`, title: `Idea ${i}` });
        if (i % 10 === 0) d.write('ballots', d.id, { id: d.id, revision: i });
      }
    }
    const before = loaded(store);
    expect(store.updatesFor(SESSION)).toHaveLength(660);

    const result = compactSession(store, SESSION);

    expect(loaded(store)).toEqual(before);
    expect(result).toMatchObject({ rowsBefore: 660, rowsAfter: 3 });
    expect(result.bytesAfter).toBeLessThan(result.bytesBefore);
    expect(updatesToLoad(store, SESSION).updates).toHaveLength(1);
    expect(new Set(store.updatesFor(SESSION).map((r) => r.deviceId))).toEqual(
      new Set(['tablet-a', 'tablet-b', 'laptop']),
    );
    expect(rowsSinceSnapshot(store, SESSION)).toBe(0);
  });

  it('Given a compacted session, when devices write again, then loading applies the snapshot and only the new rows, and a second compaction folds them in', () => {
    const store = openStore();
    const a = new Device('tablet-a', store);
    for (let i = 0; i < 50; i++) a.write('proposals', `p${i}`, { id: `p${i}` });
    compactSession(store, SESSION);
    const b = new Device('tablet-b', store);
    b.catchUp();
    b.write('comments', 'c1', { id: 'c1', proposalId: 'p3' });
    a.write('proposals', 'p50', { id: 'p50' });

    // The snapshot, then the two rows since, merged into one.
    expect(updatesToLoad(store, SESSION).updates).toHaveLength(2);
    expect(updatesToLoad(store, SESSION).lastId).toBe(
      Math.max(...store.updatesFor(SESSION).map((r) => r.id)),
    );
    const before = loaded(store);
    expect(before.comments).toEqual({ c1: { id: 'c1', proposalId: 'p3' } });
    expect(Object.keys(before.proposals as object)).toHaveLength(51);

    compactSession(store, SESSION);
    expect(loaded(store)).toEqual(before);
    expect(updatesToLoad(store, SESSION).updates).toHaveLength(1);
    expect(store.updatesFor(SESSION)).toHaveLength(2);
  });

  it('Given a device to roll back, when the archive was compacted first, then the rollback removes and restores exactly what it does on the uncompacted archive', () => {
    const [plain, compacted] = twin();
    const good = new Device('good', plain);
    const bad = new Device('bad', plain);
    for (let i = 0; i < 30; i++) good.write('proposals', `g${i}`, { id: `g${i}` });
    bad.catchUp();
    for (let i = 0; i < 30; i++) bad.write('proposals', `b${i}`, { id: `b${i}`, spam: true });
    bad.write('settings', 'e1', { neighbourhood: 'Elsewhere' });
    good.catchUp();
    good.write('proposals', 'g30', { id: 'g30' });
    copyAll(plain, compacted);
    compactSession(compacted, SESSION);

    const one = rollbackDevice(plain, SESSION, 'bad');
    const two = rollbackDevice(compacted, SESSION, 'bad');

    expect({ ...two, updateId: null, updatesFromDevice: 0 }).toEqual({
      ...one,
      updateId: null,
      updatesFromDevice: 0,
    });
    expect(two.keysRemoved).toBe(31);
    expect(loaded(compacted)).toEqual(loaded(plain));
    expect(Object.keys(loaded(compacted).proposals as object)).toHaveLength(31);
  });

  it('Given no such session, when compacted, then it says so and writes nothing', () => {
    const store = openStore();
    expect(() => compactSession(store, 'nope')).toThrow(CompactionError);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM snapshots').get()).toEqual({ n: 0 });
  });

  it('Given an archive whose rows wait for a change never stored, when compacted, then it is refused and nothing changes', () => {
    const store = openStore();
    const source = new Y.Doc();
    source.getMap('proposals').set('p1', { id: 'p1' });
    const first = Y.encodeStateAsUpdate(source);
    const sv = Y.encodeStateVector(source);
    source.getMap('proposals').set('p2', { id: 'p2' });
    store.appendUpdate(SESSION, 'x', Y.encodeStateAsUpdate(source, sv)); // depends on `first`, never stored
    expect(first.byteLength).toBeGreaterThan(0);
    const rows = store.updatesFor(SESSION);
    expect(() => compactSession(store, SESSION)).toThrow(/wait for others/);
    expect(store.updatesFor(SESSION)).toEqual(rows);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM snapshots').get()).toEqual({ n: 0 });
  });

  it('Given several sessions, when all with enough new rows are compacted, then the others are left alone', () => {
    const store = openStore();
    for (const [session, n] of [
      ['busy', 20],
      ['quiet', 2],
    ] as const) {
      const doc = new Y.Doc();
      for (let i = 0; i < n; i++) {
        const sv = Y.encodeStateVector(doc);
        doc.getMap('proposals').set(`p${i}`, { id: `p${i}` });
        store.appendUpdate(session, 'd', Y.encodeStateAsUpdate(doc, sv));
      }
    }
    const results = compactAll(store, 10);
    expect(results.map((r) => r.sessionId)).toEqual(['busy']);
    expect(rowsSinceSnapshot(store, 'quiet')).toBe(2);
    expect(Object.keys(loaded(store, 'quiet').proposals as object)).toHaveLength(2);
  });

  it('Given any interleaving of writes, overwrites, catch-ups and compactions by three devices, then loading gives what every row gives, and rolling back any device gives the same as without compaction', () => {
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('write' as const),
        device: fc.integer({ min: 0, max: 2 }),
        map: fc.constantFrom('proposals', 'ballots'),
        key: fc.integer({ min: 0, max: 6 }),
        value: fc.integer(),
      }),
      fc.record({ kind: fc.constant('catchUp' as const), device: fc.integer({ min: 0, max: 2 }) }),
      fc.constant({ kind: 'compact' as const }),
    );
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 2 }),
        (steps, victim) => {
          const [plain, compacted] = twin();
          try {
            const devices = [0, 1, 2].map((i) => new Device(`d${i}`, plain, compacted));
            for (const s of steps) {
              if (s.kind === 'write') devices[s.device]!.write(s.map, `k${s.key}`, { v: s.value });
              else if (s.kind === 'catchUp') devices[s.device]!.catchUp();
              else if (compacted.updatesFor(SESSION).length > 0) compactSession(compacted, SESSION);
            }
            expect(loaded(compacted)).toEqual(loaded(plain));
            const rollback = (store: Store): unknown => {
              try {
                const r = rollbackDevice(store, SESSION, `d${victim}`);
                return { removed: r.keysRemoved, restored: r.keysRestored, after: loaded(store) };
              } catch (e) {
                return (e as Error).message;
              }
            };
            expect(rollback(compacted)).toEqual(rollback(plain));
          } finally {
            plain.close();
            compacted.close();
          }
        },
      ),
      { interruptAfterTimeLimit: PROPERTY_BUDGET_MS, numRuns: 60 },
    );
  });

  it('Given an archive of many small updates, when the admin runs `compact`, then the session loads the same, the file shrinks, and a bad session id is refused in words', async () => {
    const t = tempDir('codesign-compact-cli-');
    cleanup.push(t.remove);
    const sessionId = '7b0c9f5e-1d2a-4c3b-9e8f-0a1b2c3d4e5f';
    let store = Store.open(t.dir);
    const doc = new Y.Doc();
    for (let i = 0; i < 400; i++) {
      const sv = Y.encodeStateVector(doc);
      doc.getMap('proposals').set(`p${i % 50}`, { id: `p${i % 50}`, revision: i, text: 'x'.repeat(200) });
      store.appendUpdate(sessionId, 'tablet', Y.encodeStateAsUpdate(doc, sv));
    }
    const before = loaded(store, sessionId);
    store.close();
    const run = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
      let out = '';
      let err = '';
      const code = await runAdmin(
        argv,
        { DATA_DIR: t.dir },
        { out: (x) => (out += x), err: (x) => (err += x) },
      );
      return { code, out, err };
    };

    const bad = await run('compact', '--session', 'not-a-uuid');
    const done = await run('compact', '--json');
    const again = await run('compact');
    const welsh = await run('compact', '--session', sessionId, '--lang', 'cy');

    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Say which session to compact');
    expect(done.code).toBe(0);
    const [result] = JSON.parse(done.out) as CompactionResultJson[];
    expect(result).toMatchObject({ sessionId, rowsBefore: 400, rowsAfter: 1 });
    // Only the 50 live values are left in the snapshot, not the 400 written.
    expect(result!.snapshotBytes).toBeLessThan(result!.bytesBefore / 4);
    expect(again.out).toBe('Nothing to compact: every session is already compacted.');
    expect(welsh.out).toContain('Cywasgwyd sesiwn');
    store = Store.open(t.dir);
    cleanup.push(() => store.close());
    expect(loaded(store, sessionId)).toEqual(before);
  });
});
