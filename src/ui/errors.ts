import { isValidationError } from '../domain/errors';
import { isQuotaError } from '../storage/quota';
import type { MessageKey, Translator } from './i18n';

/** Parameters of validation errors that are amounts of money in pence, shown as money. */
const MONEY_PARAMS = new Set(['pot', 'spent', 'minimum', 'poolable']);

/** Words for any error a screen can meet: validation codes from the catalogue, storage failures in plain terms. */
export function describeError(t: Translator, e: unknown): string {
  if (isValidationError(e)) {
    const params: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(e.params)) {
      params[name] = MONEY_PARAMS.has(name) && typeof value === 'number' ? t.money(value) : value;
    }
    return t(`error.${e.code}` as MessageKey, params);
  }
  if (isQuotaError(e)) return t('storage.quota');
  return e instanceof Error ? e.message : String(e);
}

/** Field errors for a form: the field a ValidationError names gets the message; others go to the form. */
export function fieldErrors(t: Translator, e: unknown): Record<string, string> {
  if (isValidationError(e)) return { [e.field || 'form']: describeError(t, e) };
  return { form: describeError(t, e) };
}
