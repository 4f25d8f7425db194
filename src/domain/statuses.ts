/**
 * "You said, we did": what became of each idea, as decided by council officers after the workshop.
 *
 * - Officers write `ProposalStatus` records; none is ever rewritten. The effective status of an idea is the
 *   latest of its records in causal order (`order.ts` causalLatest: a decision names the one in force it
 *   replaced, `after`, then by (at, id)), so every device that holds the same records shows the same status,
 *   whatever order they arrived in. An idea with no record is `submitted`.
 * - A decision saved again after "not saved" names the earlier tries (`replaces`): storage refused them on the
 *   officer's device, but the council may hold them. A try that made the same decision is folded into the
 *   record that names it (`standingStatuses`, applied as the records are read), so the same decision saved on a
 *   retry is one line of history; a try at another decision stays in the history, and the retry, written after
 *   it, is in force. Nothing else is ever left out (status records are not signed).
 * - What a status may carry: `funded` needs an amount of money above zero and at most LIMITS.maxFundedPence
 *   (£100 million; more than the idea's estimated cost is allowed, a larger scheme can be funded, but it is
 *   flagged so the officer sees it); `not-taken-forward`
 *   needs a reason, because residents will read it; every other status carries neither.
 * - Residents see only visible ideas (not hidden, not merged away) whose status moved on from `submitted`, by
 *   title and decision: never comments, never who suggested them.
 */
import { byCausalKey, causalKeys, causalLatest, compareText, groupBy, type CausalKey } from './order';
import { isSameNeighbourhood } from './neighbourhood';
import type { ProposalView } from './proposals';
import { PROPOSAL_STATUSES, type Pence, type ProposalStatus, type ProposalStatusKind } from './types';

export function isStatusKind(value: unknown): value is ProposalStatusKind {
  return typeof value === 'string' && (PROPOSAL_STATUSES as readonly string[]).includes(value);
}

/**
 * The most records standingStatuses walks back along a chain of `after` to read one retry's `after`. An honest
 * retry walks past the decisions taken on top of its own try before it was saved again: a handful.
 */
export const MAX_AFTER_WALK = 64;

/**
 * The records that stand: all but those a later try names (`replaces`) that made the same decision on the same
 * idea with the same device label, stamped no later than it (a copy stamped earlier would otherwise take a later
 * decision out of force and leave an earlier one in it). Only a repeat is left out: `deviceId` is a label any sender can copy (status
 * records are not signed), so a record naming another's decision can at most fold a copy of that same decision
 * into itself, never take a decision out of the history or out of force. A refused try at another decision that
 * reached the council stays in the history, and the retry, written after it, is in force. Where tries fold into
 * each other in a ring (only a forger's copies can), the one with the smallest id stands for them all.
 *
 * A retry stands in its tries' place in causal order (order.ts causalOrder), as the one record of that decision.
 * Its `after`, as read, is the record that comes last in causal order (on the records as written) among those it
 * and its tries named when written, other than itself (a retry written after the council sent its try back names
 * that try); a record of another idea counts as not held, so a copy cannot borrow another idea's chain, and where
 * none is held the smallest of the ids named is kept, the same on every device. A record that named a try is read
 * as naming the retry that stands for it, so it still comes after that decision, unless that would close a loop
 * of `after`: the retry's writer had already seen that record (a second officer decided on top of the try, and the
 * retry was saved after seeing that), so the record is read as naming what the try named instead, and the retry
 * stays after it. Folding never makes a loop that the records as written do not have: each record's `after` as
 * read is taken in a fixed order (records naming as written first, then those naming a try, each in causal order)
 * and kept only when the records read so far do not lead from it back to the record (a union-find, so O(n)
 * amortised, with each try's place looked up once).
 */
