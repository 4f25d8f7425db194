/**
 * Figures 2 and 3 in Node: the size of a full workshop day's document, and the time to reopen it from
 * IndexedDB (fake-indexeddb) through the app's IndexedDbDocStore and show it (viewSession), beside plain Yjs
 * decoding the same bytes.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { viewSession } from '../../src/doc/session';
import { IndexedDbDocStore } from '../../src/storage/indexedDbDocStore';
import { median, round, type Row } from './stats';
import type { WorkshopDay } from './workshopDay';

export interface NodeDetails {
  doc: {
    encodedBytes: number;
    encodedGzipBytes: number;
    recordsJsonBytes: number;
    counts: WorkshopDay['counts'];
    buildMs: number;
  };
  reopen: {
    runs: number;
    warmups: number;
    totalMs: number[];
    openMs: number[];
    viewMs: number[];
    decodeMs: number[];
  };
}

export async function nodeFigures(
  day: WorkshopDay,
  runs = 15,
  warmups = 3,
): Promise<{ rows: Row[]; details: NodeDetails }> {
  const store = new IndexedDbDocStore();
  const sessionId = `bench-${randomUUID()}`;
  const first = await store.open(sessionId);
  Y.applyUpdate(first.doc, day.update);
  await first.whenSaved();
  await first.close();

  const totalMs: number[] = [];
  const openMs: number[] = [];
  const viewMs: number[] = [];
  const decodeMs: number[] = [];
  try {
    // Interleaved, so drift (GC, a busy neighbour) hits both sides alike.
    for (let i = 0; i < warmups + runs; i++) {
      const d0 = performance.now();
      const plain = new Y.Doc();
      Y.applyUpdate(plain, day.update);
      const d1 = performance.now();
      plain.destroy();

      const t0 = performance.now();
      const handle = await store.open(sessionId);
      const t1 = performance.now();
      const view = viewSession(handle.doc);
      const t2 = performance.now();
      await handle.close();
      if (view?.records.proposals.length !== day.counts.proposals) {
        throw new Error('The document reopened from IndexedDB is not the one stored.');
      }
      if (i < warmups) continue;
      decodeMs.push(d1 - d0);
      totalMs.push(t2 - t0);
      openMs.push(t1 - t0);
      viewMs.push(t2 - t1);
    }
  } finally {
    await store.remove(sessionId);
  }

  const kb = (bytes: number): number => round(bytes / 1000, 1);
  const n = (count: number): string => count.toLocaleString('en-GB');
  const rows: Row[] = [
    {
      id: 'doc.size',
      figure: `Workshop day doc, Y.encodeStateAsUpdate (${n(day.counts.proposals)} ideas, ${n(day.counts.comments)} comments, ${n(day.counts.ballots)} ballots, 30 tablets)`,
      unit: 'KB',
      value: kb(day.update.length),
      baseline: kb(day.recordsJsonBytes),
      baselineLabel: 'same records as JSON',
      goal: null,
      samples: 1,
      note: `gzip ${kb(gzipSync(day.update, { level: 9 }).length)} KB`,
    },
    {
      id: 'reopen.node',
      figure: 'Reopen from IndexedDB + viewSession, Node (fake-indexeddb), median',
      unit: 'ms',
      value: round(median(totalMs)),
      baseline: round(median(decodeMs)),
      baselineLabel: 'Y.applyUpdate into a new Y.Doc',
      goal: { maxRatio: 5 },
      samples: runs,
      note: `open ${round(median(openMs))} ms + view ${round(median(viewMs))} ms`,
    },
  ];
  return {
    rows,
    details: {
      doc: {
        encodedBytes: day.update.length,
        encodedGzipBytes: gzipSync(day.update, { level: 9 }).length,
        recordsJsonBytes: day.recordsJsonBytes,
        counts: day.counts,
        buildMs: round(day.buildMs),
      },
      reopen: { runs, warmups, totalMs, openMs, viewMs, decodeMs },
    },
  };
}
