/**
 * The session form's state as typed (strings, so nothing typed is ever lost or reformatted), its conversion
 * to SessionSettings, and every problem found at once, keyed by the same field names the domain's
 * ValidationError uses ('title', 'fundingStreams.2.annualPence', 'method.maxDotsPerProposal', 'pin'…).
 */
import { councilKeyForm } from '../../domain/answersCrypto';
import { isValidationError, ValidationError } from '../../domain/errors';
import { isKnownLanguage, LIMITS } from '../../domain/limits';
import { parsePounds, penceToPoundsText } from '../../domain/money';
import { asNeighbourhood } from '../../domain/neighbourhood';
import { checkPinFormat, isSamePin } from '../../domain/pin';
import { keptIcon, type ThemeIconId } from '../../domain/themeIcons';
import type {
  FundingStream,
  MethodKind,
  PriorityMethod,
  QuestionWording,
  SessionSettings,
  Translations,
  Wording,
} from '../../domain/types';
import { METHOD_KINDS } from '../../domain/types';
import { poolableTotal, requireDate, requireText } from '../../domain/validate';
import { requirePotAmount, requireStreamAmount, validateMethod } from '../../domain/validateSettings';
import { optionLabels, writtenIn } from '../../domain/wording';
import { describeError } from '../errors';
import type { MessageKey, Translator } from '../i18n';
import { facilitator } from '../i18n/en/facilitator';

export interface StreamRow {
  id: string;
  publicBody: string;
  service: string;
  amount: string;
  isPoolable: boolean;
}
export interface ThemeRow {
  id: string;
  name: string;
  /** The theme's picture (src/domain/themeIcons.ts); absent for none. */
  icon?: string | undefined;
}
export interface QuestionRow {
  id: string;
  text: string;
  /** One option per line. */
  options: string;
}

export interface FormValues {
  title: string;
  neighbourhood: string;
  date: string;
  venue: string;
  streams: StreamRow[];
  pot: string;
  themes: ThemeRow[];
  methodKind: MethodKind;
  dots: string;
  maxPerIdea: string;
  minShare: string;
  maxRanked: string;
  languages: string[];
  consentText: string;
  questions: QuestionRow[];
  /** The council's public key as pasted ('' = none: answers stored in the clear). Absent in older drafts. */
  councilKey?: string;
  /** The language the consent wording and the questions are typed in; absent in older drafts (the first one). */
  wordingLanguage?: string;
  /** The same words in other languages, by language code, as typed; absent in older drafts. */
  translations?: Record<string, WordingRows>;
}

/**
 * One language's wording as typed: the consent, and by question id the question and a label for each of its options,
 * keyed by the option as typed (so a label follows its option when the options are reordered, and a renamed option
 * has none until one is typed for it).
 */
export interface WordingRows {
  consentText: string;
  questions: Record<string, QuestionRows>;
}

export interface QuestionRows {
  text: string;
  /** Absent in drafts saved before labels were kept by option. */
  labels?: Record<string, string>;
}

/** The label typed for `option`, or ''. */
export function labelFor(rows: QuestionRows | undefined, option: string): string {
  const labels = rows?.labels;
  return labels && Object.hasOwn(labels, option) && typeof labels[option] === 'string' ? labels[option] : '';
}

/** The PIN is kept apart from the values: it never goes into a draft. */
export interface PinValues {
  isChanging: boolean;
  pin: string;
  confirm: string;
}

/** Settings as the form gives them; the PIN hash and isEnded are added by the caller. */
export type FormSettings = Omit<SessionSettings, 'pin' | 'isEnded'>;

export type FieldErrors = Record<string, string>;

/** The themes a new session starts with, each with the picture that fits it. */
const DEFAULT_THEMES: readonly [MessageKey, ThemeIconId][] = [
  ['fac.form.themeJobs', 'shops'],
  ['fac.form.themeYoung', 'youth'],
  ['fac.form.themeSafety', 'safety'],
  ['fac.form.themeGreen', 'green'],
  ['fac.form.themeHealth', 'health'],
];

