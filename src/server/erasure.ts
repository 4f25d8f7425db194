/**
 * Erasing residents' about-you answers from the council server (issue 12 §8): `npm run admin -- erase-answers`
 * and the retention period (retention.ts). Hiding is not enough: the archive keeps every update a device sent,
 * and compaction keeps deleted content on purpose (archiveMerge.ts, so rollback can restore overwritten values),
 * so an overwritten record's answers would still be in the file. Erasure, in one IMMEDIATE transaction:
 *
 * 1. A forward update as the admin (device `admin`, like rollback.ts): each chosen participant record replaced by
 *    the same record with its answers emptied and `answersErased` set (src/domain/erasure.ts). The running server
 *    applies admin rows within a second (sync.ts) and sends them to every connected device; admin rows are not
 *    checked by the client rules, so the record losing its signature is allowed.
 * 2. Purge: in every archive row of the session, each item that is deleted in the session's state and was a value
 *    of an erased participant's key gets ContentDeleted of the same length (archiveMerge.ts `purgeContent`),
 *    which is what Yjs's own garbage collection does: the clocks, positions and keys stay, the values go.
 * 3. The snapshot is rebuilt (compaction.ts `compactSession`): the old snapshot held the records as they were.
 *
 * Then, outside the transaction, `scrubFile`: VACUUM with `PRAGMA secure_delete` and a TRUNCATE checkpoint, so the
 * old bytes are not left in free pages of the file or in its write-ahead log.
 */
import * as Y from 'yjs';
import { MAPS } from '../doc/schema';
import { erasedRecord, holdsAnswers, retentionFrom } from '../domain/erasure';
import { mergeArchiveUpdates, purgeContent } from './archiveMerge';
import { compactSession, updatesToLoad } from './compaction';
import { sessionReceipts, withWorkshopDay } from './receipts';
import { ADMIN_DEVICE, type Store } from './store';

export interface ErasureResult {
  sessionId: string;
  /** Participants whose answers were erased now (already erased or unanswered ones are not counted). */
  participantsErased: string[];
  /** The archive row of the forward update, or null when no record held answers. */
  updateId: number | null;
  /** Old record values purged from archive rows, and the rows rewritten. */
  valuesPurged: number;
  rowsRewritten: number;
}

/** Why an erasure cannot run; `reason` lets the admin CLI say it in the admin's language. */
export class ErasureError extends Error {
  override readonly name = 'ErasureError';
  constructor(
    message: string,
    readonly reason: 'noSession' | 'noParticipant',
  ) {
    super(message);
  }
}

/** Which participants: one, those whose answers were given before a time, or (neither) all of them. */
export interface ErasureChoice {
  participantId?: string;
  /**
   * Wall-clock ms: records whose answers count from before it for the retention period (domain/erasure.ts
   * `retentionFrom`: the tablet's time, clamped into when the council received the session, receipts.ts).
   */
  answeredBefore?: number;
}

/** Clock ranges of one client's structs: [from, to). */
type Ranges = Map<number, [number, number][]>;

/**
 * True when the whole of `item` lies in `ranges`. Ranges, not ids: a document merges neighbouring deleted values
 * of one key written by one device into one item (Item.mergeWith), while an archive row holds each as it came.
 */
function within(ranges: Ranges, item: Y.Item): boolean {
  const from = item.id.clock;
  const to = from + item.length;
  return (ranges.get(item.id.client) ?? []).some(([a, b]) => a <= from && to <= b);
}

/**
 * The session from every archive row, keeping deleted content (gc off), so old values can be found. The rows are
 * merged first (archiveMerge.ts, linear) and applied once, as compaction does: far cheaper than one apply per row.
 */
function fullHistory(rows: readonly { update: Uint8Array }[]): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  Y.applyUpdate(doc, mergeArchiveUpdates(rows.map((r) => r.update)));
  return doc;
}

/** Every value ever set under `key` in a map, newest first (a key's values are linked leftwards). */
function valuesOfKey(map: Y.Map<unknown>, key: string): Y.Item[] {
  const out: Y.Item[] = [];
  let item: Y.Item | null = map._map.get(key) ?? null;
  while (item !== null) {
    if (item.parentSub === key) out.push(item);
    item = item.left;
  }
  return out;
}

