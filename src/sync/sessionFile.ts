/**
 * Session files: a whole session from one device, carried to another with no network (USB stick, AirDrop,
 * email) and merged there without losing or double counting anything. See docs/session-file.md.
 *
 * Export: `encodeSessionFile` + `fileName`. Import, in three steps so the UI can show each one:
 * `readSessionFile` (bytes -> checked header and Yjs update; never touches a document), `prepareImport`
 * (merges into a scratch copy, checks the content, says what would be added), `applyImport` (one transaction).
 * Every refusal is a SessionFileError with a code the UI words from its catalogue.
 */
import * as Y from 'yjs';
import {
  fields,
  ID_LENGTH,
  isPlainObject,
  oneOf,
  text,
  whole,
  type Check,
  type ShapeProblem,
} from '../doc/recordShapes';
import { readMeta, readRecords, SCHEMA_VERSION } from '../doc/schema';
import { ValidationError } from '../domain/errors';
import { LIMITS } from '../domain/limits';
import { takingPart } from '../domain/results/participation';
import { effectiveSettings } from '../domain/settings';
import type { SessionSettings } from '../domain/types';
import {
  checksumOf,
  FORMAT_NAME,
  FORMAT_VERSION,
  gunzip,
  gzip,
  splitEnvelope,
  writeEnvelope,
} from './envelope';
import { asFileErrorAsync, SessionFileError } from './errors';

export { FORMAT_NAME, FORMAT_VERSION } from './envelope';
export * from './errors';
export {
  applyImport,
  ImportOrigin,
  prepareImport,
  type FileSource,
  type ImportCounts,
  type ImportPreview,
} from './importSession';

export const FILE_EXTENSION = '.codesign';
/** Media type for downloads and the file picker's `accept`. */
export const FILE_MEDIA_TYPE = 'application/vnd.neighbourhood-codesign-session';

/** Defaults for readSessionFile: far above a real workshop (a few hundred records make about 40 kB). */
export const FILE_LIMITS = {
  /** The file as it arrives. */
  maxBytes: 16 * 1024 * 1024,
  /** The Yjs update once unpacked: guards against a small file that unpacks to gigabytes. */
  maxUpdateBytes: 64 * 1024 * 1024,
} as const;

/**
 * How many records of each kind the file holds, for listing files before importing them, counted as the dashboard
 * counts them (readRecords; `participants`: the residents taking part), so they agree with the preview of the file
 * on a device without the session.
 */
export interface FileCounts {
  proposals: number;
  comments: number;
  participants: number;
  ballots: number;
  moderation: number;
  statuses: number;
}

/** The header line. Every field is covered by the checksum. */
export interface SessionFileHeader {
  format: typeof FORMAT_NAME;
  /** The file format's version; the magic line says the same. */
  version: number;
  /** The session document's `meta.schemaVersion`. */
  schemaVersion: number;
  sessionId: string;
  sessionTitle: string;
  deviceId: string;
  /** The exporting device's name, for people: "Tablet 3". */
  deviceName: string;
  /** ISO 8601, UTC. The exporting device's clock: for people, not for correctness. */
  exportedAt: string;
  counts: FileCounts;
  compression: 'gzip';
  /** Bytes of payload after the checksum line: the file must end exactly there. */
  payloadBytes: number;
  /** Bytes of the Yjs update once unpacked. */
  updateBytes: number;
}

/** A file that passed every check that needs no document. */
export interface ParsedFile {
  fileName: string;
  fileBytes: number;
  header: SessionFileHeader;
  /** A Yjs update (v1 encoding) holding the exporting device's whole copy of the session. */
  update: Uint8Array;
}

export interface ExportContext {
  deviceId: string;
  deviceName: string;
  /** Wall-clock ms. */
  now: number;
}

export interface ReadOptions {
  /** Defaults to FILE_LIMITS.maxBytes. */
  maxBytes?: number;
  /** Defaults to FILE_LIMITS.maxUpdateBytes. */
  maxUpdateBytes?: number;
  /** Used in messages and the import's transaction origin. */
  fileName?: string;
  /** Hears 0..1 as the file is checked and unpacked, for a progress bar. Must not throw. */
  onProgress?: (fraction: number) => void;
}

const count = whole(0, Number.MAX_SAFE_INTEGER);
const isoTime: Check = (v, f, report) => {
  if (typeof v !== 'string' || v.length > 40 || Number.isNaN(Date.parse(v))) report(f, 'badDate');
};
const HEADER_SHAPE = fields({
  format: oneOf([FORMAT_NAME]),
  version: whole(1, FORMAT_VERSION),
  schemaVersion: whole(1, 1_000_000),
  sessionId: text(ID_LENGTH, true),
  sessionTitle: text(LIMITS.sessionTitleLength),
  deviceId: text(ID_LENGTH, true),
  deviceName: text(LIMITS.nameLength),
  exportedAt: isoTime,
  counts: fields({
    proposals: count,
    comments: count,
    participants: count,
    ballots: count,
    moderation: count,
    statuses: count,
  }),
  compression: oneOf(['gzip']),
  payloadBytes: count,
  updateBytes: count,
});

function headerProblem(value: unknown): string | null {
  let first: string | null = null;
  HEADER_SHAPE(value, '', (field: string, problem: ShapeProblem['problem']) => {
    first ??= `${field} ${problem}`;
  });
  return first;
}

