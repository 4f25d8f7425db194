/**
 * Which session's facilitator mode is unlocked on this tab, and this tablet's kiosk mode. Facilitator mode is held
 * in memory only: a reload, or the kiosk showing, locks it again. Kiosk mode is a device state kept in the device
 * database (see src/storage/kioskLock.ts): only the session's PIN ends it.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { KioskLock } from '../storage/kioskLock';

export interface FacilitatorLock {
  unlockedSessionId: string | null;
  unlock: (sessionId: string) => void;
  lock: () => void;
  /** The session this tablet is a kiosk for; null when it is not a kiosk, undefined until known. */
  kioskLock: KioskLock | null | undefined;
  /** Ends kiosk mode: only after the session's PIN was checked. Resolves once committed; rejects if refused. */
  endKioskMode: () => Promise<void>;
}

export const FacilitatorLockContext = createContext<FacilitatorLock>({
  unlockedSessionId: null,
  unlock: () => undefined,
  lock: () => undefined,
  kioskLock: null,
  endKioskMode: () => Promise.resolve(),
});

export function useFacilitatorLock(): FacilitatorLock {
  return useContext(FacilitatorLockContext);
}
