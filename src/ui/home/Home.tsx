import { liveQuery } from 'dexie';
import { lazy, Suspense } from 'preact/compat';
import { useEffect, useState } from 'preact/hooks';
import type { SessionEntry } from '../../storage/appDb';
import { forgetHeldSessions, noteSessionsHeld, sessionsWereDeleted } from '../../storage/heldSessions';
import { checkStorage } from '../../storage/quota';
import { useT } from '../i18n';
import { navigate } from '../router';
import { useServices } from '../services';
import { viewSession } from '../../doc/session';
import { upsertSessionEntry } from '../sessionList';
import { describeError, useInWords } from '../errors';
import { sessionDate } from '../format/dates';
import { usePageTitle } from '../usePageTitle';
import { OPEN_AGAIN_MS } from '../useSession';
import '../gateMessages';

// Importing a session file loads on demand, with its messages: a tablet in kiosk mode never needs it.
const HomeImport = lazy(() => import('../facilitator/files/HomeImport').then((m) => m.HomeImport));
// So is the offer to bring back sessions from their spare copies (shown only after the browser deleted them).
const SpareCopies = lazy(() => import('./SpareCopies').then((m) => m.SpareCopies));
// So is the council's list of sessions (enrolment, then fetching sessions down).
const HomeCouncil = lazy(() => import('../facilitator/sync/HomeCouncil').then((m) => m.HomeCouncil));

/** The first screen: this device's sessions, a new one, or the demo. */
export function Home() {
  const t = useT();
  const services = useServices();
  // The screen's heading is the app's name.
  usePageTitle(null);
  const [sessions, setSessions] = useState<SessionEntry[] | null>(null);
  const [isPrivateWindow, setPrivateWindow] = useState(false);

  useEffect(() => {
    let isCurrent = true;
    void checkStorage().then((r) => isCurrent && setPrivateWindow(r.state === 'privateWindow'));
    return () => {
      isCurrent = false;
    };
  }, []);
  const [isPreparing, setPreparing] = useState(false);
  // Put into words as the screen renders, so it follows the staff language switch.
  const [demoError, setDemoError] = useInWords();

  // Read once the list is read: the browser deleted what this tablet held (heldSessions.ts), said until read.
  const [wereDeleted, setWereDeleted] = useState(false);

  // The list could not be read (Chromium refuses to open the app's databases after its disk was full): said so,
  // and read again every OPEN_AGAIN_MS (`attempt`) until it can be.
  const [isUnreadable, setUnreadable] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    let again: ReturnType<typeof setTimeout> | null = null;
    let sub: { unsubscribe(): void } | null = null;
    const read = (): Promise<SessionEntry[]> => services.db.sessions.orderBy('updatedAt').reverse().toArray();
    const show = (listed: SessionEntry[]): void => {
      // Only a list read in full says anything: one the database refused to read is no sign of deletion.
      if (listed.length > 0) noteSessionsHeld();
      setWereDeleted(sessionsWereDeleted(listed.length));
      setSessions(listed);
      setUnreadable(false);
    };
    const refused = (): void => {
      if (!isCurrent) return;
      setUnreadable(true);
      again = setTimeout(() => setAttempt((n) => n + 1), OPEN_AGAIN_MS);
    };
    // Read once first: Dexie's liveQuery says nothing at all when the database is closed or cannot be opened (it
    // drops those errors), which left this screen "Loading…" for good on a full disk.
    read().then((listed) => {
      if (!isCurrent) return;
      show(listed);
      sub = liveQuery(read).subscribe({ next: show, error: refused });
    }, refused);
    return () => {
      isCurrent = false;
      if (again !== null) clearTimeout(again);
      sub?.unsubscribe();
    };
  }, [services.db, attempt]);

  const openDemo = async (): Promise<void> => {
    const existing = sessions?.find((s) => s.isDemo);
    if (existing) {
      navigate({ name: 'facilitator', sessionId: existing.id });
      return;
    }
    setPreparing(true);
    setDemoError(null);
    try {
      const [{ seedDemo, DEMO_PIN }, { hashPin }] = await Promise.all([
        import('../../demo/northmoor'),
        import('../../domain/pin'),
      ]);
      const sessionId = crypto.randomUUID();
      const handle = await services.docs.open(sessionId);
      seedDemo(handle.doc, sessionId, await hashPin(DEMO_PIN), services.ctx);
      await handle.whenSaved();
      const view = viewSession(handle.doc);
      await handle.close();
      if (view) await upsertSessionEntry(services.db, view, true);
      navigate({ name: 'facilitator', sessionId });
    } catch (e) {
      setDemoError((t) => describeError(t, e));
      setPreparing(false);
    }
  };

  return (
    <main class="page" id="main" tabIndex={-1}>
      <header class="page__header">
        <h1>{t('app.name')}</h1>
        <p class="lead">{t('home.lead')}</p>
      </header>
      {isPrivateWindow ? (
        <p class="alert" role="alert">
          {t('storage.privateWindow')}
        </p>
      ) : null}

      <section class="card card--demo" aria-labelledby="demo-heading">
        <h2 id="demo-heading">{t('home.demoHeading')}</h2>
        <p>{t('home.demoText')}</p>
        <p>{t('home.demoPin', { pin: '1234' })}</p>
        <button
          type="button"
          class="btn btn--primary btn--large"
          onClick={() => void openDemo()}
          disabled={isPreparing}
        >
          {isPreparing ? t('home.demoPreparing') : t('home.demoOpen')}
        </button>
        {demoError ? (
          <p class="alert" role="alert">
            {demoError(t)}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('home.sessionsHeading')}</h2>
        {wereDeleted ? (
          <div class="alert" role="alert">
            <p>{t('home.sessionsDeleted')}</p>
            <button
              type="button"
              class="btn btn--secondary"
              onClick={() => {
                forgetHeldSessions();
                setWereDeleted(false);
              }}
            >
              {t('home.sessionsDeletedDismiss')}
            </button>
          </div>
        ) : null}
        {isUnreadable ? (
          <p class="alert" role="alert">
            {t('home.sessionsUnreadable')}
          </p>
        ) : sessions === null ? (
          <p>{t('common.loading')}</p>
        ) : sessions.length === 0 ? (
          <p>{t('home.noSessions')}</p>
        ) : (
          <ul class="session-list">
            {sessions.map((s) => (
              <li key={s.id} class="session-list__item">
                <a class="session-list__link" href={`#/session/${s.id}`}>
                  <span class="session-list__title" dir="auto">
                    {s.title}
                  </span>
                  <span class="session-list__meta">
                    {t('home.sessionMeta', {
                      neighbourhood: s.neighbourhood,
                      date: sessionDate(t, s.date),
                      venue: s.venue,
                    })}
                  </span>
                  <span class="session-list__meta">
                    {t('home.ideaCount', { count: s.proposalCount })}
                    {s.isEnded ? ` · ${t('session.ended')}` : ''}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
        {sessions !== null && services.copies ? (
          <Suspense fallback={null}>
            <SpareCopies listed={sessions} />
          </Suspense>
        ) : null}
        <a class="btn btn--secondary" href="#/new">
          {t('home.create')}
        </a>
      </section>

      <Suspense fallback={null}>
        <HomeImport />
      </Suspense>

      <Suspense fallback={null}>
        <HomeCouncil />
      </Suspense>
    </main>
  );
}