function isHeader(value: unknown): value is SessionFileHeader {
  return headerProblem(value) === null;
}

function parseHeader(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
}

/** Packs the whole session document into a session file. */
export async function encodeSessionFile(doc: Y.Doc, context: ExportContext): Promise<Uint8Array> {
  const meta = readMeta(doc);
  const records = readRecords(doc);
  const settings = effectiveSettings(records.settingsEdits);
  if (!meta || !settings) throw new ValidationError('required', 'session');
  const update = Y.encodeStateAsUpdate(doc);
  const payload = await gzip(update);
  const header: SessionFileHeader = {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    schemaVersion: meta.schemaVersion,
    sessionId: meta.sessionId,
    sessionTitle: settings.title.slice(0, LIMITS.sessionTitleLength),
    deviceId: context.deviceId,
    deviceName: context.deviceName.slice(0, LIMITS.nameLength),
    exportedAt: new Date(context.now).toISOString(),
    counts: {
      proposals: records.proposals.length,
      comments: records.comments.length,
      // Residents taking part, as the dashboard, the "saved" message and the preview count them.
      participants: takingPart(records).residents.length,
      ballots: records.ballots.length,
      moderation: records.moderation.length,
      statuses: records.statuses.length,
    },
    compression: 'gzip',
    payloadBytes: payload.byteLength,
    updateBytes: update.byteLength,
  };
  return writeEnvelope(JSON.stringify(header), payload);
}

/** Lower-case ASCII words joined by hyphens: "Ashfield North" -> "ashfield-north", "Tablet 3" -> "tablet-3". */
export function slug(value: string, fallback: string, maxLength = 40): string {
  const s = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, '');
  return s || fallback;
}

/**
 * A name people can read and sort: neighbourhood, the export's local date and time (hours and minutes), the
 * device, e.g. `ashfield-2026-11-20-1430-tablet-3.codesign`. Two saves in the same minute differ too: a name in
 * `taken` (the names already saved here) gets the next free counter, `…-tablet-3-2.codesign`.
 */
export function fileName(
  settings: Pick<SessionSettings, 'neighbourhood'>,
  deviceName: string,
  date: Date,
  taken: ReadonlySet<string> = new Set(),
): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}${pad(date.getMinutes())}`;
  const stem = `${slug(settings.neighbourhood, 'session')}-${day}-${time}-${slug(deviceName, 'device')}`;
  let name = `${stem}${FILE_EXTENSION}`;
  for (let n = 2; taken.has(name); n++) name = `${stem}-${n}${FILE_EXTENSION}`;
  return name;
}

/**
 * Checks a file's bytes in order (format, version, size, layout, checksum, header, unpacked size) and unpacks
 * the update. Touches no document. Throws only SessionFileError, whatever the bytes.
 */
export function readSessionFile(bytes: Uint8Array, options: ReadOptions = {}): Promise<ParsedFile> {
  return asFileErrorAsync(() => read(bytes, options), 'unreadable');
}

async function read(bytes: Uint8Array, options: ReadOptions): Promise<ParsedFile> {
  const maxBytes = options.maxBytes ?? FILE_LIMITS.maxBytes;
  const maxUpdateBytes = options.maxUpdateBytes ?? FILE_LIMITS.maxUpdateBytes;
  const progress = options.onProgress ?? (() => undefined);
  if (!(bytes instanceof Uint8Array)) throw new SessionFileError('notASessionFile', { reason: 'notBytes' });
  const parts = splitEnvelope(bytes);
  if (bytes.byteLength > maxBytes) {
    throw new SessionFileError('tooLarge', { maxBytes, bytes: bytes.byteLength });
  }
  const header = parseHeader(parts.header);
  const declared = isPlainObject(header) ? header.payloadBytes : undefined;
  if (typeof declared === 'number' && parts.payload.byteLength < declared) {
    const expectedBytes = bytes.byteLength - parts.payload.byteLength + declared;
    throw new SessionFileError('truncated', { bytes: bytes.byteLength, expectedBytes });
  }
  if ((await checksumOf(parts.covered)) !== parts.checksum) throw new SessionFileError('checksumMismatch');
  progress(0.1);
  // From here on the bytes are as exported: a problem is a bad exporter or a forger, not a bad copy.
  if (!isHeader(header)) {
    throw new SessionFileError('corrupt', { reason: `header ${headerProblem(header) ?? ''}`.trim() });
  }
  if (header.version !== parts.version) throw new SessionFileError('corrupt', { reason: 'version' });
  if (header.payloadBytes !== parts.payload.byteLength) {
    throw new SessionFileError('corrupt', { reason: 'payloadBytes' });
  }
  if (header.schemaVersion > SCHEMA_VERSION) {
    throw new SessionFileError('newerVersion', {
      schemaVersion: header.schemaVersion,
      supported: SCHEMA_VERSION,
    });
  }
  if (header.updateBytes > maxUpdateBytes) {
    throw new SessionFileError('tooLarge', { maxBytes: maxUpdateBytes, bytes: header.updateBytes });
  }
  const update = await gunzip(parts.payload, header.updateBytes, (f) => progress(0.1 + 0.9 * f));
  if (update.byteLength !== header.updateBytes) {
    throw new SessionFileError('corrupt', { reason: 'updateBytes' });
  }
  progress(1);
  return { fileName: options.fileName ?? '', fileBytes: bytes.byteLength, header, update };
}
