/**
 * The checks of a whole session's settings (a new session, a settings edit, a merged result). Kept apart from
 * ./validate.ts because only facilitator screens and untrusted-data checks need them: the kiosk's shell never
 * carries them (a module the shell imports is bundled whole, with every export any screen uses).
 */
import { councilKeyForm } from './answersCrypto';
import { ValidationError } from './errors';
import { isKnownLanguage, KNOWN_LANGUAGES, LIMITS } from './limits';
import { asNeighbourhood, neighbourhoodName } from './neighbourhood';
import { keptIcon } from './themeIcons';
import type {
  AboutYouQuestion,
  FundingStream,
  Pence,
  PriorityMethod,
  SessionSettings,
  Theme,
  QuestionWording,
  Translations,
  Wording,
} from './types';
import { poolableTotal, requireDate, requirePence, requireText, requireWholeNumber } from './validate';

function uniqueId(id: string, seen: Set<string>, field: string): string {
  if (seen.has(id)) throw new ValidationError('duplicateName', field, { name: id });
  seen.add(id);
  return id;
}

/**
 * A funding stream's amount as written: a stream is money a public body spends in the area, so £0 (a slice of
 * nothing on the money map, a "0%" line) is refused where an amount is written: a new stream, or a stream whose
 * amount changed. A stream that held £0 in `before` (the session's streams as stored) keeps it: sessions made
 * before this rule still open, end, sync and take other edits (the shape checks accept £0 too), and a facilitator
 * changing the PIN mid-workshop is not stopped by a stream nobody touched. The form says so beside the amount.
 */
export function requireStreamAmount(
  stream: Pick<FundingStream, 'id' | 'annualPence'>,
  field: string,
  before: readonly FundingStream[],
): Pence {
  const pence = requirePence(stream.annualPence, field);
  if (pence === 0 && !before.some((s) => s.id === stream.id && s.annualPence === 0)) {
    throw new ValidationError('streamNotPositive', field);
  }
  return pence;
}

/** The pot residents decide on: an amount of money above zero (whether it fits the poolable money is checked apart). */
export function requirePotAmount(value: unknown, field: string): Pence {
  const pence = requirePence(value, field);
  if (pence === 0) throw new ValidationError('potNotPositive', field);
  return pence;
}

function validateStreams(streams: unknown, before: readonly FundingStream[] | undefined): FundingStream[] {
  if (!Array.isArray(streams)) throw new ValidationError('required', 'fundingStreams');
  if (streams.length > LIMITS.maxFundingStreams) {
    throw new ValidationError('tooMany', 'fundingStreams', { max: LIMITS.maxFundingStreams });
  }
  const ids = new Set<string>();
  return streams.map((s: FundingStream, i) => {
    const field = `fundingStreams.${i}.annualPence`;
    return {
      id: uniqueId(requireText(s.id, `fundingStreams.${i}.id`, 64), ids, `fundingStreams.${i}.id`),
      publicBody: requireText(s.publicBody, `fundingStreams.${i}.publicBody`, LIMITS.nameLength),
      service: requireText(s.service, `fundingStreams.${i}.service`, LIMITS.nameLength),
      annualPence: before ? requireStreamAmount(s, field, before) : requirePence(s.annualPence, field),
      isPoolable: s.isPoolable === true,
    };
  });
}

function validateThemes(themes: unknown): Theme[] {
  if (!Array.isArray(themes) || themes.length === 0)
    throw new ValidationError('tooFew', 'themes', { min: 1 });
  if (themes.length > LIMITS.maxThemes)
    throw new ValidationError('tooMany', 'themes', { max: LIMITS.maxThemes });
  const seen = new Set<string>();
  return themes.map((t: Theme, i) => {
    const name = requireText(t.name, `themes.${i}.name`, LIMITS.nameLength);
    const key = name.toLocaleLowerCase();
    if (seen.has(key)) throw new ValidationError('duplicateName', `themes.${i}.name`, { name });
    seen.add(key);
    const theme: Theme = { id: requireText(t.id, `themes.${i}.id`, 64), name };
    // A picture is never a reason to refuse settings: one that is not an id is left out.
    const icon = keptIcon(t.icon);
    if (icon) theme.icon = icon;
    return theme;
  });
}

