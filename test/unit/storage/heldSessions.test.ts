/**
 * The mark outside IndexedDB that this tablet held sessions (src/storage/heldSessions.ts): what the first screen
 * reads to say the browser deleted them (Chromium does after a full disk: test/manual/realDiskFull.ts). The page's
 * localStorage is the edge here: a Map behind the Storage interface, or one that refuses.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { forgetHeldSessions, noteSessionsHeld, sessionsWereDeleted } from '../../../src/storage/heldSessions';

function fakeStorage(refuse = false): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    key: (i: number) => [...items.keys()][i] ?? null,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (refuse) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      items.set(k, v);
    },
    removeItem: (k: string) => void items.delete(k),
  };
}

const global = globalThis as { localStorage?: Storage };
afterEach(() => {
  delete global.localStorage;
});

describe('the mark that this tablet held sessions', () => {
  it('Given a new tablet, When its list is empty, Then nothing was deleted', () => {
    global.localStorage = fakeStorage();
    expect(sessionsWereDeleted(0)).toBe(false);
  });

  it('Given a tablet that held sessions, When its list comes up empty, Then they were deleted, until the facilitator has read it', () => {
    global.localStorage = fakeStorage();
    noteSessionsHeld();
    expect(sessionsWereDeleted(2)).toBe(false);
    expect(sessionsWereDeleted(0)).toBe(true);

    forgetHeldSessions();
    expect(sessionsWereDeleted(0)).toBe(false);
    // Sessions held again: marked again.
    noteSessionsHeld();
    expect(sessionsWereDeleted(0)).toBe(true);
  });

  it('Given a browser whose localStorage refuses writes or is missing, Then nothing throws and nothing is said', () => {
    global.localStorage = fakeStorage(true);
    expect(() => noteSessionsHeld()).not.toThrow();
    expect(sessionsWereDeleted(0)).toBe(false);
    delete global.localStorage;
    expect(() => noteSessionsHeld()).not.toThrow();
    expect(sessionsWereDeleted(0)).toBe(false);
    expect(() => forgetHeldSessions()).not.toThrow();
  });
});
