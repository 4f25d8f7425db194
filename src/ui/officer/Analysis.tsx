import type { SessionView } from '../../doc/session';
import type { Enrolment } from '../../storage/appDb';
import { describeError } from '../errors';
import { longDate, methodInWords } from '../facilitator/format';
import { statusInWords } from '../facilitator/sync/words';
import { useT } from '../i18n';
import { routeHash } from '../router';
import { usePageTitle } from '../usePageTitle';
import { ParticipationSection } from './ParticipationSection';
import { SessionSection } from './SessionSection';
import { useOfficerSessions } from './useOfficerSessions';

/**
 * One session, or every session of a neighbourhood together: participation across them, then each session's
 * money map, results, ideas (figures traced to ballots, decisions, comments), paper ballots and exports. Each
 * session is counted on its own: every session has its own pot and method.
 */
export function Analysis({
  enrolment,
  sessionIds,
  neighbourhood,
}: {
  enrolment: Enrolment;
  sessionIds: string[];
  neighbourhood?: string;
}) {
  const t = useT();
  const { sessions, loadError, run, syncNow } = useOfficerSessions(sessionIds, enrolment);
  const views = sessions.map((s) => s.view).filter((v): v is SessionView => v !== null);
  const isArea = neighbourhood !== undefined;
  const title = isArea ? neighbourhood : (views[0]?.settings.title ?? t('officer.sessionLoading'));
  const headingLevel = isArea ? 3 : 2;
  // The heading (the session or neighbourhood) within the officer's results.
  usePageTitle(t('officer.heading'), isArea ? neighbourhood : views[0]?.settings.title);

  return (
    <main class="page officer" id="main" tabIndex={-1}>
      <nav class="officer__crumbs no-print" aria-label={t('officer.crumbs')}>
        <a href="#/officer">{t('officer.backToList')}</a>
      </nav>
      <header class="page__header">
        <h1>{title}</h1>
        {isArea ? (
          <p class="lead">{t('officer.areaLead', { count: sessionIds.length })}</p>
        ) : views[0] ? (
          <p class="lead">
            {t('officer.sessionLead', {
              neighbourhood: views[0].settings.neighbourhood,
              date: longDate(t, views[0].settings.date),
              venue: views[0].settings.venue,
            })}
          </p>
        ) : null}
      </header>

      <section class="card officer-sync no-print" aria-labelledby="officer-sync-heading">
        <h2 id="officer-sync-heading">{t('officer.syncHeading')}</h2>
        <ul class="officer-sync__list">
          {sessions.map((s) => (
            <li key={s.sessionId} data-sync-session={s.sessionId} data-sync-state={s.status?.state ?? ''}>
              <strong>
                <bdi>{s.view?.settings.title ?? t('officer.sessionLoading')}</bdi>
              </strong>
              :{' '}
              <span role="status">
                {s.status ? statusInWords(t, s.status, 'officer') : t('officer.syncStarting')}
              </span>
            </li>
          ))}
        </ul>
        {loadError ? (
          <p class="alert" role="alert">
            {t('officer.loadFailed', { reason: describeError(t, loadError) })}
          </p>
        ) : null}
        <div class="officer-actions">
          <button type="button" class="btn btn--secondary" onClick={syncNow}>
            {t('officer.syncNow')}
          </button>
          {views.length > 0 ? (
            <a class="btn btn--secondary" href={routeHash({ name: 'officerReport', sessionIds })}>
              {t('officer.openReport')}
            </a>
          ) : null}
        </div>
      </section>

      {views.length === 0 ? (
        <p role="status">{t('officer.waitingForContent')}</p>
      ) : (
        <>
          <ParticipationSection views={views} />
          {views.map((view) => (
            <SessionSection
              key={view.records.sessionId}
              view={view}
              headingLevel={headingLevel}
              run={run}
              method={methodInWords(t, view.settings.method)}
            />
          ))}
        </>
      )}
    </main>
  );
}
