import type { Catalogue } from '../types';

export const common = {
  'app.name': 'Neighbourhood Co-design',
  'app.skipToContent': 'Skip to main content',
  'common.save': 'Save',
  'common.saving': 'Saving…',
  'common.saved': 'Saved',
  'common.cancel': 'Cancel',
  'common.back': 'Back',
  'common.next': 'Next',
  'common.close': 'Close',
  'common.loading': 'Loading…',
  'common.required': 'required',
  'common.optional': 'optional',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.saveFailed': 'This could not be saved on the tablet: {reason}. Nothing you typed has been lost.',
  'common.fixErrors': 'Please check the highlighted answers.',
  'common.pence': 'in pounds, e.g. 2500 or 12.50',
  /** A device nobody named in the session (src/domain/devices.ts): the start of its id. */
  'device.unnamed': 'Tablet {code}',
  'storage.unavailable':
    'This browser cannot store anything (private browsing or storage switched off). Open the app in a normal window: nothing typed here would be kept.',
  'storage.privateWindow':
    'This looks like a private window. Everything typed here will be lost when the window closes. Open the app in a normal window.',
  'storage.quota':
    'The tablet is out of storage space. Free some space, then try again. Nothing has been lost.',
  'storage.bestEffort':
    'The browser has not promised to keep this data; install the app to the home screen to keep it safe.',
  'storage.space': '{used} used of about {total} available on this tablet',
  'storage.unknownSpace': 'The browser does not say how much space is left.',
  'update.ready': 'A new version of the app is ready.',
  'update.apply': 'Update now',
  'offline.ready': 'The app is ready to work offline.',
  'session.readOnly':
    'This session was made by a newer version of the app, so it opens read-only here. Update the app to change it.',
  'session.notFound': 'This session is not on this tablet.',
  'session.ended': 'This session has ended.',
  'language.en': 'English',
  'language.cy': 'Cymraeg',
  'language.ar': 'العربية',
  'language.ur': 'اردو',
  'language.pl': 'Polski',
  'language.so': 'Soomaali',
  'language.bn': 'বাংলা',
  'method.dots': 'Dot voting',
  'method.budget': 'Budget allocation',
  'method.ranking': 'Ranking',
} satisfies Catalogue;
