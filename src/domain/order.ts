import type { Ballot, Stamp } from './types';

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
