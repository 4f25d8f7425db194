import './messages';
import { lazy, Suspense } from 'preact/compat';
import { useT } from '../i18n';
import { usePageTitle } from '../usePageTitle';
import { useSession } from '../useSession';
import { ClockWarning } from './ClockWarning';
import { CountsPanel } from './CountsPanel';
import { EndSession } from './EndSession';
import { HiddenIdeas } from './HiddenIdeas';
import { IdeaList } from './IdeaList';
import { LoadFailed } from './LoadFailed';
import { LiveBoard } from './LiveBoard';
import { MergeIdeas } from './MergeIdeas';
import { NameTablet } from './NameTablet';
import { SessionFilesPanel } from './files/SessionFilesPanel';
import { RoomLink } from './room/RoomLink';
import { PaperBallots } from '../paper/PaperBallots';
import { SessionHeader } from './SessionHeader';
import { StoragePanel } from './StoragePanel';
import { CouncilSyncPanel } from './sync/CouncilSyncPanel';
import './facilitator.css';
import '../gateMessages';

// Voices and sound packs: a section of its own code, fetched when the dashboard opens.
const ReadAloudPanel = lazy(() => import('../speech/ReadAloudPanel').then((m) => m.ReadAloudPanel));

/** The facilitator's dashboard for one session: run the room, watch the board, look after the ideas. */
export function FacilitatorScreen({ sessionId }: { sessionId: string }) {
  const t = useT();
  const session = useSession(sessionId);
  const { view } = session;
  // The heading is the session's title, under "Facilitator mode".
  usePageTitle(t('fac.dash.eyebrow'), view?.settings.title);

  if (!view) {
    return (
      <main class="page" id="main" tabIndex={-1}>
        <h1>{t('fac.dash.heading')}</h1>
        {session.state === 'loading' ? (
          <p>{t('common.loading')}</p>
        ) : (
          <>
            <LoadFailed session={session} sessionId={sessionId} />
            <a class="btn" href="#/">
              {t('fac.backHome')}
            </a>
          </>
        )}
      </main>
    );
  }

  return (
    <main class="page fac-page" id="main" tabIndex={-1}>
      <SessionHeader sessionId={sessionId} view={view} />
      <ClockWarning view={view} />
      <CountsPanel view={view} />
      <LiveBoard view={view} />
      <IdeaList session={session} view={view} />
      <MergeIdeas session={session} view={view} />
      <HiddenIdeas session={session} view={view} />
      <PaperBallots view={view} run={session.run} />
      <RoomLink sessionId={sessionId} />
      <SessionFilesPanel session={session} view={view} />
      <NameTablet session={session} view={view} />
      <Suspense fallback={null}>
        <ReadAloudPanel languages={view.settings.languages} />
      </Suspense>
      <CouncilSyncPanel session={session} sessionId={sessionId} />
      <StoragePanel />
      <EndSession session={session} view={view} />
    </main>
  );
}
