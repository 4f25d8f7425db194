/**
 * Answers to a device's sync step 1, encoded once per document version (issue 12 §10).
 *
 * Every device that connects sends its state vector (sync step 1) and the server answers with everything the
 * device lacks: y-protocols `writeSyncStep2` → `Y.encodeStateAsUpdate(doc, stateVector)`. For a day-sized session
 * (~700 KiB) that walks the whole document, about 15 ms of CPU per device; 200 devices arriving at once spent
 * 3.1 s of the server's 5.3 s there, and /api/health waited behind it. Most of those devices ask the same
 * question: a new device has the empty state vector, and devices that were in sync before a network drop share
 * the same one. So the answer is kept per document and per state vector until the document next changes (its
 * 'update' event), and every device asking the same question after that gets the same bytes.
 *
 * The answer is byte-for-byte what Hocuspocus would have sent (the same `Y.encodeStateAsUpdate` call, made once).
 * A document holding pending structs (changes waiting for ones it lacks) is never cached: applying more of them
 * need not fire 'update', so the answer is encoded afresh then, as before.
 *
 * How it hooks in: Hocuspocus 3.4.4 answers sync step 1 inside `MessageReceiver.readSyncMessage` (a free
 * function in its bundle calls `Y.encodeStateAsUpdate`), after every extension hook has run; no hook may
 * answer in its place (beforeHandleMessage and beforeSync can only refuse). `MessageReceiver` is exported, and
 * Connection creates one per message, so `serveSyncStep1FromCache` wraps `readSyncMessage` on its prototype:
 * for a sync step 1 on a document registered here it sends the server's own step 1 exactly as Hocuspocus does,
 * then the kept answer (the whole message, one buffer shared by every device asking the same). A step 2 or an
 * update that changes nothing (`changesNothing`: deletions only, all made already, as a tablet that already holds
 * the session sends) is acknowledged as Hocuspocus does, without being decoded and applied; everything else
 * (other steps 2 and updates, unregistered documents) goes to the original. The wrapper is installed once per
 * process and does nothing for documents no StateCache was made for.
 *
 * Two more costs of a morning's burst are cut here: `loadWithoutEncoding` (Hocuspocus encoding each session it
 * loads for a listener with nobody to send it to), and the update check skipped for an update that changes
 * nothing (sync.ts asks `changesNothing` before its check).
 */
import {
  Hocuspocus,
  MessageReceiver,
  OutgoingMessage,
  type Document,
  type IncomingMessage,
} from '@hocuspocus/server';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** y-protocols message types inside a Sync message. */
/** Hocuspocus's Sync message type: it answers a SyncReply with a Sync too. */
const MESSAGE_SYNC = 0;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;
/** Distinct state vectors kept per version: new devices share one, reconnecting ones a few. */
const MAX_ANSWERS = 16;
/** And at most this many bytes of answers per document (a few copies of a day-sized session). */
const MAX_KEPT_BYTES = 8 * 1024 * 1024;
/** Verdicts of `changesNothing` kept per version, for updates of at most this many bytes. */
const MAX_VERDICTS = 8;
const MAX_VERDICT_BYTES = 64 * 1024;

export interface CacheCounters {
  /** Answers served from the cache. */
  hits: number;
  /** Answers encoded (and kept, when the document could be cached). */
  encodes: number;
  /**
   * Times an update was found to change nothing (deletions only, all made already), so was not checked, or not
   * applied: each such message is asked about twice, before its check (sync.ts) and before Hocuspocus's apply.
   */
  unchanged: number;
}

export class StateCache {
  /** State vector (as a binary string) → the message that brings a device with it up to date. */
  private readonly answers = new Map<string, Uint8Array>();
  private keptBytes = 0;
  /** Recent `changesNothing` verdicts at this version: a thousand tablets holding the session send the same bytes. */
  private readonly verdicts: { update: Buffer; unchanged: boolean }[] = [];
  readonly counters: CacheCounters = { hits: 0, encodes: 0, unchanged: 0 };

  constructor(
    private readonly doc: Y.Doc,
    private readonly name: string,
  ) {
    doc.on('update', this.clear);
  }

