/**
 * Nothing but the schema (issue 12 §6): what a change may bring, read from the update's bytes before it is
 * applied anywhere. The session document (docs/session-document.md) is a fixed set of top-level maps whose
 * entries are plain values (one JSON-like value per key: records, meta fields); it has no lists, no text, no
 * nested shared types, no subdocuments. Anything else (an unknown top-level map, an array or text under
 * `proposals` or `meta`, a Y.Map nested in a record) would be stored and synced to every device while no screen
 * or count ever reads it: a place to hide megabytes, or data no one can see to remove.
 *
 * Read from `Y.decodeUpdate`, so it costs one parse of the update and needs no document. An item names its
 * parent only when it has no origin (Yjs's encoding: otherwise the parent is its origin's); so the first write
 * of every key, which has no origin, is where a top-level map and a key are checked, and later writes of the
 * same key (overwrites, which do carry an origin) inherit that checked place. Content is checked on every item.
 * Used by the council server's check (src/server/validation.ts) and by every session-file import
 * (src/sync/importSession.ts), alike.
 */
import * as Y from 'yjs';
import { MAPS } from '../doc/schema';

const TOP_LEVEL: ReadonlySet<string> = new Set<string>(Object.values(MAPS));

export type StructureProblemCode =
  /** A top-level shared type the schema does not have. */
  | 'unknownMap'
  /** List or text content in a top-level map (content with no key). */
  | 'notAMapEntry'
  /** A shared type, subdocument, text, binary or formatting content where a plain value belongs. */
  | 'notAPlainValue'
  /** An entry under a nested shared type (the schema has none). */
  | 'nested'
  /** The bytes are not a Yjs update. */
  | 'corrupt';

export interface StructureProblem {
  /** The top-level map named by the item, when it names one; '' otherwise. */
  map: string;
  /** The key written, cut to 80 characters; never a value. */
  key: string;
  problem: StructureProblemCode;
}

const clip = (s: string): string => (s.length > 80 ? `${s.slice(0, 79)}…` : s);

/** At most this many problems are listed (one per kind and place is enough to say what is wrong). */
const MAX_LISTED = 20;

/** What in `update` the session document's schema does not allow; empty when it only writes plain map entries. */
export function structureProblems(update: Uint8Array): StructureProblem[] {
  let structs: ReturnType<typeof Y.decodeUpdate>['structs'];
  try {
    structs = Y.decodeUpdate(update).structs;
  } catch {
    return [{ map: '', key: '', problem: 'corrupt' }];
  }
  const problems: StructureProblem[] = [];
  const seen = new Set<string>();
  const report = (map: string, key: string, problem: StructureProblemCode): void => {
    const id = `${map}\u0000${key}\u0000${problem}`;
    if (seen.has(id) || problems.length >= MAX_LISTED) return;
    seen.add(id);
    problems.push({ map: clip(map), key: clip(key), problem });
  };
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue; // GC and Skip: room for structs collected or not sent
    const parent: unknown = struct.parent;
    const key = struct.parentSub ?? '';
    const map = typeof parent === 'string' ? parent : '';
    if (typeof parent === 'string') {
      if (!TOP_LEVEL.has(parent)) report(parent, key, 'unknownMap');
      else if (struct.parentSub === null) report(parent, '', 'notAMapEntry');
    } else if (parent !== null) {
      // The parent is an ID: the child of a nested type. The schema has none, so no such type can exist.
      report('', key, 'nested');
    }
    const content: unknown = struct.content;
    if (content instanceof Y.ContentDeleted) continue; // an entry overwritten before it was sent
    if (!(content instanceof Y.ContentAny) || (struct.parentSub !== null && content.getLength() !== 1)) {
      report(map, key, 'notAPlainValue');
    }
  }
  return problems;
}
