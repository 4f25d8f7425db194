/**
 * A full workshop day, written through the real commands: 30 tablets share the session created in the morning,
 * each one hosts its own residents, and they meet twice (at lunch and at the end of the day).
 *
 * - Morning, ideas: 10 residents per tablet each add one proposal (300) and leave 200 comments between them on
 *   the ideas their tablet knows about; about-you answers from half of them.
 * - Lunch: every tablet syncs with every other one (through a hub doc, applied in one transaction each).
 * - Afternoon, priorities: 20 residents per tablet comment (800 in all, on any of the 300 ideas) and place 5
 *   dots (600 ballots); one in ten changes their ballot before finishing.
 * - End of day: all 30 tablets merged into one doc, where a facilitator tidies up (6 typo edits, 4 duplicate
 *   merges, 2 hidden ideas), as the facilitator screen does.
 *
 * Ids, times and text come from a seeded generator, so two runs build the same records (Yjs client ids are
 * still random, which moves the encoded size by a few bytes).
 */
import * as Y from 'yjs';
import {
  addComment,
  addProposal,
  castBallot,
  finishParticipant,
  setAnswers,
  startParticipant,
  type CommandContext,
} from '../../src/doc/commands';
import { createSession } from '../../src/doc/sessionCommands';
import { editProposal, hideProposal, mergeProposals } from '../../src/doc/moderationCommands';
import { viewSession } from '../../src/doc/session';
import type { SessionSettings } from '../../src/domain/types';

export const DAY = {
  devices: 30,
  proposals: 300,
  comments: 1000,
  ballots: 600,
  morningComments: 200,
} as const;

export interface WorkshopDay {
  sessionId: string;
  /** The merged end-of-day document. */
  doc: Y.Doc;
  /** Y.encodeStateAsUpdate(doc) */
  update: Uint8Array;
  /** The session as created in the morning, before any tablet wrote to it (what the facilitator's device holds). */
  initialUpdate: Uint8Array;
  /** Each tablet's whole copy at the end of the day, before the final merge (what its session file carries). */
  tabletUpdates: Uint8Array[];
  counts: {
    proposals: number;
    comments: number;
    ballots: number;
    participants: number;
    moderation: number;
  };
  /** Size of the same records as plain JSON (what the doc would be without any CRDT bookkeeping). */
  recordsJsonBytes: number;
  buildMs: number;
}

