/**
 * The council sync server: Hocuspocus on a ws WebSocketServer that shares the app's node:http server (path /sync).
 *
 * Durability: Hocuspocus applies a client's update to the document (Y.applyUpdate, which fires the document's
 * 'update' event synchronously) and only then sends the SyncStatus ack (MessageReceiver.readSyncMessage in
 * @hocuspocus/server 3.4.4). Our 'update' handler appends the update to SQLite synchronously, so no client is
 * ever told "stored" before the row is committed. If the append fails, the handler throws: no ack is sent, the
 * connection is closed, and the document is unloaded so that it is rebuilt from what is really stored.
 *
 * Trust: before Hocuspocus applies a client's update, beforeHandleMessage checks it on a scratch copy with the
 * session-file rules (validation.ts) and refuses it (close reason 'invalid-update: ...', code 4422, a log line
 * naming the rule and record key, nothing stored, the document unchanged) or applies it itself, so that the
 * scratch copy and the live document stay equal; Hocuspocus's own apply then finds nothing new and acknowledges.
 * Updates are checked one at a time, each connection's in the order they arrive, each check and its apply in one
 * synchronous step (updateQueue.ts), so a burst of valid updates on one connection is all accepted.
 *
 * Turns (checkTurns.ts): every WebSocket handshake, sign-in, session load and message (with the check, apply and
 * answer it sets going) takes a turn, in slices of about 10 ms of the event loop, so that a burst (a thousand
 * tablets at once, one connection's thousands of updates) delays neither other devices nor /api/health by more
 * than a slice or so. Hocuspocus's own work for a message runs in promise reactions after our
 * beforeHandleMessage, so the turn is taken there rather than at the ws 'message' event: messages Hocuspocus
 * queued during sign-in, and all the devices that waited for one session's load, then also go one turn each
 * instead of all in the turn that ended the wait. A device's messages go before sign-ins, and those before new
 * handshakes; a socket with more than half of Limits.maxWaitingBytesPerConnection waiting is read no further
 * until it is down to a quarter. An update that
 * depends on changes not received yet is held without touching the scratch copy, looked at again only once the
 * document has what it lacked, and refused when still incomplete after Limits.maxHoldMs ('invalid-update:
 * incomplete', 4422); a connection holding more than Limits.maxHeldUpdatesPerConnection updates or
 * maxHeldBytesPerConnection bytes is refused ('too-many-held-updates', 4429) and its held updates dropped.
 * Admin rollbacks (FROM_ARCHIVE) do not go through client messages and are not checked.
 *
 * Size: a message may be at most Limits.maxMessageBytes, except a document update or sync step 2 from a signed-in
 * device, which may be as large as a session (a plain provider's first sync sends everything at once): it is
 * checked in parts, each as an update of its own, and stored only if every part passes (largeUpdates.ts). What
 * the server receives and checks of such messages at once is bounded by one budget
 * (Limits.maxLargeMessageBytesInFlight); past it a device is closed with 1013 ('server-busy') and tries again.
 *
 * Roles: both roles read; what each may write is changeRules.ts `roleProblems` (an officer only adds proposal
 * statuses, a facilitator never writes them), checked with the rest of the update; an officer device the admin
 * lets relay a session after a restore (relayPermits.ts) writes there what either role may. A facilitator device opens
 * only the sessions assigned to it, those it has written to, or one it is creating (assignments.ts `mayOpen`);
 * otherwise authentication is refused ('not-assigned: ...', 4403).
 *
 * Revocation (the admin CLI, another process, marks the device revoked in SQLite): every incoming message is
 * checked before it is applied, and every open socket on an interval (Limits.revocationPollMs). A revoked
 * device's socket is closed with code 4401 and a reason starting 'revoked', which the app shows as "removed from
 * the council's list"; its next connection is refused at authentication. Nothing it sends after revocation is
 * applied or stored.
 */
import { Connection, Hocuspocus, type ConnectionConfiguration, type Document } from '@hocuspocus/server';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import { mayOpen } from './assignments';
import { archiveJobs, loadSession, type ArchiveJobs, type LoadedSession } from './archiveJobs';
import { anySessionWithRowsSinceSnapshot, rowsSinceSnapshot } from './compaction';
import { deviceForToken, isRevoked, revokedAmong, sha256 } from './devices';
import { mayRelay } from './relayPermits';
import type { WriterRole } from '../sync/changeRules';
import { checkCredential, DEFAULT_LIMITS, remoteAddress, tokenFailures, type Limits } from './limits';
import type { Logger } from './log';
import { SessionIndex } from './sessionIndex';
import { ADMIN_DEVICE, isSessionId, type Role, type Store } from './store';
import { CheckTurns, NextInLine } from './checkTurns';
import { UpdateQueue, type CheckCounters, type Outcome } from './updateQueue';
import { describeProblem, syncUpdateOf, UpdateGate } from './validation';
import { ByteBudget, emptyTheUpdate, meterIntake, partsInSteps, type Intake } from './largeUpdates';
import { StructTooLargeError } from '../sync/updateParts';
import { cacheFor } from './stateCache';

