import { Dexie } from 'dexie';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { AppDb } from '../../../src/storage/appDb';
import {
  removeSoundPack,
  saveSoundPack,
  soundClip,
  soundClips,
  soundPacks,
} from '../../../src/storage/soundPacks';

const clip = (prompt: string, text: string, byte: number) => ({
  prompt,
  text,
  mimeType: 'audio/wav',
  durationMs: 1500,
  bytes: new Uint8Array([byte, byte, byte]),
});

describe('sound packs on a tablet', () => {
  it('Given a Welsh pack, When stored, Then its clips are found by language and screen, and the pack is listed', async () => {
    const db = new AppDb('codesign-app', { indexedDB: new IDBFactory() });
    await saveSoundPack(
      db,
      {
        language: 'cy',
        recordedAt: '2026-05-10T14:00:00.000Z',
        clips: [clip('hub', 'Beth?', 1), clip('consent', 'Cyn', 2)],
      },
      'sound-pack-cy.json',
      1000,
    );
    expect(await soundClip(db, 'cy', 'hub')).toMatchObject({ language: 'cy', prompt: 'hub', text: 'Beth?' });
    expect((await soundClip(db, 'cy', 'hub'))?.bytes).toEqual(new Uint8Array([1, 1, 1]));
    expect(await soundClip(db, 'ur', 'hub')).toBeUndefined();
    expect(await soundPacks(db)).toEqual([
      {
        language: 'cy',
        recordedAt: '2026-05-10T14:00:00.000Z',
        addedAt: 1000,
        fileName: 'sound-pack-cy.json',
        clipCount: 2,
      },
    ]);
  });

  it('Given a tablet with a Welsh pack, When a newer Welsh pack is added, Then it replaces the old one whole and other languages stay', async () => {
    const db = new AppDb('codesign-app', { indexedDB: new IDBFactory() });
    await saveSoundPack(
      db,
      { language: 'cy', recordedAt: '', clips: [clip('hub', 'Old', 1), clip('consent', 'Old', 1)] },
      'a.json',
      1,
    );
    await saveSoundPack(db, { language: 'ur', recordedAt: '', clips: [clip('hub', 'اردو', 3)] }, 'u.json', 2);
    await saveSoundPack(db, { language: 'cy', recordedAt: '', clips: [clip('hub', 'New', 2)] }, 'b.json', 3);
    expect((await soundClips(db, 'cy')).map((c) => [c.prompt, c.text])).toEqual([['hub', 'New']]);
    expect(await soundClip(db, 'cy', 'consent')).toBeUndefined();
    expect((await soundClips(db, 'ur')).length).toBe(1);
    expect((await soundPacks(db)).map((p) => [p.language, p.fileName])).toEqual([
      ['cy', 'b.json'],
      ['ur', 'u.json'],
    ]);
  });

  it('Given a pack, When removed, Then its clips and its entry are gone', async () => {
    const db = new AppDb('codesign-app', { indexedDB: new IDBFactory() });
    await saveSoundPack(db, { language: 'pl', recordedAt: '', clips: [clip('hub', 'Co?', 1)] }, 'p.json', 1);
    await removeSoundPack(db, 'pl');
    expect(await soundPacks(db)).toEqual([]);
    expect(await soundClips(db, 'pl')).toEqual([]);
  });

  it('Given a tablet whose database is at version 3, When the app opens it, Then what it held is kept and packs can be added', async () => {
    const factory = new IDBFactory();
    const old = new Dexie('codesign-app', { indexedDB: factory });
    old.version(1).stores({
      sessions: 'id, neighbourhood, updatedAt',
      device: 'key',
      settings: 'key',
      drafts: 'key, sessionId',
      pinAttempts: 'sessionId',
    });
    old.version(2).stores({ enrolment: 'key', syncMarks: 'sessionId' });
    old.version(3).stores({ liveTurns: 'sessionId' });
    await old.table('settings').put({ key: 'kioskIdleMs', value: 90_000 });
    await old.table('liveTurns').put({
      sessionId: 's1',
      participantId: 'p1',
      step: 'hub',
      language: 'cy',
      ideaId: null,
      lastActiveAt: 5,
    });
    old.close();

    const db = new AppDb('codesign-app', { indexedDB: factory });
    expect(await db.settings.get('kioskIdleMs')).toEqual({ key: 'kioskIdleMs', value: 90_000 });
    expect(await db.liveTurns.get('s1')).toMatchObject({ participantId: 'p1' });
    await saveSoundPack(
      db,
      { language: 'cy', recordedAt: '', clips: [clip('hub', 'Beth?', 1)] },
      'c.json',
      1,
    );
    expect(await soundClip(db, 'cy', 'hub')).toBeDefined();
    expect(db.verno).toBe(5);
  });
});
