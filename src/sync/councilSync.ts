/**
 * Syncs one session document with the council server: a Hocuspocus provider (3.4.4) on ws(s)://<server>/sync,
 * the device token in its auth message (never in the address). Local work never waits for it.
 *
 * Trust: the provider works on a mirror document, never on the app's. What the server sends lands in the mirror and
 * is admitted into the app's document only through the same checks as a session file (councilGate.ts). What is
 * admitted is stored by the app's IndexedDB writer like any other change.
 *
 * Sending in parts (issue 12 §1): the server closes any message over 2 MiB (src/server/limits.ts), and a provider
 * sends everything its document has that the server lacks in one message (its sync step 2). So the mirror starts
 * empty: the provider's own step 2 carries nothing of this device's, and once the provider is synced, what the
 * app's document has and the mirror lacks is split (updateParts.ts) and applied to the mirror one part at a time,
 * each sent by the provider as an ordinary update; the next part waits for the server's acknowledgement of the
 * one before (and for the mirror to hold it), so the server checks and stores each on its own. Local changes made
 * later go the same way. "synced" means every part was acknowledged and nothing is left to split.
 *
 * Roles: both read everything the server sends. A facilitator device sends its changes; an officer device sends
 * its proposal statuses, the paper ballots typed in on it and its own name (the server refuses anything else from
 * an officer, and any status from a facilitator: changeRules.ts `mayWrite`). Every local change goes to the provider; only records of maps the device's role may
 * write are counted as to send and sent.
 *
 * Counting: every record map of the app's document is observed; a record added or changed by an admission from
 * the council arrived from the server, any other one in a map this role writes is this device's to send. What is
 * still to send survives a reload through a "sync mark": the document's state vector at the last complete sync
 * (records whose current value is not covered by it are counted as to send).
 *
 * Revocation: the server closes a revoked device's socket (code 4401, reason 'revoked: ...') or refuses its next
 * authentication; both end the sync as failed with the reason 'refused'. A facilitator's device asking for a
 * session the council has not assigned to it is refused ('not-assigned: ...'): the failure 'notAssigned'.
 *
 * The demo (councilScope.ts) is never synced: the sync ends at once as failed with the reason 'demo', and nothing
 * connects.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { RECORD_MAPS } from '../doc/recordShapes';
import { MAPS } from '../doc/schema';
import { mayWrite, type WriterRole } from './changeRules';
import { admitFromCouncil, isFromCouncil } from './councilGate';
import { mayGoToCouncil } from './councilScope';
import { splitUpdate, StructTooLargeError } from './updateParts';
export { SyncError } from './syncStates';
import {
  initialStatus,
  SYNC_FAILURES,
  SYNC_STATES,
  SyncError,
  syncUrl,
  type SyncFailure,
  type SyncStatus,
} from './syncStates';

/** Where the last complete sync left the document: kept by the app in IndexedDB (AppDb.syncMarks). */
export interface SyncMark {
  stateVector: Uint8Array;
  syncedAt: number;
}

/** Whether the device has a network, and when that changes (the browser's navigator.onLine by default). */
export interface Network {
  isOnline: () => boolean;
  subscribe: (onChange: () => void) => () => void;
}

export interface CouncilSyncOptions {
  doc: Y.Doc;
  sessionId: string;
  /** The device token from enrolment; null when the device is not enrolled. */
  token: string | null;
  /** The server's address; the page's own origin by default. */
  baseUrl?: string;
  /** The enrolled device's role (AppDb.enrolment.role): what it may write, so what counts as to send. */
  role?: WriterRole;
  mark?: SyncMark | null;
  saveMark?: (mark: SyncMark) => Promise<void> | void;
  onStatus?: (status: SyncStatus) => void;
  network?: Network;
  /** For Node (tests): the `ws` package's WebSocket. */
  WebSocketPolyfill?: unknown;
  /** Delay between reconnection attempts (ms). */
  retryDelayMs?: number;
  now?: () => number;
  /** Largest part of this device's changes sent in one message (PART_BYTES by default). */
  partBytes?: number;
  /** This device's session list marks the session as the demo (councilScope.ts): it is never synced. */
  isListedAsDemo?: boolean;
}

