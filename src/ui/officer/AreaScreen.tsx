import type { Enrolment } from '../../storage/appDb';
import { describeCouncilError } from '../facilitator/sync/words';
import { useT } from '../i18n';
import { usePageTitle } from '../usePageTitle';
import { Analysis } from './Analysis';
import { isSameNeighbourhood } from '../../domain/neighbourhood';
import { useCouncilList } from './useCouncilList';

/** All sessions of one neighbourhood together: the council's list says which they are. */
export function AreaScreen({ enrolment, neighbourhood }: { enrolment: Enrolment; neighbourhood: string }) {
  const t = useT();
  // As Analysis names it, while the list comes and when it holds none of the neighbourhood's sessions.
  usePageTitle(t('officer.heading'), neighbourhood);
  const { sessions, error, reload } = useCouncilList(enrolment);
  if (error) {
    return (
      <main class="page officer" id="main" tabIndex={-1}>
        <h1>{neighbourhood}</h1>
        <div class="alert" role="alert">
          <p>{describeCouncilError(t, error)}</p>
          <button type="button" class="btn btn--secondary" onClick={reload}>
            {t('officer.tryAgain')}
          </button>
        </div>
      </main>
    );
  }
  if (!sessions) return <p class="page">{t('common.loading')}</p>;
  const ids = sessions
    .filter((s) => isSameNeighbourhood(s.neighbourhood, neighbourhood))
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id))
    .map((s) => s.id);
  if (ids.length === 0) {
    return (
      <main class="page officer" id="main" tabIndex={-1}>
        <h1>{neighbourhood}</h1>
        <p>{t('officer.areaEmpty')}</p>
        <a class="btn btn--secondary" href="#/officer">
          {t('officer.backToList')}
        </a>
      </main>
    );
  }
  return <Analysis enrolment={enrolment} sessionIds={ids} neighbourhood={neighbourhood} />;
}
