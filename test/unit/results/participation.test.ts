import { describe, expect, it } from 'vitest';
import { participation, suppressCells, SUPPRESSED_TEXT } from '../../../src/domain/results/participation';
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
      ['No answer', SUPPRESSED_TEXT, 'complementary'],
    ]);
    expect(age!.cells.map((c) => c.count)).toEqual([6, 7, null, null]);
    // Two small cells already protect each other: nothing else is hidden.
    expect(area!.cells.map((c) => [c.option, c.count, c.suppressedBecause])).toEqual([
      ['North', 16, null],
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
    ).toEqual([SUPPRESSED_TEXT, SUPPRESSED_TEXT, '30']);
  });

  it('counts participation per hour from participant times, empty hours included', () => {
    expect(participation(dotsSession().view()).byHour).toEqual([
      { hour: '2025-04-12T10:00Z', residents: 10 },
      { hour: '2025-04-12T11:00Z', residents: 0 },
      { hour: '2025-04-12T12:00Z', residents: 10 },
    ]);
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
    const ageNoAnswer = participation(budget).aboutYou[0]!.cells;
    expect(ageNoAnswer.map((c) => c.shown)).toEqual([SUPPRESSED_TEXT, SUPPRESSED_TEXT, SUPPRESSED_TEXT, '5']);
  });
});
