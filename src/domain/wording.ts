/**
 * The session's own words (the consent wording and the about-you questions) as a resident in one language reads
 * them: the facilitator's wording in that language where there is one, else the words as written, each part marked
 * with the language it is really in, so the page can say so (`lang`) to screen readers and voices.
 *
 * Answers are always stored as the option as written (`AboutYouQuestion.options`), whatever language it was
 * shown in, so a Welsh "Ie" and an English "Yes" count as the same answer in every table and export.
 */
import { isKnownLanguage } from './limits';
import type { AboutYouQuestion, QuestionWording, SessionSettings, Wording } from './types';

/** Words and the language they are in. */
export interface ShownText {
  text: string;
  lang: string;
}

export interface ShownQuestion {
  id: string;
  text: ShownText;
  /** `value` is the option as written (what is stored); `label` is what the resident reads. */
  options: { value: string; label: ShownText }[];
}

type WordingSource = Pick<
  SessionSettings,
  'languages' | 'consentText' | 'aboutYou' | 'wordingLanguage' | 'translations'
>;

/** The language the session's words are written in: its own setting, or its first language (older sessions). */
export function writtenIn(s: Pick<SessionSettings, 'languages' | 'wordingLanguage'>): string {
  return isKnownLanguage(s.wordingLanguage) ? s.wordingLanguage : (s.languages[0] ?? 'en');
}

const given = (text: unknown): text is string => typeof text === 'string' && text.trim() !== '';

/** The wording for `lang`, when it is not the language the words are written in. */
function wordingIn(s: WordingSource, lang: string): Wording | undefined {
  if (lang === writtenIn(s) || !s.translations || !Object.hasOwn(s.translations, lang)) return undefined;
  const w = s.translations[lang];
  return w && typeof w === 'object' ? w : undefined;
}

export function consentFor(s: WordingSource, lang: string): ShownText {
  const own = wordingIn(s, lang)?.consentText;
  return given(own) ? { text: own, lang } : { text: s.consentText, lang: writtenIn(s) };
}

/** The labels of a question's options in another language, by the option as typed (see QuestionWording). */
export function optionLabels(own: QuestionWording | undefined): Map<string, string> {
  const labels = new Map<string, string>();
  if (!own || !Array.isArray(own.options) || !Array.isArray(own.of)) return labels;
  own.of.forEach((option, i) => {
    const label = own.options?.[i];
    if (typeof option === 'string' && given(label)) labels.set(option, label);
  });
  return labels;
}

/** One question in `lang`: its own text and each option's label where the wording gives them, else as typed. */
function questionIn(
  q: AboutYouQuestion,
  w: Wording | undefined,
  lang: string,
  written: string,
): ShownQuestion {
  const own = w?.aboutYou && Object.hasOwn(w.aboutYou, q.id) ? w.aboutYou[q.id] : undefined;
  const labels = optionLabels(own);
  return {
    id: q.id,
    text: given(own?.text) ? { text: own.text, lang } : { text: q.text, lang: written },
    options: q.options.map((o) => {
      const label = labels.get(o);
      return { value: o, label: label !== undefined ? { text: label, lang } : { text: o, lang: written } };
    }),
  };
}

export function questionsFor(s: WordingSource, lang: string): ShownQuestion[] {
  const w = wordingIn(s, lang);
  const written = writtenIn(s);
  return s.aboutYou.map((q) => questionIn(q, w, lang, written));
}

/** Whether anything the session wrote is shown in `lang` as written in another language (for the facilitator). */
export function isFullyWorded(s: WordingSource, lang: string): boolean {
  if (consentFor(s, lang).lang !== lang) return false;
  return questionsFor(s, lang).every(
    (q) => q.text.lang === lang && q.options.every((o) => o.label.lang === lang),
  );
}
