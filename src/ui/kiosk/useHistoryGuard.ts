/**
 * The browser's Back button on a kiosk. Kiosk steps are never history entries: on opening, the kiosk adds one
 * entry (same address); Back lands on the entry below it, the kiosk adds its entry again and treats the press
 * as "back one step" inside the current turn. Nothing from an earlier turn is ever restored.
 */
import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';
import { parseRoute, routeHash } from '../router';

const GUARD = { kioskGuard: true };

function isGuard(state: unknown): boolean {
  return (
    typeof state === 'object' && state !== null && (state as { kioskGuard?: unknown }).kioskGuard === true
  );
}

export function useHistoryGuard(sessionId: string, onBack: RefObject<(() => void) | null>): void {
  useEffect(() => {
    const hash = routeHash({ name: 'kiosk', sessionId });
    if (!isGuard(history.state)) history.pushState(GUARD, '', hash);
    const onPop = (): void => {
      const route = parseRoute(location.hash);
      // Jumped further back (the history list) to another screen: the router takes over (while the tablet is in
      // kiosk mode it shows this kiosk again, or the session's PIN screen).
      if (route.name !== 'kiosk' || route.sessionId !== sessionId) return;
      history.pushState(GUARD, '', hash);
      onBack.current?.();
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [sessionId]);
}
