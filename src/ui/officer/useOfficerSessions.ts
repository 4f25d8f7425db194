/**
 * The officer view's sessions: each one opened from this device's IndexedDB (so what was fetched before shows at
 * once) and kept in sync with the council while the screen is shown. The sync code loads on demand, like the
 * facilitator's (src/ui/facilitator/sync/useCouncilSync.ts). Commands an officer runs (a proposal's status, a
 * paper ballot) go through `run`, which resolves only once IndexedDB committed the change; the open sync then
 * sends it to the council.
 *
 * A change storage refused (a full disk) is dropped, as useSession.ts does: the document is read again from what
 * IndexedDB committed, so a later write cannot store it behind the officer's back and a retry cannot make it
 * twice. The officer's device is usually online, though, and its sync sends a change as soon as it is made, so
 * the council may hold the refused change already: the sync starts again on the reloaded document, and the
 * council sends it back. So a session's commands run one at a time (oneAtATime.ts), and after a reload the next
 * one waits until the new sync has heard from the council (or cannot): a retry then sees what came back, and the
 * commands are idempotent across retries even when the council answers later than that (a decision's retry
 * replaces its earlier tries, src/doc/statusCommands.ts StatusAttempt; a paper ballot's too, under whatever sheet
 * number, src/doc/paperCommands.ts PaperAttempt), so it makes one record.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type * as Y from 'yjs';
import type { CommandContext } from '../../doc/commands';
import { viewSession, type SessionView } from '../../doc/session';
import type { Enrolment } from '../../storage/appDb';
import type { DocHandle } from '../../storage/docStore';
import type { CouncilSync, startCouncilSync } from '../../sync/councilSync';
import type { SyncStatus } from '../../sync/syncStates';
import { oneAtATime } from '../oneAtATime';
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
  /**
   * Runs a command on one session; resolves after IndexedDB committed it. Throws a command's ValidationError
   * without changing anything; rejects with the storage error, the change dropped, if storage refused it.
   */
  run: <T>(sessionId: string, command: (doc: Y.Doc, ctx: CommandContext) => T) => Promise<T>;
  syncNow: () => void;
}

/** One session as the screen holds it: its document and the sync bound to that document. */
interface OpenSession {
  handle: DocHandle;
  sync: CouncilSync;
  /** Resolves once this sync has heard from the council, or cannot now (after a reload, see the header). */
  heard: Promise<void>;
  /** Stops the sync and stops re-reading the document (the handle stays open). */
  stop: () => void;
}

/** Longest a command waits for a restarted sync to hear from the council before it goes ahead anyway. */
const HEARD_WITHIN_MS = 15_000;

/** Resolves when the sync completes, fails, finds the device offline, stops, or after HEARD_WITHIN_MS. */
function heardFromCouncil(sync: CouncilSync): Promise<void> {
  return new Promise((resolve) => {
    const isSettled = (s: SyncStatus): boolean => s.state === 'failed' || s.state === 'offline';
    let unsubscribe = (): void => undefined;
    const timer = setTimeout(() => done(), HEARD_WITHIN_MS);
    const done = (): void => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    if (isSettled(sync.status)) {
      done();
      return;
    }
    unsubscribe = sync.subscribe((s) => {
      if (isSettled(s)) done();
    });
    // Rejects when the sync fails for good or is destroyed: either way it has nothing more to bring.
    sync.whenSynced().then(done, done);
  });
}

const notYetOpen = (sessionIds: readonly string[]): OfficerSession[] =>
  sessionIds.map((sessionId) => ({ sessionId, view: null, status: null }));

