import type { Catalogue } from '../types';

/**
 * The facilitator dashboard's "Read aloud on this tablet": which of the session's languages this tablet can read
 * aloud, what to install, and language sound packs (adding, removing, recording). Registered with addMessages()
 * by src/ui/speech/staffMessages.ts, loaded with that section only.
 */
export const readAloudStaff = {
  'speech.heading': 'Read aloud on this tablet',
  'speech.intro':
    'Residents can have each screen and each idea read aloud in their language. The Read aloud button is only offered where this tablet has a voice for that language that works offline, or a recorded sound pack: never a voice of another language.',
  'speech.updates': 'Tablets find their voices slowly after starting: this list updates by itself.',
  'speech.noSynthesis': 'This browser has no voices to read aloud with. Recorded sound packs still play.',
  'speech.language': 'Language',
  'speech.canRead': 'Can this tablet read it aloud?',
  'speech.offline': 'Yes, offline, with the voice “{voice}”.',
  'speech.online':
    'Only online: the voice “{voice}” needs the internet, so residents are not offered it. Install a voice that works offline.',
  'speech.none': 'No voice for this language on this tablet.',
  'speech.pack': {
    one: 'Recorded sound pack: {count} screen.',
    other: 'Recorded sound pack: {count} screens.',
  },
  'speech.packStale': {
    one: '{count} recording no longer matches the screen’s words, so it is not played: record it again.',
    other:
      '{count} recordings no longer match the screens’ words, so they are not played: record them again.',
  },
  'speech.notOffered': 'Residents are not offered Read aloud in this language.',
  'speech.install.heading': 'To add a voice for {language}',
  'speech.install.android':
    'On an Android tablet: Settings > System > Languages > Text-to-speech output, then the engine’s settings > Install voice data > {language}.',
  'speech.install.ipad':
    'On an iPad: Settings > Accessibility > Spoken Content > Voices > {language}, then download a voice.',
  'speech.install.windows': 'On Windows: Settings > Time & language > Speech > Add voices > {language}.',
  'speech.install.noVoice':
    'Where no voice for {language} can be installed (Welsh and Urdu are missing on many tablets), record a sound pack and add it here.',
  'speech.install.restart': 'Close the browser and open the app again after installing a voice.',

  // Sound packs on this tablet
  'speech.packs.heading': 'Sound packs',
  'speech.packs.intro':
    'A sound pack holds the kiosk screens’ headings and instructions recorded in one language by someone who speaks it. Where a screen has a recording, Read aloud plays it instead of a voice. Ideas residents write are only read by a voice.',
  'speech.packs.none': 'This tablet has no sound packs.',
  'speech.packs.item': {
    one: '{language}: {count} screen, recorded {date} (file “{fileName}”).',
    other: '{language}: {count} screens, recorded {date} (file “{fileName}”).',
  },
  'speech.packs.remove': 'Remove the sound pack for {language}',
  'speech.packs.removed': 'The sound pack for {language} was removed from this tablet.',
  'speech.packs.addHeading': 'Add a sound pack file',
  'speech.packs.addLabel': 'Sound pack file',
  'speech.packs.addHint':
    'A .json file recorded with this app, at most {maxSize}. It replaces this tablet’s pack for the same language.',
  'speech.packs.added': {
    one: 'Added the sound pack for {language}: {count} screen.',
    other: 'Added the sound pack for {language}: {count} screens.',
  },
  'speech.packs.failed': 'The sound pack could not be stored on this tablet: {reason}',

  // Refused sound pack files: each ends with what happened (nothing)
  'speech.refused.tooLarge':
    '“{fileName}” is {size}: a sound pack can be at most {maxSize}. Nothing was added.',
  'speech.refused.notJson': '“{fileName}” is not a sound pack file. Nothing was added.',
  'speech.refused.wrongFormat': '“{fileName}” is not a sound pack made with this app. Nothing was added.',
  'speech.refused.newerVersion':
    '“{fileName}” was made by a newer version of the app (sound pack version {version}). Update the app on this tablet, then add it again. Nothing was added.',
  'speech.refused.wrongVersion':
    '“{fileName}” has a sound pack version this app does not know ({version}). Nothing was added.',
  'speech.refused.unknownLanguage':
    '“{fileName}” is for a language this app does not have ({language}). Nothing was added.',
  'speech.refused.noClips': '“{fileName}” has no recordings in it. Nothing was added.',
  'speech.refused.badClip': 'Recording {n} in “{fileName}” is damaged ({field}). Nothing was added.',
  'speech.refused.unknownPrompt':
    'Recording {n} in “{fileName}” is for a screen this app does not have ({prompt}). Nothing was added.',
  'speech.refused.twoClips':
    '“{fileName}” has two recordings for the same screen ({prompt}). Nothing was added.',
  'speech.refused.clipTooLarge':
    'Recording {n} in “{fileName}” is {size}: each recording can be at most {maxSize}. Nothing was added.',
  'speech.refused.clipTooLong':
    'Recording {n} in “{fileName}” lasts {seconds} seconds: each recording can be at most {maxSeconds} seconds. Nothing was added.',
  'speech.refused.unreadable': 'This tablet could not read “{fileName}”. Nothing was added.',

  // Recording a sound pack
  'speech.record.open': 'Record a sound pack',
  'speech.record.heading': 'Record a sound pack',
  'speech.record.intro':
    'Choose a language, then record each screen’s words as they are written here, in a quiet room. A recording can last at most {maxSeconds} seconds. Then save the file and add it on every tablet.',
  'speech.record.language': 'Language to record',
  'speech.record.prompt': 'Screen {n} of {total}',
  'speech.record.notYet': 'Not recorded yet.',
  'speech.record.done': 'Recorded: {seconds} seconds.',
  'speech.record.recording': 'Recording. Read the words, then tap Stop.',
  'speech.record.start': 'Record',
  'speech.record.again': 'Record again',
  'speech.record.stop': 'Stop',
  'speech.record.play': 'Play back',
  'speech.record.noMic':
    'This tablet did not let the app use its microphone. Allow the microphone for this app in the browser’s settings, then try again.',
  'speech.record.unsupported': 'This browser cannot record sound. Use Chrome or Safari on a recent tablet.',
  'speech.record.empty': 'Nothing was recorded. Check the microphone, then record again.',
  'speech.record.tooLarge':
    'That recording is too large ({size}; at most {maxSize}). Record it again, shorter.',
  'speech.record.stoppedAtMax':
    'The recording stopped at {maxSeconds} seconds, the longest a recording can be.',
  'speech.record.count': {
    one: '{count} of {total} screens recorded.',
    other: '{count} of {total} screens recorded.',
  },
  'speech.record.save': 'Save the sound pack file',
  'speech.record.saved': 'Saved “{fileName}”. Add it on each tablet under “Add a sound pack file”.',
  'speech.record.use': 'Use it on this tablet too',
  'speech.record.nothing': 'Record at least one screen first.',
  'speech.record.close': 'Close the recorder',
} satisfies Catalogue;