  /**
   * The whole message answering sync step 1 for a device with `stateVector` (document name, Sync, step 2, the
   * update with everything the document holds that the device lacks, as Y.encodeStateAsUpdate). Kept as sent, so
   * that a thousand devices share one buffer rather than two copies each.
   */
  answer(stateVector: Uint8Array): Uint8Array {
    const cacheable = this.doc.store.pendingStructs === null && this.doc.store.pendingDs === null;
    const key = cacheable ? keyOf(stateVector) : null;
    const kept = key === null ? undefined : this.answers.get(key);
    if (kept) {
      this.counters.hits += 1;
      return kept;
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, this.name);
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, SYNC_STEP_2);
    encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(this.doc, stateVector));
    const message = encoding.toUint8Array(encoder);
    this.counters.encodes += 1;
    if (
      key !== null &&
      this.answers.size < MAX_ANSWERS &&
      this.keptBytes + message.byteLength <= MAX_KEPT_BYTES
    ) {
      this.answers.set(key, message);
      this.keptBytes += message.byteLength;
    }
    return message;
  }

  /** `changesNothing` for this document, the verdict kept until it next changes (the same bytes, the same verdict). */
  changesNothing(update: Uint8Array): boolean {
    // Anything with changes in it is not, whatever it is (and is not kept).
    if (update[0] !== 0) return false;
    const bytes = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
    const kept = this.verdicts.find((v) => v.update.equals(bytes));
    const unchanged = kept ? kept.unchanged : changesNothing(this.doc, update);
    if (!kept && update.byteLength <= MAX_VERDICT_BYTES) {
      if (this.verdicts.length >= MAX_VERDICTS) this.verdicts.shift();
      this.verdicts.push({ update: Buffer.from(bytes), unchanged });
    }
    if (unchanged) this.counters.unchanged += 1;
    return unchanged;
  }

  /** The document changed: every kept answer and verdict is out of date. */
  readonly clear = (): void => {
    this.answers.clear();
    this.keptBytes = 0;
    this.verdicts.length = 0;
  };
}

/**
 * Whether `update` holds deletions only, every one of them made in `doc` already, so that applying it would change
 * nothing. A tablet that already holds the session answers the server's sync step 1 with just that (no changes,
 * the deletions both have seen): a thousand of them at once on a council office's morning, each decoded and
 * applied twice (the check's scratch copy, then Hocuspocus) for nothing. Cheap: the update's deleted ranges are
 * looked up in the document's structs; an update with changes in it, or one it cannot read, is not this
 * (false), and goes the usual way.
 */
export function changesNothing(doc: Y.Doc, update: Uint8Array): boolean {
  // The first number of an update is how many clients' changes it holds: none, for deletions only.
  if (update.length === 0 || update[0] !== 0) return false;
  let ds: ReturnType<typeof Y.decodeUpdate>['ds'];
  try {
    ds = Y.decodeUpdate(update).ds;
  } catch {
    return false;
  }
  for (const [client, ranges] of ds.clients) {
    const structs = doc.store.clients.get(client);
    for (const { clock, len } of ranges) {
      if (len === 0) continue;
      if (!structs || Y.getState(doc.store, client) < clock + len) return false;
      for (
        let i = Y.findIndexSS(structs, clock);
        i < structs.length && structs[i]!.id.clock < clock + len;
        i++
      ) {
        if (!structs[i]!.deleted) return false;
      }
    }
  }
  return true;
}

/** A state vector as a Map key; state vectors are small (a few bytes per client that ever wrote). */
function keyOf(stateVector: Uint8Array): string {
  let key = '';
  for (let i = 0; i < stateVector.length; i += 4096) {
    key += String.fromCharCode(...stateVector.subarray(i, i + 4096));
  }
  return key;
}

/** Per document object; an unloaded document and its answers go with it (a new load makes a new object). */
const caches = new WeakMap<Document, StateCache>();

