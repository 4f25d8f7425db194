import type { Catalogue } from '../types';

/**
 * Tablet to tablet by camera (issue 13 §2): the room's "Receive by camera" and "Send by camera" steps. Loaded
 * with those steps, registered with addMessages() by src/ui/facilitator/room/camera/messages.ts. What the
 * transfer adds is said with the session files' words (./files.ts).
 */
export const camera = {
  // Receiving
  'camera.receive.heading': 'Receive by camera',
  'camera.receive.askIntro':
    'Step 1 of 2: hold this screen in front of the sending tablet’s camera. The code tells it what this tablet already has, so it sends only the rest.',
  'camera.receive.askCode': 'Code showing what this tablet already has',
  'camera.receive.next': 'Next: read the sending tablet’s codes',
  'camera.receive.readIntro':
    'Step 2 of 2: point this tablet’s camera at the moving codes on the sending tablet. Missed codes do not matter: hold it there until the bar is full.',
  'camera.receive.progress': 'Read from the sending tablet',
  'camera.receive.progressWords': 'Read {percent}% of what the sending tablet is showing.',
  'camera.receive.checking': 'Everything read. Checking it before anything is added…',
  'camera.receive.previewHeading': 'What the sending tablet brings',
  'camera.receive.from': 'From {device}, {size} read by the camera.',
  'camera.receive.add': 'Add to this tablet',
  'camera.receive.adding': 'Adding…',
  'camera.receive.again': 'Read the codes again',
  'camera.receive.back': 'Show this tablet’s code again',

  // Sending
  'camera.send.heading': 'Send by camera',
  'camera.send.scanIntro':
    'Step 1 of 2: on the receiving tablet, press “Receive by camera”. Then point this tablet’s camera at the code it shows.',
  'camera.send.making': 'Preparing what {device} does not have yet…',
  'camera.send.showIntro':
    'Step 2 of 2: hold this screen in front of {device}’s camera until {device} says it has read everything.',
  'camera.send.what': 'Sending {what} to {device} ({size}).',
  'camera.send.scanAgain': 'Scan a new code',
  'camera.send.nothingNew':
    '{device} already has everything on this tablet: there is nothing new to send. The codes only let {device} check it ({size}).',
  // Nothing a count names, but other changes (settings, tablet names, turns where nothing was done).
  'camera.send.otherChanges':
    '{device} already has every idea, comment and resident on this tablet. Sending only smaller changes it lacks, such as the session’s settings or tablet names ({size}).',
  'camera.send.codes': 'Moving codes for {device}’s camera',
  'camera.send.pause': 'Pause the codes',
  'camera.send.resume': 'Carry on showing the codes',
  'camera.send.paused': 'Paused. {device} keeps what it has read so far.',
  'camera.send.finish': '{device} has everything: finish',
  'camera.send.tooLarge':
    'This is too much to send by camera (more than about 2 MB). Use “Save the file” and move it by USB stick or cable, or send it to a nearby device.',
  'camera.send.failed': 'The codes could not be prepared: {reason}',
  'camera.send.requestUnreadable':
    'That code could not be read as a receiving tablet’s code. On the receiving tablet, start again.',

  // Either side
  'camera.start': 'Start the camera',
  'camera.view': 'Camera view',
  'camera.stop': 'Stop the camera',
  'camera.starting': 'Starting the camera…',
  'camera.point': 'Point the camera at the other tablet’s screen. Hold it still.',
  'camera.cancel': 'Cancel',
  'camera.close': 'Close',

  // Codes the camera saw that are not the ones it wants: ignored, and said.
  'camera.frame.notAFrame': 'The camera sees a QR code that is not a tablet’s transfer code. Ignored.',
  'camera.frame.damaged': 'A code was misread or has been changed. It was ignored: nothing from it is used.',
  'camera.frame.newerVersion':
    'These codes come from a newer version of the app. Update this tablet, then try again. Nothing has been changed.',
  'camera.frame.otherSession':
    'A code from a tablet in another session was ignored. Nothing from it will be added to this session.',
  'camera.frame.otherTablet':
    'These codes answer another tablet’s code, or a code this tablet showed before the app was closed, so they were ignored. On the sending tablet, scan this tablet’s code again.',
  'camera.frame.otherTransfer':
    'A code from another transfer was ignored. Keep the camera on the tablet you started with.',
  'camera.frame.otherKindReceive':
    'That is a receiving tablet’s code. Point this camera at the sending tablet’s moving codes.',
  'camera.frame.otherKindSend':
    'That is a sending tablet’s code. Point this camera at the code on the receiving tablet.',

  // What was read does not merge: nothing is applied.
  'camera.error.damaged':
    'What the camera read does not match what the sending tablet sent, so nothing has been added. Read the codes again.',
  'camera.error.wrongSession': 'These codes are for another session, so nothing has been added.',
  'camera.error.newerVersion':
    'These codes come from a newer version of the app, so nothing has been added. Update this tablet, then try again.',
  'camera.error.incomplete':
    'These codes were made for another tablet, or before this tablet last changed, so they cannot be added on their own. Nothing has been added. Start again from step 1.',
  'camera.error.badContent': {
    one: 'The sending tablet sent a change this app never makes, so nothing has been added (1 problem found).',
    other:
      'The sending tablet sent changes this app never makes, so nothing has been added ({count} problems found).',
  },
  'camera.error.other': 'Nothing has been added: {reason}',

  // Camera problems
  'camera.problem.refused':
    'This tablet is not allowed to use the camera. Allow the camera for this app in the browser’s settings, then try again.',
  'camera.problem.noCamera':
    'No camera was found on this tablet. Use session files instead (on the session’s dashboard).',
  'camera.problem.busy': 'Another app is using the camera. Close it, then try again.',
  'camera.problem.insecure':
    'The camera works only when the app is opened from its secure address (https). Use session files instead.',
  'camera.problem.failed': 'The camera could not start. Try again, or use session files instead.',
  'camera.problem.loadFailed': 'The code reader could not start on this tablet. Use session files instead.',
} satisfies Catalogue;
