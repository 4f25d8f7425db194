/**
 * Bench group (issue 12 §9): a session after 100,000 small updates from 5 devices (new records and overwrites, as
 * a long-lived session gathers them), loaded from every archive row and from a compacted archive (snapshot plus
 * one row per device); the disk each takes (SQLite file after VACUUM); and the time compaction itself takes.
 * Setup writes the rows in one transaction (a real server fsyncs each; that is not what is measured here).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { compactSession, updatesToLoad } from '../../src/server/compaction';
import { DB_FILE, Store } from '../../src/server/store';
import { median, round, type Row } from './stats';

const SESSION = '5d1f7a3e-8c2b-4e6f-9a0d-1b2c3d4e5f60';

export interface CompactionDetails {
  updates: number;
  devices: number;
  loadAllMs: number[];
  loadCompactedMs: number[];
  compactMs: number;
  fileBytesBefore: number;
  fileBytesAfter: number;
  rowsAfter: number;
  snapshotBytes: number;
}

/** The database's size on disk once VACUUM has rewritten it and the write-ahead log is folded in. */
function vacuumedBytes(store: Store, dir: string): number {
  store.db.exec('VACUUM');
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  return statSync(join(dir, DB_FILE)).size;
}

function loadMs(store: Store, all: boolean): number {
  const started = performance.now();
  const updates = all
    ? store.updatesFor(SESSION).map((r) => r.update)
    : updatesToLoad(store, SESSION).updates;
  const doc = new Y.Doc();
  doc.transact(() => updates.forEach((u) => Y.applyUpdate(doc, u)));
  const ms = performance.now() - started;
  if (doc.getMap('proposals').size === 0) throw new Error('the session did not load');
  doc.destroy();
  return ms;
}

export function compactionFigures(
  updates = 100_000,
  devices = 5,
): { rows: Row[]; details: CompactionDetails } {
  const dir = mkdtempSync(join(tmpdir(), 'codesign-bench-compact-'));
  try {
    const store = Store.open(dir);
    // Each device's updates as the server stores them: what each transaction changed (the doc's 'update' event).
    const docs = Array.from({ length: devices }, (_, d) => {
      const doc = new Y.Doc();
      doc.on('update', (update: Uint8Array) => {
        store.appendUpdate(SESSION, `device-${d}`, update, 1_700_000_000_000);
      });
      return doc;
    });
    store.db.transaction(() => {
      for (let i = 0; i < updates; i++) {
        const d = i % devices;
        const doc = docs[d] as Y.Doc;
        // A third new records, two thirds overwrites of a device's own ballots (a resident changing their mind).
        if (i % 3 === 0)
          doc.getMap('proposals').set(`p-${i}`, { id: `p-${i}`, title: `Idea ${i}`, deviceId: `d${d}` });
        else
          doc
            .getMap('ballots')
            .set(`b-${d}-${i % 40}`, { id: `b-${d}-${i % 40}`, revision: i, dots: { a: 2, b: 1 } });
      }
    })();
    const fileBytesBefore = vacuumedBytes(store, dir);
    const loadAllMs = [0, 1, 2].map(() => loadMs(store, true));
    const started = performance.now();
    const result = compactSession(store, SESSION);
    const compactMs = performance.now() - started;
    const fileBytesAfter = vacuumedBytes(store, dir);
    const loadCompactedMs = [0, 1, 2, 3, 4].map(() => loadMs(store, false));
    store.close();
    const details: CompactionDetails = {
      updates,
      devices,
      loadAllMs: loadAllMs.map((x) => round(x)),
      loadCompactedMs: loadCompactedMs.map((x) => round(x)),
      compactMs: round(compactMs),
      fileBytesBefore,
      fileBytesAfter,
      rowsAfter: result.rowsAfter,
      snapshotBytes: result.snapshotBytes,
    };
    const label = `${updates.toLocaleString('en-GB')} updates`;
    const rows: Row[] = [
      {
        id: 'archive.load',
        figure: `load a session after ${label}, compacted (baseline: every row)`,
        unit: 'ms',
        value: round(median(loadCompactedMs)),
        baseline: round(median(loadAllMs)),
        baselineLabel: 'every archive row',
        goal: null,
        samples: loadCompactedMs.length,
      },
      {
        id: 'archive.disk',
        figure: `SQLite file after ${label}, compacted (baseline: every row), after VACUUM`,
        unit: 'MB',
        value: round(fileBytesAfter / 1024 / 1024, 2),
        baseline: round(fileBytesBefore / 1024 / 1024, 2),
        baselineLabel: 'every archive row',
        goal: null,
        samples: 1,
      },
      {
        id: 'archive.compact',
        figure: `compacting that session (${result.rowsBefore} rows to ${result.rowsAfter} and a snapshot)`,
        unit: 'ms',
        value: round(compactMs),
        baseline: null,
        baselineLabel: '',
        goal: null,
        samples: 1,
      },
    ];
    return { rows, details };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows, details } = compactionFigures(Number(process.env.BENCH_UPDATES ?? 100_000));
  console.table(rows.map((r) => ({ figure: r.figure, value: r.value, baseline: r.baseline, unit: r.unit })));
  console.log(JSON.stringify(details));
}
