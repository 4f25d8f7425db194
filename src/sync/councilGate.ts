/**
 * The trust check between the council server and the app's document. The Hocuspocus provider writes into a
 * mirror document, never into the app's; what the server brings is admitted into the app's document only after
 * the same checks as a session file (src/sync/importSession.ts: on a scratch copy, only what the app's commands
 * could have done, every changed record's shape, map limits). A refused change leaves the app's document as it
 * was and is reported with its problems.
 */
import * as Y from 'yjs';
import { SCHEMA_VERSION } from '../doc/schema';
import { FORMAT_NAME, FORMAT_VERSION } from './envelope';
import { isSessionFileError, type ContentProblem } from './errors';
import { applyImport, prepareImport, type ImportOrigin } from './importSession';
import type { ParsedFile } from './sessionFile';

/** Names the council server as the source of an import (ImportOrigin.fileNames). */
export const COUNCIL_SOURCE = 'council server';

export interface Admission {
  /** Something new was merged into the target. */
  applied: boolean;
  /** Why the server's content was refused; empty when it was admitted. */
  problems: readonly ContentProblem[];
}

/** True when `origin` is the transaction origin of an admission from the council. */
export function isFromCouncil(origin: unknown): origin is ImportOrigin {
  return (
    typeof origin === 'object' &&
    origin !== null &&
    (origin as { kind?: unknown }).kind === 'import' &&
    (origin as ImportOrigin).fileNames[0] === COUNCIL_SOURCE
  );
}

/** An empty Yjs update: no structs, no deletions. */
const EMPTY_UPDATE_BYTES = 2;

/**
 * Merges into `target` what `mirror` (the provider's document) has and `target` lacks, if it passes the checks.
 * The mirror's whole state is checked as one "file", so an update that only makes sense with earlier ones is
 * judged with them.
 */
export function admitFromCouncil(target: Y.Doc, mirror: Y.Doc, sessionId: string): Admission {
  const diff = Y.encodeStateAsUpdate(mirror, Y.encodeStateVector(target));
  if (diff.byteLength <= EMPTY_UPDATE_BYTES) return { applied: false, problems: [] };
  const update = Y.encodeStateAsUpdate(mirror);
  const file: ParsedFile = {
    fileName: COUNCIL_SOURCE,
    fileBytes: update.byteLength,
    update,
    header: {
      format: FORMAT_NAME,
      version: FORMAT_VERSION,
      schemaVersion: SCHEMA_VERSION,
      sessionId,
      sessionTitle: '',
      deviceId: 'council',
      deviceName: COUNCIL_SOURCE,
      exportedAt: new Date().toISOString(),
      counts: { proposals: 0, comments: 0, participants: 0, ballots: 0, moderation: 0, statuses: 0 },
      compression: 'gzip',
      payloadBytes: update.byteLength,
      updateBytes: update.byteLength,
    },
  };
  try {
    // The council may erase residents' answers (src/server/erasure.ts); a file or a device may not.
    const preview = prepareImport(target, file, { erasures: true });
    applyImport(target, preview);
    return { applied: preview.hasChanges, problems: [] };
  } catch (e) {
    if (isSessionFileError(e)) {
      const problems: ContentProblem[] =
        e.problems.length > 0 ? [...e.problems] : [{ map: 'meta', key: '', field: '', problem: 'missing' }];
      return { applied: false, problems };
    }
    throw e;
  }
}
