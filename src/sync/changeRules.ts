/**
 * The one set of rules for what a change from outside may do to a session document. Both gates use it: a session
 * file merged on a device (importSession.ts) and a device's update on the council server (src/server/validation.ts),
 * so the two can never drift apart.
 *
 * Rules (what the app's own commands do, nothing more): a change may add records; it may replace a participant's
 * record or ballot only with one signed by the same device key as the record it replaces, and with a higher
 * revision (signed records, src/domain/recordSigning.ts: the `deviceId` written in a record is a label any sender
 * can copy, a signature is not); it may never delete
 * a record or rewrite a write-once one (ideas, comments, moderation, statuses, settings edits, meta, which only a
 * change that creates the session may write). A change that creates a session must bring its settings. Every
 * record it adds or replaces must pass the structural checks (src/doc/recordShapes.ts) and no map may pass its
 * limit. A change whose structs or deletions wait for ones not received is incomplete: it cannot be judged.
 *
 * Signatures (REPLACEABLE maps only): a record that carries a key or a signature must carry both, and the
 * signature must be valid for its content ('badSignature'), whether it is new or a replacement. A record with
 * neither (written before records were signed, by an older app or in an older session file) is still accepted as
 * new, so old sessions load, sync and count, but nothing may ever replace it ('unsigned'): there is no key to
 * prove who wrote it, and trusting its `deviceId` is exactly what a forger exploits. A paper record (a sheet typed
 * in, src/domain/paper.ts) stays replaceable by a paper record from any device, as before; its signature, when
 * it has one, must be valid; so must the ballot a new paper typing (`paperTypings`) carries, since its key decides
 * which of that device's earlier typings it may withdraw (src/domain/paper.ts). That ballot names, under the
 * signature, the typing written with it: a typing whose ballot names another (a signed typing sent again under a
 * fresh id, with a `replaces` of the sender's choosing) is refused by the shape checks run here (`keyMismatch`
 * on `ballot.typing`), and typings are write-once, so the `replaces` of a typing whose ballot names it is its
 * signer's. Records relayed by another device (a facilitator syncing a tablet's records, a session file) keep
 * their writer's signature, so relaying needs no key of its own.
 *
 * Who may write what (the council server only, which knows the enrolled device's role; a session file carries
 * other devices' records and has no single writer): an officer device may only add proposal statuses and paper
 * ballots typed in at the office (participants and ballots under `paper-<sheet>` keys, which the shape checks
 * keep for paper records, and their typings in `paperTypings`) and its own name (`devices`, a name whose writer
 * is the device named); a facilitator device may write everything else, names of any device included, but never a status (statuses are the
 * council's decision). An officer device the admin lets relay a session after a restore (src/server/relayPermits.ts)
 * is checked there as 'relay': what either role may write, under every other rule here.
 */
import type * as Y from 'yjs';
import {
  checkDocShape,
  isPaperReplacement,
  isPlainObject,
  RECORD_MAPS,
  type MapName,
  type RecordMapName,
  type ShapeProblem,
} from '../doc/recordShapes';
import { MAPS, readMeta } from '../doc/schema';
import { KEY_FIELD } from '../domain/recordSigning';
import { isErasureOf, isSameErasure } from '../domain/erasure';
import { sheetOf } from '../domain/paper';
import { signatureState } from './recordSignatures';

/**
 * The role a device's update is checked in: an enrolled device's role (the server's `devices.role`, the app's
 * `Enrolment.role`), or 'relay': an officer device the council admin lets pass on one session's records after a
 * restore (src/server/relayPermits.ts), which may write what either role may.
 */
export type WriterRole = 'facilitator' | 'officer' | 'relay';

export type KeyChange = { action: 'add' | 'update' | 'delete'; oldValue: unknown };
/** Every key a change added, replaced or deleted, per map. */
export type Changes = Map<MapName, Map<string, KeyChange>>;

/** The maps whose key changes are judged. */
export const WATCHED_MAPS = ['meta', ...RECORD_MAPS] as const;

/** Maps whose records a later write signed by the same device key may replace (and so whose records are signed). */
const REPLACEABLE: ReadonlySet<MapName> = new Set<MapName>(['participants', 'ballots']);

/** The only map an officer device writes, and the one map a facilitator device may not write. */
const COUNCIL_MAPS: ReadonlySet<MapName> = new Set<MapName>(['statuses']);

