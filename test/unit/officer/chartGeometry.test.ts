import { describe, expect, it } from 'vitest';
import { estimatedFont, textBox } from '../../../src/ui/officer/charts/chartText';
import {
  clipText,
  costStarts,
  defaultMeasure,
  hoursModel,
  hoursToShow,
  lastRowWithinPot,
  linearScale,
  niceCeil,
  ticks,
  type ChartRow,
} from '../../../src/ui/officer/charts/geometry';
import { RESULTS_LAYOUT, resultsModel } from '../../../src/ui/officer/charts/resultsGeometry';

const POUND = 100;

function row(rank: number, points: number, costPounds: number, funded: boolean | null): ChartRow {
  return { rank, title: `Proposal ${rank}`, points, costPence: costPounds * POUND, funded };
}

describe('chart scales', () => {
  it('Given a largest value, Then the axis ends on the next 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceCeil(7)).toBe(10);
    expect(niceCeil(10)).toBe(10);
    expect(niceCeil(11)).toBe(20);
    expect(niceCeil(230)).toBe(250);
    expect(niceCeil(15_000_000)).toBe(20_000_000);
    expect(niceCeil(0)).toBe(1);
    expect(niceCeil(Number.NaN)).toBe(1);
  });

  it('Given an axis end, Then ticks run from 0 on round steps and never pass the end', () => {
    expect(ticks(20_000_000)).toEqual([0, 5_000_000, 10_000_000, 15_000_000, 20_000_000]);
    expect(ticks(10, 4, true)).toEqual([0, 3, 6, 9]);
    expect(ticks(1, 4, true)).toEqual([0, 1]);
  });

  it('Given a linear scale, Then 0 and the end map to the plot edges and values outside are clamped', () => {
    const x = linearScale(200, 10, 410);
    expect(x(0)).toBe(10);
    expect(x(100)).toBe(210);
    expect(x(200)).toBe(410);
    expect(x(500)).toBe(410);
    expect(x(-5)).toBe(10);
  });

  it('Given a long title, Then it is cut with an ellipsis to the length asked, short ones untouched', () => {
    expect(clipText('Benches', 10)).toBe('Benches');
    expect(clipText('A much longer proposal title', 10)).toBe('A much lo…');
    expect([...clipText('A much longer proposal title', 10)]).toHaveLength(10);
  });
});

