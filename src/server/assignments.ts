/**
 * Session assignment: which sessions a facilitator device should have, so tablets can be prepared at the office
 * before a workshop. The admin assigns a device one session (by id) or every session of a neighbourhood
 * (`npm run admin -- assign ...`); assignments live in SQLite (table `assignments`, store.ts migration 1).
 *
 * Access rules (one place, used by GET /api/sessions and by the sync server's authentication):
 * - an officer device sees and opens every session;
 * - a facilitator device sees the sessions assigned to it (by id, or by neighbourhood: the session's current
 *   neighbourhood, compared by `neighbourhoodKey` of src/domain/neighbourhood.ts, NFC with case and extra spaces
 *   ignored, as the officer view groups them) plus those it has itself written to (it has updates in the
 *   archive), and opens only those, or a session it is creating (the server holds no session under that id yet).
 */
import { neighbourhoodKey } from '../domain/neighbourhood';
import type { SessionIndex, SessionSummary } from './sessionIndex';
import type { Role, Store } from './store';

export type AssignmentKind = 'session' | 'neighbourhood';

export interface Assignment {
  deviceId: string;
  kind: AssignmentKind;
  /** A session id, or a neighbourhood's name as the admin typed it. */
  value: string;
  assignedAt: string;
}

export interface Target {
  kind: AssignmentKind;
  value: string;
}

function keyOf(target: Target): string {
  return target.kind === 'neighbourhood' ? neighbourhoodKey(target.value) : target.value.toLowerCase();
}

/** Adds an assignment; false when the device already had it. */
export function assign(store: Store, deviceId: string, target: Target, now = Date.now()): boolean {
  const info = store.db
    .prepare(
      'INSERT OR IGNORE INTO assignments (device_id, kind, value, label, created_at) VALUES (?, ?, ?, ?, ?)',
    )
    .run(deviceId, target.kind, keyOf(target), target.value.trim(), now);
  return info.changes > 0;
}

/** Removes an assignment; false when the device did not have it. */
export function unassign(store: Store, deviceId: string, target: Target): boolean {
  const info = store.db
    .prepare('DELETE FROM assignments WHERE device_id = ? AND kind = ? AND value = ?')
    .run(deviceId, target.kind, keyOf(target));
  return info.changes > 0;
}

interface AssignmentRow {
  device_id: string;
  kind: AssignmentKind;
  value: string;
  label: string;
  created_at: number;
}

/** Every assignment, or one device's, oldest first. */
export function listAssignments(store: Store, deviceId?: string): Assignment[] {
  const rows = (
    deviceId === undefined
      ? store.db.prepare('SELECT * FROM assignments ORDER BY created_at, device_id, kind, value').all()
      : store.db
          .prepare('SELECT * FROM assignments WHERE device_id = ? ORDER BY created_at, kind, value')
          .all(deviceId)
  ) as AssignmentRow[];
  return rows.map((r) => ({
    deviceId: r.device_id,
    kind: r.kind,
    value: r.label,
    assignedAt: new Date(r.created_at).toISOString(),
  }));
}

/** What a facilitator device should have: session ids and neighbourhood keys, plus the sessions it wrote to. */
interface Reach {
  sessionIds: Set<string>;
  neighbourhoods: Set<string>;
}

function reachOf(store: Store, deviceId: string): Reach {
  const rows = store
    .statement('SELECT kind, value FROM assignments WHERE device_id = ?')
    .all(deviceId) as Pick<AssignmentRow, 'kind' | 'value'>[];
  const written = store
    .statement('SELECT DISTINCT session_id FROM updates WHERE device_id = ?')
    .all(deviceId) as { session_id: string }[];
  return {
    sessionIds: new Set([
      ...rows.filter((r) => r.kind === 'session').map((r) => r.value),
      ...written.map((r) => r.session_id.toLowerCase()),
    ]),
    neighbourhoods: new Set(rows.filter((r) => r.kind === 'neighbourhood').map((r) => r.value)),
  };
}

function reaches(reach: Reach, session: SessionSummary): boolean {
  return (
    reach.sessionIds.has(session.id.toLowerCase()) ||
    reach.neighbourhoods.has(neighbourhoodKey(session.neighbourhood))
  );
}

export interface Device {
  deviceId: string;
  role: Role;
}

/** The sessions a device may list and fetch (GET /api/sessions), newest change first. */
export function visibleSessions(store: Store, index: SessionIndex, device: Device): SessionSummary[] {
  const all = index.all();
  if (device.role === 'officer') return all;
  const reach = reachOf(store, device.deviceId);
  return all.filter((s) => reaches(reach, s));
}

/** Whether a device may open (read and write over /sync) the session `sessionId`. */
export function mayOpen(store: Store, index: SessionIndex, device: Device, sessionId: string): boolean {
  if (device.role === 'officer') return true;
  // Asked at every sign-in: the assignments, then one index lookup for whether the device wrote to this session
  // (store.ts migration 3), not every session it ever wrote to.
  const rows = store
    .statement('SELECT kind, value FROM assignments WHERE device_id = ?')
    .all(device.deviceId) as Pick<AssignmentRow, 'kind' | 'value'>[];
  const id = sessionId.toLowerCase();
  if (rows.some((r) => r.kind === 'session' && r.value === id)) return true;
  if (wroteTo(store, device.deviceId, sessionId)) return true;
  const session = index.get(sessionId);
  // No session under that id yet: the device is creating it.
  if (session === null) return true;
  const neighbourhood = neighbourhoodKey(session.neighbourhood);
  return rows.some((r) => r.kind === 'neighbourhood' && r.value === neighbourhood);
}

/**
 * Whether the device has rows in the session's archive, session ids matched ignoring case as `reachOf` does:
 * read from the index alone (store.ts migration 3), at most the device's own entries.
 */
function wroteTo(store: Store, deviceId: string, sessionId: string): boolean {
  const hit = store
    .statement('SELECT 1 FROM updates WHERE device_id = ? AND session_id = ? COLLATE NOCASE LIMIT 1')
    .get(deviceId, sessionId);
  return hit !== undefined;
}
