/**
 * The demo session a newcomer can open from the first screen: a realistic neighbourhood, its money map and a
 * workshop already under way. Loaded only when asked for, so tablets never download it otherwise. Everything
 * is written through the ordinary commands, so the demo is a valid session like any other.
 */
import type * as Y from 'yjs';
import {
  addComment,
  addProposal,
  castBallot,
  finishParticipant,
  setAnswers,
  startParticipant,
  type CommandContext,
} from '../doc/commands';
import { createSession } from '../doc/sessionCommands';
import type { PinHash, SessionSettings } from '../domain/types';

/** The demo's facilitator PIN, shown on the home screen next to the demo. */
export const DEMO_PIN = '1234';

const pounds = (n: number): number => Math.round(n * 100);

function settings(pin: PinHash): SessionSettings {
  return {
    title: 'Northmoor: what should the pot pay for?',
    neighbourhood: 'Northmoor',
    date: '2026-11-24',
    venue: 'St Aidan’s Church Hall, Moor Lane',
    fundingStreams: [
      {
        id: 'fs-youth',
        publicBody: 'Northmoor City Council',
        service: 'Youth services',
        annualPence: pounds(420_000),
        isPoolable: true,
      },
      {
        id: 'fs-parks',
        publicBody: 'Northmoor City Council',
        service: 'Parks and green spaces',
        annualPence: pounds(310_000),
        isPoolable: true,
      },
      {
        id: 'fs-libraries',
        publicBody: 'Northmoor City Council',
        service: 'Libraries and community centres',
        annualPence: pounds(185_000),
        isPoolable: true,
      },
      {
        id: 'fs-care',
        publicBody: 'Northmoor City Council',
        service: 'Adult social care',
        annualPence: pounds(2_150_000),
        isPoolable: false,
      },
      {
        id: 'fs-health',
        publicBody: 'NHS North Moorland Integrated Care Board',
        service: 'Community health and wellbeing',
        annualPence: pounds(380_000),
        isPoolable: true,
      },
      {
        id: 'fs-policing',
        publicBody: 'Moorland Police',
        service: 'Neighbourhood policing',
        annualPence: pounds(640_000),
        isPoolable: false,
      },
      {
        id: 'fs-safety',
        publicBody: 'Police and Crime Commissioner',
        service: 'Community safety fund',
        annualPence: pounds(95_000),
        isPoolable: true,
      },
      {
        id: 'fs-jobs',
        publicBody: 'Jobcentre Plus (DWP)',
        service: 'Employment support',
        annualPence: pounds(520_000),
        isPoolable: false,
      },
      {
        id: 'fs-housing',
        publicBody: 'Northmoor Homes (housing association)',
        service: 'Community investment',
        annualPence: pounds(150_000),
        isPoolable: true,
      },
    ],
    potPence: pounds(250_000),
    themes: [
      { id: 'jobs', name: 'Jobs and skills', icon: 'shops' },
      { id: 'young', name: 'Young people', icon: 'youth' },
      { id: 'safety', name: 'Safety', icon: 'safety' },
      { id: 'green', name: 'Green spaces', icon: 'green' },
      { id: 'health', name: 'Health and wellbeing', icon: 'health' },
    ],
    method: { kind: 'dots', dotsPerParticipant: 5, maxDotsPerProposal: 3 },
    languages: ['en'],
    consentText:
      'Your ideas, comments and priorities help Northmoor City Council and its partners decide how to spend the pooled money. ' +
      'We do not ask for your name. Anything you tell us about yourself is optional and only used in counts of 5 or more people. ' +
      'We keep this for 2 years. Ask a facilitator if you want your answers removed.',
    aboutYou: [
      { id: 'age', text: 'How old are you?', options: ['Under 16', '16–24', '25–44', '45–64', '65 or over'] },
      {
        id: 'years',
        text: 'How long have you lived in Northmoor?',
        options: ['Less than a year', '1–5 years', 'More than 5 years', 'I don’t live here'],
      },
    ],
    pin,
    isEnded: false,
  };
}

interface Idea {
  title: string;
  description: string;
  theme: string;
  cost: number;
  where: string;
  comments: string[];
}

