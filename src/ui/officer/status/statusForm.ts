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

/** The form's own fields: a save refused for one of them says so beside its box, one error at a time. */
const FIELDS: ReadonlySet<string> = new Set(['status', 'amountPence', 'reason']);

/**
 * The errors of the last save still standing once the officer edits the form. A field's error goes with any
 * edit: it is the only one, beside the box being edited or the box the status shows (c14ae8e). An error that is
 * no field's stays until the next save, as on the session form (errorsAfterEdit, editedErrors.ts), since no edit
 * here answers it: `proposalId` (the idea was merged into another, or is gone, while the form was open) and
 * `form` (the session was saved by a newer app). `errors` itself when nothing goes.
 */
export function errorsAfterEdit(errors: Record<string, string>): Record<string, string> {
  if (!Object.keys(errors).some((key) => FIELDS.has(key))) return errors;
  return Object.fromEntries(Object.entries(errors).filter(([key]) => !FIELDS.has(key)));
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
