/**
 * The facilitator's moderation: hide, unhide, fix a typo, merge duplicates. Each is a new record in the
 * `moderation` map (never a rewrite); what they mean is computed by src/domain/proposals.ts. Apart from
 * ./commands.ts so the kiosk's shell does not carry them.
 */
import type * as Y from 'yjs';
import { ValidationError } from '../domain/errors';
import { LIMITS } from '../domain/limits';
import { resolveMerges } from '../domain/proposals';
import { causalLatest, stampAfter } from '../domain/order';
import type { Moderation } from '../domain/types';
import { requireText } from '../domain/validate';
import { requireProposal, run, writable, type CommandContext } from './commands';
import { maps, readRecords } from './schema';

function moderate(doc: Y.Doc, name: string, record: Moderation, ctx: CommandContext): string {
  run(doc, name, ctx, () => maps(doc).moderation.set(record.id, record));
  return record.id;
}

/**
 * A moderation record's stamp: after every record of the same kind on the same idea that it takes the place of
 * (a hide or unhide after the last hide or unhide, an edit after the last edit), whatever this device's clock says
 * (src/domain/order.ts stampAfter), naming the one in force (`after`, order.ts causalOrder) so that it comes after
 * it even when that one is stamped at the latest possible time.
 */
function stampFor(doc: Y.Doc, proposalId: string, kinds: readonly Moderation['kind'][], ctx: CommandContext) {
  const replaced = readRecords(doc).moderation.filter(
    (m) => m.proposalId === proposalId && kinds.includes(m.kind),
  );
  const inForce = causalLatest(replaced);
  return {
    id: ctx.newId(),
    deviceId: ctx.deviceId,
    at: stampAfter(ctx.now(), replaced),
    ...(inForce ? { after: inForce.id } : {}),
  };
}

const VISIBILITY: readonly Moderation['kind'][] = ['hide', 'unhide'];

export function hideProposal(doc: Y.Doc, proposalId: string, reason: string, ctx: CommandContext): string {
  writable(doc);
  requireProposal(doc, proposalId);
  const clean = requireText(reason, 'reason', LIMITS.reasonLength);
  const stamp = stampFor(doc, proposalId, VISIBILITY, ctx);
  return moderate(doc, 'hideProposal', { ...stamp, kind: 'hide', proposalId, reason: clean }, ctx);
}

export function unhideProposal(doc: Y.Doc, proposalId: string, ctx: CommandContext): string {
  writable(doc);
  requireProposal(doc, proposalId);
  const stamp = stampFor(doc, proposalId, VISIBILITY, ctx);
  return moderate(doc, 'unhideProposal', { ...stamp, kind: 'unhide', proposalId }, ctx);
}

/** Fixes a typo: the original stays in the proposal record; the edit is shown. */
export function editProposal(
  doc: Y.Doc,
  proposalId: string,
  input: { title: string; description: string },
  ctx: CommandContext,
): string {
  writable(doc);
  requireProposal(doc, proposalId);
  const title = requireText(input.title, 'title', LIMITS.titleLength);
  const description = requireText(input.description, 'description', LIMITS.descriptionLength, false);
  const stamp = stampFor(doc, proposalId, ['edit'], ctx);
  return moderate(doc, 'editProposal', { ...stamp, kind: 'edit', proposalId, title, description }, ctx);
}

/** Merges a duplicate into the idea that is kept; the duplicate's supporters count for the kept idea, once each. */
export function mergeProposals(doc: Y.Doc, duplicateId: string, keptId: string, ctx: CommandContext): string {
  writable(doc);
  requireProposal(doc, duplicateId, 'duplicateId');
  requireProposal(doc, keptId, 'keptId');
  const r = readRecords(doc);
  const canonical = resolveMerges(new Set(r.proposals.map((p) => p.id)), r.moderation);
  const keptCanonical = canonical.get(keptId) ?? keptId;
  if (duplicateId === keptId) throw new ValidationError('mergeIntoSelf', 'keptId');
  // Checked before "already the same idea": when the kept idea was merged into the duplicate, both share that
  // canonical id, and the facilitator needs to hear that this merge would go round in a circle.
  if (keptCanonical === duplicateId) throw new ValidationError('mergeCycle', 'keptId');
  if (canonical.get(duplicateId) === keptCanonical) throw new ValidationError('mergeIntoSelf', 'keptId');
  const stamp = stampFor(doc, duplicateId, ['merge'], ctx);
  return moderate(
    doc,
    'mergeProposals',
    { ...stamp, kind: 'merge', proposalId: duplicateId, intoId: keptId },
    ctx,
  );
}
