import { useEffect, useState } from 'preact/hooks';
import * as Y from 'yjs';
import { describeError, useInWords } from '../errors';
import { useT } from '../i18n';
import { useServices } from '../services';
import type { SessionHandle } from '../useSession';
import '../gateMessages';

/**
 * Offered where a session screen finds its session empty ('missing') while the tablet keeps a spare copy of it
 * (src/storage/sessionCopies.ts): on real Chromium, after its disk was full, a session's database was sometimes found
 * empty once space was freed, the browser still running, while the tablet's list still named it (so the first
 * screen, which offers copies of sessions missing from the list, did not). Bringing it back stores the copy into the
 * session through the screen's own document, as any change is saved, and the screen then shows the session.
 */
export function SpareCopyOffer({ sessionId, run }: { sessionId: string; run: SessionHandle['run'] }) {
  const t = useT();
  const { copies } = useServices();
  const [copy, setCopy] = useState<Uint8Array | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [problem, setProblem] = useInWords();
  useEffect(() => {
    let isCurrent = true;
    copies?.read(sessionId).then(
      (state) => isCurrent && setCopy(state),
      () => undefined,
    );
    return () => {
      isCurrent = false;
    };
  }, [copies, sessionId]);
  if (!copy) return null;

  const bringBack = async (): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      await run((doc) => Y.applyUpdate(doc, copy));
    } catch (e) {
      setProblem((t) => describeError(t, e));
      setBusy(false);
    }
  };
  return (
    <div class="card">
      <p>{t('fac.spareCopy')}</p>
      <button type="button" class="btn btn--primary" disabled={isBusy} onClick={() => void bringBack()}>
        {t('fac.spareCopyRestore')}
      </button>
      {problem ? (
        <p class="alert" role="alert">
          {problem(t)}
        </p>
      ) : null}
    </div>
  );
}
