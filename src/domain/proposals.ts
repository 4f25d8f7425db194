/**
 * What moderation records mean for the ideas residents see.
 *
 * - hide / unhide: the latest of them (by at, id) for a proposal decides whether it is hidden.
 * - edit: the latest edit gives the shown title and description; the original record is never changed.
 * - merge: a duplicate points at the idea it was merged into. If one duplicate was merged twice (two devices
 *   apart), the latest merge record wins. Chains are followed to their end. A cycle (A into B on one tablet,
 *   B into A on another) is broken deterministically: the member of the cycle with the smallest id is kept.
 */
import { byStampThenId, ideaOrder, latest } from './order';
import type { Moderation, Proposal } from './types';

export interface ProposalView extends Proposal {
  /** The text shown now (after facilitators' typo fixes). */
  shownTitle: string;
  shownDescription: string;
  isEdited: boolean;
  isHidden: boolean;
  hiddenReason: string;
  /** The idea this one counts for: itself unless it was merged into another. */
  canonicalId: string;
  /** Ideas merged into this one (only set on canonical ideas). */
  mergedIds: string[];
}

type MergeRecord = Extract<Moderation, { kind: 'merge' }>;

export function resolveMerges(
  proposalIds: ReadonlySet<string>,
  moderation: readonly Moderation[],
): Map<string, string> {
  const target = new Map<string, MergeRecord>();
  for (const m of moderation) {
    if (m.kind !== 'merge' || !proposalIds.has(m.proposalId) || !proposalIds.has(m.intoId)) continue;
    const prev = target.get(m.proposalId);
    if (!prev || byStampThenId(prev, m) < 0) target.set(m.proposalId, m);
  }
  const canonical = new Map<string, string>();
  for (const id of proposalIds) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let cur = id;
    while (!canonical.has(cur) && target.has(cur) && !onPath.has(cur)) {
      path.push(cur);
      onPath.add(cur);
      cur = target.get(cur)!.intoId;
    }
    let end: string;
    if (canonical.has(cur)) end = canonical.get(cur)!;
    else if (onPath.has(cur)) {
      // cur closes a cycle: the cycle is the path from cur's first appearance.
      const cycle = path.slice(path.indexOf(cur));
      end = cycle.reduce((a, b) => (a < b ? a : b));
      for (const c of cycle) canonical.set(c, end);
    } else end = cur;
    for (const p of path) if (!canonical.has(p)) canonical.set(p, end);
    if (!canonical.has(id)) canonical.set(id, end);
  }
  return canonical;
}

export function proposalViews(
  proposals: readonly Proposal[],
  moderation: readonly Moderation[],
): ProposalView[] {
  const ids = new Set(proposals.map((p) => p.id));
  const canonical = resolveMerges(ids, moderation);
  const byProposal = new Map<string, Moderation[]>();
  for (const m of moderation) {
    const list = byProposal.get(m.proposalId) ?? [];
    list.push(m);
    byProposal.set(m.proposalId, list);
  }
  const merged = new Map<string, string[]>();
  for (const [id, c] of canonical) {
    if (id !== c) merged.set(c, [...(merged.get(c) ?? []), id]);
  }
  return [...proposals].sort(ideaOrder(proposals.length)).map((p) => {
    const records = byProposal.get(p.id) ?? [];
    const visibility = latest(records.filter((m) => m.kind === 'hide' || m.kind === 'unhide'));
    const edit = latest(records.filter((m): m is Extract<Moderation, { kind: 'edit' }> => m.kind === 'edit'));
    return {
      ...p,
      shownTitle: edit?.title ?? p.title,
      shownDescription: edit?.description ?? p.description,
      isEdited: edit !== undefined,
      isHidden: visibility?.kind === 'hide',
      hiddenReason: visibility?.kind === 'hide' ? visibility.reason : '',
      canonicalId: canonical.get(p.id) ?? p.id,
      mergedIds: (merged.get(p.id) ?? []).sort(),
    };
  });
}

/** Ideas residents see: not hidden and not merged into another. */
export function visibleProposals(views: readonly ProposalView[]): ProposalView[] {
  return views.filter((v) => !v.isHidden && v.canonicalId === v.id);
}
