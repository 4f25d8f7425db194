/**
 * Which session's facilitator mode is unlocked on this tab. Held in memory only: a reload, or starting kiosk
 * mode, locks it again.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export interface FacilitatorLock {
  unlockedSessionId: string | null;
  unlock: (sessionId: string) => void;
  lock: () => void;
}

export const FacilitatorLockContext = createContext<FacilitatorLock>({
  unlockedSessionId: null,
  unlock: () => undefined,
  lock: () => undefined,
});

export function useFacilitatorLock(): FacilitatorLock {
  return useContext(FacilitatorLockContext);
}
