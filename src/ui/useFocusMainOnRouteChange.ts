import { useEffect, useRef } from 'preact/hooks';

/** Focus is on nothing: the element that had it went with the screen it was on. */
function isFocusNowhere(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body;
}

/**
 * After a route change (not the first screen): focus goes to the new screen's main content, as the skip link does
 * and as FacilitatorGate does after the PIN, so a screen reader reads where the person now is and the keyboard
 * carries on from there. The link or button pressed went with the old screen, leaving focus on the page itself.
 * Only when focus is on nothing: focus a screen gives on purpose stays where it is. A lazily loaded screen, or one
 * still reading its data, has no main content yet (or swaps it), so this watches the page until the person first
 * presses a key or touches the screen, or the route changes again. `routeKey` is null where a screen looks after
 * focus itself (the kiosk), and undefined while the app does not yet know its route (the first "Loading…"): the
 * first screen is the first route known, and on it focus stays where the browser put it, at the start of the
 * document, so a screen reader starts at the top ("Skip to main content" first).
 */
export function useFocusMainOnRouteChange(routeKey: string | null | undefined): void {
  const previous = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (routeKey === undefined) return;
    const isFirst = previous.current === undefined;
    const isChange = !isFirst && previous.current !== routeKey;
    previous.current = routeKey;
    if (routeKey === null || !isChange) return;

    return focusMainUntilInput();
  }, [routeKey]);
}

/**
 * Focuses the screen's main content now, and again whenever it arrives or is replaced (a lazily loaded screen, one
 * that swaps its loading state for its content), while focus is on nothing; until the person first presses a key
 * or touches the screen. Returns the function that stops watching.
 */
export function focusMainUntilInput(): () => void {
  const focusMain = (): void => {
    if (isFocusNowhere()) document.getElementById('main')?.focus();
  };
  const observer = new MutationObserver(focusMain);
  const stop = (): void => {
    observer.disconnect();
    window.removeEventListener('keydown', stop, true);
    window.removeEventListener('pointerdown', stop, true);
  };
  observer.observe(document.body, { childList: true, subtree: true });
  window.addEventListener('keydown', stop, true);
  window.addEventListener('pointerdown', stop, true);
  focusMain();
  return stop;
}