export type ChangeRuleCode =
  /** Removes a record: the app never deletes records. */
  | 'deleted'
  /** Replaces a record that is written once. */
  | 'rewritten'
  /** Replaces a participant's record or ballot with one signed by another device's key (or another deviceId). */
  | 'otherDevice'
  /** Replaces a participant's record or ballot with one whose revision is not later. */
  | 'revisionNotNewer'
  /** Replaces a participant's record or ballot that carries no signature: nothing may. */
  | 'unsigned'
  /** A participant's record or ballot whose signature is malformed or not its key's over its content. */
  | 'badSignature'
  /** Depends on changes that are not in it nor in the document. */
  | 'incomplete'
  /** A session created without its settings (the `settings` map is empty). */
  | 'missing';

/** Written by a device whose role may not write there (council server only). */
export type RoleRuleCode = 'notAllowed';

export interface ChangeProblem {
  map: MapName;
  key: string;
  field: string;
  problem: ChangeRuleCode;
}

export interface RoleProblem {
  map: MapName;
  key: string;
  field: '';
  problem: RoleRuleCode;
}

/** True when the document holds structs or deletions that wait for ones it has not received. */
export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/**
 * Observes every watched map of `doc`: each key change is added to what `sink()` returns at that moment (nothing
 * is recorded while it returns null).
 */
export function recordChanges(doc: Y.Doc, sink: () => Changes | null): void {
  for (const name of WATCHED_MAPS) {
    doc.getMap<unknown>(MAPS[name]).observe((event: Y.YMapEvent<unknown>) => {
      const changes = sink();
      if (!changes) return;
      const keys = changes.get(name) ?? new Map<string, KeyChange>();
      changes.set(name, keys);
      event.changes.keys.forEach((change, key) => keys.set(key, change));
    });
  }
}

function field(value: unknown, name: string): unknown {
  return isPlainObject(value) ? value[name] : undefined;
}

/**
 * Problems with what a change did (`changes`, recorded on `scratch` while it was applied), beyond each record's
 * shape. `isNewSession`: the document had no session before, so the change may write meta.
 */
/**
 * Leave to judge a change by, beyond the rules every writer follows. `erasures`: a participant record may be
 * replaced by exactly its erased form (src/domain/erasure.ts isErasureOf), which carries no signature. Given only
 * for what the council server sends (councilGate.ts): erasing residents' answers is the council's decision
 * (src/server/erasure.ts), never a device's or a file's.
 */
export interface ChangeRuleLeave {
  erasures?: boolean;
}

export function changeProblems(
  scratch: Y.Doc,
  changes: Changes,
  isNewSession: boolean,
  leave: ChangeRuleLeave = {},
): ChangeProblem[] {
  const problems: ChangeProblem[] = [];
  const sessionId = readMeta(scratch)?.sessionId ?? '';
  for (const [map, keys] of changes) {
    for (const [key, { action, oldValue }] of keys) {
      const report = (problem: ChangeRuleCode): number => problems.push({ map, key, field: '', problem });
      if (action === 'delete') report('deleted');
      else if (map === 'meta') {
        if (!isNewSession) report('rewritten');
      } else if (!REPLACEABLE.has(map)) {
        if (action === 'update') report('rewritten');
        else if (map === 'paperTypings') {
          // A typing carries the ballot it wrote, signed as that ballot was: the signature is checked here too,
          // since whose key it is decides which typings it may withdraw (src/domain/paper.ts withdrawnTypings).
          const ballot = field(scratch.getMap<unknown>(MAPS[map]).get(key), 'ballot');
          if (signatureState(sessionId, 'ballots', ballot) === 'invalid') report('badSignature');
        }
      } else {
        const value: unknown = scratch.getMap<unknown>(MAPS[map]).get(key);
        const problem =
          action === 'add'
            ? addedProblem(sessionId, map, value)
            : replacementProblem(sessionId, map, key, oldValue, value, leave);
        if (problem) report(problem);
      }
    }
  }
  return problems;
}

/** A new participant or ballot: unsigned (an older app's), or signed validly. */
function addedProblem(sessionId: string, map: MapName, value: unknown): ChangeRuleCode | null {
  return signatureState(sessionId, map, value) === 'invalid' ? 'badSignature' : null;
}

