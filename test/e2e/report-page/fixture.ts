/**
 * Fixture for the report preview: a neighbourhood's figures as the officer screen would pass them, small enough
 * to check by eye and large enough (24 proposals) that the results chart draws the top 20 and leaves 4 to the
 * table. Shared by the page (test/e2e/report-page/main.tsx) and the test's assertions.
 */
import type { Participation } from '../../../src/domain/results/participation';
import type { ReportProps } from '../../../src/ui/officer/report/Report';

const POUND = 100;
export const POT_PENCE = 150_000 * POUND;

const TITLES = [
  'Safer crossing on Mill Lane',
  'Youth club evenings at the library',
  'Benches and shade in Ashfield Park',
  'Community fridge at the church hall',
  'Free bike repair Saturdays',
  'Allotment water butts',
  'Street lights on the canal path',
  'Warm space on winter weekdays',
  'Play area resurfacing',
  'Litter picking kits',
  'Dementia-friendly café',
  'Bus shelter at Station Road',
  'Wildflower verges',
  'Skate park ramp repair',
  'Community noticeboards',
  'Outdoor gym equipment',
  'Repair café tools',
  'Food growing at the school',
  'Walking group leaders',
  'Drop kerbs for wheelchairs',
  'Murals in the underpass',
  'Summer holiday lunches',
  'Seating at the bus station',
  'Tree planting on Oak Street',
];

// Costs in pounds. Greedy within the pot funds ranks 1 to 4 (£144,000), then only rank 9 (£4,000) still fits.
const COSTS = [
  60_000, 42_000, 30_000, 12_000, 25_000, 9_000, 18_000, 14_000, 4_000, 8_000, 22_000, 16_000, 7_500, 35_000,
  3_000, 28_000, 6_500, 11_000, 5_000, 19_000, 13_000, 17_500, 21_000, 9_500,
];

export const ROWS: ReportProps['rows'] = TITLES.map((title, i) => ({
  rank: i + 1,
  title,
  themeName: i % 2 === 0 ? 'Getting around' : 'Young people',
  points: 96 - i * 4,
  supporters: 60 - i * 2,
  costPence: (COSTS[i] ?? 0) * POUND,
  funded: i < 4 || i === 8,
}));

export const PARTICIPATION: Participation = {
  sessionIds: ['s1', 's2'],
  residents: 61,
  turnsWithNothingDone: 0,
  ideas: 31,
  ideasShown: 24,
  comments: 47,
  ballots: { counted: 58, excluded: 2 },
  byDevice: [
    {
      deviceId: 'tablet-blue',
      residents: 25,
      ideas: 12,
      comments: 20,
      ballotsCounted: 24,
      ballotsExcluded: 1,
    },
    {
      deviceId: 'tablet-green',
      residents: 21,
      ideas: 11,
      comments: 15,
      ballotsCounted: 20,
      ballotsExcluded: 0,
    },
    {
      deviceId: '7c1e9a04-5d2b-4f1e-8a33-0b9d6c2e4f70',
      residents: 15,
      ideas: 8,
      comments: 12,
      ballotsCounted: 14,
      ballotsExcluded: 1,
    },
  ],
  byChannel: {
    kiosk: { residents: 55, ballotsCounted: 52, ballotsExcluded: 2 },
    paper: { residents: 6, ballotsCounted: 6, ballotsExcluded: 0 },
  },
  aboutYou: [
    {
      questionId: 'age',
      text: 'Your age',
      total: 61,
      cells: [
        { option: 'Under 25', count: 14, shown: '14', suppressed: false, suppressedBecause: null },
        { option: '25 to 64', count: 35, shown: '35', suppressed: false, suppressedBecause: null },
        {
          option: '65 or over',
          count: null,
          shown: 'fewer than 5',
          suppressed: true,
          suppressedBecause: 'small',
        },
        {
          option: 'No answer',
          count: null,
          shown: 'fewer than 5',
          suppressed: true,
          suppressedBecause: 'complementary',
        },
      ],
    },
  ],
  // Tablet residents only (55): the 6 on paper have no time of day, and the chart says so.
  byHour: [
    { hour: '2026-11-24T10:00Z', residents: 8 },
    { hour: '2026-11-24T11:00Z', residents: 8 },
    { hour: '2026-11-24T12:00Z', residents: 6 },
    { hour: '2026-11-24T13:00Z', residents: 0 },
    { hour: '2026-11-24T14:00Z', residents: 11 },
    { hour: '2026-11-24T15:00Z', residents: 22 },
  ],
};

