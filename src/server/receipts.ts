/**
 * When the council received a session, by the server's own clock: the bounds the retention period puts a tablet's
 * time into (src/domain/erasure.ts `retentionFrom`). A tablet's clock may be anything; `received_at` on each
 * archive row is the server's.
 *
 * Why these two, and not a record's own receipt: compaction (compaction.ts) merges a device's rows into one that
 * keeps only the last row's received_at, and the snapshot says when it was made, not when anything arrived. So the
 * row a record came in may be gone, and which row holds what is known only by reading every row. What survives:
 * - `last`, the latest received_at of a row a device sent: a merged row keeps its last receipt, so the newest never
 *   moves. Rows of device `admin` (erasure, rollback) are left out: they are the council's own writes, bring no
 *   resident's record the council did not have, and would otherwise move the bound on at each erasure.
 * - `first`, the earliest received_at: the rows' own, or the snapshot's `firstReceivedAt`, which compaction keeps
 *   for this (a session compacted before that was kept counts from its earliest row left: later, never earlier).
 */
import type * as Y from 'yjs';
import { MAPS } from '../doc/schema';
import type { ReceiptSpan } from '../domain/erasure';
import { effectiveSettings } from '../domain/settings';
import type { SettingsEdit } from '../domain/types';
import { ADMIN_DEVICE, type Store } from './store';

const DAY_MS = 24 * 3_600_000;

/**
 * `span` with its lower bound no earlier than the session's workshop day (its settings' `date`, from a day before
 * its UTC midnight, so the day's start in any time zone is inside): a session made on the council server months
 * before its workshop does not make a 1970 tablet's answers count from then, and go early. The date is the
 * facilitator's, so it only ever moves the bound later, and never past `last`: a wrong date keeps answers longer,
 * never erases them sooner.
 */
export function withWorkshopDay(span: ReceiptSpan, doc: Y.Doc): ReceiptSpan {
  const settings = effectiveSettings([...doc.getMap<SettingsEdit>(MAPS.settings).values()]);
  const day = Date.parse(`${settings?.date ?? ''}T00:00:00Z`);
  if (!Number.isFinite(day)) return span;
  return { first: Math.min(Math.max(span.first, day - DAY_MS), span.last), last: span.last };
}

/** The session's receipt span, or null when the server holds no row of it. */
export function sessionReceipts(store: Store, sessionId: string): ReceiptSpan | null {
  // Reads received_at and device_id only (never the updates' bytes) and the snapshot's one column.
  const row = store
    .statement(
      `SELECT MIN(received_at) AS first,
              MAX(CASE WHEN device_id <> ? THEN received_at END) AS lastSent,
              MAX(received_at) AS lastAny,
              (SELECT first_received_at FROM snapshots WHERE session_id = ?) AS snapshotFirst
         FROM updates WHERE session_id = ?`,
    )
    .get(ADMIN_DEVICE, sessionId, sessionId) as {
    first: number | null;
    lastSent: number | null;
    lastAny: number | null;
    snapshotFirst: number | null;
  };
  if (row.first === null || row.lastAny === null) return null;
  return {
    first: Math.min(row.first, row.snapshotFirst ?? row.first),
    // A session of admin rows only holds no record a device sent; its own latest receipt bounds it all the same.
    last: row.lastSent ?? row.lastAny,
  };
}
