import type { Catalogue } from '../types';

/** Choosing languages and text size: on every staff screen and the resident's welcome screen. */
export const language = {
  'language.staffSwitch': 'Language of these screens',
  'kiosk.welcome.largeText': 'Larger text',
  'kiosk.welcome.largeTextHint': 'Makes the words on every screen bigger for your turn.',
} satisfies Catalogue;
