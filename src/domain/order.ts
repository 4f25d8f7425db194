import type { Ballot, Proposal, Stamp } from './types';

/**
 * The ordering by wall-clock time, then by record id: "the latest record wins" goes by it among records written
 * apart (causalOrder below puts a record after the one it names first). Clocks drift,
 * so this is a rule people can read, not a truth about causality; the id makes it total and deterministic, so
 * every device computes the same answer from the same records.
 *
 * It is also the order every list is read out of the document in (src/doc/schema.ts `readRecords`): a Y.Map
 * iterates in the order its entries reached this device, which differs between devices, so records are sorted
 * by (at, id) when read, and screens and exports list the same things in the same order everywhere. Ballots,
 * which have no id of their own, sort by (at, participant id).
 */
export function byStampThenId<T extends Stamp & { id: string }>(a: T, b: T): number {
  return a.at - b.at || compareText(a.id, b.id);
}

/** The largest `seq` an idea may carry (src/doc/recordShapes.ts): ideas past it stay level and go by (at, id). */
export const MAX_IDEA_SEQ = 1_000_000_000;

/**
 * An idea's `seq` as it is read among `ideas` ideas: 0 when it has none (an older app's record) or one no shape
 * check would have let in, and never more than `ideas`. An honest `seq` (one more than the largest its device
 * held) never passes the number of ideas in a document that holds it; a larger one (a hostile device's 1e9) is
 * read as that number, so it cannot lift every later idea to the same level and hand the order back to the
 * clocks. Read, never refused: a sync sent in parts, or a document after an admin's rollback, can hold an honest
 * idea whose `seq` is above the ideas there so far.
 */
export function ideaSeq(p: Pick<Proposal, 'seq'>, ideas: number = MAX_IDEA_SEQ): number {
  const seq = p.seq;
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0 || seq > MAX_IDEA_SEQ) return 0;
  return Math.min(seq, ideas);
}

/**
 * The `seq` of an idea added now: one more than the largest among the ideas this device holds (a Lamport counter,
 * each read as `ideaSeq` among them), so an idea added after seeing others is listed after them whatever the
 * tablets' clocks say.
 */
export function nextIdeaSeq(held: Iterable<Pick<Proposal, 'seq'>>): number {
  const ideas = [...held];
  let most = 0;
  for (const p of ideas) most = Math.max(most, ideaSeq(p, ideas.length));
  return Math.min(most + 1, MAX_IDEA_SEQ);
}

/**
 * The order ideas are listed in, "oldest first", among `ideas` ideas: by `seq` (ideaSeq), then (at, id). Idea
 * numbers on paper forms are positions in this list (src/domain/paper.ts), and kiosk lists, ballots, exports and
 * counting's tie-break read ideas in it. Ideas added apart on devices that had not seen each other have equal
 * `seq` and go by their clocks, as before; ideas without `seq` (older apps) count as 0, so they come first.
 */
export function ideaOrder<T extends Stamp & { id: string; seq?: number }>(
  ideas: number,
): (a: T, b: T) => number {
  return (a, b) => ideaSeq(a, ideas) - ideaSeq(b, ideas) || byStampThenId(a, b);
}

/** Ballots in the documented order: by `at`, then by participant id (a ballot's key). */
export function byBallotOrder(a: Ballot, b: Ballot): number {
  return a.at - b.at || compareText(a.participantId, b.participantId);
}

/** Plain code-unit order: the same on every device, whatever its language settings. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A sorted copy in the documented (at, id) order. */
export function sortedByStamp<T extends Stamp & { id: string }>(records: readonly T[]): T[] {
  return [...records].sort(byStampThenId);
}

/** The latest by (at, id). For records one replaces another of, use causalLatest. */
export function latest<T extends Stamp & { id: string }>(records: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const r of records) if (!best || byStampThenId(best, r) < 0) best = r;
  return best;
}

/** The latest `at` a record may hold (the latest time a Date can), as the record shapes check it. */
export const MAX_STAMP = 8.64e15;

/**
 * The time to stamp a record that takes the place of `replaced` under "the latest wins": this device's clock, or
 * one millisecond after the latest of them when the clock is behind it. Tablets' clocks are often wrong (a dead
 * battery resets one to 2000; another is an hour slow); stamped by its clock alone, an action taken after seeing
 * a record lost to it: ending a session on a reset tablet did nothing, a second "hide" lost to the "show" it
 * answered. So a record always comes after every record its writer saw and replaced; records written apart still
 * go by their clocks, as before.
 */
export function stampAfter(now: number, replaced: Iterable<{ at: number }>): number {
  let after = now;
  for (const r of replaced) if (r.at >= after) after = r.at + 1;
  // Never past the latest time a record may hold: one stamped there (a hostile device's, or a clock gone mad)
  // would otherwise make every record written after it unsendable, refused by every shape check.
  return Math.min(after, MAX_STAMP);
}

/**
 * A record that may name, in `after`, the record in force it took the place of when it was written (a settings
 * edit, a hide or unhide, a typo fix, a merge, an officer's decision, a device's name). Absent when there was none,
 * and on records of apps before it.
 */
