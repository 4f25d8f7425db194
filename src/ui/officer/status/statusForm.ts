/**
 * The status editor's form as plain data: what the officer typed (kept as typed, so nothing is lost on a
 * mistake) and how it becomes a command input, checked with the same domain rule the command uses.
 */
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
