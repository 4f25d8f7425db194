import type { Catalogue } from '../types';

/** The first screen and the facilitator's PIN screen: part of the app shell. */
export const gate = {
  'home.lead':
    'Plan how public money is spent in your neighbourhood, together. Works on shared tablets with no wifi.',
  'home.demoHeading': 'Try it in a minute',
  'home.demoText':
    'Open a demo workshop for Northmoor: a money map of nine funding streams, 23 ideas and residents’ comments.',
  'home.demoPin': 'The demo’s facilitator PIN is {pin}.',
  'home.demoOpen': 'Open the demo session',
  'home.demoPreparing': 'Preparing the demo…',
  'home.sessionsHeading': 'Sessions on this tablet',
  'home.noSessions': 'There are no sessions on this tablet yet.',
  // The list is empty although the tablet held sessions (src/storage/heldSessions.ts).
  'home.sessionsDeleted':
    'This tablet had sessions on it, but the browser has deleted everything the app stored here. This can happen after a tablet runs out of storage space. Sessions already synced with the council can be fetched from it again, and session files can be opened again.',
  'home.sessionsDeletedDismiss': 'I understand',
  // The list cannot be read (Chromium refuses to open the app's storage after its disk was full); read again every 2 s.
  'home.sessionsUnreadable':
    'The sessions on this tablet cannot be read just now. If the tablet is out of storage space, free some space and do not close the app: the list comes back by itself.',
  // Sessions with a spare copy on the tablet (src/storage/sessionCopies.ts) that are missing from its list.
  'home.copiesFound':
    'The tablet keeps a spare copy of each session. These sessions are missing from the list, but their spare copies are still here:',
  'home.copiesRestore': 'Bring these sessions back',
  'home.copiesRestoring': 'Bringing the sessions back…',
  'home.copiesRestored': 'The sessions are back in the list.',
  'home.sessionMeta': '{neighbourhood} · {date} · {venue}',
  'home.ideaCount': { one: '{count} idea', other: '{count} ideas' },
  'home.create': 'Create a session',

  // Shared
  'fac.backHome': 'Back to the first screen',
  // Tried again every 2 s (useSession.ts): a full disk in Chromium refuses every open until space is freed, and
  // closing the app then can lose everything the app stored.
  'fac.loadFailed':
    'This session cannot be opened on this tablet just now. If the tablet is out of storage space, free some space and do not close the app: the session opens again by itself.',
  // Said instead while the tablet is out of space (src/ui/facilitator/LoadFailed.tsx), with 'fac.loadRetry'.
  'fac.loadFailedSpace':
    'This session cannot be opened while the tablet is out of storage space. Do not close the app: free some space, and the session opens by itself, or tap Try again.',
  // A session found empty whose spare copy is on the tablet (src/ui/facilitator/SpareCopyOffer.tsx).
  'fac.spareCopy': 'The tablet keeps a spare copy of this session.',
  'fac.spareCopyRestore': 'Bring this session back',
  'fac.loadRetry': 'Try again',

  // PIN screen
  'fac.gate.heading': 'Unlock facilitator mode',
  'fac.gate.notFoundHeading': 'Session not found',
  'fac.gate.forSession': 'For the session “{title}”.',
  'fac.gate.pinLabel': 'Facilitator PIN',
  'fac.gate.pinHint': 'The PIN chosen when the session was set up. Residents do not need it.',
  'fac.gate.unlock': 'Unlock',
  'fac.gate.checking': 'Checking…',
  'fac.gate.empty': 'Please type the PIN.',
  'fac.gate.wrong': 'That PIN is not right. Please check it and try again.',
  // Also the session form's rule for a new PIN (a PIN typed here that cannot be one is not counted as a wrong try).
  'fac.form.pinRule': 'The PIN must be {min} to {max} digits, with numbers only.',
  'fac.gate.slowedDown': 'To keep the session safe, you must wait a little longer before each new try.',
  'fac.gate.kioskMode':
    'This tablet is in kiosk mode: residents can only use the kiosk. Unlocking ends kiosk mode until you start it again.',
  'fac.gate.leaveKioskMode': 'Leave kiosk mode',
  'fac.gate.wait': {
    one: 'Please wait {count} second before you try again.',
    other: 'Please wait {count} seconds before you try again.',
  },
} satisfies Catalogue;
