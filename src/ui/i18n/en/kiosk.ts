import type { Catalogue } from '../types';

/**
 * The resident's first screen (welcome, consent) and what the shell draws on any step: always loaded. The steps
 * after "I agree" have their words in ./kioskLater.ts, which comes with them. Plain words: a 12-year-old and an
 * 85-year-old should both understand them.
 */
export const kiosk = {
  // The strip above every screen
  'kiosk.bar.facilitator': 'Facilitator',

  // Loading problems
  'kiosk.failed.title': 'This tablet cannot open the session',
  'kiosk.failed.text': 'Please ask the facilitator for help.',
  'kiosk.missing.text': 'Please ask the facilitator to set up this tablet.',

  // Welcome
  'kiosk.welcome.title': 'Welcome',
  'kiosk.welcome.lead':
    'Help decide how {pot} is spent in {neighbourhood}. It takes about 10 minutes. We do not ask your name.',
  'kiosk.welcome.language': 'Choose your language',
  'kiosk.welcome.start': 'Start',
  'kiosk.welcome.endedThanks': 'Thank you to everyone who took part.',

  // Consent
  'kiosk.consent.title': 'Before you start',
  'kiosk.consent.lead': 'Please read how we use what you tell us.',
  'kiosk.consent.question': 'Are you happy with this?',
  'kiosk.consent.agree': 'I agree',
  'kiosk.consent.decline': 'No thanks',

  // Facilitator
  'kiosk.facilitator.title': 'Hand over to the facilitator?',
  'kiosk.facilitator.text':
    'This ends the current turn. Everything already saved stays saved. The facilitator will need their PIN.',
  'kiosk.facilitator.confirm': 'Yes, end the turn',
  'kiosk.facilitator.cancel': 'No, go back',

  // Idle
  'kiosk.idle.title': 'Still there?',
  'kiosk.idle.text':
    'This screen will soon start again for the next person. Everything you saved stays saved.',
  'kiosk.idle.stay': 'I’m still here',

  // Kiosk mode: files shared to a tablet that is a kiosk
  'kiosk.lock.shareRefused.title': 'This tablet is being used as a kiosk',
  'kiosk.lock.shareRefused.text':
    'Files cannot be added while it is a kiosk, so nothing was kept. The facilitator can unlock facilitator mode with their PIN and share the files again.',
  'kiosk.lock.backToKiosk': 'Back to the kiosk',
} satisfies Catalogue;
