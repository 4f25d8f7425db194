import type { ComponentChildren } from 'preact';
import { lazy, Suspense } from 'preact/compat';
import { useFacilitatorLock } from '../facilitatorLock';
import { useT } from '../i18n';

// The PIN screen is only for the facilitator: residents on the kiosk never load it (it comes from the
// precache, so it opens offline too).
const PinScreen = lazy(() => import('./PinScreen').then((m) => m.PinScreen));

/** Facilitator screens behind the session's PIN. Loaded with the app shell, so it stays small. */
export function FacilitatorGate({ sessionId, children }: { sessionId: string; children: ComponentChildren }) {
  const t = useT();
  const { unlockedSessionId } = useFacilitatorLock();
  if (unlockedSessionId === sessionId) return <>{children}</>;
  return (
    <Suspense fallback={<p class="page">{t('common.loading')}</p>}>
      <PinScreen sessionId={sessionId} />
    </Suspense>
  );
}
