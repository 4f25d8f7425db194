/**
 * Merging session files into a device's copy of a session, checked first on a scratch copy.
 *
 * Rule: a file may only do what the app's own commands do. The rules are changeRules.ts, shared with the council
 * server's check of a device's update (src/server/validation.ts): add records; replace a participant's record or
 * ballot only with a later revision signed by the key that signed it (src/domain/recordSigning.ts: a file passed
 * on by another device keeps the tablet's signatures, so relaying works); never delete a record or replace one that
 * is written once (ideas, comments, moderation, statuses, settings edits, meta); every record added or replaced
 * passes the structural checks (src/doc/recordShapes.ts), and no map passes its limit. A file has no single
 * writer (it carries many devices' records, statuses from the council included), so the server's role rule does
 * not apply here. Anything else refuses the whole import with 'badContent' and the list of problems; the target
 * is untouched.
 *
 * Yjs updates are idempotent and commutative, so the same file twice, or many files in any order, give the same
 * document; a preview made against a document that already holds a file's content adds nothing.
 */
import * as Y from 'yjs';
import { MAX_PROBLEMS, RECORD_MAPS, type MapName, type RecordMapName } from '../doc/recordShapes';
import { isNewerSchema, MAPS, readMeta, readRecords, SCHEMA_VERSION } from '../doc/schema';
import { choicesKey, sheetOf, withdrawnTypings } from '../domain/paper';
import { takingPart } from '../domain/results/participation';
import { effectiveSettings } from '../domain/settings';
import type { Ballot, SessionRecords, SettingsEdit } from '../domain/types';
import {
  changeProblems,
  hasPending,
  newSessionProblems,
  recordChanges,
  shapeProblems,
  type ChangeRuleLeave,
  type Changes,
} from './changeRules';
import { asFileError, isSessionFileError, SessionFileError, type ContentProblem } from './errors';
import { structureProblems } from './structureRules';
import type { ParsedFile } from './sessionFile';

/** The origin of an import's transaction: lets storage and sync tell an import from a command. */
export class ImportOrigin {
  readonly kind = 'import';
  constructor(readonly fileNames: readonly string[]) {}
}

export type ImportCounts = Record<RecordMapName, number>;

export interface FileSource {
  fileName: string;
  deviceId: string;
  deviceName: string;
  exportedAt: string;
}

export interface ImportPreview {
  sessionId: string;
  sessionTitle: string;
  /** This device does not have the session yet: importing adds it. */
  isNewSession: boolean;
  /** False when this device already holds everything the files bring: applying does nothing. */
  hasChanges: boolean;
  sources: FileSource[];
  /**
   * How much each of the dashboard's figures grows, per map: what the session holds after the import less what it
   * held before, counted as the dashboard counts (a sheet typed here and on another device is one ballot; a
   * withdrawn sheet, a withdrawn typing and a decision try its retry replaced are none). `participants`: residents
   * taking part (a turn with nothing done is none). A later revision of a ballot here is not added: see
   * `updatedParticipants`. Where the files take records here out of the count (see `replaces`), only the growth
   * beyond them is added: a retry under the right sheet number that withdraws the try here adds no ballot.
   */
  adds: ImportCounts;
  /**
   * Records counted here before the import and not after, per map: tries the files' retries withdraw (a paper
   * sheet typed under a wrong number, put right under another; a decision try saved again). Each figure after the
   * import (`totals`) is the one before, grown by `adds`, or less where the retries withdraw more than they bring.
   */
  replaces: ImportCounts;
  /**
   * Residents already taking part here whose record the files bring a later version of (finished, answers given),
   * or whose ballot they change (a later revision; another device's typing of a sheet that wins).
   */
  updatedParticipants: number;
  /** What the session will hold after the import, counted as `adds` is (`participants`: the residents taking part). */
  totals: ImportCounts;
  /**
   * What the checked scratch copy holds beyond the target as it was at preview time, as one Yjs update. Applying
   * it is idempotent, so it stays right even if the target changed after the preview (it only adds the files'
   * content); it saves decoding every file a second time.
   */
  updates: readonly Uint8Array[];
}

const zeroCounts = (): ImportCounts => ({
  settings: 0,
  proposals: 0,
  comments: 0,
  participants: 0,
  ballots: 0,
  moderation: 0,
  statuses: 0,
  devices: 0,
  paperTypings: 0,
});

function badContent(problems: readonly ContentProblem[]): SessionFileError {
  const first = problems[0];
  const where = first ? [first.map, first.key, first.field].filter(Boolean).join('.') : '';
  return new SessionFileError(
    'badContent',
    { count: problems.length, first: first ? `${where} ${first.problem}` : '' },
    problems.slice(0, MAX_PROBLEMS),
  );
}

/** Collects every key the next transactions add, replace or delete in each of the session's maps. */
function watchChanges(doc: Y.Doc): Changes {
  const changes: Changes = new Map();
  recordChanges(doc, () => changes);
  return changes;
}