export function standingStatuses(records: readonly ProposalStatus[]): ProposalStatus[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  // Each folded try and the retry it is folded into (the smallest id where two retries name it).
  const into = new Map<string, string>();
  for (const r of records) {
    for (const id of r.replaces ?? []) {
      const earlier = byId.get(id);
      if (
        earlier &&
        earlier.id !== r.id &&
        earlier.proposalId === r.proposalId &&
        earlier.deviceId === r.deviceId &&
        r.at >= earlier.at &&
        earlier.status === r.status &&
        earlier.amountPence === r.amountPence &&
        earlier.reason === r.reason
      ) {
        const was = into.get(id);
        if (was === undefined || compareText(r.id, was) < 0) into.set(id, r.id);
      }
    }
  }
  const standsFor = new Map<string, string>();
  // The record that stands for `id`: the end of its chain of folds, or the smallest id on a ring of them.
  const standing = (id: string): string => {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let cur = id;
    let found: string;
    for (;;) {
      const known = standsFor.get(cur) ?? (into.has(cur) ? undefined : cur);
      if (known !== undefined) {
        found = known;
        break;
      }
      const ringStart = onPath.get(cur);
      if (ringStart !== undefined) {
        found = path.slice(ringStart).reduce((a, b) => (compareText(a, b) <= 0 ? a : b));
        break;
      }
      onPath.set(cur, path.length);
      path.push(cur);
      cur = into.get(cur)!;
    }
    for (const p of path) standsFor.set(p, found);
    return found;
  };
  // A record named by one of `r`'s idea; a record of another idea counts as not held.
  const heldFor = (r: ProposalStatus, id: string | undefined): ProposalStatus | undefined => {
    const held = id === undefined ? undefined : byId.get(id);
    return held && held.proposalId === r.proposalId ? held : undefined;
  };
  // What each standing record and the tries folded into it named when written.
  const named = new Map<string, string[]>();
  for (const r of records) {
    if (r.after === undefined) continue;
    const s = standing(r.id);
    const list = named.get(s);
    if (list) list.push(r.after);
    else named.set(s, [r.after]);
  }
  const keys = new Map<string, CausalKey>();
  for (const group of groupBy(records, (r) => r.proposalId).values())
    for (const [id, key] of causalKeys(group)) keys.set(id, key);
  const rank = byCausalKey((r: ProposalStatus) => keys.get(r.id));

  // Each standing record's choice among what it and its tries named: the last held in causal order as written,
  // else the smallest id not held (the same on every device, whatever order the records arrived in).
  const standingRecords = records.filter((r) => standing(r.id) === r.id);
  const chosen = new Map<string, { held?: ProposalStatus; gone?: string }>();
  for (const r of standingRecords) {
    let held: ProposalStatus | undefined;
    let gone: string | undefined;
    for (const id of named.get(r.id) ?? []) {
      const h = heldFor(r, id);
      if (!h) {
        if (gone === undefined || compareText(id, gone) < 0) gone = id;
      } else if (standing(h.id) !== r.id && (!held || rank(held, h) < 0)) held = h;
    }
    chosen.set(r.id, held ? { held } : { gone });
  }

  // The `after` read so far, as a forest of union-find sets whose root is the record their chains end at (one
  // with no `after` read yet): a new `after` from r (a root) to x closes a loop exactly when x's root is r.
  const parent = new Map<string, string>();
  const rootOf = (id: string): string => {
    let root = id;
    while (parent.has(root)) root = parent.get(root)!;
    for (let cur = id; cur !== root;) {
      const next = parent.get(cur)!;
      parent.set(cur, root);
      cur = next;
    }
    return root;
  };
  // The `after` read for r, starting from the record it chose: the record standing for it, unless that is r or
  // leads back to r; then what that record named, as written, and so on, for at most MAX_AFTER_WALK records:
  // past that (only a forger's ring of retries over a long chain gets there) r is read as naming nothing, so
  // a forged session costs each retry a bounded walk instead of the whole chain (10,000 such records took 14 s).
  const readAfter = (r: ProposalStatus, first: ProposalStatus): string | undefined => {
    const seen = new Set<string>();
    let cur: ProposalStatus | undefined = first;
    while (cur && !seen.has(cur.id)) {
      if (seen.size >= MAX_AFTER_WALK) return undefined;
      seen.add(cur.id);
      const target = standing(cur.id);
      if (target !== r.id && rootOf(target) !== r.id) {
        parent.set(r.id, rootOf(target));
        return target;
      }
      const next = heldFor(r, cur.after);
      if (!next) return cur.after;
      cur = next;
    }
    return undefined;
  };
  // First the records that name, as written, a record that stands (a loop among them is one the records as
  // written have, only a forger's: kept, causalKeys reads it), then those naming a record another's tries name,
  // then those naming a try; each in causal order as written.
  const tier = (r: ProposalStatus): number => {
    const held = chosen.get(r.id)?.held;
    if (!held) return 0;
    if (standing(held.id) !== held.id) return 2;
    return held.id === r.after ? 0 : 1;
  };
  const reads = new Map<string, string | undefined>();
  const inOrder = [...standingRecords].sort((a, b) => tier(a) - tier(b) || rank(a, b));
  for (const r of inOrder) {
    const { held, gone } = chosen.get(r.id) ?? {};
    if (!held) reads.set(r.id, gone);
    else if (tier(r) > 0) reads.set(r.id, readAfter(r, held));
    else {
      reads.set(r.id, r.after);
      if (rootOf(held.id) !== r.id) parent.set(r.id, rootOf(held.id));
    }
  }
  return records.flatMap((r) => {
    if (standing(r.id) !== r.id) return [];
    const after = reads.get(r.id);
    if (after === r.after) return [r];
    const read: ProposalStatus = { ...r };
    if (after === undefined) delete read.after;
    else read.after = after;
    return [read];
  });
}

