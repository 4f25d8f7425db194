import type { Enrolment } from '../../storage/appDb';
import { longDate } from '../facilitator/format';
import { describeCouncilError } from '../facilitator/sync/words';
import { useT } from '../i18n';
import { routeHash } from '../router';
import { usePageTitle } from '../usePageTitle';
import { byNeighbourhood, useCouncilList } from './useCouncilList';

/** The officer's first screen: every session the council holds, by neighbourhood. */
export function OfficerHome({ enrolment }: { enrolment: Enrolment }) {
  const t = useT();
  usePageTitle(t('officer.heading'));
  const { sessions, error, isLoading, reload } = useCouncilList(enrolment);
  const groups = sessions ? byNeighbourhood(sessions) : [];

  return (
    <main class="page officer" id="main" tabIndex={-1}>
      <nav class="officer__crumbs no-print" aria-label={t('officer.crumbs')}>
        <a href="#/">{t('officer.backHome')}</a>
      </nav>
      <header class="page__header">
        <h1>{t('officer.heading')}</h1>
        <p class="lead">{t('officer.lead')}</p>
      </header>
      {error ? (
        <div class="alert" role="alert">
          <p>{describeCouncilError(t, error)}</p>
          <button type="button" class="btn btn--secondary" onClick={reload}>
            {t('officer.tryAgain')}
          </button>
        </div>
      ) : null}
      {isLoading ? <p role="status">{t('officer.listing')}</p> : null}
      {sessions && groups.length === 0 ? <p>{t('officer.noSessions')}</p> : null}
      {groups.map((g, i) => (
        <section key={g.name} class="card officer-area" aria-labelledby={`officer-area-${i}`}>
          <h2 id={`officer-area-${i}`}>{g.name || t('officer.noNeighbourhood')}</h2>
          <p>
            <a
              class="btn btn--primary"
              href={routeHash({ name: 'officerArea', neighbourhood: g.name })}
              data-area={g.name}
            >
              {t('officer.openArea', { count: g.sessions.length, neighbourhood: g.name })}
            </a>
          </p>
          <ul class="session-list">
            {g.sessions.map((s) => (
              <li key={s.id} class="session-list__item">
                <a class="session-list__link" href={routeHash({ name: 'officerSession', sessionId: s.id })}>
                  <span class="session-list__title" dir="auto">
                    {s.title}
                  </span>
                  <span class="session-list__meta">
                    {t('officer.sessionMeta', { date: longDate(t, s.date), venue: s.venue })}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