/**
 * Largest part sent in one message: half the server's 2 MiB message limit (src/server/limits.ts maxMessageBytes),
 * leaving room for the message's header and for the deletions the mirror adds when it re-encodes a part.
 */
export const PART_BYTES = 1024 * 1024;

export interface CouncilSync {
  readonly status: SyncStatus;
  subscribe: (listener: (status: SyncStatus) => void) => () => void;
  /** Starts (or restarts, after a failure) syncing now. */
  syncNow: () => void;
  /** Resolves at the next complete sync; rejects when the sync fails for a reason retrying cannot fix. */
  whenSynced: () => Promise<SyncStatus>;
  /** Stops syncing and releases the connection. The document stays open (it is the caller's). */
  destroy: () => void;
}

/** The browser's network state; without a browser (tests), always online. */
export function browserNetwork(): Network {
  const hasWindow = typeof window !== 'undefined' && typeof navigator !== 'undefined';
  return {
    isOnline: () => (hasWindow ? navigator.onLine : true),
    subscribe: (onChange) => {
      if (!hasWindow) return () => undefined;
      window.addEventListener('online', onChange);
      window.addEventListener('offline', onChange);
      return () => {
        window.removeEventListener('online', onChange);
        window.removeEventListener('offline', onChange);
      };
    },
  };
}

/** How long updates from the server are gathered before they are checked and admitted together. */
const ADMIT_BATCH_MS = 100;

/** The close code and reason the server uses when its checks refuse an update (src/server/validation.ts). */
function isRejected(code: number, reason: string): boolean {
  return code === 4422 || /^invalid-update/.test(reason);
}

/** The close code and reason the server uses when it closes a revoked device's connection (src/server/sync.ts). */
function isRevoked(code: number, reason: string): boolean {
  return code === 4401 || /^revoked|unauthori[sz]ed/i.test(reason);
}

/** Close codes and reasons the server uses when a session or a message is over its size limit. */
function isTooLarge(code: number, reason: string): boolean {
  return code === 4413 || code === 1009 || /too-large|too large/i.test(reason);
}

/** The clients that wrote the session's meta: sent first, so the part that creates the session is complete. */
function sessionCreators(doc: Y.Doc): number[] {
  const clients = new Set<number>();
  for (const item of doc.getMap<unknown>(MAPS.meta)._map.values()) clients.add(item.id.client);
  return [...clients];
}

/** Record keys whose current value the state vector does not cover: changes the server may not have. */
function uncovered(doc: Y.Doc, mark: SyncMark | null | undefined, role: WriterRole): Set<string> {
  const out = new Set<string>();
  const sv = mark ? Y.decodeStateVector(mark.stateVector) : new Map<number, number>();
  for (const name of RECORD_MAPS) {
    if (!mayWrite(role, name)) continue;
    const map = doc.getMap<unknown>(MAPS[name]);
    for (const [key, item] of map._map) {
      if (item.deleted || !mayWrite(role, name, key)) continue;
      if (item.id.clock >= (sv.get(item.id.client) ?? 0)) out.add(`${name}|${key}`);
    }
  }
  return out;
}

