/**
 * The session form's errors from its last save, once the facilitator edits the form. An error is about what a
 * field held when saving refused it: as soon as that field is edited, its error stands down (its message, its
 * aria-invalid and its line in the summary go, and a money reading under it takes over), while every other
 * field's error stays until that field is edited or the form is saved again. A person in a hurry reads an error
 * as about what is in the box now.
 *
 * Rows (funding streams, themes, questions) are followed by their id, not their place: removing a row takes its
 * errors with it, and a row below it keeps its own under its new number, never another row's.
 *
 * An error two fields make together is shown beside one of them and stands down when either is edited: the PIN's
 * confirmation when the PIN changes, the pot over the poolable money when the poolable total changes, the most
 * dots on one idea when the dots in all change, a theme's "there twice" when the theme it repeats is renamed or
 * removed. Each is about a pair that no longer holds what saving refused, and may now be right.
 */
import { isValidationError } from '../../domain/errors';
import { LIMITS } from '../../domain/limits';
import { parsePounds } from '../../domain/money';
import { requireText } from '../../domain/validate';
import { requirePotAmount } from '../../domain/validateSettings';
import {
  formWordingLanguage,
  labelFor,
  livePoolable,
  optionLines,
  type FieldErrors,
  type FormValues,
  type PinValues,
} from './formModel';

/** Everything the form holds as typed: its values and the PIN, kept apart from them. */
export interface FormState {
  values: FormValues;
  pin: PinValues;
}

/** Where an error's field is: its key in a state (null: the field is gone) and what it holds there. */
interface Spot {
  keyIn: (s: FormState) => string | null;
  valueIn: (s: FormState) => unknown;
}

/** What `read` gives, or null where saving would refuse it: a field right on its own is refused for another one. */
function orNull<T>(read: () => T): T | null {
  try {
    return read();
  } catch (e) {
    if (!isValidationError(e)) throw e;
    return null;
  }
}

/** The fields that are one control each (or one list), by the key their errors have. */
const SINGLE: Record<string, (s: FormState) => unknown> = {
  title: (s) => s.values.title,
  neighbourhood: (s) => s.values.neighbourhood,
  date: (s) => s.values.date,
  venue: (s) => s.values.venue,
  // A pot of money above £0 can only be refused for being over the poolable money: that total is part of it.
  potPence: (s) => [
    s.values.pot,
    orNull(() => requirePotAmount(parsePounds(s.values.pot, 'potPence'), 'potPence')) === null
      ? null
      : livePoolable(s.values),
  ],
  consentText: (s) => s.values.consentText,
  councilKey: (s) => s.values.councilKey ?? '',
  wordingLanguage: (s) => s.values.wordingLanguage ?? '',
  languages: (s) => s.values.languages,
  // The lists' own errors (too many streams or questions, no theme) are about how many rows there are.
  fundingStreams: (s) => s.values.streams.length,
  themes: (s) => s.values.themes.length,
  aboutYou: (s) => s.values.questions.length,
  // A method's number belongs to the method it was typed for: choosing another hides the box and its error.
  method: (s) => s.values.methodKind,
  'method.dotsPerParticipant': (s) => [s.values.methodKind, s.values.dots],
  // A whole number of dots on one idea is refused against the dots in all: they are part of it.
  'method.maxDotsPerProposal': (s) => [
    s.values.methodKind,
    s.values.maxPerIdea,
    /^-?\d+$/.test(s.values.maxPerIdea.trim()) ? s.values.dots : null,
  ],
  'method.minSharePercent': (s) => [s.values.methodKind, s.values.minShare],
  'method.maxRanked': (s) => [s.values.methodKind, s.values.maxRanked],
  // Turning "Change the PIN" off or on empties both boxes.
  pin: (s) => [s.pin.isChanging, s.pin.pin],
  // A confirmation typed is refused for not being the PIN: the PIN is part of it (one left empty is not).
  pinConfirm: (s) => [s.pin.isChanging, s.pin.confirm, s.pin.confirm === '' ? null : s.pin.pin],
};

const STREAM_PARTS = { publicBody: 'publicBody', service: 'service', annualPence: 'amount' } as const;

interface Row {
  id: string;
}

/** A field of one row of a list, followed by the row's id. */
function rowSpot<R extends Row>(
  rowsOf: (s: FormState) => readonly R[],
  id: string,
  keyAt: (index: number) => string,
  valueOf: (row: R, rows: readonly R[]) => unknown,
): Spot {
  return {
    keyIn: (s) => {
      const at = rowsOf(s).findIndex((r) => r.id === id);
      return at < 0 ? null : keyAt(at);
    },
    valueIn: (s) => {
      const rows = rowsOf(s);
      const row = rows.find((r) => r.id === id);
      return row ? valueOf(row, rows) : undefined;
    },
  };
}

