import type { Ballot, Proposal, Stamp } from './types';

/**
 * The one ordering used wherever "the latest record wins": by wall-clock time, then by record id. Clocks drift,
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
