/**
 * Why a session file was refused. Like ValidationError, a code and params, never a sentence: the UI words each
 * code from its message catalogue (`fileError.<code>`). Reading and preparing an import throw nothing else.
 */
import type { ShapeProblem } from '../doc/recordShapes';
import type { StructureProblemCode } from './structureRules';

export const SESSION_FILE_ERROR_CODES = [
  /** Bigger than the limit (the file, or its update once unpacked). params: maxBytes, bytes */
  'tooLarge',
  /** Not a session file at all: empty, a photo, another app's file. */
  'notASessionFile',
  /** Made by a newer version of the app (file format or session schema). params: version, supported */
  'newerVersion',
  /** Damaged: unreadable header, bad compressed data, sizes that do not add up. params: reason */
  'corrupt',
  /** Cut short, e.g. a copy that did not finish. params: bytes, expectedBytes (when known) */
  'truncated',
  /** The content does not match its checksum: changed after it was exported. */
  'checksumMismatch',
  /** For a different session than this one. params: expected, found */
  'wrongSession',
  /** Intact but holds records this app will not merge (malformed, too many, rewriting others' records).
   * params: count, first; `problems` lists them. */
  'badContent',
] as const;
export type SessionFileErrorCode = (typeof SESSION_FILE_ERROR_CODES)[number];

export type SessionFileErrorParams = Record<string, string | number>;

/** A problem found in a file's content: a shape problem, or a change this app never makes. */
export interface ContentProblem extends Omit<ShapeProblem, 'problem' | 'map'> {
  /** '' for content outside every map of the schema (the key then names where it is). */
  map: ShapeProblem['map'] | '';
  problem: ShapeProblem['problem'] | ImportProblemCode | StructureProblemCode;
}

export const IMPORT_PROBLEMS = [
  /** The file removes a record: the app never deletes records. */
  'deleted',
  /** The file replaces a record that is written once (an idea, a comment, meta, ...). */
  'rewritten',
  /** The file replaces a participant's record or ballot from a device other than the one that made it. */
  'otherDevice',
  /** The file replaces a participant's record or ballot with one whose revision is not later. */
  'revisionNotNewer',
  /** The file replaces a participant's record or ballot that carries no signature (written by an older app). */
  'unsigned',
  /** A participant's record or ballot whose signature is not its key's over its content. */
  'badSignature',
  /** The update depends on changes that are not in it or on this device. */
  'incomplete',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEMS)[number];

export class SessionFileError extends Error {
  override readonly name = 'SessionFileError';
  constructor(
    readonly code: SessionFileErrorCode,
    readonly params: SessionFileErrorParams = {},
    /** For 'badContent': what is wrong, at most a couple of hundred entries. */
    readonly problems: readonly ContentProblem[] = [],
  ) {
    super(`${code}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`);
  }
}

export function isSessionFileError(e: unknown): e is SessionFileError {
  return e instanceof SessionFileError;
}

/** Runs fn; anything it throws that is not a SessionFileError becomes 'corrupt' (Yjs or a decoder choking). */
export function asFileError<T>(fn: () => T, reason: string): T {
  try {
    return fn();
  } catch (e) {
    if (isSessionFileError(e)) throw e;
    throw new SessionFileError('corrupt', { reason });
  }
}

export async function asFileErrorAsync<T>(fn: () => Promise<T>, reason: string): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isSessionFileError(e)) throw e;
    throw new SessionFileError('corrupt', { reason });
  }
}