/** Where the field of error `key` is, as the form stood at `before`; null for a key the form does not know. */
function spotOf(key: string, before: FormState): Spot | null {
  const single = SINGLE[key];
  if (single) return { keyIn: () => key, valueIn: single };

  let m = /^fundingStreams\.(\d+)\.(publicBody|service|annualPence)$/.exec(key);
  if (m) {
    const part = m[2] as keyof typeof STREAM_PARTS;
    const id = before.values.streams[Number(m[1])]?.id;
    if (id === undefined) return null;
    return rowSpot(
      (s) => s.values.streams,
      id,
      (i) => `fundingStreams.${i}.${part}`,
      (row) => row[STREAM_PARTS[part]],
    );
  }
  m = /^themes\.(\d+)\.name$/.exec(key);
  if (m) {
    const id = before.values.themes[Number(m[1])]?.id;
    if (id === undefined) return null;
    return rowSpot(
      (s) => s.values.themes,
      id,
      (i) => `themes.${i}.name`,
      (row, rows) => [row.name, earlierSameName(row, rows)],
    );
  }
  m = /^aboutYou\.(\d+)\.(text|options)$/.exec(key);
  if (m) {
    const part = m[2] as 'text' | 'options';
    const id = before.values.questions[Number(m[1])]?.id;
    if (id === undefined) return null;
    return rowSpot(
      (s) => s.values.questions,
      id,
      (i) => `aboutYou.${i}.${part}`,
      (row) => row[part],
    );
  }
  // Another language's wording: shown while that language is offered (and is not the one the form is typed in).
  m = /^translations\.([^.]+)\.(consentText|aboutYou\.([^.]+)\.(text|options\.(\d+)))$/.exec(key);
  if (m) {
    const [, lang = '', , questionId, part, option] = m;
    const rows = (s: FormState) => s.values.translations?.[lang];
    const shown = (s: FormState) => [
      s.values.languages.includes(lang),
      formWordingLanguage(s.values) === lang,
    ];
    if (questionId === undefined) {
      return { keyIn: () => key, valueIn: (s) => [shown(s), rows(s)?.consentText ?? ''] };
    }
    const question = (s: FormState) => s.values.questions.find((q) => q.id === questionId);
    const typed = (s: FormState) => {
      const all = rows(s)?.questions;
      return all && Object.hasOwn(all, questionId) ? all[questionId] : undefined;
    };
    if (part === 'text') {
      return {
        keyIn: (s) => (question(s) ? key : null),
        valueIn: (s) => [shown(s), typed(s)?.text ?? ''],
      };
    }
    // An option's label is typed beside the option as it reads now: the option is part of the field.
    const optionIn = (s: FormState) => optionLines(question(s)?.options ?? '')[Number(option)];
    return {
      keyIn: (s) => (optionIn(s) === undefined ? null : key),
      valueIn: (s) => {
        const o = optionIn(s);
        return [shown(s), o, o === undefined ? '' : labelFor(typed(s), o)];
      },
    };
  }
  return null;
}

/** A theme name as saving compares it (readForm: trimmed, any case); null for one refused on its own. */
const nameKey = (name: string): string | null =>
  orNull(() => requireText(name, 'name', LIMITS.nameLength).toLocaleLowerCase());

/** The themes above `row` with its name: "there twice" is said of the later one, about the earlier ones. */
function earlierSameName(
  row: { id: string; name: string },
  rows: readonly { id: string; name: string }[],
): string[] {
  const key = nameKey(row.name);
  if (key === null) return [];
  const above = rows.slice(0, rows.indexOf(row));
  return above.filter((r) => nameKey(r.name) === key).map((r) => r.id);
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The errors still standing once the form went from `before` to `after` (one edit): an edited field's error
 * goes, as does one whose row was removed; the rest stay, under their row's new number. An error that is not a
 * field's ('form': storage refused the save) or whose field the form does not know stays until the next save.
 * `errors` itself when nothing changed, so an edit elsewhere redraws nothing more.
 */
export function errorsAfterEdit(errors: FieldErrors, before: FormState, after: FormState): FieldErrors {
  const standing: FieldErrors = {};
  let isChanged = false;
  for (const [key, message] of Object.entries(errors)) {
    const spot = spotOf(key, before);
    const keyNow = spot ? spot.keyIn(after) : key;
    if (keyNow === null || (spot && !same(spot.valueIn(before), spot.valueIn(after)))) {
      isChanged = true;
      continue;
    }
    if (keyNow !== key) isChanged = true;
    standing[keyNow] = message;
  }
  return isChanged ? standing : errors;
}
