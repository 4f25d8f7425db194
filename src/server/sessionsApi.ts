/**
 * GET /api/sessions: the sessions an enrolled device may fetch, so tablets can be prepared at the office before a
 * workshop. The device token goes in `Authorization: Bearer <token>` (never in the address, so it is never in a
 * log or a proxy's history). Answers `{ sessions: [{ id, title, neighbourhood, date, venue, updatedAt }] }`.
 *
 * Every enrolled device (facilitator or officer) sees every session: the server has no per-device assignment yet.
 * Titles are read from the stored documents, rebuilt once per session and cached until a new update arrives.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as Y from 'yjs';
import { readRecords } from '../doc/schema';
import { effectiveSettings } from '../domain/settings';
import { deviceForToken } from './devices';
import { remoteAddress, WindowCounter, type Limits } from './limits';
import type { Logger } from './log';
import { SECURITY_HEADERS } from './staticFiles';
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

function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  res
    .writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...SECURITY_HEADERS,
      ...extra,
    })
    .end(JSON.stringify(body));
}

/** The bearer token of a request, or '' when there is none. */
export function bearerToken(req: IncomingMessage): string {
  const header = req.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1] ?? '';
}

interface SessionRow {
  session_id: string;
  last_id: number;
  last_at: number;
}

export function sessionsHandler(store: Store, log: Logger, limits: Limits) {
  const failures = new WindowCounter(limits.maxAuthFailures, limits.authFailureWindowMs);
  const cache = new Map<string, { lastId: number; summary: SessionSummary | null }>();

  const summarise = (row: SessionRow): SessionSummary | null => {
    const cached = cache.get(row.session_id);
    if (cached && cached.lastId === row.last_id) return cached.summary;
    const doc = new Y.Doc();
    try {
      const updates = store.updatesFor(row.session_id);
      Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u.update)));
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
      cache.set(row.session_id, { lastId: row.last_id, summary });
      return summary;
    } catch (e) {
      log('sessions-unreadable', {
        session: row.session_id,
        error: e instanceof Error ? e.message : String(e),
      });
      cache.set(row.session_id, { lastId: row.last_id, summary: null });
      return null;
    } finally {
      doc.destroy();
    }
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    const remote = remoteAddress(req, limits.trustProxy);
    if (req.method !== 'GET') {
      send(res, 405, { error: 'Use GET.' }, { Allow: 'GET' });
      return;
    }
    if (failures.blocked(remote)) {
      log('sessions-refused', { remote, reason: 'too-many-failures' });
      send(
        res,
        429,
        { error: 'Too many failed attempts from this address. Wait a minute and try again.' },
        { 'Retry-After': String(failures.retryAfterSeconds(remote)) },
      );
      return;
    }
    const device = deviceForToken(store, bearerToken(req));
    if (!device) {
      failures.hit(remote);
      log('sessions-refused', { remote, reason: 'unauthorized' });
      send(
        res,
        401,
        { error: 'unauthorized: this device is not enrolled, or it was revoked' },
        { 'WWW-Authenticate': 'Bearer' },
      );
      return;
    }
    const rows = store.db
      .prepare(
        'SELECT session_id, MAX(id) AS last_id, MAX(received_at) AS last_at FROM updates GROUP BY session_id',
      )
      .all() as SessionRow[];
    const sessions = rows
      .map(summarise)
      .filter((s): s is SessionSummary => s !== null)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
    log('sessions-listed', { remote, device: device.deviceId, count: sessions.length });
    send(res, 200, { sessions });
  };
}
