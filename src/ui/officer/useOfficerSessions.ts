/**
 * The officer view's sessions: each one opened from this device's IndexedDB (so what was fetched before shows at
 * once) and kept in sync with the council while the screen is shown. The sync code loads on demand, like the
 * facilitator's (src/ui/facilitator/sync/useCouncilSync.ts). Commands an officer runs (a proposal's status, a
 * paper ballot) go through `run`, which resolves only once IndexedDB committed the change; the open sync then
 * sends it to the council.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type * as Y from 'yjs';
import type { CommandContext } from '../../doc/commands';
import { viewSession, type SessionView } from '../../doc/session';
import type { Enrolment } from '../../storage/appDb';
import type { DocHandle } from '../../storage/docStore';
import type { CouncilSync } from '../../sync/councilSync';
import type { SyncStatus } from '../../sync/syncStates';
import { useServices } from '../services';
import { upsertSessionEntry } from '../sessionList';

export interface OfficerSession {
  sessionId: string;
  /** null until the session has content on this device (it may still be arriving from the council). */
  view: SessionView | null;
  status: SyncStatus | null;
}

export interface OfficerSessions {
  sessions: OfficerSession[];
  /** Why opening storage or loading the sync code failed, if it did. */
  loadError: unknown;
  /** Runs a command on one session; resolves after IndexedDB committed it. Throws a command's ValidationError. */
  run: <T>(sessionId: string, command: (doc: Y.Doc, ctx: CommandContext) => T) => Promise<T>;
  syncNow: () => void;
}

export function useOfficerSessions(sessionIds: readonly string[], enrolment: Enrolment): OfficerSessions {
  const services = useServices();
  const key = sessionIds.join(',');
  const [sessions, setSessions] = useState<OfficerSession[]>(() =>
    sessionIds.map((sessionId) => ({ sessionId, view: null, status: null })),
  );
  const [loadError, setLoadError] = useState<unknown>(null);
  const handles = useRef(new Map<string, DocHandle>());
  const syncs = useRef<CouncilSync[]>([]);

  useEffect(() => {
    const ids = key.split(',').filter(Boolean);
    let isCurrent = true;
    const opened: DocHandle[] = [];
    const started: CouncilSync[] = [];
    const cleanups: (() => void)[] = [];
    setSessions(ids.map((sessionId) => ({ sessionId, view: null, status: null })));
    setLoadError(null);
    const patch = (sessionId: string, change: Partial<OfficerSession>): void => {
      if (!isCurrent) return;
      setSessions((all) => all.map((s) => (s.sessionId === sessionId ? { ...s, ...change } : s)));
    };

    const load = async (): Promise<void> => {
      const { startCouncilSync } = await import('../../sync/councilSync');
      for (const sessionId of ids) {
        const handle = await services.docs.open(sessionId);
        opened.push(handle);
        if (!isCurrent) return;
        handles.current.set(sessionId, handle);
        const refresh = (): void => patch(sessionId, { view: viewSession(handle.doc) });
        handle.doc.on('update', refresh);
        cleanups.push(() => handle.doc.off('update', refresh));
        refresh();
        const [mark, listed] = await Promise.all([
          services.db.syncMarks.get(sessionId),
          services.db.sessions.get(sessionId),
        ]);
        if (!isCurrent) return;
        let lastReceived = -1;
        const sync = startCouncilSync({
          doc: handle.doc,
          sessionId,
          token: enrolment.token,
          baseUrl: enrolment.serverName,
          role: enrolment.role,
          mark: mark ?? null,
          // The demo never syncs (src/sync/councilScope.ts): its status says so ('demo').
          isListedAsDemo: listed?.isDemo,
          saveMark: async (m) => {
            await services.db.syncMarks.put({ sessionId, ...m });
          },
          onStatus: (status) => {
            patch(sessionId, { status });
            if (status.state === 'synced' && status.received !== lastReceived) {
              lastReceived = status.received;
              const view = viewSession(handle.doc);
              if (view) void upsertSessionEntry(services.db, view);
            }
          },
        });
        started.push(sync);
      }
      syncs.current = started;
    };
    load().catch((e: unknown) => {
      if (isCurrent) setLoadError(e);
    });

    return () => {
      isCurrent = false;
      cleanups.forEach((c) => c());
      started.forEach((s) => s.destroy());
      syncs.current = [];
      handles.current.clear();
      opened.forEach((h) => void h.close());
    };
  }, [key, enrolment.token, enrolment.serverName, enrolment.role, services.docs, services.db]);

  const run = useCallback(
    async <T>(
      sessionId: string,
      command: (doc: Y.Doc, ctx: CommandContext) => T | Promise<T>,
    ): Promise<T> => {
      const handle = handles.current.get(sessionId);
      if (!handle) throw new Error('session not open');
      // Paper ballots are signed first (src/doc/paperCommands.ts): the command resolves once it has written.
      const result = await command(handle.doc, services.ctx);
      await handle.whenSaved();
      return result;
    },
    [services.ctx],
  );

  return { sessions, loadError, run, syncNow: () => syncs.current.forEach((s) => s.syncNow()) };
}
