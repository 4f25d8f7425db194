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
 * The records that stand: all but those a later try names (`replaces`) that made the same decision on the same
 * idea with the same device label, stamped no later than it (a copy stamped earlier would otherwise take a later
 * decision out of force and leave an earlier one in it). Only a repeat is left out: `deviceId` is a label any sender can copy (status
 * records are not signed), so a record naming another's decision can at most fold a copy of that same decision
 * into itself, never take a decision out of the history or out of force. A refused try at another decision that
 * reached the council stays in the history, and the retry, written after it, is in force. Where tries fold into
 * each other in a ring (only a forger's copies can), the one with the smallest id stands for them all.
 *
 * A retry stands in its tries' place in causal order (order.ts causalOrder), as the one record of that decision:
 * it names (`after`, as read) the record that comes last in causal order, among those it and its tries named
 * when written, other than itself (a retry written after the council sent its try back names that try);
 * a record that named a try is read as naming the retry that stands for it, so it still comes after that
 * decision. So a copy of the decision in force that folds it away stays in force, no lower than the decision
 * it copies, and a retry never names itself. Each try's place is looked up once (memoised), O(n).
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
  const out: ProposalStatus[] = [];
  for (const r of records) {
    if (standing(r.id) !== r.id) continue;
    // The last in causal order of what it named, as read: a try as the record standing for it, never itself.
    let after: string | undefined;
    let last: ProposalStatus | undefined;
    for (const id of named.get(r.id) ?? []) {
      const held = byId.get(id);
      if (!held) {
        after ??= id;
        continue;
      }
      if (standing(id) === r.id) continue;
      if (!last || rank(last, held) < 0) last = held;
    }
    if (last) after = standing(last.id);
    if (after === r.after) out.push(r);
    else {
      const read: ProposalStatus = { ...r };
      if (after === undefined) delete read.after;
      else read.after = after;
      out.push(read);
    }
  }
  return out;
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
