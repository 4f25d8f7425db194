/**
 * Issue 12 §8: erasing residents' about-you answers from the council server. Erased answers must be GONE: from
 * every archive row (which keep deleted content for rollback), from the snapshot, and from the bytes of the SQLite
 * file, while the rest of the session (ideas, ballots, the resident counting as taking part, rollback) is as it
 * was. Real SQLite files in temp dirs, real Yjs documents written the way devices write them.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readRecords } from '../../../src/doc/schema';
import { takingPart } from '../../../src/domain/results/participation';
import { snapshotOf, compactSession, updatesToLoad } from '../../../src/server/compaction';
import { eraseAnswers, ErasureError, scrubFile } from '../../../src/server/erasure';
import { rollbackDevice } from '../../../src/server/rollback';
import { DB_FILE, Store } from '../../../src/server/store';
import { tempDir } from './support';

const SESSION = '6d1c2a4e-0b7f-4c35-9d2e-3f8a1b5c7e90';
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0).reverse()) f();
});

function openStore(): { store: Store; dir: string } {
  const t = tempDir('codesign-erase-');
  const store = Store.open(t.dir);
  cleanup.push(t.remove, () => store.close());
  return { store, dir: t.dir };
}

/** A device: its own Y.Doc, caught up with the session, each write archived as the server would. */
class Device {
  readonly doc = new Y.Doc();
  constructor(
    readonly id: string,
    private readonly store: Store,
  ) {}

  /** `receivedAt`: when the server archives it, by the council's clock. */
  write(map: string, key: string, value: unknown, receivedAt = 1_700_000_000_000): void {
    this.catchUp();
    const before = Y.encodeStateVector(this.doc);
    this.doc.getMap(map).set(key, value);
    this.store.appendUpdate(SESSION, this.id, Y.encodeStateAsUpdate(this.doc, before), receivedAt);
  }

  catchUp(): void {
    for (const u of updatesToLoad(this.store, SESSION).updates) Y.applyUpdate(this.doc, u);
  }
}

function participant(id: string, deviceId: string, answers: Record<string, string>, at = 1_700_000_000_000) {
  return { id, deviceId, at, language: 'en', hasConsented: true, answers, finishedAt: null };
}

/** The session as loading it gives it. */
function loadedDoc(store: Store): Y.Doc {
  const doc = new Y.Doc();
  for (const u of updatesToLoad(store, SESSION).updates) Y.applyUpdate(doc, u);
  return doc;
}

const SECRET_FIRST = 'Zqx-first-answer-Alpha';
const SECRET_SECOND = 'Zqx-second-answer-Beta';
const OTHER_ANSWER = 'Kept-other-answer-Gamma';

function contains(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes).includes(Buffer.from(text, 'utf8'));
}

/** Every byte the database keeps on disk: the file, its write-ahead log and shared memory file. */
function fileBytes(dir: string): Uint8Array {
  const parts = [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]
    .map((f) => join(dir, f))
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f));
  return Buffer.concat(parts);
}

/**
 * A day's session: tablet A's resident answered, then changed the answer (both versions archived); tablet B's
 * resident answered and voted; a spam device added an idea. Compacted half-way, so the snapshot holds tablet A's
 * resident too.
 */
function daySession(store: Store) {
  const a = new Device('tablet-a', store);
  const b = new Device('tablet-b', store);
  const spam = new Device('spam', store);
  a.write('meta', 'sessionId', SESSION);
  a.write('proposals', 'p1', { id: 'p1', title: 'Youth club' });
  a.write('participants', 'r1', participant('r1', 'tablet-a', { ethnicity: SECRET_FIRST }));
  // A day's worth of ideas: tablet A's rows, once merged, are larger than a database page (overflow pages, which
  // SQLite frees without clearing unless told to).
  for (let i = 0; i < 40; i++) {
    a.write('proposals', `idea-${i}`, { id: `idea-${i}`, title: `Idea ${i}`, description: 'x'.repeat(300) });
  }
  b.write('participants', 'r2', participant('r2', 'tablet-b', { ethnicity: OTHER_ANSWER }));
  b.write('ballots', 'r2', { id: 'r2', participantId: 'r2', kind: 'dots', dots: { p1: 3 }, revision: 1 });
  compactSession(store, SESSION);
  a.write('participants', 'r1', {
    ...participant('r1', 'tablet-a', { ethnicity: SECRET_SECOND, age: SECRET_FIRST }),
    finishedAt: 1_700_000_100_000,
  });
  a.write('proposals', 'p2', { id: 'p2', title: 'Park benches' });
  spam.write('proposals', 'spam', { id: 'spam', title: 'Buy my stuff' });
}