/**
 * Turn priorities (checkTurns.ts): a device's messages and the session loads first (0), then sign-ins, then new
 * WebSocket handshakes, so that in a burst devices finish one after another rather than all at the end.
 */
const SIGN_IN = 1;
const HANDSHAKE = 2;

/** Transaction origin of updates that come from the archive itself (loading, admin rollbacks). */
const FROM_ARCHIVE = Symbol('archive');

/** The close code and reason for a revoked device's socket (the app matches /revoked/). */
export const REVOKED_CODE = 4401;
export const REVOKED_REASON = 'revoked: this device was removed from the council list';

/** The close code and reason when the server is already taking in as many large messages as it may. */
export const BUSY_CODE = 1013;
export const BUSY_REASON =
  'server-busy: other big uploads are being checked; this device will try again shortly';
/** The close code for a message over the limit that is not a document update (the app shows "too large"). */
export const TOO_BIG_CODE = 1009;

/** Per WebSocket: shared (by reference) by the contexts of every document on that socket. */
interface SocketState {
  authenticated: boolean;
  /** Messages and bytes Hocuspocus queues for documents not (yet) authenticated on this socket. */
  pending: Map<string, { messages: number; bytes: number }>;
  /** Documents authenticated on this socket now. */
  documents: Set<string>;
  /** device id → Hocuspocus socket id, for the per-device connection count. */
  devices: Map<string, string>;
  onAuthenticated: () => void;
  /**
   * Runs `work` in `key`'s next turn (checkTurns.ts), a message of `bytes` counted as waiting until `work` is done:
   * past half of Limits.maxWaitingBytesPerConnection the socket is read no further (TCP holds the rest back) until
   * what waits is down to a quarter, so a device sending faster than its turns come loses nothing, fills no
   * memory, and never meets the update queue's own limit (updateQueue.ts 'overWaiting').
   */
  inTurn: (key: object, bytes: number, work: () => Promise<void>) => Promise<void>;
  /** Closes the whole socket (every document on it), once. */
  close: (code: number, reason: string) => void;
  remote: string;
  /** Meters what the socket receives (large messages hold the server's budget: largeUpdates.ts). */
  intake: Intake;
}

export interface SyncContext {
  remote: string;
  socket: SocketState;
  deviceId?: string;
  role?: Role;
}

export interface SyncServer {
  hocuspocus: Hocuspocus;
  handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** The HTTP server accepted a connection: keep the next turn of the event loop short (checkTurns.ts hurry). */
  connectionArrived: () => void;
  stats: () => { documents: number; connections: number };
  /** Updates held now (and their bytes), and how often a scratch copy was built from its session so far. */
  checkStats: () => CheckCounters;
  /** Bytes of messages over the message limit being received or checked now (their shared budget in use). */
  largeBytesInFlight: () => number;
  /** Resolves once every compaction asked for so far is done (or found not due): tests. */
  archiveIdle: () => Promise<void>;
  /** The archive worker (archiveJobs.ts): the retention period's erasure runs there too (app.ts). */
  archive: ArchiveJobs;
  /** The loader: sessions' loads with many rows to merge (`Limits.loadOffThreadRows`). */
  loader: ArchiveJobs;
  close: () => Promise<void>;
}

/** A refusal Hocuspocus passes to the client: `reason` is shown to it, `code` closes the connection. */
class Refusal extends Error {
  constructor(
    readonly reason: string,
    readonly code = 4403,
  ) {
    super(reason);
  }
}

/** A WebSocket close reason may hold at most 123 bytes of UTF-8. */
export function closeReason(text: string): string {
  const bytes = new TextEncoder().encode(text);
  if (bytes.byteLength <= 123) return text;
  return new TextDecoder().decode(bytes.subarray(0, 120)).replace(/\uFFFD$/, '') + '...';
}

/** Reads just enough of a Hocuspocus message (varString document name, varUint type, varUint sync type). */
export function peekMessage(
  data: Uint8Array,
): { documentName: string; type: number; syncType: number } | null {
  let pos = 0;
  const varUint = (): number => {
    let n = 0;
    let mult = 1;
    for (let i = 0; i < 5; i++) {
      const b = data[pos++];
      if (b === undefined) throw new RangeError('truncated');
      n += (b & 0x7f) * mult;
      if (b < 0x80) return n;
      mult *= 128;
    }
    throw new RangeError('varint too long');
  };
  try {
    const len = varUint();
    if (len > 200 || pos + len > data.length) return null;
    const documentName = new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(pos, pos + len));
    pos += len;
    const type = varUint();
    const syncType = type === 0 && pos < data.length ? varUint() : -1;
    return { documentName, type, syncType };
  } catch {
    return null;
  }
}

