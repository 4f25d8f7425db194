/**
 * Compaction of a session's archive (issue 12 §9): the updates table grows by one row per update a device sent, and
 * a session used to be rebuilt from every row on load (100,000 small updates: seconds of CPU, and the disk of
 * 100,000 rows). Compacting a session does two things, in one short IMMEDIATE transaction:
 *
 * The work is done outside the write lock and only the swap takes it (see compactSession), so the running server's
 * appends never wait long for a compaction the admin CLI runs.
 *
 * 1. A snapshot: the session's whole state up to its last archive row (`Y.encodeStateAsUpdate` of a document
 *    built from the previous snapshot and the rows after it; garbage-collected, so overwritten values are gone).
 *    Loading applies the snapshot and only the rows after it (`updatesToLoad`).
 * 2. Per device, its rows merged into one (archiveMerge.ts; deleted content kept), kept under the id of the last row merged. The
 *    archive still says which device brought what, so rolling back a device's records (rollback.ts rebuilds the
 *    session from every row but that device's) works exactly as before; it only has fewer, larger rows to read.
 *    Keeping each merged row at its last id keeps the order the server relies on (admin rows it has applied are
 *    those at or below the last admin id it saw). A merged row keeps its last row's received_at, so the session's
 *    latest receipt survives but its first may not: the snapshot keeps that (`firstReceivedAt`, for receipts.ts).
 *
 * It runs on demand (`npm run admin -- compact`) and on a schedule in the server (Limits.compactAfterRows: a
 * session with that many rows after its snapshot is compacted when idle). A session whose rows leave structs
 * waiting for others (never the case for an archive the server wrote: the live document never holds pending
 * structs) is not compacted: a snapshot would drop what waits.
 */
import * as Y from 'yjs';
import { mergeArchiveUpdates } from './archiveMerge';
import type { Store, StoredUpdate } from './store';

export interface Snapshot {
  upToId: number;
  state: Uint8Array;
  bytes: number;
  createdAt: number;
  /**
   * The earliest received_at of every row this snapshot and those before it were made from: merging a device's
   * rows keeps only the last one's, so this is where the session's first receipt survives (receipts.ts). Null for
   * a snapshot made before it was kept (store.ts migration 6).
   */
  firstReceivedAt: number | null;
}

export interface CompactionResult {
  sessionId: string;
  rowsBefore: number;
  rowsAfter: number;
  /** Bytes of the session's archive rows (the `bytes` column), before and after. */
  bytesBefore: number;
  bytesAfter: number;
  snapshotBytes: number;
  /** The last archive row the snapshot holds. */
  upToId: number;
}

/** Why a session cannot be compacted; `reason` lets the admin CLI say it in the admin's language. */
export class CompactionError extends Error {
  override readonly name = 'CompactionError';
  constructor(
    message: string,
    readonly reason: 'noSession' | 'incomplete',
  ) {
    super(message);
  }
}

interface SnapshotRow {
  up_to_id: number;
  state: Buffer;
  bytes: number;
  created_at: number;
  first_received_at: number | null;
}

const bytesOf = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export function snapshotOf(store: Store, sessionId: string): Snapshot | null {
  const row = store.db
    .prepare(
      'SELECT up_to_id, state, bytes, created_at, first_received_at FROM snapshots WHERE session_id = ?',
    )
    .get(sessionId) as SnapshotRow | undefined;
  return row
    ? {
        upToId: row.up_to_id,
        state: bytesOf(row.state),
        bytes: row.bytes,
        createdAt: row.created_at,
        firstReceivedAt: row.first_received_at,
      }
    : null;
}

/**
 * What loading a session applies, in order: its snapshot (when it has one) and every archive row after it, merged
 * into one; `lastId` is the last row included (0 when there is none).
 */