describe('erasing a resident’s answers', () => {
  it('Given answers written twice, compacted once and in the file, When the admin erases that resident, Then no row, snapshot or file byte holds them and the rest of the session is unchanged', () => {
    const { store, dir } = openStore();
    daySession(store);
    const before = readRecords(loadedDoc(store));
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    // The check can see the answers where they are: in the rows and the file.
    expect(store.updatesFor(SESSION).some((r) => contains(r.update, SECRET_FIRST))).toBe(true);
    expect(contains(fileBytes(dir), SECRET_SECOND)).toBe(true);

    const result = eraseAnswers(store, SESSION, { participantId: 'r1' }, 1_800_000_000_000);
    const scrub = scrubFile(store);

    expect(result.participantsErased).toEqual(['r1']);
    expect(result.valuesPurged).toBeGreaterThanOrEqual(2);
    expect(scrub.complete).toBe(true);
    for (const row of store.updatesFor(SESSION)) {
      expect(contains(row.update, SECRET_FIRST), `row ${row.id}`).toBe(false);
      expect(contains(row.update, SECRET_SECOND), `row ${row.id}`).toBe(false);
    }
    const snapshot = snapshotOf(store, SESSION);
    expect(snapshot).not.toBeNull();
    expect(contains(snapshot!.state, SECRET_FIRST) || contains(snapshot!.state, SECRET_SECOND)).toBe(false);
    const onDisk = fileBytes(dir);
    expect(contains(onDisk, SECRET_FIRST)).toBe(false);
    expect(contains(onDisk, SECRET_SECOND)).toBe(false);
    expect(contains(onDisk, OTHER_ANSWER)).toBe(true);

    const after = readRecords(loadedDoc(store));
    const r1 = after.participants.find((p) => p.id === 'r1');
    expect(r1).toMatchObject({
      id: 'r1',
      answers: {},
      answersErased: 1_800_000_000_000,
      finishedAt: 1_700_000_100_000,
    });
    expect(after.participants.find((p) => p.id === 'r2')?.answers).toEqual({ ethnicity: OTHER_ANSWER });
    expect(after.proposals.map((p) => p.id).sort()).toEqual(before.proposals.map((p) => p.id).sort());
    expect(after.ballots).toEqual(before.ballots);
    // Still a resident taking part (turnout), with nothing to say about them.
    expect(
      takingPart(after)
        .residents.map((p) => p.id)
        .sort(),
    ).toEqual(['r1', 'r2']);
  });

  it('Given an erased session, When the admin rolls back the spam device, Then its idea goes and the resident stays erased', () => {
    const { store } = openStore();
    daySession(store);
    eraseAnswers(store, SESSION, { participantId: 'r1' }, 1_800_000_000_000);

    const rollback = rollbackDevice(store, SESSION, 'spam');

    expect(rollback.keysRemoved).toBe(1);
    const records = readRecords(loadedDoc(store));
    expect(records.proposals.map((p) => p.id)).not.toContain('spam');
    expect(records.proposals).toHaveLength(42);
    expect(records.participants.find((p) => p.id === 'r1')).toMatchObject({ answers: {} });
    expect(store.updatesFor(SESSION).some((r) => contains(r.update, SECRET_SECOND))).toBe(false);
  });

  it('Given a session, When every participant is erased, Then both residents lose their answers and a second erasure finds nothing to do', () => {
    const { store } = openStore();
    daySession(store);

    const first = eraseAnswers(store, SESSION, {}, 1_800_000_000_000);
    const second = eraseAnswers(store, SESSION, {}, 1_800_000_000_001);

    expect(first.participantsErased.sort()).toEqual(['r1', 'r2']);
    expect(second).toMatchObject({ participantsErased: [], updateId: null, rowsRewritten: 0 });
    for (const row of store.updatesFor(SESSION)) expect(contains(row.update, OTHER_ANSWER)).toBe(false);
  });

  it('Given answers older and newer than a cut-off, When erased by age, Then only the older go', () => {
    const { store } = openStore();
    const a = new Device('tablet-a', store);
    // Each synced a little after it was given (the council's clock and the tablet's agree).
    a.write('participants', 'old', participant('old', 'tablet-a', { age: SECRET_FIRST }, 1_000), 1_500);
    a.write('participants', 'new', participant('new', 'tablet-a', { age: OTHER_ANSWER }, 5_000), 5_500);

    const result = eraseAnswers(store, SESSION, { answeredBefore: 2_000 }, 10_000);

    expect(result.participantsErased).toEqual(['old']);
    const records = readRecords(loadedDoc(store));
    expect(records.participants.find((p) => p.id === 'new')?.answers).toEqual({ age: OTHER_ANSWER });
  });

  it('Given no such session or participant, When erased, Then it says which', () => {
    const { store } = openStore();
    expect(() => eraseAnswers(store, SESSION)).toThrow(ErasureError);
    daySession(store);
    expect(() => eraseAnswers(store, SESSION, { participantId: 'nobody' })).toThrow(/no participant nobody/);
  });
});

describe('scrubbing the database file', () => {
  it('Given a row deleted from the archive, When checkpointed only, Then its bytes are still in the file; When scrubbed, Then they are not', () => {
    const { store, dir } = openStore();
    const secret = `${SECRET_FIRST}-${'y'.repeat(6000)}`; // larger than a page: overflow pages
    const id = store.appendUpdate(SESSION, 'tablet-a', Buffer.from(secret, 'utf8'));
    store.appendUpdate(SESSION, 'tablet-b', Buffer.from('other', 'utf8'));
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.db.prepare('DELETE FROM updates WHERE id = ?').run(id);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(contains(fileBytes(dir), SECRET_FIRST)).toBe(true);

    expect(scrubFile(store).complete).toBe(true);

    expect(contains(fileBytes(dir), SECRET_FIRST)).toBe(false);
    expect(store.updatesFor(SESSION)).toHaveLength(1);
  });
});