export function useOfficerSessions(sessionIds: readonly string[], enrolment: Enrolment): OfficerSessions {
  const services = useServices();
  const key = sessionIds.join(',');
  const [stored, setSessions] = useState<OfficerSession[]>(() => notYetOpen(sessionIds));
  const [loadError, setLoadError] = useState<unknown>(null);
  const opens = useRef(new Map<string, OpenSession>());
  /** Drops a session's unstored changes: its document is read again from storage and its sync started again. */
  const reopen = useRef<((sessionId: string) => Promise<void>) | null>(null);

  useEffect(() => {
    const ids = key.split(',').filter(Boolean);
    let isCurrent = true;
    /** Every handle this effect holds, to close when it ends (a reloaded handle is replaced by its successor). */
    const opened = new Map<string, DocHandle>();
    setSessions(notYetOpen(ids));
    setLoadError(null);
    const patch = (sessionId: string, change: Partial<OfficerSession>): void => {
      if (!isCurrent) return;
      setSessions((all) => all.map((s) => (s.sessionId === sessionId ? { ...s, ...change } : s)));
    };
    let startSync: typeof startCouncilSync | null = null;

    /** Shows the handle's document and syncs it with the council. */
    const attach = async (sessionId: string, handle: DocHandle, isReload: boolean): Promise<void> => {
      const refresh = (): void => patch(sessionId, { view: viewSession(handle.doc) });
      handle.doc.on('update', refresh);
      refresh();
      const [mark, listed] = await Promise.all([
        services.db.syncMarks.get(sessionId),
        services.db.sessions.get(sessionId),
      ]);
      if (!isCurrent || !startSync || opened.get(sessionId) !== handle) {
        handle.doc.off('update', refresh);
        return;
      }
      let lastReceived = -1;
      const sync = startSync({
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
            // A projection of the document, written again at the next sync; a full disk is said where the
            // officer saves, not here.
            if (view) upsertSessionEntry(services.db, view).catch(() => undefined);
          }
        },
      });
      opens.current.set(sessionId, {
        handle,
        sync,
        heard: isReload ? heardFromCouncil(sync) : Promise.resolve(),
        stop: () => {
          handle.doc.off('update', refresh);
          sync.destroy();
        },
      });
    };

    const load = async (): Promise<void> => {
      startSync = (await import('../../sync/councilSync')).startCouncilSync;
      for (const sessionId of ids) {
        const handle = await services.docs.open(sessionId);
        if (!isCurrent) {
          void handle.close();
          return;
        }
        opened.set(sessionId, handle);
        await attach(sessionId, handle, false);
      }
    };
    load().catch((e: unknown) => {
      if (isCurrent) setLoadError(e);
    });

    reopen.current = async (sessionId) => {
      const old = opens.current.get(sessionId);
      if (!old) return;
      old.stop();
      opens.current.delete(sessionId);
      let fresh: DocHandle;
      try {
        fresh = await old.handle.reload();
      } catch (e) {
        // The document could not be read again: let go of it (what it holds is stored if storage allows).
        opened.delete(sessionId);
        void old.handle.close();
        if (isCurrent) setLoadError(e);
        return;
      }
      if (!isCurrent) {
        void fresh.close();
        return;
      }
      opened.set(sessionId, fresh);
      await attach(sessionId, fresh, true);
    };

    return () => {
      isCurrent = false;
      reopen.current = null;
      opens.current.forEach((o) => o.stop());
      opens.current.clear();
      opened.forEach((h) => void h.close());
    };
  }, [key, enrolment.token, enrolment.serverName, enrolment.role, services.docs, services.db]);

  const queues = useRef(new Map<string, ReturnType<typeof oneAtATime>>());
  const runOne = useCallback(
    async <T>(
      sessionId: string,
      command: (doc: Y.Doc, ctx: CommandContext) => T | Promise<T>,
    ): Promise<T> => {
      const open = async (): Promise<OpenSession> => {
        const o = opens.current.get(sessionId);
        if (!o) throw new Error('session not open');
        await o.heard;
        return o;
      };
      let o = await open();
      // Something this device holds but could not store (a change from the council that came while the disk
      // was full) is dropped first; the sync brings it again. The command then starts from what is stored.
      if (
        await o.handle.whenSaved().then(
          () => false,
          () => true,
        )
      ) {
        await reopen.current?.(sessionId);
        o = await open();
      }
      const h = o.handle;
      // Paper ballots are signed first (src/doc/paperCommands.ts): the command resolves once it has written.
      const result = await command(h.doc, services.ctx);
      if (opens.current.get(sessionId)?.handle !== h)
        throw new Error('session closed while the change was made');
      try {
        await h.whenSaved();
      } catch (e) {
        // Refused: the change did not happen here (see the header). The screen keeps what was typed.
        await reopen.current?.(sessionId).catch(() => undefined);
        throw e;
      }
      return result;
    },
    [services.ctx],
  );
  const run = useCallback(
    <T>(sessionId: string, command: (doc: Y.Doc, ctx: CommandContext) => T | Promise<T>): Promise<T> => {
      let queue = queues.current.get(sessionId);
      if (!queue) {
        queue = oneAtATime();
        queues.current.set(sessionId, queue);
      }
      return queue(() => runOne(sessionId, command));
    },
    [runOne],
  );

  // A screen kept for other sessions (a link or Back from one session's results to another's) renders once with
  // the new ids before the effect above opens them: it shows those loading, never the sessions before.
  const isShown = stored.map((s) => s.sessionId).join(',') === key;
  return {
    sessions: isShown ? stored : notYetOpen(sessionIds),
    loadError: isShown ? loadError : null,
    run,
    syncNow: () => opens.current.forEach((o) => o.sync.syncNow()),
  };
}
