/**
 * The line under a money field while it is typed: how the app reads it, in the money words every screen uses
 * (`t.money`: "1,00,000" is £100,000, "1000.5" is £1,000.50), or the error saving would give; nothing while it is
 * empty. So a person sees what will be stored before they save, not after.
 */
import { readTypedPounds } from '../../domain/money';
import { describeError } from '../errors';
import type { MessageKey, Translator } from '../i18n';
import type { FieldReading } from './Field';

/** `readAs`: the screen's sentence for a readable amount, with an `{amount}` placeholder. */
export function moneyReading(t: Translator, text: string, readAs: MessageKey): FieldReading | undefined {
  const typed = readTypedPounds(text, '');
  if (typed.kind === 'empty') return undefined;
  if (typed.kind === 'read') return { text: t(readAs, { amount: t.money(typed.pence) }), isProblem: false };
  return { text: describeError(t, typed.error), isProblem: true };
}