export const newId = (): string => crypto.randomUUID();

export function emptyStream(): StreamRow {
  return { id: newId(), publicBody: '', service: '', amount: '', isPoolable: true };
}

export function emptyQuestion(): QuestionRow {
  return { id: newId(), text: '', options: '' };
}

export function emptyForm(t: Translator): FormValues {
  const screen = t.locale.code;
  return {
    title: '',
    neighbourhood: '',
    date: '',
    venue: '',
    streams: [emptyStream()],
    pot: '',
    themes: DEFAULT_THEMES.map(([key, icon]) => ({ id: newId(), name: t(key), icon })),
    methodKind: 'dots',
    dots: '5',
    maxPerIdea: '3',
    minShare: '70',
    maxRanked: '3',
    languages: screen === 'en' ? ['en'] : [screen, 'en'],
    consentText: t('fac.form.consentDefault'),
    questions: [],
    councilKey: '',
    // The default consent above is in the language of the screen.
    wordingLanguage: screen,
    // A Welsh screen offers Welsh and English, as Welsh councils do; English residents read the English consent.
    translations:
      screen === 'en' ? {} : { en: { consentText: facilitator['fac.form.consentDefault'], questions: {} } },
  };
}

/**
 * The language the form's words are typed in: the one chosen, else the first language. It need not be offered:
 * words typed in English stay English when English is turned off, and each offered language gets its own wording.
 */
export function formWordingLanguage(values: Pick<FormValues, 'wordingLanguage' | 'languages'>): string {
  const chosen = values.wordingLanguage ?? '';
  return isKnownLanguage(chosen) ? chosen : (values.languages[0] ?? 'en');
}

export function formFromSettings(t: Translator, s: SessionSettings): FormValues {
  const defaults = emptyForm(t);
  const m = s.method;
  return {
    title: s.title,
    neighbourhood: s.neighbourhood,
    date: s.date,
    venue: s.venue,
    streams: s.fundingStreams.map((f) => ({
      id: f.id,
      publicBody: f.publicBody,
      service: f.service,
      amount: penceToPoundsText(f.annualPence),
      isPoolable: f.isPoolable,
    })),
    pot: penceToPoundsText(s.potPence),
    themes: s.themes.map((th) => ({ id: th.id, name: th.name, icon: keptIcon(th.icon) })),
    methodKind: m.kind,
    dots: m.kind === 'dots' ? String(m.dotsPerParticipant) : defaults.dots,
    maxPerIdea: m.kind === 'dots' ? String(m.maxDotsPerProposal) : defaults.maxPerIdea,
    minShare: m.kind === 'budget' ? String(m.minSharePercent) : defaults.minShare,
    maxRanked: m.kind === 'ranking' ? String(m.maxRanked) : defaults.maxRanked,
    languages: [...s.languages],
    consentText: s.consentText,
    questions: s.aboutYou.map((q) => ({ id: q.id, text: q.text, options: q.options.join('\n') })),
    councilKey: s.councilKey ?? '',
    wordingLanguage: writtenIn(s),
    translations: Object.fromEntries(
      Object.entries(s.translations ?? {}).map(([lang, w]) => [lang, wordingRows(w)]),
    ),
  };
}

function wordingRows(w: Wording): WordingRows {
  const questions: WordingRows['questions'] = {};
  for (const [id, q] of Object.entries(w.aboutYou ?? {})) {
    questions[id] = { text: q.text ?? '', labels: Object.fromEntries(optionLabels(q)) };
  }
  return { consentText: w.consentText ?? '', questions };
}

/** Drafts hold strings only: the whole form (never the PIN) as JSON under one key. */
export function formToDraft(values: FormValues): Record<string, string> {
  return { form: JSON.stringify(values) };
}