export function validateMethod(method: unknown): PriorityMethod {
  const m = method as PriorityMethod | undefined;
  switch (m?.kind) {
    case 'dots': {
      const dotsPerParticipant = requireWholeNumber(
        m.dotsPerParticipant,
        'method.dotsPerParticipant',
        1,
        LIMITS.maxDots,
      );
      const maxDotsPerProposal = requireWholeNumber(
        m.maxDotsPerProposal,
        'method.maxDotsPerProposal',
        1,
        dotsPerParticipant,
      );
      return { kind: 'dots', dotsPerParticipant, maxDotsPerProposal };
    }
    case 'budget':
      return {
        kind: 'budget',
        minSharePercent: requireWholeNumber(m.minSharePercent, 'method.minSharePercent', 0, 100),
      };
    case 'ranking':
      return {
        kind: 'ranking',
        maxRanked: requireWholeNumber(m.maxRanked, 'method.maxRanked', 1, LIMITS.maxRanked),
      };
    default:
      throw new ValidationError('required', 'method');
  }
}

function validateAboutYou(questions: unknown): AboutYouQuestion[] {
  if (!Array.isArray(questions)) throw new ValidationError('required', 'aboutYou');
  if (questions.length > LIMITS.maxQuestions) {
    throw new ValidationError('tooMany', 'aboutYou', { max: LIMITS.maxQuestions });
  }
  return questions.map((q: AboutYouQuestion, i) => {
    if (!Array.isArray(q.options) || q.options.length < 2) {
      throw new ValidationError('tooFew', `aboutYou.${i}.options`, { min: 2 });
    }
    if (q.options.length > LIMITS.maxOptions) {
      throw new ValidationError('tooMany', `aboutYou.${i}.options`, { max: LIMITS.maxOptions });
    }
    return {
      id: requireText(q.id, `aboutYou.${i}.id`, 64),
      text: requireText(q.text, `aboutYou.${i}.text`, LIMITS.questionLength),
      options: q.options.map((o, j) => requireText(o, `aboutYou.${i}.options.${j}`, LIMITS.optionLength)),
    };
  });
}

function validateLanguages(languages: unknown): string[] {
  if (!Array.isArray(languages) || languages.length === 0) {
    throw new ValidationError('tooFew', 'languages', { min: 1 });
  }
  if (languages.length > LIMITS.maxLanguages) {
    throw new ValidationError('tooMany', 'languages', { max: LIMITS.maxLanguages });
  }
  for (const l of languages) {
    if (!(KNOWN_LANGUAGES as readonly unknown[]).includes(l)) {
      throw new ValidationError('unknownLanguage', 'languages', { language: String(l) });
    }
  }
  return [...new Set(languages as string[])];
}

/** Optional text: trimmed, within `max`; '' when not given. */
const optionalText = (v: unknown, field: string, max: number): string =>
  v === undefined ? '' : requireText(v, field, max, false);

/**
 * One language's wording, trimmed, with what was not given left out. A wording of a question the session no longer
 * asks is kept (an edit of the questions may merge with one of the wording made apart) and simply not shown.
 */
function validateWording(w: unknown, field: string): Wording {
  if (typeof w !== 'object' || w === null || Array.isArray(w)) throw new ValidationError('required', field);
  const { consentText, aboutYou } = w as Wording;
  const wording: Wording = {};
  const consent = optionalText(consentText, `${field}.consentText`, LIMITS.consentLength);
  if (consent) wording.consentText = consent;
  if (aboutYou === undefined) return wording;
  if (typeof aboutYou !== 'object' || aboutYou === null || Array.isArray(aboutYou)) {
    throw new ValidationError('required', `${field}.aboutYou`);
  }
  const entries = Object.entries(aboutYou);
  if (entries.length > LIMITS.maxQuestions) {
    throw new ValidationError('tooMany', `${field}.aboutYou`, { max: LIMITS.maxQuestions });
  }
  const questions: NonNullable<Wording['aboutYou']> = {};
  for (const [id, q] of entries) {
    const at = `${field}.aboutYou.${id}`;
    // Blank ids and blank answers are left out, never refused: wording is never a reason to refuse settings that a
    // later edit (ending the session) must still be able to change, and the form could not take them away.
    if (id.trim() === '' || id.length > 64) continue;
    if (typeof q !== 'object' || q === null) throw new ValidationError('required', at);
    const text = optionalText(q.text, `${at}.text`, LIMITS.questionLength);
    const options = q.options === undefined ? [] : q.options;
    const of = q.of === undefined ? [] : q.of;
    if (!Array.isArray(options)) throw new ValidationError('required', `${at}.options`);
    if (!Array.isArray(of)) throw new ValidationError('required', `${at}.of`);
    if (options.length > LIMITS.maxOptions || of.length > LIMITS.maxOptions) {
      throw new ValidationError('tooMany', `${at}.options`, { max: LIMITS.maxOptions });
    }
    // Each label with the option it is for; a label with no option (or an option with no label) is left out.
    const kept: QuestionWording = {};
    if (text) kept.text = text;
    const labels: string[] = [];
    const typed: string[] = [];
    options.forEach((o, j) => {
      const label = optionalText(o, `${at}.options.${j}`, LIMITS.optionLength);
      const option = of[j];
      if (label === '' || typeof option !== 'string' || option.trim() === '') return;
      labels.push(label);
      typed.push(requireText(option, `${at}.of.${j}`, LIMITS.optionLength));
    });
    if (labels.length > 0) {
      kept.options = labels;
      kept.of = typed;
    }
    if (kept.text !== undefined || kept.options !== undefined) questions[id] = kept;
  }
  if (Object.keys(questions).length > 0) wording.aboutYou = questions;
  return wording;
}

