/**
 * The officer view (council office): sessions by neighbourhood, participation, results, tracing, exports and
 * the report. Loaded with those screens only, registered with addMessages() by src/ui/officer/messages.ts.
 */
export const officer = {
  'officer.heading': 'Council results',
  'officer.lead':
    'Every session the council holds, by neighbourhood. Open one session, or a neighbourhood’s sessions together.',
  'officer.crumbs': 'Where you are',
  'officer.backHome': 'Back to this device’s sessions',
  'officer.backToList': 'All neighbourhoods',
  'officer.notEnrolled':
    'This screen is for council officers. Enrol this device as an officer first: ask the council’s administrator for an officer enrolment code.',
  'officer.notOfficer':
    'This device is enrolled as a facilitator’s device. Results are read on a device enrolled as an officer’s.',
  'officer.listing': 'Asking the council server for its sessions…',
  'officer.tryAgain': 'Try again',
  'officer.noSessions': 'The council server holds no sessions yet.',
  'officer.noNeighbourhood': 'No neighbourhood given',
  'officer.openArea': {
    one: 'Open {neighbourhood}: {count} session',
    other: 'Open {neighbourhood}: {count} sessions together',
  },
  'officer.sessionMeta': '{date}, {venue}',
  'officer.areaEmpty': 'The council server holds no sessions for this neighbourhood.',
  'officer.areaLead': {
    one: '{count} session. Participation is added up; results are counted for each session.',
    other:
      '{count} sessions together. Participation is added up; results are counted for each session, as each has its own pot.',
  },
  'officer.sessionLead': '{neighbourhood} · {date} · {venue}',
  'officer.sessionLoading': 'Session (loading…)',
  'officer.syncHeading': 'Up to date with the council?',
  'officer.syncStarting': 'Starting…',
  'officer.syncNow': 'Sync now',
  'officer.openReport': 'Printable report',
  'officer.loadFailed': 'The session could not be opened on this device: {reason}',
  'officer.waitingForContent': 'Bringing the session from the council server…',
  'officer.deviceName': 'Device {id}',
  'officer.yes': 'Yes',
  'officer.no': 'No',

  'officer.participation.definition':
    'Residents who took part are the people who did something: answered a question about themselves, put forward a proposal, commented, or set priorities (paper ballots included). Each is counted once. A turn where someone agreed and then left, timed out or handed over before doing anything is not counted as a resident; those turns are shown apart.',
  'officer.participation.suppression':
    'Counts under {n} are not shown, so that no resident can be picked out; another count may be hidden too when it would give a small one away.',
  'officer.participation.noAboutYou': 'These sessions asked no “about you” questions.',
  'officer.councilKey.sealed':
    'Residents’ answers about themselves are sealed to the council key. Sealed: {count}. Opened on this device: {opened}. Answers not opened are left out of the tables below.',
  'officer.councilKey.load': 'Load the council key file',
  'officer.councilKey.forget': 'Forget the keys on this device',
  'officer.councilKey.loaded': 'Council key {kid} loaded.',
  'officer.councilKey.notAKeyFile':
    '{fileName} is not a council key file (the file made by npm run admin -- council-key).',
  'officer.councilKey.keyIdMismatch':
    '{fileName} is damaged: its key does not match its key id. Use the original file.',
  'officer.councilKey.missingKey':
    'Some answers are sealed to council key {kid}, which is not loaded: load that key file to count them.',
  'officer.councilKey.damaged':
    'Answers that were changed or copied from another record, so not counted: {count}.',
  'officer.councilKey.memoryOnly':
    'The key is kept only while this page is open: it is never saved on this device.',

  'officer.money.heading': 'The money map',
  'officer.money.pot': 'The pot for this session: {pot}',
  'officer.money.caption': 'Public money spent in the neighbourhood each year',
  'officer.money.poolableTotal': 'Money that can be pooled',

  'officer.results.heading': 'Results',
  'officer.results.method': 'How residents set priorities: {method}',
  'officer.results.rule': 'Counting rule',
  'officer.results.tieBreak': 'Equal points: the proposal put forward first wins.',
  'officer.results.counting': 'Counting the funded proposals under “{rule}”…',
  'officer.results.fundedCounting': 'Counting…',
  'officer.results.countFailed': 'The funded proposals could not be worked out: {reason}',
  'officer.results.caption': 'Proposals counted under the rule “{rule}”',
  'officer.results.decision': 'Council decision',
  'officer.rule.votes': 'Votes only',
  'officer.rule.greedy': 'Most votes within the pot',
  'officer.rule.mes': 'Method of Equal Shares',
  'officer.rule.borda': 'Borda count',
  'officer.ruleText.votes':
    'Votes per proposal: dots given, one per budget choice, or K, K−1, … for a ranking of K places (a choice of a hidden proposal is skipped and later choices move up a place). Decides no funding.',
  'officer.ruleText.greedy':
    'Proposals taken by most votes; a proposal that no longer fits the pot is skipped and the list carried on. A proposal nobody chose is never funded, even when money is left.',
  'officer.ruleText.mes':
    'Each resident gets an equal share of the pot to spend on the proposals they chose; the Add1 completion then raises the shares while the outcome still fits the pot.',
  'officer.ruleText.borda':
    'Borda count over the rankings (a choice of a hidden proposal is skipped and later choices move up a place); proposals are funded by Borda score within the pot, skipping one that no longer fits. A proposal nobody ranked is never funded, even when money is left.',

  'officer.ideas.heading': 'Each proposal',
  'officer.ideas.lead':
    'Open a proposal to record the council’s decision on it (residents see it at the next workshop), and to see the ballots behind its figure, the ballots not counted and why, and residents’ comments.',
  'officer.ideas.noDecision': 'No decision yet',
  'officer.ideas.summary': '{points} · {comments} · {cost}',
  'officer.ideas.comments': { one: '{count} comment', other: '{count} comments' },
  'officer.trace.heading': 'The ballots behind this figure',
  'officer.trace.total': {
    one: '{points} from {count} resident’s ballot (a resident who chose a proposal and its duplicate counts once).',
    other:
      '{points} from {count} residents’ ballots (a resident who chose a proposal and its duplicate counts once).',
  },
  'officer.trace.caption': 'Ballots counted for “{title}”',
  'officer.trace.participant': 'Resident',
  'officer.trace.device': 'Device',
  'officer.trace.time': 'Time',
  'officer.trace.points': 'Points',
  'officer.trace.via': 'Chose',
  'officer.trace.via.direct': 'This proposal',
  'officer.trace.via.merged': 'A duplicate merged into it',
  'officer.trace.via.both': 'This proposal and a duplicate (counted once)',
  'officer.trace.excludedCaption': {
    one: '{count} ballot naming this proposal is not counted',
    other: '{count} ballots naming this proposal are not counted',
  },
  'officer.comments.heading': { one: '{count} comment', other: '{count} comments' },
  'officer.comments.none': 'No comments on this proposal.',

  'officer.excluded.heading': 'Ballots not counted',
  'officer.excluded.none': 'Every ballot is counted.',
  'officer.excluded.caption': {
    one: '{count} ballot is not counted, and why',
    other: '{count} ballots are not counted, and why',
  },
  'officer.excluded.why': 'Why',

  'officer.day.heading': 'Over the day',
  'officer.day.none': 'No resident has taken part yet.',

  'officer.paper.summary': 'Paper ballots: enter or import sheets',
  'officer.paper.count': {
    one: '{count} paper ballot counted',
    other: '{count} paper ballots counted',
  },
  'officer.exports.heading': 'Download',
  'officer.exports.lead': 'Results files are counted under the rule chosen above (“{rule}”).',
  'officer.exports.results': 'Results (CSV)',
  'officer.exports.ballots': 'Every ballot (CSV)',
  'officer.exports.participation': 'Who took part (CSV)',
  'officer.exports.json': 'Everything (JSON)',
  'officer.exports.pb': 'Pabulib election (.pb)',
  'officer.exports.report': 'Printable report',
  'officer.exports.done': 'Saved “{fileName}”. Look for it in this device’s downloads.',
  'officer.exports.failed': 'The file could not be made: {reason}',
  'officer.exports.audience': 'Who is the download for?',
  'officer.exports.forCouncil':
    'For the council: everything, including hidden proposals, moderation notes and which tablet each record came from',
  'officer.exports.forPublishing':
    'For publishing (open data): no hidden proposals or moderation notes, no counts under 5, and nothing that links one resident’s proposals, comments and ballot',
  'officer.exports.jsonPublishing': 'Open data (JSON)',

  'officer.report.back': 'Back to the results',
  'officer.report.print': 'Print or save as PDF',
};