/** A participant or ballot replacing `oldValue`: signed validly by the same key, with a later revision. */
function replacementProblem(
  sessionId: string,
  map: MapName,
  key: string,
  oldValue: unknown,
  value: unknown,
  leave: ChangeRuleLeave,
): ChangeRuleCode | null {
  const state = signatureState(sessionId, map, value);
  if (state === 'invalid') return 'badSignature';
  if (leave.erasures === true && map === 'participants' && isErasureOf(oldValue, value)) return null;
  // The council's erasure made twice (a backup from before it restored, then erased again): either copy stands.
  if (map === 'participants' && isSameErasure(oldValue, value)) return null;
  // The same paper sheet typed on two devices, or typed again (src/domain/paper.ts): one record either way.
  if (isPaperReplacement(map, key, oldValue, value)) return null;
  if (!isPlainObject(oldValue) || !Object.hasOwn(oldValue, KEY_FIELD)) return 'unsigned';
  if (state === 'unsigned') return 'unsigned';
  if (field(value, KEY_FIELD) !== field(oldValue, KEY_FIELD)) return 'otherDevice';
  if (field(value, 'deviceId') !== field(oldValue, 'deviceId')) return 'otherDevice';
  if (!(Number(field(value, 'revision')) > Number(field(oldValue, 'revision')))) return 'revisionNotNewer';
  return null;
}

/** A change that creates a session must bring its settings. */
export function newSessionProblems(scratch: Y.Doc): ChangeProblem[] {
  return scratch.getMap(MAPS.settings).size === 0
    ? [{ map: 'settings', key: '', field: '', problem: 'missing' }]
    : [];
}

/** The record keys a change added or replaced, per record map (what the shape checks look at). */
export function changedRecordKeys(changes: Changes): Partial<Record<RecordMapName, string[]>> {
  const keys: Partial<Record<RecordMapName, string[]>> = {};
  for (const map of RECORD_MAPS) {
    keys[map] = [...(changes.get(map) ?? [])].filter(([, c]) => c.action !== 'delete').map(([k]) => k);
  }
  return keys;
}

/** Shape and limit problems of the records a change added or replaced (and of meta, for a new session). */
export function shapeProblems(scratch: Y.Doc, changes: Changes, isNewSession: boolean): ShapeProblem[] {
  return checkDocShape(scratch, { keys: changedRecordKeys(changes), skipMeta: !isNewSession });
}

/** Maps where an officer may write paper ballots (keys `paper-<sheet>`) besides the council's own maps. */
const PAPER_MAPS: ReadonlySet<MapName> = new Set<MapName>(['participants', 'ballots']);

/**
 * Whether a device of `role` may write (add or replace) the record under `key` in `map`. Without a key: whether
 * it may write any record there. Device names (`devices`): a facilitator device names any device; an officer
 * device only itself, which only the record can tell (`mayWriteRecord`), so here it may.
 */
export function mayWrite(role: WriterRole, map: MapName, key?: string): boolean {
  if (role === 'relay') return mayWrite('facilitator', map, key) || mayWrite('officer', map, key);
  if (role === 'facilitator') return !COUNCIL_MAPS.has(map);
  if (COUNCIL_MAPS.has(map) || map === 'devices' || map === 'paperTypings') return true;
  if (!PAPER_MAPS.has(map)) return false;
  return key === undefined || sheetOf(key) !== null;
}

/**
 * Whether a device of `role` may write `value` under `key` in `map`: `mayWrite`, and for an officer device's
 * device name, only a name it gives itself (the record's writer is the device it names).
 */
export function mayWriteRecord(role: WriterRole, map: MapName, key: string, value: unknown): boolean {
  if (!mayWrite(role, map, key)) return false;
  if (role !== 'officer' || map !== 'devices') return true;
  const named = field(value, 'namedDeviceId');
  return typeof named === 'string' && named === field(value, 'deviceId');
}

/**
 * Keys written (added, replaced or deleted) by a device whose role may not write that map. With `scratch` (the
 * document with the change applied), records whose content decides it (device names) are judged too; without
 * it an officer device's device name is refused.
 */
export function roleProblems(changes: Changes, role: WriterRole, scratch?: Y.Doc): RoleProblem[] {
  const problems: RoleProblem[] = [];
  for (const [map, keys] of changes) {
    for (const [key, { action }] of keys) {
      const value: unknown =
        scratch && action !== 'delete' ? scratch.getMap<unknown>(MAPS[map]).get(key) : undefined;
      if (!mayWriteRecord(role, map, key, value))
        problems.push({ map, key, field: '', problem: 'notAllowed' });
    }
  }
  return problems;
}
