import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type * as Y from 'yjs';
import { useT } from '../i18n';
import { useServices } from '../services';
import { useSession } from '../useSession';
import { KioskMessage } from './KioskMessage';
import { KioskTurn } from './KioskTurn';
import { abandonTurn, deleteAbandonedDrafts, NO_TURN, type LiveTurn } from './liveTurn';
import { useHistoryGuard } from './useHistoryGuard';
import './kiosk.css';

/**
 * The resident's kiosk for one session. Each resident's turn is a fresh KioskTurn under a new key, so nothing
 * typed, chosen or answered in one turn survives into the next.
 */
export function KioskScreen({
  sessionId,
  onLanguage,
}: {
  sessionId: string;
  onLanguage: (code: string) => void;
}) {
  const t = useT();
  const services = useServices();
  const live = useRef<LiveTurn>(NO_TURN);
  const docRef = useRef<Y.Doc | null>(null);
  // A layout effect declared before useSession: its clean-up runs while the document is still open, so a turn
  // cut short by leaving the kiosk is still finished and its drafts deleted.
  useLayoutEffect(
    () => () => {
      abandonTurn(docRef.current, live.current, services.ctx);
      live.current = NO_TURN;
    },
    [sessionId],
  );
  const session = useSession(sessionId);
  docRef.current = session.doc;
  const [turn, setTurn] = useState(0);
  const back = useRef<(() => void) | null>(null);
  useHistoryGuard(sessionId, back);

  // Once the session is open, before anyone starts: wipe drafts of turns that never ended (a reload mid-turn).
  const isReady = session.state === 'ready' && session.view !== null;
  useEffect(() => {
    if (!isReady || !session.view) return;
    const ids = new Set(session.view.records.participants.map((p) => p.id));
    void deleteAbandonedDrafts(services.db, sessionId, ids).catch(() => undefined);
  }, [isReady, sessionId]);

  if (session.state === 'failed') {
    return (
      <KioskMessage title={t('kiosk.failed.title')}>
        <p class="kiosk-text">{t('kiosk.failed.text')}</p>
      </KioskMessage>
    );
  }
  if (session.state === 'missing') {
    return (
      <KioskMessage title={t('session.notFound')}>
        <p class="kiosk-text">{t('kiosk.missing.text')}</p>
      </KioskMessage>
    );
  }
  if (session.state === 'loading' || !session.view) return <KioskMessage title={t('common.loading')} />;

  return (
    <KioskTurn
      key={`${sessionId}:${turn}`}
      sessionId={sessionId}
      view={session.view}
      run={session.run}
      live={live}
      backRef={back}
      onLanguage={onLanguage}
      onTurnOver={() => setTurn((n) => n + 1)}
    />
  );
}