export function updatesToLoad(store: Store, sessionId: string): { updates: Uint8Array[]; lastId: number } {
  const snapshot = snapshotOf(store, sessionId);
  const rows = store.updatesFor(sessionId, snapshot?.upToId ?? 0);
  // The rows after the snapshot are merged first, all of them into one update (archiveMerge.ts): one apply instead
  // of one per row, and within one update Yjs integrates every struct whose dependencies the update or the
  // snapshot holds. Applied as separate updates, rows can stay pending for good: Yjs (13.6) notes what an update
  // lacks by a per-client clock, and an update holding two clients' structs that each wait for another row can
  // record the wrong one (a large row applied before the small rows it depended on was never retried;
  // loadRows.test.ts). Merging decodes and writes a large row again (a day's first sync and 3,000 small rows:
  // 35-40 ms before the apply's 15-20 ms), the price of every row being there.
  const rest = rows.length > 1 ? [mergeArchiveUpdates(rows.map((r) => r.update))] : rows.map((r) => r.update);
  return {
    updates: snapshot ? [snapshot.state, ...rest] : rest,
    lastId: rows.at(-1)?.id ?? snapshot?.upToId ?? 0,
  };
}

/** Archive rows of the session after its snapshot (what the next load applies one by one). */
export function rowsSinceSnapshot(store: Store, sessionId: string): number {
  // One statement, and the snapshot's id without its state (a day's is about 850 KiB): the server counts on its
  // own thread each time a session is left (sync.ts compactIfDue).
  const row = store.db
    .prepare(
      `SELECT COUNT(*) AS n FROM updates WHERE session_id = ?
         AND id > COALESCE((SELECT up_to_id FROM snapshots WHERE session_id = ?), 0)`,
    )
    .get(sessionId, sessionId) as { n: number };
  return row.n;
}

/**
 * Whether any session has at least `minRows` archive rows after its snapshot: a server started on such an archive
 * (restarted while tablets wrote all day) starts its loader's thread at once (sync.ts). One pass over the rows.
 */
export function anySessionWithRowsSinceSnapshot(store: Store, minRows: number): boolean {
  const row = store.db
    .prepare(
      `SELECT 1 AS found FROM updates u LEFT JOIN snapshots s ON s.session_id = u.session_id
         WHERE u.id > COALESCE(s.up_to_id, 0) GROUP BY u.session_id HAVING COUNT(*) >= ? LIMIT 1`,
    )
    .get(minRows) as { found: number } | undefined;
  return row !== undefined;
}

function sumBytes(rows: readonly StoredUpdate[]): number {
  return rows.reduce((total, r) => total + r.bytes, 0);
}

/** What compaction will write, worked out from one consistent read of the session's rows. */
interface Plan {
  rows: StoredUpdate[];
  previousUpTo: number | null;
  upToId: number;
  state: Uint8Array;
  /** The snapshot's firstReceivedAt: the earlier of the previous snapshot's and the rows' own. */
  firstReceivedAt: number;
  merged: { deviceId: string; last: StoredUpdate; update: Uint8Array }[];
}

function plan(store: Store, sessionId: string): Plan {
  // A read transaction: one consistent view of the rows and the snapshot, while the server goes on appending.
  const { rows, previous } = store.db.transaction(() => ({
    rows: store.updatesFor(sessionId),
    previous: snapshotOf(store, sessionId),
  }))();
  if (rows.length === 0) {
    throw new CompactionError(`There is no session ${sessionId} on this server.`, 'noSession');
  }
  const doc = new Y.Doc();
  try {
    // The rows since the last snapshot, merged first: one apply of a merged update is far cheaper than one per
    // row (100,000 small rows: about 9 s one by one on our machine).
    const fresh = rows.filter((r) => r.id > (previous?.upToId ?? 0)).map((r) => r.update);
    doc.transact(() => {
      if (previous) Y.applyUpdate(doc, previous.state);
      if (fresh.length > 0) Y.applyUpdate(doc, mergeArchiveUpdates(fresh));
    });
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
      throw new CompactionError(
        `Session ${sessionId} has updates that wait for others it does not have; it was not compacted.`,
        'incomplete',
      );
    }
    const byDevice = new Map<string, StoredUpdate[]>();
    for (const r of rows) {
      const own = byDevice.get(r.deviceId);
      if (own) own.push(r);
      else byDevice.set(r.deviceId, [r]);
    }
    const merged = [...byDevice]
      .filter(([, own]) => own.length > 1)
      .map(([deviceId, own]) => ({
        deviceId,
        last: own.at(-1) as StoredUpdate,
        update: mergeArchiveUpdates(own.map((r) => r.update)),
      }));
    return {
      rows,
      previousUpTo: previous?.upToId ?? null,
      upToId: (rows.at(-1) as StoredUpdate).id,
      state: Y.encodeStateAsUpdate(doc),
      // A reduce, not Math.min(...rows): a session may have 100,000 rows, past what a call's arguments can hold.
      firstReceivedAt: rows.reduce(
        (t, r) => Math.min(t, r.receivedAt),
        previous?.firstReceivedAt ?? Infinity,
      ),
      merged,
    };
  } finally {
    doc.destroy();
  }
}