export function eraseAnswers(
  store: Store,
  sessionId: string,
  choice: ErasureChoice = {},
  now = Date.now(),
): ErasureResult {
  const run = store.db.transaction((): ErasureResult => {
    const rows = store.updatesFor(sessionId);
    const span = sessionReceipts(store, sessionId);
    if (rows.length === 0 || span === null)
      throw new ErasureError(`There is no session ${sessionId} on this server.`, 'noSession');
    const history = fullHistory(rows);
    try {
      const bounds = withWorkshopDay(span, history);
      const participants = history.getMap<unknown>(MAPS.participants);
      const { participantId, answeredBefore } = choice;
      if (participantId !== undefined && !participants.has(participantId)) {
        throw new ErasureError(`Session ${sessionId} has no participant ${participantId}.`, 'noParticipant');
      }
      const chosen = [...participants.keys()].filter((key) => {
        if (participantId !== undefined) return key === participantId;
        if (answeredBefore === undefined) return true;
        return retentionFrom(participants.get(key), bounds) < answeredBefore;
      });
      const toErase = chosen.filter((key) => holdsAnswers(participants.get(key)));

      let updateId: number | null = null;
      if (toErase.length > 0) {
        const before = Y.encodeStateVector(history);
        history.transact(() => {
          for (const key of toErase) {
            participants.set(key, erasedRecord(participants.get(key) as Record<string, unknown>, now));
          }
        });
        updateId = store.appendUpdate(sessionId, ADMIN_DEVICE, Y.encodeStateAsUpdate(history, before), now);
      }

      // Every deleted value of a chosen key, erased now or before (a resident's record written several times
      // leaves each earlier version in the archive).
      const purge: Ranges = new Map();
      for (const key of chosen) {
        for (const item of valuesOfKey(participants, key)) {
          if (!item.deleted) continue;
          const own = purge.get(item.id.client) ?? [];
          own.push([item.id.clock, item.id.clock + item.length]);
          purge.set(item.id.client, own);
        }
      }
      let valuesPurged = 0;
      let rowsRewritten = 0;
      if (purge.size > 0) {
        const rewrite = store.db.prepare('UPDATE updates SET "update" = ?, bytes = ? WHERE id = ?');
        for (const row of store.updatesFor(sessionId)) {
          const out = purgeContent(row.update, (item) => within(purge, item));
          if (out.purged === 0) continue;
          rewrite.run(Buffer.from(out.update), out.update.byteLength, row.id);
          valuesPurged += out.purged;
          rowsRewritten += 1;
        }
      }
      // The snapshot held the records as they were: rebuild it (and merge each device's rows, as compaction does).
      if (updateId !== null || rowsRewritten > 0) compactSession(store, sessionId, now);
      return { sessionId, participantsErased: toErase, updateId, valuesPurged, rowsRewritten };
    } finally {
      history.destroy();
    }
  });
  return run.immediate();
}

/** Cheap look first (snapshot and rows after it, not the whole history): a record with answers that are due. */
function hasAnswersBefore(store: Store, sessionId: string, answeredBefore: number): boolean {
  const span = sessionReceipts(store, sessionId);
  // Nothing can be due before the council first had the session: no need to load it.
  if (span === null || span.first >= answeredBefore) return false;
  const doc = new Y.Doc();
  try {
    const { updates } = updatesToLoad(store, sessionId);
    doc.transact(() => {
      for (const u of updates) Y.applyUpdate(doc, u);
    });
    const participants = doc.getMap<unknown>(MAPS.participants);
    const bounds = withWorkshopDay(span, doc);
    return [...participants.values()].some(
      (record) => holdsAnswers(record) && retentionFrom(record, bounds) < answeredBefore,
    );
  } finally {
    doc.destroy();
  }
}

/** Every session's participants answered before `answeredBefore`, erased; one result per session changed. */
/** What a run over every session did: the sessions erased, and those it could not erase (with why, in words). */
export interface ErasureBatch {
  results: ErasureResult[];
  /** `sessionId` null: the file scrub after the erasures failed (retention.ts applyRetention). */
  failures: { sessionId: string | null; reason: string }[];
}

/**
 * Erases, session by session, every answer given before `answeredBefore`. Each session is its own transaction, so
 * one that fails (a locked file, an unreadable row) does not stop the others, and the caller still hears of every
 * session that was erased: before, the first failure threw and the sessions already erased went unreported.
 */
export function eraseAnswersBefore(store: Store, answeredBefore: number, now = Date.now()): ErasureBatch {
  const sessions = store.db.prepare('SELECT DISTINCT session_id AS id FROM updates ORDER BY id').all() as {
    id: string;
  }[];
  const batch: ErasureBatch = { results: [], failures: [] };
  for (const { id } of sessions) {
    try {
      if (!hasAnswersBefore(store, id, answeredBefore)) continue;
      const result = eraseAnswers(store, id, { answeredBefore }, now);
      if (result.updateId !== null || result.rowsRewritten > 0) batch.results.push(result);
    } catch (e) {
      // Erasure's own errors and SQLite's name no answers; the message is logged and shown to the admin.
      batch.failures.push({ sessionId: id, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return batch;
}

/**
 * Makes what erasure removed unreadable in the file itself: with secure_delete, SQLite overwrites deleted content
 * with zeros; VACUUM rewrites the file without free pages; the TRUNCATE checkpoint copies the write-ahead log
 * into the file and empties it. `complete` is false when another connection was reading and the log could not
 * be emptied yet (run the command again, or it happens at the server's next checkpoint).
 */
export function scrubFile(store: Store): { complete: boolean } {
  store.db.pragma('secure_delete = ON');
  store.db.exec('VACUUM');
  const [result] = store.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[];
  return { complete: result !== undefined && result.busy === 0 };
}
