import type { SessionHandle } from '../../useSession';
import { describeError } from '../../errors';
import { useT } from '../../i18n';
import { useServices } from '../../services';
import { EnrolForm } from './EnrolForm';
import { EnrolledStatus, useJustEnrolled } from './EnrolledStatus';
import { useCouncilSync } from './useCouncilSync';
import { useEnrolment } from './useEnrolment';
import { statusInWords } from './words';
import './messages';
import './sync.css';

/**
 * The dashboard's "Council sync": enrol this device, then sync this session with the council server, on its own
 * while the dashboard is open and the device online, or now with the button. State in words, a progress bar,
 * and counts of changes sent and received. The demo session never syncs (src/sync/councilScope.ts): its panel
 * says so, and still offers to enrol the device (enrolment is the device's, for its real sessions).
 */
export function CouncilSyncPanel({ session, sessionId }: { session: SessionHandle; sessionId: string }) {
  const t = useT();
  const services = useServices();
  const enrolment = useEnrolment(services.db);
  const justEnrolled = useJustEnrolled(enrolment);
  const { isDemo, status, loadError, syncNow } = useCouncilSync(session.doc, sessionId, enrolment);
  // A server out of reach is said calmly, as a status: the tablet keeps everything and tries again by itself.
  const isFailed = status?.state === 'failed' && status.failure !== 'offline';
  const isBusy = status?.state === 'connecting' || status?.state === 'syncing';

  return (
    <section aria-labelledby="fac-sync-heading" class="card fac-section sync-panel">
      <h2 id="fac-sync-heading">{t('sync.heading')}</h2>
      <p>{isDemo ? t('sync.demo') : t('sync.intro')}</p>
      {enrolment === undefined ? (
        <p>{t('common.loading')}</p>
      ) : enrolment === null ? (
        <EnrolForm />
      ) : isDemo ? (
        <EnrolledStatus enrolment={enrolment} justEnrolled={justEnrolled} />
      ) : (
        <>
          <EnrolledStatus enrolment={enrolment} justEnrolled={justEnrolled} />
          <div class="sync-state">
            <p role="status" class="sync-state__words" data-sync-state={status?.state ?? 'loading'}>
              {status && !isFailed ? statusInWords(t, status, enrolment.role) : null}
            </p>
            {status && isFailed ? (
              <p class="alert" role="alert" data-sync-failure={status.failure ?? ''}>
                {statusInWords(t, status, enrolment.role)}
              </p>
            ) : null}
            {loadError ? (
              <p class="alert" role="alert">
                {t('sync.loadFailed', { reason: describeError(t, loadError) })}
              </p>
            ) : null}
            <progress
              class="sync-state__bar"
              max={1}
              value={status?.progress ?? 0}
              aria-label={t('sync.progress')}
            />
            {status ? (
              <ul class="sync-counts">
                <li data-sync-count="sent">{t('sync.sent', { count: status.sent })}</li>
                <li data-sync-count="received">{t('sync.received', { count: status.received })}</li>
                <li data-sync-count="toSend">{t('sync.toSend', { count: status.toSend })}</li>
              </ul>
            ) : null}
            {status && status.problems.length > 0 ? (
              <p class="alert" role="alert">
                {t('sync.problems', { count: status.problems.length })}
              </p>
            ) : null}
          </div>
          <div class="btn-row">
            <button
              type="button"
              class="btn btn--primary"
              aria-disabled={isBusy || !status ? 'true' : undefined}
              onClick={() => {
                if (!isBusy) syncNow();
              }}
            >
              {t('sync.button')}
            </button>
            {isFailed && (status.failure === 'refused' || status.failure === 'notEnrolled') ? (
              <button
                type="button"
                class="btn btn--secondary"
                onClick={() => void services.db.enrolment.delete('self')}
              >
                {t('sync.enrol.again')}
              </button>
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}
