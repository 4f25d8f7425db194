/**
 * A seeded neighbourhood for the officer's tests: "Ashfield North", two sessions written on three devices with
 * the app's own commands, each worked out by hand below so the tests can check the figures the screens show.
 *
 * Spring (budget, pot £50,000), tablets A and B. Ideas in the order put forward: Youth club £30,000, Benches
 * £5,000, Community garden £20,000, Street lights £25,000. Six residents, all consented ("How old are you?"):
 *   A: r1 {Youth club, Benches}, r2 {Youth club, Garden}, r3 {Garden, Lights}   (ages: 18-64, 18-64, 65+)
 *   B: r4 {Youth club}, r5 {Benches, Garden, Lights}, r6 {Youth club, Benches}  (ages: 18-64, 18-64, Under 18)
 *   Votes: Youth club 4, Benches 3, Garden 3, Lights 2.
 *   Greedy: Youth club (£30,000; £20,000 left), Benches (3 votes, put forward before the garden; £15,000 left),
 *   the garden (£20,000) and the lights (£25,000) no longer fit: funded Youth club + Benches = £35,000.
 *   Comments: 2 on the youth club, 1 on the garden.
 * Autumn (dots, 5 dots, at most 3 on one idea, pot £15,000), tablet C. Ideas: Play area £10,000, Bus shelter
 * £8,000. Five residents (consented, no "about you" answers): dots {play 3, shelter 2} x3, {play 1, shelter 3}, {shelter 3}.
 *   Dots: Play area 10, Bus shelter 12. Greedy: Bus shelter (£8,000; £7,000 left), Play area does not fit.
 *   Comments: 1 on the bus shelter.
 * Summer (ranking, top 2 places, pot £20,000; seedSummer, not synced by every test), tablet D: Street trees
 * £9,000, More bins £4,000, Underpass mural £12,000; three residents rank {trees, bins}, {trees, mural},
 * {bins, trees}: ranking points trees 5, bins 3, mural 1.
 * Spring and autumn together: 11 residents, 6 ideas, 4 comments, 11 ballots; about you (11 consented): 18 to 64: 4, 65 or over: 1,
 * Under 18: 1, every one under 5 and so shown as "fewer than 5"; no answer: 5.
 */
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import {
  addComment,
  addProposal,
  castBallot,
  finishParticipant,
  setAnswers,
  startParticipant,
  type CommandContext,
} from '../../../src/doc/commands';
import { createSession } from '../../../src/doc/sessionCommands';
import { nameDevice } from '../../../src/doc/deviceCommands';
import type { BallotChoices, SessionSettings } from '../../../src/domain/types';
import { validSettings } from '../../unit/helpers/session';

export const NEIGHBOURHOOD = 'Ashfield North';
export const SPRING = 'Ashfield North spring workshop';
export const AUTUMN = 'Ashfield North autumn workshop';
export const SUMMER = 'Ashfield North summer ranking';

export interface SeededSession {
  sessionId: string;
  doc: Y.Doc;
  ideas: Record<string, string>;
}

function device(deviceId: string, startAt: number): CommandContext {
  let now = startAt;
  return { deviceId, now: () => (now += 60_000), newId: () => randomUUID() };
}

function resident(
  doc: Y.Doc,
  ctx: CommandContext,
  choices: BallotChoices,
  answers: Record<string, string> | null,
): string {
  const who = startParticipant(doc, { language: 'en', hasConsented: true }, ctx);
  if (answers) setAnswers(doc, who, answers, ctx);
  castBallot(doc, who, choices, ctx);
  finishParticipant(doc, who, ctx);
  return who;
}

function idea(doc: Y.Doc, ctx: CommandContext, title: string, pounds: number, themeId: string): string {
  return addProposal(
    doc,
    { title, description: `${title} for ${NEIGHBOURHOOD}`, themeId, costPence: pounds * 100, where: '' },
    null,
    ctx,
  );
}

function created(settings: SessionSettings, facilitator: CommandContext): SeededSession {
  const sessionId = randomUUID();
  const doc = new Y.Doc();
  createSession(doc, sessionId, settings, facilitator);
  return { sessionId, doc, ideas: {} };
}

/** Tablet B works on its own copy, offline; its update is merged in afterwards (as a session file would be). */
function onCopy(doc: Y.Doc, work: (copy: Y.Doc) => void): void {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  work(copy);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(copy, Y.encodeStateVector(doc)));
}

