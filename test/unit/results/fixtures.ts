/**
 * Hand-made sessions for the results layer, built with the real commands, with every figure worked out in the
 * comments (the tests assert them).
 *
 * DOTS session (5 dots, at most 3 on one idea; pot £50,000), two devices:
 *   ideas (oldest first): P1 Youth club £20,000 (young), P2 Job fair £15,000 (jobs), P3 Youth club again
 *   £20,000 (young; merged into P1 after voting), P4 Tree planting £25,000 (green), P5 "=SUM(A1:A9)" £1,000
 *   (green, typed on device-b: a formula-injection case).
 *   20 residents: a0..a9 on device-a at 10:00, 10:05, ... 10:45; b0..b9 on device-b at 12:00 ... 12:45.
 *   ballots: a0 {P1:2, P3:2} -> P1 min(3, 4) = 3 (kept idea and duplicate: once, capped)
 *            a1 {P3:3, P2:2} -> P1 3 (via the duplicate), P2 2
 *            b0 {P1:1, P4:3, P2:1} -> P1 1, P4 3, P2 1
 *            b1 {P4:2, P5:3} -> P4 2, P5 3
 *            a2 {P1:4} written straight into the document (an older app): excluded, dotsOverPerProposal.
 *   points: P1 7 (3 supporters), P4 5 (2), P2 3 (2), P5 3 (1): P2 before P5 on the tie (older).
 *   greedy within £50,000: P1 (left £30,000), P4 (left £5,000), P2 £15,000 skipped, P5 £1,000 taken: spent
 *   £46,000, left £4,000.
 *   about you, age: Under 18 = 6, 18 to 64 = 7, 65 or over = 2, No answer = 5 -> 65+ suppressed (small), and
 *   as it is the only one, the smallest other cell (No answer, 5) is suppressed too (complementary).
 *   area: North = 16, South = 2, No answer = 2 -> both small cells suppressed, nothing else.
 *   over the day: 10:00 -> 10, 11:00 -> 0, 12:00 -> 10.
 *   comments: 2 on device-a (one on P3 before the merge), 1 on device-b.
 *
 * BUDGET session (approval within a pot of £50,000), one device: Q1 £30,000, Q2 £20,000, Q3 £20,000,
 *   Q4 £10,000; ballots {Q1,Q2} {Q1,Q2} {Q1,Q4} {Q3,Q4} {Q3,Q4}: approvals Q1 3, Q4 3, Q2 2, Q3 2.
 *   greedy: Q1 (left £20,000), Q4 (left £10,000), Q2 and Q3 £20,000 skipped: {Q1, Q4}.
 *
 * RANKING session (rank up to 3; pot £30,000): R1 £10,000, R2 £10,000, R3 £10,000, R4 £25,000, R5 £5,000;
 *   rankings [R4,R1,R2] [R4,R2,R3] [R1,R2] [R3,R1].
 *   votes (3/2/1): R1 2+3+2 = 7, R4 3+3 = 6, R2 1+2+2 = 5, R3 1+3 = 4, R5 0.
 *   greedy on those: R1 (left £20,000), R4 skipped, R2 (left £10,000), R3 (left 0), R5 skipped.
 *   Borda (m = 5: 4/3/2/...): R1 3+4+3 = 10, R2 2+3+3 = 8, R4 4+4 = 8, R3 2+4 = 6, R5 0; R2 before R4 on
 *   the tie (older); funded: R1, R2, R4 skipped, R3, R5 skipped.
 */
import type * as Y from 'yjs';
import { addComment, addProposal, castBallot, setAnswers, startParticipant } from '../../../src/doc/commands';
import { mergeProposals } from '../../../src/doc/moderationCommands';
import { maps } from '../../../src/doc/schema';
import { viewSession, type SessionView } from '../../../src/doc/session';
import type { SessionSettings } from '../../../src/domain/types';
import { createdSession, testContext, validSettings, WORKSHOP_START } from '../helpers/session';

const MIN = 60_000;
const pounds = (n: number): number => n * 100;

export interface DotsSession {
  doc: Y.Doc;
  view: () => SessionView;
  ids: Record<'P1' | 'P2' | 'P3' | 'P4' | 'P5', string>;
  a: string[];
  b: string[];
}

