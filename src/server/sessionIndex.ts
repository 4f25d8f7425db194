/**
 * What the server knows about each stored session, for listing and for access checks: its id, title,
 * neighbourhood, date, venue and when it last changed. Cached until a new update for it arrives (its last update
 * id changes). A session the sync server has open, holding every stored row, is read from that live document
 * (its meta and settings maps: well under a millisecond); any other is rebuilt from its stored rows (tens of ms
 * for a day-sized session). Without the live read, every device that wrote to a session made the next device's
 * sign-in rebuild the whole session (issue 12 §10). A session whose document has no session yet (no meta or no
 * settings) has no summary.
 */
import * as Y from 'yjs';
import { updatesToLoad } from './compaction';
import { maps, readMeta } from '../doc/schema';
import { effectiveSettings } from '../domain/settings';
import type { SettingsEdit } from '../domain/types';
import type { Logger } from './log';
import type { Store } from './store';

/**
 * The sync server's open document of a session, when it holds every row stored for it (sync.ts); undefined
 * otherwise (not open, still loading, or an admin row it has not applied yet).
 */
export type LiveDocuments = (sessionId: string) => Y.Doc | undefined;

export interface SessionSummary {
  id: string;
  title: string;
  neighbourhood: string;
  date: string;
  venue: string;
  /** When the server last received an update for it (ISO 8601). */
  updatedAt: string;
}

interface SessionRow {
  session_id: string;
  last_id: number;
  last_at: number;
}

export class SessionIndex {
  private readonly cache = new Map<string, { lastId: number; summary: SessionSummary | null }>();
  private live: LiveDocuments = () => undefined;
  /** Summaries read from a live document and rebuilt from stored rows, so far (tests, the bench). */
  readonly counters = { live: 0, rebuilt: 0 };

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
  ) {}

  /** Where open sessions' documents are (the sync server): their summaries are read there, not rebuilt. */
  useLive(live: LiveDocuments): void {
    this.live = live;
  }

  /** Every stored session that has been created (newest change first). */
  all(): SessionSummary[] {
    // Each session's last row: the newest id per session from the index alone, then that one row's time. Reading
    // MAX(received_at) instead read every row of the archive (0.6-0.8 s at 200,000 rows; 15 ms this way).
    const rows = this.store
      .statement(
        `SELECT u.session_id, u.id AS last_id, u.received_at AS last_at
         FROM (SELECT session_id, MAX(id) AS id FROM updates GROUP BY session_id) AS last
         JOIN updates AS u ON u.id = last.id`,
      )
      .all() as SessionRow[];
    return rows
      .map((row) => this.summarise(row))
      .filter((s): s is SessionSummary => s !== null)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
  }

  /** One session's summary; null when the server holds no session under that id (nothing, or no meta yet). */
  get(sessionId: string): SessionSummary | null {
    const row = this.lastRow(sessionId);
    return row ? this.summarise(row) : null;
  }

  /**
   * Whether `get` would rebuild the session from its stored rows: it is stored, changed since its summary was
   * made, and not open with every row (the sync server then loads it first: see sync.ts onAuthenticate).
   */
  wouldRebuild(sessionId: string): boolean {
    const row = this.lastRow(sessionId);
    if (!row) return false;
    const cached = this.cache.get(sessionId);
    if (cached && cached.lastId === row.last_id) return false;
    return this.live(sessionId) === undefined;
  }

  /**
   * The session's newest archive row: one index lookup. (Its time is when the session last changed: rows are
   * numbered as they arrive, and compaction keeps each merged row's last id and time.) Asked twice per sign-in;
   * MAX(received_at) read every row of the session, 34 ms at 10,000 rows, for each of a morning's thousand devices.
   */
  private lastRow(sessionId: string): SessionRow | undefined {
    return this.store
      .statement(
        'SELECT session_id, id AS last_id, received_at AS last_at FROM updates WHERE session_id = ? ORDER BY id DESC LIMIT 1',
      )
      .get(sessionId) as SessionRow | undefined;
  }

  private summarise(row: SessionRow): SessionSummary | null {
    const cached = this.cache.get(row.session_id);
    if (cached && cached.lastId === row.last_id) return cached.summary;
    const live = this.live(row.session_id);
    if (live) {
      const summary = summaryOf(live, row);
      this.counters.live += 1;
      this.cache.set(row.session_id, { lastId: row.last_id, summary });
      return summary;
    }
    const doc = new Y.Doc();
    try {
      // The snapshot and the rows since, merged (compaction.ts): not one apply per row ever stored, which cost
      // 1.4 s of a 200-device sign-in burst on day-sized sessions.
      const { updates } = updatesToLoad(this.store, row.session_id);
      Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u)));
      const summary = summaryOf(doc, row);
      this.counters.rebuilt += 1;
      this.cache.set(row.session_id, { lastId: row.last_id, summary });
      return summary;
    } catch (e) {
      this.log('sessions-unreadable', {
        session: row.session_id,
        error: e instanceof Error ? e.message : String(e),
      });
      this.cache.set(row.session_id, { lastId: row.last_id, summary: null });
      return null;
    } finally {
      doc.destroy();
    }
  }
}

/** The summary of a session's document: its meta and settings maps only (not every record, as readRecords reads). */
function summaryOf(doc: Y.Doc, row: SessionRow): SessionSummary | null {
  const edits: SettingsEdit[] = [];
  maps(doc).settings.forEach((edit) => edits.push(edit));
  const settings = effectiveSettings(edits);
  if (!settings || readMeta(doc)?.sessionId !== row.session_id) return null;
  return {
    id: row.session_id,
    title: settings.title,
    neighbourhood: settings.neighbourhood,
    date: settings.date,
    venue: settings.venue,
    updatedAt: new Date(row.last_at).toISOString(),
  };
}
