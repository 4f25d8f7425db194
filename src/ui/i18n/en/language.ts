import type { Catalogue } from '../types';

/** Choosing languages and text size: on every staff screen and the resident's welcome screen. */
export const language = {
  'language.staffSwitch': 'Language of these screens',
  'kiosk.welcome.largeText': 'Larger text',
  'kiosk.welcome.largeTextHint': 'Makes the words on every screen bigger for your turn.',
  // Our languages named in a sentence ("Wording in Welsh"), from CLDR: browsers' own names (Intl.DisplayNames)
  // are missing for some screen languages (Chromium names every language in English on a Welsh screen).
  'language.name.en': 'English',
  'language.name.cy': 'Welsh',
  'language.name.pl': 'Polish',
  'language.name.ur': 'Urdu',
  'language.name.ar': 'Arabic',
} satisfies Catalogue;
