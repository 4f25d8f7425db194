/**
 * The session's own words (the consent wording and the about-you questions) as a resident in one language reads
 * them: the facilitator's wording in that language where there is one, else the words as written, each part marked
 * with the language it is really in, so the page can say so (`lang`) to screen readers and voices.
 *
 * Answers are always stored as the option as written (`AboutYouQuestion.options`), whatever language it was
 * shown in, so a Welsh "Ie" and an English "Yes" count as the same answer in every table and export.
 */
import { isKnownLanguage } from './limits';
import type { AboutYouQuestion, SessionSettings, Wording } from './types';

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

/**
 * One question in `lang`. A translation's options are used only when there are as many as the question has:
 * after options are added or taken away, the translation no longer lines up, and the options as written are shown.
 */
function questionIn(
  q: AboutYouQuestion,
  w: Wording | undefined,
  lang: string,
  written: string,
): ShownQuestion {
  const own = w?.aboutYou && Object.hasOwn(w.aboutYou, q.id) ? w.aboutYou[q.id] : undefined;
  const ownOptions =
    Array.isArray(own?.options) && own.options.length === q.options.length ? own.options : null;
  return {
    id: q.id,
    text: given(own?.text) ? { text: own.text, lang } : { text: q.text, lang: written },
    options: q.options.map((o, i) => {
      const label = ownOptions?.[i];
      return { value: o, label: given(label) ? { text: label, lang } : { text: o, lang: written } };
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
