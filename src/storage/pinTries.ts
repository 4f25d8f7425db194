/**
 * Wrong PIN tries, counted per session in the device database (table pinAttempts), one try at a time.
 *
 * A try is counted before its PIN is checked (PBKDF2 takes a moment): claimTry reads the count and, unless a wait
 * is still owed, counts this try in the same transaction. A try from another tab of this device, or one sent while
 * another is being checked, so sees every try before it; a page left in the middle of a check has its try counted.
 * The right PIN clears the count (clearTries).
 *
 * If the device refuses to store a try (disk full, private mode), the count is kept in memory for the app's life,
 * as a floor under the stored one, so leaving the PIN screen and coming back does not end the wait. A try stored
 * again takes the memory's count with it (a later right PIN in another tab can then clear it). If the device
 * refuses to read the count (a full disk: Chromium closes the database and opens it again only once there is
 * space), the count is the one this app last read or stored, so a wait owed is not forgotten.
 */
import type { AppDb, PinAttempts } from './appDb';

/** Counts this app could not store, by session id. */
const unstored = new Map<string, PinAttempts>();
/** The count as this app last read it from storage or stored it (null: none), by session id. */
const lastStored = new Map<string, PinAttempts | null>();

/** The larger count and the later failure of the two: neither the stored count nor the memory's can be dodged. */
function atLeast(a: PinAttempts | undefined, b: PinAttempts | undefined): PinAttempts | null {
  if (!a || !b) return a ?? b ?? null;
  return {
    sessionId: a.sessionId,
    failures: Math.max(a.failures, b.failures),
    lastFailureAt: Math.max(a.lastFailureAt, b.lastFailureAt),
  };
}

/** The wait still owed at `now` after these tries; capped by the delay itself, so a clock set back cannot add to it. */
export function remainingWaitMs(
  attempts: PinAttempts | null,
  now: number,
  delayMs: (failures: number) => number,
): number {
  if (!attempts) return 0;
  const delay = delayMs(attempts.failures);
  return Math.max(0, Math.min(delay, attempts.lastFailureAt + delay - now));
}

/**
 * A failure stored at a time still to come (the tablet's clock was put back: from a day ahead, or to 1970) has its
 * wait run from now. Left as it is, the wait would never start to run down until the clock reached that time.
 */
function notAfter(attempts: PinAttempts | null, now: number): PinAttempts | null {
  return attempts && attempts.lastFailureAt > now ? { ...attempts, lastFailureAt: now } : attempts;
}

/** The count as stored (as last known, if storage refuses to read it) or kept in memory, as it is. */
async function readCount(db: AppDb, sessionId: string): Promise<PinAttempts | null> {
  const stored = await db.pinAttempts.get(sessionId).then(
    (read) => {
      lastStored.set(sessionId, read ?? null);
      return read;
    },
    () => lastStored.get(sessionId) ?? undefined,
  );
  return atLeast(stored, unstored.get(sessionId));
}

/** The wrong tries counted so far for this session (null when none), stored or kept in memory. */
export async function readTries(db: AppDb, sessionId: string): Promise<PinAttempts | null> {
  const tries = await readCount(db, sessionId);
  if (!tries || tries.lastFailureAt <= Date.now()) return tries;
  // Stored as running from now, so the wait this screen shows is the one a try is held to.
  return (
    (await change(db, sessionId, (current) => notAfter(current, Date.now()))) ?? notAfter(tries, Date.now())
  );
}

/** Changes the count in one transaction, or in memory where the device refuses the write; null: nothing to change. */
async function change(
  db: AppDb,
  sessionId: string,
  next: (current: PinAttempts | null) => PinAttempts | null,
): Promise<PinAttempts | null> {
  let changed: PinAttempts | null = null;
  let stored: PinAttempts | null = null;
  try {
    await db.transaction('rw', db.pinAttempts, async () => {
      stored = (await db.pinAttempts.get(sessionId)) ?? null;
      // Known even if the write is refused next: another tab's tries in it are not forgotten when it is.
      lastStored.set(sessionId, stored);
      changed = next(atLeast(stored ?? undefined, unstored.get(sessionId)));
      if (changed) await db.pinAttempts.put(changed);
    });
    lastStored.set(sessionId, changed ?? stored);
    if (changed) unstored.delete(sessionId);
  } catch {
    changed = next(await readCount(db, sessionId));
    if (changed) unstored.set(sessionId, changed);
  }
  return changed;
}

export type Claim =
  /** The try may be checked; it is counted already, in `attempts`. */
  | { isAllowed: true; attempts: PinAttempts }
  /** A wait is still owed after the tries counted before (`attempts`): the PIN must not be checked. */
  | { isAllowed: false; attempts: PinAttempts | null };

/** Counts a try before its PIN is checked, unless the tries before it still owe a wait. */
export async function claimTry(
  db: AppDb,
  sessionId: string,
  delayMs: (failures: number) => number,
): Promise<Claim> {
  let before: PinAttempts | null = null;
  let isAllowed = false;
  const counted = await change(db, sessionId, (stored) => {
    const now = Date.now();
    const current = notAfter(stored, now);
    before = current;
    isAllowed = remainingWaitMs(current, now, delayMs) === 0;
    if (!isAllowed) return current === stored ? null : current;
    return { sessionId, failures: (current?.failures ?? 0) + 1, lastFailureAt: now };
  });
  return isAllowed && counted
    ? { isAllowed: true, attempts: counted }
    : { isAllowed: false, attempts: before };
}

/** The try was wrong: its wait runs from now, when the facilitator is told, not from when it was counted. */
export async function settleWrongTry(db: AppDb, claimed: PinAttempts): Promise<PinAttempts> {
  const settled = await change(db, claimed.sessionId, (current) => ({
    sessionId: claimed.sessionId,
    failures: Math.max(current?.failures ?? 0, claimed.failures),
    lastFailureAt: Date.now(),
  }));
  return settled ?? claimed;
}

/**
 * The right PIN: the count starts again. If storage refuses the write, the count is deleted instead (a full disk
 * still takes a deletion): else the right PIN's own try, counted before its check, would be left with its wait.
 * Memory's counts go either way.
 */
export async function clearTries(db: AppDb, sessionId: string): Promise<void> {
  unstored.delete(sessionId);
  lastStored.delete(sessionId);
  await db.pinAttempts
    .put({ sessionId, failures: 0, lastFailureAt: 0 })
    .catch(() => db.pinAttempts.delete(sessionId))
    .catch(() => undefined);
}
