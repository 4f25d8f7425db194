/**
 * "Residents taking part" counts people who did something (an about-you answer, an idea, a comment or a ballot,
 * paper sheets included), once each; turns that ended with nothing done are a figure apart. Every consumer (the
 * facilitator's dashboard counts, the officer's participation, the report's data, the JSON and CSV exports) gives the same
 * figures, and merging the devices' documents in any order changes none of them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addComment,
  addProposal,
  castBallot,
  finishParticipant,
  setAnswers,
  startParticipant,
} from '../../../src/doc/commands';
import { enterPaperBallot } from '../../../src/doc/paperCommands';
import { viewSession, type SessionView } from '../../../src/doc/session';
import { participationCsv } from '../../../src/domain/results/csv';
import { exportJson, exportJsonText } from '../../../src/domain/results/json';
import {
  participation,
  sessionCounts,
  takingPart,
  type Participation,
} from '../../../src/domain/results/participation';
import { PROPERTY_BUDGET_MS } from '../helpers/property';
import { createdSession, replicaOf, testContext, validSettings, WORKSHOP_START } from '../helpers/session';

const MIN = 60_000;
const idea = { description: '', themeId: 'theme-green', costPence: 100_000, where: '' };

/**
 * One session on two tablets and a paper sheet, each tablet working on its own copy of the document (as apart,
 * offline, in a hall), every change kept as the update that would travel between devices:
 * - tablet A: "timed out" agreed and walked away (finished by the idle timeout); "handed over" agreed and the
 *   facilitator took over at once; "answered" only gave an about-you answer; "commented" only commented; then
 *   paper sheet 1 typed in.
 * - tablet B: "idea" only put forward an idea; "ballot" only set priorities.
 * Residents taking part: answered, commented, idea, ballot, paper-1 = 5. Turns with nothing done: 2.
 */
function trialSession() {
  const A = testContext('device-a', { idPrefix: 'a' });
  const B = testContext('device-b', { idPrefix: 'b', startAt: WORKSHOP_START });
  const { doc: base } = createdSession(validSettings(), A, '44444444-4444-4444-8444-444444444444');
  const facilitatorIdea = addProposal(base, { ...idea, title: 'Community garden' }, null, A.ctx);
  const a = replicaOf(base);
  const b = replicaOf(base);
  const updates: Uint8Array[] = [Y.encodeStateAsUpdate(base)];
  for (const d of [a, b]) d.on('update', (u: Uint8Array) => updates.push(u));
  const turn = (doc: Y.Doc, ctx: typeof A, at: number): string => {
    ctx.clock.set(at);
    return startParticipant(doc, { language: 'en', hasConsented: true }, ctx.ctx);
  };
  const timedOut = turn(a, A, WORKSHOP_START + 5 * MIN);
  A.clock.advance(2 * MIN);
  finishParticipant(a, timedOut, A.ctx);
  const handedOver = turn(a, A, WORKSHOP_START + 10 * MIN);
  finishParticipant(a, handedOver, A.ctx);
  const answered = turn(a, A, WORKSHOP_START + 15 * MIN);
  setAnswers(a, answered, { age: '65 or over' }, A.ctx);
  finishParticipant(a, answered, A.ctx);
  const commented = turn(a, A, WORKSHOP_START + 20 * MIN);
  addComment(a, { proposalId: facilitatorIdea, text: 'Yes please' }, commented, A.ctx);
  finishParticipant(a, commented, A.ctx);
  A.clock.set(WORKSHOP_START + 300 * MIN);
  const paper = enterPaperBallot(
    a,
    { sheet: 1, choices: { kind: 'dots', dots: { [facilitatorIdea]: 1 } } },
    A.ctx,
  );
  const ideaBy = turn(b, B, WORKSHOP_START + 70 * MIN);
  addProposal(b, { ...idea, title: 'Repair café' }, ideaBy, B.ctx);
  finishParticipant(b, ideaBy, B.ctx);
  const ballotBy = turn(b, B, WORKSHOP_START + 75 * MIN);
  castBallot(b, ballotBy, { kind: 'dots', dots: { [facilitatorIdea]: 2 } }, B.ctx);
  finishParticipant(b, ballotBy, B.ctx);
  // The facilitator's device after gathering both tablets.
  const doc = replicaOf(a);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(b));
  return {
    doc,
    updates,
    view: (): SessionView => viewSession(doc)!,
    people: { timedOut, handedOver, answered, commented, ideaBy, ballotBy, paper },
  };
}

/** The figures every consumer shows: residents taking part and turns with nothing done. */
function figuresOf(p: Pick<Participation, 'residents' | 'turnsWithNothingDone'>) {
  return { residents: p.residents, nothingDone: p.turnsWithNothingDone };
}

