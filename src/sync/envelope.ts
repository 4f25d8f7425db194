/**
 * The session file's bytes (docs/session-file.md): a magic line naming the format and its version, a one-line
 * JSON header, a checksum line, then the gzip'd payload. This module knows only bytes: how to write them, how to
 * cut a file into its parts (refusing anything that is not one), the checksum, and gzip with a size limit.
 * Runtime-neutral: CompressionStream, DecompressionStream and crypto.subtle exist in browsers and in Node 20.
 *
 *   neighbourhood-codesign-session 1\n      magic line: format name, space, version in decimal
 *   {"format":...,"payloadBytes":...}\n     header: UTF-8 JSON on one line, at most MAX_HEADER_BYTES
 *   sha256-<44 base64 characters>\n         SHA-256 of every other byte of the file (lines 1, 2 and payload)
 *   <payload>                               gzip'd Yjs update, exactly header.payloadBytes long, to the end
 */
import { SessionFileError } from './errors';

export const FORMAT_NAME = 'neighbourhood-codesign-session';
export const FORMAT_VERSION = 1;
export const MAX_HEADER_BYTES = 8 * 1024;
const MAGIC = new TextEncoder().encode(`${FORMAT_NAME} `);
const NEWLINE = 0x0a;
const CHECKSUM_PREFIX = 'sha256-';
/** `sha256-` + 44 base64 characters (32 bytes) + newline. */
const CHECKSUM_LINE_BYTES = CHECKSUM_PREFIX.length + 44 + 1;
const MAX_VERSION_DIGITS = 6;
const CHUNK_BYTES = 256 * 1024;

/** A file cut into its parts; nothing in it has been checked beyond the layout. */
export interface EnvelopeParts {
  version: number;
  /** The header line's bytes, without its newline. */
  header: Uint8Array;
  /** `sha256-<base64>` as written in the file. */
  checksum: string;
  payload: Uint8Array;
  /** The bytes the checksum covers: magic and header lines (with their newlines), then the payload. */
  covered: readonly Uint8Array[];
}

function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

export async function checksumOf(parts: readonly Uint8Array[]): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', concat(parts)));
  return CHECKSUM_PREFIX + btoa(String.fromCharCode(...digest));
}

/** The whole file: magic line, header line, checksum line, payload. `headerJson` must hold no newline. */
export async function writeEnvelope(headerJson: string, payload: Uint8Array): Promise<Uint8Array> {
  const head = new TextEncoder().encode(`${FORMAT_NAME} ${FORMAT_VERSION}\n${headerJson}\n`);
  const checksum = new TextEncoder().encode(`${await checksumOf([head, payload])}\n`);
  return concat([head, checksum, payload]);
}

/** Index of the next newline in bytes[from, from + within), or -1. */
function newlineWithin(bytes: Uint8Array, from: number, within: number): number {
  const at = bytes.subarray(from, from + within).indexOf(NEWLINE);
  return at < 0 ? -1 : from + at;
}

/** Cut short if the file ends before `within` more bytes could have brought the newline; else damaged. */
function missingNewline(bytes: Uint8Array, from: number, within: number, part: string): SessionFileError {
  return bytes.byteLength - from < within
    ? new SessionFileError('truncated', { bytes: bytes.byteLength })
    : new SessionFileError('corrupt', { reason: part });
}

/**
 * Cuts a file into its parts. Refuses what is not a session file, what a newer version wrote (judged by the
 * magic line alone, so a later version may change everything after it), and a file cut short.
 */
export function splitEnvelope(bytes: Uint8Array): EnvelopeParts {
  if (bytes.byteLength === 0) throw new SessionFileError('notASessionFile', { reason: 'empty' });
  for (let i = 0; i < Math.min(bytes.byteLength, MAGIC.byteLength); i++) {
    if (bytes[i] !== MAGIC[i]) throw new SessionFileError('notASessionFile', { reason: 'magic' });
  }
  const versionEnd = newlineWithin(bytes, MAGIC.byteLength, MAX_VERSION_DIGITS + 1);
  if (versionEnd < 0) throw missingNewline(bytes, MAGIC.byteLength, MAX_VERSION_DIGITS + 1, 'version');
  const versionText = new TextDecoder().decode(bytes.subarray(MAGIC.byteLength, versionEnd));
  if (!/^[1-9][0-9]*$/.test(versionText)) throw new SessionFileError('corrupt', { reason: 'version' });
  const version = Number(versionText);
  if (version > FORMAT_VERSION) {
    throw new SessionFileError('newerVersion', { version, supported: FORMAT_VERSION });
  }
  const headerStart = versionEnd + 1;
  const headerEnd = newlineWithin(bytes, headerStart, MAX_HEADER_BYTES + 1);
  if (headerEnd < 0) throw missingNewline(bytes, headerStart, MAX_HEADER_BYTES + 1, 'header');
  const checksumStart = headerEnd + 1;
  const payloadStart = checksumStart + CHECKSUM_LINE_BYTES;
  if (bytes.byteLength < payloadStart) throw new SessionFileError('truncated', { bytes: bytes.byteLength });
  const checksum = new TextDecoder().decode(bytes.subarray(checksumStart, payloadStart - 1));
  if (bytes[payloadStart - 1] !== NEWLINE || !/^sha256-[A-Za-z0-9+/]{43}=$/.test(checksum)) {
    throw new SessionFileError('corrupt', { reason: 'checksumLine' });
  }
  const payload = bytes.subarray(payloadStart);
  return {
    version,
    header: bytes.subarray(headerStart, headerEnd),
    checksum,
    payload,
    covered: [bytes.subarray(0, headerEnd + 1), payload],
  };
}

/**
 * Pushes `input` through a compression transform in chunks and collects the output, stopping as soon as it
 * passes `maxOutput` bytes (a zip bomb never gets unpacked in full). `onInput` hears the fraction fed so far.
 */
async function transform(
  stream: CompressionStream | DecompressionStream,
  input: Uint8Array,
  maxOutput: number,
  onInput?: (fraction: number) => void,
): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const feeding = (async () => {
    for (let offset = 0; offset < input.byteLength; offset += CHUNK_BYTES) {
      await writer.write(input.slice(offset, offset + CHUNK_BYTES));
      onInput?.(Math.min(1, (offset + CHUNK_BYTES) / input.byteLength));
    }
    await writer.close();
  })();
  // A failure surfaces through the reader; this only keeps the writer's rejection from going unhandled.
  feeding.catch(() => undefined);
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      // Only gunzip sets a limit: the size the header declared, so more output means the header lied.
      if (total > maxOutput) throw new SessionFileError('corrupt', { reason: 'updateBytes' });
      chunks.push(value);
    }
    await feeding;
  } catch (e) {
    await reader.cancel().catch(() => undefined);
    throw e;
  }
  return concat(chunks);
}

export function gzip(data: Uint8Array): Promise<Uint8Array> {
  return transform(new CompressionStream('gzip'), data, Number.POSITIVE_INFINITY);
}

/** Unpacks gzip; refuses ('corrupt') past maxOutput bytes; anything else wrong with the data rejects. */
export function gunzip(
  data: Uint8Array,
  maxOutput: number,
  onProgress?: (fraction: number) => void,
): Promise<Uint8Array> {
  return transform(new DecompressionStream('gzip'), data, maxOutput, onProgress);
}