/** mulberry32: small, fast, good enough to pick words. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hex(random: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(random() * 16).toString(16);
  return s;
}

/** A version-4-shaped UUID from the seeded generator: same length and alphabet as crypto.randomUUID(). */
function uuid(random: () => number): string {
  const variant = '89ab'[Math.floor(random() * 4)]!;
  return `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-${variant}${hex(random, 3)}-${hex(random, 12)}`;
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** The part of the day this range of [0, total) falls to, for part `i` of `parts`. */
function share(total: number, parts: number, i: number): number {
  return Math.floor(((i + 1) * total) / parts) - Math.floor((i * total) / parts);
}

const pounds = (n: number): number => Math.round(n * 100);

export function workshopSettings(): SessionSettings {
  return {
    title: 'Eastfield: how should £300,000 be spent next year?',
    neighbourhood: 'Eastfield',
    date: '2026-11-28',
    venue: 'Eastfield Community Sports Hall, Station Road',
    fundingStreams: [
      stream('fs-youth', 'Eastfield Borough Council', 'Youth services', 480_000, true),
      stream('fs-parks', 'Eastfield Borough Council', 'Parks and green spaces', 330_000, true),
      stream('fs-libraries', 'Eastfield Borough Council', 'Libraries and community centres', 210_000, true),
      stream('fs-care', 'Eastfield Borough Council', 'Adult social care', 2_400_000, false),
      stream('fs-health', 'NHS East Valley Integrated Care Board', 'Community health', 420_000, true),
      stream('fs-policing', 'Valley Police', 'Neighbourhood policing', 700_000, false),
      stream('fs-safety', 'Police and Crime Commissioner', 'Community safety fund', 110_000, true),
      stream('fs-jobs', 'Jobcentre Plus (DWP)', 'Employment support', 560_000, false),
      stream('fs-housing', 'Eastfield Homes (housing association)', 'Community investment', 160_000, true),
    ],
    potPence: pounds(300_000),
    themes: [
      { id: 'jobs', name: 'Jobs and skills' },
      { id: 'young', name: 'Young people' },
      { id: 'safety', name: 'Safety' },
      { id: 'green', name: 'Green spaces' },
      { id: 'health', name: 'Health and wellbeing' },
      { id: 'older', name: 'Older people' },
    ],
    method: { kind: 'dots', dotsPerParticipant: 5, maxDotsPerProposal: 3 },
    languages: ['en', 'pl', 'ur', 'so'],
    consentText:
      'Your ideas, comments and priorities help Eastfield Borough Council and its partners decide how to spend ' +
      'the pooled money. We do not ask for your name. Anything you tell us about yourself is optional and only ' +
      'used in counts of 5 or more people. We keep this for 2 years. Ask a facilitator if you want your answers ' +
      'removed.',
    aboutYou: [
      { id: 'age', text: 'How old are you?', options: ['Under 16', '16–24', '25–44', '45–64', '65 or over'] },
      {
        id: 'years',
        text: 'How long have you lived in Eastfield?',
        options: ['Less than a year', '1–5 years', 'More than 5 years', 'I don’t live here'],
      },
      { id: 'carer', text: 'Do you look after someone?', options: ['Yes', 'No', 'Prefer not to say'] },
    ],
    pin: {
      saltB64: 'q1Jb8H4l2xv0c3Zk9T5w7A==',
      hashB64: 'h3Vq0m6pQk2d3G7Y1b0aHn4rX8s2LwE5t9uJc6yZf1k=',
      iterations: 210_000,
    },
    isEnded: false,
  };
}

function stream(id: string, publicBody: string, service: string, annual: number, isPoolable: boolean) {
  return { id, publicBody, service, annualPence: pounds(annual), isPoolable };
}

const THEMES = ['jobs', 'young', 'safety', 'green', 'health', 'older'] as const;
const ACTIONS = [
  'More',
  'Free',
  'Better',
  'Weekly',
  'Safer',
  'Bigger',
  'Cheaper',
  'Evening',
  'Weekend',
  'New',
];
const THINGS = [
  'youth club sessions',
  'holiday activities with lunch',
  'street lighting',
  'benches and bins',
  'CV and job application help',
  'digital skills classes',
  'walking groups',
  'lunch club for older people',
  'football coaching for girls',
  'homework club',
  'community garden plots',
  'bike repair workshop',
  'debt and energy bill advice',
  'mental health drop-in',
  'play area for under-5s',
  'cooking on a budget classes',
  'neighbourhood wardens',
  'tree planting',
  'swimming sessions for families',
  'English conversation classes',
];
const PLACES = [
  'Station Road',
  'Eastfield Park',
  'the library',
  'the sports hall',
  'Brook Lane flats',
  'the canal path',
  'Hill Street shops',
  'St Mary’s Primary',
  'the community centre',
  'the Old Mill estate',
];
const SENTENCES = [
  'There is nothing like this within walking distance at the moment.',
  'It would need someone paid to run it, not only volunteers.',
  'Young people keep asking for this and nobody listens.',
  'Lots of older residents are lonely and would come every week.',
  'It has to be free or the people who need it most will not come.',
  'Could it run in the evenings so people who work can come too?',
  'The space is already there; it just needs opening up and looking after.',
  'Please make sure it works for people who do not speak English well.',
  'This was promised two years ago and never happened.',
  'Parents would help if someone organised it.',
  'It should be accessible for wheelchairs and buggies.',
  'Cheap to start and easy to grow if it works.',
  'Crime goes up every winter when it gets dark early.',
  'The bus does not go there after six, so think about transport.',
  'Work with the school so children hear about it.',
];
const COMMENT_OPENERS = [
  'Yes please.',
  'I agree.',
  'Not sure about this.',
  'Great idea.',
  'My kids would use this.',
  'We tried this before.',
  'This matters a lot on our street.',
  'Good, but',
  'Only if it is free.',
  'I would volunteer.',
];

function sentences(random: () => number, min: number, max: number): string {
  const n = min + Math.floor(random() * (max - min + 1));
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(pick(random, SENTENCES));
  return out.join(' ');
}

interface Device {
  doc: Y.Doc;
  ctx: CommandContext;
  random: () => number;
}

/** Applies every other doc's missing updates to each doc, through one hub, one transaction per doc. */
function syncAll(docs: Y.Doc[]): void {
  const hub = new Y.Doc();
  Y.transact(hub, () => docs.forEach((d) => Y.applyUpdate(hub, Y.encodeStateAsUpdate(d))));
  for (const d of docs) {
    Y.transact(d, () => Y.applyUpdate(d, Y.encodeStateAsUpdate(hub, Y.encodeStateVector(d))));
  }
  hub.destroy();
}

export function buildWorkshopDay(seed = 20261128): WorkshopDay {
  const started = performance.now();
  const random = rng(seed);
  let clock = Date.UTC(2026, 10, 28, 9, 30);
  const context = (deviceId: string): CommandContext => ({
    deviceId,
    now: () => {
      clock += 200 + Math.floor(random() * 4000);
      return clock;
    },
    newId: () => uuid(random),
  });

  const sessionId = uuid(random);
  const setup = new Y.Doc();
  createSession(setup, sessionId, workshopSettings(), context('facilitator-laptop'));
  const initial = Y.encodeStateAsUpdate(setup);
  setup.destroy();

  const devices: Device[] = [];
  for (let d = 0; d < DAY.devices; d++) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, initial);
    devices.push({
      doc,
      ctx: context(`tablet-${String(d + 1).padStart(2, '0')}`),
      random: rng(seed + d + 1),
    });
  }
  const languages = workshopSettings().languages;

  const answer = (dev: Device, who: string): void => {
    if (dev.random() < 0.5) {
      setAnswers(
        dev.doc,
        who,
        {
          age: pick(dev.random, ['Under 16', '16–24', '25–44', '45–64', '65 or over']),
          years: pick(dev.random, ['Less than a year', '1–5 years', 'More than 5 years', '']),
          carer: pick(dev.random, ['Yes', 'No', '']),
        },
        dev.ctx,
      );
    }
  };
  const start = (dev: Device): string =>
    startParticipant(
      dev.doc,
      { language: dev.random() < 0.8 ? 'en' : pick(dev.random, languages), hasConsented: true },
      dev.ctx,
    );
  const comment = (dev: Device, proposalId: string, who: string): void => {
    const text = `${pick(dev.random, COMMENT_OPENERS)} ${sentences(dev.random, 0, 2)}`.trim();
    addComment(dev.doc, { proposalId, text }, who, dev.ctx);
  };

  // Morning: ideas.
  const perDevice = DAY.proposals / DAY.devices;
  devices.forEach((dev, d) => {
    const local: string[] = [];
    const comments = share(DAY.morningComments, DAY.devices, d);
    for (let r = 0; r < perDevice; r++) {
      const who = start(dev);
      answer(dev, who);
      const title = `${pick(dev.random, ACTIONS)} ${pick(dev.random, THINGS)} near ${pick(dev.random, PLACES)}`;
      local.push(
        addProposal(
          dev.doc,
          {
            title,
            description: sentences(dev.random, 1, 3),
            themeId: pick(dev.random, THEMES),
            costPence: pounds(1_000 + Math.floor(dev.random() * 80) * 500),
            where: pick(dev.random, PLACES),
          },
          who,
          dev.ctx,
        ),
      );
      for (let c = 0; c < share(comments, perDevice, r); c++) comment(dev, pick(dev.random, local), who);
      finishParticipant(dev.doc, who, dev.ctx);
    }
  });

  syncAll(devices.map((d) => d.doc));

  // Afternoon: priorities. Every tablet now knows all 300 ideas; some are far more popular than others.
  const ballotsPerDevice = DAY.ballots / DAY.devices;
  devices.forEach((dev, d) => {
    const ids = [...viewSession(dev.doc)!.visible.map((v) => v.id)].sort();
    const popular = (): string => ids[Math.floor(ids.length * dev.random() ** 2)]!;
    const comments = share(DAY.comments - DAY.morningComments, DAY.devices, d);
    for (let r = 0; r < ballotsPerDevice; r++) {
      const who = start(dev);
      answer(dev, who);
      for (let c = 0; c < share(comments, ballotsPerDevice, r); c++) comment(dev, popular(), who);
      const vote = (): Record<string, number> => {
        const dots: Record<string, number> = {};
        let left = 5;
        while (left > 0) {
          const id = popular();
          const n = Math.min(left, 3 - (dots[id] ?? 0), 1 + Math.floor(dev.random() * 3));
          if (n <= 0) continue;
          dots[id] = (dots[id] ?? 0) + n;
          left -= n;
        }
        return dots;
      };
      castBallot(dev.doc, who, { kind: 'dots', dots: vote() }, dev.ctx);
      if (dev.random() < 0.1) castBallot(dev.doc, who, { kind: 'dots', dots: vote() }, dev.ctx);
      finishParticipant(dev.doc, who, dev.ctx);
    }
  });

  // End of day: everything in one doc, in one transaction.
  const tabletUpdates = devices.map((dev) => Y.encodeStateAsUpdate(dev.doc));
  const doc = new Y.Doc();
  Y.transact(doc, () => tabletUpdates.forEach((u) => Y.applyUpdate(doc, u)));
  devices.forEach((dev) => dev.doc.destroy());

  const facilitator = context('facilitator-laptop');
  const ids = viewSession(doc)!
    .visible.map((v) => v.id)
    .sort();
  for (let i = 0; i < 6; i++) {
    editProposal(
      doc,
      ids[i * 7]!,
      { title: `Corrected title ${i + 1}`, description: sentences(random, 1, 2) },
      facilitator,
    );
  }
  for (let i = 0; i < 4; i++) mergeProposals(doc, ids[100 + i * 2]!, ids[101 + i * 2]!, facilitator);
  hideProposal(doc, ids[200]!, 'Names a private person.', facilitator);
  hideProposal(doc, ids[201]!, 'Not about this neighbourhood.', facilitator);

  const view = viewSession(doc);
  if (!view) throw new Error('The workshop day did not produce a readable session.');
  const r = view.records;
  const counts = {
    proposals: r.proposals.length,
    comments: r.comments.length,
    ballots: r.ballots.length,
    participants: r.participants.length,
    moderation: r.moderation.length,
  };
  if (
    counts.proposals !== DAY.proposals ||
    counts.comments !== DAY.comments ||
    counts.ballots !== DAY.ballots
  ) {
    throw new Error(`Workshop day has the wrong shape: ${JSON.stringify(counts)}`);
  }
  return {
    sessionId,
    doc,
    update: Y.encodeStateAsUpdate(doc),
    initialUpdate: initial,
    tabletUpdates,
    counts,
    recordsJsonBytes: Buffer.byteLength(JSON.stringify(r)),
    buildMs: performance.now() - started,
  };
}
