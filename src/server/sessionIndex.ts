/**
 * What the server knows about each stored session, for listing and for access checks: its id, title,
 * neighbourhood, date, venue and when it last changed. Read from the stored documents: each session is rebuilt
 * once and cached until a new update for it arrives (its last update id changes). A session whose document has no
 * session yet (no meta or no settings) has no summary.
 */
import * as Y from 'yjs';
import { updatesToLoad } from './compaction';
import { readRecords } from '../doc/schema';
import { effectiveSettings } from '../domain/settings';
import type { Logger } from './log';
import type { Store } from './store';

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

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
  ) {}

  /** Every stored session that has been created (newest change first). */
  all(): SessionSummary[] {
    const rows = this.store.db
      .prepare(
        'SELECT session_id, MAX(id) AS last_id, MAX(received_at) AS last_at FROM updates GROUP BY session_id',
      )
      .all() as SessionRow[];
    return rows
      .map((row) => this.summarise(row))
      .filter((s): s is SessionSummary => s !== null)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
  }

  /** One session's summary; null when the server holds no session under that id (nothing, or no meta yet). */
  get(sessionId: string): SessionSummary | null {
    const row = this.store.db
      .prepare(
        'SELECT session_id, MAX(id) AS last_id, MAX(received_at) AS last_at FROM updates WHERE session_id = ? GROUP BY session_id',
      )
      .get(sessionId) as SessionRow | undefined;
    return row ? this.summarise(row) : null;
  }

  private summarise(row: SessionRow): SessionSummary | null {
    const cached = this.cache.get(row.session_id);
    if (cached && cached.lastId === row.last_id) return cached.summary;
    const doc = new Y.Doc();
    try {
      // The snapshot and the rows since, merged (compaction.ts): not one apply per row ever stored, which cost
      // 1.4 s of a 200-device sign-in burst on day-sized sessions.
      const { updates } = updatesToLoad(this.store, row.session_id);
      Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u)));
      const records = readRecords(doc);
      const settings = effectiveSettings(records.settingsEdits);
      const summary: SessionSummary | null =
        settings && records.sessionId === row.session_id
          ? {
              id: row.session_id,
              title: settings.title,
              neighbourhood: settings.neighbourhood,
              date: settings.date,
              venue: settings.venue,
              updatedAt: new Date(row.last_at).toISOString(),
            }
          : null;
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