/**
 * Hocuspocus's Document listens to its own 'update' event (to send each change to the connected devices), and a
 * Y.Doc with an 'update' listener encodes every transaction's changes for it: loading a day-sized session encoded
 * the whole session once more (about 20 ms of CPU each, 20 sessions in a morning's burst) for a listener that has
 * nobody to send it to (devices join a document only once it has loaded, and Hocuspocus's own onUpdate callback is
 * set after loading). So while the onLoadDocument hooks run, the document's 'update' listeners are set aside, and
 * put back before any afterLoadDocument hook adds its own. Installed once per process, for every Hocuspocus.
 */
export function loadWithoutEncoding(): void {
  if (quietLoads) return;
  quietLoads = true;
  // Called with `this` bound below (.call).
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const hooks = Hocuspocus.prototype.hooks;
  Hocuspocus.prototype.hooks = function quietHooks(
    this: Hocuspocus,
    ...args: Parameters<typeof hooks>
  ): Promise<unknown> {
    const [name, payload] = args;
    if (name !== 'onLoadDocument') return hooks.apply(this, args);
    const doc = (payload as { document: Document }).document;
    const listeners = doc._observers.get('update') as Set<unknown> | undefined;
    doc._observers.delete('update');
    const putBack = (): void => {
      if (!listeners) return;
      const now = doc._observers.get('update') as Set<unknown> | undefined;
      if (now) for (const l of now) listeners.add(l);
      doc._observers.set('update', listeners);
    };
    let chain: Promise<unknown>;
    try {
      chain = hooks.apply(this, args);
    } catch (e) {
      putBack();
      throw e;
    }
    return chain.finally(putBack);
  };
}

let quietLoads = false;

/** Makes sync step 1 on `document` answered from its own StateCache (returned, for its counters and tests). */
export function cacheFor(document: Document): StateCache {
  installOnce();
  const existing = caches.get(document);
  if (existing) return existing;
  const cache = new StateCache(document, document.name);
  caches.set(document, cache);
  return cache;
}

let installed = false;

function installOnce(): void {
  if (installed) return;
  installed = true;
  // Called with `this` bound below (.call): the method is wrapped, not detached.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const original = MessageReceiver.prototype.readSyncMessage;
  MessageReceiver.prototype.readSyncMessage = function readSyncMessage(
    this: MessageReceiver,
    message: IncomingMessage,
    document: Document,
    connection,
    reply,
    requestFirstSync = true,
  ) {
    const cache = caches.get(document);
    const start = message.decoder.pos;
    const type = cache ? message.readVarUint() : -1;
    if (
      cache &&
      connection &&
      !connection.readOnly &&
      (type === SYNC_STEP_2 || type === SYNC_UPDATE) &&
      cache.changesNothing(message.peekVarUint8Array())
    ) {
      // What Hocuspocus 3.4.4 does for a step 2 or an update (apply it, then acknowledge it), without decoding
      // and applying what changes nothing.
      void connection.callbacks.beforeSync(connection, { type, payload: message.peekVarUint8Array() });
      message.readVarUint8Array();
      connection.send(new OutgoingMessage(document.name).writeSyncStatus(true).toUint8Array());
      return type;
    }
    if (!cache || type !== SYNC_STEP_1) {
      message.decoder.pos = start;
      return original.call(this, message, document, connection, reply, requestFirstSync);
    }
    // From here on, what Hocuspocus 3.4.4 does for sync step 1, with the answer from the cache.
    // Hocuspocus does not wait for the beforeSync hooks either.
    void connection?.callbacks.beforeSync(connection, {
      type: SYNC_STEP_1,
      payload: message.peekVarUint8Array(),
    });
    const answer = cache.answer(message.readVarUint8Array());
    // Hocuspocus sends its own step 1 first and the step 2 after (apply() sends what was written to the
    // message's encoder once this returns); the same order here, with the step 2 sent as kept and nothing
    // written to the encoder, so apply() sends nothing more.
    if (reply && requestFirstSync) {
      reply(
        new OutgoingMessage(document.name)
          .createSyncReplyMessage()
          .writeFirstSyncStepFor(document)
          .toUint8Array(),
      );
    } else if (connection) {
      connection.send(
        new OutgoingMessage(document.name).createSyncMessage().writeFirstSyncStepFor(document).toUint8Array(),
      );
    }
    if (reply) reply(answer);
    else connection?.send(answer);
    return SYNC_STEP_1;
  };
}
