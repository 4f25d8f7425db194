/**
 * A device speaking the Hocuspocus 3 / y-protocols wire protocol itself, without a Y.Doc: it signs in, sends its
 * state vector (sync step 1), keeps the server's answer (sync step 2) as bytes, answers the server's own step 1
 * with what it holds (`reply`, an empty update for a new device, as a provider does) and waits for the server to
 * acknowledge that (SyncStatus). Used where 1,000 HocuspocusProviders in one process would measure the bench
 * process rather than the server: each provider applies the ~700 KiB day into its own Y.Doc, about 30 ms of CPU
 * per device in the client, where the server's part is what is measured.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';

/** Hocuspocus message types (@hocuspocus/server types.ts) and y-protocols sync steps. */
const SYNC = 0;
const AUTH = 2;
const SYNC_REPLY = 4;
const CLOSE = 7;
const SYNC_STATUS = 8;
const AUTH_TOKEN = 0;
const AUTH_DENIED = 1;
const STEP_1 = 0;
const STEP_2 = 1;
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

function message(documentName: string, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, documentName);
  write(e);
  return encoding.toUint8Array(e);
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
  const started = performance.now();
  // Messages as Buffers (ws's default): 'arraybuffer' would copy every ~850 KiB answer once more in this process.
  const ws = new WebSocket(url);
  return new Promise<RawSync>((resolve, reject) => {
    let step2: Uint8Array | null = null;
    let step2Bytes = 0;
    let step2Ms = 0;
    let openMs = 0;
    let finished = false;
    const finish = (error: Error | null, result?: RawSync): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      if (error || !options.stayUntil) ws.close();
      else void options.stayUntil.finally(() => ws.close());
      if (error) reject(error);
      else resolve(result!);
    };
    const timer = setTimeout(() => finish(new Error('not synced in time')), options.timeoutMs ?? 60_000);
    ws.on('open', () => {
      openMs = performance.now() - started;
      ws.send(
        message(documentName, (e) => {
          encoding.writeVarUint(e, AUTH);
          encoding.writeVarUint(e, AUTH_TOKEN);
          encoding.writeVarString(e, token);
        }),
      );
      ws.send(
        message(documentName, (e) => {
          encoding.writeVarUint(e, SYNC);
          encoding.writeVarUint(e, STEP_1);
          encoding.writeVarUint8Array(e, stateVector);
        }),
      );
    });
    ws.on('message', (data: Buffer) => {
      const d = decoding.createDecoder(data);
      if (decoding.readVarString(d) !== documentName) return;
      const type = decoding.readVarUint(d);
      if (type === AUTH && decoding.readVarUint(d) === AUTH_DENIED) {
        finish(new Error(`refused: ${decoding.readVarString(d)}`));
      } else if (type === CLOSE) {
        finish(new Error(`closed: ${decoding.readVarString(d)}`));
      } else if (type === SYNC || type === SYNC_REPLY) {
        const step = decoding.readVarUint(d);
        if (step === STEP_2) {
          const answer = decoding.readVarUint8Array(d);
          step2Bytes = answer.byteLength;
          // Many devices' copies of a day would fill this process: kept only when asked for.
          step2 = options.keepStep2 === false ? new Uint8Array() : answer.slice();
          step2Ms = performance.now() - started;
        } else if (step === STEP_1) {
          ws.send(
            message(documentName, (e) => {
              encoding.writeVarUint(e, SYNC);
              encoding.writeVarUint(e, STEP_2);
              encoding.writeVarUint8Array(e, reply);
            }),
          );
        }
      } else if (type === SYNC_STATUS && step2 !== null) {
        finish(null, { step2, step2Bytes, openMs, step2Ms, syncedMs: performance.now() - started });
      }
    });
    ws.on('close', (code: number, reason: Buffer) =>
      finish(new Error(`socket closed (${code} ${reason.toString()})`)),
    );
    ws.on('error', (e: Error) => finish(e));
  });
}
