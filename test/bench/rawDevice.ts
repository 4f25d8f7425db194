/**
 * A device speaking the Hocuspocus 3 / y-protocols wire protocol itself, without a Y.Doc: it signs in, sends its
 * state vector (sync step 1), keeps the server's answer (sync step 2) as bytes, answers the server's own step 1
 * with what it holds (`reply`, an empty update for a new device, as a provider does) and waits for the server to
 * acknowledge that (SyncStatus). Used where 1,000 HocuspocusProviders in one process would measure the bench
 * process rather than the server: each provider applies the ~700 KiB day into its own Y.Doc, about 30 ms of CPU
 * per device in the client, where the server's part is what is measured.
 *
 * The WebSocket is its own minimal client (RFC 6455 over node:net): the handshake, binary frames out (masked with
 * a zero key, which leaves the bytes as they are), frames in read as they arrive. A message the device does not
 * keep (`keepStep2: false`) is read for its first bytes (document name, type, step, size) and the rest counted, not
 * gathered: `ws` gathers each ~850 KiB answer into a fresh buffer, which cost the bench 2.5 s of CPU of its 3.5-4.3 s
 * for 1,000 new devices (page faults and copies), on the cores the server needs. Every byte still crosses TCP
 * and is read by the device.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { randomBytes } from 'node:crypto';
import { connect as connectTcp, type Socket } from 'node:net';

/** Hocuspocus message types (@hocuspocus/server types.ts) and y-protocols sync steps. */
export const SYNC = 0;
export const AUTH = 2;
const SYNC_REPLY = 4;
const CLOSE = 7;
export const SYNC_STATUS = 8;
const AUTH_TOKEN = 0;
const AUTH_DENIED = 1;
export const STEP_1 = 0;
export const STEP_2 = 1;
/** The state vector of an empty document (no clients) and the update that holds nothing. */
export const EMPTY_STATE_VECTOR = new Uint8Array([0]);
export const EMPTY_UPDATE = new Uint8Array([0, 0]);

export interface RawSync {
  /** The server's sync step 2: everything it holds that `stateVector` lacks (empty unless `keepStep2`). */
  step2: Uint8Array;
  step2Bytes: number;
  /** ms from opening the socket to its being open (TCP and the WebSocket handshake). */
  openMs: number;
  /** ms from opening the socket to the step 2 arriving. */
  step2Ms: number;
  /** ms from opening the socket to the server acknowledging the device's own reply (connect → synced). */
  syncedMs: number;
}

/** A Hocuspocus message: the document's name, then what `write` writes. */
export function message(documentName: string, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, documentName);
  write(e);
  return encoding.toUint8Array(e);
}

/** A WebSocket frame to the server: FIN, `opcode`, masked with a zero key (the payload goes as it is). */
function frame(opcode: number, payload: Uint8Array): Buffer {
  const n = payload.byteLength;
  const head = n < 126 ? 2 : n < 65_536 ? 4 : 10;
  const out = Buffer.alloc(head + 4 + n);
  out[0] = 0x80 | opcode;
  if (n < 126) out[1] = 0x80 | n;
  else if (n < 65_536) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(n, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeBigUInt64BE(BigInt(n), 2);
  }
  // Mask key 0, 0, 0, 0 (Buffer.alloc zeroed it): every byte XOR 0.
  out.set(payload, head + 4);
  return out;
}

const BINARY = 0x2;
const CLOSE_FRAME = 0x8;
const PING = 0x9;
const PONG = 0xa;
/** What of a message not kept is read: enough for a document name (a UUID), the type, the step and a size. */
const PEEK_BYTES = 64;

/**
 * The frames of one connection's incoming bytes, as they arrive: `onMessage(head, size, whole)` for each
 * message, `head` its first PEEK_BYTES bytes, `whole` all of it when `keep(head)` said to gather it.
 */