function contextOf(value: unknown): SyncContext {
  return value as SyncContext;
}

export function createSync(
  store: Store,
  log: Logger,
  limits: Limits = DEFAULT_LIMITS,
  index: SessionIndex = new SessionIndex(store, log),
): SyncServer {
  const authFailures = tokenFailures(store, limits);
  /**
   * The server's work in a burst takes turns here (checkTurns.ts): each WebSocket handshake, each sign-in, each
   * session load and each message a connection sends, with what it sets going (Hocuspocus applying the message,
   * the answer sent), in slices of about 10 ms, so that /api/health and other sockets are served between slices.
   */
  const turns = new CheckTurns();
  const checksInLine = new NextInLine(turns);
  /** device id → socket ids it has open. */
  const deviceSockets = new Map<string, Set<string>>();
  /** Per loaded document: stored bytes and the last admin archive row applied. */
  const loaded = new Map<string, { storedBytes: number; lastAdminId: number }>();

  /** Compaction and other archive work, on a thread of its own (archiveJobs.ts). */
  const archive = archiveJobs(store);
  /** Sessions' loads with many rows to merge, on a thread of their own: behind no compaction or erasure. */
  const loader = archiveJobs(store, {
    // Loads go on, read on this thread; the next large one starts the loader again.
    onStopped: (reason) => log('loader-stopped', { reason }),
  });
  // Started now when some session already has that many rows (a server restarted while tablets wrote all day):
  // the morning's first loads then need not wait for it, nor be read here. Otherwise the first such load starts it.
  if (anySessionWithRowsSinceSnapshot(store, limits.loadOffThreadRows)) loader.readyOffThread();

  /**
   * What loading a session applies (archiveJobs.ts loadSession), and where it was read: on the loader's thread
   * when the session has `loadOffThreadRows` rows to merge and that thread is ready, else on this one (in the
   * caller's turn). A loader that failed or is closing leaves the read to this thread.
   */
  async function readForLoad(sessionId: string): Promise<LoadedSession & { on: 'loader' | 'server' }> {
    if (rowsSinceSnapshot(store, sessionId) >= limits.loadOffThreadRows && loader.readyOffThread()) {
      const outcome = await loader.load(sessionId);
      if (outcome.kind === 'loaded') return { ...outcome.loaded, on: 'loader' };
      log('session-load-read-here', {
        session: sessionId,
        reason: outcome.kind === 'failed' ? outcome.reason : 'closed',
      });
      await turns.turn(sessionId);
    }
    return { ...loadSession(store, sessionId), on: 'server' };
  }
  /**
   * Compacts a session nobody has open when it has gathered Limits.compactAfterRows rows since its snapshot: in
   * the archive worker, so that /api/health and every device go on meanwhile.
   */
  function compactIfDue(sessionId: string): void {
    // The server may be closing (the store closed after this was scheduled), or the session open again.
    if (!store.db.open || loaded.has(sessionId)) return;
    // Most sessions left are far from due: counting their rows here (a range of an index) spares starting the
    // worker thread only for it to answer not-due. The worker counts again before compacting: rows may come.
    // A count that fails (not expected of a read) leaves the decision, and its logged failure, to the worker.
    let due = true;
    try {
      due = rowsSinceSnapshot(store, sessionId) >= limits.compactAfterRows;
    } catch {
      // due stays true
    }
    if (!due) return;
    void archive
      .compact(sessionId, limits.compactAfterRows, () =>
        log('session-compaction-started', { session: sessionId }),
      )
      .then((outcome) => {
        if (outcome.kind === 'compacted') {
          const r = outcome.result;
          log('session-compacted', {
            session: sessionId,
            rowsBefore: r.rowsBefore,
            rowsAfter: r.rowsAfter,
            bytesBefore: r.bytesBefore,
            bytesAfter: r.bytesAfter,
            snapshotBytes: r.snapshotBytes,
          });
        } else if (outcome.kind === 'failed') {
          log('session-compaction-failed', { session: sessionId, reason: outcome.reason });
        }
      });
  }
  /**
   * Per document object (not per name: a connection can outlive its document's unloading, and its messages then
   * go on to that document): the in-order check of clients' updates (updateQueue.ts, validation.ts), with its
   * scratch copy and its held updates.
   */
  const queues = new WeakMap<Document, UpdateQueue>();
  const counters: CheckCounters = { held: 0, heldBytes: 0, shadowBuilds: 0 };
  /** What messages over the message limit may hold at once, all sockets together. */
  const largeBudget = new ByteBudget(limits.maxLargeMessageBytesInFlight);
  const kib = (bytes: number): number => Math.round(bytes / 1024);
  const tooBigReason = closeReason(
    `message-too-large: only document updates may be over ${kib(limits.maxMessageBytes)} KiB`,
  );
  /** Connections whose closing already drops their held updates. */
  const watched = new WeakSet<Connection>();
  /** True while the server applies an update it has just checked (the gate's copy already holds it). */
  let applyingChecked = false;
  /** Every open socket, for the revocation check. */
  const sockets = new Set<SocketState>();

  const closeRevoked = (socket: SocketState, deviceId: string): void => {
    if (!sockets.has(socket)) return;
    sockets.delete(socket);
    log('socket-closed', { remote: socket.remote, device: deviceId, reason: 'revoked' });
    socket.close(REVOKED_CODE, REVOKED_REASON);
  };

  const queueOf = (document: Document): UpdateQueue => {
    const existing = queues.get(document);
    if (existing) return existing;
    const gate = new UpdateGate(document.name, document, () => (counters.shadowBuilds += 1));
    // A message's check is a step of its turn: before the connection's next message (checkTurns.ts NextInLine).
    const queue = new UpdateQueue(gate, document, limits, applyChecked(document), counters, checksInLine);
    queues.set(document, queue);
    return queue;
  };

  /** Applies (and so stores, by the 'update' handler) an update the gate has just accepted. */
  const applyChecked =
    (document: Document) =>
    (payload: Uint8Array, holder: object, wasHeld: boolean): void => {
      const connection = holder as Connection;
      const { deviceId } = contextOf(connection.context);
      // Revoked while its update waited: refused like any message it sends now.
      if (wasHeld && (deviceId === undefined || isRevoked(store, deviceId))) {
        throw new Refusal(REVOKED_REASON, REVOKED_CODE);
      }
      applyingChecked = true;
      try {
        Y.applyUpdate(document, payload, connection);
      } finally {
        applyingChecked = false;
      }
    };

  const persist = (document: Document, update: Uint8Array, origin: unknown): void => {
    if (origin === FROM_ARCHIVE) return;
    const deviceId = origin instanceof Connection ? contextOf(origin.context).deviceId : undefined;
    const state = loaded.get(document.name);
    try {
      const id = store.appendUpdate(document.name, deviceId ?? 'server', update);
      if (state) state.storedBytes += update.byteLength;
      log('update-stored', { session: document.name, device: deviceId, bytes: update.byteLength, id });
    } catch (e) {
      log('update-store-failed', {
        session: document.name,
        device: deviceId,
        bytes: update.byteLength,
        error: e instanceof Error ? e.message : String(e),
      });
      // y-protocols swallows errors thrown here and Hocuspocus would then ack the update. Drop the sender's
      // socket now (so the ack cannot be sent and the device resends after reconnecting), and close the
      // document everywhere so that it is rebuilt from what is really stored.
      if (origin instanceof Connection) origin.webSocket.terminate();
      hocuspocus.closeConnections(document.name);
      throw e;
    }
  };

  /** Throws the refusal (and logs the line) for an update that was not applied. */
  const refuseUnlessApplied = (outcome: Outcome, session: string, device: string, bytes: number): void => {
    switch (outcome.kind) {
      case 'applied':
        return;
      case 'left':
        // The device left while its update waited for one it depends on: it sends both again when it next syncs.
        log('update-dropped', { session, device, bytes });
        throw new Refusal(
          'incomplete-update: the connection closed before the update could be checked',
          4422,
        );
      case 'expired': {
        if (outcome.problems.length > 0)
          return refuseUnlessApplied({ ...outcome, kind: 'refused' }, session, device, bytes);
        log('update-refused', { session, device, bytes, reason: 'incomplete', heldMs: outcome.heldMs });
        const seconds = Number((limits.maxHoldMs / 1000).toFixed(1));
        throw new Refusal(
          closeReason(
            `invalid-update: incomplete; it waited ${seconds} s for changes never received; it was not stored`,
          ),
          4422,
        );
      }
      case 'overHeld':
        log('update-refused', {
          session,
          device,
          bytes,
          reason: 'too-many-held-updates',
          held: outcome.updates,
          heldBytes: outcome.bytes,
        });
        throw new Refusal(
          closeReason(
            `too-many-held-updates: over ${limits.maxHeldUpdatesPerConnection} updates or ` +
              `${Math.round(limits.maxHeldBytesPerConnection / 1024)} KiB wait for changes never sent; none was stored`,
          ),
          4429,
        );
      case 'overWaiting':
        log('update-refused', {
          session,
          device,
          bytes,
          reason: 'too-many-updates-waiting',
          waitingBytes: outcome.bytes,
        });
        throw new Refusal(
          closeReason(
            `too-many-updates-waiting: over ${Math.round(limits.maxWaitingBytesPerConnection / 1024)} KiB sent ` +
              'faster than the server checks them; this update was not stored',
          ),
          4429,
        );
      case 'failed':
        if (outcome.error instanceof Refusal) throw outcome.error;
        throw new Refusal('store-failed: the server could not store this update; it will be resent', 4500);
      case 'refused': {
        const first = outcome.problems[0]!;
        // Where and which rule only: never the update's contents.
        log('update-refused', {
          session,
          device,
          bytes,
          reason: 'invalid-update',
          problems: outcome.problems.length,
          first: describeProblem(first),
        });
        throw new Refusal(closeReason(`invalid-update: ${describeProblem(first)}; nothing was stored`), 4422);
      }
    }
  };

  /**
   * Loads a session nobody has open for the sign-in check (or waits for its loading); the document when this call
   * loaded it, so that a refused device's check can unload it again. A session that cannot be loaded is left to
   * Hocuspocus, which loads it after sign-in and fails as before.
   */
  const openForCheck = async (
    name: string,
    payload: {
      request: IncomingMessage;
      socketId: string;
      connectionConfig: ConnectionConfiguration;
      context: unknown;
    },
  ): Promise<Document | null> => {
    if (hocuspocus.documents.has(name)) return null;
    // Another device's sign-in is loading it: waited for, and that one unloads it if need be.
    const loading = hocuspocus.loadingDocuments.get(name);
    if (loading)
      return loading.then(
        () => null,
        () => null,
      );
    try {
      return await hocuspocus.createDocument(
        name,
        payload.request,
        payload.socketId,
        payload.connectionConfig,
        payload.context,
      );
    } catch {
      return null;
    }
  };

  // A summary of an open session is read from its live document when that holds every stored row: every row
  // this server stored went into it as it was stored; admin rows (rollbacks, erasures: the CLI, another
  // process) only once the poll below has applied them.
  const adminRowsAfter = store.statement(
    'SELECT 1 FROM updates WHERE session_id = ? AND device_id = ? AND id > ? LIMIT 1',
  );
  index.useLive((sessionId) => {
    const document = hocuspocus.documents.get(sessionId);
    const state = loaded.get(sessionId);
    if (!document || !state || document.isLoading) return undefined;
    if (adminRowsAfter.get(sessionId, ADMIN_DEVICE, state.lastAdminId) !== undefined) return undefined;
    return document;
  });

  const hocuspocus = new Hocuspocus({
    quiet: true,
    // Our own 'update' handler stores every update; nothing is left for a debounced onStoreDocument.
    debounce: 0,
    async onAuthenticate({ token, documentName, context, socketId, request, connectionConfig }) {
      const ctx = contextOf(context);
      if (!isSessionId(documentName)) {
        log('auth-refused', { remote: ctx.remote, reason: 'invalid-document-name' });
        throw new Refusal('invalid-document-name: a document name must be a session id (a UUID)');
      }
      // In its own turn, when a thousand devices sign in at once (after the work of devices further on).
      await turns.turn(ctx.socket, { priority: SIGN_IN });
      // The token first, limits after (limits.ts checkCredential): a valid device signs in from any address.
      const checked = checkCredential(authFailures, ctx.remote, sha256(token), () =>
        deviceForToken(store, token),
      );
      if (checked.ok === null) {
        if (checked.started) log('auth-throttled', { remote: ctx.remote, via: 'sync', ...checked.started });
        if (checked.throttle) throw new Refusal('too-many-failed-attempts: wait a minute and try again');
        log('auth-failed', { remote: ctx.remote, session: documentName });
        throw new Refusal('unauthorized: this device is not enrolled, or it was revoked', 4401);
      }
      const device = checked.ok;
      // mayOpen reads the session's settings: from the open document (sessionIndex.ts). When they would be
      // rebuilt from the stored rows, the session is loaded first instead, as it would be right after sign-in
      // anyway: read apart, each day-sized session was decoded twice in a morning's burst (once for its settings,
      // once to load it). Unloaded again if the device is refused (its summary stays cached for its retries).
      const loadsFirst = device.role !== 'officer' && index.wouldRebuild(documentName);
      const openedHere = loadsFirst
        ? await openForCheck(documentName, { request, socketId, connectionConfig, context })
        : null;
      // Every device that waited for the load goes on in a turn of its own, not all of them in the load's turn.
      if (loadsFirst) await turns.turn(ctx.socket);
      try {
        if (!mayOpen(store, index, device, documentName)) {
          log('auth-refused', {
            remote: ctx.remote,
            device: device.deviceId,
            session: documentName,
            reason: 'not-assigned',
          });
          throw new Refusal(
            'not-assigned: this session is not assigned to this device; ask your council admin',
          );
        }
        const open = deviceSockets.get(device.deviceId) ?? new Set<string>();
        if (!open.has(socketId) && open.size >= limits.maxConnectionsPerDevice) {
          log('auth-refused', {
            remote: ctx.remote,
            device: device.deviceId,
            reason: 'too-many-connections',
          });
          throw new Refusal('too-many-connections: this device has too many connections open');
        }
      } catch (e) {
        if (openedHere) void hocuspocus.unloadDocument(openedHere);
        throw e;
      }
      const open = deviceSockets.get(device.deviceId) ?? new Set<string>();
      open.add(socketId);
      deviceSockets.set(device.deviceId, open);
      ctx.socket.devices.set(device.deviceId, socketId);
      ctx.socket.pending.delete(documentName);
      ctx.socket.documents.add(documentName);
      ctx.socket.onAuthenticated();
      log('auth-ok', {
        remote: ctx.remote,
        device: device.deviceId,
        role: device.role,
        session: documentName,
      });
      return Promise.resolve({ deviceId: device.deviceId, role: device.role });
    },

    async onLoadDocument({ document, documentName }) {
      if (!isSessionId(documentName)) throw new Refusal('invalid-document-name');
      // Loading a day-sized session blocks for about 25 ms: when many load at once (a morning's burst), the rows
      // are read in one turn and applied in a turn of its own, so /api/health is answered in between.
      await turns.turn(documentName);
      // The session's snapshot and the rows since, merged (compaction.ts): not one apply per row ever stored.
      // Many rows are merged on the loader's thread (a day's 3,000: about 40 ms), once it is ready.
      const { updates, lastId, storedBytes, on } = await readForLoad(documentName);
      await turns.turn(documentName, { heavy: true });
      Y.transact(
        document,
        () => {
          for (const update of updates) Y.applyUpdate(document, update, FROM_ARCHIVE);
        },
        FROM_ARCHIVE,
      );
      loaded.set(documentName, { storedBytes, lastAdminId: lastId });
      log('document-loaded', {
        session: documentName,
        updates: updates.length,
        bytes: storedBytes,
        read: on,
      });
      return Promise.resolve();
    },

    async afterLoadDocument({ document }) {
      // A device's sync step 1 is answered from answers encoded once per version of the document (stateCache.ts).
      cacheFor(document);
      document.on('update', (update: Uint8Array, origin: unknown) => {
        persist(document, update, origin);
        const queue = queues.get(document);
        if (!applyingChecked) queue?.gate.followLive(update);
        queue?.changed();
      });
      return Promise.resolve();
    },

    async onDisconnect({ context, documentName }) {
      contextOf(context).socket.documents.delete(documentName);
      return Promise.resolve();
    },

    async afterUnloadDocument({ documentName }) {
      loaded.delete(documentName);
      // Nobody has the session open: a good moment to compact it if it gathered many rows since its snapshot.
      setImmediate(() => compactIfDue(documentName));
      return Promise.resolve();
    },

    async beforeHandleMessage({ update, documentName, document, context, connection }) {
      const { socket } = contextOf(context);
      try {
        // Each message in a turn of its own (in order with the connection's others): checked, then applied and
        // answered by Hocuspocus within that turn, rather than a thousand devices' in one turn of the loop.
        await socket.inTurn(connection, update.byteLength, () =>
          checkMessage(update, documentName, document, contextOf(context), connection),
        );
      } finally {
        socket.intake.release(update);
      }
    },
  });

  /** beforeHandleMessage: refuses (throws) what may not be applied; checks and applies an update. */
  async function checkMessage(
    update: Uint8Array,
    documentName: string,
    document: Document,
    context: SyncContext,
    connection: Connection,
  ): Promise<void> {
    const { deviceId, role, remote, socket } = context;
    const large = update.byteLength > limits.maxMessageBytes;
    // Every message (reading or writing) from a device revoked since it connected is refused, and its socket
    // closed: nothing it sends is applied, nothing more is sent to it.
    if (deviceId === undefined || role === undefined || isRevoked(store, deviceId)) {
      log('message-refused', { remote, device: deviceId, session: documentName, reason: 'revoked' });
      setImmediate(() => closeRevoked(socket, deviceId ?? ''));
      throw new Refusal(REVOKED_REASON, REVOKED_CODE);
    }
    // Sync step 2 and update messages (in a Sync or SyncReply message) carry document content.
    let payload: Uint8Array | null;
    try {
      payload = syncUpdateOf(update);
    } catch {
      log('update-refused', {
        session: documentName,
        device: deviceId,
        bytes: update.byteLength,
        reason: 'malformed',
      });
      throw new Refusal('malformed-update: the message could not be read; nothing was stored', 4400);
    }
    if (payload === null) {
      if (!large) return;
      log('message-refused', { remote, device: deviceId, session: documentName, reason: 'too-large' });
      throw new Refusal(tooBigReason, TOO_BIG_CODE);
    }
    const state = loaded.get(documentName);
    if (state && state.storedBytes + update.byteLength > limits.maxDocumentBytes) {
      log('update-refused', {
        session: documentName,
        device: deviceId,
        bytes: update.byteLength,
        reason: 'document-too-large',
      });
      throw new Refusal('document-too-large: this session has reached the server size limit', 4413);
    }
    // Deletions only, all made already (a tablet that holds the session answering step 1): nothing to check.
    if (!large && cacheFor(document).changesNothing(payload)) return;
    const queue = queueOf(document);
    if (!watched.has(connection)) {
      watched.add(connection);
      connection.onClose(() => queue.release(connection));
    }
    // Checked and applied after this connection's earlier updates, or held until what it lacks has arrived
    // (Hocuspocus applies and acknowledges a message only once this hook resolves).
    // An officer device the admin lets pass on this session's records after a restore (relayPermits.ts).
    const writer: WriterRole = role === 'officer' && mayRelay(store, deviceId, documentName) ? 'relay' : role;
    const outcome = large
      ? await queue.submitLarge(
          connection,
          () => splitLarge(payload, document, documentName, deviceId),
          writer,
        )
      : await queue.submit(connection, payload, writer);
    refuseUnlessApplied(outcome, documentName, deviceId, update.byteLength);
    if (writer === 'relay') {
      log('update-relayed', { session: documentName, device: deviceId, bytes: update.byteLength });
    }
    // Checked and applied in parts: Hocuspocus's own apply (then its acknowledgement) need not decode it again.
    if (large) emptyTheUpdate(update);
  }

  /** The parts of a large update in steps (largeUpdates.ts), or the refusal when one change alone is over a part. */
  function* splitLarge(
    payload: Uint8Array,
    document: Document,
    session: string,
    device: string,
  ): Generator<void, Uint8Array[], void> {
    try {
      const parts = yield* partsInSteps(payload, document, limits.largeUpdatePartBytes);
      log('update-large', { session, device, bytes: payload.byteLength, parts: parts.length });
      return parts;
    } catch (e) {
      if (!(e instanceof StructTooLargeError)) throw e;
      log('update-refused', { session, device, bytes: payload.byteLength, reason: 'change-too-large' });
      throw new Refusal(
        closeReason(
          `message-too-large: one change is over ${kib(limits.largeUpdatePartBytes)} KiB; nothing was stored`,
        ),
        4413,
      );
    }
  }

  // A document update may be as large as a session (checked in parts); every other message is held to
  // maxMessageBytes by the intake meter and the 'message' listener below.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: Math.max(limits.maxMessageBytes, limits.maxDocumentBytes + 4096),
  });

  const watchSocket = (ws: WebSocket, remote: string, raw: Duplex): SocketState => {
    const timer = setTimeout(() => {
      if (!state.authenticated) {
        log('socket-closed', { remote, reason: 'no-authentication' });
        ws.close(4401, 'Unauthorized');
      }
    }, limits.authTimeoutMs);
    let waitingBytes = 0;
    const state: SocketState = {
      authenticated: false,
      pending: new Map(),
      documents: new Set(),
      devices: new Map(),
      onAuthenticated: () => {
        state.authenticated = true;
        clearTimeout(timer);
      },
      inTurn: async (key, bytes, work) => {
        waitingBytes += bytes;
        if (waitingBytes > limits.maxWaitingBytesPerConnection / 2 && !ws.isPaused) ws.pause();
        try {
          await turns.turn(key);
          await work();
        } finally {
          waitingBytes -= bytes;
          if (ws.isPaused && waitingBytes <= limits.maxWaitingBytesPerConnection / 4) ws.resume();
        }
      },
      close: (code, reason) => ws.close(code, reason),
      remote,
      intake: meterIntake(raw, ws, {
        messageLimit: limits.maxMessageBytes,
        budget: largeBudget,
        mayBeLarge: () => state.authenticated,
        refuse: (why, bytes) => {
          if (why === 'busy') {
            log('message-refused', { remote, reason: 'server-busy', bytes, inFlight: largeBudget.inUse });
            refuseSocket(BUSY_CODE, BUSY_REASON);
          } else {
            // As ws itself logs a message over its maxPayload.
            log('socket-error', { remote, reason: 'message-too-large', bytes });
            refuseSocket(TOO_BIG_CODE, tooBigReason);
          }
        },
      }),
    };
    /** Closes with words, then drops the socket soon: what it still sends is thrown away unread. */
    const refuseSocket = (code: number, reason: string): void => {
      ws.close(code, reason);
      setTimeout(() => ws.terminate(), 2000).unref();
    };
    sockets.add(state);
    // Hocuspocus re-emits messages it queued during authentication without the isBinary argument.
    ws.on('message', (data: Buffer, isBinary?: boolean) => {
      if (isBinary === false) {
        log('message-refused', { remote, reason: 'not-binary', bytes: data.length });
        ws.close(1003, 'binary messages only');
        return;
      }
      const info = peekMessage(data);
      if (info === null) {
        log('message-refused', { remote, reason: 'malformed', bytes: data.length });
        return;
      }
      // Only a document update (Sync or SyncReply, step 2 or update) may pass the message limit.
      const isUpdate = (info.type === 0 || info.type === 4) && (info.syncType === 1 || info.syncType === 2);
      if (isBinary !== undefined && data.length > limits.maxMessageBytes && !isUpdate) {
        log('message-refused', { remote, reason: 'too-large', type: info.type, bytes: data.length });
        refuseSocket(TOO_BIG_CODE, tooBigReason);
        return;
      }
      // Re-emitted messages (isBinary undefined) were counted when they first arrived.
      if (isBinary === undefined || state.documents.has(info.documentName)) return;
      const p = state.pending.get(info.documentName) ?? { messages: 0, bytes: 0 };
      p.messages += 1;
      p.bytes += data.length;
      state.pending.set(info.documentName, p);
      let bytes = 0;
      for (const q of state.pending.values()) bytes += q.bytes;
      if (p.messages > 64 || state.pending.size > 256 || bytes > 2 * limits.maxMessageBytes) {
        log('socket-closed', { remote, reason: 'too-much-before-authentication' });
        ws.close(1008, 'too much data before authentication');
      }
    });
    ws.on('error', (e: Error) => {
      // ws closes the socket itself (1009 for an oversized message, 1002 for a bad frame).
      log('socket-error', { remote, reason: e.message });
    });
    ws.on('close', (code: number) => {
      clearTimeout(timer);
      sockets.delete(state);
      for (const [deviceId, socketId] of state.devices) deviceSockets.get(deviceId)?.delete(socketId);
      log('socket-closed', { remote, code });
    });
    return state;
  };

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // Not refused by address here: the token is only known at sign-in, and a valid one must work from anywhere.
    const remote = remoteAddress(req, limits.trustProxy);
    // In a turn of its own: a thousand tablets' handshakes all at once are each a fraction of a millisecond, but
    // done where they arrive they made a monitor's /api/health wait for all of them. Until its turn the socket is
    // not read (Node pauses it for the 'upgrade' listener); a socket gone meanwhile is dropped by ws.
    void turns
      .run(
        socket,
        () =>
          wss.handleUpgrade(req, socket, head, (ws) => {
            const context: SyncContext = { remote, socket: watchSocket(ws, remote, socket) };
            hocuspocus.handleConnection(ws, req, context);
          }),
        { priority: HANDSHAKE },
      )
      .catch(() => socket.destroy());
  };

  // Rollbacks written by the admin CLI (a separate process) reach the live document and every client.
  const poll = setInterval(() => {
    for (const [name, document] of hocuspocus.documents) {
      const state = loaded.get(name);
      if (!state) continue;
      try {
        for (const row of store.updatesFor(name, state.lastAdminId, ADMIN_DEVICE)) {
          Y.applyUpdate(document, row.update, FROM_ARCHIVE);
          state.lastAdminId = row.id;
          state.storedBytes += row.bytes;
          log('admin-update-applied', { session: name, id: row.id, bytes: row.bytes });
        }
      } catch (e) {
        log('admin-update-failed', { session: name, error: e instanceof Error ? e.message : String(e) });
      }
    }
  }, 1000);
  poll.unref();

  // Revocations written by the admin CLI close the revoked devices' open sockets.
  const revocations = setInterval(() => {
    try {
      const open = [...sockets].flatMap((socket) => [...socket.devices.keys()].map((id) => ({ id, socket })));
      const revoked = revokedAmong(
        store,
        open.map((o) => o.id),
      );
      for (const { id, socket } of open) {
        if (revoked.has(id)) closeRevoked(socket, id);
      }
    } catch (e) {
      log('revocation-check-failed', { error: e instanceof Error ? e.message : String(e) });
    }
  }, limits.revocationPollMs);
  revocations.unref();

  return {
    hocuspocus,
    handleUpgrade,
    connectionArrived: () => turns.hurry(),
    stats: () => ({
      documents: hocuspocus.getDocumentsCount(),
      connections: hocuspocus.getConnectionsCount(),
    }),
    checkStats: () => ({ ...counters }),
    largeBytesInFlight: () => largeBudget.inUse,
    archiveIdle: () => archive.idle(),
    archive,
    loader,
    close: async () => {
      clearInterval(poll);
      clearInterval(revocations);
      await Promise.all([archive.close(), loader.close()]);
      hocuspocus.closeConnections();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
