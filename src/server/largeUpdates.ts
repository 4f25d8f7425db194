/**
 * Messages over the per-message limit (issue 12 §1). A plain Hocuspocus provider sends everything the server
 * lacks in one message (its sync step 2, or one big update): a first sync of a big session, or a sync after a long
 * offline spell, can be tens of MiB. The server takes such a message from a signed-in device up to the session
 * limit (Limits.maxDocumentBytes) when it carries a document update, and checks it in parts (updateQueue.ts
 * `submitLarge`): split here with the app's own splitter (src/sync/updateParts.ts), each part checked exactly as
 * an update of that size is, all applied only once every part has passed. Every other message keeps the 2 MiB
 * limit (Limits.maxMessageBytes).
 *
 * Memory: ws buffers a whole message before anyone sees it, so what sockets are receiving is metered here, from
 * the raw socket's bytes. Once a message passes the message limit it holds bytes of one budget shared by the whole
 * server (Limits.maxLargeMessageBytesInFlight) until it has been checked; a socket not signed in yet, one whose
 * message would pass the budget, or one whose last large message is still being checked, is refused at once and what it still sends is read and thrown away, as ws does
 * past its maxPayload. A message within the message limit never counts, so a normal device is never refused by it.
 */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { MAPS, readMeta } from '../doc/schema';
import { splitUpdateInSteps } from '../sync/updateParts';
import { syncUpdateAt } from './validation';

/** Bytes the whole server may hold for large messages at once. */
export class ByteBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  /** Holds `bytes` if they fit; false (and nothing held) if not. */
  take(bytes: number): boolean {
    if (this.used + bytes > this.limit) return false;
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }

  get inUse(): number {
    return this.used;
  }
}

export type IntakeRefusal = 'too-large' | 'busy';

export interface Intake {
  /** Gives back the budget a message received whole held (once it has been checked, or refused). */
  release(message: Uint8Array): void;
}

/**
 * Meters what one socket receives. Call before anyone else listens to the socket's messages (Hocuspocus): the
 * meter's 'message' listener must run first. `refuse` is called once, when a message passes the message limit on a
 * socket that may not send large ones, or would pass the budget; the socket's further bytes are thrown away.
 */
export function meterIntake(
  raw: Duplex,
  ws: WebSocket,
  options: {
    messageLimit: number;
    budget: ByteBudget;
    mayBeLarge: () => boolean;
    refuse: (why: IntakeRefusal, bytes: number) => void;
  },
): Intake {
  /** Bytes received since the last whole message (give or take one chunk: the next message's first bytes). */
  let unfinished = 0;
  /** Budget held for the message being received. */
  let taken = 0;
  let refused = false;
  const held = new Map<Uint8Array, number>();

  const stop = (why: IntakeRefusal): void => {
    refused = true;
    options.budget.give(taken);
    taken = 0;
    raw.removeAllListeners('data');
    raw.on('data', () => undefined);
    raw.resume();
    options.refuse(why, unfinished);
  };
  const onData = (chunk: Buffer): void => {
    if (refused) return;
    unfinished += chunk.length;
    if (unfinished <= options.messageLimit) return;
    if (!options.mayBeLarge()) return stop('too-large');
    // One large message per socket at a time (a provider sends one sync step 2): a device cannot take the whole
    // budget by sending its next large message while its last is still being checked.
    if (held.size > 0) return stop('busy');
    if (!options.budget.take(unfinished - taken)) return stop('busy');
    taken = unfinished;
  };
  // Hocuspocus re-emits messages it queued during sign-in without isBinary: they were counted when they arrived.
  const onMessage = (data: Buffer, isBinary?: boolean): void => {
    if (isBinary === undefined) return;
    if (taken > 0) held.set(data, taken);
    unfinished = 0;
    taken = 0;
  };
  raw.prependListener('data', onData);
  ws.on('message', onMessage);
  ws.on('close', () => {
    for (const bytes of held.values()) options.budget.give(bytes);
    held.clear();
    options.budget.give(taken);
    taken = 0;
  });
  return {
    release: (message) => {
      const bytes = held.get(message);
      if (bytes === undefined) return;
      held.delete(message);
      options.budget.give(bytes);
    },
  };
}

/**
 * The parts `update` is checked and stored in, in the order they must be applied to `live` (each at most
 * `partBytes`; structs `live` has already are left out), worked out in steps so that the server can take turns
 * between them (one step: decoding the update, or writing a few hundred of its changes). Throws
 * StructTooLargeError when one change alone is bigger than a part.
 */
export function* partsInSteps(
  update: Uint8Array,
  live: Y.Doc,
  partBytes: number,
): Generator<void, Uint8Array[], void> {
  const base = Y.decodeStateVector(Y.encodeStateVector(live));
  // A session the server does not have yet: the changes of whoever wrote its meta go first, so that the first
  // part creates it.
  const firstWritersOf = readMeta(live) === null ? MAPS.meta : undefined;
  return yield* splitUpdateInSteps(update, partBytes, { base, firstWritersOf, stepStructs: 256 });
}

/** partsInSteps in one go. */
export function partsOf(update: Uint8Array, live: Y.Doc, partBytes: number): Uint8Array[] {
  const steps = partsInSteps(update, live, partBytes);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * Rewrites a sync message whose update has been checked and applied in parts, in place, to carry the empty update,
 * so that Hocuspocus's own apply of it (which then acknowledges it) decodes nothing instead of tens of MiB again.
 * The length field keeps its size: lib0 reads a varUint written with extra 0x80 bytes (2 as 0x82 0x80 .. 0x00).
 */
export function emptyTheUpdate(message: Uint8Array): void {
  const at = syncUpdateAt(message);
  if (at === null || at.payload.byteLength < 2) return;
  const lengthBytes = at.payload.byteOffset - message.byteOffset - at.lengthAt;
  for (let i = 0; i < lengthBytes; i++) {
    const last = i === lengthBytes - 1;
    message[at.lengthAt + i] = (i === 0 ? 2 : 0) | (last ? 0 : 0x80);
  }
  const start = at.lengthAt + lengthBytes;
  message[start] = 0;
  message[start + 1] = 0;
}