function frameReader(
  onMessage: (head: Uint8Array, size: number, whole: Uint8Array | null) => void,
  onControl: (opcode: number, payload: Buffer) => void,
  keep: (head: Uint8Array) => boolean,
): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  /** The frame being read: its opcode, bytes left, what was kept of it. */
  let frame: {
    opcode: number;
    left: number;
    size: number;
    head: Buffer[];
    headBytes: number;
    parts: Buffer[] | null;
  } | null = null;
  return (chunk) => {
    let data = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
    pending = Buffer.alloc(0);
    // A frame with nothing (left) to read is finished even when this chunk is used up.
    while (data.length > 0 || frame?.left === 0) {
      if (frame === null) {
        if (data.length < 2) break;
        const len7 = data[1]! & 0x7f;
        const headLen = len7 < 126 ? 2 : len7 === 126 ? 4 : 10;
        if (data.length < headLen) break;
        const size =
          len7 < 126 ? len7 : len7 === 126 ? data.readUInt16BE(2) : Number(data.readBigUInt64BE(2));
        const opcode = data[0]! & 0x0f;
        // Control frames (close, ping) are small and read whole.
        frame = { opcode, left: size, size, head: [], headBytes: 0, parts: opcode === BINARY ? null : [] };
        data = data.subarray(headLen);
      }
      const f: NonNullable<typeof frame> = frame;
      const take = Math.min(f.left, data.length);
      const piece = data.subarray(0, take);
      data = data.subarray(take);
      f.left -= take;
      if (f.headBytes < PEEK_BYTES) {
        const wanted = piece.subarray(0, PEEK_BYTES - f.headBytes);
        f.head.push(wanted);
        f.headBytes += wanted.length;
        if (f.headBytes >= Math.min(PEEK_BYTES, f.size) && f.parts === null) {
          // Gathered from here: the head's earlier pieces (from earlier chunks), then this piece whole, below.
          if (keep(Buffer.concat(f.head))) f.parts = f.head.slice(0, -1).map((b) => Buffer.from(b));
        }
      }
      // Kept pieces are copied: the chunk they come from is the socket's, and gathered only when asked.
      if (f.parts !== null) f.parts.push(Buffer.from(piece));
      if (f.left === 0) {
        frame = null;
        const head = Buffer.concat(f.head);
        const whole = f.parts ? Buffer.concat(f.parts) : null;
        if (f.opcode === BINARY) onMessage(head, f.size, whole);
        else onControl(f.opcode, whole ?? head);
      }
    }
    if (data.length > 0) pending = Buffer.from(data);
  };
}

