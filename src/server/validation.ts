/**
 * The server's check of a client's update before it reaches the live document, with the very rules a session file
 * is merged by (src/sync/changeRules.ts, shared with src/sync/importSession.ts): the update is applied to a
 * scratch copy of the session, and refused unless it only does what the app's commands do. It may add records; it
 * may replace a participant's record or ballot only with one from the same device (a ballot only with a higher
 * revision); it may never delete a record or rewrite a write-once one (ideas, comments, moderation, statuses,
 * settings edits, meta). Every record it adds or replaces must pass the structural checks
 * (src/doc/recordShapes.ts) and no map may pass its limit. A document with no session yet accepts content only
 * from an update that creates the session: meta.sessionId equal to the document name, a schema this server knows,
 * and settings.
 *
 * Roles (changeRules.ts `roleProblems`): an officer device's update may only add proposal statuses; a facilitator
 * device's update may not write statuses at all ('notAllowed'). Record deviceIds are not tied to the enrolled
 * device: one facilitator device relays many tablets' records.
 *
 * Cost: the scratch copy is kept between updates (a "shadow" of the live document) instead of being rebuilt from
 * the live document for every update. The server checks updates one at a time (each connection's in the order
 * they arrive) and applies each accepted one to the live document right after its check (updateQueue.ts), so
 * the shadow and the live document are always equal between checks; a refused update leaves the shadow dirty, and
 * it is rebuilt from the live document (once, O(document)) at the next check. Checking an update therefore costs
 * about one extra Y.applyUpdate of that update plus the shape checks of the records it changes; the price is a
 * second copy of each loaded session in memory.
 *
 * Unlike a session file, an update may arrive before one it depends on: a provider can send a fresh local change
 * just before its sync step 2. Such an update never reaches the shadow: what it lacks is read from the update
 * alone (updateNeeds.ts, about the cost of decoding it) and it is held (updateQueue.ts) until the live document has
 * all of it, then checked here like any other; content for a document whose session is not created yet is held
 * until the session exists. It is refused if still incomplete after Limits.maxHoldMs, and one connection may hold
 * only so many (Limits.maxHeldUpdatesPerConnection, maxHeldBytesPerConnection). So the live document never holds
 * pending structs, a replaced ballot whose new revision has not arrived never looks deleted, and held updates
 * cost nobody else a rebuild.
 */
import * as Y from 'yjs';
import { type MapName, type ShapeProblemCode } from '../doc/recordShapes';
import { readMeta, SCHEMA_VERSION } from '../doc/schema';
import {
  changeProblems,
  hasPending,
  newSessionProblems,
  recordChanges,
  roleProblems,
  shapeProblems,
  type ChangeRuleCode,
  type Changes,
  type RoleRuleCode,
  type WriterRole,
} from '../sync/changeRules';
import { structureProblems, type StructureProblemCode } from '../sync/structureRules';
import { neighbourhoodProblems } from './neighbourhoodRule';

export type UpdateProblemCode =
  | ShapeProblemCode
  | ChangeRuleCode
  | RoleRuleCode
  | StructureProblemCode
  | 'wrongSession'
  | 'newerVersion'
  /** A session marked as the app's demo (meta.isDemo): made-up residents, never among the council's sessions. */
  | 'demoSession'
  | 'corrupt';

export interface UpdateProblem {
  map: MapName | '';
  /** A record's key (a record id, cut to 80 characters), never a value. */
  key: string;
  field: string;
  problem: UpdateProblemCode;
}

const clip = (s: string): string => (s.length > 80 ? `${s.slice(0, 79)}…` : s);

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((x, i) => x === b[i]);
}

/** The checker of one loaded session document (the document name is the session id). */
export class UpdateGate {
  private shadow: Y.Doc | null = null;
  /** Where the shadow's map observers record key changes; null outside a check. */
  private recording: Changes | null = null;
  /**
   * True while the shadow holds parts of a large update (`stage`) that the live document does not have yet: the
   * shadow is then ahead of the live document on purpose, and no other check may run (updateQueue.ts).
   */
  private ahead = false;

