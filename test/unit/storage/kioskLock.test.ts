import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { AppDb } from '../../../src/storage/appDb';
import {
  clearKioskLock,
  KIOSK_LOCK_SETTING,
  parseKioskLock,
  readKioskLock,
  readKioskLockHint,
  writeKioskLock,
  writeKioskLockHint,
} from '../../../src/storage/kioskLock';

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  };
}

describe('kiosk mode kept on the device', () => {
  it('Given kiosk mode started, When the database is closed and opened again (a reload), Then the tablet is still a kiosk for that session', async () => {
    const factory = new IDBFactory();
    const storage = memoryStorage();
    const db = new AppDb('codesign-app', { indexedDB: factory });
    const lock = await writeKioskLock(db, 'session-1', 1000, storage);
    db.close();

    const reopened = new AppDb('codesign-app', { indexedDB: factory });
    expect(await readKioskLock(reopened)).toEqual({ sessionId: 'session-1', since: 1000 });
    expect(lock).toEqual({ sessionId: 'session-1', since: 1000 });
    expect(readKioskLockHint(storage)).toEqual({ sessionId: 'session-1', since: 1000 });
  });

  it('Given kiosk mode, When it is ended, Then the database and the copy both say not a kiosk', async () => {
    const storage = memoryStorage();
    const db = new AppDb('codesign-app', { indexedDB: new IDBFactory() });
    await writeKioskLock(db, 'session-1', 1000, storage);
    await clearKioskLock(db, storage);
    expect(await readKioskLock(db)).toBeNull();
    expect(readKioskLockHint(storage)).toBeNull();
  });

  it('Given no copy in localStorage (first start, cleared), Then kiosk mode is not known and IndexedDB must be asked', () => {
    const storage = memoryStorage();
    expect(readKioskLockHint(storage)).toBeUndefined();
    storage.setItem('codesign.kioskLock', '{broken');
    expect(readKioskLockHint(storage)).toBeUndefined();
    writeKioskLockHint(null, storage);
    expect(readKioskLockHint(storage)).toBeNull();
  });

  it('Given a stored value that is not a well-formed lock, Then it is not read as one', async () => {
    expect(parseKioskLock(undefined)).toBeNull();
    expect(parseKioskLock(42)).toBeNull();
    expect(parseKioskLock('null')).toBeNull();
    expect(parseKioskLock(JSON.stringify({ sessionId: '../x', since: 1 }))).toBeNull();
    expect(parseKioskLock(JSON.stringify({ sessionId: 'ok', since: 'soon' }))).toBeNull();
    const db = new AppDb('codesign-app', { indexedDB: new IDBFactory() });
    await db.settings.put({ key: KIOSK_LOCK_SETTING, value: true });
    expect(await readKioskLock(db)).toBeNull();
  });
});
