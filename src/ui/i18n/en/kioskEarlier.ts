/**
 * The kiosk's "What happened to earlier ideas" step: registered by src/ui/kiosk/EarlierIdeasStep.tsx, which
 * loads only when a device holds decisions on earlier ideas. (The hub's tile text stays in kiosk.ts.)
 */
import type { Catalogue } from '../types';

export const kioskEarlier = {
  'kiosk.earlier.title': 'What happened to earlier ideas',
  'kiosk.earlier.lead':
    'People shared these ideas at earlier workshops in {neighbourhood}. This is what the council decided.',
  'kiosk.earlier.group.done': 'Done',
  'kiosk.earlier.group.in-delivery': 'Being built',
  'kiosk.earlier.group.funded': 'Funded',
  'kiosk.earlier.group.shortlisted': 'On the shortlist',
  'kiosk.earlier.group.not-taken-forward': 'Not taken forward',
  'kiosk.earlier.funded': 'Funded: {amount}',
  'kiosk.earlier.notTaken': 'Not taken forward: {reason}',
  'kiosk.earlier.from': 'From the workshop on {date}',
} satisfies Catalogue;