  constructor(
    private readonly sessionId: string,
    private readonly live: Y.Doc,
    /** Called each time the shadow is built from the live document (O(document)): the cost worth counting. */
    private readonly onBuild: () => void = () => undefined,
  ) {}

  /** A copy of the live document, kept equal to it between checks. */
  private ensureShadow(): Y.Doc {
    // Cheap guard (state vectors, O(writers)): should the shadow ever miss or hold more than the live document,
    // start again from the live document rather than judge against the wrong state.
    if (
      this.shadow &&
      !this.ahead &&
      !sameBytes(Y.encodeStateVector(this.shadow), Y.encodeStateVector(this.live))
    )
      this.drop();
    if (this.shadow) return this.shadow;
    this.onBuild();
    const shadow = new Y.Doc();
    Y.applyUpdate(shadow, Y.encodeStateAsUpdate(this.live));
    recordChanges(shadow, () => this.recording);
    this.shadow = shadow;
    return shadow;
  }

  /** Keeps the shadow equal to the live document for changes that did not go through `check` (the archive). */
  followLive(update: Uint8Array): void {
    if (!this.shadow) return;
    try {
      Y.applyUpdate(this.shadow, update);
    } catch {
      this.drop();
    }
  }

  /**
   * The update's problems against the live document as it is now, sent by a device of `role`; an empty list when
   * it may be applied. The caller must then apply it to the live document before any other check (the shadow
   * already holds it).
   */
  check(update: Uint8Array, role: WriterRole): UpdateProblem[] {
    // A reading device's answer to the server's sync step 1 holds nothing (issue 12 §10): no shadow is built for
    // it, so a session only read pays for no scratch copy.
    if (isEmptyUpdate(update)) return [];
    const shadow = this.ensureShadow();
    const problems = this.problems(shadow, update, role);
    if (problems.length > 0) this.drop();
    return problems;
  }

  /**
   * Checks one part of a large update (largeUpdates.ts) exactly as `check` checks an update, against the live
   * document plus the parts staged before it, without the caller applying it yet: the parts are applied to the
   * live document only once every one has passed (then call `caughtUp`), so a large update refused in its last
   * part leaves nothing behind. A refused part drops the shadow and every part staged before it.
   */
  stage(part: Uint8Array, role: WriterRole): UpdateProblem[] {
    const problems = this.check(part, role);
    if (problems.length === 0) this.ahead = true;
    return problems;
  }

  /** The live document has every staged part now: the shadow is equal to it again. */
  caughtUp(): void {
    this.ahead = false;
  }