const IDEAS: Idea[] = [
  {
    title: 'Youth club open on Friday and Saturday nights',
    description: 'Keep the Moor Lane youth club open until 10pm at weekends with two trained youth workers.',
    theme: 'young',
    cost: 38_000,
    where: 'Moor Lane Youth Centre',
    comments: ['My son has nowhere to go on a Friday.', 'Needs staff who know the estate.'],
  },
  {
    title: 'Free holiday activities with lunch',
    description: 'Sports, crafts and a hot lunch for 5–16 year olds during the school holidays.',
    theme: 'young',
    cost: 45_000,
    where: 'Northmoor Primary and the park',
    comments: ['Lunch matters as much as the activities.'],
  },
  {
    title: 'Apprenticeship fair with local employers',
    description:
      'Twice a year, bring employers, colleges and the Jobcentre together in one room on the estate.',
    theme: 'jobs',
    cost: 8_000,
    where: 'Northmoor Community Centre',
    comments: ['Do it on a Saturday so working parents can come.'],
  },
  {
    title: 'Help with CVs and job applications every week',
    description: 'A drop-in with a trained adviser and laptops, no appointment needed.',
    theme: 'jobs',
    cost: 22_000,
    where: 'Northmoor Library',
    comments: ['The library already has the space.', 'Please include help in Polish and Urdu.'],
  },
  {
    title: 'Digital skills for older residents',
    description: 'Small classes on using a phone or tablet: GP appointments, bus times, video calls.',
    theme: 'jobs',
    cost: 12_500,
    where: 'Northmoor Library',
    comments: ['My mum would love this.'],
  },
  {
    title: 'Better street lighting on the canal path',
    description: 'Replace the broken lamps and add lighting between Mill Bridge and the station.',
    theme: 'safety',
    cost: 65_000,
    where: 'Canal towpath, Mill Bridge to station',
    comments: [
      'I won’t walk there after dark.',
      'Check with the Canal Trust first.',
      'This would help shift workers.',
    ],
  },
  {
    title: 'Neighbourhood wardens in the evenings',
    description: 'Two wardens walking the estate 4pm–midnight, linked to the police team.',
    theme: 'safety',
    cost: 72_000,
    where: 'Northmoor estate',
    comments: ['Would rather have youth workers than wardens.'],
  },
  {
    title: 'Safe crossing outside Northmoor Primary',
    description: 'A zebra crossing and a lollipop person at the school gate on Ridge Road.',
    theme: 'safety',
    cost: 40_000,
    where: 'Ridge Road',
    comments: ['Cars speed here every morning.'],
  },
  {
    title: 'Community garden on the empty plot',
    description:
      'Raised beds, a shed and a water supply on the empty land behind the shops, run by volunteers.',
    theme: 'green',
    cost: 18_000,
    where: 'Land behind Moor Parade shops',
    comments: ['I would volunteer.', 'Could the school use it too?'],
  },
  {
    title: 'Clean up and replant Moor Park',
    description: 'Clear litter and dumped items, plant trees and bulbs, fix the benches.',
    theme: 'green',
    cost: 30_000,
    where: 'Moor Park',
    comments: ['The benches are all broken.'],
  },
  {
    title: 'Play area for under-5s',
    description: 'A small fenced play area with soft surfacing near the flats.',
    theme: 'green',
    cost: 55_000,
    where: 'Green between Ash Court and Elm Court',
    comments: ['There is nothing for toddlers nearby.'],
  },
  {
    title: 'Bulky rubbish collection days',
    description: 'Free collection of furniture and large items once a month, to stop fly-tipping.',
    theme: 'green',
    cost: 14_000,
    where: 'Whole neighbourhood',
    comments: ['Fly-tipping is the number one problem on our street.'],
  },
  {
    title: 'Walking group and health checks',
    description: 'Weekly guided walks with a health trainer, blood pressure checks at the start.',
    theme: 'health',
    cost: 9_000,
    where: 'Meet at the Community Centre',
    comments: ['Good for loneliness too.'],
  },
  {
    title: 'Mental health drop-in for young adults',
    description: 'A weekly drop-in run with the NHS talking therapies team for 16–25 year olds.',
    theme: 'health',
    cost: 35_000,
    where: 'Moor Lane Youth Centre',
    comments: ['Waiting lists are months long.', 'Make it feel informal, not clinical.'],
  },
  {
    title: 'Lunch club for older people',
    description: 'A hot lunch and company three days a week, with transport for those who need it.',
    theme: 'health',
    cost: 28_000,
    where: 'St Aidan’s Church Hall',
    comments: ['Transport is the key part.'],
  },
  {
    title: 'Cooking on a budget classes',
    description: 'Six-week courses on cheap, healthy meals, with ingredients to take home.',
    theme: 'health',
    cost: 7_500,
    where: 'Northmoor Community Centre kitchen',
    comments: [],
  },
  {
    title: 'Free swimming for families on Sundays',
    description: 'Two hours of free family swimming every Sunday at the leisure centre.',
    theme: 'health',
    cost: 16_000,
    where: 'Moorside Leisure Centre',
    comments: ['Swimming lessons for kids too please.'],
  },
  {
    title: 'Football coaching for girls',
    description: 'Weekly coaching sessions and kit for girls aged 8–16.',
    theme: 'young',
    cost: 11_000,
    where: 'Moor Park pitches',
    comments: ['My daughter asks for this all the time.'],
  },
  {
    title: 'Homework club with tutors',
    description: 'After-school homework help with volunteer and paid tutors, four days a week.',
    theme: 'young',
    cost: 24_000,
    where: 'Northmoor Library',
    comments: [],
  },
  {
    title: 'CCTV at the shops',
    description: 'Two cameras covering Moor Parade, monitored by the council.',
    theme: 'safety',
    cost: 20_000,
    where: 'Moor Parade',
    comments: ['Not sure cameras stop anything.', 'The shopkeepers have asked for this for years.'],
  },
  {
    title: 'Money and debt advice sessions',
    description: 'A Citizens Advice worker on the estate one day a week.',
    theme: 'jobs',
    cost: 19_000,
    where: 'Northmoor Community Centre',
    comments: ['Energy bills are crushing people.'],
  },
  {
    title: 'Bike repair workshop and loans',
    description: 'Learn to fix bikes and borrow one for getting to work or college.',
    theme: 'jobs',
    cost: 13_000,
    where: 'Unit 4, Moor Parade',
    comments: ['Buses to the industrial estate are rubbish, bikes would help.'],
  },
  {
    title: 'Community events in the park',
    description:
      'Four free events a year: a summer fun day, a bonfire night, a winter market and a spring clean.',
    theme: 'green',
    cost: 15_000,
    where: 'Moor Park',
    comments: ['Brings people together.'],
  },
];

