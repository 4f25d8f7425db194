/**
 * A copy of the device identity in localStorage, read synchronously at start so the first screen does not wait
 * for IndexedDB to open. Dexie stays the source of truth: start-up checks it in the background and, if the
 * two differ (storage partly cleared), Dexie's identity wins and the copy is rewritten.
 */
import type { DeviceIdentity } from './appDb';

const KEY = 'codesign.device';

export function readCachedDevice(
  storage: Storage | undefined = globalThis.localStorage,
): DeviceIdentity | null {
  try {
    const value = JSON.parse(storage?.getItem(KEY) ?? 'null') as Partial<DeviceIdentity> | null;
    if (
      value &&
      typeof value.id === 'string' &&
      typeof value.name === 'string' &&
      typeof value.createdAt === 'number'
    ) {
      return { key: 'self', id: value.id, name: value.name, createdAt: value.createdAt };
    }
  } catch {
    // Unreadable or blocked: fall back to IndexedDB.
  }
  return null;
}

export function writeCachedDevice(
  device: DeviceIdentity,
  storage: Storage | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(KEY, JSON.stringify(device));
  } catch {
    // A full or blocked localStorage only costs start-up speed.
  }
}
