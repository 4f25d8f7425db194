/**
 * Relay permits: the way out when an officer device holds the only copy of a session's work.
 *
 * An officer device may write only decisions and paper ballots (src/sync/changeRules.ts), so after the council
 * restores a backup, an officer device that fetched the day's work before it cannot send that work back: its
 * sync of the session is refused whole. Usually the facilitators' tablets send it instead; when every tablet that
 * held it has been cleared, `npm run admin -- allow-relay --device <id> --session <id>` lets that one officer
 * device pass on that one session's records for a while (24 hours unless `--hours`), as a facilitator device
 * does when it gathers tablets: its updates to that session are checked in the 'relay' role, which may write what
 * either role may. Every other rule still holds: records are shape-checked, nothing is deleted or rewritten, a
 * resident's signed record is replaced only by one signed with the same tablet key, and what it sends is stored
 * under its own device id (so `updates` lists it and `rollback` undoes it). Each accepted update from it is
 * logged as `update-relayed`.
 */
import type { Store } from './store';

/** How long a permit lasts unless the admin says otherwise, and the longest it may (a week). */
export const DEFAULT_RELAY_HOURS = 24;
export const MAX_RELAY_HOURS = 7 * 24;

export interface RelayPermit {
  deviceId: string;
  sessionId: string;
  grantedAt: string;
  expiresAt: string;
}

/** Lets `deviceId` relay `sessionId`'s records until `hours` from `now` (replacing an earlier permit). */
export function allowRelay(
  store: Store,
  deviceId: string,
  sessionId: string,
  hours: number,
  now = Date.now(),
): RelayPermit {
  const expiresAt = now + hours * 3_600_000;
  store
    .statement(
      `INSERT INTO relay_permits (device_id, session_id, granted_at, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (device_id, session_id) DO UPDATE SET granted_at = excluded.granted_at,
         expires_at = excluded.expires_at`,
    )
    .run(deviceId, sessionId, now, expiresAt);
  return {
    deviceId,
    sessionId,
    grantedAt: new Date(now).toISOString(),
    expiresAt: new Date(expiresAt).toISOString(),
  };
}

/** Ends a permit at once; false when there was none still running. */
export function endRelay(store: Store, deviceId: string, sessionId: string, now = Date.now()): boolean {
  const info = store
    .statement('DELETE FROM relay_permits WHERE device_id = ? AND session_id = ? AND expires_at > ?')
    .run(deviceId, sessionId, now);
  store.statement('DELETE FROM relay_permits WHERE expires_at <= ?').run(now);
  return info.changes > 0;
}

/** Whether `deviceId` may relay `sessionId`'s records now. One primary-key lookup. */
export function mayRelay(store: Store, deviceId: string, sessionId: string, now = Date.now()): boolean {
  const row = store
    .statement('SELECT expires_at FROM relay_permits WHERE device_id = ? AND session_id = ?')
    .get(deviceId, sessionId) as { expires_at: number } | undefined;
  return row !== undefined && row.expires_at > now;
}

/** The permits still running, soonest to end first. */
export function listRelays(store: Store, now = Date.now()): RelayPermit[] {
  const rows = store
    .statement(
      'SELECT device_id, session_id, granted_at, expires_at FROM relay_permits WHERE expires_at > ? ORDER BY expires_at',
    )
    .all(now) as { device_id: string; session_id: string; granted_at: number; expires_at: number }[];
  return rows.map((r) => ({
    deviceId: r.device_id,
    sessionId: r.session_id,
    grantedAt: new Date(r.granted_at).toISOString(),
    expiresAt: new Date(r.expires_at).toISOString(),
  }));
}
