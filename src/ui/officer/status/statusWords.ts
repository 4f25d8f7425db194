/** Statuses in words for officers: the long label for choosing, the short one for the history. */
import type { CleanStatus } from '../../../domain/statusRules';
import type { ProposalStatusKind } from '../../../domain/types';
import { momentText } from '../../format/dates';
import type { MessageKey, Translator } from '../../i18n';

export function statusLabel(t: Translator, kind: ProposalStatusKind): string {
  return t(`status.kind.${kind}` satisfies MessageKey);
}

export function statusShort(t: Translator, s: CleanStatus): string {
  return t(`status.short.${s.status}` satisfies MessageKey, {
    amount: s.amountPence === null ? '' : t.money(s.amountPence),
    reason: s.reason,
  });
}

/** "3 December 2026 at 14:05" in the screen's language: the one style of moments (src/ui/format/dates.ts). */
export function whenText(t: Translator, at: number): string {
  return momentText(t, at);
}
