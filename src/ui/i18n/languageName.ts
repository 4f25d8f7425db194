import { LOCALES, type Translator } from './index';

/** A language named in the screen's language, for a sentence: "Welsh" on an English screen, "Cymraeg" on a Welsh one. */
export function languageName(t: Translator, code: string): string {
  try {
    return new Intl.DisplayNames([t.locale.intl], { type: 'language' }).of(code) ?? code;
  } catch {
    return LOCALES[code]?.name ?? code;
  }
}
