/**
 * The officer's command on proposal statuses ("You said, we did"), apart from the kiosk's commands
 * (commands.ts) so a tablet's resident path never downloads it. Same contract: validate first, then one
 * transaction.
 */
import type * as Y from 'yjs';
import { ValidationError } from '../domain/errors';
import { resolveMerges } from '../domain/proposals';
import { isSameStatus, latestStatus, validateStatusInput, type StatusInput } from '../domain/statusRules';
import { stampAfter } from '../domain/order';
import type { ProposalStatus } from '../domain/types';
import { requireProposal, run, writable, type CommandContext } from './commands';
import { MAX_REPLACED } from './recordShapes';
import { maps, readRecords } from './schema';

/**
 * One try at saving a decision, from an editor that keeps what was chosen when storage refuses the save ("not
 * saved"), so the officer saves again. A refused change is dropped from the device (useOfficerSessions.ts), but
 * the device's sync may have sent it to the council first, and the council sends it back, maybe only after the
 * retry (the officer view waits 15 s for the council, not longer). So a try names the records its earlier tries
 * wrote, and its record replaces them (src/domain/statuses.ts standingStatuses), whether they are here now or
 * arrive later: the decision is one record in the history, and the one saved last is in force. The same way as
 * a paper sheet's retry (paperCommands.ts PaperAttempt).
 */
export interface StatusAttempt {
  /** The id this try's record takes (a fresh one for every try: a status record is written once). */
  recordId: string;
  /** The records earlier tries at this decision wrote, each of which the screen was told was not saved. */
  earlier: readonly string[];
}

/**
 * An officer records what became of an idea ("You said, we did"). Allowed on ended sessions: officers decide
 * after the workshop. Only an idea that stands on its own can have a status: a duplicate merged into another
 * idea is decided with the idea it was merged into. Recording the decision already in force writes nothing and
 * returns that record's id, unless earlier tries may be at the council (`attempt.earlier`): then the record is
 * written to replace them, or one of them arriving later could undo it. Returns the id of the status record.
 */
export function setProposalStatus(
  doc: Y.Doc,
  input: StatusInput,
  ctx: CommandContext,
  attempt?: StatusAttempt,
): string {
  writable(doc);
  requireProposal(doc, input.proposalId);
  const r = readRecords(doc);
  const canonical = resolveMerges(new Set(r.proposals.map((p) => p.id)), r.moderation);
  if ((canonical.get(input.proposalId) ?? input.proposalId) !== input.proposalId) {
    throw new ValidationError('proposalMerged', 'proposalId');
  }
  const clean = validateStatusInput(input);
  const current = latestStatus(r.statuses, input.proposalId);
  const earlier = [...new Set(attempt?.earlier ?? [])].slice(0, MAX_REPLACED);
  if (current && isSameStatus(clean, current) && earlier.length === 0) return current.id;
  const record: ProposalStatus = {
    id: attempt?.recordId ?? ctx.newId(),
    deviceId: ctx.deviceId,
    // After every decision on this idea it replaces, whatever this device's clock says (order.ts stampAfter): a
    // decision corrected on a laptop with the right clock must not lose to one made on a laptop a day ahead.
    at: stampAfter(
      ctx.now(),
      r.statuses.filter((s) => s.proposalId === input.proposalId),
    ),
    proposalId: input.proposalId,
    ...clean,
    ...(earlier.length > 0 ? { replaces: earlier } : {}),
    // The decision in force it replaces, so that it comes after it whatever the stamps say (order.ts causalOrder).
    ...(current ? { after: current.id } : {}),
  };
  run(doc, 'setProposalStatus', ctx, () => maps(doc).statuses.set(record.id, record));
  return record.id;
}
