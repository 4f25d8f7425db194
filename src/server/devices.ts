/**
 * Device enrolment: an admin makes a one-time code (short, typable, expiring); a device exchanges it once for a
 * long random token. Only SHA-256 hashes of codes and tokens are stored.
 */
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { ROLES, toDevice, type DeviceRow, type Role, type Store } from './store';

/** No 0/O, 1/I/L, U: easy to read aloud and type. 30 symbols, 10 of them: about 49 bits. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 10;

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Codes are typed by people: ignore case, spaces and dashes. */
export function normaliseCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, '');
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export interface EnrolCode {
  code: string;
  role: Role;
  name: string;
  expiresAt: string;
}

export function createEnrolCode(
  store: Store,
  role: Role,
  name: string,
  expiresMinutes = 60,
  now = Date.now(),
): EnrolCode {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  const expiresAt = now + expiresMinutes * 60_000;
  store.db
    .prepare('INSERT INTO enrol_codes (code_hash, role, name, expires_at) VALUES (?, ?, ?, ?)')
    .run(sha256(code), role, name, expiresAt);
  return { code, role, name, expiresAt: new Date(expiresAt).toISOString() };
}

export interface Enrolled {
  token: string;
  role: Role;
  deviceId: string;
}

export class EnrolError extends Error {
  override readonly name = 'EnrolError';
}

/** Exchanges a code for a device token, once. Throws EnrolError with a sentence for the device. */
export function redeemCode(store: Store, rawCode: string, deviceName: string, now = Date.now()): Enrolled {
  const hash = sha256(normaliseCode(rawCode));
  const redeem = store.db.transaction((): Enrolled => {
    const row = store.db
      .prepare('SELECT role, name, expires_at, used_at FROM enrol_codes WHERE code_hash = ?')
      .get(hash) as { role: Role; name: string; expires_at: number; used_at: number | null } | undefined;
    if (!row) throw new EnrolError('This enrolment code is not known. Check it and try again.');
    if (row.used_at !== null) throw new EnrolError('This enrolment code has already been used.');
    if (row.expires_at <= now) throw new EnrolError('This enrolment code has expired. Ask for a new one.');
    store.db.prepare('UPDATE enrol_codes SET used_at = ? WHERE code_hash = ?').run(now, hash);
    const token = randomBytes(32).toString('base64url');
    const deviceId = randomUUID();
    const name = deviceName.trim() || row.name;
    store.db
      .prepare(
        'INSERT INTO devices (id, name, code_name, role, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(deviceId, name, row.name, row.role, sha256(token), now);
    return { token, role: row.role, deviceId };
  });
  return redeem();
}

export interface AuthenticatedDevice {
  deviceId: string;
  role: Role;
}

/** The device a token belongs to, or null when the token is unknown or the device revoked. */
export function deviceForToken(store: Store, token: string): AuthenticatedDevice | null {
  if (token.length === 0 || token.length > 200) return null;
  const row = store
    .statement('SELECT id, role, revoked_at FROM devices WHERE token_hash = ?')
    .get(sha256(token)) as { id: string; role: Role; revoked_at: number | null } | undefined;
  if (!row || row.revoked_at !== null) return null;
  return { deviceId: row.id, role: row.role };
}

/** True when the device was revoked (or is not known). Cheap: one primary-key lookup. */
export function isRevoked(store: Store, deviceId: string): boolean {
  const row = store.statement('SELECT revoked_at FROM devices WHERE id = ?').get(deviceId) as
    { revoked_at: number | null } | undefined;
  return !row || row.revoked_at !== null;
}

/** The devices among `deviceIds` that were revoked (or are not known). */
export function revokedAmong(store: Store, deviceIds: Iterable<string>): Set<string> {
  const ids = [...new Set(deviceIds)];
  if (ids.length === 0) return new Set();
  const live = store
    .statement('SELECT id FROM devices WHERE revoked_at IS NULL AND id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids)) as { id: string }[];
  const ok = new Set(live.map((r) => r.id));
  return new Set(ids.filter((id) => !ok.has(id)));
}

export function listDevices(store: Store): DeviceRow[] {
  const rows = store.db
    .prepare('SELECT id, name, code_name, role, created_at, revoked_at FROM devices ORDER BY created_at, id')
    .all() as Parameters<typeof toDevice>[0][];
  return rows.map(toDevice);
}

/**
 * Returns false when there is no such device. Revoking twice keeps the first time. A running server closes the
 * device's open connections within Limits.revocationPollMs, and refuses its next message at once.
 */
export function revokeDevice(store: Store, deviceId: string, now = Date.now()): boolean {
  const exists = store.db.prepare('SELECT 1 FROM devices WHERE id = ?').get(deviceId);
  if (!exists) return false;
  store.db.prepare('UPDATE devices SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?').run(now, deviceId);
  return true;
}
