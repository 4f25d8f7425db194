/**
 * Opening a session document for a screen: subscribe, re-read, render (the automerge-repo `useDocument`
 * pattern). `run` applies a command and reports "saved" only after IndexedDB committed the change; a change
 * storage refused is dropped (the document is opened again from what is stored), so trying again cannot count
 * it twice.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type * as Y from 'yjs';
import type { CommandContext } from '../doc/commands';
import { viewSession, type SessionView } from '../doc/session';
import type { DocHandle } from '../storage/docStore';
import { useServices } from './services';
import { oneAtATime } from './oneAtATime';
import { upsertSessionEntry } from './sessionList';

/** Loading a session, as named states. */
export const LOAD_STATES = {
  /** Opening the document from IndexedDB. */
  loading: 'loading',
  /** Loaded and has a session in it. */
  ready: 'ready',
  /** The document is empty: no such session on this device. */
  missing: 'missing',
  /**
   * Storage could not be opened (`loadError` says why); tried again every `OPEN_AGAIN_MS` while the screen shows
   * the session, and at once by `retry`.
   */
  failed: 'failed',
} as const;
export type LoadState = (typeof LOAD_STATES)[keyof typeof LOAD_STATES];

/**
 * How often a session that could not be opened is tried again. Chromium refuses every open of the origin's
 * databases while its disk is full after a refused write ("Internal error opening backing store for
 * indexedDB.open.", measured: test/manual/realDiskFull.ts), and opens them again once space is freed; the screen
 * then shows the session by itself, so the facilitator is never sent to close the app (the browser's next starts
 * then deleted every database).
 */
export const OPEN_AGAIN_MS = 2000;

/** Saving a change, as named states. */
export const SAVE_STATES = {
  /** Nothing changed since the screen opened. */
  idle: 'idle',
  /** Written to the document, waiting for IndexedDB to commit. */
  saving: 'saving',
  /** IndexedDB committed every change so far. */
  saved: 'saved',
  /** Storage refused the write; the screen keeps what was typed. */
  failed: 'failed',
} as const;
export type SaveState = (typeof SAVE_STATES)[keyof typeof SAVE_STATES];

export interface SessionHandle {
  state: LoadState;
  view: SessionView | null;
  doc: Y.Doc | null;
  saveState: SaveState;
  saveError: unknown;
  /** Why the session could not be opened, while `state` is 'failed'; null otherwise. */
  loadError: unknown;
  /**
   * Opens the session again after it failed to load (a full disk in Chromium refuses every open until space is
   * freed): the screen goes on saying 'failed' until the open succeeds or fails again. Does nothing otherwise.
   */
  retry: () => void;
  /**
   * Runs a command against the document. Throws its ValidationError without changing anything; otherwise
   * resolves once the change is committed, or rejects with the storage error, the change dropped.
   */
  run: <T>(command: (doc: Y.Doc, ctx: CommandContext) => T) => Promise<T>;
}

/** What the hook holds for one session: never handed back under another session's id. */
interface Shown {
  sessionId: string;
  state: LoadState;
  view: SessionView | null;
  saveState: SaveState;
  saveError: unknown;
  loadError: unknown;
}

const opening = (sessionId: string): Shown => ({
  sessionId,
  state: 'loading',
  view: null,
  saveState: 'idle',
  saveError: null,
  loadError: null,
});

