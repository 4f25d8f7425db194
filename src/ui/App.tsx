import { lazy, Suspense } from 'preact/compat';
import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { discardSharedFiles, SHARED_HASH } from '../sync/shareTarget';
import { I18nContext, makeTranslator } from './i18n';
import { ServicesContext, type Services } from './services';
import { FacilitatorLockContext } from './facilitatorLock';
import { KIOSK_ROUTING, kioskRouting } from './kioskRouting';
import { navigate, useRoute, type Route } from './router';
import { useKioskLock } from './useKioskLock';
import { Home } from './home/Home';
import { KioskScreen } from './kiosk/KioskScreen';
import { preloadKioskSteps } from './kiosk/KioskTurn';
import { ShareRefused } from './kiosk/ShareRefused';
import { FacilitatorGate } from './facilitator/FacilitatorGate';

// Facilitator-only screens load on demand: a tablet in kiosk mode never needs them.
const FacilitatorScreen = lazy(() =>
  import('./facilitator/FacilitatorScreen').then((m) => m.FacilitatorScreen),
);
// The officer view (council office) likewise: results, exports and the report are never on a tablet's path.
const OfficerScreen = lazy(() => import('./officer/OfficerScreen').then((m) => m.OfficerScreen));
const SessionFormScreen = lazy(() =>
  import('./facilitator/SessionFormScreen').then((m) => m.SessionFormScreen),
);

export function App({ services }: { services: Services }) {
  const asked = useRoute();
  const [unlockedSessionId, setUnlocked] = useState<string | null>(null);
  const [language, setLanguage] = useState('en');
  const [isShareRefused, setShareRefused] = useState(false);
  const kiosk = useKioskLock(services);
  const t = useMemo(() => makeTranslator(language), [language]);
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

  useEffect(() => {
    document.documentElement.lang = t.locale.code;
    document.documentElement.dir = t.locale.dir;
  }, [t]);

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
          <KioskScreen sessionId={route.sessionId} onLanguage={setLanguage} />
        );
      break;
    case 'facilitator':
      screen = (
        <FacilitatorGate sessionId={route.sessionId}>
          <FacilitatorScreen sessionId={route.sessionId} />
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
          <Suspense fallback={<p class="page">{t('common.loading')}</p>}>{screen}</Suspense>
        </FacilitatorLockContext.Provider>
      </I18nContext.Provider>
    </ServicesContext.Provider>
  );
}
