/**
 * The app's own database (drafts, live turns, PIN tries, the sessions list) when the browser's close for a full
 * disk comes late (test/unit/helpers/chromiumDiskFull.ts, `closesLater`): measured on Chromium 150, a transaction
 * made on the connection after the refused write and before its close event never says how it ended, nor do its
 * requests. Before, a Dexie operation made then waited for good: the PIN screen, a draft, the end of a resident's
 * turn or the sessions list stuck, and every operation queued behind it too.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pinDelayMs } from '../../../src/domain/pin';
import { AppDb, type LiveTurnMarker } from '../../../src/storage/appDb';
import { deleteOwnerDrafts, draftKey, loadDraft, saveDraft } from '../../../src/storage/drafts';
import { deleteLiveTurn, readLiveTurn, writeLiveTurn } from '../../../src/storage/liveTurns';
import { claimTry, readTries, remainingWaitMs, settleWrongTry } from '../../../src/storage/pinTries';
import { isQuotaError } from '../../../src/storage/quota';
import { chromiumDiskFull, type ChromiumDisk } from '../helpers/chromiumDiskFull';

/** Long enough for fake-indexeddb on a busy machine; an operation that never settles fails the test here. */
const SETTLES_WITHIN_MS = 10_000;
const T0 = Date.UTC(2026, 11, 7, 10);

let n = 0;
const freshDb = (): AppDb => new AppDb(`codesign-app-closes-later-${Date.now()}-${n++}`);

/** What an operation came to: its value, or its error. */
const outcome = <T>(p: Promise<T>): Promise<{ value: T } | { error: unknown }> =>
  p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

/** Resolved, or refused as a full disk: the two ways an operation may end while the disk is full. */
function expectSettledAsFullDisk(result: { value: unknown } | { error: unknown }): void {
  if ('error' in result) {
    expect(result.error).toBeInstanceOf(Error);
    expect(isQuotaError(result.error)).toBe(true);
  }
}

/** The disk fills and a draft is refused: the browser's close of the connection is still to come. */
async function refusedDraft(disk: ChromiumDisk, db: AppDb): Promise<void> {
  disk.isFull = true;
  const refused: unknown = await saveDraft(db, draftKey('s1', 'resident-9', 'addIdea'), 's1', {
    title: 'Never stored',
  }).catch((e: unknown) => e);
  expect(isQuotaError(refused)).toBe(true);
}

let disk: ChromiumDisk | null = null;
beforeEach(() => {
  // Only the clock is the test's: fake-indexeddb's own timers run as usual.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => {
  disk?.restore();
  disk = null;
  vi.useRealTimers();
});

