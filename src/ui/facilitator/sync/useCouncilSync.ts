/**
 * Keeps one open session in sync with the council while the screen that calls it is shown and the device is
 * enrolled, unless it is the demo (src/sync/councilScope.ts), which never syncs. The provider and the sync code load
 * on demand (dynamic import): kiosk tablets never download them.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type * as Y from 'yjs';
import { viewSession } from '../../../doc/session';
import type { Enrolment } from '../../../storage/appDb';
import type { CouncilSync } from '../../../sync/councilSync';
import { mayGoToCouncil } from '../../../sync/councilScope';
import type { SyncStatus } from '../../../sync/syncStates';
import { useServices } from '../../services';
import { upsertSessionEntry } from '../../sessionList';

export interface CouncilSyncHandle {
  /** The session is the demo: it stays on this device and no sync starts. False until the session list is read. */
  isDemo: boolean;
  status: SyncStatus | null;
  /** Why the sync code could not load (e.g. the chunk was not cached), if it could not. */
  loadError: unknown;
  syncNow: () => void;
}

export function useCouncilSync(
  doc: Y.Doc | null,
  sessionId: string,
  enrolment: Enrolment | null | undefined,
): CouncilSyncHandle {
  const services = useServices();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [isDemo, setDemo] = useState(() => doc !== null && !mayGoToCouncil(doc));
  const sync = useRef<CouncilSync | null>(null);
  const token = enrolment?.token ?? null;
  const server = enrolment?.serverName;
  const role = enrolment?.role ?? 'facilitator';

  useEffect(() => {
    setStatus(null);
    setLoadError(null);
    if (!doc) return;
    let isCurrent = true;
    let started: CouncilSync | null = null;
    let lastReceived = 0;
    services.db.sessions
      .get(sessionId)
      .then(async (listed) => {
        const isKept = !mayGoToCouncil(doc, listed);
        if (isCurrent) setDemo(isKept);
        if (isKept || token === null) return;
        const [{ startCouncilSync }, mark] = await Promise.all([
          import('../../../sync/councilSync'),
          services.db.syncMarks.get(sessionId),
        ]);
        if (!isCurrent) return;
        started = startCouncilSync({
          doc,
          sessionId,
          token,
          baseUrl: server,
          role,
          mark: mark ?? null,
          saveMark: async (m) => {
            await services.db.syncMarks.put({ sessionId, ...m });
          },
          onStatus: (s) => {
            if (!isCurrent) return;
            setStatus(s);
            // What arrived changes the session list's entry (title, idea count).
            if (s.state === 'synced' && s.received !== lastReceived) {
              lastReceived = s.received;
              const view = viewSession(doc);
              if (view) upsertSessionEntry(services.db, view).catch(() => undefined);
            }
          },
        });
        sync.current = started;
      })
      .catch((e: unknown) => {
        if (isCurrent) setLoadError(e);
      });
    return () => {
      isCurrent = false;
      started?.destroy();
      sync.current = null;
    };
  }, [doc, sessionId, token, server, role, services.db]);

  return { isDemo, status, loadError, syncNow: () => sync.current?.syncNow() };
}
