import { useCallback, useState } from 'preact/hooks';
import type { ExclusionReason } from '../domain/count';
import { isValidationError, type ErrorParams } from '../domain/errors';
import { METHOD_KINDS, type MethodKind } from '../domain/types';
import { isQuotaError } from '../storage/quota';
import type { MessageKey, Translator } from './i18n';

/** Parameters of validation errors that are amounts of money in pence, shown as money. */
const MONEY_PARAMS = new Set(['pot', 'spent', 'minimum', 'poolable', 'limit']);

/** Parameters of exclusions that are ways of voting, shown in words ("dot voting"). */
const METHOD_PARAMS = new Set(['castFor', 'now']);

const isMethodKind = (value: unknown): value is MethodKind =>
  typeof value === 'string' && (METHOD_KINDS as readonly string[]).includes(value);

/**
 * Why a ballot is left out of the count, in words for a facilitator or officer: what happened and what they can
 * do (`excluded.<reason>`, src/ui/i18n/en/excluded.ts, which the calling screen registers), with its figures
 * filled in: money as money, ways of voting in words.
 */
export function describeExclusion(t: Translator, reason: ExclusionReason, params: ErrorParams): string {
  const words: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (MONEY_PARAMS.has(name) && typeof value === 'number') words[name] = t.money(value);
    else if (METHOD_PARAMS.has(name) && isMethodKind(value)) words[name] = t(`excluded.method.${value}`);
    else words[name] = value;
  }
  return t(`excluded.${reason}`, words);
}

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
  if (e instanceof ErrorInWords) return e.words(t);
  return e instanceof Error ? e.message : String(e);
}

/**
 * An error a screen throws with its words still to be found: describeError puts them into words with the
 * translator of the render that shows them, so they follow the staff language switch (the message is for logs).
 */
export class ErrorInWords extends Error {
  override readonly name = 'ErrorInWords';
  constructor(
    readonly words: InWords,
    message: string,
  ) {
    super(message);
  }
}

/**
 * An error in words for a resident at the kiosk: the same words, except where only staff can act. A full
 * tablet says to ask the facilitator, not to free some space.
 */
export function describeErrorToResident(t: Translator, e: unknown): string {
  return isQuotaError(e) ? t('storage.quotaResident') : describeError(t, e);
}

/** A sentence's own closing marks (full stops in the scripts we show, question and exclamation marks, an ellipsis). */
const CLOSING_MARKS = /[\s.!?…。۔؟]+$/u;

/**
 * A save that failed, in one message: a full tablet is its own whole sentence, other causes are the reason. The
 * reason sits inside the catalogue's sentence, which ends it: its own closing marks go (the browser's "The
 * connection was closed." made "closed.. Nothing you typed has been lost.").
 */
export function saveFailedInWords(t: Translator, e: unknown, isResident = false): string {
  if (isQuotaError(e)) return isResident ? t('storage.quotaResident') : t('storage.quota');
  return t('common.saveFailed', { reason: describeError(t, e).replace(CLOSING_MARKS, '') });
}

/** Field errors for a form: the field a ValidationError names gets the message; others go to the form. */
export function fieldErrors(
  t: Translator,
  e: unknown,
  describe: (t: Translator, e: unknown) => string = describeError,
): Record<string, string> {
  if (isValidationError(e)) return { [e.field || 'form']: describe(t, e) };
  return { form: describe(t, e) };
}

/**
 * A form's errors from its last save once the person edits `field`: its error stands down, as it was about what
 * the box held then, not what it holds now; the others stay until they are edited or the form is saved again.
 * `errors` itself when `field` had none, so typing in a field with no error redraws nothing more.
 */
export function withoutError(errors: Record<string, string>, field: string): Record<string, string> {
  if (!Object.hasOwn(errors, field)) return errors;
  return Object.fromEntries(Object.entries(errors).filter(([key]) => key !== field));
}

/**
 * Words a staff screen keeps to show later (an error, how a save went): a function of the translator, called when
 * the screen renders, so what is on screen follows the staff language switch. Keep the cause in the closure (the
 * error, the figures, what was typed), never a sentence put together beforehand.
 */
export type InWords<T = string> = (t: Translator) => T;

/**
 * State for one `InWords` (null: nothing to show). The setter keeps the function as it is given: a bare function
 * handed to a state setter would be called as an updater.
 */
export function useInWords<T = string>(): [InWords<T> | null, (words: InWords<T> | null) => void] {
  const [held, setHeld] = useState<{ words: InWords<T> } | null>(null);
  const set = useCallback((words: InWords<T> | null) => setHeld(words ? { words } : null), []);
  return [held?.words ?? null, set];
}
