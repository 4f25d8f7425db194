import type { ComponentChildren } from 'preact';
import { lazy, Suspense } from 'preact/compat';
import { useEffect, useRef } from 'preact/hooks';
import { useFacilitatorLock } from '../facilitatorLock';
import { useT } from '../i18n';
import { focusMainUntilInput } from '../useFocusMainOnRouteChange';

// The PIN screen is only for the facilitator: residents on the kiosk never load it (it comes from the
// precache, so it opens offline too).
const PinScreen = lazy(() => import('./PinScreen').then((m) => m.PinScreen));

/** Facilitator screens behind the session's PIN. Loaded with the app shell, so it stays small. */
export function FacilitatorGate({ sessionId, children }: { sessionId: string; children: ComponentChildren }) {
  const t = useT();
  const { unlockedSessionId } = useFacilitatorLock();
  const wasLocked = useRef(false);
  if (unlockedSessionId === sessionId) {
    return (
      <>
        {children}
        {wasLocked.current ? <FocusMainOnArrival /> : null}
      </>
    );
  }
  wasLocked.current = true;
  // Keyed by the session: digits typed and wrong tries counted for one session never carry to another's PIN screen
  // (a link or the history list can go from one session's screen straight to another's).
  return (
    <Suspense fallback={<p class="page">{t('common.loading')}</p>}>
      <PinScreen key={sessionId} sessionId={sessionId} />
    </Suspense>
  );
}

/**
 * After the right PIN: the PIN form, and the field or button focus was in, are gone. Focus goes to the screen's main
 * content, as the skip link does, so a screen reader reads where the facilitator now is and the keyboard carries on
 * from there. Only when focus went nowhere: never taken from where someone put it. Rendered after the screen, so its
 * main content exists when this runs (also once a lazily loaded screen has arrived).
 */
function FocusMainOnArrival() {
  // Also when the screen swaps its loading state for its content (the session's form does): until the next input.
  useEffect(() => focusMainUntilInput(), []);
  return null;
}