describe('results chart', () => {
  // Pot £150,000. Greedy-style funding: 1 (£60k) and 2 (£50k) fit, 3 (£70k) does not, 4 (£30k) does.
  const funded = [
    row(1, 40, 60_000, true),
    row(2, 30, 50_000, true),
    row(3, 20, 70_000, false),
    row(4, 10, 30_000, true),
  ];
  const pot = 150_000 * POUND;

  it('Given a rule that funds, Then bars show cost as a waterfall from the funded costs above', () => {
    expect(defaultMeasure(funded)).toBe('cost');
    expect(costStarts(funded)).toEqual([0, 60_000, 110_000, 110_000].map((p) => p * POUND));
    const m = resultsModel(funded, pot);
    expect(m.measure).toBe('cost');
    expect(m.bars.map((b) => [b.from / POUND, b.to / POUND])).toEqual([
      [0, 60_000],
      [60_000, 110_000],
      [110_000, 180_000],
      [110_000, 140_000],
    ]);
    expect(m.axisMax).toBe(200_000 * POUND);
    expect(m.spentPence).toBe(140_000 * POUND);
    expect(m.fundedCount).toBe(3);
  });

  it('Given the pot, Then its line sits at its share of the money axis, and the bar that does not fit crosses it', () => {
    const m = resultsModel(funded, pot);
    const span = m.plotRight - m.plotLeft;
    expect(m.potX).toBeCloseTo(m.plotLeft + span * (150_000 / 200_000), 6);
    const notFunded = m.bars[2]!;
    expect(notFunded.x).toBeLessThan(m.potX!);
    expect(notFunded.x + notFunded.width).toBeGreaterThan(m.potX!);
    const lastFunded = m.bars[3]!;
    expect(lastFunded.x + lastFunded.width).toBeLessThanOrEqual(m.potX!);
    expect(m.runsOutY).toBeNull();
  });

  it('Given points are asked for, Then bars run from 0 to the points on a whole-number axis, with no pot line', () => {
    const m = resultsModel(funded, pot, { measure: 'points' });
    expect(m.axisMax).toBe(50);
    expect(m.bars[0]!.x).toBe(m.plotLeft);
    expect(m.bars[0]!.width).toBeCloseTo((m.plotRight - m.plotLeft) * (40 / 50), 6);
    expect(m.ticks.map((t) => t.value)).toEqual([0, 20, 40]);
    expect(m.potX).toBeNull();
    // The rule funds, so no "pot runs out" line: Funded / Not funded says it.
    expect(m.runsOutY).toBeNull();
  });

  it('Given a plain vote count, Then the pot-runs-out line goes under the last proposal the pot covers in order', () => {
    const votes = [
      row(1, 40, 60_000, null),
      row(2, 30, 50_000, null),
      row(3, 20, 70_000, null),
      row(4, 10, 30_000, null),
    ];
    expect(defaultMeasure(votes)).toBe('points');
    expect(lastRowWithinPot(votes, pot)).toBe(1);
    const m = resultsModel(votes, pot);
    const font = estimatedFont(m.fontSize);
    // Between the 2nd row's bar and the 3rd row, with its words in a band of their own under it.
    expect(m.bars[1]!.barY + m.bars[1]!.barHeight).toBeLessThan(m.runsOutY!);
    expect(m.runsOutTexts.length).toBeGreaterThan(0);
    for (const text of m.runsOutTexts) {
      expect(textBox(text, font).top).toBeGreaterThan(m.runsOutY!);
      expect(textBox(text, font).bottom).toBeLessThan(m.bars[2]!.rowY);
    }
    // Rows above the line stay where they were without it.
    const all = resultsModel(votes, 1_000_000 * POUND);
    expect(all.runsOutY).toBeNull();
    expect(m.bars[1]!.rowY).toBe(all.bars[1]!.rowY);
    expect(m.bars[2]!.rowY).toBeGreaterThan(all.bars[2]!.rowY);
    expect(lastRowWithinPot(votes, 10_000 * POUND)).toBe(-1);
    const none = resultsModel(votes, 10_000 * POUND);
    expect(none.runsOutY).toBe(none.plotTop);
    expect(none.bars[0]!.rowY).toBeGreaterThan(none.runsOutY!);
  });

  it('Given 300 proposals, Then the top 20 are drawn in the order they come and 280 are left to the table', () => {
    const many = Array.from({ length: 300 }, (_, i) => row(i + 1, 300 - i, 1_000 + i, i < 100));
    const m = resultsModel(many, pot);
    expect(m.bars).toHaveLength(20);
    expect(m.hiddenCount).toBe(280);
    expect(m.bars.map((b) => b.rank)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(m.height).toBeGreaterThan(m.bars[19]!.barY + m.bars[19]!.barHeight);
    // Totals cover every row, not just those drawn.
    expect(m.fundedCount).toBe(100);
    expect(resultsModel(many, pot, { maxBars: 50 }).hiddenCount).toBe(250);
  });

  it('Given each bar, Then its label has the rank and the title, cut to the chart’s width, and rows do not overlap', () => {
    const long = [row(1, 5, 100, null), { ...row(2, 3, 100, null), title: 'x'.repeat(120) }];
    const m = resultsModel(long, pot, { width: 400 });
    const font = estimatedFont(m.fontSize);
    expect(m.bars[0]!.shownTitle).toBe('1. Proposal 1');
    expect(m.bars[1]!.shownTitle.endsWith('…')).toBe(true);
    expect(textBox(m.bars[1]!.titleText, font).right).toBeLessThanOrEqual(m.plotRight);
    expect(m.bars[1]!.title).toBe('x'.repeat(120));
    expect(m.bars[0]!.barY + m.bars[0]!.barHeight).toBeLessThan(m.bars[1]!.rowY);
    expect(m.bars[0]!.titleText.y).toBeLessThan(m.bars[0]!.barY);
  });

  it('Given titles stored before bidi overrides were refused, or in Arabic, Then each label draws the title’s words in order, isolated after its rank, and cut inside the isolate', () => {
    // "Bus pass U+202E costs £1,000" drew its own figures backwards on the chart: "1. Bus pass 000,1£ stsoc".
    const arabic = 'نادي الشباب 2';
    const rows = [
      { ...row(1, 5, 100, null), title: 'Bus pass \u202Ecosts £1,000' },
      { ...row(2, 3, 100, null), title: arabic },
      { ...row(3, 2, 100, null), title: `\u2069${arabic.repeat(20)}` },
    ];
    const m = resultsModel(rows, pot, { width: 400 });
    const font = estimatedFont(m.fontSize);
    expect(m.bars[0]!.shownTitle).toBe('1. Bus pass costs £1,000');
    expect(m.bars[1]!.shownTitle).toBe(`2. \u2068${arabic}\u2069`);
    const cut = m.bars[2]!.shownTitle;
    expect(cut.startsWith(`3. \u2068${arabic.slice(0, 4)}`)).toBe(true);
    expect(cut.endsWith('…\u2069')).toBe(true);
    expect(cut.slice(4, -1)).not.toMatch(/[\u2066-\u2069]/);
    expect(textBox(m.bars[2]!.titleText, font).right).toBeLessThanOrEqual(m.plotRight);
  });

  it('Given a title and figures too wide for one line, Then the figures go on lines of their own under the title', () => {
    const rows = [{ ...row(1, 12, 6_000, true), title: 'Safer crossing on Mill Lane by the school gates' }];
    const wide = resultsModel(rows, pot, { width: 1400 });
    expect(wide.bars[0]!.valueTexts.map((v) => v.y)).toEqual([wide.bars[0]!.titleText.y]);
    const narrow = resultsModel(rows, pot, { width: 400 });
    const { titleText, valueTexts } = narrow.bars[0]!;
    expect(valueTexts.length).toBeGreaterThan(0);
    for (const v of valueTexts) expect(v.y).toBeGreaterThan(titleText.y);
  });

  it('Given ten funded ideas, one costing £0, Then the chart shows ten: the £0 idea gets a marker and its label', () => {
    // Found in a walk: the text said "10 ideas funded" and 9 bars could be seen (the £0 bar was 0 wide).
    const ten = [
      ...Array.from({ length: 9 }, (_, i) => row(i + 1, 20 - i, 10_000, true)),
      row(10, 1, 0, true),
      row(11, 0, 90_000, false),
    ];
    const m = resultsModel(ten, pot);
    const font = estimatedFont(m.fontSize);
    expect(m.fundedCount).toBe(10);
    const funded = m.bars.filter((b) => b.funded === true);
    expect(funded).toHaveLength(10);
    const seen = (b: (typeof m.bars)[number]): boolean =>
      b.width >= RESULTS_LAYOUT.minBarWidth ||
      (b.marker !== null && b.marker.r * 2 >= RESULTS_LAYOUT.minBarWidth);
    expect(funded.filter(seen)).toHaveLength(10);
    const free = m.bars[9]!;
    expect(free.shownTitle).toBe('10. Proposal 10');
    expect(free.marker).toEqual({
      cx: free.x,
      cy: free.barY + free.barHeight / 2,
      r: RESULTS_LAYOUT.markerRadius,
    });
    // Inside the row's bar band, clear of its words and of the next row.
    const words = [free.titleText, ...free.valueTexts].map((t) => textBox(t, font));
    expect(free.marker!.cy - free.marker!.r).toBeGreaterThan(Math.max(...words.map((w) => w.bottom)));
    expect(free.marker!.cy + free.marker!.r).toBeLessThan(m.bars[10]!.rowY);
    // Bars wide enough to see keep their bar.
    expect(m.bars.filter((b) => b.marker === null)).toHaveLength(10);
  });

  it('Given no proposals, Then the chart is empty and nothing divides by zero', () => {
    const m = resultsModel([], 0);
    expect(m.bars).toEqual([]);
    expect(m.axisMax).toBe(1);
    expect(Number.isFinite(m.height)).toBe(true);
  });
});

describe('participation chart', () => {
  const day = [
    { hour: '2026-11-24T10:00Z', residents: 4 },
    { hour: '2026-11-24T11:00Z', residents: 0 },
    { hour: '2026-11-24T12:00Z', residents: 9 },
  ];

  it('Given residents per hour, Then bar heights follow the counts from the baseline and the busiest hour is named', () => {
    const m = hoursModel(day);
    expect(m.axisMax).toBe(10);
    expect(m.bars.map((b) => b.residents)).toEqual([4, 0, 9]);
    const plot = m.plotBottom - m.plotTop;
    expect(m.bars[0]!.height).toBeCloseTo(plot * 0.4, 6);
    expect(m.bars[1]!.height).toBe(0);
    expect(m.bars[2]!.y + m.bars[2]!.height).toBeCloseTo(m.plotBottom, 6);
    expect(m.busiest).toEqual({ hour: '2026-11-24T12:00Z', residents: 9 });
    expect(m.total).toBe(13);
    expect(m.isMultiDay).toBe(false);
    expect(m.bars.every((b) => b.hasHourLabel && b.hasValueLabel)).toBe(true);
  });

  it('Given sessions on two days, Then the empty days between are left out and each day start is marked', () => {
    const gap = Array.from({ length: 24 }, (_, h) => ({
      hour: `2026-11-25T${String(h).padStart(2, '0')}:00Z`,
      residents: 0,
    }));
    const hours = [
      ...day,
      ...Array.from({ length: 11 }, (_, h) => ({
        hour: `2026-11-24T${String(h + 13).padStart(2, '0')}:00Z`,
        residents: 0,
      })),
      ...gap,
      { hour: '2026-11-26T00:00Z', residents: 0 },
      { hour: '2026-11-26T01:00Z', residents: 2 },
    ];
    const shown = hoursToShow(hours);
    expect(shown.some((h) => h.hour.startsWith('2026-11-25'))).toBe(false);
    expect(shown).toHaveLength(14 + 2);
    const m = hoursModel(hours);
    expect(m.isMultiDay).toBe(true);
    expect(m.bars.filter((b) => b.isDayStart).map((b) => b.hour)).toEqual([
      '2026-11-24T10:00Z',
      '2026-11-26T00:00Z',
    ]);
    expect(m.total).toBe(15);
  });

  it('Given many hours, Then only every few hours are written under the bars so labels do not collide', () => {
    const hours = Array.from({ length: 24 }, (_, h) => ({
      hour: `2026-11-24T${String(h).padStart(2, '0')}:00Z`,
      residents: h,
    }));
    const m = hoursModel(hours);
    const labelled = m.bars.filter((b) => b.hasHourLabel);
    expect(labelled.length).toBeLessThan(24);
    expect(labelled.length).toBeGreaterThan(1);
    const slot = (m.plotRight - m.plotLeft) / 24;
    const gaps = labelled.slice(1).map((b, i) => b.x - labelled[i]!.x);
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(44 - 1e-9);
    expect(slot).toBeGreaterThan(0);
  });
});
