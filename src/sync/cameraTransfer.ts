/**
 * Tablet to tablet by camera, with no radio at all (issue 13 §2; docs/session-file.md, "Tablet to tablet by
 * camera"). Two messages, each sent as QR frames (cameraFrames.ts) carrying fountain parts (fountain.ts):
 *
 * 1. The receiving tablet's request: its session id, device id and name, and its Yjs state vector (what it has).
 * 2. The sending tablet's answer: a session file (envelope.ts, sessionFile.ts: format line, header, SHA-256,
 *    gzip) whose payload is only what the receiver lacks, Y.encodeStateAsUpdate(doc, stateVector).
 *
 * The receiver reads the answer with readSessionFile and merges it with prepareImport / applyImport, exactly as a
 * session file: the same checks and preview, nothing applied unless every check passes.
 */
import * as Y from 'yjs';
import { ID_LENGTH } from '../doc/recordShapes';
import { readMeta, readRecords } from '../doc/schema';
import { ValidationError } from '../domain/errors';
import { LIMITS } from '../domain/limits';
import { toBase64 } from '../domain/recordSigning';
import { effectiveSettings } from '../domain/settings';
import {
  FRAME_KINDS,
  frameText,
  MAX_BLOCK_SIZE,
  readFrame,
  sessionTag,
  type Frame,
  type FrameKind,
} from './cameraFrames';
import { FORMAT_NAME, FORMAT_VERSION, gzip, splitEnvelope, writeEnvelope } from './envelope';
import { blockCount, encodePart, FountainDecoder, MAX_BLOCKS, PART_OUTCOMES } from './fountain';
import { deltaCounts, sheetsIn } from './deltaCounts';
import type { ExportContext, FileCounts, ParsedFile, SessionFileHeader } from './sessionFile';

/**
 * Bytes of message in each frame. 400 bytes make 644 characters of QR text: version 16 (81 modules a side) at
 * error correction level M, which a tablet or phone camera reads off a screen at arm's length; the benchmark
 * (test/bench/cameraTransfer.ts) measures what this gives.
 */
export const BLOCK_SIZE = 400;
/** How long each frame stays on the sending screen. */
export const FRAME_MS = 200;
/** Most bytes a request may hold: a state vector of a few thousand Yjs clients. */
const MAX_REQUEST_BYTES = 64 * 1024;

/** What the receiving tablet has, and who it is. */
export interface TransferRequest {
  sessionId: string;
  deviceId: string;
  deviceName: string;
  /** Y.encodeStateVector of its copy of the session. */
  stateVector: Uint8Array;
  /**
   * The paper sheets whose ballot it counts (heldSheets), as ranges: a state vector cannot tell the sender of a
   * sheet it typed apart, which the sender never saw. Absent from an older app, or where the list would pass
   * MAX_SHEETS_TEXT.
   */
  sheets?: string;
}

/** One message as frames: `frame(seq)` for seq = 0, 1, 2, ... without end. */
export interface FrameSource {
  kind: FrameKind;
  transferId: number;
  /** Frames that make the message when none is lost (k). */
  blocks: number;
  frame: (seq: number) => string;
}

/** The request as bytes: its identities as one line of JSON, a newline, then the state vector. */
export function encodeRequest(request: TransferRequest): Uint8Array {
  const { sessionId, deviceId, deviceName, sheets } = request;
  const fields = { sessionId, deviceId, deviceName, ...(sheets !== undefined ? { sheets } : {}) };
  const head = new TextEncoder().encode(`${JSON.stringify(fields)}\n`);
  const out = new Uint8Array(head.length + request.stateVector.length);
  out.set(head);
  out.set(request.stateVector, head.length);
  return out;
}

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= ID_LENGTH;

/** The request, or null when the bytes are not one (the state vector is checked by decoding it). */
export function decodeRequest(bytes: Uint8Array): TransferRequest | null {
  if (bytes.length > MAX_REQUEST_BYTES) return null;
  const end = bytes.indexOf(0x0a);
  if (end < 0) return null;
  try {
    const head: unknown = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end)),
    );
    if (typeof head !== 'object' || head === null) return null;
    const { sessionId, deviceId, deviceName, sheets } = head as Record<string, unknown>;
    if (!isId(sessionId) || !isId(deviceId) || typeof deviceName !== 'string') return null;
    const stateVector = bytes.slice(end + 1);
    Y.decodeStateVector(stateVector);
    // A list that is not one is left out: the sender counts as far as the state vector tells.
    const isSheets = typeof sheets === 'string' && sheetsIn(sheets) !== null;
    return {
      sessionId,
      deviceId,
      deviceName: deviceName.slice(0, LIMITS.nameLength),
      stateVector,
      ...(isSheets ? { sheets } : {}),
    };
  } catch {
    return null;
  }
}