export function formFromDraft(draft: Record<string, string> | null): FormValues | null {
  if (!draft?.form) return null;
  try {
    const v = JSON.parse(draft.form) as Partial<FormValues>;
    const isList = (x: unknown): boolean => Array.isArray(x);
    if (
      typeof v.title !== 'string' ||
      !isList(v.streams) ||
      !isList(v.themes) ||
      !isList(v.questions) ||
      !isList(v.languages) ||
      !(METHOD_KINDS as readonly unknown[]).includes(v.methodKind)
    ) {
      return null;
    }
    return v as FormValues;
  } catch {
    return null;
  }
}

/** Money the form can already read: the poolable total shown live under the pot. */
export function livePoolable(values: FormValues): number {
  let total = 0;
  values.streams.forEach((s, i) => {
    if (!s.isPoolable) return;
    try {
      total += parsePounds(s.amount, `fundingStreams.${i}.annualPence`);
    } catch {
      // Not a readable amount yet: left out of the live total.
    }
  });
  return total;
}

export function optionLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The field a control answers for: 'aboutYou.1.options.3' is shown beside 'aboutYou.1.options'. */
export function formField(field: string): string {
  const m = /^(aboutYou\.\d+\.options)\.\d+$/.exec(field);
  if (m) return m[1]!;
  if (field === 'method.kind') return 'method';
  return field || 'form';
}

/** One error in words, with the form's own wording where the shared one would be unclear here. */
export function describeFieldError(t: Translator, e: unknown): string {
  if (!isValidationError(e)) return describeError(t, e);
  const field = e.field;
  if (field === 'pin' && ['badPin', 'tooFew', 'tooLong'].includes(e.code)) {
    return t('fac.form.pinRule', { min: LIMITS.minPinLength, max: LIMITS.maxPinLength });
  }
  if (e.code === 'tooFew' && /^aboutYou\.\d+\.options$/.test(field)) return t('fac.form.optionsTooFew');
  if (e.code === 'tooFew' && field === 'themes') return t('fac.form.themesTooFew');
  if (e.code === 'tooFew' && field === 'languages') return t('fac.form.languagesTooFew');
  return describeError(t, e);
}

export function errorsFrom(t: Translator, e: unknown): FieldErrors {
  if (isValidationError(e)) return { [formField(e.field)]: describeFieldError(t, e) };
  return { form: describeFieldError(t, e) };
}

function wholeNumber(text: string, field: string): number {
  const s = text.trim();
  if (s === '') throw new ValidationError('required', field);
  // A minus sign is read too: "-1" is a whole number, and the range check says which numbers may be chosen.
  if (!/^-?\d+$/.test(s)) throw new ValidationError('notWholeNumber', field);
  return Number(s);
}

/** Whether a well-formed date ("2026-12-05") is before the day `now` falls on, in the tablet's own time zone. */
export function isPastDate(iso: string, now: Date): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const today = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
    .map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0'))
    .join('-');
  return iso < today;
}

/**
 * Reads the whole form, collecting every problem (not just the first), so the facilitator can fix them all
 * in one go. Returns settings only when there were none. The command validates again before writing.
 * `streamsBefore`: the session's funding streams as stored ([] for a new session); a stream that was £0 there
 * may stay £0, any other may not (requireStreamAmount).
 */
