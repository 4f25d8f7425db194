import { LOCALES, type MessageKey, type Translator } from './index';

/**
 * A language named in the screen's language, for a sentence: "Welsh" on an English screen, "Cymraeg" on a Welsh one.
 * The app's own languages are named by the catalogue (`language.name.<code>`): Chromium's Intl.DisplayNames has no
 * Welsh names and gave "Geiriad yn English". Any other language (a session's Somali or Bengali) is named by the browser.
 */
export function languageName(t: Translator, code: string): string {
  if (Object.hasOwn(LOCALES, code)) return t(`language.name.${code}` as MessageKey);
  try {
    return new Intl.DisplayNames([t.locale.intl], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * A language after "in", as a sentence needs it: "in Welsh" on an English screen, "yn Gymraeg" on a Welsh one (Welsh
 * mutates the name after "yn", so the name alone cannot be put in a sentence). From the catalogue for the app's own
 * languages (`language.in.<code>`, staff screens); any other is the name after the screen's word for "in".
 */
export function inLanguage(t: Translator, code: string): string {
  if (Object.hasOwn(LOCALES, code)) return t(`language.in.${code}` as MessageKey);
  return t('language.inOther', { language: languageName(t, code) });
}
