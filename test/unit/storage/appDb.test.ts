import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { AppDb, deviceIdentity, renameDevice } from '../../../src/storage/appDb';
import { readCachedDevice, writeCachedDevice } from '../../../src/storage/deviceCache';
import { deleteOwnerDrafts, draftKey, loadDraft, saveDraft } from '../../../src/storage/drafts';

const freshDb = (): AppDb => new AppDb('codesign-app', { indexedDB: new IDBFactory() });

describe('device identity', () => {
  it('Given a new device, When asked twice (even at once), Then one identity is made and kept', async () => {
    const db = freshDb();
    const [a, b] = await Promise.all([deviceIdentity(db), deviceIdentity(db)]);
    expect(a.id).toBe(b.id);
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    await renameDevice(db, 'Tablet 3');
    const again = await deviceIdentity(db);
    expect(again).toMatchObject({ id: a.id, name: 'Tablet 3' });
  });
});

describe('drafts', () => {
  it('Given drafts of two residents, When the first one’s turn ends, Then only their drafts are gone', async () => {
    const db = freshDb();
    const first = draftKey('s1', 'resident-1', 'addIdea');
    const firstComment = draftKey('s1', 'resident-1', 'comment:p1');
    const second = draftKey('s1', 'resident-2', 'addIdea');
    await saveDraft(db, first, 's1', { title: 'Youth club' });
    await saveDraft(db, firstComment, 's1', { text: 'Yes please' });
    await saveDraft(db, second, 's1', { title: 'Benches' });

    await deleteOwnerDrafts(db, 's1', 'resident-1');

    expect(await loadDraft(db, first)).toBeNull();
    expect(await loadDraft(db, firstComment)).toBeNull();
    expect(await loadDraft(db, second)).toEqual({ title: 'Benches' });
  });

  it('Given a draft, When the database is closed and reopened, Then the draft is still there', async () => {
    const factory = new IDBFactory();
    const db = new AppDb('codesign-app', { indexedDB: factory });
    await saveDraft(db, draftKey('s1', 'facilitator', 'sessionForm'), 's1', { title: 'Northmoor' });
    db.close();
    const reopened = new AppDb('codesign-app', { indexedDB: factory });
    expect(await loadDraft(reopened, draftKey('s1', 'facilitator', 'sessionForm'))).toEqual({
      title: 'Northmoor',
    });
  });
});

describe('device identity at start-up', () => {
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

  it('Given a remembered identity and an IndexedDB that lost it, When the app starts, Then the same identity is stored again', async () => {
    const storage = memoryStorage();
    const first = await deviceIdentity(freshDb());
    writeCachedDevice(first, storage);

    const remembered = readCachedDevice(storage)!;
    const emptied = freshDb();
    expect(await deviceIdentity(emptied, remembered)).toEqual(first);
    expect(await emptied.device.get('self')).toEqual(first);
  });

  it('Given IndexedDB already has an identity, When a different one is remembered, Then IndexedDB wins', async () => {
    const db = freshDb();
    const stored = await deviceIdentity(db);
    const other = { ...stored, id: 'someone-else' };
    expect(await deviceIdentity(db, other)).toEqual(stored);
  });

  it('Given nothing or garbage in localStorage, Then there is no remembered identity', () => {
    const storage = memoryStorage();
    expect(readCachedDevice(storage)).toBeNull();
    storage.setItem('codesign.device', '{not json');
    expect(readCachedDevice(storage)).toBeNull();
    storage.setItem('codesign.device', JSON.stringify({ id: 5 }));
    expect(readCachedDevice(storage)).toBeNull();
  });
});

describe('enrolment (AppDb version 2)', () => {
  it('Given a device database made by version 1, When the app opens it, Then what it held stays and the enrolment can be kept', async () => {
    const factory = new IDBFactory();
    const { Dexie } = await import('dexie');
    const v1 = new Dexie('codesign-app', { indexedDB: factory });
    v1.version(1).stores({
      sessions: 'id, neighbourhood, updatedAt',
      device: 'key',
      settings: 'key',
      drafts: 'key, sessionId',
      pinAttempts: 'sessionId',
    });
    await v1.table('device').put({ key: 'self', id: 'd1', name: 'Tablet 3', createdAt: 1 });
    v1.close();

    const db = new AppDb('codesign-app', { indexedDB: factory });
    expect(await db.device.get('self')).toMatchObject({ name: 'Tablet 3' });
    await db.enrolment.put({
      key: 'self',
      token: 't',
      role: 'facilitator',
      deviceId: 'server-id',
      enrolledAt: 2,
      serverName: 'https://council.example',
    });
    await db.syncMarks.put({ sessionId: 's1', stateVector: new Uint8Array([0]), syncedAt: 3 });
    db.close();
    const reopened = new AppDb('codesign-app', { indexedDB: factory });
    expect(await reopened.enrolment.get('self')).toMatchObject({ role: 'facilitator', enrolledAt: 2 });
    expect((await reopened.syncMarks.get('s1'))?.syncedAt).toBe(3);
  });
});
