/**
 * Whether this tablet ever held sessions, kept outside IndexedDB (in localStorage, which Chromium keeps in a store
 * of its own): after a write refused for want of space, Chromium deletes every IndexedDB database of the app at
 * its second start (test/manual/realDiskFull.ts). Without this mark, the first screen would then say "There are no
 * sessions on this tablet yet", as on a new tablet; with it, the app can say what happened. Clearing the site's
 * data clears the mark too. A browser that refuses localStorage keeps no mark and says nothing.
 */
const KEY = 'codesign.heldSessions';

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Marks that the tablet holds sessions (called whenever it is seen to hold some). */
export function noteSessionsHeld(): void {
  try {
    if (storage()?.getItem(KEY) !== '1') storage()?.setItem(KEY, '1');
  } catch {
    // A full or refused localStorage: no mark, nothing said later.
  }
}

/** True when the tablet's list of sessions is empty although it held sessions before. */
export function sessionsWereDeleted(listed: number): boolean {
  if (listed > 0) return false;
  try {
    return storage()?.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

/** The facilitator has read that the sessions were deleted: say it no more, until the tablet holds sessions again. */
export function forgetHeldSessions(): void {
  try {
    storage()?.removeItem(KEY);
  } catch {
    // Nothing to forget.
  }
}
