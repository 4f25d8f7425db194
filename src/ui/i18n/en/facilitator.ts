import type { Catalogue } from '../types';

/** Facilitator mode and the home screen. */
export const facilitator = {
  'home.lead': 'Plan how public money is spent in your neighbourhood, together. Works on shared tablets with no wifi.',
  'home.demoHeading': 'Try it in a minute',
  'home.demoText':
    'Open a demo workshop for Northmoor: a money map of nine funding streams, 23 ideas and residents’ comments.',
  'home.demoPin': 'The demo’s facilitator PIN is {pin}.',
  'home.demoOpen': 'Open the demo session',
  'home.demoPreparing': 'Preparing the demo…',
  'home.sessionsHeading': 'Sessions on this tablet',
  'home.noSessions': 'There are no sessions on this tablet yet.',
  'home.sessionMeta': '{neighbourhood} · {date} · {venue}',
  'home.ideaCount': { one: '{count} idea', other: '{count} ideas' },
  'home.create': 'Create a session',
} satisfies Catalogue;
