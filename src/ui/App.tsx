import { lazy, Suspense } from 'preact/compat';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { discardSharedFiles, SHARED_HASH } from '../sync/shareTarget';
import { I18nContext, isLoaded, loadLanguage, makeTranslator, PART } from './i18n';
import { readStaffLanguage, writeStaffLanguage } from './staffLanguage';
import { ServicesContext, type Services } from './services';
import { FacilitatorLockContext } from './facilitatorLock';
import { KIOSK_ROUTING, kioskRouting } from './kioskRouting';
import { navigate, routeHash, useRoute, type Route } from './router';
import { PageLanguage } from './PageLanguage';
import { useFocusMainOnRouteChange } from './useFocusMainOnRouteChange';
import { useKioskLock } from './useKioskLock';
import { KioskScreen } from './kiosk/KioskScreen';
import { preloadKioskSteps } from './kiosk/KioskTurn';
import { ShareRefused } from './kiosk/ShareRefused';
import { SpaceNotice } from './SpaceNotice';

// Facilitator-only screens load on demand: a tablet in kiosk mode never needs them.
// The home screen is staff's (a tablet in kiosk mode never shows it), and so is the language switch on it.
const Home = lazy(() => import('./home/Home').then((m) => m.Home));
const StaffLanguageSwitch = lazy(() => import('./StaffLanguageSwitch').then((m) => m.StaffLanguageSwitch));
// A new version's offer and "The app was updated.": staff screens only, with the service worker's bridge.
const UpdateNotices = lazy(() => import('./UpdateNotices').then((m) => m.UpdateNotices));
const FacilitatorScreen = lazy(() =>
  import('./facilitator/FacilitatorScreen').then((m) => m.FacilitatorScreen),
);
// The officer view (council office) likewise: results, exports and the report are never on a tablet's path.
const OfficerScreen = lazy(() => import('./officer/OfficerScreen').then((m) => m.OfficerScreen));
// The room (gather and hand back with no internet): facilitator mode only, never on a resident's path.
const RoomScreen = lazy(() => import('./facilitator/room/RoomScreen').then((m) => m.RoomScreen));
const SessionFormScreen = lazy(() =>
  import('./facilitator/SessionFormScreen').then((m) => m.SessionFormScreen),
);
// The PIN gate in front of them too: a resident's tap on "Facilitator" fetches it (from the precache offline).
const FacilitatorGate = lazy(() => import('./facilitator/FacilitatorGate').then((m) => m.FacilitatorGate));

