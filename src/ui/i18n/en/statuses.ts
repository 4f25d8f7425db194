import type { Catalogue } from '../types';

/**
 * The officer's status editor ("You said, we did"). Loaded with the officer screens and registered by
 * src/ui/officer/status/messages.ts, so tablets in kiosk mode never download it. Officers' screens only, so it
 * says "proposal", officers' word (PRODUCT.md, "Words we use"); residents read decisions in kioskEarlier.ts.
 */
export const statuses = {
  'status.kind.submitted': 'Submitted: not decided yet',
  'status.kind.shortlisted': 'Shortlisted',
  'status.kind.funded': 'Funded',
  'status.kind.in-delivery': 'In delivery: being built or set up',
  'status.kind.done': 'Done',
  'status.kind.not-taken-forward': 'Not taken forward',
  'status.short.submitted': 'Submitted',
  'status.short.shortlisted': 'Shortlisted',
  'status.short.funded': 'Funded: {amount}',
  'status.short.in-delivery': 'In delivery',
  'status.short.done': 'Done',
  'status.short.not-taken-forward': 'Not taken forward: {reason}',
  'status.editor.legend': 'What has happened to this proposal?',
  'status.editor.now': 'Now: {status}',
  'status.editor.cost': 'Rough cost: {cost}',
  'status.editor.hidden': 'Hidden from residents by the facilitator.',
  'status.editor.amountLabel': 'Amount funded',
  'status.editor.amountHint': 'In pounds, for example 12000 or 12,000.50.',
  // Under the amount while it is typed: how the app reads it ("12,000.5" -> £12,000.50), before saving.
  'status.editor.amountReadAs': 'Read as {amount}',
  'status.editor.overCost':
    'This is more than the proposal’s rough cost of {cost}. That is allowed; residents will see the amount funded.',
  'status.editor.reasonLabel': 'Why is it not being taken forward?',
  'status.editor.reasonHint': 'Residents will read this at the next workshop. Please use plain words.',
  'status.editor.save': 'Save status',
  'status.editor.saveFor': 'Save status: {title}',
  'status.editor.historyHeading': 'History',
  'status.editor.historyNone': 'No status recorded yet: this proposal is submitted.',
  'status.editor.historyReason': 'Why:',
  'status.editor.historyBy': 'Recorded by {who} on {when}.',
  'status.list.heading': 'You said, we did: what became of each proposal',
  'status.list.lead':
    'Residents see these decisions at the next workshop in {neighbourhood}: the proposal’s title and what was decided, nothing else.',
  'status.list.none': 'This session has no proposals yet.',
} satisfies Catalogue;
