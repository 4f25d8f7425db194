/**
 * What moderation records mean for the ideas residents see.
 *
 * - "The latest" is the last in causal order (order.ts causalLatest): a record names the one in force it
 *   replaced (`after`) and comes after it whatever the stamps say; records written apart go by (at, id).
 * - hide / unhide: the latest of them for a proposal decides whether it is hidden.
 * - edit: the latest edit gives the shown title and description; the original record is never changed.
 * - merge: a duplicate points at the idea it was merged into. If one duplicate was merged twice (two devices
 *   apart), the latest merge record of both ideas held wins. Chains are followed to their end. A cycle (A into B on one tablet,
 *   B into A on another) is broken deterministically: the member of the cycle with the smallest id is kept.
 */
import { causalLatest, causalOrder, groupBy, ideaOrder } from './order';
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
  const merges = moderation.filter((m): m is MergeRecord => m.kind === 'merge');
  // Ordered among all merges of the duplicate (those its writer read), then the latest of both ideas held.
  for (const [duplicateId, group] of groupBy(merges, (m) => m.proposalId)) {
    if (!proposalIds.has(duplicateId)) continue;
    const held = causalOrder(group).filter((m) => proposalIds.has(m.intoId));
    const last = held[held.length - 1];
    if (last) target.set(duplicateId, last);
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
    const visibility = causalLatest(records.filter((m) => m.kind === 'hide' || m.kind === 'unhide'));
    const edit = causalLatest(
      records.filter((m): m is Extract<Moderation, { kind: 'edit' }> => m.kind === 'edit'),
    );
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