export function startCouncilSync(options: CouncilSyncOptions): CouncilSync {
  const { doc, sessionId, token } = options;
  const listed = { isDemo: options.isListedAsDemo === true };
  const role: WriterRole = options.role ?? 'facilitator';
  const network = options.network ?? browserNetwork();
  const now = options.now ?? Date.now;
  const base = options.baseUrl ?? (typeof location !== 'undefined' ? location.origin : 'http://localhost');
  const listeners = new Set<(status: SyncStatus) => void>();
  let status: SyncStatus = initialStatus(options.mark?.syncedAt ?? null);
  let waiters: { resolve: (s: SyncStatus) => void; reject: (e: SyncError) => void }[] = [];

  /** Records to send (local changes not yet acknowledged) and records that arrived in this sync. */
  const toSend = uncovered(doc, options.mark, role);

  /**
   * The provider's document: what the server sent (admitted or not), plus the parts of this device's content sent
   * so far. It starts empty, so that the provider's own sync step 2 never carries the whole session.
   */
  const mirror = new Y.Doc();
  const FROM_APP = Symbol('app');
  const partBytes = options.partBytes ?? PART_BYTES;
  /** Parts split from the app's document and not yet applied to the mirror (so not yet sent). */
  let outbox: Uint8Array[] = [];
  let partCount = 0;
  /** The app's document may hold what the mirror lacks: split it again when the outbox is empty. */
  let isLocalAhead = true;
  let isSendScheduled = false;
  // Sending waits for the app's own transaction to finish (and gathers a burst of them): a local write never
  // waits for, or fails because of, the sync.
  const onLocalUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (isFromCouncil(origin)) return;
    isLocalAhead = true;
    if (isSendScheduled) return;
    isSendScheduled = true;
    queueMicrotask(() => {
      isSendScheduled = false;
      if (isDestroyed) return;
      try {
        sendNextPart();
      } catch {
        fail(SYNC_FAILURES.serverError, true);
      }
    });
  };
  doc.on('update', onLocalUpdate);
  // Admitting checks a scratch copy of the whole session (about 60 ms for a full workshop day), so updates that
  // arrive close together are admitted together; a complete sync admits what is waiting first.
  let admitTimer: ReturnType<typeof setTimeout> | null = null;
  const flushAdmit = (): void => {
    if (admitTimer === null) return;
    clearTimeout(admitTimer);
    admitTimer = null;
    try {
      const { problems } = admitFromCouncil(doc, mirror, sessionId);
      if (problems.length > 0 || status.problems.length > 0) emit({ problems });
    } catch {
      emit({ problems: [{ map: 'meta', key: '', field: '', problem: 'incomplete' }] });
    }
  };
  const admit = (_update: Uint8Array, origin: unknown): void => {
    if (provider === null || origin !== provider || admitTimer !== null) return;
    admitTimer = setTimeout(flushAdmit, ADMIT_BATCH_MS);
  };
  mirror.on('update', admit);
  const received = new Set<string>();
  let sent = 0;
  let provider: HocuspocusProvider | null = null;
  let socket: HocuspocusProviderWebsocket | null = null;
  let wasOpen = false;
  let isDestroyed = false;
  /** A sync completed on the current connection (not just remembered from an earlier one). */
  let hasCompleted = false;
  /** Most unacknowledged changes seen in this sync: the denominator of the last phase's progress. */
  let peakUnsynced = 0;

  const emit = (patch: Partial<SyncStatus>): void => {
    status = { ...status, ...patch, sent, received: received.size, toSend: toSend.size };
    options.onStatus?.(status);
    for (const l of listeners) l(status);
  };

  const settle = (): void => {
    const list = waiters;
    waiters = [];
    if (status.state === SYNC_STATES.synced) list.forEach((w) => w.resolve(status));
    else if (status.state === SYNC_STATES.failed) {
      list.forEach((w) => w.reject(new SyncError(status.failure ?? SYNC_FAILURES.serverError)));
    }
  };

  const stopProvider = (): void => {
    // Closing a socket that is still connecting makes Node's ws emit an error after its listeners are gone.
    socket?.webSocket?.addEventListener('error', () => undefined);
    provider?.destroy();
    socket?.destroy();
    provider = null;
    socket = null;
  };

  const fail = (failure: SyncFailure, stop: boolean): void => {
    if (stop) stopProvider();
    emit({ state: SYNC_STATES.failed, failure, progress: 0, parts: null });
    // Reasons a retry cannot fix end the wait; an unreachable server is retried by the provider.
    if (stop) settle();
  };

  /**
   * Applies the next part of what the app's document has and the mirror lacks to the mirror, so the provider sends
   * it, once the server has acknowledged everything sent before (one part in flight at a time: the server checks
   * each on its own, and a connection dropped meanwhile resends at most one part in the provider's sync step 2).
   */
  const sendNextPart = (): void => {
    const p = provider;
    if (isDestroyed || !p || !p.isAuthenticated || !p.synced || p.unsyncedChanges > 0) return;
    // The demo never goes, even if it became the demo only now (a session file of it imported meanwhile).
    if (!mayGoToCouncil(doc, listed)) {
      fail(SYNC_FAILURES.demo, true);
      return;
    }
    for (;;) {
      if (outbox.length === 0) {
        if (!isLocalAhead) return;
        isLocalAhead = false;
        const base = Y.encodeStateVector(mirror);
        try {
          outbox = splitUpdate(Y.encodeStateAsUpdate(doc, base), partBytes, {
            base: Y.decodeStateVector(base),
            first: sessionCreators(doc),
          });
        } catch (e) {
          // One record bigger than a message may be: the server could never take it (refused in words there).
          if (e instanceof StructTooLargeError) {
            fail(SYNC_FAILURES.tooLarge, true);
            return;
          }
          throw e;
        }
        partCount = outbox.length;
        if (partCount === 0) return;
      }
      // Applying a part the mirror already holds sends nothing: then the next one goes at once.
      Y.applyUpdate(mirror, outbox.shift()!, FROM_APP);
      if (provider !== p || p.unsyncedChanges > 0) return;
    }
  };

  const checkComplete = (): void => {
    flushAdmit();
    const p = provider;
    if (!p || !p.isAuthenticated || !p.synced) return;
    sendNextPart();
    if (provider !== p) return;
    const unsynced = p.unsyncedChanges;
    if (unsynced > 0 || outbox.length > 0 || isLocalAhead) {
      peakUnsynced = Math.max(peakUnsynced, unsynced);
      const acknowledged = partCount - outbox.length - (unsynced > 0 ? 1 : 0);
      emit({
        state: SYNC_STATES.syncing,
        failure: null,
        progress:
          partCount > 1
            ? 0.7 + 0.3 * (Math.max(acknowledged, 0) / partCount)
            : 0.7 + 0.3 * (1 - unsynced / Math.max(peakUnsynced, 1)),
        parts: partCount > 1 ? { sent: Math.max(acknowledged, 0), count: partCount } : null,
      });
      return;
    }
    peakUnsynced = 0;
    partCount = 0;
    hasCompleted = true;
    sent += toSend.size;
    toSend.clear();
    const syncedAt = now();
    emit({ state: SYNC_STATES.synced, failure: null, progress: 1, lastSyncedAt: syncedAt, parts: null });
    settle();
    void Promise.resolve(options.saveMark?.({ stateVector: Y.encodeStateVector(doc), syncedAt })).catch(
      () => undefined,
    );
  };

  const observers = RECORD_MAPS.map((name) => {
    const map = doc.getMap<unknown>(MAPS[name]);
    const observer = (event: Y.YMapEvent<unknown>): void => {
      const fromServer = isFromCouncil(event.transaction.origin);
      for (const [key, change] of event.changes.keys) {
        if (change.action === 'delete') continue;
        const id = `${name}|${key}`;
        if (fromServer) {
          received.add(id);
          toSend.delete(id);
        } else if (mayWrite(role, name, key)) toSend.add(id);
      }
      if (isDestroyed) return;
      // Changes from the server while synced move the sync mark on (they are the server's already).
      if (fromServer && status.state === SYNC_STATES.synced) checkComplete();
      else emit({});
    };
    map.observe(observer);
    return () => map.unobserve(observer);
  });

  const start = (): void => {
    if (isDestroyed) return;
    stopProvider();
    if (!mayGoToCouncil(doc, listed)) {
      fail(SYNC_FAILURES.demo, true);
      return;
    }
    if (token === null || token === '') {
      fail(SYNC_FAILURES.notEnrolled, true);
      return;
    }
    if (!network.isOnline()) {
      emit({ state: SYNC_STATES.offline, failure: null, progress: 0 });
      return;
    }
    wasOpen = false;
    hasCompleted = false;
    // What the server lacks is worked out afresh against the mirror once the new connection is synced.
    outbox = [];
    partCount = 0;
    isLocalAhead = true;
    // Counts are per sync: this one starts from zero.
    sent = 0;
    received.clear();
    emit({ state: SYNC_STATES.connecting, failure: null, progress: 0.1, parts: null });
    const ws = new HocuspocusProviderWebsocket({
      url: syncUrl(base),
      WebSocketPolyfill: options.WebSocketPolyfill,
      delay: options.retryDelayMs ?? 1000,
      minDelay: Math.min(options.retryDelayMs ?? 1000, 1000),
      maxDelay: 30_000,
      onOpen: () => {
        wasOpen = true;
        if (status.state !== SYNC_STATES.failed || status.failure === SYNC_FAILURES.offline) {
          emit({ state: SYNC_STATES.connecting, failure: null, progress: 0.25 });
        }
      },
      onClose: ({ event }) => {
        if (isDestroyed || socket !== ws) return;
        const code = event.code;
        const reason = typeof event.reason === 'string' ? event.reason : '';
        if (isTooLarge(code, reason)) {
          fail(SYNC_FAILURES.tooLarge, true);
          return;
        }
        if (isRejected(code, reason)) {
          fail(SYNC_FAILURES.rejected, true);
          return;
        }
        if (isRevoked(code, reason)) {
          fail(SYNC_FAILURES.refused, true);
          return;
        }
        if (status.state === SYNC_STATES.failed && status.failure !== SYNC_FAILURES.offline) return;
        if (!network.isOnline()) {
          emit({ state: SYNC_STATES.offline, failure: null, progress: 0 });
          return;
        }
        // Dropped after being connected: the provider reconnects. Never reached: the server is unreachable.
        if (wasOpen) emit({ state: SYNC_STATES.connecting, failure: null, progress: 0.1 });
        else fail(SYNC_FAILURES.offline, false);
        wasOpen = false;
      },
    });
    socket = ws;
    const p = new HocuspocusProvider({
      websocketProvider: ws,
      name: sessionId,
      document: mirror,
      token,
      onAuthenticated: () => emit({ state: SYNC_STATES.syncing, failure: null, progress: 0.4 }),
      onAuthenticationFailed: ({ reason }) => {
        fail(
          /^not-assigned/i.test(reason)
            ? SYNC_FAILURES.notAssigned
            : /unauthori[sz]ed|revoked/i.test(reason)
              ? SYNC_FAILURES.refused
              : SYNC_FAILURES.serverError,
          true,
        );
      },
      onSynced: ({ state }) => {
        if (!state) return;
        emit({ state: SYNC_STATES.syncing, failure: null, progress: 0.7 });
        checkComplete();
      },
      onUnsyncedChanges: () => checkComplete(),
      // The server closes one document (not the socket) with a CLOSE message saying why, e.g. it is too large.
      onClose: ({ event }) => {
        const reason = typeof event.reason === 'string' ? event.reason : '';
        if (isDestroyed || provider !== p) return;
        if (isTooLarge(event.code, reason)) fail(SYNC_FAILURES.tooLarge, true);
        else if (isRejected(event.code, reason)) fail(SYNC_FAILURES.rejected, true);
        else if (isRevoked(event.code, reason)) fail(SYNC_FAILURES.refused, true);
      },
    });
    provider = p;
    p.attach();
  };

  const unsubscribeNetwork = network.subscribe(() => {
    if (isDestroyed) return;
    if (network.isOnline()) {
      if (status.state === SYNC_STATES.offline) start();
    } else if (status.state !== SYNC_STATES.failed || status.failure === SYNC_FAILURES.offline) {
      // The provider keeps trying in the background and picks up when the network is back.
      emit({ state: SYNC_STATES.offline, failure: null, progress: 0 });
    }
  });

  emit({});
  start();

  return {
    get status() {
      return status;
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    syncNow: () => {
      // A sync under way carries on; otherwise a fresh one starts (a full exchange, shown phase by phase).
      if (isDestroyed || status.state === SYNC_STATES.connecting || status.state === SYNC_STATES.syncing)
        return;
      start();
    },
    whenSynced: () =>
      new Promise<SyncStatus>((resolve, reject) => {
        if (status.state === SYNC_STATES.synced && hasCompleted) resolve(status);
        // Already stopped by a reason retrying cannot fix (e.g. the demo, refused before anything started).
        else if (status.state === SYNC_STATES.failed && provider === null) {
          reject(new SyncError(status.failure ?? SYNC_FAILURES.serverError));
        } else waiters.push({ resolve, reject });
      }),
    destroy: () => {
      if (isDestroyed) return;
      isDestroyed = true;
      unsubscribeNetwork();
      observers.forEach((off) => off());
      doc.off('update', onLocalUpdate);
      mirror.off('update', admit);
      if (admitTimer !== null) clearTimeout(admitTimer);
      stopProvider();
      mirror.destroy();
      waiters.forEach((w) => w.reject(new SyncError('stopped')));
      waiters = [];
      listeners.clear();
    },
  };
}