export type CausalRecord = Stamp & { id: string; after?: string };

/**
 * Where a record stands in causal order (causalComparator): `vat`, the latest stamp on its chain of `after` (its
 * own `at`, or that of a record it comes after, whichever is later), then `depth`, the length of that chain.
 */
export interface CausalKey {
  vat: number;
  depth: number;
}

/**
 * Each record's causal key among `records` (one group: the records of which the latest is in force, such as the
 * hides and unhides of one idea). Depth: 0 when it names nothing; 1 + the depth of the record it names when that
 * is among them; 1 when it is not (a sync in parts, a rollback, a record of another group). Vat: its own `at`, or
 * the vat of the record it names when that is among them and later. A record on a cycle of `after` (only a
 * forger can make one: A after B and B after A) counts as naming nothing (depth 0, vat its own `at`), so its key
 * does not depend on the order records are read in. `after` names one record, so the records form a functional
 * graph: one walk per record, each record visited once, O(n).
 */
export function causalKeys(records: readonly CausalRecord[]): Map<string, CausalKey> {
  const byId = new Map(records.map((r) => [r.id, r]));
  const keys = new Map<string, CausalKey>();
  for (const start of records) {
    if (keys.has(start.id)) continue;
    const path: CausalRecord[] = [];
    const onPath = new Map<string, number>();
    let cur: CausalRecord = start;
    // The key of the record the path's last record names: depth -1 when it names nothing, 0 when not held.
    let below: CausalKey = { vat: -Infinity, depth: -1 };
    for (;;) {
      onPath.set(cur.id, path.length);
      path.push(cur);
      if (cur.after === undefined) break;
      const next = byId.get(cur.after);
      if (!next) {
        below = { vat: -Infinity, depth: 0 };
        break;
      }
      const known = keys.get(next.id);
      if (known !== undefined) {
        below = known;
        break;
      }
      const cycleStart = onPath.get(next.id);
      if (cycleStart !== undefined) {
        for (const r of path.splice(cycleStart)) keys.set(r.id, { vat: r.at, depth: 0 });
        below = keys.get(next.id)!;
        break;
      }
      cur = next;
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const r = path[i]!;
      below = { vat: Math.max(r.at, below.vat), depth: below.depth + 1 };
      keys.set(r.id, below);
    }
  }
  return keys;
}

/** Two records compared by their causal keys and stamps: by vat, then depth, then (at, id) as byStampThenId. */
export function byCausalKey<T extends CausalRecord>(
  key: (r: T) => CausalKey | undefined,
): (a: T, b: T) => number {
  return (a, b) => {
    const ka = key(a) ?? { vat: a.at, depth: 0 };
    const kb = key(b) ?? { vat: b.at, depth: 0 };
    return ka.vat - kb.vat || ka.depth - kb.depth || byStampThenId(a, b);
  };
}

/**
 * The order in which "the latest wins" among one group of records (causalKeys, byCausalKey): by vat, then depth,
 * then (at, id). A record written after reading the one in force names it and comes after it, and after every
 * record that one came after, whatever the stamps say: a hostile "show" stamped at MAX_STAMP, which every later
 * stamp is capped at (stampAfter), cannot outlast the "hide" written after seeing it (the same vat, a greater
 * depth). Otherwise records go by their stamps, because stampAfter already puts an honest record after everything
 * its writer saw: records written apart go by their clocks, however long the chains before them (a tablet's first
 * hide at 11:00 wins over a hide and show at 10:00 it never saw), and so does a record whose named record is gone
 * (an admin's rollback of the device that wrote it) or that names nothing (the first of its group, an older app's).
 * A forged record stamped early that names the record in force sits just above it, never above a later honest
 * record; one stamped at MAX_STAMP wins over every record written without seeing it (whatever it names: a made-up
 * id passes every shape check), until the next record written after seeing it, which names it.
 * Depth is comparable only among records of one group: a record naming one of another group (another idea's,
 * another device's name) counts it as not held, so it cannot borrow that chain's depth or stamps. Across
 * sessions, compare the records in force by the sessions (devices.ts deviceNamesAcross).
 */
export function causalComparator<T extends CausalRecord>(records: readonly T[]): (a: T, b: T) => number {
  const keys = causalKeys(records);
  return byCausalKey((r) => keys.get(r.id));
}

/** A sorted copy of one group of records, oldest first, in causal order (causalComparator). */
export function causalOrder<T extends CausalRecord>(records: readonly T[]): T[] {
  return [...records].sort(causalComparator(records));
}

/** The record in force among one group of records: the last in causal order (causalComparator). */
export function causalLatest<T extends CausalRecord>(records: readonly T[]): T | undefined {
  const compare = causalComparator(records);
  let best: T | undefined;
  for (const r of records) if (!best || compare(best, r) < 0) best = r;
  return best;
}

/** Records grouped by `key` (an idea, a named device), each group in the order given. */
export function groupBy<T, K>(records: Iterable<T>, key: (r: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const r of records) {
    const group = groups.get(key(r));
    if (group) group.push(r);
    else groups.set(key(r), [r]);
  }
  return groups;
}
