/**
 * The status editor's form as plain data: what the officer typed (kept as typed, so nothing is lost on a
 * mistake) and how it becomes a command input, checked with the same domain rule the command uses; and one try
 * at saving it, which names the tries storage refused before it.
 */
import type * as Y from 'yjs';
import type { CommandContext } from '../../../doc/commands';
import { setProposalStatus } from '../../../doc/statusCommands';
import { parsePounds, penceToPoundsText } from '../../../domain/money';
import { validateStatusInput, type StatusInput } from '../../../domain/statusRules';
import type { ProposalStatus, ProposalStatusKind } from '../../../domain/types';

export interface Typed {
  status: ProposalStatusKind;
  amountText: string;
  reason: string;
}

export function typedFrom(current: ProposalStatus | undefined): Typed {
  return {
    status: current?.status ?? 'submitted',
    amountText: current?.amountPence != null ? penceToPoundsText(current.amountPence) : '',
    reason: current?.reason ?? '',
  };
}

/** What the form holds as a command input; throws the ValidationError of the first field that is wrong. */
export function inputFrom(proposalId: string, typed: Typed): StatusInput {
  const isFunded = typed.status === 'funded';
  const input: StatusInput = {
    proposalId,
    status: typed.status,
    amountPence: isFunded ? parsePounds(typed.amountText, 'amountPence') : null,
    reason: typed.status === 'not-taken-forward' ? typed.reason : '',
  };
  validateStatusInput(input);
  return input;
}

export function amountOrNull(text: string): number | null {
  try {
    return parsePounds(text, 'amountPence');
  } catch {
    return null;
  }
}

/** The editor's tries at one decision that storage refused, and where a try reports the record it wrote. */
export interface StatusTries {
  earlier: readonly string[];
  wrote: (recordId: string) => void;
}

/**
 * One try at saving a decision (src/doc/statusCommands.ts StatusAttempt): it replaces the earlier tries, and a
 * record it writes is reported, to be an earlier try of the next one if storage then refuses it.
 */
export function saveStatusTry(
  doc: Y.Doc,
  input: StatusInput,
  ctx: CommandContext,
  tries: StatusTries,
): string {
  const recordId = ctx.newId();
  const id = setProposalStatus(doc, input, ctx, { recordId, earlier: tries.earlier });
  if (id === recordId) tries.wrote(recordId);
  return id;
}