/** A file's own document: complete, for the session its header names, in a schema this app knows. */
function checkFileDoc(doc: Y.Doc, file: ParsedFile): void {
  if (hasPending(doc)) throw badContent([{ map: 'meta', key: '', field: '', problem: 'incomplete' }]);
  const meta = readMeta(doc);
  if (!meta) throw badContent([{ map: 'meta', key: 'sessionId', field: '', problem: 'missing' }]);
  if (meta.sessionId !== file.header.sessionId) {
    throw new SessionFileError('wrongSession', {
      expected: file.header.sessionId,
      found: meta.sessionId,
      fileName: file.fileName,
    });
  }
  if (meta.schemaVersion > SCHEMA_VERSION) {
    throw new SessionFileError('newerVersion', {
      schemaVersion: meta.schemaVersion,
      supported: SCHEMA_VERSION,
    });
  }
}

function checkOwnDoc(file: ParsedFile): void {
  const doc = new Y.Doc();
  try {
    asFileError(() => Y.applyUpdate(doc, file.update), 'update');
    checkFileDoc(doc, file);
  } catch (e) {
    throw naming(file, e);
  } finally {
    doc.destroy();
  }
}

/**
 * Merges the files into a scratch copy of `target` (null: this device does not have the session) and checks the
 * result. Returns what the import would add; throws SessionFileError ('wrongSession', 'newerVersion',
 * 'badContent', 'corrupt') and leaves `target` untouched. Several files are checked and counted together, so a
 * record two files both hold counts once.
 */
export function prepareImport(
  target: Y.Doc | null,
  files: ParsedFile | readonly ParsedFile[],
  leave: ChangeRuleLeave = {},
): ImportPreview {
  const list: readonly ParsedFile[] = 'header' in files ? [files] : files;
  try {
    return asFileError(() => prepare(target, list, leave), 'update');
  } catch (e) {
    throw list.length === 1 && list[0] ? naming(list[0], e) : e;
  }
}

/** The error, with the file's name in its params (for messages about one of several files). */
function naming(file: ParsedFile, e: unknown): unknown {
  if (!isSessionFileError(e) || e.params.fileName !== undefined) return e;
  return new SessionFileError(e.code, { ...e.params, fileName: file.fileName }, e.problems);
}

function prepare(target: Y.Doc | null, list: readonly ParsedFile[], leave: ChangeRuleLeave): ImportPreview {
  const first = list[0];
  if (!first) throw new SessionFileError('notASessionFile', { reason: 'noFiles' });
  const sessionId = first.header.sessionId;
  for (const f of list) {
    if (f.header.sessionId !== sessionId) {
      throw new SessionFileError('wrongSession', {
        expected: sessionId,
        found: f.header.sessionId,
        fileName: f.fileName,
      });
    }
  }
  const targetMeta = target ? readMeta(target) : null;
  if (targetMeta && targetMeta.sessionId !== sessionId) {
    throw new SessionFileError('wrongSession', { expected: targetMeta.sessionId, found: sessionId });
  }
  if (target && isNewerSchema(target)) {
    throw new SessionFileError('newerVersion', {
      schemaVersion: targetMeta?.schemaVersion ?? 0,
      supported: SCHEMA_VERSION,
    });
  }
  const isNewSession = targetMeta === null;
  // One file into a new session: the scratch copy is the file's own document, checked below. Otherwise each
  // file's own document is checked first: once merged, a file's different meta could hide behind the target's.
  const isScratchTheFile = isNewSession && list.length === 1;
  if (!isScratchTheFile) list.forEach(checkOwnDoc);

  // Nothing but the schema (structureRules.ts), read from each file's bytes before anything is applied: a file
  // with an unknown map, a list under a map or a nested type is refused whole, as the council server refuses it.
  for (const f of list) {
    const structural = structureProblems(f.update);
    if (structural.length > 0) {
      const known = (name: string): name is MapName => (Object.values(MAPS) as string[]).includes(name);
      throw badContent(
        structural.map((p) =>
          known(p.map)
            ? { map: p.map, key: p.key, field: '', problem: p.problem }
            : { map: '', key: [p.map, p.key].filter(Boolean).join('.'), field: '', problem: p.problem },
        ),
      );
    }
  }
  const scratch = new Y.Doc();
  try {
    if (target) Y.applyUpdate(scratch, Y.encodeStateAsUpdate(target));
    const wasPending = hasPending(scratch);
    const changes = watchChanges(scratch);
    asFileError(
      () => scratch.transact(() => list.forEach((f) => Y.applyUpdate(scratch, f.update))),
      'update',
    );
    if (isScratchTheFile) checkFileDoc(scratch, first);
    const problems: ContentProblem[] = changeProblems(scratch, changes, isNewSession, leave);
    if (isNewSession) problems.push(...newSessionProblems(scratch));
    if (!wasPending && hasPending(scratch))
      problems.push({ map: 'meta', key: '', field: '', problem: 'incomplete' });
    problems.push(...shapeProblems(scratch, changes, isNewSession));
    if (problems.length > 0) throw badContent(problems);
    return preview(target, scratch, list, changes, isNewSession);
  } finally {
    scratch.destroy();
  }
}