/**
 * Frames of a message. Short messages get a block of their own length: one small, easily read QR code. A message
 * of more than MAX_BLOCKS blocks of BLOCK_SIZE gets larger blocks (larger codes), as the receiver refuses a frame
 * that announces more than MAX_BLOCKS; beyond MAX_BLOCKS blocks of MAX_BLOCK_SIZE it cannot go by camera at all.
 */
/** What is to be sent is more than codes can carry (MAX_BLOCKS blocks of MAX_BLOCK_SIZE): the screen says so. */
export class TooLargeForCamera extends RangeError {
  override readonly name = 'TooLargeForCamera';
  constructor(readonly bytes: number) {
    super(`${bytes} bytes is too large to send by camera`);
  }
}

export function frameSource(
  message: Uint8Array,
  kind: FrameKind,
  ids: { sessionId: string; transferId: number; requestId: number },
): FrameSource {
  const wanted = Math.max(BLOCK_SIZE, Math.ceil(message.length / MAX_BLOCKS));
  if (wanted > MAX_BLOCK_SIZE) throw new TooLargeForCamera(message.length);
  const blockSize = Math.max(1, Math.min(wanted, message.length));
  const params = { length: message.length, blockSize, seed: ids.transferId };
  const base = { kind, sessionTag: sessionTag(ids.sessionId), ...ids, length: message.length, blockSize };
  return {
    kind,
    transferId: ids.transferId,
    blocks: blockCount(params),
    frame: (seq) => frameText({ ...base, seq, part: encodePart(message, params, seq) } satisfies Frame),
  };
}

/** A random request id: another tablet's answer (made for its own state vector) is told apart by it. */
export function newRequestId(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]!;
}

/** The transfer id of a delta: the first four bytes of its file's SHA-256, so two deltas never share one. */
export function transferIdOf(file: Uint8Array): number {
  const digest = atob(splitEnvelope(file).checksum.slice('sha256-'.length));
  return (
    ((digest.charCodeAt(0) << 24) |
      (digest.charCodeAt(1) << 16) |
      (digest.charCodeAt(2) << 8) |
      digest.charCodeAt(3)) >>>
    0
  );
}

/**
 * Longest state vector (as base64) the answer's header carries: the header has MAX_HEADER_BYTES (8 KB) in all,
 * and the rest of it takes well under 2 KB. A session copied through more Yjs clients than that sends none, and the
 * receiver's room then knows only that this tablet was gathered, as before.
 */
const MAX_HEADER_STATE_VECTOR = 6000;

/**
 * The answer's header with what the sending tablet held when it answered: its own state vector (base64). A delta
 * carries only what the receiver lacked, so without it the receiving room could not tell whether the sender holds
 * everything it holds, as a whole session file tells. Extra header fields are allowed (recordShapes.ts `fields`);
 * an older app ignores it.
 */
interface DeltaHeader extends SessionFileHeader {
  senderStateVector?: string;
}

/**
 * What the sending tablet held when it made this answer (Y.encodeStateVector of its copy), from the answer's
 * header; undefined when an older app sent none or the text is not a state vector.
 */
export function senderStateVectorOf(header: SessionFileHeader): Uint8Array | undefined {
  const { senderStateVector: text }: DeltaHeader = header;
  if (typeof text !== 'string' || text.length > MAX_HEADER_STATE_VECTOR) return undefined;
  try {
    const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    Y.decodeStateVector(bytes);
    return bytes;
  } catch {
    return undefined;
  }
}

export interface DeltaFile {
  /** A session file holding only what the receiver lacks. */
  bytes: Uint8Array;
  transferId: number;
  /** Bytes of the Yjs update before gzip, and of the whole session's (for the benchmark's comparison). */
  updateBytes: number;
  counts: FileCounts;
}

/** The answer to a request: what `doc` holds beyond the request's state vector, as a session file. */
export async function encodeDelta(
  doc: Y.Doc,
  request: TransferRequest,
  context: ExportContext,
): Promise<DeltaFile> {
  const meta = readMeta(doc);
  const settings = effectiveSettings(readRecords(doc).settingsEdits);
  if (!meta || !settings) throw new ValidationError('required', 'session');
  const update = Y.encodeStateAsUpdate(doc, request.stateVector);
  const payload = await gzip(update);
  const sheetsHeld = (request.sheets !== undefined ? sheetsIn(request.sheets) : null) ?? (() => false);
  const counts = deltaCounts(doc, Y.decodeStateVector(request.stateVector), sheetsHeld);
  const senderStateVector = toBase64(Y.encodeStateVector(doc));
  const header: DeltaHeader = {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    schemaVersion: meta.schemaVersion,
    sessionId: meta.sessionId,
    sessionTitle: settings.title.slice(0, LIMITS.sessionTitleLength),
    deviceId: context.deviceId,
    deviceName: context.deviceName.slice(0, LIMITS.nameLength),
    exportedAt: new Date(context.now).toISOString(),
    counts,
    compression: 'gzip',
    payloadBytes: payload.byteLength,
    updateBytes: update.byteLength,
    ...(senderStateVector.length <= MAX_HEADER_STATE_VECTOR ? { senderStateVector } : {}),
  };
  const bytes = await writeEnvelope(JSON.stringify(header), payload);
  return { bytes, transferId: transferIdOf(bytes), updateBytes: update.byteLength, counts };
}