export function App({ services }: { services: Services }) {
  const asked = useRoute();
  const [unlockedSessionId, setUnlocked] = useState<string | null>(null);
  const [staffLanguage, setStaffLanguage] = useState(readStaffLanguage);
  const [kioskLanguage, setKioskLanguage] = useState('en');
  // Bumped when a language's messages arrive, so screens re-render in it.
  const [loadedCount, setLoadedCount] = useState(0);
  const wantedKioskLanguage = useRef('en');
  const [isShareRefused, setShareRefused] = useState(false);
  const kiosk = useKioskLock(services);
  const lock = useMemo(
    () => ({
      unlockedSessionId,
      unlock: setUnlocked,
      lock: () => setUnlocked(null),
      kioskLock: kiosk.lock,
      endKioskMode: kiosk.endKioskMode,
    }),
    [unlockedSessionId, kiosk.lock, kiosk.endKioskMode],
  );

  // Decided on every render, so the first paint already follows kiosk mode: a kiosk never shows the home screen.
  const routing = kioskRouting({
    route: asked,
    isSharedLaunch: location.hash === SHARED_HASH,
    lock: kiosk.lock,
    unlockedSessionId,
  });
  const lockingId = routing.kind === KIOSK_ROUTING.lockFirst ? routing.sessionId : null;
  const isLockable = lockingId !== null && kiosk.notOnDevice !== lockingId;
  let route: Route | null;
  switch (routing.kind) {
    case KIOSK_ROUTING.show:
      route = asked;
      break;
    case KIOSK_ROUTING.wait:
      route = null;
      break;
    case KIOSK_ROUTING.lockFirst:
      // A kiosk for a session this tablet does not hold shows (it says so) without locking the tablet.
      route = isLockable ? null : asked;
      break;
    case KIOSK_ROUTING.toKiosk:
    case KIOSK_ROUTING.refuseShare:
      route = { name: 'kiosk', sessionId: routing.sessionId };
      break;
  }
  const isKioskShown = route?.name === 'kiosk';
  // A session's screens behind its PIN show only the PIN screen, which a resident can meet: no staff notices there.
  const isBehindPin =
    (route?.name === 'facilitator' || route?.name === 'room' || route?.name === 'editSession') &&
    route.sessionId !== unlockedSessionId;
  // A page that started as the kiosk (an update's restart into kiosk mode) never says "The app was updated." on a
  // staff screen later: the restart is long past by then.
  const hasShownKiosk = useRef(false);
  if (isKioskShown) hasShownKiosk.current = true;
  const language = isKioskShown ? kioskLanguage : staffLanguage;
  const t = useMemo(() => makeTranslator(language), [language, loadedCount]);

  // A resident's language shows once its messages are in memory (the kiosk fetched them when it opened), so a
  // screen never mixes languages; the last tap wins when two loads cross.
  const chooseKioskLanguage = (code: string): void => {
    wantedKioskLanguage.current = code;
    if (isLoaded(code)) {
      setKioskLanguage(code);
      return;
    }
    loadLanguage(code).then(
      () => {
        if (wantedKioskLanguage.current === code) setKioskLanguage(code);
      },
      () => undefined, // Not cached and offline: the screen stays in the language it has.
    );
  };

  // Staff screens in Welsh need the staff part too (a tablet in kiosk mode never fetches it).
  useEffect(() => {
    if (isKioskShown) return;
    let isCurrent = true;
    const parts = [PART.resident, PART.staff].filter((part) => !isLoaded(staffLanguage, part));
    if (parts.length === 0) return;
    Promise.all(parts.map((part) => loadLanguage(staffLanguage, part))).then(
      () => isCurrent && setLoadedCount((n) => n + 1),
      () => undefined,
    );
    return () => {
      isCurrent = false;
    };
  }, [isKioskShown, staffLanguage]);

  useEffect(() => {
    if (lockingId !== null && isLockable) void kiosk.startKioskMode(lockingId);
  }, [lockingId, isLockable]);

  // Before the kiosk's own history entry (an ordinary effect): the address bar shows the kiosk, replacing
  // whatever was typed or shared, so Back and Forward only ever find kiosk addresses.
  useLayoutEffect(() => {
    if (routing.kind === KIOSK_ROUTING.refuseShare) {
      setShareRefused(true);
      void discardSharedFiles().catch(() => undefined);
    }
    if (routing.kind === KIOSK_ROUTING.toKiosk || routing.kind === KIOSK_ROUTING.refuseShare) {
      navigate({ name: 'kiosk', sessionId: routing.sessionId }, { replace: true });
    }
  }, [routing.kind, asked]);

  // Whenever the kiosk shows, facilitator mode is locked: a resident's "Facilitator" always meets the PIN.
  useLayoutEffect(() => {
    if (isKioskShown) setUnlocked(null);
    else setShareRefused(false);
  }, [isKioskShown]);

  useEffect(() => preloadKioskSteps(), []);

  // The kiosk moves focus itself, step by step; every other screen gets it here after a route change.
  // While the route is not yet decided (null: waiting on the kiosk lock), there is no screen to count as first.
  useFocusMainOnRouteChange(route === null ? undefined : isKioskShown ? null : routeHash(route));

  let screen;
  switch (route?.name) {
    case undefined:
      screen = <p class="page">{t('common.loading')}</p>;
      break;
    case 'home':
      screen = <Home />;
      break;
    case 'newSession':
      screen = <SessionFormScreen />;
      break;
    case 'kiosk':
      screen =
        isShareRefused || routing.kind === KIOSK_ROUTING.refuseShare ? (
          <ShareRefused onDone={() => setShareRefused(false)} />
        ) : (
          // Keyed by the session, as the PIN screen is: a kiosk kept on screen while the tablet's kiosk lock moves
          // to another session (changed in another window) unmounts, so the turn under way is ended with its own
          // session's document still open, and nothing of it (the turn count, a resumed turn) carries over.
          <KioskScreen key={route.sessionId} sessionId={route.sessionId} onLanguage={chooseKioskLanguage} />
        );
      break;
    case 'facilitator':
      screen = (
        <FacilitatorGate sessionId={route.sessionId}>
          <FacilitatorScreen sessionId={route.sessionId} />
        </FacilitatorGate>
      );
      break;
    case 'room':
      screen = (
        <FacilitatorGate sessionId={route.sessionId}>
          <RoomScreen sessionId={route.sessionId} />
        </FacilitatorGate>
      );
      break;
    case 'officer':
    case 'officerArea':
    case 'officerSession':
    case 'officerReport':
      screen = <OfficerScreen route={route} />;
      break;
    case 'editSession':
      screen = (
        <FacilitatorGate sessionId={route.sessionId}>
          <SessionFormScreen sessionId={route.sessionId} />
        </FacilitatorGate>
      );
      break;
  }

  return (
    <ServicesContext.Provider value={services}>
      <I18nContext.Provider value={t}>
        <FacilitatorLockContext.Provider value={lock}>
          {/* First, so each screen's own page title is shown over its app's name. */}
          <PageLanguage />
          <a
            class="skip-link"
            href="#main"
            onClick={(e) => {
              // The hash is the router's: move focus without changing it.
              e.preventDefault();
              document.getElementById('main')?.focus();
            }}
          >
            {t('app.skipToContent')}
          </a>
          {isKioskShown ? null : (
            <Suspense fallback={null}>
              <StaffLanguageSwitch
                language={staffLanguage}
                onLanguage={(code) => {
                  writeStaffLanguage(code);
                  setStaffLanguage(code);
                }}
              />
            </Suspense>
          )}
          {isKioskShown || route === null ? null : (
            <Suspense fallback={null}>
              <UpdateNotices
                route={route}
                unlockedSessionId={unlockedSessionId}
                hasShownKiosk={hasShownKiosk.current}
              />
            </Suspense>
          )}
          {/* In the first download, not lazy: it must show even when nothing more can be fetched or stored. */}
          {isKioskShown || isBehindPin || route === null ? null : <SpaceNotice />}
          <Suspense fallback={<p class="page">{t('common.loading')}</p>}>{screen}</Suspense>
        </FacilitatorLockContext.Provider>
      </I18nContext.Provider>
    </ServicesContext.Provider>
  );
}
