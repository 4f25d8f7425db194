/**
 * The line under a money field while it is typed: how the app reads it, in the money words every screen uses
 * (`t.money`: "1,00,000" is £100,000, "1000.5" is £1,000.50), or the error saving would give; nothing while it is
 * empty. So a person sees what will be stored before they save, not after. A field whose save checks more than
 * the reading of the text (the pot and a funding stream above £0, a funded amount at most £100 million) passes
 * that rule as `rule`: an amount the save refuses is never said as "Read as £…".
 */
import { isValidationError } from '../../domain/errors';
import { readTypedPounds } from '../../domain/money';
import type { Pence } from '../../domain/types';
import { describeError } from '../errors';
import type { MessageKey, Translator } from '../i18n';
import type { FieldReading } from './Field';

/**
 * `readAs`: the screen's sentence for a readable amount, with an `{amount}` placeholder. `rule`: the field's own
 * check of the amount when saving (the same domain function), throwing the ValidationError saving would show.
 */
export function moneyReading(
  t: Translator,
  text: string,
  readAs: MessageKey,
  rule?: (pence: Pence) => unknown,
): FieldReading | undefined {
  const typed = readTypedPounds(text, '');
  if (typed.kind === 'empty') return undefined;
  if (typed.kind === 'unreadable') return { text: describeError(t, typed.error), isProblem: true };
  try {
    rule?.(typed.pence);
  } catch (e) {
    if (!isValidationError(e)) throw e;
    return { text: describeError(t, e), isProblem: true };
  }
  return { text: t(readAs, { amount: t.money(typed.pence) }), isProblem: false };
}
