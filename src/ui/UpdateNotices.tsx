import { useEffect, useState } from 'preact/hooks';
import { UpdateBanner } from './facilitator/UpdateBanner';
import { useT } from './i18n';
import type { Route } from './router';
import { takeWasJustUpdated } from './swBridge';

/**
 * Where the app's shell offers a new version: every staff screen but the dashboard (it has its own offer) and a
 * screen still behind its PIN (a resident who taps "Facilitator" meets the PIN screen, never the offer).
 */
function isOfferedOn(route: Route, unlockedSessionId: string | null): boolean {
  switch (route.name) {
    case 'kiosk':
    case 'facilitator':
      return false;
    case 'room':
    case 'editSession':
      return route.sessionId === unlockedSessionId;
    default:
      return true;
  }
}

/**
 * The app's update, on every staff screen (never the kiosk; App does not render this there): the offer of a new
 * version where the screen has none of its own (the facilitator's dashboard has), and, once, after "Update now"
 * restarted the app, that it was updated: only when the restart came to a staff screen, not when this page
 * showed the kiosk first (`hasShownKiosk`). Loaded after the first screen, with the service worker's bridge.
 */
export function UpdateNotices({
  route,
  unlockedSessionId,
  hasShownKiosk,
}: {
  route: Route;
  unlockedSessionId: string | null;
  hasShownKiosk: boolean;
}) {
  const t = useT();
  // Taken either way, so that no later staff screen of this page says it.
  const [wasJustUpdated] = useState(() => takeWasJustUpdated() && !hasShownKiosk);
  // The live region is on the page before its words, so screen readers announce them.
  const [isSaid, setSaid] = useState(false);
  useEffect(() => {
    if (!wasJustUpdated) return;
    const timer = setTimeout(() => setSaid(true), 100);
    return () => clearTimeout(timer);
  }, [wasJustUpdated]);
  return (
    <div class="app-notices">
      {isOfferedOn(route, unlockedSessionId) ? <UpdateBanner hint="update.hintStaff" /> : null}
      <p class={isSaid ? 'notice' : 'app-notices__empty'} role="status">
        {isSaid ? t('update.done') : null}
      </p>
    </div>
  );
}
