/**
 * Kiosk mode as a device state. While a tablet is a kiosk for a session, only that session's kiosk and its PIN
 * screen can be reached; the lock is kept in the device database (the `kioskLock` setting), so a reload, a new
 * window or a closed browser still opens the kiosk, and only the session's PIN lifts it.
 *
 * A copy lives in localStorage so the first screen can be chosen before IndexedDB answers (no flash of the home
 * screen). Dexie stays the truth: start-up reads it and rewrites the copy if the two differ. No copy at all (first
 * start, storage cleared) means "not known yet": the app then waits for Dexie before showing anything.
 */
import type { AppDb } from './appDb';

export interface KioskLock {
  /** The session whose kiosk this tablet is. */
  sessionId: string;
  /** When the facilitator started kiosk mode (ms since the epoch). */
  since: number;
}

export const KIOSK_LOCK_SETTING = 'kioskLock';
const HINT_KEY = 'codesign.kioskLock';
/** The copy's value when the device is known not to be locked. */
const NOT_LOCKED = 'none';

/** The setting's stored value (JSON text), or null for anything that is not a well-formed lock. */
export function parseKioskLock(value: unknown): KioskLock | null {
  if (typeof value !== 'string') return null;
  try {
    const parsed = JSON.parse(value) as Partial<KioskLock> | null;
    if (
      parsed &&
      typeof parsed.sessionId === 'string' &&
      /^[A-Za-z0-9-]{1,64}$/.test(parsed.sessionId) &&
      typeof parsed.since === 'number' &&
      Number.isFinite(parsed.since)
    ) {
      return { sessionId: parsed.sessionId, since: parsed.since };
    }
  } catch {
    // Not JSON: not a lock.
  }
  return null;
}

export async function readKioskLock(db: AppDb): Promise<KioskLock | null> {
  return parseKioskLock((await db.settings.get(KIOSK_LOCK_SETTING))?.value);
}

/** Locks this device to the session's kiosk; resolves once IndexedDB committed it (and the copy is written). */
export async function writeKioskLock(
  db: AppDb,
  sessionId: string,
  now = Date.now(),
  storage: Storage | undefined = globalThis.localStorage,
): Promise<KioskLock> {
  const lock: KioskLock = { sessionId, since: now };
  // The copy first: if IndexedDB then refuses, the kiosk is still kept on this tab and after a reload.
  writeKioskLockHint(lock, storage);
  await db.settings.put({ key: KIOSK_LOCK_SETTING, value: JSON.stringify(lock) });
  return lock;
}

/** Lifts kiosk mode (after the right PIN); resolves once IndexedDB committed it. */
export async function clearKioskLock(
  db: AppDb,
  storage: Storage | undefined = globalThis.localStorage,
): Promise<void> {
  await db.settings.delete(KIOSK_LOCK_SETTING);
  writeKioskLockHint(null, storage);
}

/** The synchronous copy: a lock, null (known not locked) or undefined (not known: wait for IndexedDB). */
export function readKioskLockHint(
  storage: Storage | undefined = globalThis.localStorage,
): KioskLock | null | undefined {
  try {
    const value = storage?.getItem(HINT_KEY);
    if (value === null || value === undefined) return undefined;
    if (value === NOT_LOCKED) return null;
    // A copy that cannot be read is treated as locked to nothing known: ask IndexedDB.
    return parseKioskLock(value) ?? undefined;
  } catch {
    return undefined;
  }
}

export function writeKioskLockHint(
  lock: KioskLock | null,
  storage: Storage | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(HINT_KEY, lock ? JSON.stringify(lock) : NOT_LOCKED);
  } catch {
    // A full or blocked localStorage only costs start-up speed: IndexedDB is still checked.
  }
}
