/**
 * The Method of Equal Shares question of one budget session as plain numbers, so it can be answered away from
 * the page (the officer view counts in a Web Worker: MES with Add1 reruns MES once per endowment, about 90 ms
 * for 10,000 ballots over 300 ideas on a laptop and four times that on a slow one) and give the same answer as
 * counting in place: `decideFunding(view, 'mes')` is `answerMesQuestion(mesQuestion(view))`.
 *
 * Packing: the candidates' ids in input order (./results.ts: idea order), their costs and the pot in
 * POUNDS (see 'mes' in ./results.ts), and each counted ballot's approval set as candidate indices, all ballots
 * in one Int32Array with a start offset per ballot (two transferable buffers instead of 10,000 small arrays).
 * Unpacking rebuilds the same ids in the same order, so the answer cannot depend on where it was worked out.
 */
import type { SessionView } from '../../doc/session';
import { equalShares } from '../counting';
import type { Funding } from './results';

/**
 * Each counted ballot's canonical ideas as an approval set, in no particular order (MES reads sets); empty ones
 * dropped. One pass with no sorting: the 10,000-ballot tally spends ~1 ms here instead of ~13 ms.
 */
export function approvalSets(view: SessionView): string[][] {
  const candidates = new Set(view.visible.map((v) => v.id));
  const out: string[][] = [];
  for (const { points } of view.count.counted) {
    const ids: string[] = [];
    for (const [id, n] of points) if (n > 0 && candidates.has(id)) ids.push(id);
    if (ids.length > 0) out.push(ids);
  }
  return out;
}

export interface MesQuestion {
  ids: string[];
  /** Per candidate, in pounds. */
  costs: Float64Array;
  /** In pounds. */
  pot: number;
  /** Every ballot's candidate indices, one ballot after another. */
  members: Int32Array;
  /** Ballot b is members[starts[b]] .. members[starts[b + 1] - 1]; one more entry than ballots. */
  starts: Int32Array;
}

export function mesQuestion(view: SessionView): MesQuestion {
  return packMesQuestion(
    view.visible.map((v) => ({ id: v.id, cost: v.costPence / 100 })),
    approvalSets(view),
    view.settings.potPence / 100,
  );
}

/** Packs candidates (in input order), approval sets of their ids, and the pot; every id must be a candidate. */
export function packMesQuestion(
  projects: readonly { id: string; cost: number }[],
  sets: readonly (readonly string[])[],
  pot: number,
): MesQuestion {
  const ids = projects.map((p) => p.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const starts = new Int32Array(sets.length + 1);
  let total = 0;
  for (let b = 0; b < sets.length; b++) {
    starts[b] = total;
    total += sets[b]!.length;
  }
  starts[sets.length] = total;
  const members = new Int32Array(total);
  let k = 0;
  for (const set of sets) {
    for (const id of set) {
      const i = index.get(id);
      if (i === undefined) throw new Error(`MES question: a ballot names ${id}, which is not a candidate.`);
      members[k++] = i;
    }
  }
  return { ids, costs: Float64Array.from(projects, (p) => p.cost), pot, members, starts };
}

/** The buffers a question can hand over to a worker without copying. */
export function questionBuffers(q: MesQuestion): ArrayBuffer[] {
  return [q.costs.buffer as ArrayBuffer, q.members.buffer as ArrayBuffer, q.starts.buffer as ArrayBuffer];
}

/** MES with the Add1 completion on a packed question; throws if the question is not well formed. */
export function answerMesQuestion(q: MesQuestion): Funding {
  const n = q.ids.length;
  if (q.costs.length !== n) throw new Error(`MES question: ${q.costs.length} costs for ${n} candidates.`);
  const ballots = q.starts.length - 1;
  if (ballots < 0 || q.starts[ballots] !== q.members.length) {
    throw new Error('MES question: the ballot offsets do not match the ballots.');
  }
  const sets: string[][] = new Array<string[]>(ballots);
  for (let b = 0; b < ballots; b++) {
    const from = q.starts[b]!;
    const to = q.starts[b + 1]!;
    if (to < from) throw new Error('MES question: the ballot offsets go backwards.');
    const set: string[] = new Array<string>(to - from);
    for (let k = from; k < to; k++) {
      const i = q.members[k]!;
      if (i < 0 || i >= n) throw new Error(`MES question: candidate ${i} of ${n}.`);
      set[k - from] = q.ids[i]!;
    }
    sets[b] = set;
  }
  const projects = q.ids.map((id, i) => ({ id, cost: q.costs[i]! }));
  const r = equalShares(projects, sets, q.pot, { completion: 'add1' });
  return { selected: r.selected, endowment: r.endowment };
}