export function useSession(sessionId: string): SessionHandle {
  const services = useServices();
  // A screen kept for another session (a link or Back from one session's screen to another's) renders once with the
  // new id before the effect below starts opening it: it shows the new session loading, never the one before.
  const [stored, setShown] = useState<Shown>(() => opening(sessionId));
  const shown = stored.sessionId === sessionId ? stored : opening(sessionId);
  /** Changes what is shown, if it is still about that session. */
  const patch = (id: string, change: Partial<Shown>): void =>
    setShown((s) => (s.sessionId === id ? { ...s, ...change } : s));
  const handle = useRef<DocHandle | null>(null);
  /** Drops the document's unstored changes: it is read again from what storage committed (after a refused save). */
  const reopen = useRef<(() => Promise<void>) | null>(null);
  /** Opening again after a failed load: each try runs the effect below anew, for the same session. */
  const [attempt, setAttempt] = useState(0);
  const isFailed = useRef(false);
  isFailed.current = shown.state === 'failed';
  const retry = useCallback(() => {
    if (isFailed.current) setAttempt((n) => n + 1);
  }, []);

  useEffect(() => {
    let isCurrent = true;
    let current: DocHandle | null = null;
    const refresh = (): void => {
      if (!current) return;
      const v = viewSession(current.doc);
      patch(sessionId, { view: v, state: v ? 'ready' : 'missing', loadError: null });
    };
    const use = (h: DocHandle): void => {
      if (!isCurrent) {
        void h.close();
        return;
      }
      current = h;
      handle.current = h;
      h.doc.on('update', refresh);
      refresh();
    };
    // Another session starts as loading; the same one tried again stays as it was until the open settles.
    setShown((s) => (s.sessionId === sessionId ? s : opening(sessionId)));
    let openAgain: ReturnType<typeof setTimeout> | null = null;
    const tryOpening = (): void => {
      openAgain = null;
      services.docs.open(sessionId).then(use, (e: unknown) => {
        if (!isCurrent) return;
        patch(sessionId, { state: 'failed', loadError: e });
        openAgain = setTimeout(tryOpening, OPEN_AGAIN_MS);
      });
    };
    tryOpening();
    reopen.current = async () => {
      const old = current;
      if (!old) return;
      old.doc.off('update', refresh);
      current = null;
      handle.current = null;
      await old.reload().then(use, (e: unknown) => {
        // The document could not be read again: let go of it (what it holds is stored if storage allows).
        void old.close();
        if (!isCurrent) return;
        patch(sessionId, { state: 'failed', loadError: e });
        openAgain = setTimeout(tryOpening, OPEN_AGAIN_MS);
      });
    };
    return () => {
      isCurrent = false;
      if (openAgain !== null) clearTimeout(openAgain);
      handle.current = null;
      reopen.current = null;
      if (current) {
        current.doc.off('update', refresh);
        void current.close();
      }
    };
  }, [sessionId, services.docs, attempt]);

  // One command at a time: a command's save, and the reload after a refused one, are over before the next
  // command starts, so no command writes into a document that is being replaced, and each save's outcome is
  // its own.
  const queue = useRef(oneAtATime());
  const runOne = useCallback(
    async <T>(command: (doc: Y.Doc, ctx: CommandContext) => T | Promise<T>): Promise<T> => {
      const h = handle.current;
      if (h?.sessionId !== sessionId) throw new Error('session not open');
      // A resident's records are signed first (src/doc/commands.ts): the command resolves once it has written.
      const result = await command(h.doc, services.ctx);
      if (handle.current !== h) throw new Error('session closed while the change was made');
      patch(sessionId, { saveState: 'saving' });
      try {
        await h.whenSaved();
      } catch (e) {
        // Storage refused the change, so it did not happen: the document goes back to what is stored, and the
        // screen, which keeps what was typed, can try again and make one record, not a second beside one kept
        // in memory and stored by a later write (a walk: a full disk, then "Add my idea" again, gave two ideas).
        patch(sessionId, { saveState: 'failed', saveError: e });
        await reopen.current?.().catch(() => undefined);
        throw e;
      }
      patch(sessionId, { saveState: 'saved' });
      const v = viewSession(h.doc);
      // The list is a projection, rebuilt on the next save: a refusal (a full disk) is not the change's, and must
      // not become an uncaught error on the page.
      if (v) upsertSessionEntry(services.db, v).catch(() => undefined);
      return result;
    },
    [services, sessionId],
  );
  const run = useCallback(
    <T>(command: (doc: Y.Doc, ctx: CommandContext) => T | Promise<T>): Promise<T> => {
      return queue.current(() => runOne(command));
    },
    [runOne],
  );

  const { state, view, saveState, saveError, loadError } = shown;
  // The handle is the previous session's until the effect above lets it go.
  const doc = handle.current?.sessionId === sessionId ? handle.current.doc : null;
  return { state, view, doc, saveState, saveError, loadError, retry, run };
}
