import type { Stamp } from './types';

/**
 * The one ordering used wherever "the latest record wins": by wall-clock time, then by record id. Clocks drift,
 * so this is a rule people can read, not a truth about causality; the id makes it total and deterministic, so
 * every device computes the same answer from the same records.
 */
export function byStampThenId<T extends Stamp & { id: string }>(a: T, b: T): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function latest<T extends Stamp & { id: string }>(records: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const r of records) if (!best || byStampThenId(best, r) < 0) best = r;
  return best;
}