describe('the app’s database when the browser’s close for a full disk comes late', () => {
  it(
    'Given a stored draft, When a draft is refused for space and at once another is saved and the first read on the closing connection, Then each ends (refused as a full disk, or done), and once space is back a draft is saved and read',
    async () => {
      disk = chromiumDiskFull();
      disk.closesLater = true;
      const db = freshDb();
      const first = draftKey('s1', 'resident-1', 'addIdea');
      const second = draftKey('s1', 'resident-2', 'addIdea');
      await saveDraft(db, first, 's1', { title: 'Youth club' });

      await refusedDraft(disk, db);
      const [saved, read] = await Promise.all([
        outcome(saveDraft(db, second, 's1', { title: 'Benches' })),
        outcome(loadDraft(db, first)),
      ]);
      expect('error' in saved).toBe(true);
      expectSettledAsFullDisk(saved);
      expectSettledAsFullDisk(read);

      disk.isFull = false;
      await saveDraft(db, second, 's1', { title: 'Benches' });
      expect(await loadDraft(db, second)).toEqual({ title: 'Benches' });
      expect(await loadDraft(db, first)).toEqual({ title: 'Youth club' });
      db.close();
    },
    SETTLES_WITHIN_MS,
  );

  it(
    'Given a resident’s turn marked live and their draft, When a draft is refused for space and at once the turn ends (its marker and the resident’s drafts deleted) and the marker is read, Then each ends, and once space is back the turn’s end deletes the marker and the drafts',
    async () => {
      disk = chromiumDiskFull();
      disk.closesLater = true;
      const db = freshDb();
      const marker: LiveTurnMarker = {
        sessionId: 's1',
        participantId: 'resident-1',
        step: 'ideas',
        language: 'en',
        ideaId: null,
        lastActiveAt: T0,
      };
      await writeLiveTurn(db, marker);
      const draft = draftKey('s1', 'resident-1', 'addIdea');
      await saveDraft(db, draft, 's1', { title: 'Youth club' });

      await refusedDraft(disk, db);
      const outcomes = await Promise.all([
        outcome(deleteLiveTurn(db, 's1', 'resident-1')),
        outcome(deleteOwnerDrafts(db, 's1', 'resident-1')),
        outcome(readLiveTurn(db, 's1')),
      ]);
      outcomes.forEach(expectSettledAsFullDisk);

      disk.isFull = false;
      await deleteLiveTurn(db, 's1', 'resident-1');
      await deleteOwnerDrafts(db, 's1', 'resident-1');
      expect(await readLiveTurn(db, 's1')).toBeUndefined();
      expect(await loadDraft(db, draft)).toBeNull();
      db.close();
    },
    SETTLES_WITHIN_MS,
  );

  it(
    'Given three wrong PIN tries stored and their wait still owed, When a draft is refused for space and at once a PIN is tried and the count read, Then both end, the PIN is not let through and the wait is still shown; once space is back and the wait is over, the try is counted as the fourth',
    async () => {
      disk = chromiumDiskFull();
      disk.closesLater = true;
      const db = freshDb();
      // Its own session: the PIN module keeps counts in memory for the app's life (the unit files share it).
      const sessionId = `pin-closes-later-${n++}`;
      for (let i = 0; i < 3; i++) {
        const claim = await claimTry(db, sessionId, pinDelayMs);
        if (!claim.isAllowed) throw new Error('expected the try to be allowed');
        await settleWrongTry(db, claim.attempts);
      }

      await refusedDraft(disk, db);
      const [claim, read] = await Promise.all([
        claimTry(db, sessionId, pinDelayMs),
        readTries(db, sessionId),
      ]);
      expect(claim).toMatchObject({ isAllowed: false, attempts: { failures: 3 } });
      expect(read).toMatchObject({ failures: 3 });
      expect(remainingWaitMs(read, Date.now(), pinDelayMs)).toBe(1_000);

      disk.isFull = false;
      vi.setSystemTime(T0 + 1_000);
      expect(await claimTry(db, sessionId, pinDelayMs)).toMatchObject({
        isAllowed: true,
        attempts: { failures: 4 },
      });
      expect(await db.pinAttempts.get(sessionId)).toMatchObject({ failures: 4 });
      db.close();
    },
    SETTLES_WITHIN_MS,
  );

  it(
    'Given three wrong PIN tries whose wait is over, When the fourth wrong try is refused for space and at once another PIN is tried on the closing connection, Then every step ends and the next PIN waits for the fourth try’s wait',
    async () => {
      disk = chromiumDiskFull();
      disk.closesLater = true;
      const db = freshDb();
      // Its own session: the PIN module keeps counts in memory for the app's life (the unit files share it).
      const sessionId = `pin-closes-later-${n++}`;
      for (let i = 0; i < 3; i++) {
        const claim = await claimTry(db, sessionId, pinDelayMs);
        if (!claim.isAllowed) throw new Error('expected the try to be allowed');
        await settleWrongTry(db, claim.attempts);
      }
      vi.setSystemTime(T0 + 1_000);

      disk.isFull = true;
      const fourth = await claimTry(db, sessionId, pinDelayMs);
      expect(fourth).toMatchObject({ isAllowed: true, attempts: { failures: 4 } });
      if (!fourth.isAllowed) return;
      const wrong = await settleWrongTry(db, fourth.attempts);
      expect(wrong).toMatchObject({ failures: 4, lastFailureAt: T0 + 1_000 });
      expect(await claimTry(db, sessionId, pinDelayMs)).toMatchObject({
        isAllowed: false,
        attempts: { failures: 4 },
      });
      expect(disk.refused).toBeGreaterThan(0);
      db.close();
    },
    SETTLES_WITHIN_MS,
  );

  it(
    'Given a session listed, When a draft is refused for space and at once the sessions list is read as the first screen reads it, Then the read ends, and once space is back it lists the session',
    async () => {
      disk = chromiumDiskFull();
      disk.closesLater = true;
      const db = freshDb();
      await db.sessions.put({
        id: 's1',
        title: 'Parks',
        neighbourhood: 'North',
        date: '2026-12-07',
        venue: 'Library',
        proposalCount: 0,
        isEnded: false,
        isDemo: false,
        updatedAt: T0,
      });

      await refusedDraft(disk, db);
      expectSettledAsFullDisk(await outcome(db.sessions.orderBy('updatedAt').reverse().toArray()));

      disk.isFull = false;
      expect((await db.sessions.orderBy('updatedAt').reverse().toArray()).map((s) => s.id)).toEqual(['s1']);
      db.close();
    },
    SETTLES_WITHIN_MS,
  );
});