export function dotsSession(): DotsSession {
  const settings = validSettings({
    aboutYou: [
      { id: 'age', text: 'How old are you?', options: ['Under 18', '18 to 64', '65 or over'] },
      { id: 'area', text: 'Where do you live?', options: ['North', 'South'] },
    ],
  });
  const A = testContext('device-a', { idPrefix: 'a' });
  const B = testContext('device-b', { idPrefix: 'b', startAt: WORKSHOP_START });
  const { doc } = createdSession(settings, A, '11111111-1111-4111-8111-111111111111');
  const idea = (ctx: typeof A, title: string, costPounds: number, themeId: string): string => {
    ctx.clock.advance();
    return addProposal(
      doc,
      { title, description: '', themeId, costPence: pounds(costPounds), where: '' },
      null,
      ctx.ctx,
    );
  };
  const P1 = idea(A, 'Youth club', 20_000, 'theme-young');
  const P2 = idea(A, 'Job fair', 15_000, 'theme-jobs');
  const P3 = idea(A, 'Youth club again', 20_000, 'theme-young');
  const P4 = idea(A, 'Tree planting', 25_000, 'theme-green');
  B.clock.set(WORKSHOP_START + 10_000);
  const P5 = idea(B, '=SUM(A1:A9)', 1_000, 'theme-green');

  // age: a0-a5 under 18, a6-a9 + b0-b2 18 to 64, b3-b4 65+, b5-b9 none. area: b8, b9 South; a0, a1 none.
  const age = (i: number): string | undefined =>
    i < 6 ? 'Under 18' : i < 13 ? '18 to 64' : i < 15 ? '65 or over' : undefined;
  const area = (i: number): string | undefined => (i < 2 ? undefined : i >= 18 ? 'South' : 'North');
  const a: string[] = [];
  const b: string[] = [];
  for (let i = 0; i < 20; i++) {
    const ctx = i < 10 ? A : B;
    const at = i < 10 ? WORKSHOP_START + i * 5 * MIN : WORKSHOP_START + 2 * 60 * MIN + (i - 10) * 5 * MIN;
    ctx.clock.set(at);
    const id = startParticipant(doc, { language: 'en', hasConsented: true }, ctx.ctx);
    const answers: Record<string, string> = {};
    const ag = age(i);
    const ar = area(i);
    if (ag) answers['age'] = ag;
    if (ar) answers['area'] = ar;
    ctx.clock.advance();
    setAnswers(doc, id, answers, ctx.ctx);
    (i < 10 ? a : b).push(id);
  }
  const vote = (ctx: typeof A, pid: string, dots: Record<string, number>): void => {
    ctx.clock.advance(MIN);
    castBallot(doc, pid, { kind: 'dots', dots }, ctx.ctx);
  };
  A.clock.set(WORKSHOP_START + 50 * MIN);
  vote(A, a[0]!, { [P1]: 2, [P3]: 2 });
  vote(A, a[1]!, { [P3]: 3, [P2]: 2 });
  B.clock.set(WORKSHOP_START + 130 * MIN);
  vote(B, b[0]!, { [P1]: 1, [P4]: 3, [P2]: 1 });
  vote(B, b[1]!, { [P4]: 2, [P5]: 3 });
  // An older app let 4 dots onto one idea: stored, never counted.
  maps(doc).ballots.set(a[2]!, {
    kind: 'dots',
    dots: { [P1]: 4 },
    participantId: a[2]!,
    revision: 1,
    deviceId: 'device-a',
    at: WORKSHOP_START + 55 * MIN,
  });
  A.clock.set(WORKSHOP_START + 56 * MIN);
  addComment(doc, { proposalId: P3, text: 'Same as the youth club' }, a[0]!, A.ctx);
  A.clock.advance();
  addComment(doc, { proposalId: P1, text: '+1 open on Fridays' }, null, A.ctx);
  B.clock.set(WORKSHOP_START + 140 * MIN);
  addComment(doc, { proposalId: P4, text: 'Oaks, please, "native" ones' }, b[2]!, B.ctx);
  A.clock.set(WORKSHOP_START + 200 * MIN);
  mergeProposals(doc, P3, P1, A.ctx);
  return { doc, view: () => viewSession(doc)!, ids: { P1, P2, P3, P4, P5 }, a, b };
}

function simpleSession(
  settings: SessionSettings,
  sessionId: string,
  costsPounds: number[],
  ballots: (
    ids: string[],
  ) => { kind: 'budget'; selected: string[] }[] | { kind: 'ranking'; ranked: string[] }[],
): { doc: Y.Doc; view: () => SessionView; ids: string[]; participants: string[] } {
  const C = testContext('device-c', { idPrefix: 'c' });
  const { doc } = createdSession(settings, C, sessionId);
  const ids = costsPounds.map((cost, i) => {
    C.clock.advance();
    return addProposal(
      doc,
      { title: `Idea ${i + 1}`, description: '', themeId: 'theme-green', costPence: pounds(cost), where: '' },
      null,
      C.ctx,
    );
  });
  const participants: string[] = [];
  for (const choices of ballots(ids)) {
    C.clock.advance(MIN);
    const p = startParticipant(doc, { language: 'en', hasConsented: true }, C.ctx);
    C.clock.advance();
    castBallot(doc, p, choices, C.ctx);
    participants.push(p);
  }
  return { doc, view: () => viewSession(doc)!, ids, participants };
}

export function budgetSession(): ReturnType<typeof simpleSession> {
  return simpleSession(
    validSettings({ method: { kind: 'budget', minSharePercent: 0 } }),
    '22222222-2222-4222-8222-222222222222',
    [30_000, 20_000, 20_000, 10_000],
    ([q1, q2, q3, q4]) =>
      [
        [q1!, q2!],
        [q1!, q2!],
        [q1!, q4!],
        [q3!, q4!],
        [q3!, q4!],
      ].map((selected) => ({ kind: 'budget' as const, selected })),
  );
}

export function rankingSession(): ReturnType<typeof simpleSession> {
  return simpleSession(
    validSettings({ method: { kind: 'ranking', maxRanked: 3 }, potPence: pounds(30_000) }),
    '33333333-3333-4333-8333-333333333333',
    [10_000, 10_000, 10_000, 25_000, 5_000],
    ([r1, r2, r3, r4]) =>
      [
        [r4!, r1!, r2!],
        [r4!, r2!, r3!],
        [r1!, r2!],
        [r3!, r1!],
      ].map((ranked) => ({ kind: 'ranking' as const, ranked })),
  );
}
