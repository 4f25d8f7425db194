/**
 * Session files in Node (issue 3, item 6):
 *
 * - Importing the 30 tablets' session files of a full workshop day into the facilitator's copy of the session,
 *   kept by the app's IndexedDbDocStore on fake-indexeddb: readSessionFile for all 30 (checksum, header, gunzip),
 *   prepareImport (scratch copy, content checks), applyImport, and `whenSaved()` (the IndexedDB commit). Beside
 *   plain Yjs applying the same 30 raw updates into one new Y.Doc in one transaction. The in-memory merge alone
 *   (prepareImport + applyImport on files already read, into an in-memory doc) is a second row on that baseline.
 * - The size of the merged day's session file beside gzip -9 of the same records as JSON.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { readRecords } from '../../src/doc/schema';
import { IndexedDbDocStore } from '../../src/storage/indexedDbDocStore';
import {
  applyImport,
  encodeSessionFile,
  prepareImport,
  readSessionFile,
  type ParsedFile,
} from '../../src/sync/sessionFile';
import { median, round, type Row } from './stats';
import type { WorkshopDay } from './workshopDay';

export interface SessionFileDetails {
  files: { count: number; bytes: number[]; updateBytes: number[] };
  import: {
    runs: number;
    warmups: number;
    baselineMs: number[];
    mergeMs: number[];
    mergePrepareMs: number[];
    mergeApplyMs: number[];
    wholeMs: number[];
    readMs: number[];
    prepareMs: number[];
    applyMs: number[];
    saveMs: number[];
  };
  size: {
    sessionFileBytes: number;
    recordsJsonBytes: number;
    recordsJsonGzip9Bytes: number;
    updateBytes: number;
    updateGzip9Bytes: number;
  };
}

const EXPORTED_AT = Date.UTC(2026, 10, 28, 17, 0);

function checkCounts(doc: Y.Doc, day: WorkshopDay, what: string): void {
  const r = readRecords(doc);
  if (
    r.proposals.length !== day.counts.proposals ||
    r.comments.length !== day.counts.comments ||
    r.ballots.length !== day.counts.ballots
  ) {
    throw new Error(
      `${what}: ${r.proposals.length} ideas, ${r.comments.length} comments, ${r.ballots.length} ballots`,
    );
  }
}

export async function sessionFileFigures(
  day: WorkshopDay,
  runs = 11,
  warmups = 2,
): Promise<{ rows: Row[]; details: SessionFileDetails }> {
  // Each tablet exports its whole copy, as the facilitator screen does.
  const files: { name: string; bytes: Uint8Array }[] = [];
  for (const [i, update] of day.tabletUpdates.entries()) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    const n = String(i + 1).padStart(2, '0');
    files.push({
      name: `eastfield-2026-11-28-tablet-${n}.codesign`,
      bytes: await encodeSessionFile(doc, {
        deviceId: `tablet-${n}`,
        deviceName: `Tablet ${i + 1}`,
        now: EXPORTED_AT,
      }),
    });
    doc.destroy();
  }
  const readAll = (): Promise<ParsedFile[]> =>
    Promise.all(files.map((f) => readSessionFile(f.bytes, { fileName: f.name })));
  const parsed = await readAll();

  const store = new IndexedDbDocStore();
  const d: SessionFileDetails['import'] = {
    runs,
    warmups,
    baselineMs: [],
    mergeMs: [],
    mergePrepareMs: [],
    mergeApplyMs: [],
    wholeMs: [],
    readMs: [],
    prepareMs: [],
    applyMs: [],
    saveMs: [],
  };
  // Interleaved, so drift (GC, a busy neighbour) hits every side alike.
  for (let i = 0; i < warmups + runs; i++) {
    const keep = i >= warmups;

    // Baseline: plain Yjs, the same 30 updates, one new doc, one transaction.
    const b0 = performance.now();
    const plain = new Y.Doc();
    Y.transact(plain, () => day.tabletUpdates.forEach((u) => Y.applyUpdate(plain, u)));
    const b1 = performance.now();
    if (i === 0) checkCounts(plain, day, 'Plain Yjs merge');
    plain.destroy();

    // In-memory merge: the facilitator's copy holds the session as created; the files are already read.
    const memory = new Y.Doc();
    Y.applyUpdate(memory, day.initialUpdate);
    const m0 = performance.now();
    const memoryPreview = prepareImport(memory, parsed);
    const m1 = performance.now();
    applyImport(memory, memoryPreview);
    const m2 = performance.now();
    if (i === 0) checkCounts(memory, day, 'In-memory import');
    memory.destroy();

    // The whole import, as the facilitator's device does it: read, check, merge, commit to IndexedDB.
    const dbName = `bench-import-${randomUUID()}`;
    const handle = await store.open(dbName);
    try {
      Y.applyUpdate(handle.doc, day.initialUpdate);
      await handle.whenSaved();
      const w0 = performance.now();
      const read = await readAll();
      const w1 = performance.now();
      const preview = prepareImport(handle.doc, read);
      const w2 = performance.now();
      applyImport(handle.doc, preview);
      const w3 = performance.now();
      await handle.whenSaved();
      const w4 = performance.now();
      if (i === 0) checkCounts(handle.doc, day, 'Import into IndexedDB');
      if (keep) {
        d.wholeMs.push(w4 - w0);
        d.readMs.push(w1 - w0);
        d.prepareMs.push(w2 - w1);
        d.applyMs.push(w3 - w2);
        d.saveMs.push(w4 - w3);
      }
    } finally {
      await handle.close();
      await store.remove(dbName);
    }
    if (keep) {
      d.baselineMs.push(b1 - b0);
      d.mergeMs.push(m2 - m0);
      d.mergePrepareMs.push(m1 - m0);
      d.mergeApplyMs.push(m2 - m1);
    }
  }

  // Size: the merged day as one session file, beside gzip -9 of its records as JSON.
  const sessionFile = await encodeSessionFile(day.doc, {
    deviceId: 'facilitator-laptop',
    deviceName: 'Facilitator laptop',
    now: EXPORTED_AT,
  });
  const recordsJson = Buffer.from(JSON.stringify(readRecords(day.doc)));
  const size: SessionFileDetails['size'] = {
    sessionFileBytes: sessionFile.byteLength,
    recordsJsonBytes: recordsJson.byteLength,
    recordsJsonGzip9Bytes: gzipSync(recordsJson, { level: 9 }).byteLength,
    updateBytes: day.update.byteLength,
    updateGzip9Bytes: gzipSync(day.update, { level: 9 }).byteLength,
  };

  const ms = (values: number[]): number => round(median(values));
  const kb = (bytes: number): number => round(bytes / 1000, 1);
  const fileBytes = files.map((f) => f.bytes.byteLength);
  const totalFileKb = kb(fileBytes.reduce((a, b) => a + b, 0));
  const rows: Row[] = [
    {
      id: 'import.whole',
      figure: `Import 30 tablets' session files (${totalFileKb} KB) into IndexedDB: read + prepare + apply + saved, median`,
      unit: 'ms',
      value: ms(d.wholeMs),
      baseline: ms(d.baselineMs),
      baselineLabel: 'plain Yjs: the same 30 updates into one new Y.Doc in one transaction',
      goal: { maxRatio: 10 },
      samples: runs,
      note:
        `read ${ms(d.readMs)} ms + prepare ${ms(d.prepareMs)} ms + apply ${ms(d.applyMs)} ms ` +
        `(with the IndexedDB add) + commit ${ms(d.saveMs)} ms (fake-indexeddb)`,
    },
    {
      id: 'import.merge',
      figure: 'In-memory merge of the 30 files already read: prepareImport + applyImport, median',
      unit: 'ms',
      value: ms(d.mergeMs),
      baseline: ms(d.baselineMs),
      baselineLabel: 'plain Yjs: the same 30 updates into one new Y.Doc in one transaction',
      goal: { maxRatio: 3 },
      samples: runs,
      note: `prepare ${ms(d.mergePrepareMs)} ms (scratch copy + checks) + apply ${ms(d.mergeApplyMs)} ms`,
    },
    {
      id: 'sessionFile.size',
      figure: 'Session file of the merged workshop day (envelope + gzip’d Yjs update)',
      unit: 'KB',
      value: kb(size.sessionFileBytes),
      baseline: kb(size.recordsJsonGzip9Bytes),
      baselineLabel: 'JSON.stringify(readRecords(doc)), gzip -9',
      goal: { maxRatio: 1.5 },
      samples: 1,
      note:
        `Yjs update ${kb(size.updateBytes)} KB raw, ${kb(size.updateGzip9Bytes)} KB gzip -9; ` +
        `JSON ${kb(size.recordsJsonBytes)} KB raw`,
    },
  ];
  return {
    rows,
    details: {
      files: { count: files.length, bytes: fileBytes, updateBytes: parsed.map((p) => p.update.byteLength) },
      import: d,
      size,
    },
  };
}
