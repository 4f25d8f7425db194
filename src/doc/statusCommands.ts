/**
 * The officer's command on proposal statuses ("You said, we did"), apart from the kiosk's commands
 * (commands.ts) so a tablet's resident path never downloads it. Same contract: validate first, then one
 * transaction.
 */
import type * as Y from 'yjs';
import { ValidationError } from '../domain/errors';
import { resolveMerges } from '../domain/proposals';
import { isSameStatus, latestStatus, validateStatusInput, type StatusInput } from '../domain/statusRules';
import type { ProposalStatus } from '../domain/types';
import { requireProposal, run, writable, type CommandContext } from './commands';
import { maps, readRecords } from './schema';

/**
 * An officer records what became of an idea ("You said, we did"). Allowed on ended sessions: officers decide
 * after the workshop. Only an idea that stands on its own can have a status: a duplicate merged into another
 * idea is decided with the idea it was merged into. Recording the decision already in force writes nothing and
 * returns that record's id. Returns the id of the status record.
 */
export function setProposalStatus(doc: Y.Doc, input: StatusInput, ctx: CommandContext): string {
  writable(doc);
  requireProposal(doc, input.proposalId);
  const r = readRecords(doc);
  const canonical = resolveMerges(new Set(r.proposals.map((p) => p.id)), r.moderation);
  if ((canonical.get(input.proposalId) ?? input.proposalId) !== input.proposalId) {
    throw new ValidationError('proposalMerged', 'proposalId');
  }
  const clean = validateStatusInput(input);
  const current = latestStatus(r.statuses, input.proposalId);
  if (current && isSameStatus(clean, current)) return current.id;
  const record: ProposalStatus = {
    id: ctx.newId(),
    deviceId: ctx.deviceId,
    at: ctx.now(),
    proposalId: input.proposalId,
    ...clean,
  };
  run(doc, 'setProposalStatus', ctx, () => maps(doc).statuses.set(record.id, record));
  return record.id;
}
