import { lazy, Suspense } from 'preact/compat';
import { useEffect, useRef, useState } from 'preact/hooks';
import { isOutOfSpace, isQuotaError, watchOutOfSpace } from '../../storage/quota';
import { useT } from '../i18n';
import { focusMainUntilInput } from '../useFocusMainOnRouteChange';
import type { SessionHandle } from '../useSession';
import '../gateMessages';

// Loaded only where a session is missing and may have a spare copy to bring back.
const SpareCopyOffer = lazy(() => import('./SpareCopyOffer').then((m) => m.SpareCopyOffer));

/**
 * What a session screen says when its session is not there ('missing') or could not be opened ('failed'), for the
 * screens that need it (dashboard, Edit the session, the room, the PIN screen). A failure for want of space says
 * so and never to close the app: in Chromium a full disk refuses every open until space is freed, and closing the
 * app then lets the browser delete every database of the app at a later start (test/manual/realDiskFull.ts).
 * useSession tries again every few seconds; "Try again" does it at once, and once space is back the screen opens
 * where it is.
 */
export function LoadFailed({
  session,
  sessionId,
}: {
  session: Pick<SessionHandle, 'state' | 'loadError' | 'retry' | 'run'>;
  sessionId: string;
}) {
  const t = useT();
  const [isOut, setOut] = useState(isOutOfSpace);
  useEffect(() => {
    setOut(isOutOfSpace());
    return watchOutOfSpace(setOut);
  }, []);
  // A "Try again" that fails again draws the alert anew, so a screen reader says it again: the person asked.
  const retries = useRef({ error: session.loadError, count: 0, isAsked: false });
  if (retries.current.error !== session.loadError) {
    const { count, isAsked } = retries.current;
    retries.current = { error: session.loadError, count: isAsked ? count + 1 : count, isAsked: false };
  }

  if (session.state === 'missing') {
    return (
      <>
        <p class="alert" role="alert">
          {t('session.notFound')}
        </p>
        <Suspense fallback={null}>
          <SpareCopyOffer sessionId={sessionId} run={session.run} />
        </Suspense>
      </>
    );
  }
  const isForSpace = isOut || isQuotaError(session.loadError);
  const tryAgain = (): void => {
    // Once the session opens this button goes with the failure: focus then goes to the screen's main content.
    focusMainUntilInput();
    retries.current.isAsked = true;
    session.retry();
  };
  return (
    <>
      <p class="alert" role="alert" key={retries.current.count}>
        {t(isForSpace ? 'fac.loadFailedSpace' : 'fac.loadFailed')}
      </p>
      <p>
        <button type="button" class="btn btn--primary" onClick={tryAgain}>
          {t('fac.loadRetry')}
        </button>
      </p>
    </>
  );
}
