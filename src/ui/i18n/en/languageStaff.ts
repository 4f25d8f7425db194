import type { Catalogue } from '../types';

/** The session form's choice of languages: which translations are drafts, and which language comes first. */
export const languageStaff = {
  'fac.form.languageDraft':
    'Draft translation: not yet checked by a native speaker. Ask someone who reads it to try the kiosk before the session.',
  'fac.form.languageFirstLegend': 'Language the welcome screen shows first',
  // "in Welsh": a language named after "in", for "Wording {inLanguage}" (Welsh mutates the name: "yn Gymraeg").
  'language.in.en': 'in English',
  'language.in.cy': 'in Welsh',
  'language.in.pl': 'in Polish',
  'language.in.ur': 'in Urdu',
  'language.in.ar': 'in Arabic',
  // A session's language the app has no screens in (Somali, Bengali), named by the browser.
  'language.inOther': 'in {language}',
} satisfies Catalogue;
