import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type * as Y from 'yjs';
import { useT } from '../i18n';
import { useServices } from '../services';
import { useSession } from '../useSession';
import { KioskMessage } from './KioskMessage';
import { KioskTurn } from './KioskTurn';
import { finishParticipant } from '../../doc/commands';
import { deleteLiveTurn, readLiveTurn } from '../../storage/liveTurns';
import {
  abandonTurn,
  deleteAbandonedDrafts,
  NO_TURN,
  turnOnOpen,
  type LiveTurn,
  type ResumedTurn,
} from './liveTurn';
import { useHistoryGuard } from './useHistoryGuard';
import { idleMsFrom } from './useIdle';
import './kiosk.css';

/**
 * The resident's kiosk for one session. Each resident's turn is a fresh KioskTurn under a new key, so nothing
 * typed, chosen or answered in one turn survives into the next. On opening, a turn cut short by a reload or a
 * crash is taken up again if its resident was active less than the idle time ago, else ended (liveTurn.ts).
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

  // Once the session is open, before anyone starts: resume the turn cut short here (within the idle time) or end
  // it, and wipe drafts of every other turn that never ended. Nothing is shown until this is decided.
  const isReady = session.state === 'ready' && session.view !== null;
  const [opened, setOpened] = useState<{ sessionId: string; resume: ResumedTurn | null } | null>(null);
  useEffect(() => {
    const view = session.view;
    if (!isReady || !view) return;
    let isCurrent = true;
    const open = async (): Promise<ResumedTurn | null> => {
      const [marker, idle] = await Promise.all([
        readLiveTurn(services.db, sessionId).catch(() => undefined),
        services.db.settings.get('kioskIdleMs').catch(() => undefined),
      ]);
      const decision = turnOnOpen(marker, view, services.ctx.deviceId, Date.now(), idleMsFrom(idle?.value));
      if (decision.kind === 'end') {
        // As the idle timeout would have: the participant is finished, what they saved stays saved.
        const pid = decision.participantId;
        if (decision.isOpen)
          await session.run((doc, ctx) => finishParticipant(doc, pid, ctx)).catch(() => undefined);
        await deleteLiveTurn(services.db, sessionId, pid).catch(() => undefined);
      }
      const resume = decision.kind === 'resume' ? decision.turn : null;
      const ids = new Set(view.records.participants.map((p) => p.id));
      await deleteAbandonedDrafts(services.db, sessionId, ids, resume?.participantId ?? null).catch(
        () => undefined,
      );
      return resume;
    };
    void open().then((resume) => {
      if (isCurrent) setOpened({ sessionId, resume });
    });
    return () => {
      isCurrent = false;
    };
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
  if (session.state === 'loading' || !session.view || opened?.sessionId !== sessionId)
    return <KioskMessage title={t('common.loading')} />;

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
      resume={turn === 0 ? opened.resume : null}
    />
  );
}
