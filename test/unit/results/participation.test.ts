import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addProposal, startParticipant } from '../../../src/doc/commands';
import { viewSession } from '../../../src/doc/session';
import { exportJsonText } from '../../../src/domain/results/json';
import {
  COMPLEMENTARY_TEXT,
  participation,
  suppressCells,
  SUPPRESSED_TEXT,
} from '../../../src/domain/results/participation';
import { createdSession, exchange, replicaOf, testContext } from '../helpers/session';
import { budgetSession, dotsSession } from './fixtures';

describe('participation', () => {
  it('counts residents, ideas, comments and ballots, in all and per device', () => {
    const p = participation(dotsSession().view());
    expect(p.residents).toBe(20);
    expect(p.ideas).toBe(5);
    expect(p.ideasShown).toBe(4); // P3 merged into P1
    expect(p.comments).toBe(3);
    expect(p.ballots).toEqual({ counted: 4, excluded: 1 });
    expect(p.byDevice).toEqual([
      { deviceId: 'device-a', residents: 10, ideas: 4, comments: 2, ballotsCounted: 2, ballotsExcluded: 1 },
      { deviceId: 'device-b', residents: 10, ideas: 1, comments: 1, ballotsCounted: 2, ballotsExcluded: 0 },
    ]);
  });

  it('suppresses counts under 5, and one more cell when only one is suppressed', () => {
    const [age, area] = participation(dotsSession().view()).aboutYou;
    expect(age!.total).toBe(20);
    expect(age!.cells.map((c) => [c.option, c.shown, c.suppressedBecause])).toEqual([
      ['Under 18', '6', null],
      ['18 to 64', '7', null],
      ['65 or over', SUPPRESSED_TEXT, 'small'],
      // Hidden as cover, not because it is small: it does not say "fewer than 5".
      ['No answer', COMPLEMENTARY_TEXT, 'complementary'],
    ]);
    expect(age!.cells.map((c) => c.count)).toEqual([6, 7, null, null]);
    // Two small cells, but 20 - 16 gives their sum, 4: North is hidden too.
    expect(area!.cells.map((c) => [c.option, c.count, c.suppressedBecause])).toEqual([
      ['North', null, 'complementary'],
      ['South', null, 'small'],
      ['No answer', null, 'small'],
    ]);
  });

  it('never leaves a single suppressed cell that the total would give away', () => {
    // Tie for the smallest other cell: the last in order is taken.
    expect(
      suppressCells([
        { option: 'x', count: 3 },
        { option: 'y', count: 9 },
        { option: 'z', count: 9 },
      ]).map((c) => c.suppressedBecause),
    ).toEqual(['small', null, 'complementary']);
    expect(suppressCells([{ option: 'x', count: 5 }]).map((c) => c.shown)).toEqual(['5']);
    // Zero is under 5 too.
    expect(
      suppressCells([
        { option: 'x', count: 0 },
        { option: 'y', count: 12 },
        { option: 'z', count: 30 },
      ]).map((c) => c.shown),
    ).toEqual([SUPPRESSED_TEXT, COMPLEMENTARY_TEXT, '30']);
  });

  it('never leaves small cells whose sum the total would give away (found in a walk: three small cells holding one resident)', () => {
    // "How long have you lived in Northmoor?": 65 residents; 56 + 8 shown left 1 for the three hidden cells.
    const cells = suppressCells([
      { option: 'Less than a year', count: 0 },
      { option: '1 to 5 years', count: 1 },
      { option: 'More than 5 years', count: 8 },
      { option: 'I don’t live here', count: 0 },
      { option: 'No answer', count: 56 },
    ]);
    expect(cells.map((c) => c.suppressedBecause)).toEqual(['small', 'small', 'complementary', 'small', null]);
    expect(cells.map((c) => c.count)).toEqual([null, null, null, null, 56]);
  });

  it('for any counts: nothing under 5 is shown, and what is hidden is every cell or at least two adding up to 5 or more, the hidden-for-cover ones no larger than any shown', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 8 }), (counts) => {
        const cells = suppressCells(counts.map((count, i) => ({ option: `o${i}`, count })));
        const hidden = counts.filter((_, i) => cells[i]!.suppressed);
        const shown = counts.filter((_, i) => !cells[i]!.suppressed);
        const hiddenSum = hidden.reduce((a, b) => a + b, 0);
        cells.forEach((c, i) => {
          expect(c.count).toBe(c.suppressed ? null : counts[i]);
          const said = { small: SUPPRESSED_TEXT, complementary: COMPLEMENTARY_TEXT };
          expect(c.shown).toBe(c.suppressedBecause ? said[c.suppressedBecause] : String(counts[i]));
          // Only a count under 5 is ever said to be "fewer than 5".
          if (c.shown === SUPPRESSED_TEXT) expect(counts[i]).toBeLessThan(5);
          expect(c.suppressedBecause === 'small').toBe(counts[i]! < 5);
          if (c.suppressedBecause === 'complementary')
            for (const n of shown) expect(counts[i]).toBeLessThanOrEqual(n);
        });
        expect(shown.every((n) => n >= 5)).toBe(true);
        expect(hidden.length === 0 || shown.length === 0 || (hidden.length >= 2 && hiddenSum >= 5)).toBe(
          true,
        );
      }),
      { numRuns: 500 },
    );
  });

  it('counts participation per hour from participant times, empty hours included', () => {
    expect(participation(dotsSession().view()).byHour).toEqual([
      { hour: '2025-04-12T10:00Z', residents: 10 },
      { hour: '2025-04-12T11:00Z', residents: 0 },
      { hour: '2025-04-12T12:00Z', residents: 10 },
    ]);
  });

  it('Given a tablet whose clock was reset to 1970 beside one on today’s date, when the day is counted by the hour, then only the hours of the two days with residents are listed and every resident is still in them', () => {
    // Found in a walk: every hour from 1970 to today (586,666 of them) was listed, 38 MB of JSON export.
    const today = Date.UTC(2026, 11, 7, 14, 10);
    const office = testContext('office', { startAt: today - 60 * 60_000 });
    const s = createdSession(undefined, office);
    const right = replicaOf(s.doc);
    const reset = replicaOf(s.doc);
    const turn = (doc: typeof s.doc, deviceId: string, at: number): void => {
      const c = testContext(deviceId, { startAt: at });
      const pid = startParticipant(doc, { language: 'en', hasConsented: true }, c.ctx);
      c.clock.advance(60_000);
      const idea = {
        title: `Idea from ${deviceId}`,
        description: '',
        themeId: 'theme-jobs',
        costPence: 100,
        where: '',
      };
      addProposal(doc, idea, pid, c.ctx);
    };
    turn(right, 'tablet-right', today);
    turn(reset, 'tablet-1970', Date.UTC(1970, 0, 1, 9, 5));
    exchange(s.doc, right);
    exchange(s.doc, reset);

    const view = viewSession(s.doc)!;
    const p = participation(view);

    expect(p.residents).toBe(2);
    expect(p.byChannel.kiosk.residents).toBe(2);
    expect(p.byHour.reduce((n, h) => n + h.residents, 0)).toBe(2);
    // Two days with residents: at most 2 × 24 hours, from the first resident's hour to the last one's.
    expect(new Set(p.byHour.map((h) => h.hour.slice(0, 10)))).toEqual(new Set(['1970-01-01', '2026-12-07']));
    expect(p.byHour.length).toBeLessThanOrEqual(2 * 24);
    expect(p.byHour[0]).toEqual({ hour: '1970-01-01T09:00Z', residents: 1 });
    expect(p.byHour.at(-1)).toEqual({ hour: '2026-12-07T14:00Z', residents: 1 });
    expect(p.byHour.filter((h) => h.residents > 0).map((h) => h.hour)).toEqual([
      '1970-01-01T09:00Z',
      '2026-12-07T14:00Z',
    ]);
    expect(p.byHour.map((h) => h.hour)).toEqual([
      ...Array.from({ length: 15 }, (_, i) => `1970-01-01T${String(9 + i).padStart(2, '0')}:00Z`),
      ...Array.from({ length: 15 }, (_, i) => `2026-12-07T${String(i).padStart(2, '0')}:00Z`),
    ]);
    // The JSON export carries that list: its size follows the residents, not the clocks.
    expect(exportJsonText(view).length).toBeLessThan(100_000);
  });

  it('adds up a neighbourhood of several sessions', () => {
    const dots = dotsSession().view();
    const budget = budgetSession().view();
    const p = participation([dots, budget]);
    expect(p.sessionIds).toEqual([dots.records.sessionId, budget.records.sessionId]);
    expect(p.residents).toBe(25);
    expect(p.ideas).toBe(9);
    expect(p.ballots).toEqual({ counted: 9, excluded: 1 });
    expect(p.byDevice.map((d) => d.deviceId)).toEqual(['device-a', 'device-b', 'device-c']);
    // The budget session asks only "age" and nobody answered: No answer 5 + 5 = 10, so the complementary
    // cell is now the smallest other one, Under 18 (6).
    const age = p.aboutYou.find((q) => q.questionId === 'age')!;
    expect(age.total).toBe(25);
    expect(age.cells.map((c) => c.count)).toEqual([null, 7, null, 10]);
    expect(age.cells.map((c) => c.suppressedBecause)).toEqual(['complementary', null, 'small', null]);
    // Alone, nobody answered: the three options hold 0 between them, so No answer (5) is hidden too (shown, it
    // would say that none of the five is under 18, 18 to 64 or 65 or over).
    const ageNoAnswer = participation(budget).aboutYou[0]!.cells;
    expect(ageNoAnswer.map((c) => c.shown)).toEqual([
      SUPPRESSED_TEXT,
      SUPPRESSED_TEXT,
      SUPPRESSED_TEXT,
      COMPLEMENTARY_TEXT,
    ]);
    expect(ageNoAnswer.map((c) => c.suppressedBecause)).toEqual(['small', 'small', 'small', 'complementary']);
  });
});