export const REPORT: ReportProps = {
  title: 'Ashfield North: what residents chose',
  neighbourhood: 'Ashfield North',
  sessions: [
    { title: 'Saturday at the library', date: '2026-11-24', venue: 'Ashfield Library' },
    { title: 'Market day stall', date: '2026-11-24', venue: 'Ashfield Market' },
  ],
  methodText: 'Budget: each resident shares out the pot between the ideas they choose.',
  // Two tablets named in the session; the third, unnamed, shows as "Tablet" and the start of its id.
  deviceNames: new Map([
    ['tablet-blue', 'Tablet 1 (blue case)'],
    ['tablet-green', 'Tablet 2'],
  ]),
  ruleText:
    'Greedy within the pot: proposals by descending points; a proposal that no longer fits is skipped.',
  tieBreakText: 'Equal points: the idea put forward first wins.',
  participation: PARTICIPATION,
  rows: ROWS,
  // A budget session: each proposal's figure is its votes, named as on the officer screen.
  figure: 'budget',
  potPence: POT_PENCE,
  fundingStreams: [
    {
      id: 'f1',
      publicBody: 'Ashfield City Council',
      service: 'Neighbourhood services',
      annualPence: 120_000 * POUND,
      isPoolable: true,
    },
    {
      id: 'f2',
      publicBody: 'NHS North Ashfield',
      service: 'Public health',
      annualPence: 30_000 * POUND,
      isPoolable: true,
    },
    {
      id: 'f3',
      publicBody: 'Ashfield City Council',
      service: 'Highways',
      annualPence: 500_000 * POUND,
      isPoolable: false,
    },
  ],
  topComments: [
    { proposalTitle: 'Safer crossing on Mill Lane', text: 'My children cross here every morning.', count: 9 },
    {
      proposalTitle: 'Youth club evenings at the library',
      text: 'Somewhere warm to go after school.',
      count: 6,
    },
    { proposalTitle: 'Free bike repair Saturdays', text: 'Half the bikes on our street have flat tyres.' },
  ],
  // "You said, we did": two ideas decided by an officer after the workshop.
  decisions: [
    {
      title: 'Safer crossing on Mill Lane',
      status: 'funded',
      amountPence: 60_000 * POUND,
      reason: '',
      decidedAt: '2026-12-03T14:05:00Z',
    },
    {
      title: 'Skate park ramp repair',
      status: 'not-taken-forward',
      amountPence: null,
      reason: 'The ramp belongs to the school; we have passed it on.',
      decidedAt: '2026-12-04T10:00:00Z',
    },
  ],
  generatedAt: '2026-11-25T09:30:00Z',
};

/** The same session under the plain vote count: ranked by points, no funding decided. */
export const VOTES_REPORT: ReportProps = {
  ...REPORT,
  ruleText: 'Votes: points per proposal.',
  rows: ROWS.map((r) => ({ ...r, funded: null })),
};

/** One unbroken 300-letter word, as a resident or facilitator might paste. */
export const LONG_WORD = 'Ashfield'.repeat(38);

/** The same report with one very long unbroken word in a theme name, a venue, a service and a decision's reason. */
export const LONG_WORDS_REPORT: ReportProps = {
  ...REPORT,
  sessions: REPORT.sessions.map((s, i) => (i === 0 ? { ...s, venue: LONG_WORD } : s)),
  rows: ROWS.map((r, i) => (i === 0 ? { ...r, themeName: LONG_WORD } : r)),
  fundingStreams: REPORT.fundingStreams.map((f, i) => (i === 0 ? { ...f, service: LONG_WORD } : f)),
  decisions: REPORT.decisions?.map((d, i) => (i === 1 ? { ...d, reason: LONG_WORD } : d)),
};

/** A title as stored before bidi overrides were refused ("Bus pass", then U+202E, then "costs £1,000"). */
export const OVERRIDDEN_TITLE = 'Bus pass \u202Ecosts £1,000';
/** A title in Arabic letters ending in a digit. */
export const ARABIC_TITLE = 'نادي الشباب 2';

/** The plain vote count's report with those two titles first and second (the first is named in the summary). */
export const BIDI_REPORT: ReportProps = {
  ...VOTES_REPORT,
  rows: VOTES_REPORT.rows.map((r, i) =>
    i === 0 ? { ...r, title: OVERRIDDEN_TITLE } : i === 1 ? { ...r, title: ARABIC_TITLE } : r,
  ),
};