/** Fills an empty document with the demo session. */
export function seedDemo(doc: Y.Doc, sessionId: string, pin: PinHash, device: CommandContext): void {
  // The demo's residents are made up and their turns are over: their records are written unsigned (nothing will
  // replace them), so seeding stays synchronous.
  const ctx: CommandContext = { deviceId: device.deviceId, now: device.now, newId: device.newId };
  // Marked as the demo in its meta: it stays on the device, never sent to the council (src/sync/councilScope.ts).
  createSession(doc, sessionId, settings(pin), ctx, { isDemo: true });
  const ids: string[] = [];
  IDEAS.forEach((idea, i) => {
    const author = startParticipant(doc, { language: 'en', hasConsented: true }, ctx);
    if (i % 3 === 0)
      setAnswers(
        doc,
        author,
        { age: ['25–44', '45–64', '65 or over', '16–24'][i % 4]!, years: 'More than 5 years' },
        ctx,
      );
    const id = addProposal(
      doc,
      {
        title: idea.title,
        description: idea.description,
        themeId: idea.theme,
        costPence: pounds(idea.cost),
        where: idea.where,
      },
      author,
      ctx,
    );
    ids.push(id);
    finishParticipant(doc, author, ctx);
  });
  IDEAS.forEach((idea, i) => {
    for (const text of idea.comments) {
      const who = startParticipant(doc, { language: 'en', hasConsented: true }, ctx);
      addComment(doc, { proposalId: ids[i]!, text }, who, ctx);
      finishParticipant(doc, who, ctx);
    }
  });
  // A dozen residents have already set their priorities: 5 dots each, at most 3 on one idea.
  for (let r = 0; r < 12; r++) {
    const who = startParticipant(doc, { language: 'en', hasConsented: true }, ctx);
    const a = ids[(r * 7) % ids.length]!;
    const b = ids[(r * 3 + 5) % ids.length]!;
    const c = ids[(r * 11 + 2) % ids.length]!;
    const dots: Record<string, number> = {};
    for (const [id, n] of [
      [a, 2],
      [b, 2],
      [c, 1],
    ] as const)
      dots[id] = Math.min(3, (dots[id] ?? 0) + n);
    castBallot(doc, who, { kind: 'dots', dots }, ctx);
    finishParticipant(doc, who, ctx);
  }
}
