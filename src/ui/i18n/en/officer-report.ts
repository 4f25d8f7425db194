import type { Catalogue } from '../types';

/**
 * The officer view's charts and printable report, and the names of the figures they share with the officer
 * screen: one key per figure (results.*, participation.*), so a column or figure has one name on screen, on the
 * chart and on paper. Officers' word for what residents put forward is "proposal" (PRODUCT.md, "Words we use").
 * Loaded with the officer screens only (tablets in kiosk mode never download it) and registered there with
 * addMessages().
 */
export const officerReport = {
  // Results: the columns and figures of the officer screen's table, the chart and the report
  'results.col.rank': 'Rank',
  'results.col.proposal': 'Proposal',
  'results.col.theme': 'Theme',
  'results.col.cost': 'Cost',
  'results.col.supporters': 'Residents who chose it',
  'results.col.runningTotal': 'Running total of funded costs',
  'results.col.funded': 'Result under this rule',
  'results.funded': 'Funded',
  'results.notFunded': 'Not funded',
  // Each proposal's figure, named by how residents set priorities (by the rule for a Borda count)
  'results.figure.dots': 'Dots',
  'results.figure.budget': 'Votes',
  'results.figure.ranking': 'Ranking points',
  'results.figure.borda': 'Borda score',
  'results.count.dots': { one: '{count} dot', other: '{count} dots' },
  'results.count.budget': { one: '{count} vote', other: '{count} votes' },
  'results.count.ranking': { one: '{count} ranking point', other: '{count} ranking points' },
  'results.count.borda': 'Borda score {count}',
  'results.spent': {
    one: '{count} proposal funded: {spent} of the {pot} pot, {left} left over.',
    other: '{count} proposals funded: {spent} of the {pot} pot, {left} left over.',
  },
  'results.noFunding': 'The pot is {pot}. This rule ranks the proposals and decides no funding.',
  // Under a proposal's title: the duplicates merged into it, whose choices count for it
  'results.includes': 'includes: {titles}',
  'results.quoted': '“{title}”',

  // The proposals behind "Proposals hidden or merged into another", on the officer screen and in the report
  'notOnBallot.heading': 'Proposals not on the ballot',
  'notOnBallot.lead':
    'Put forward, but residents could not choose them: hidden by the facilitator, or merged into another proposal (a choice of a merged proposal counts for the one it was merged into).',
  'notOnBallot.hidden': '“{title}”: hidden by the facilitator. Reason: {reason}',
  'notOnBallot.hiddenWithheld':
    '{title}: hidden by the facilitator. Its title and the reason are not printed, as they may name someone.',
  'notOnBallot.hiddenTitle': '(hidden title)',
  'notOnBallot.merged': '“{title}”: merged into {into}',

  // Participation: the officer screen's figures and tables, and the report's
  'participation.heading': 'Who took part',
  'participation.residents': 'Residents who took part',
  'participation.nothingDone': 'Turns ended with nothing done (not counted as residents)',
  'participation.proposals': 'Proposals put forward (hidden and merged ones included)',
  'participation.proposalsShown': 'Proposals shown to residents',
  'participation.proposalsApart': 'Proposals hidden or merged into another',
  'participation.comments': 'Comments',
  'participation.ballotsCounted': 'Ballots counted',
  'participation.ballotsExcluded': 'Ballots not counted',
  'participation.byChannel': 'On tablets and on paper',
  'participation.col.channel': 'How',
  'participation.channel.kiosk': 'On a tablet',
  'participation.channel.paper': 'Paper ballots (typed in)',
  'participation.byDevice': 'By device',
  'participation.col.device': 'Device',
  'participation.col.residents': 'Residents',
  'participation.col.proposals': 'Proposals',
  'participation.aboutYou': 'About the residents who agreed to answer',
  'participation.question': { one: '{text} ({count} resident)', other: '{text} ({count} residents)' },
  'participation.col.answer': 'Answer',
  'participation.suppressedSmall': 'fewer than {n}',
  'participation.suppressedOther': 'hidden',

  // The money map: the columns of the officer screen's table and the report's
  'money.col.body': 'Public body',
  'money.col.service': 'Service',
  'money.col.annual': 'Each year',
  'money.col.poolable': 'Can be pooled',

  // Charts: shared
  'chart.showTable': 'Show as a table',
  'chart.hideTable': 'Hide the table',
  'chart.empty': 'Nothing to show yet.',

  // Results chart
  'chart.results.caption': 'Results: proposals in the order the rule ranks them, with the pot',
  'chart.results.captionCost':
    'Where the money goes: each funded proposal’s cost added to the ones above it, against the pot',
  'chart.results.summaryPoints':
    'Bar chart of {count} proposals in the order the rule ranks them. Highest: “{top}” with {points}. {funded} The pot is {pot}.',
  'chart.results.summaryCost':
    'Bar chart of {count} proposals by cost, each starting where the funded ones above it end. {funded} The pot is {pot}; {spent} is spent and {left} is left over.',
  'chart.results.summaryFunded': {
    zero: 'No proposal is funded.',
    one: '{count} proposal is funded.',
    other: '{count} proposals are funded.',
  },
  'chart.results.summaryNoFunding': 'This rule decides no funding.',
  'chart.results.more': {
    one: 'and {count} more proposal in the table',
    other: 'and {count} more proposals in the table',
  },
  'chart.results.pot': 'Pot {pot}',
  'chart.results.potRunsOut': 'The pot, {pot}, covers the proposals above this line, in this order',
  'chart.results.value': '{points} · {cost}',
  'chart.results.costFrom': '{cost}, from {from} to {to}',
  'chart.results.tableCaption': 'Results, every proposal',

  // Participation chart
  'chart.hours.caption': 'Residents who took part, hour by hour',
  'chart.hours.summary': {
    one: 'Bar chart of residents per hour, 1 hour starting {first}. Busiest: {busiest} with {residents}. {total} in all.',
    other:
      'Bar chart of residents per hour, {count} hours from {first} to {last}. Busiest: {busiest} with {residents}. {total} in all.',
  },
  'chart.hours.residents': { one: '{count} resident', other: '{count} residents' },
  'chart.hours.tableCaption': 'Residents per hour',
  'chart.hours.col.hour': 'Hour starting',
  // Paper residents are not in the hours chart (src/domain/results/participation.ts): said under it
  'chart.hours.paperLeftOut': {
    one: '{count} resident who took part on paper is not in this chart: a paper sheet has no time of day.',
    other:
      '{count} residents who took part on paper are not in this chart: a paper sheet has no time of day.',
  },
  'chart.hours.paperRow': 'Took part on paper (no time of day)',
  'chart.hours.paperOnly': {
    one: '{count} resident took part, on paper. A paper sheet has no time of day, so there is no chart of the hours.',
    other:
      '{count} residents took part, all on paper. A paper sheet has no time of day, so there is no chart of the hours.',
  },

  // Report
  'report.label': 'Report',
  'report.print': 'Print or save as PDF',
  'report.generatedAt': 'Report made on {when}',
  'report.neighbourhood': 'Neighbourhood: {name}',
  'report.sessions.heading': 'Sessions',
  'report.sessions.caption': 'The sessions this report counts',
  'report.sessions.col.title': 'Session',
  'report.sessions.col.date': 'Date',
  'report.sessions.col.venue': 'Venue',
  'report.method.heading': 'How the results were counted',
  'report.method.method': 'Method',
  'report.method.rule': 'Counting rule',
  'report.method.tieBreak': 'Ties',
  'report.participation.caption': 'Participation in numbers',
  'report.participation.col.what': 'What',
  'report.participation.col.count': 'Number',
  'report.participation.definition':
    'Residents who took part are the people who did something: answered a question about themselves, put forward a proposal, commented, or set priorities (paper ballots included), each counted once. Every figure below is about these residents. Ballots not counted are kept, not deleted; the officer view gives the reason for each.',
  'report.aboutYou.note':
    'Counts under 5 are shown as “fewer than 5”, and where only one would be hidden a second is hidden too, so nobody can be picked out.',
  'report.results.heading': 'Results',
  'report.money.heading': 'The money map',
  'report.money.intro': 'Where the pot comes from. Only poolable money can go into the pot.',
  'report.money.caption': 'Funding streams',
  'report.money.pot': 'The pot',
  'report.money.none': 'No funding streams were entered.',
  'report.decisions.heading': 'You said, we did: decisions so far',
  'report.decisions.caption': 'What became of each proposal',
  'report.decisions.col.decision': 'Decision',
  'report.decisions.col.amount': 'Amount',
  'report.decisions.col.reason': 'Why',
  'report.decisions.col.when': 'Recorded',
  'report.decisions.none': 'No decisions recorded yet: every proposal is still waiting for one.',
  'report.comments.heading': 'What residents said',
  'report.comments.none': 'No comments.',
  'report.comments.on': 'On “{title}”',
  'report.comments.count': {
    one: 'The only comment on this proposal',
    other: 'One of {count} comments on this proposal',
  },
} satisfies Catalogue;