/** The wording language and translations, when present (absent in older sessions: nothing is added). */
function wordingOf(s: SessionSettings): Pick<SessionSettings, 'wordingLanguage' | 'translations'> {
  const out: Pick<SessionSettings, 'wordingLanguage' | 'translations'> = {};
  // Any language the app knows, offered or not: it is what the words are in. A session typed in English that
  // then stops offering English still has English words, shown (marked as English) where no wording replaces them.
  // One this app does not know is left out (read as the first language), as a wording in one is: never a reason
  // to refuse settings that a later edit must still be able to change.
  if (isKnownLanguage(s.wordingLanguage)) out.wordingLanguage = s.wordingLanguage;
  if (s.translations !== undefined) {
    const t = s.translations;
    if (typeof t !== 'object' || t === null || Array.isArray(t))
      throw new ValidationError('required', 'translations');
    // A wording for a language this app does not know (a newer app's, or a forger's) is left out, never a reason
    // to refuse: the settings fold keeps every language any edit carried, and the form could not take it away.
    const translations: Translations = {};
    for (const [lang, w] of Object.entries(t)) {
      if (!isKnownLanguage(lang)) continue;
      translations[lang] = validateWording(w, `translations.${lang}`);
    }
    out.translations = translations;
  }
  return out;
}

/** The council key as pasted, white space taken out; '' is "no key". Absent stays absent (older sessions). */
function councilKeyOf(key: unknown): { councilKey?: string } {
  if (key === undefined) return {};
  if (typeof key !== 'string') throw new ValidationError('notACouncilKey', 'councilKey');
  if (key.trim() === '') return { councilKey: '' };
  const clean = councilKeyForm(key);
  if (clean === null) throw new ValidationError('notACouncilKey', 'councilKey');
  return { councilKey: clean };
}

export interface SettingsWrite {
  /**
   * The session's funding streams as stored before this write ([] for a new session): given, a stream of £0 is
   * refused unless it was already £0 there (`requireStreamAmount`). Absent for settings read back (two devices'
   * edits merged): those keep what was written.
   */
  streamsBefore?: readonly FundingStream[];
}

/**
 * Checks a complete settings object and returns a normalised copy (trimmed text). Throws on the first problem.
 * The pot may not exceed the poolable total of the money map.
 */
export function validateSettings(s: SessionSettings, write: SettingsWrite = {}): SessionSettings {
  const fundingStreams = validateStreams(s.fundingStreams, write.streamsBefore);
  const potPence = requirePotAmount(s.potPence, 'potPence');
  const poolable = poolableTotal(fundingStreams);
  const languages = validateLanguages(s.languages);
  if (potPence > poolable) throw new ValidationError('potOverPoolable', 'potPence', { poolable });
  if (
    typeof s.pin?.saltB64 !== 'string' ||
    typeof s.pin.hashB64 !== 'string' ||
    !Number.isInteger(s.pin.iterations)
  ) {
    throw new ValidationError('badPin', 'pin');
  }
  return {
    title: requireText(s.title, 'title', LIMITS.sessionTitleLength),
    // Stored as one spelling (NFC, single spaces) so exports and screens that show the name as text agree;
    // comparisons still go through neighbourhoodKey, for sessions written before or by other means.
    // Normalised before its length is checked: NFC can lengthen a name (U+0958 becomes two characters), and the
    // stored name must be within the limit every device checks (a review found one the server then refused).
    neighbourhood: neighbourhoodName(
      requireText(asNeighbourhood(s.neighbourhood), 'neighbourhood', LIMITS.nameLength),
    ),
    date: requireDate(s.date, 'date'),
    venue: requireText(s.venue, 'venue', LIMITS.nameLength),
    fundingStreams,
    potPence,
    themes: validateThemes(s.themes),
    method: validateMethod(s.method),
    languages,
    consentText: requireText(s.consentText, 'consentText', LIMITS.consentLength),
    aboutYou: validateAboutYou(s.aboutYou),
    ...wordingOf(s),
    ...councilKeyOf(s.councilKey),
    pin: { saltB64: s.pin.saltB64, hashB64: s.pin.hashB64, iterations: s.pin.iterations },
    isEnded: s.isEnded === true,
  };
}
