import type { Catalogue } from '../types';

export const common = {
  'app.name': 'Neighbourhood Co-design',
  // The browser tab's and a screen reader's page title on each screen: 'Add your idea – Neighbourhood Co-design'.
  'app.pageTitle': '{screen} – {app}',
  // On a staff screen about one session or neighbourhood: 'Edit the session – Northmoor – Neighbourhood Co-design'.
  'app.pageTitleSession': '{screen} – {session} – {app}',
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
  // Under a field with a length limit, while typing (counted as the check on saving counts).
  'common.charactersLeft': { one: '{count} character left', other: '{count} characters left' },
  'common.charactersOver': {
    one: '{count} character too many. Please make it shorter.',
    other: '{count} characters too many. Please make it shorter.',
  },
  'common.pence': 'in pounds, e.g. 2500 or 12.50',
  /** A device nobody named in the session (src/domain/devices.ts): the start of its id. */
  'device.unnamed': 'Tablet {code}',
  'storage.unavailable':
    'This browser cannot store anything (private browsing or storage switched off). Open the app in a normal window: nothing typed here would be kept.',
  'storage.privateWindow':
    'This looks like a private window. Everything typed here will be lost when the window closes. Open the app in a normal window.',
  'storage.quota':
    'The tablet is out of storage space, so this was not saved. Free some space, then try again. Nothing you typed has been lost.',
  // The same to a resident at the kiosk, who cannot free space.
  'storage.quotaResident':
    'This tablet is out of storage space, so this was not saved. Please ask the facilitator for help. Nothing you typed has been lost.',
  // On every staff screen once storage refused a write for want of space, until it works again (src/ui/SpaceNotice.tsx):
  // Chromium deletes all the app stored when it starts again after that.
  'storage.full':
    'This tablet has run out of storage space, so nothing more can be saved on it. Do not close the app or restart the tablet: the browser may then delete what the app stored. Free some space first (for example, delete photos or videos you do not need), then carry on.',
  'storage.bestEffort':
    'The browser has not promised to keep this data; install the app to the home screen to keep it safe.',
  'storage.space': '{used} used of about {total} available on this tablet',
  'storage.unknownSpace': 'The browser does not say how much space is left.',
  'update.ready': 'A new version of the app is ready.',
  'update.apply': 'Update now',
  // Once, on the first screen after "Update now" restarted the app (a polite live region; never in the kiosk).
  'update.done': 'The app was updated.',
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
  // "A, B and C" where the browser has no list data for the screen's language (Chromium has none for Welsh):
  // {rest} is the items before the last, joined with commas (src/ui/facilitator/files/words.ts).
  'list.and': '{rest} and {last}',
  // The same where {last} starts with a vowel sound (words.ts decides): Welsh writes "ac" there, not "a".
  'list.andVowel': '{rest} and {last}',
  'method.dots': 'Dot voting',
  'method.budget': 'Budget allocation',
  'method.ranking': 'Ranking',
  // Dates for a language the browser has no date data for (src/ui/format/dates.ts): months as in a date.
  'date.month.1': 'January',
  'date.month.2': 'February',
  'date.month.3': 'March',
  'date.month.4': 'April',
  'date.month.5': 'May',
  'date.month.6': 'June',
  'date.month.7': 'July',
  'date.month.8': 'August',
  'date.month.9': 'September',
  'date.month.10': 'October',
  'date.month.11': 'November',
  'date.month.12': 'December',
  'date.day': '{day} {month} {year}',
  'date.moment': '{date} at {time}',
  'date.dayMonth': '{day} {month}',
} satisfies Catalogue;
