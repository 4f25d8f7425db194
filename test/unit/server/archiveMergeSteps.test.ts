/**
 * The merge a session load runs in steps (archiveMerge.ts mergeArchiveUpdatesInSteps, compaction.ts
 * updatesToLoadInSteps), so that the sync server answers others between them: it gives the same bytes as the
 * merge in one go, and it does stop every MERGE_STEP_BYTES or so. Real Yjs documents, a real SQLite file.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  MERGE_STEP_BYTES,
  mergeArchiveUpdates,
  mergeArchiveUpdatesInSteps,
} from '../../../src/server/archiveMerge';
import { compactSession, updatesToLoad, updatesToLoadInSteps } from '../../../src/server/compaction';
import { tempStores } from './support';

const openStore = tempStores('codesign-merge-steps-');

/** A day's first sync (one large row) and then `small` one-change rows by two tablets. */
function rows(small: number): Uint8Array[] {
  const day = new Y.Doc();
  Y.transact(day, () => {
    for (let i = 0; i < 400; i++)
      day.getMap('proposals').set(`p${i}`, { title: `Idea ${i}`, text: 'x'.repeat(300) });
  });
  const out = [Y.encodeStateAsUpdate(day)];
  const tablets = [new Y.Doc(), new Y.Doc()];
  for (const t of tablets) Y.applyUpdate(t, out[0]!);
  for (let i = 0; i < small; i++) {
    const t = tablets[i % 2]!;
    const before = Y.encodeStateVector(t);
    t.getMap('comments').set(`c${i}`, { text: `Comment ${i} `.repeat(5) });
    out.push(Y.encodeStateAsUpdate(t, before));
  }
  return out;
}

function drive<T>(steps: Generator<void, T, void>): { value: T; stops: number } {
  let stops = 0;
  let step = steps.next();
  while (!step.done) {
    stops += 1;
    step = steps.next();
  }
  return { value: step.value, stops };
}

describe('merging a session’s rows in steps', () => {
  it('Given a day and 3,000 small rows, When merged in steps, Then the bytes are those of the merge in one go, with a stop about every step’s worth of bytes', () => {
    const updates = rows(3000);
    const total = updates.reduce((n, u) => n + u.byteLength, 0);
    const { value, stops } = drive(mergeArchiveUpdatesInSteps(updates));
    expect(value).toEqual(mergeArchiveUpdates(updates));
    // Decoding stops about total / step times, writing about as often again; never once per row.
    expect(stops).toBeGreaterThanOrEqual(Math.floor(total / MERGE_STEP_BYTES));
    expect(stops).toBeLessThan(updates.length / 10);
  });

  it('Given one row, When merged in steps, Then it is that row, with no stop', () => {
    const [only] = rows(0);
    expect(drive(mergeArchiveUpdatesInSteps([only!]))).toEqual({ value: only, stops: 0 });
  });

  it('Given a stored session with a snapshot and rows after it, When loaded in steps, Then it loads what updatesToLoad gives', () => {
    const store = openStore();
    store.db.pragma('synchronous = OFF'); // durability is not under test: no fsync per row
    const sessionId = randomUUID();
    const all = rows(1500);
    for (const u of all.slice(0, 500)) store.appendUpdate(sessionId, 'tablet', u);
    compactSession(store, sessionId);
    for (const u of all.slice(500)) store.appendUpdate(sessionId, 'tablet', u);
    const { value, stops } = drive(updatesToLoadInSteps(store, sessionId));
    expect(value).toEqual(updatesToLoad(store, sessionId));
    expect(value.updates).toHaveLength(2); // the snapshot, and the 1,000 rows since merged into one
    expect(stops).toBeGreaterThan(0);
  });
});
