import type { Catalogue } from '../types';

/**
 * Session files: saving a session to a file and adding files from other tablets. Loaded with the screens that
 * use it (the facilitator dashboard's "Session files" and the home screen's import), registered with
 * addMessages() by src/ui/facilitator/files/messages.ts.
 */
export const files = {
  // Dashboard section
  'files.heading': 'Session files',
  'files.intro':
    'Move this session between tablets with no network: save a session file here, copy it to the facilitator’s tablet (USB stick, AirDrop, Nearby Share or email), and add it there.',
  'files.save.heading': 'Save a session file',
  'files.save.text': 'Saves everything this tablet has for this session in one file.',
  'files.save.button': 'Save a session file',
  'files.save.busy': 'Saving the file…',
  'files.save.done': 'Saved “{fileName}” with {what}. Look for it in this tablet’s downloads.',
  'files.save.doneEmpty': 'Saved “{fileName}”. Look for it in this tablet’s downloads.',
  'files.save.failed': 'The session file could not be made: {reason}',
  'files.import.heading': 'Add session files from other tablets',
  'files.import.text':
    'Choose the files saved on the other tablets. You will see what they add before anything changes. Adding the same file twice adds nothing twice.',

  // Home screen
  'files.home.heading': 'Import a session file',
  'files.home.text':
    'Bring a session from another tablet: choose the session file saved on it. If this tablet already has the session, what the file adds is merged into it.',

  // Choosing files
  'files.choose': 'Choose session files',
  'files.dropZone': 'Drag session files here, or',
  'files.dropHere': 'Drop the files to read them',
  'files.reading': {
    one: 'Reading the file…',
    other: 'Reading {count} files…',
  },
  'files.progress': 'Reading “{fileName}”',

  // Preview
  'files.preview.heading': 'What the files bring',
  'files.preview.adds': 'Adds {what} from {devices}.',
  'files.preview.addsOther': 'Brings small updates from {devices}.',
  'files.preview.replaces':
    'The files try again what this tablet holds as {what} (a sheet number put right, a decision saved again): the retries count in their place.',
  'files.preview.updated': {
    one: 'It also brings newer details for {count} resident already on this tablet.',
    other: 'It also brings newer details for {count} residents already on this tablet.',
  },
  'files.preview.nothingNew': {
    one: 'Nothing new: this tablet already has everything in this file.',
    other: 'Nothing new: this tablet already has everything in these files.',
  },
  'files.preview.newSession': 'A new session: “{title}”, with {what}, from {devices}.',
  'files.preview.newSessionEmpty': 'A new session: “{title}”, with no ideas yet, from {devices}.',
  'files.preview.intoSession': 'For the session “{title}” on this tablet.',
  'files.preview.source': '“{fileName}” from {device}, saved {when}',
  'files.apply': 'Add to this session',
  'files.applyNew': 'Add this session to the tablet',
  'files.applying': 'Adding…',
  'files.done': 'Added {what} from {devices}.',
  'files.doneOther': 'Added the updates from {devices}.',
  'files.doneNothing': 'Nothing was added: this tablet already had everything.',

  // Counts in sentences
  'files.n.proposals': { one: '{count} idea', other: '{count} ideas' },
  'files.n.comments': { one: '{count} comment', other: '{count} comments' },
  'files.n.ballots': { one: '{count} ballot', other: '{count} ballots' },
  'files.n.participants': { one: '{count} resident', other: '{count} residents' },
  'files.n.moderation': { one: '{count} moderation decision', other: '{count} moderation decisions' },
  'files.n.statuses': { one: '{count} decision on an idea', other: '{count} decisions on ideas' },
  'files.n.settings': { one: '{count} change to the settings', other: '{count} changes to the settings' },
  'files.n.devices': { one: '{count} tablet name', other: '{count} tablet names' },
  'files.n.paperTypings': {
    one: '{count} typing of a paper sheet',
    other: '{count} typings of paper sheets',
  },

  // Refusals that are not one of the file's own error codes
  'files.mixedSessions':
    '“{fileName}” is for a different session from the other files. Add the files for one session at a time. Nothing has been changed.',
  'files.unreadable':
    '“{fileName}” could not be opened on this tablet. Copy it again, then try again. Nothing has been changed.',
  'files.wrongSessionNoTitle':
    '“{fileName}” is for another session, not this one. Nothing has been changed. To add that session to this tablet, import the file from the home screen.',

  // One sentence per SessionFileError code, naming the file
  'fileError.tooLarge':
    '“{fileName}” is too large to be a session file ({size}; the most this tablet accepts is {limit}). Nothing has been changed.',
  'fileError.notASessionFile':
    '“{fileName}” is not a session file from this app. Session files end in .codesign. Nothing has been changed.',
  // A file named like a session file that is not one: say what is wrong with it, not what its name should be.
  'fileError.notASessionFileNamed':
    '“{fileName}” is not a session file from this app, or it is damaged: {why} Save a new session file on the tablet it came from, then try again. Nothing has been changed.',
  'fileError.why.empty': 'the file is empty.',
  'fileError.why.magic':
    'it does not begin the way every session file does, so it may be another kind of file given a .codesign name.',
  'fileError.why.other': 'it cannot be read as one.',
  // Several files chosen at once, some refused: the others are still read and can be added.
  'files.someRefused': {
    one: '{count} of the files you chose was refused and will not be added. The others can be added below.',
    other:
      '{count} of the files you chose were refused and will not be added. The others can be added below.',
  },
  // The same, once the others were added: which files went in and which did not.
  'files.addedNotOthers': {
    one: 'Added what {added} brought. Not added: {notAdded}, for the reason below.',
    other: 'Added what {added} brought. Not added: {notAdded}, for the reasons below.',
  },
  'files.refusedAll': {
    one: 'The file you chose was refused.',
    other: 'None of the {count} files you chose can be added.',
  },
  'fileError.newerVersion':
    '“{fileName}” was made by a newer version of the app. Update the app on this tablet, then try again. Nothing has been changed.',
  'fileError.corrupt':
    '“{fileName}” is damaged and cannot be read. Save a new session file on the tablet it came from. Nothing has been changed.',
  'fileError.truncated':
    '“{fileName}” is incomplete: the copy stopped part way. Copy the file again from the tablet it came from, then try again. Nothing has been changed.',
  'fileError.checksumMismatch':
    '“{fileName}” has been changed since it was saved, so it cannot be trusted. Save a new session file on the tablet it came from. Nothing has been changed.',
  'fileError.wrongSession':
    '“{fileName}” is for another session, “{title}”, not this one. Nothing has been changed. To add that session to this tablet, import the file from the home screen.',
  'fileError.badContent':
    '“{fileName}” holds changes this app never makes, so it was refused ({count} problems found). Nothing has been changed.',
} satisfies Catalogue;