export function seedSpring(): SeededSession {
  const a = device('tablet-a-0001', Date.UTC(2026, 3, 18, 9, 0));
  const b = device('tablet-b-0002', Date.UTC(2026, 3, 18, 11, 0));
  const s = created(
    validSettings({
      title: SPRING,
      neighbourhood: NEIGHBOURHOOD,
      date: '2026-04-18',
      potPence: 5_000_000,
      method: { kind: 'budget', minSharePercent: 0 },
    }),
    a,
  );
  const { doc } = s;
  const youth = idea(doc, a, 'Youth club', 30_000, 'theme-young');
  const benches = idea(doc, a, 'Benches', 5_000, 'theme-green');
  const garden = idea(doc, a, 'Community garden', 20_000, 'theme-green');
  const lights = idea(doc, a, 'Street lights', 25_000, 'theme-jobs');
  s.ideas = { youth, benches, garden, lights };
  const age = (v: string): Record<string, string> => ({ age: v });
  resident(doc, a, { kind: 'budget', selected: [youth, benches] }, age('18 to 64'));
  resident(doc, a, { kind: 'budget', selected: [youth, garden] }, age('18 to 64'));
  resident(doc, a, { kind: 'budget', selected: [garden, lights] }, age('65 or over'));
  addComment(doc, { proposalId: youth, text: 'Open it on Fridays please' }, null, a);
  addComment(doc, { proposalId: garden, text: '=HYPERLINK("http://evil.example")' }, null, a);
  // The facilitator names tablet A; tablet B stays unnamed ("Tablet" and the start of its id).
  nameDevice(doc, { namedDeviceId: 'tablet-a-0001', name: 'Tablet 1 (blue case)' }, a);
  onCopy(doc, (copy) => {
    resident(copy, b, { kind: 'budget', selected: [youth] }, age('18 to 64'));
    resident(copy, b, { kind: 'budget', selected: [benches, garden, lights] }, age('18 to 64'));
    resident(copy, b, { kind: 'budget', selected: [youth, benches] }, age('Under 18'));
    // Typed on three lines: the officer view and the report keep the resident's line breaks.
    addComment(
      copy,
      { proposalId: youth, text: 'Somewhere warm for teenagers\nafter school\nand on Friday nights' },
      null,
      b,
    );
  });
  return s;
}

export function seedAutumn(): SeededSession {
  const c = device('tablet-c-0003', Date.UTC(2026, 9, 10, 10, 0));
  const s = created(
    validSettings({
      title: AUTUMN,
      neighbourhood: NEIGHBOURHOOD,
      date: '2026-10-10',
      potPence: 1_500_000,
      method: { kind: 'dots', dotsPerParticipant: 5, maxDotsPerProposal: 3 },
    }),
    c,
  );
  const { doc } = s;
  const play = idea(doc, c, 'Play area', 10_000, 'theme-young');
  const shelter = idea(doc, c, 'Bus shelter', 8_000, 'theme-jobs');
  s.ideas = { play, shelter };
  const dots = (p: number, sh: number): BallotChoices => ({
    kind: 'dots',
    dots: { ...(p > 0 ? { [play]: p } : {}), ...(sh > 0 ? { [shelter]: sh } : {}) },
  });
  for (let i = 0; i < 3; i++) resident(doc, c, dots(3, 2), null);
  resident(doc, c, dots(1, 3), null);
  resident(doc, c, dots(0, 3), null);
  addComment(doc, { proposalId: shelter, text: 'The stop on Mill Lane has none' }, null, c);
  return s;
}

/** A ranking session, for the ranking points and the Borda count (figures in the header). */
export function seedSummer(): SeededSession {
  const d = device('tablet-d-0004', Date.UTC(2026, 5, 6, 10, 0));
  const s = created(
    validSettings({
      title: SUMMER,
      neighbourhood: NEIGHBOURHOOD,
      date: '2026-06-06',
      potPence: 2_000_000,
      method: { kind: 'ranking', maxRanked: 2 },
    }),
    d,
  );
  const { doc } = s;
  const trees = idea(doc, d, 'Street trees', 9_000, 'theme-green');
  const bins = idea(doc, d, 'More bins', 4_000, 'theme-green');
  const mural = idea(doc, d, 'Underpass mural', 12_000, 'theme-young');
  s.ideas = { trees, bins, mural };
  for (const ranked of [
    [trees, bins],
    [trees, mural],
    [bins, trees],
  ])
    resident(doc, d, { kind: 'ranking', ranked }, null);
  return s;
}