describe('residents taking part', () => {
  it('Given turns with nothing done among residents who did one thing each, when counted, then 5 residents take part and 2 turns are apart', () => {
    const { view, people } = trialSession();
    const v = view();
    const split = takingPart(v.records);
    expect(split.residents.map((p) => p.id).sort()).toEqual(
      [people.answered, people.commented, people.ideaBy, people.ballotBy, people.paper].sort(),
    );
    expect(split.nothingDone.map((p) => p.id).sort()).toEqual([people.timedOut, people.handedOver].sort());
    // Every participant record is one or the other, never both.
    expect(split.residents.length + split.nothingDone.length).toBe(v.records.participants.length);
  });

  it('Given the same session, when each screen and export counts it, then every one says 5 residents and 2 turns with nothing done', () => {
    const v = trialSession().view();
    const expected = { residents: 5, nothingDone: 2 };
    // The facilitator's dashboard ("So far").
    const counts = sessionCounts(v);
    expect({ residents: counts.residents, nothingDone: counts.turnsWithNothingDone }).toEqual(expected);
    // The officer view (one session, and a neighbourhood of sessions) and the report's data: participation()
    // (ParticipationSection and ReportScreen both render what it returns).
    expect(figuresOf(participation(v))).toEqual(expected);
    expect(figuresOf(participation([v]))).toEqual(expected);
    // The JSON export, as written to the file and read back.
    expect(figuresOf(exportJson(v).participation)).toEqual(expected);
    const fromFile = JSON.parse(exportJsonText(v)) as { participation: Participation };
    expect(figuresOf(fromFile.participation)).toEqual(expected);
    // The participation CSV, read back as a spreadsheet would.
    const rows = participationCsv(participation(v))
      .replace('\uFEFF', '')
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
    expect(rows[0]).toEqual(['session_ids', 'figure', 'channel', 'count']);
    const cell = (figure: string, channel: string): number =>
      Number(rows.find((r) => r[1] === figure && r[2] === channel)?.[3]);
    expect({
      residents: cell('residents_taking_part', 'all'),
      nothingDone: cell('turns_with_nothing_done', 'all'),
    }).toEqual(expected);
    expect(cell('residents_taking_part', 'kiosk') + cell('residents_taking_part', 'paper')).toBe(5);
  });

  it('Given the same session, when broken down, then every breakdown is of the same 5 residents', () => {
    const v = trialSession().view();
    const p = participation(v);
    expect(p.byChannel.kiosk.residents + p.byChannel.paper.residents).toBe(5);
    expect(p.byChannel.paper.residents).toBe(1);
    expect(p.byDevice.map((d) => [d.deviceId, d.residents])).toEqual([
      ['device-a', 3], // answered, commented, and the paper sheet it typed in
      ['device-b', 2],
    ]);
    expect(p.byDevice.reduce((n, d) => n + d.residents, 0)).toBe(5);
    // About you: the 4 residents asked at a tablet, one answer (65 or over), 3 no answer. The paper sheet's
    // resident was never asked, so is not a "No answer".
    const age = p.aboutYou[0]!;
    expect(age.total).toBe(4);
    expect(age.cells.map((c) => [c.option, c.suppressed])).toEqual([
      ['Under 18', true],
      ['18 to 64', true],
      ['65 or over', true],
      ['No answer', true],
    ]);
    // Over the day: tablet residents only, by the hour their turn started: 10:00 answered and commented,
    // 11:00 idea and ballot. The turns with nothing done at 10:05 and 10:10 are not there.
    expect(p.byHour).toEqual([
      { hour: '2025-04-12T10:00Z', residents: 2 },
      { hour: '2025-04-12T11:00Z', residents: 2 },
    ]);
  });

  it('Given a turn with nothing done yet, when the resident then adds an idea, then they move from apart into the residents taking part', () => {
    const s = createdSession();
    const pid = startParticipant(s.doc, { language: 'en', hasConsented: true }, s.ctx);
    expect(figuresOf(participation(viewSession(s.doc)!))).toEqual({ residents: 0, nothingDone: 1 });
    addProposal(s.doc, { ...idea, title: 'Bench by the pond' }, pid, s.ctx);
    expect(figuresOf(participation(viewSession(s.doc)!))).toEqual({ residents: 1, nothingDone: 0 });
    expect(sessionCounts(viewSession(s.doc)!).residents).toBe(1);
  });

  it('Given a hidden idea from a resident, when counted, then the resident still took part', () => {
    const s = createdSession();
    const pid = startParticipant(s.doc, { language: 'en', hasConsented: true }, s.ctx);
    addProposal(s.doc, { ...idea, title: 'Something rude' }, pid, s.ctx);
    finishParticipant(s.doc, pid, s.ctx);
    const v = viewSession(s.doc)!;
    expect(takingPart(v.records).residents.map((p) => p.id)).toEqual([pid]);
  });
});

describe('residents taking part, merged in any order', () => {
  it(
    'Given every update of the two tablets, when they reach a device in any order, repeated, then the figures are the same as on the facilitator’s device',
    () => {
      const { view, updates } = trialSession();
      const expected = participation(view());
      expect(figuresOf(expected)).toEqual({ residents: 5, nothingDone: 2 });
      fc.assert(
        fc.property(
          fc.shuffledSubarray(
            updates.map((_, i) => i),
            { minLength: updates.length, maxLength: updates.length },
          ),
          fc.array(fc.nat(updates.length - 1), { maxLength: 6 }),
          (order, repeats) => {
            const merged = new Y.Doc();
            for (const i of [...order, ...repeats]) Y.applyUpdate(merged, updates[i]!, 'remote');
            const v = viewSession(merged)!;
            expect(participation(v)).toEqual(expected);
            expect(sessionCounts(v).residents).toBe(5);
            expect(sessionCounts(v).turnsWithNothingDone).toBe(2);
          },
        ),
        { numRuns: 80 },
      );
    },
    PROPERTY_BUDGET_MS,
  );
});
