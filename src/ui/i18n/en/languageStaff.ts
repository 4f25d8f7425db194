import type { Catalogue } from '../types';

/** The session form's choice of languages: which translations are drafts, and which language comes first. */
export const languageStaff = {
  'fac.form.languageDraft':
    'Draft translation: not yet checked by a native speaker. Ask someone who reads it to try the kiosk before the session.',
  'fac.form.languageFirstLegend': 'Language the welcome screen shows first',
} satisfies Catalogue;
