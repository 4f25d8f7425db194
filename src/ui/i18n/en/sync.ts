import type { Catalogue } from '../types';

/**
 * Council sync: enrolling this device, syncing a session with the council server, and fetching the sessions
 * this device should have. Loaded with the screens that use it (the facilitator dashboard's "Council sync" and
 * the home screen's "Sessions from the council"), registered with addMessages() by
 * src/ui/facilitator/sync/messages.ts.
 */
export const sync = {
  'sync.heading': 'Council sync',
  'sync.intro':
    'Send this session to the council’s server and bring back what other tablets sent. It works in the background: you can carry on while it syncs.',
  // Instead of sync.intro on the demo session's dashboard: the demo is never synced (src/sync/councilScope.ts).
  'sync.demo':
    'This is the demo session. It stays on this device and is never sent to the council: its residents are made up. Your own sessions sync with the council from their own dashboards.',

  // Enrolment
  'sync.enrol.heading': 'Enrol this device',
  'sync.enrol.text':
    'Before this device can sync, your council admin gives you a one-time enrolment code. Type it here, or scan its QR code with this device’s camera.',
  'sync.enrol.code': 'Enrolment code',
  'sync.enrol.codeHint':
    'Ten letters and numbers, for example 7K2M 9QXP 4T. Capitals, spaces and dashes do not matter.',
  'sync.enrol.button': 'Enrol this device',
  'sync.enrol.busy': 'Enrolling…',
  'sync.enrol.done': 'This device is enrolled as {device}.',
  // One whole sentence per role, not a role word put into one sentence: English needs 'a' or 'an' by the word,
  // other languages other changes ('as a officer device' was wrong English).
  'sync.enrol.status.facilitator': 'Enrolled with {server} as a facilitator device since {when}.',
  'sync.enrol.status.officer':
    'Enrolled with {server} as an officer device since {when}: it reads every session it is given and sends only decisions on ideas and paper ballots typed in on it.',
  'sync.enrol.again': 'Enrol again with a new code',
  'sync.enrol.empty': 'Type the enrolment code first.',
  'sync.enrol.wrongLength':
    'An enrolment code has {length} letters and numbers, but this has {count}. Check it and try again.',
  'sync.enrol.wrongCharacters':
    'An enrolment code never has {characters} in it (no 0, O, 1, I, L or U). Check it and try again.',
  'sync.enrol.unknownCode': 'This code is not known. Check each letter and number and try again.',
  'sync.enrol.usedCode': 'This code has already been used. Ask your council admin for a new one.',
  'sync.enrol.expiredCode': 'This code has expired. Ask your council admin for a new one.',
  'sync.enrol.badRequest': 'The council server did not accept this code. Check it and try again.',
  'sync.enrol.rateLimited': 'Too many tries from this network. Wait a minute and try again.',
  'sync.enrol.network':
    'The council server cannot be reached. Check this device is online (wifi or mobile data) and try again.',
  'sync.enrol.serverError': 'The council server had a problem. Try again in a few minutes.',
  'sync.enrol.refused': 'The council server refused this device. Ask your council admin.',

  // Scanning the enrolment code's QR code (camera or photo)
  'sync.scan.start': 'Scan the code',
  'sync.scan.photo': 'Use a photo of the code',
  'sync.scan.view': 'Camera view',
  'sync.scan.stop': 'Stop',
  'sync.scan.starting': 'Starting the camera…',
  'sync.scan.point': 'Point the camera at the code. Hold it still.',
  'sync.scan.otherQr':
    'This QR code is not an enrolment code. Point the camera at the code your council admin gave you.',
  'sync.scan.found': 'Code found.',
  'sync.scan.stopped': 'Camera stopped.',
  'sync.scan.reading': 'Reading the photo…',
  'sync.scan.refused':
    'The camera is not allowed for this app. Allow the camera in the browser’s settings for this site, or use a photo of the code, or type it.',
  'sync.scan.noCamera': 'No camera was found on this device. Use a photo of the code, or type it.',
  'sync.scan.busy':
    'Another app is using the camera. Close that app and try again, or use a photo of the code, or type it.',
  'sync.scan.insecure':
    'The camera only works when this app is opened from a secure (https) address. Use a photo of the code, or type it.',
  'sync.scan.failed': 'The camera could not start. Try again, or use a photo of the code, or type it.',
  'sync.scan.loadFailed': 'The code reader could not start on this device. Type the code instead.',
  'sync.scan.photoNoCode':
    'No QR code was found in this photo. Take the photo again, closer and in good light, or type the code.',
  'sync.scan.photoOtherQr':
    'The QR code in this photo is not an enrolment code. Use a photo of the code your council admin gave you, or type it.',
  'sync.scan.photoUnreadable':
    'This file could not be opened as a picture. Choose a photo of the code (JPEG or PNG), or type the code.',

  // Sync state
  'sync.button': 'Sync with council',
  'sync.progress': 'Sync progress',
  'sync.state.neverSynced': 'Never synced',
  'sync.state.connecting': 'Connecting to the council server…',
  'sync.state.syncing': 'Syncing… {percent}%',
  'sync.state.sendingParts': 'Syncing… {percent}%: sending part {part} of {count}',
  'sync.state.synced': 'Synced at {time}',
  'sync.state.syncedOn': 'Synced on {date} at {time}',
  'sync.state.offline': 'Offline: will sync when the network is back',
  // Online but the server does not answer: often a hall's wifi with no internet. Nothing is wrong on the tablet.
  'sync.failed.offline':
    'The council server cannot be reached from here just now. Everything is kept on this tablet, and it syncs by itself once the server can be reached. Trying again…',
  'sync.failed.notEnrolled':
    'Sync failed: this device is not enrolled. Enrol it with a code from your council admin.',
  'sync.failed.refused':
    'Sync failed: this device has been removed from the council’s list. Ask your council admin.',
  'sync.failed.notAssigned':
    'Sync failed: the council has not given this session to this device. Ask the council’s administrator to assign it.',
  'sync.failed.serverError': 'Sync failed: the council server had a problem. Try again in a few minutes.',
  'sync.failed.rejected':
    'Sync failed: the council server did not accept a change from this tablet. Nothing is lost on this tablet. Ask your council admin.',
  'sync.failed.rejectedOfficer':
    'Sync failed: this officer device holds sessions, ideas, comments or priorities the council server does not have, and from an officer device it takes only decisions on ideas and paper ballots. If they were made on this device, make sessions and take residents’ turns on a facilitator’s tablet. If they came from the council before it restored a backup, sync the facilitators’ tablets that hold them, then sync here again; or ask your council admin. Nothing is lost on this device.',
  'sync.failed.tooLarge':
    'Sync failed: this session is too large for the council server. Ask your council admin.',
  'sync.failed.demo':
    'Not synced: this is the demo session. It stays on this device and is never sent to the council.',
  'sync.sent': { one: 'Sent: {count} change', other: 'Sent: {count} changes' },
  'sync.received': { one: 'Received: {count} change', other: 'Received: {count} changes' },
  'sync.toSend': { one: 'Waiting to send: {count} change', other: 'Waiting to send: {count} changes' },
  'sync.problems': {
    one: 'The council’s copy of this session holds {count} change this app never makes, so nothing new from the council was added to this tablet. What this tablet has is still sent. Tell your council admin.',
    other:
      'The council’s copy of this session holds {count} changes this app never makes, so nothing new from the council was added to this tablet. What this tablet has is still sent. Tell your council admin.',
  },
  'sync.loadFailed': 'Council sync could not start on this device: {reason}',

  // Fetching sessions
  'sync.fetch.heading': 'Sessions from the council',
  'sync.fetch.text':
    'Prepare this tablet before a workshop: get the sessions the council has and keep them on this tablet.',
  'sync.fetch.list': 'Get sessions from the council',
  'sync.fetch.listing': 'Asking the council…',
  'sync.fetch.none': 'The council has no sessions yet.',
  // A facilitator's tablet is given sessions by the council admin (assignments): none given is not none at all.
  'sync.fetch.noneAssigned':
    'The council has not given this tablet any sessions yet. If you expected one, ask your council admin to give this tablet the session or its neighbourhood.',
  'sync.fetch.choose': 'Choose the sessions to get',
  'sync.fetch.onDevice': 'already on this tablet',
  'sync.fetch.meta': '{neighbourhood} · {date} · {venue}',
  'sync.fetch.get': { one: 'Get {count} session', other: 'Get {count} sessions' },
  'sync.fetch.nothingChosen': 'Choose at least one session.',
  'sync.fetch.getting': 'Getting “{title}” ({n} of {total})…',
  'sync.fetch.done': {
    one: 'Got {count} session. It is in your sessions list.',
    other: 'Got {count} sessions. They are in your sessions list.',
  },
  'sync.fetch.failedOne': 'Could not get “{title}”: {reason}',
  'sync.fetch.timeout': 'the council server did not answer in time',
  'sync.officer.open': 'Open the council results',
} satisfies Catalogue;