export function readForm(
  t: Translator,
  v: FormValues,
  pin: PinValues | null,
  streamsBefore: readonly FundingStream[] = [],
): { settings: FormSettings | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const check = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch (e) {
      if (!isValidationError(e)) throw e;
      const key = formField(e.field);
      errors[key] ??= describeFieldError(t, e);
      return fallback;
    }
  };

  const title = check(() => requireText(v.title, 'title', LIMITS.sessionTitleLength), '');
  const neighbourhood = check(
    () => requireText(asNeighbourhood(v.neighbourhood), 'neighbourhood', LIMITS.nameLength),
    '',
  );
  const date = check(() => {
    if (v.date.trim() === '') throw new ValidationError('required', 'date');
    return requireDate(v.date, 'date');
  }, '');
  const venue = check(() => requireText(v.venue, 'venue', LIMITS.nameLength), '');

  if (v.streams.length > LIMITS.maxFundingStreams) {
    check(() => {
      throw new ValidationError('tooMany', 'fundingStreams', { max: LIMITS.maxFundingStreams });
    }, null);
  }
  let streamsReadable = true;
  const fundingStreams = v.streams.map((s, i) => {
    const publicBody = check(
      () => requireText(s.publicBody, `fundingStreams.${i}.publicBody`, LIMITS.nameLength),
      '',
    );
    const service = check(() => requireText(s.service, `fundingStreams.${i}.service`, LIMITS.nameLength), '');
    const amountField = `fundingStreams.${i}.annualPence`;
    const annualPence = check(() => parsePounds(s.amount, amountField), -1);
    if (annualPence < 0) streamsReadable = false;
    else check(() => requireStreamAmount({ id: s.id, annualPence }, amountField, streamsBefore), 0);
    return { id: s.id, publicBody, service, annualPence: Math.max(0, annualPence), isPoolable: s.isPoolable };
  });

  const potPence = check(() => {
    const pot = requirePotAmount(parsePounds(v.pot, 'potPence'), 'potPence');
    const poolable = poolableTotal(fundingStreams);
    if (streamsReadable && pot > poolable) {
      throw new ValidationError('potOverPoolable', 'potPence', { poolable });
    }
    return pot;
  }, 0);

  if (v.themes.length === 0) {
    check(() => {
      throw new ValidationError('tooFew', 'themes', { min: 1 });
    }, null);
  }
  const seen = new Set<string>();
  const themes = v.themes.map((th, i) => {
    const name = check(() => {
      const n = requireText(th.name, `themes.${i}.name`, LIMITS.nameLength);
      const key = n.toLocaleLowerCase();
      if (seen.has(key)) throw new ValidationError('duplicateName', `themes.${i}.name`, { name: n });
      seen.add(key);
      return n;
    }, '');
    const icon = keptIcon(th.icon);
    return icon ? { id: th.id, name, icon } : { id: th.id, name };
  });

  let method: PriorityMethod | null = null;
  if (v.methodKind === 'dots') {
    const dots = check<number | null>(() => wholeNumber(v.dots, 'method.dotsPerParticipant'), null);
    const max = check<number | null>(() => wholeNumber(v.maxPerIdea, 'method.maxDotsPerProposal'), null);
    // Both fields' problems at once, not the second only once the first is fixed: the dots on their own, then
    // the most on one idea against them (against the largest number of dots while the dots are wrong).
    const dotsOk =
      dots !== null &&
      check<boolean>(() => {
        validateMethod({ kind: 'dots', dotsPerParticipant: dots, maxDotsPerProposal: 1 });
        return true;
      }, false);
    if (max !== null) {
      const checked = check<PriorityMethod | null>(
        () =>
          validateMethod({
            kind: 'dots',
            dotsPerParticipant: dotsOk ? dots : LIMITS.maxDots,
            maxDotsPerProposal: max,
          }),
        null,
      );
      if (dotsOk) method = checked;
    }
  } else if (v.methodKind === 'budget') {
    // Left empty means no minimum.
    const share = check<number | null>(
      () => (v.minShare.trim() === '' ? 0 : wholeNumber(v.minShare, 'method.minSharePercent')),
      null,
    );
    if (share !== null) {
      method = check<PriorityMethod | null>(
        () => validateMethod({ kind: 'budget', minSharePercent: share }),
        null,
      );
    }
  } else {
    const ranked = check<number | null>(() => wholeNumber(v.maxRanked, 'method.maxRanked'), null);
    if (ranked !== null) {
      method = check<PriorityMethod | null>(
        () => validateMethod({ kind: 'ranking', maxRanked: ranked }),
        null,
      );
    }
  }

  const languages = check(() => {
    if (v.languages.length === 0) throw new ValidationError('tooFew', 'languages', { min: 1 });
    return [...v.languages];
  }, []);
  const consentText = check(() => requireText(v.consentText, 'consentText', LIMITS.consentLength), '');

  if (v.questions.length > LIMITS.maxQuestions) {
    check(() => {
      throw new ValidationError('tooMany', 'aboutYou', { max: LIMITS.maxQuestions });
    }, null);
  }
  const aboutYou = v.questions.map((q, i) => {
    const text = check(() => requireText(q.text, `aboutYou.${i}.text`, LIMITS.questionLength), '');
    const options = check(() => {
      const lines = optionLines(q.options);
      if (lines.length < 2) throw new ValidationError('tooFew', `aboutYou.${i}.options`, { min: 2 });
      if (lines.length > LIMITS.maxOptions) {
        throw new ValidationError('tooMany', `aboutYou.${i}.options`, { max: LIMITS.maxOptions });
      }
      return lines.map((o, j) => requireText(o, `aboutYou.${i}.options.${j}`, LIMITS.optionLength));
    }, []);
    return { id: q.id, text, options };
  });

  const wordingLanguage = formWordingLanguage(v);
  const translations: Translations = {};
  for (const lang of languages) {
    const rows = v.translations?.[lang];
    if (lang === wordingLanguage || !rows) continue;
    translations[lang] = readWording(rows, v.questions, `translations.${lang}`, check);
  }

  // The form of the key only: whether its key id matches is checked when the form is saved (checkCouncilKey).
  const councilKey = check(() => {
    const pasted = (v.councilKey ?? '').trim();
    if (pasted === '') return '';
    const clean = councilKeyForm(pasted);
    if (clean === null) throw new ValidationError('notACouncilKey', 'councilKey');
    return clean;
  }, '');

  if (pin && pin.isChanging) {
    check(() => {
      if (pin.pin === '') throw new ValidationError('required', 'pin');
      return checkPinFormat(pin.pin);
    }, '');
    if (!errors.pin) {
      if (pin.confirm === '') errors.pinConfirm = t('fac.form.pinConfirmMissing');
      else if (!isSamePin(pin.confirm, pin.pin)) errors.pinConfirm = t('fac.form.pinMismatch');
    }
  }

  if (Object.keys(errors).length > 0 || method === null) return { settings: null, errors };
  return {
    settings: {
      title,
      neighbourhood,
      date,
      venue,
      fundingStreams,
      potPence,
      themes,
      method,
      languages,
      consentText,
      aboutYou,
      councilKey,
      wordingLanguage,
      translations,
    },
    errors,
  };
}

