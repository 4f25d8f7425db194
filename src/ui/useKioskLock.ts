/**
 * This tablet's kiosk mode for the app shell: known at once from the localStorage copy, then kept equal to the
 * device database (the truth), including changes made in another tab or window.
 */
import { liveQuery } from 'dexie';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { viewSession } from '../doc/session';
import {
  clearKioskLock,
  readKioskLock,
  readKioskLockHint,
  writeKioskLock,
  writeKioskLockHint,
  type KioskLock,
} from '../storage/kioskLock';
import type { Services } from './services';

export interface KioskLockState {
  /** The lock, null when this tablet is not a kiosk, undefined until known. */
  lock: KioskLock | null | undefined;
  /** A kiosk asked for whose session is not on this tablet: it is shown (and says so) but never locks the tablet. */
  notOnDevice: string | null;
  /** Locks the tablet to the session's kiosk; resolves once committed (or held in memory if storage refused). */
  startKioskMode: (sessionId: string) => Promise<void>;
  /** Lifts kiosk mode: call only after the session's PIN was checked. Rejects if storage refused. */
  endKioskMode: () => Promise<void>;
}

/** A tablet is only ever locked to a session it holds: otherwise no PIN could ever unlock it. */
async function isOnDevice(services: Services, sessionId: string): Promise<boolean> {
  if (await services.db.sessions.get(sessionId)) return true;
  const handle = await services.docs.open(sessionId);
  try {
    return viewSession(handle.doc) !== null;
  } finally {
    await handle.close();
  }
}

export function useKioskLock(services: Services): KioskLockState {
  const [lock, setLock] = useState<KioskLock | null | undefined>(() => readKioskLockHint());
  const [notOnDevice, setNotOnDevice] = useState<string | null>(null);
  const starting = useRef<string | null>(null);

  useEffect(() => {
    const sub = liveQuery(() => readKioskLock(services.db)).subscribe({
      next: (stored) => {
        // While a lock is being written, an earlier read must not undo it on screen.
        if (starting.current !== null && stored === null) return;
        setLock(stored);
        writeKioskLockHint(stored);
      },
      // Storage cannot be read: keep what the copy says; with no copy, show the app (it reports the problem).
      error: () => setLock((current) => (current === undefined ? null : current)),
    });
    return () => sub.unsubscribe();
  }, [services.db]);

  const startKioskMode = useCallback(
    async (sessionId: string): Promise<void> => {
      if (starting.current === sessionId) return;
      starting.current = sessionId;
      try {
        const isHere = await isOnDevice(services, sessionId).catch(() => false);
        if (!isHere) {
          setNotOnDevice(sessionId);
          return;
        }
        try {
          setLock(await writeKioskLock(services.db, sessionId));
        } catch {
          // IndexedDB refused: the localStorage copy (written first) still keeps the kiosk after a reload.
          setLock({ sessionId, since: Date.now() });
        }
      } finally {
        starting.current = null;
      }
    },
    [services],
  );

  const endKioskMode = useCallback(async (): Promise<void> => {
    await clearKioskLock(services.db);
    setLock(null);
  }, [services.db]);

  return { lock, notOnDevice, startKioskMode, endKioskMode };
}
