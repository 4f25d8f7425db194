import { lazy, Suspense } from 'preact/compat';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { I18nContext, makeTranslator } from './i18n';
import { ServicesContext, type Services } from './services';
import { FacilitatorLockContext } from './facilitatorLock';
import { useRoute } from './router';
import { Home } from './home/Home';
import { KioskScreen } from './kiosk/KioskScreen';
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
  const route = useRoute();
  const [unlockedSessionId, setUnlocked] = useState<string | null>(null);
  const [language, setLanguage] = useState('en');
  const t = useMemo(() => makeTranslator(language), [language]);
  const lock = useMemo(
    () => ({ unlockedSessionId, unlock: setUnlocked, lock: () => setUnlocked(null) }),
    [unlockedSessionId],
  );

  useEffect(() => {
    document.documentElement.lang = t.locale.code;
    document.documentElement.dir = t.locale.dir;
  }, [t]);

  let screen;
  switch (route.name) {
    case 'home':
      screen = <Home />;
      break;
    case 'newSession':
      screen = <SessionFormScreen />;
      break;
    case 'kiosk':
      screen = <KioskScreen sessionId={route.sessionId} onLanguage={setLanguage} />;
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
