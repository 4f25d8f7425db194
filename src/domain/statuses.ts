/**
 * "You said, we did": what became of each idea, as decided by council officers after the workshop.
 *
 * - Officers write `ProposalStatus` records; none is ever rewritten. The effective status of an idea is the
 *   latest of its records by (at, id) (`order.ts`), so every device that holds the same records shows the same
 *   status, whatever order they arrived in. An idea with no record is `submitted`.
 * - What a status may carry: `funded` needs an amount of money above zero (more than the idea's estimated cost
 *   is allowed, a larger scheme can be funded, but it is flagged so the officer sees it); `not-taken-forward`
 *   needs a reason, because residents will read it; every other status carries neither.
 * - Residents see only visible ideas (not hidden, not merged away) whose status moved on from `submitted`, by
 *   title and decision: never comments, never who suggested them.
 */
import { ValidationError } from './errors';
import { LIMITS } from './limits';
import { byStampThenId, latest } from './order';
import type { ProposalView } from './proposals';
import { PROPOSAL_STATUSES, type Pence, type ProposalStatus, type ProposalStatusKind } from './types';
import { requirePence, requireText } from './validate';

/** What an officer asks for; validated into a `CleanStatus` before it is stored. */
export interface StatusInput {
  proposalId: string;
  status: ProposalStatusKind;
  /** Whole pence; only for `funded`, otherwise null. */
  amountPence: Pence | null;
  /** Only for `not-taken-forward`, otherwise empty. */
  reason: string;
}

export type CleanStatus = Pick<ProposalStatus, 'status' | 'amountPence' | 'reason'>;

export function isStatusKind(value: unknown): value is ProposalStatusKind {
  return typeof value === 'string' && (PROPOSAL_STATUSES as readonly string[]).includes(value);
}

/** Checks one status against the rules above; throws a ValidationError naming the field that is wrong. */
export function validateStatusInput(input: Omit<StatusInput, 'proposalId'>): CleanStatus {
  if (!isStatusKind(input.status)) throw new ValidationError('unknownStatus', 'status');
  const status = input.status;
  const reasonText = requireText(input.reason, 'reason', LIMITS.reasonLength, false);
  if (status === 'funded') {
    if (input.amountPence === null) throw new ValidationError('required', 'amountPence');
    const amountPence = requirePence(input.amountPence, 'amountPence');
    if (amountPence === 0) throw new ValidationError('amountNotPositive', 'amountPence');
    if (reasonText !== '') throw new ValidationError('reasonOnlyWhenNotTaken', 'reason');
    return { status, amountPence, reason: '' };
  }
  if (input.amountPence !== null) throw new ValidationError('amountOnlyWhenFunded', 'amountPence');
  if (status === 'not-taken-forward') {
    if (reasonText === '') throw new ValidationError('reasonNeeded', 'reason');
    return { status, amountPence: null, reason: reasonText };
  }
  if (reasonText !== '') throw new ValidationError('reasonOnlyWhenNotTaken', 'reason');
  return { status, amountPence: null, reason: '' };
}

/** The effective status of every idea that has at least one status record: the latest by (at, id). */
export function effectiveStatuses(records: readonly ProposalStatus[]): Map<string, ProposalStatus> {
  const byProposal = new Map<string, ProposalStatus>();
  for (const r of records) {
    const best = byProposal.get(r.proposalId);
    if (!best || byStampThenId(best, r) < 0) byProposal.set(r.proposalId, r);
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

/** Every status record of one idea, newest first (the first is the effective one). */
export function statusHistory(records: readonly ProposalStatus[], proposalId: string): ProposalStatus[] {
  return records.filter((r) => r.proposalId === proposalId).sort((a, b) => byStampThenId(b, a));
}

/** The latest record of one idea, or undefined when it is still `submitted` by default. */
export function latestStatus(
  records: readonly ProposalStatus[],
  proposalId: string,
): ProposalStatus | undefined {
  return latest(records.filter((r) => r.proposalId === proposalId));
}

/** Funded with more than the idea's estimated cost: allowed, but worth a second look. */
export function isOverCost(status: CleanStatus, costPence: Pence): boolean {
  return status.status === 'funded' && status.amountPence !== null && status.amountPence > costPence;
}

/** The same decision as the one in force: writing it again would add nothing but a line of history. */
export function isSameStatus(a: CleanStatus, b: CleanStatus | undefined): boolean {
  return !!b && a.status === b.status && a.amountPence === b.amountPence && a.reason === b.reason;
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

function sameNeighbourhood(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase('en') === b.trim().toLocaleLowerCase('en');
}

/** Another session of the same neighbourhood held on an earlier day (ISO dates compare as text). */
export function isEarlierSession(candidate: SessionPlace, current: SessionPlace): boolean {
  return (
    candidate.id !== current.id &&
    sameNeighbourhood(candidate.neighbourhood, current.neighbourhood) &&
    candidate.date < current.date
  );
}

/**
 * A decision recorded on an idea that was later merged into another (a duplicate): officers look at the kept
 * idea, so the decision is shown there rather than hidden with the duplicate. A device refuses a new status on
 * an idea it knows is merged; this happens when the merge and the decision were made apart.
 */
export interface MergedDecision {
  /** The idea that is kept (the duplicate's canonical idea). */
  keptId: string;
  duplicateId: string;
  /** The duplicate's shown title. */
  duplicateTitle: string;
  /** The duplicate's effective status (latest by at, id). */
  status: ProposalStatus;
}

/**
 * Decisions in force on ideas merged into others (any status but `submitted`), in the order of the kept ideas
 * (oldest first, as `views` lists them), then the duplicates' order.
 */
export function decisionsOnMergedIdeas(
  views: readonly ProposalView[],
  records: readonly ProposalStatus[],
): MergedDecision[] {
  const effective = effectiveStatuses(records);
  const position = new Map(views.map((v, i) => [v.id, i]));
  const out: MergedDecision[] = [];
  for (const v of views) {
    if (v.canonicalId === v.id) continue;
    const status = effective.get(v.id);
    if (!status || status.status === 'submitted') continue;
    out.push({ keptId: v.canonicalId, duplicateId: v.id, duplicateTitle: v.shownTitle, status });
  }
  const at = (id: string): number => position.get(id) ?? 0;
  return out.sort((a, b) => at(a.keptId) - at(b.keptId) || at(a.duplicateId) - at(b.duplicateId));
}
