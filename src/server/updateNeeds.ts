/**
 * What a Yjs update lacks before a document can take it whole, read from the update alone (about the cost of
 * decoding it, never of the document). The server uses it to hold an update that depends on changes it has not
 * received without applying it to its scratch copy (which would then have to be rebuilt, O(session)), and to look
 * at a held update again only once the document has reached what it lacked.
 *
 * It mirrors Yjs 13.6's integration (integrateStructs, Item.getMissing, readAndApplyDeleteSet): a struct of client
 * c at clock k needs the document's clock for c to have reached k (nothing missing before it); an item also needs
 * its origin, right origin and parent item when they belong to another client; a deletion needs the deleted range.
 * The update's own structs count: a run of them starting where the document is satisfies what lies inside it.
 */
import * as Y from 'yjs';

/** client → the state (next expected clock) the document must reach for that client; empty: nothing lacking. */
export type Needs = Map<number, number>;

/** The document's next expected clock for a client (Y.getState). */
export type StateOf = (client: number) => number;

interface IdLike {
  client: number;
  clock: number;
}

function isId(value: unknown): value is IdLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as IdLike).client === 'number' &&
    typeof (value as IdLike).clock === 'number'
  );
}

export function stateOf(doc: Y.Doc): StateOf {
  return (client) => Y.getState(doc.store, client);
}

/**
 * The update's needs against a document whose clocks `state` gives. Throws when the update cannot be decoded (the
 * caller's full check then refuses it as corrupt).
 */
export function updateNeeds(update: Uint8Array, state: StateOf): Needs {
  const { structs, ds } = Y.decodeUpdate(update);
  /** Per client, the update's structs as merged runs [start, end), sorted. */
  const runs = new Map<number, [number, number][]>();
  for (const s of structs) {
    if (s instanceof Y.Skip) continue;
    const list = runs.get(s.id.client) ?? [];
    list.push([s.id.clock, s.id.clock + s.length]);
    runs.set(s.id.client, list);
  }
  for (const list of runs.values()) {
    list.sort((a, b) => a[0] - b[0]);
    let w = 0;
    for (const r of list) {
      const last = list[w - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else list[w++] = r;
    }
    list.length = w;
  }
  /** The state the document itself must reach for `clock` of `client` to be there once the update is applied. */
  const reach = (client: number, clock: number): number => {
    for (const [start, end] of runs.get(client) ?? []) {
      if (start <= clock && clock < end) return start;
    }
    return clock + 1;
  };
  const needs: Needs = new Map();
  const need = (client: number, minState: number): void => {
    if (state(client) >= minState) return;
    needs.set(client, Math.max(needs.get(client) ?? 0, minState));
  };
  for (const s of structs) {
    if (s instanceof Y.Skip) continue;
    const { client, clock } = s.id;
    if (clock > 0) need(client, reach(client, clock - 1));
    if (!(s instanceof Y.Item)) continue;
    for (const ref of [s.origin, s.rightOrigin, s.parent]) {
      if (isId(ref) && ref.client !== client) need(ref.client, reach(ref.client, ref.clock));
    }
  }
  for (const [client, deletes] of ds.clients) {
    for (const { clock, len } of deletes) {
      if (len > 0) need(client, reach(client, clock + len - 1));
    }
  }
  return needs;
}

/** True once the document has reached every state the update needed. */
export function needsMet(needs: Needs, state: StateOf): boolean {
  for (const [client, minState] of needs) if (state(client) < minState) return false;
  return true;
}