/**
 * Compacts one session. The work (reading, merging, the snapshot) is done outside any write lock; only the swap
 * takes one, briefly, after checking that the rows it replaces are still exactly those it read (the server only
 * appends, so this fails only when another compaction or an erasure got there first: then it is planned again).
 */
export function compactSession(store: Store, sessionId: string, now = Date.now()): CompactionResult {
  for (let attempt = 0; ; attempt++) {
    const p = plan(store, sessionId);
    const swapped = store.db
      .transaction((): CompactionResult | null => {
        const current = store.db
          .prepare(
            'SELECT COUNT(*) AS n, COALESCE(SUM(bytes), 0) AS bytes FROM updates WHERE session_id = ? AND id <= ?',
          )
          .get(sessionId, p.upToId) as { n: number; bytes: number };
        const snapshotNow = snapshotOf(store, sessionId)?.upToId ?? null;
        if (
          current.n !== p.rows.length ||
          current.bytes !== sumBytes(p.rows) ||
          snapshotNow !== p.previousUpTo
        ) {
          return null;
        }
        store.db
          .prepare(
            `INSERT INTO snapshots (session_id, up_to_id, state, bytes, created_at, first_received_at)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT(session_id) DO UPDATE SET up_to_id = excluded.up_to_id, state = excluded.state,
               bytes = excluded.bytes, created_at = excluded.created_at,
               first_received_at = excluded.first_received_at`,
          )
          .run(sessionId, p.upToId, Buffer.from(p.state), p.state.byteLength, now, p.firstReceivedAt);
        const remove = store.db.prepare(
          'DELETE FROM updates WHERE session_id = ? AND device_id = ? AND id <= ?',
        );
        const insert = store.db.prepare(
          'INSERT INTO updates (id, session_id, device_id, received_at, bytes, "update") VALUES (?, ?, ?, ?, ?, ?)',
        );
        for (const m of p.merged) {
          remove.run(sessionId, m.deviceId, m.last.id);
          insert.run(
            m.last.id,
            sessionId,
            m.deviceId,
            m.last.receivedAt,
            m.update.byteLength,
            Buffer.from(m.update),
          );
        }
        const mergedDevices = new Set(p.merged.map((m) => m.deviceId));
        const kept = p.rows.filter((r) => !mergedDevices.has(r.deviceId));
        return {
          sessionId,
          rowsBefore: p.rows.length,
          rowsAfter: kept.length + p.merged.length,
          bytesBefore: sumBytes(p.rows),
          bytesAfter: sumBytes(kept) + p.merged.reduce((n, m) => n + m.update.byteLength, 0),
          snapshotBytes: p.state.byteLength,
          upToId: p.upToId,
        };
      })
      .immediate();
    if (swapped) return swapped;
    if (attempt >= 2)
      throw new Error(`Session ${sessionId} kept changing under compaction; try again later.`);
  }
}

/** Every session with at least `minRows` archive rows after its snapshot, compacted; one result each. */
export function compactAll(store: Store, minRows = 1, now = Date.now()): CompactionResult[] {
  const sessions = store.db.prepare('SELECT DISTINCT session_id AS id FROM updates ORDER BY id').all() as {
    id: string;
  }[];
  const results: CompactionResult[] = [];
  for (const { id } of sessions) {
    if (rowsSinceSnapshot(store, id) < minRows) continue;
    results.push(compactSession(store, id, now));
  }
  return results;
}
