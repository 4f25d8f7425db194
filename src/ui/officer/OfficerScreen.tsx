import type { Enrolment } from '../../storage/appDb';
import type { Route } from '../router';
import { useT } from '../i18n';
import { useServices } from '../services';
import { usePageTitle } from '../usePageTitle';
import { useEnrolment } from '../facilitator/sync/useEnrolment';
import { OfficerHome } from './OfficerHome';
import { AreaScreen } from './AreaScreen';
import { Analysis } from './Analysis';
import { ReportScreen } from './ReportScreen';
import './messages';
import './officer.css';

export type OfficerRoute = Extract<
  Route,
  { name: 'officer' | 'officerArea' | 'officerSession' | 'officerReport' }
>;

/**
 * The officer view, loaded lazily (tablets never download it): only on a device enrolled as an officer, online.
 * The council's sessions by neighbourhood; one session or a neighbourhood's sessions together; the report.
 */
export function OfficerScreen({ route }: { route: OfficerRoute }) {
  const t = useT();
  const services = useServices();
  const enrolment = useEnrolment(services.db);

  if (enrolment === undefined) return <p class="page">{t('common.loading')}</p>;
  if (!enrolment || enrolment.role !== 'officer') return <NotAnOfficer enrolment={enrolment} />;
  switch (route.name) {
    case 'officer':
      return <OfficerHome enrolment={enrolment} />;
    case 'officerArea':
      return <AreaScreen enrolment={enrolment} neighbourhood={route.neighbourhood} />;
    case 'officerSession':
      return <Analysis enrolment={enrolment} sessionIds={[route.sessionId]} />;
    case 'officerReport':
      return <ReportScreen enrolment={enrolment} sessionIds={route.sessionIds} />;
  }
}

/** The officer view on a device not enrolled as an officer's: what to do instead. */
function NotAnOfficer({ enrolment }: { enrolment: Enrolment | null }) {
  const t = useT();
  usePageTitle(t('officer.heading'));
  return (
    <main class="page officer" id="main" tabIndex={-1}>
      <h1>{t('officer.heading')}</h1>
      <p class="alert" role="alert">
        {enrolment ? t('officer.notOfficer') : t('officer.notEnrolled')}
      </p>
      <a class="btn btn--secondary" href="#/">
        {t('officer.backHome')}
      </a>
    </main>
  );
}
