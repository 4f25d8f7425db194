/**
 * The officer's side of "You said, we did" (rules in ./statuses.ts): checking a decision before it is stored, an
 * idea's history, and decisions made on ideas merged later. Apart from ./statuses.ts, which the kiosk's shell
 * needs for what residents read, so that none of this is in the shell.
 */
import { ValidationError } from './errors';
import { LIMITS } from './limits';
import { causalLatest, causalOrder } from './order';
import type { ProposalView } from './proposals';
import { effectiveStatuses, isStatusKind } from './statuses';
import type { Pence, ProposalStatus, ProposalStatusKind } from './types';
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

/** Checks one status against the rules above; throws a ValidationError naming the field that is wrong. */
export function validateStatusInput(input: Omit<StatusInput, 'proposalId'>): CleanStatus {
  if (!isStatusKind(input.status)) throw new ValidationError('unknownStatus', 'status');
  const status = input.status;
  const reasonText = requireText(input.reason, 'reason', LIMITS.reasonLength, false);
  if (status === 'funded') {
    if (input.amountPence === null) throw new ValidationError('required', 'amountPence');
    const amountPence = requireFundedAmount(input.amountPence, 'amountPence');
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

/** The amount a funded idea gets: above zero and at most LIMITS.maxFundedPence (a few zeros too many past it). */
export function requireFundedAmount(value: unknown, field: string): Pence {
  const amountPence = requirePence(value, field);
  if (amountPence === 0) throw new ValidationError('amountNotPositive', field);
  if (amountPence > LIMITS.maxFundedPence) {
    throw new ValidationError('fundedOverLimit', field, { limit: LIMITS.maxFundedPence });
  }
  return amountPence;
}

/** Every status record of one idea, newest first in causal order (the first is the effective one). */
export function statusHistory(records: readonly ProposalStatus[], proposalId: string): ProposalStatus[] {
  return causalOrder(records.filter((r) => r.proposalId === proposalId)).reverse();
}

/** The latest record of one idea, or undefined when it is still `submitted` by default. */
export function latestStatus(
  records: readonly ProposalStatus[],
  proposalId: string,
): ProposalStatus | undefined {
  return causalLatest(records.filter((r) => r.proposalId === proposalId));
}

/** Funded with more than the idea's estimated cost: allowed, but worth a second look. */
export function isOverCost(status: CleanStatus, costPence: Pence): boolean {
  return status.status === 'funded' && status.amountPence !== null && status.amountPence > costPence;
}

/** The same decision as the one in force: writing it again would add nothing but a line of history. */
export function isSameStatus(a: CleanStatus, b: CleanStatus | undefined): boolean {
  return !!b && a.status === b.status && a.amountPence === b.amountPence && a.reason === b.reason;
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
  /** The duplicate's effective status (the latest in causal order). */
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