/** The effective status of every idea that has at least one status record: the latest in causal order. */
export function effectiveStatuses(records: readonly ProposalStatus[]): Map<string, ProposalStatus> {
  const byProposal = new Map<string, ProposalStatus>();
  for (const [proposalId, group] of groupBy(records, (r) => r.proposalId)) {
    const best = causalLatest(group);
    if (best) byProposal.set(proposalId, best);
  }
  return byProposal;
}

/** One idea's status now: `submitted` until an officer records anything else. */
export function statusOf(
  effective: ReadonlyMap<string, ProposalStatus>,
  proposalId: string,
): ProposalStatusKind {
  return effective.get(proposalId)?.status ?? 'submitted';
}

/** The order residents read decisions in: what was done first, what was turned down last. */
export const RESIDENT_STATUS_ORDER = [
  'done',
  'in-delivery',
  'funded',
  'shortlisted',
  'not-taken-forward',
] as const satisfies readonly ProposalStatusKind[];
export type DecidedStatusKind = (typeof RESIDENT_STATUS_ORDER)[number];

/** One earlier idea as residents may see it: its title and the decision, nothing else. */
export interface DecidedIdea {
  proposalId: string;
  title: string;
  status: DecidedStatusKind;
  amountPence: Pence | null;
  reason: string;
}

function isDecided(kind: ProposalStatusKind): kind is DecidedStatusKind {
  return (RESIDENT_STATUS_ORDER as readonly string[]).includes(kind);
}

/** Visible ideas whose status moved on from `submitted`, in resident order, then by title. */
export function decidedIdeas(
  views: readonly ProposalView[],
  records: readonly ProposalStatus[],
): DecidedIdea[] {
  const effective = effectiveStatuses(records);
  const out: DecidedIdea[] = [];
  for (const v of views) {
    if (v.isHidden || v.canonicalId !== v.id) continue;
    const s = effective.get(v.id);
    if (!s || !isDecided(s.status)) continue;
    out.push({
      proposalId: v.id,
      title: v.shownTitle,
      status: s.status,
      amountPence: s.status === 'funded' ? s.amountPence : null,
      reason: s.status === 'not-taken-forward' ? s.reason : '',
    });
  }
  const rank = (k: DecidedStatusKind): number => RESIDENT_STATUS_ORDER.indexOf(k);
  return out.sort(
    (a, b) =>
      rank(a.status) - rank(b.status) ||
      a.title.localeCompare(b.title, 'en') ||
      (a.proposalId < b.proposalId ? -1 : 1),
  );
}

/** What identifies a session for "earlier ideas": its neighbourhood and its date (YYYY-MM-DD). */
export interface SessionPlace {
  id: string;
  neighbourhood: string;
  date: string;
}

/** Another session of the same neighbourhood held on an earlier day (ISO dates compare as text). */
export function isEarlierSession(candidate: SessionPlace, current: SessionPlace): boolean {
  return (
    candidate.id !== current.id &&
    isSameNeighbourhood(candidate.neighbourhood, current.neighbourhood) &&
    candidate.date < current.date
  );
}