/**
 * The delta as prepareImport checks a file: the target's whole state with the delta, one update. A delta alone
 * is not a whole document (its records may replace entries the receiver has, and it has no meta), and
 * prepareImport checks each file's own document before merging; with the target's state in it, that document is
 * what the sender would have sent whole as far as this tablet can tell, and everything the merge would change is
 * still only what the delta brings, checked by the same rules.
 */
export function mergeableFile(target: Y.Doc, delta: ParsedFile): ParsedFile {
  return { ...delta, update: Y.mergeUpdates([Y.encodeStateAsUpdate(target), delta.update]) };
}

/** What the collector made of one QR text. */
export const TAKE_OUTCOMES = {
  /** A new part: progress. */
  part: 'part',
  /** A part of this transfer that adds nothing (seen before). */
  repeat: 'repeat',
  /** Not one of this app's frames: another QR code. */
  notAFrame: 'notAFrame',
  /** A frame that does not check out (misread or altered): ignored. */
  damaged: 'damaged',
  /** A frame from a newer app. */
  newerVersion: 'newerVersion',
  /** A frame of the other kind (a request where a delta is expected, or the reverse). */
  otherKind: 'otherKind',
  /** A frame for another session. */
  otherSession: 'otherSession',
  /** A delta made for another tablet's request (or, after a reload, for one this tablet no longer knows). */
  otherTablet: 'otherTablet',
  /** A frame of another transfer than the one being read. */
  otherTransfer: 'otherTransfer',
  /** The message is whole. */
  complete: 'complete',
} as const;
export type TakeOutcome = (typeof TAKE_OUTCOMES)[keyof typeof TAKE_OUTCOMES];

export interface CollectorExpects {
  kind: FrameKind;
  sessionId: string;
  /** For a delta: the request it must answer. */
  requestId?: number;
  /**
   * For a delta: this tablet's earlier requests in the session. An answer to one still fits (a copy only grows,
   * so it holds all that the answer to the new one would, and more), so it is read as well: a receiver that left
   * the room part way and showed a new code goes on reading the codes still on the sending screen.
   */
  earlierRequestIds?: readonly number[];
}

/**
 * Reads QR texts into one message. The first good frame of the expected kind, session (and request) fixes the
 * transfer; from then on frames of any other transfer are refused, so two transfers are never mixed.
 */
export class FrameCollector {
  private decoder: FountainDecoder | null = null;
  private transfer: { transferId: number; length: number; blockSize: number } | null = null;
  private readonly tag: number;

  constructor(readonly expects: CollectorExpects) {
    this.tag = sessionTag(expects.sessionId);
  }

  /** 0..1: how much of the message the parts so far determine. */
  get progress(): number {
    return this.decoder ? this.decoder.rank / this.decoder.k : 0;
  }

  /** Parts that make the message (k), once the first frame said; 0 before. */
  get blocks(): number {
    return this.decoder?.k ?? 0;
  }

  /** Parts held so far that each told something new. */
  get useful(): number {
    return this.decoder?.rank ?? 0;
  }

  get transferId(): number | null {
    return this.transfer?.transferId ?? null;
  }

  /** The whole message, once complete. */
  message(): Uint8Array | null {
    return this.decoder?.message() ?? null;
  }

  take(text: string): TakeOutcome {
    const read = readFrame(text);
    if (!read.ok) return read.problem;
    const frame = read.frame;
    if (frame.kind !== this.expects.kind) return TAKE_OUTCOMES.otherKind;
    if (frame.sessionTag !== this.tag) return TAKE_OUTCOMES.otherSession;
    const { requestId, earlierRequestIds = [] } = this.expects;
    if (
      requestId !== undefined &&
      frame.requestId !== requestId &&
      !earlierRequestIds.includes(frame.requestId)
    ) {
      return TAKE_OUTCOMES.otherTablet;
    }
    if (!this.transfer) {
      this.transfer = { transferId: frame.transferId, length: frame.length, blockSize: frame.blockSize };
      this.decoder = new FountainDecoder({
        length: frame.length,
        blockSize: frame.blockSize,
        seed: frame.transferId,
      });
    }
    const t = this.transfer;
    if (frame.transferId !== t.transferId || frame.length !== t.length || frame.blockSize !== t.blockSize) {
      return TAKE_OUTCOMES.otherTransfer;
    }
    const outcome = this.decoder!.add(frame.seq, frame.part);
    if (this.decoder!.isComplete) return TAKE_OUTCOMES.complete;
    return outcome === PART_OUTCOMES.new ? TAKE_OUTCOMES.part : TAKE_OUTCOMES.repeat;
  }
}

export { FRAME_KINDS };