type Check = <T>(fn: () => T, fallback: T) => T;

/**
 * One language's wording, with what was left empty left out (shown as written). Each option's label is kept with
 * the option it is for (`of`): a resident's answer is stored as the option as written, whatever label they read.
 */
function readWording(rows: WordingRows, questions: QuestionRow[], at: string, check: Check): Wording {
  const wording: Wording = {};
  const consent = check(
    () => requireText(rows.consentText, `${at}.consentText`, LIMITS.consentLength, false),
    '',
  );
  if (consent) wording.consentText = consent;
  const aboutYou: NonNullable<Wording['aboutYou']> = {};
  for (const q of questions) {
    const typed = Object.hasOwn(rows.questions, q.id) ? rows.questions[q.id] : undefined;
    if (!typed) continue;
    const field = `${at}.aboutYou.${q.id}`;
    const text = check(() => requireText(typed.text, `${field}.text`, LIMITS.questionLength, false), '');
    const kept: QuestionWording = {};
    if (text) kept.text = text;
    const of: string[] = [];
    const options: string[] = [];
    optionLines(q.options).forEach((option, j) => {
      const label = check(
        () => requireText(labelFor(typed, option), `${field}.options.${j}`, LIMITS.optionLength, false),
        '',
      );
      if (label) {
        of.push(option);
        options.push(label);
      }
    });
    if (options.length > 0) Object.assign(kept, { options, of });
    if (kept.text !== undefined || kept.options !== undefined) aboutYou[q.id] = kept;
  }
  if (Object.keys(aboutYou).length > 0) wording.aboutYou = aboutYou;
  return wording;
}