/** Connects, syncs once, closes. Rejects on refusal, close or `timeoutMs`. */
export function rawSync(
  url: string,
  documentName: string,
  token: string,
  options: {
    stateVector?: Uint8Array;
    reply?: Uint8Array;
    timeoutMs?: number;
    keepStep2?: boolean;
    /** Keeps the socket open after syncing until this settles, as a tablet stays connected (default: closes). */
    stayUntil?: Promise<unknown>;
  } = {},
): Promise<RawSync> {
  const stateVector = options.stateVector ?? EMPTY_STATE_VECTOR;
  const reply = options.reply ?? EMPTY_UPDATE;
  const keepStep2 = options.keepStep2 !== false;
  const { hostname, port, pathname } = new URL(url);
  const started = performance.now();
  const socket: Socket = connectTcp({ host: hostname, port: Number(port) });
  socket.setNoDelay(true);
  return new Promise<RawSync>((resolve, reject) => {
    let step2: Uint8Array | null = null;
    let step2Bytes = 0;
    let step2Ms = 0;
    let openMs = 0;
    let finished = false;
    let closing = false;
    const send = (opcode: number, payload: Uint8Array): void => {
      if (!socket.destroyed) socket.write(frame(opcode, payload));
    };
    /** A close frame (1000), then the socket ends. */
    const close = (): void => {
      if (closing) return;
      closing = true;
      send(CLOSE_FRAME, new Uint8Array([0x03, 0xe8]));
      socket.end();
      setTimeout(() => socket.destroy(), 1000).unref();
    };
    const finish = (error: Error | null, result?: RawSync): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      if (error || !options.stayUntil) close();
      else void options.stayUntil.finally(close);
      if (error) reject(error);
      else resolve(result!);
    };
    const timer = setTimeout(() => finish(new Error('not synced in time')), options.timeoutMs ?? 60_000);

    /** Reads a message's document name, type and (for Sync) step and size; null when it is for another document. */
    const header = (bytes: Uint8Array): { type: number; decoder: decoding.Decoder } | null => {
      const d = decoding.createDecoder(bytes);
      if (decoding.readVarString(d) !== documentName) return null;
      return { type: decoding.readVarUint(d), decoder: d };
    };
    const isStep2 = (head: Uint8Array): boolean => {
      try {
        const h = header(head);
        return (
          h !== null &&
          (h.type === SYNC || h.type === SYNC_REPLY) &&
          decoding.readVarUint(h.decoder) === STEP_2
        );
      } catch {
        return false;
      }
    };
    const onMessage = (head: Uint8Array, size: number, whole: Uint8Array | null): void => {
      const h = header(whole ?? head);
      if (h === null) return;
      const d = h.decoder;
      if (h.type === AUTH && decoding.readVarUint(d) === AUTH_DENIED) {
        finish(new Error(`refused: ${decoding.readVarString(d)}`));
      } else if (h.type === CLOSE) {
        finish(new Error(`closed: ${decoding.readVarString(d)}`));
      } else if (h.type === SYNC || h.type === SYNC_REPLY) {
        const step = decoding.readVarUint(d);
        if (step === STEP_2) {
          if (whole) {
            const answer = decoding.readVarUint8Array(d);
            step2Bytes = answer.byteLength;
            step2 = answer.slice();
          } else {
            step2Bytes = decoding.readVarUint(d);
            // The message's own size says the answer came whole.
            if (d.pos + step2Bytes !== size) throw new Error('step 2 of another size than it says');
            step2 = new Uint8Array();
          }
          step2Ms = performance.now() - started;
        } else if (step === STEP_1) {
          send(
            BINARY,
            message(documentName, (e) => {
              encoding.writeVarUint(e, SYNC);
              encoding.writeVarUint(e, STEP_2);
              encoding.writeVarUint8Array(e, reply);
            }),
          );
        }
      } else if (h.type === SYNC_STATUS && step2 !== null) {
        finish(null, { step2, step2Bytes, openMs, step2Ms, syncedMs: performance.now() - started });
      }
    };
    const onControl = (opcode: number, payload: Buffer): void => {
      if (opcode === PING) send(PONG, payload);
      else if (opcode === CLOSE_FRAME) {
        const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
        finish(new Error(`socket closed (${code} ${payload.subarray(2).toString()})`));
      }
    };
    const readFrames = frameReader(onMessage, onControl, (head) => keepStep2 || !isStep2(head));

    // The handshake: the server's 101 answer, then frames (possibly in the same chunk).
    let handshake: Buffer | null = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      if (handshake === null) {
        try {
          readFrames(chunk);
        } catch (e) {
          finish(e instanceof Error ? e : new Error(String(e)));
        }
        return;
      }
      handshake = Buffer.concat([handshake, chunk]);
      const end = handshake.indexOf('\r\n\r\n');
      if (end < 0) return;
      const status = handshake.subarray(0, handshake.indexOf('\r\n')).toString();
      const rest = handshake.subarray(end + 4);
      handshake = null;
      if (!/^HTTP\/1\.1 101 /.test(status)) {
        finish(new Error(`not upgraded: ${status}`));
        return;
      }
      openMs = performance.now() - started;
      send(
        BINARY,
        message(documentName, (e) => {
          encoding.writeVarUint(e, AUTH);
          encoding.writeVarUint(e, AUTH_TOKEN);
          encoding.writeVarString(e, token);
        }),
      );
      send(
        BINARY,
        message(documentName, (e) => {
          encoding.writeVarUint(e, SYNC);
          encoding.writeVarUint(e, STEP_1);
          encoding.writeVarUint8Array(e, stateVector);
        }),
      );
      try {
        if (rest.length > 0) readFrames(rest);
      } catch (e) {
        finish(e instanceof Error ? e : new Error(String(e)));
      }
    });
    socket.on('connect', () => {
      socket.write(
        `GET ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    socket.on('close', () => finish(new Error('socket closed (1006 )')));
    socket.on('error', (e: Error) => finish(e));
  });
}
