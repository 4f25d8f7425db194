/**
 * The text of one QR code in a camera transfer (docs/session-file.md, "Tablet to tablet by camera"): which
 * transfer it belongs to and one fountain part (fountain.ts), checked by a CRC-32 so a misread or altered frame
 * is refused rather than mixed in. Written in the QR alphabet of 45 characters (alphanumeric mode: 5.5 bits per
 * character, against 8 for bytes), with Base45 (RFC 9285) for the binary part:
 *
 *   NC<kind><version>:<base45 of the binary frame>
 *
 *   kind     R: a receiving tablet's request (what it has), D: the sending tablet's delta (what it lacks)
 *   version  1
 *   binary   (big-endian) sessionTag u32, transferId u32, requestId u32, length u32, blockSize u16, seq u32,
 *            part (blockSize bytes), CRC-32 (IEEE) u32 of the kind's character code, the version, and every
 *            byte before it
 *
 * Pure: no DOM.
 */
import { MAX_BLOCKS } from './fountain';

export const FRAME_VERSION = 1;
export const FRAME_KINDS = { request: 'R', delta: 'D' } as const;
export type FrameKind = (typeof FRAME_KINDS)[keyof typeof FRAME_KINDS];

/** Bytes of a binary frame around its part. */
export const FRAME_OVERHEAD = 26;
/** The most a frame's part may hold (a QR code of version 40 holds about 2,900 bytes this way). */
export const MAX_BLOCK_SIZE = 2048;

export interface Frame {
  kind: FrameKind;
  /** sessionTag(sessionId) of the session the transfer is for. */
  sessionTag: number;
  /** Which transfer: from the delta's checksum, or the request's own random number. */
  transferId: number;
  /** The request the transfer answers (a request's own transferId for a request). */
  requestId: number;
  /** Bytes in the whole message. */
  length: number;
  blockSize: number;
  seq: number;
  part: Uint8Array;
}

/** Why a QR text was not taken as a frame. */
export const FRAME_PROBLEMS = {
  /** Not a transfer frame at all (another QR code: an enrolment code, a web address). */
  notAFrame: 'notAFrame',
  /** A frame from a newer app. */
  newerVersion: 'newerVersion',
  /** Looks like a frame but does not check out: misread, cut or altered. */
  damaged: 'damaged',
} as const;
export type FrameProblem = (typeof FRAME_PROBLEMS)[keyof typeof FRAME_PROBLEMS];

export type ReadFrame = { ok: true; frame: Frame } | { ok: false; problem: FrameProblem };

// --- Base45 (RFC 9285) ---

const B45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const B45_VALUE = new Map([...B45].map((c, i) => [c, i]));

/** Two bytes to three characters (one byte to two), least significant first, as RFC 9285 says. */
export function base45Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = bytes[i]! * 256 + bytes[i + 1]!;
    out += B45[n % 45]! + B45[Math.floor(n / 45) % 45]!;
    n = Math.floor(n / 2025);
    out += B45[n]!;
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1]!;
    out += B45[n % 45]! + B45[Math.floor(n / 45)]!;
  }
  return out;
}

/** The bytes, or null when the text is not Base45 (a character outside the alphabet, a value out of range). */
export function base45Decode(text: string): Uint8Array | null {
  if (text.length % 3 === 1) return null;
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    const c = B45_VALUE.get(text[i]!);
    const d = B45_VALUE.get(text[i + 1] ?? '');
    if (c === undefined || d === undefined) return null;
    if (i + 2 < text.length) {
      const e = B45_VALUE.get(text[i + 2]!);
      if (e === undefined) return null;
      const n = c + d * 45 + e * 2025;
      if (n > 0xffff) return null;
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      const n = c + d * 45;
      if (n > 0xff) return null;
      out[o++] = n;
    }
  }
  return out;
}

// --- Checks ---

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, as zip and PNG use), continuing from `crc` (0 to start). */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** A 32-bit tag of a session id (FNV-1a over its UTF-8): a frame names its session in 4 bytes, not 64. */
export function sessionTag(sessionId: string): number {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(sessionId)) h = Math.imul(h ^ b, 0x01000193);
  return h >>> 0;
}

// --- Frames ---

const PREFIX = /^NC([A-Z])(\d{1,3}):/;

/** The QR text of one frame. */
export function frameText(frame: Frame): string {
  const { part } = frame;
  const bytes = new Uint8Array(FRAME_OVERHEAD + part.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, frame.sessionTag);
  view.setUint32(4, frame.transferId);
  view.setUint32(8, frame.requestId);
  view.setUint32(12, frame.length);
  view.setUint16(16, frame.blockSize);
  view.setUint32(18, frame.seq);
  bytes.set(part, 22);
  view.setUint32(22 + part.length, frameCrc(frame.kind, bytes.subarray(0, 22 + part.length)));
  return `NC${frame.kind}${FRAME_VERSION}:${base45Encode(bytes)}`;
}

function frameCrc(kind: string, body: Uint8Array): number {
  return crc32(body, crc32(new Uint8Array([kind.charCodeAt(0), FRAME_VERSION])));
}

/** Reads a QR text as a frame, checking its layout and CRC. Never throws. */
export function readFrame(text: string): ReadFrame {
  const prefix = PREFIX.exec(text);
  const kind = prefix?.[1];
  if (!prefix || (kind !== FRAME_KINDS.request && kind !== FRAME_KINDS.delta)) {
    return { ok: false, problem: FRAME_PROBLEMS.notAFrame };
  }
  if (Number(prefix[2]) > FRAME_VERSION) return { ok: false, problem: FRAME_PROBLEMS.newerVersion };
  const damaged = { ok: false, problem: FRAME_PROBLEMS.damaged } as const;
  if (Number(prefix[2]) !== FRAME_VERSION) return damaged;
  const bytes = base45Decode(text.slice(prefix[0].length));
  if (!bytes || bytes.length <= FRAME_OVERHEAD) return damaged;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const partEnd = bytes.length - 4;
  if (view.getUint32(partEnd) !== frameCrc(kind, bytes.subarray(0, partEnd))) return damaged;
  const blockSize = view.getUint16(16);
  const length = view.getUint32(12);
  if (blockSize !== partEnd - 22 || blockSize > MAX_BLOCK_SIZE) return damaged;
  if (Math.ceil(length / blockSize) > MAX_BLOCKS) return damaged;
  return {
    ok: true,
    frame: {
      kind,
      sessionTag: view.getUint32(0),
      transferId: view.getUint32(4),
      requestId: view.getUint32(8),
      length,
      blockSize,
      seq: view.getUint32(18),
      part: bytes.slice(22, partEnd),
    },
  };
}