  private problems(shadow: Y.Doc, update: Uint8Array, role: WriterRole): UpdateProblem[] {
    const before = readMeta(shadow);
    if (before && before.sessionId !== this.sessionId) {
      return [{ map: 'meta', key: 'sessionId', field: '', problem: 'wrongSession' }];
    }
    if (before && before.schemaVersion > SCHEMA_VERSION) {
      return [{ map: 'meta', key: 'schemaVersion', field: '', problem: 'newerVersion' }];
    }
    // Nothing but the schema (structureRules.ts), read from the bytes before anything is applied: an unknown map,
    // a list under a map or a nested type is refused here, whatever the records it also carries.
    const structural = structureProblems(update);
    if (structural.length > 0) {
      return structural.map((p) => ({
        map: '' as const,
        key: [p.map, p.key].filter(Boolean).join('.'),
        field: '',
        problem: p.problem,
      }));
    }
    const wasPending = hasPending(shadow);
    const changes: Changes = new Map();
    this.recording = changes;
    try {
      Y.applyUpdate(shadow, update);
    } catch {
      return [{ map: '', key: '', field: '', problem: 'corrupt' }];
    } finally {
      this.recording = null;
    }
    // Structs or deletions waiting for ones not received: what they change cannot be seen yet (a replaced ballot
    // could look deleted), so the update is judged only once it is complete. The live document never holds any.
    if (!wasPending && hasPending(shadow)) return [{ map: '', key: '', field: '', problem: 'incomplete' }];
    if (changes.size === 0) return [];
    const isNewSession = before === null;
    const problems: UpdateProblem[] = [
      ...changeProblems(shadow, changes, isNewSession),
      ...roleProblems(changes, role, shadow),
      // Moving a session the council holds to another neighbourhood needs an officer (neighbourhoodRule.ts).
      ...neighbourhoodProblems(shadow, changes, role, isNewSession),
    ].map((p) => ({ ...p, key: clip(p.key) }));
    if (isNewSession) {
      const after = readMeta(shadow);
      if (!after) problems.push({ map: 'meta', key: 'sessionId', field: '', problem: 'missing' });
      else if (after.sessionId !== this.sessionId) {
        problems.push({ map: 'meta', key: 'sessionId', field: '', problem: 'wrongSession' });
      } else if (after.schemaVersion > SCHEMA_VERSION) {
        problems.push({ map: 'meta', key: 'schemaVersion', field: '', problem: 'newerVersion' });
      } else if (after.isDemo) {
        // The app never sends the demo (src/sync/councilScope.ts); this stops any other client that would.
        problems.push({ map: 'meta', key: 'isDemo', field: '', problem: 'demoSession' });
      }
      problems.push(...newSessionProblems(shadow));
    }
    problems.push(...shapeProblems(shadow, changes, isNewSession));
    return problems;
  }

  /** Forgets the shadow (it holds a refused update); the next check rebuilds it from the live document. */
  drop(): void {
    this.shadow?.destroy();
    this.shadow = null;
    this.ahead = false;
  }
}

/**
 * True when the update cannot be judged yet: it depends on structs the server does not have ('incomplete'), or it
 * brought content to a document with no session without creating one (it may be a fresh local change sent just
 * before the sync step 2 that creates the session). Worth checking again once the document has changed.
 */
export function mayWait(problems: readonly UpdateProblem[]): boolean {
  return problems.some(
    (p) =>
      p.problem === 'incomplete' || (p.map === 'meta' && p.key === 'sessionId' && p.problem === 'missing'),
  );
}

/** "proposals.<key>.costPence notWholeNumber": names where, never what (no values, no tokens). */
export function describeProblem(p: UpdateProblem): string {
  const where = [p.map, p.key, p.field].filter(Boolean).join('.');
  return where ? `${where} ${p.problem}` : p.problem;
}

/**
 * The update a sync message carries: [varString document name][varUint 0 Sync | 4 SyncReply][varUint 1 step 2 |
 * 2 update][varUint8Array update]. Null for any other message; throws RangeError when one of those is malformed.
 */
export function syncUpdateOf(data: Uint8Array): Uint8Array | null {
  return syncUpdateAt(data)?.payload ?? null;
}

/**
 * As syncUpdateOf, with where the update's length field starts (largeUpdates.ts rewrites a large message once
 * it has been checked in parts).
 */
export function syncUpdateAt(data: Uint8Array): { lengthAt: number; payload: Uint8Array } | null {
  let pos = 0;
  const varUint = (): number => {
    let n = 0;
    let mult = 1;
    for (let i = 0; i < 5; i++) {
      const b = data[pos++];
      if (b === undefined) throw new RangeError('truncated');
      n += (b & 0x7f) * mult;
      if (b < 0x80) return n;
      mult *= 128;
    }
    throw new RangeError('varint too long');
  };
  const nameLength = varUint();
  pos += nameLength;
  if (pos > data.length) throw new RangeError('truncated');
  const type = varUint();
  if (type !== 0 && type !== 4) return null;
  const syncType = varUint();
  if (syncType !== 1 && syncType !== 2) return null;
  const lengthAt = pos;
  const length = varUint();
  if (pos + length > data.length) throw new RangeError('truncated');
  return { lengthAt, payload: data.subarray(pos, pos + length) };
}

/** The update that holds nothing: no structs from any client, an empty delete set (what Yjs encodes for it). */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}