/**
 * The keys of each map's records as the screens read them (readRecords), so the preview counts what the dashboard
 * counts: a sheet is one ballot whichever device's write of its key Yjs kept, a withdrawn sheet (a try under a
 * number put right) is no ballot and no resident, a withdrawn typing is no typing, and a decision try its retry
 * replaced is not in the history. `participants`: the residents taking part (takingPart).
 */
function shownKeys(r: SessionRecords | null): Record<RecordMapName, Set<string>> {
  const ids = (records: readonly { id: string }[] = []): Set<string> => new Set(records.map((x) => x.id));
  const withdrawn = withdrawnTypings(r?.paperTypings ?? []);
  return {
    settings: ids(r?.settingsEdits),
    proposals: ids(r?.proposals),
    comments: ids(r?.comments),
    participants: ids(r ? takingPart(r).residents : []),
    ballots: new Set(r?.ballots.map((b) => b.participantId)),
    moderation: ids(r?.moderation),
    statuses: ids(r?.statuses),
    devices: ids(r?.devices),
    paperTypings: ids(r?.paperTypings.filter((t) => !withdrawn.has(t.id))),
  };
}

/** A ballot as it counts: who cast or typed it, when, which revision, and what it says. */
const ballotKey = (b: Ballot): string => JSON.stringify([b.deviceId, b.at, b.revision, choicesKey(b)]);

function preview(
  target: Y.Doc | null,
  scratch: Y.Doc,
  files: readonly ParsedFile[],
  changes: Changes,
  isNewSession: boolean,
): ImportPreview {
  const adds = zeroCounts();
  const replaces = zeroCounts();
  const totals = zeroCounts();
  // Counted as the dashboard reads the records (shownKeys): what is added is how much the figure grows, so every
  // figure grows by as many as the preview says, whichever writes Yjs keeps. A retry in the files can withdraw a
  // try counted here (replaces) while its own sheet is new: the figure stays the same, and nothing is added.
  const recordsAfter = readRecords(scratch);
  const recordsBefore = target ? readRecords(target) : null;
  const after = shownKeys(recordsAfter);
  const before = shownKeys(recordsBefore);
  for (const map of RECORD_MAPS) {
    totals[map] = after[map].size;
    adds[map] = Math.max(0, after[map].size - before[map].size);
    replaces[map] = [...before[map]].filter((key) => !after[map].has(key)).length;
  }
  // Residents already taking part whom the files bring something newer for: their record (a tablet's resident
  // finished, answers given), or the ballot that counts for them (a later revision, another typing of a sheet
  // that wins by the survivor rule). A paper resident's record follows its sheet's typings, so only its ballot
  // says whether it changed (which write of its key Yjs kept does not).
  const wasResident = (id: string): boolean => before.participants.has(id) && after.participants.has(id);
  const updated = new Set<string>();
  for (const [id, { action }] of changes.get('participants') ?? []) {
    if (action === 'update' && wasResident(id) && sheetOf(id) === null) updated.add(id);
  }
  const ballotsBefore = new Map(recordsBefore?.ballots.map((b) => [b.participantId, ballotKey(b)]));
  for (const b of recordsAfter.ballots) {
    const was = ballotsBefore.get(b.participantId);
    if (was !== undefined && was !== ballotKey(b) && wasResident(b.participantId))
      updated.add(b.participantId);
  }
  const updatedParticipants = updated.size;
  const edits: SettingsEdit[] = [];
  scratch.getMap<SettingsEdit>(MAPS.settings).forEach((e) => edits.push(e));
  const snapshotBefore = target ? Y.snapshot(target) : Y.emptySnapshot;
  return {
    sessionId: files[0]?.header.sessionId ?? '',
    sessionTitle: effectiveSettings(edits)?.title ?? '',
    isNewSession,
    hasChanges: !Y.equalSnapshots(snapshotBefore, Y.snapshot(scratch)),
    sources: files.map((f) => ({
      fileName: f.fileName,
      deviceId: f.header.deviceId,
      deviceName: f.header.deviceName,
      exportedAt: f.header.exportedAt,
    })),
    adds,
    replaces,
    updatedParticipants,
    totals,
    updates: [Y.encodeStateAsUpdate(scratch, target ? Y.encodeStateVector(target) : undefined)],
  };
}

/**
 * Merges a prepared import into `target` (the document `prepareImport` was given, or for a new session the
 * freshly opened empty one) in one transaction whose origin is an ImportOrigin. Does nothing when the preview
 * found nothing new.
 */
export function applyImport(target: Y.Doc, preview: ImportPreview): void {
  const meta = readMeta(target);
  if (meta && meta.sessionId !== preview.sessionId) {
    throw new SessionFileError('wrongSession', { expected: meta.sessionId, found: preview.sessionId });
  }
  if (!preview.hasChanges) return;
  const origin = new ImportOrigin(preview.sources.map((s) => s.fileName));
  target.transact(() => preview.updates.forEach((u) => Y.applyUpdate(target, u)), origin);
}
