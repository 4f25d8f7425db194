import type { Catalogue } from '../types';

/**
 * Things a facilitator or officer should look at after devices merged: a paper sheet typed differently on two
 * devices, a decision made on a proposal later merged into another, records made after the session was ended.
 * Loaded with the paper ballots panel and the officer view (src/ui/paper/messages.ts,
 * src/ui/officer/SessionChecks.tsx). Only `checks.paper.*` is shown to facilitators too (the paper ballots panel);
 * the rest is on officers' screens only, so it says "proposal", officers' word (PRODUCT.md, "Words we use").
 */
export const sessionChecks = {
  'checks.heading': 'Things to check',
  'checks.none':
    'Nothing to check: no sheet was typed differently, no decision sits on a merged proposal, and nothing came after the end.',

  // A paper sheet typed differently on two devices
  'checks.paper.title': 'Sheet {sheet} was typed differently on two devices',
  'checks.paper.titleMore': 'Sheet {sheet} was typed {count} different ways',
  'checks.paper.lead':
    'Until someone chooses, the sheet counts once, as version 1 (the later typing: the highest revision, then the latest time). Look at the paper sheet and keep the version that matches it.',
  'checks.paper.version': 'Version {number}',
  'checks.paper.counted': 'counted now',
  'checks.paper.typed': 'Typed on {device}, {time}',
  'checks.paper.nothing': 'Nothing chosen',
  'checks.paper.keep': 'Keep this one',
  'checks.paper.keepLabel': 'Keep this one: version {number} of sheet {sheet}',
  'checks.paper.kept': 'Sheet {sheet}: version {number} kept. It now counts for this sheet.',
  'checks.paper.inList': 'Typed differently on two devices: choose a version above',

  // Decisions on merged proposals (officers only)
  'checks.merged.heading': 'Decisions on merged proposals',
  'checks.merged.lead':
    'These decisions were made on a proposal before it was merged into another. Residents see the kept proposal only: record the decision on it if it still stands.',
  'checks.merged.item': 'On “{kept}”: decided on a duplicate, “{title}”, before it was merged. {decision}',
  'checks.merged.onIdea': 'Decided on a duplicate, “{title}”, before it was merged. {decision}',

  // Records after the session was ended
  'checks.afterEnd.heading': 'Records after the session was ended',
  'checks.afterEnd.summary': {
    one: '{count} record came after the session was ended on {device}, {time}.',
    other: '{count} records came after the session was ended on {device}, {time}.',
  },
  'checks.afterEnd.lead':
    'Tablets that had not heard that the session was ended kept taking turns. These records are counted. Times come from each device’s own clock, so a tablet with a wrong clock can be listed by mistake: check the device and the time before you decide.',
  'checks.afterEnd.caption': 'Records made after the end, oldest first',
  'checks.afterEnd.what': 'What',
  'checks.afterEnd.device': 'Device',
  'checks.afterEnd.time': 'Time',
  'checks.afterEnd.participant': 'A resident’s turn at a tablet',
  'checks.afterEnd.ballot': 'A ballot cast at a tablet',
  'checks.afterEnd.proposal': 'A proposal: “{title}”',
  'checks.afterEnd.comment': 'A comment on “{title}”',
} satisfies Catalogue;
