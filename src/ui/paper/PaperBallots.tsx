/**
 * The paper ballots panel, loaded on demand (its code, its messages and, later, the CSV reader are separate
 * chunks): mount this anywhere a session is open (facilitator dashboard, officer view).
 */
import { lazy, Suspense } from 'preact/compat';
import { useT } from '../i18n';
import type { PaperBallotsProps } from './PaperBallotsPanel';

const Panel = lazy(() => import('./PaperBallotsPanel').then((m) => m.PaperBallotsPanel));

export function PaperBallots(props: PaperBallotsProps) {
  const t = useT();
  return (
    <Suspense fallback={<p>{t('common.loading')}</p>}>
      <Panel {...props} />
    </Suspense>
  );
}
