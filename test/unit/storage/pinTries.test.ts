import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pinDelayMs } from '../../../src/domain/pin';
import { AppDb } from '../../../src/storage/appDb';
import {
  claimTry,
  clearTries,
  readTries,
  remainingWaitMs,
  settleWrongTry,
} from '../../../src/storage/pinTries';
import { chromiumDiskFull } from '../helpers/chromiumDiskFull';

const T0 = Date.UTC(2026, 11, 7, 10);

/** A wrong try from start to end: counted, checked (wrong), its wait starting now. */
async function wrongTry(db: AppDb, sessionId: string) {
  const claim = await claimTry(db, sessionId, pinDelayMs);
  if (!claim.isAllowed) throw new Error('expected the try to be allowed');
  return settleWrongTry(db, claim.attempts);
}

beforeEach(() => {
  // Only the clock is the test's: fake-indexeddb's own timers run as usual.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('wrong PIN tries', () => {
  it('Given three wrong tries whose wait is over, When two tries come at once (two tabs), Then the first is counted before its check and the second must wait', async () => {
    const db = new AppDb('codesign-app', { indexedDB: new IDBFactory() });
    for (let i = 0; i < 3; i++) await wrongTry(db, 's1');
    vi.setSystemTime(T0 + 1_000);

    const [first, second] = await Promise.all([
      claimTry(db, 's1', pinDelayMs),
      claimTry(db, 's1', pinDelayMs),
    ]);

    expect(first).toEqual({
      isAllowed: true,
      attempts: { sessionId: 's1', failures: 4, lastFailureAt: T0 + 1_000 },
    });
    expect(second).toMatchObject({ isAllowed: false, attempts: { failures: 4 } });
    expect(await db.pinAttempts.get('s1')).toMatchObject({ failures: 4 });
  });

  it('Given a device that refuses to store tries, When three wrong tries are made and the database is opened again, Then the count and its wait are still there; the right PIN clears them', async () => {
    const factory = new IDBFactory();
    const db = new AppDb('codesign-app', { indexedDB: factory });
    const refused = vi
      .spyOn(db.pinAttempts, 'put')
      .mockRejectedValue(new DOMException('The disk is full', 'QuotaExceededError'));
    for (let i = 0; i < 3; i++) await wrongTry(db, 's2');
    expect(refused).toHaveBeenCalled();
    expect(await db.pinAttempts.get('s2')).toBeUndefined();

    const reopened = new AppDb('codesign-app', { indexedDB: factory });
    expect(await readTries(reopened, 's2')).toEqual({ sessionId: 's2', failures: 3, lastFailureAt: T0 });
    expect(await claimTry(reopened, 's2', pinDelayMs)).toMatchObject({ isAllowed: false });

    vi.setSystemTime(T0 + 1_000);
    expect(await claimTry(reopened, 's2', pinDelayMs)).toMatchObject({
      isAllowed: true,
      attempts: { failures: 4 },
    });
    await clearTries(reopened, 's2');
    expect(await readTries(reopened, 's2')).toEqual({ sessionId: 's2', failures: 0, lastFailureAt: 0 });
  });
});

describe('wrong PIN tries on a tablet whose clock jumps', () => {
  it('Given three wrong tries made while the clock was a day ahead, When the clock is put right, Then the wait is at most the delay from then, not a day', async () => {
    const db = new AppDb('codesign-app', { indexedDB: new IDBFactory() });
    vi.setSystemTime(T0 + 86_400_000);
    for (let i = 0; i < 3; i++) await wrongTry(db, 's3');

    vi.setSystemTime(T0);
    const read = await readTries(db, 's3');
    expect(remainingWaitMs(read, Date.now(), pinDelayMs)).toBe(1_000);
    expect(await claimTry(db, 's3', pinDelayMs)).toMatchObject({ isAllowed: false });

    vi.setSystemTime(T0 + 1_000);
    expect(remainingWaitMs(await readTries(db, 's3'), Date.now(), pinDelayMs)).toBe(0);
    expect(await claimTry(db, 's3', pinDelayMs)).toMatchObject({
      isAllowed: true,
      attempts: { failures: 4 },
    });
  });

  it('Given wrong tries stored in 2026, When the tablet restarts with its clock at 1970, Then the right PIN can be tried after the delay', async () => {
    const db = new AppDb('codesign-app', { indexedDB: new IDBFactory() });
    for (let i = 0; i < 3; i++) await wrongTry(db, 's4');

    vi.setSystemTime(0);
    expect(remainingWaitMs(await readTries(db, 's4'), Date.now(), pinDelayMs)).toBe(1_000);
    vi.setSystemTime(1_000);
    expect(await claimTry(db, 's4', pinDelayMs)).toMatchObject({
      isAllowed: true,
      attempts: { failures: 4 },
    });
  });
});

describe('the right PIN on a tablet whose disk fills', () => {
  it('Given three wrong tries and the right PIN counted before its check, When the disk is full as the count is cleared, Then no try and no wait is left for the next unlock', async () => {
    const db = new AppDb('codesign-app', { indexedDB: new IDBFactory() });
    for (let i = 0; i < 3; i++) await wrongTry(db, 's5');
    vi.setSystemTime(T0 + 1_000);
    expect(await claimTry(db, 's5', pinDelayMs)).toMatchObject({
      isAllowed: true,
      attempts: { failures: 4 },
    });

    // The disk fills while the right PIN is checked; a full disk still takes a deletion (as Chromium's does).
    vi.spyOn(db.pinAttempts, 'put').mockRejectedValue(
      new DOMException('The disk is full', 'QuotaExceededError'),
    );
    await clearTries(db, 's5');

    const left = await readTries(db, 's5');
    expect(left?.failures ?? 0).toBe(0);
    expect(remainingWaitMs(left, Date.now(), pinDelayMs)).toBe(0);
  });
});

describe('wrong PIN tries from another tab on a tablet whose disk fills', () => {
  it('Given four wrong tries stored by another tab and their wait over, When the next wrong try is refused for space (Chromium closes the database, which cannot open again while full), Then it is counted as the fifth and the try after it waits', async () => {
    const disk = chromiumDiskFull();
    try {
      const name = `codesign-app-two-tabs-${crypto.randomUUID()}`;
      const thisTab = new AppDb(name);
      const otherTab = new AppDb(name);
      // This tab read the count before the other tab's tries (no count then).
      expect(await readTries(thisTab, 'two-tabs-full')).toBeNull();
      // The other tab's four wrong tries, as its own pinTries stored them.
      await otherTab.pinAttempts.put({ sessionId: 'two-tabs-full', failures: 4, lastFailureAt: T0 });
      vi.setSystemTime(T0 + pinDelayMs(4));

      disk.isFull = true;
      const fifth = await claimTry(thisTab, 'two-tabs-full', pinDelayMs);
      expect(disk.refused).toBeGreaterThan(0);
      expect(fifth).toMatchObject({ isAllowed: true, attempts: { failures: 5 } });
      if (!fifth.isAllowed) return;
      await settleWrongTry(thisTab, fifth.attempts);

      const sixth = await claimTry(thisTab, 'two-tabs-full', pinDelayMs);
      expect(sixth).toMatchObject({ isAllowed: false, attempts: { failures: 5 } });
      expect(remainingWaitMs(await readTries(thisTab, 'two-tabs-full'), Date.now(), pinDelayMs)).toBe(
        pinDelayMs(5),
      );
      thisTab.close();
      otherTab.close();
    } finally {
      disk.restore();
    }
  });
});
