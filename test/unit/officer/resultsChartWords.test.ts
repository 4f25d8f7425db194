/**
 * The results chart's words never overlap each other, the pot's line, the "pot runs out" line or a bar, and stay
 * on the chart, whatever the figures: a £0 bar, a bar exactly the pot, a pot of £0, many bars, long titles,
 * narrow and wide charts, small and large text. Found in a walk at 768 px: the pot's line ran through the bars'
 * figures, and the words were 12.6 px on a page of 18 px text.
 *
 * Widths of words are estimated (estimatedFont); in the page they are measured, and reportPreview.test.ts checks
 * the same in Chromium.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimatedFont, overlaps, textBox, type Box } from '../../../src/ui/officer/charts/chartText';
import type { ChartRow } from '../../../src/ui/officer/charts/geometry';
import { chartTexts, resultsModel, type ResultsModel } from '../../../src/ui/officer/charts/resultsGeometry';
import { PROPERTY_BUDGET_MS } from '../helpers/property';

/** The pot's lines are drawn 3 units wide. */
const HALF_STROKE = 1.5;

interface Case {
  rows: ChartRow[];
  potPence: number;
  width: number;
  fontSize: number;
  maxBars: number;
  measure: 'points' | 'cost' | undefined;
}

const title = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    'Safer crossing on Mill Lane',
    'x'.repeat(150),
    'Supercalifragilisticexpialidocious-community-garden-and-orchard-project',
    'Gardd gymunedol a pherllan i bawb yn y gymdogaeth a’r ysgol gynradd leol',
    'Café ☕ for everyone 👩🏽‍🦽',
  ),
);

const aCase: fc.Arbitrary<Case> = fc
  .record({
    potPence: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10_000_000_000 })),
    decides: fc.boolean(),
    rows: fc.array(
      fc.record({
        title,
        points: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100_000 })),
        cost: fc.constantFrom('zero', 'pot', 'some', 'huge'),
        someCost: fc.integer({ min: 0, max: 10_000_000_000 }),
        isFunded: fc.boolean(),
      }),
      { minLength: 1, maxLength: 45 },
    ),
    width: fc.integer({ min: 320, max: 1400 }),
    fontSize: fc.integer({ min: 12, max: 32 }),
    maxBars: fc.integer({ min: 1, max: 45 }),
    measure: fc.constantFrom('points' as const, 'cost' as const, undefined),
  })
  .map(({ potPence, decides, rows, ...rest }): Case => ({
    potPence,
    rows: rows.map((r, i) => ({
      rank: i + 1,
      title: r.title,
      points: r.points,
      costPence:
        r.cost === 'zero' ? 0 : r.cost === 'pot' ? potPence : r.cost === 'huge' ? potPence * 3 : r.someCost,
      funded: decides ? r.isFunded : null,
    })),
    ...rest,
  }));

function layout(c: Case): ResultsModel {
  return resultsModel(c.rows, c.potPence, {
    width: c.width,
    font: estimatedFont(c.fontSize),
    maxBars: c.maxBars,
    measure: c.measure,
  });
}

function wordBoxes(m: ResultsModel): Box[] {
  const font = estimatedFont(m.fontSize);
  return chartTexts(m).map((t) => textBox(t, font));
}

/** The lines and bars drawn, as boxes. */
function lineBoxes(m: ResultsModel): Box[] {
  const pot =
    m.potX === null
      ? []
      : m.potSegments.map((s) => ({
          left: m.potX! - HALF_STROKE,
          right: m.potX! + HALF_STROKE,
          top: s.y1,
          bottom: s.y2,
        }));
  const runsOut =
    m.runsOutY === null
      ? []
      : [
          {
            left: m.plotLeft,
            right: m.plotRight,
            top: m.runsOutY - HALF_STROKE,
            bottom: m.runsOutY + HALF_STROKE,
          },
        ];
  return [...pot, ...runsOut];
}

function barBoxes(m: ResultsModel): Box[] {
  return m.bars.map((b) =>
    b.marker
      ? {
          left: b.marker.cx - b.marker.r,
          right: b.marker.cx + b.marker.r,
          top: b.marker.cy - b.marker.r,
          bottom: b.marker.cy + b.marker.r,
        }
      : { left: b.x, right: b.x + b.width, top: b.barY, bottom: b.barY + b.barHeight },
  );
}

describe('the results chart’s words', () => {
  it(
    'Given any figures, Then no two words overlap, no word touches the pot’s lines or a bar, and every word is on the chart',
    () => {
      fc.assert(
        fc.property(aCase, (c) => {
          const m = layout(c);
          const words = wordBoxes(m);
          const problems: string[] = [];
          for (const [i, a] of words.entries()) {
            for (const [j, b] of words.slice(i + 1).entries()) {
              if (overlaps(a, b)) problems.push(`words ${i} and ${i + 1 + j} overlap`);
            }
          }
          for (const [k, line] of [...lineBoxes(m), ...barBoxes(m)].entries()) {
            for (const [i, w] of words.entries())
              if (overlaps(line, w)) problems.push(`line or bar ${k} crosses words ${i}`);
          }
          for (const [i, w] of words.entries()) {
            if (w.left < 0 || w.right > m.width || w.top < 0 || w.bottom > m.height)
              problems.push(`words ${i} off the chart`);
          }
          expect(problems).toEqual([]);
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_BUDGET_MS,
  );

  it(
    'Given a rule that funds, Then the pot’s line runs the whole height of every bar, so each bar is seen against it',
    () => {
      fc.assert(
        fc.property(aCase, (c) => {
          const m = layout({ ...c, measure: 'cost' });
          expect(m.potX).not.toBeNull();
          for (const b of m.bars) {
            const covered = m.potSegments.some((s) => s.y1 <= b.barY && b.barY + b.barHeight <= s.y2);
            expect(covered).toBe(true);
          }
        }),
        { numRuns: 200 },
      );
    },
    PROPERTY_BUDGET_MS,
  );

  it('Given the pot near the right edge, Then its words end at its line; near the left, they start there', () => {
    const rows: ChartRow[] = [{ rank: 1, title: 'Benches', points: 3, costPence: 100, funded: true }];
    const font = estimatedFont(18);
    const right = resultsModel(rows, 100, { font, words: { pot: 'Pot £1.00' } });
    expect(right.potTexts[0]!.anchor).toBe('end');
    expect(textBox(right.potTexts[0]!, font).right).toBeCloseTo(right.potX!, 6);
    const left = resultsModel([{ ...rows[0]!, costPence: 1_000_000 }], 100, { font });
    expect(left.potTexts[0]!.anchor).toBe('start');
    expect(textBox(left.potTexts[0]!, font).left).toBeCloseTo(left.potX!, 6);
  });

  it('Given a narrow chart, Then there are fewer ticks on the axis rather than ticks whose words touch', () => {
    const rows: ChartRow[] = [{ rank: 1, title: 'Benches', points: 3, costPence: 123_456_789, funded: true }];
    const words = { tick: (v: number) => `£${(v / 100).toLocaleString('en-GB')}` };
    const wide = resultsModel(rows, 100_000_000, { width: 1200, words });
    const narrow = resultsModel(rows, 100_000_000, { width: 320, words });
    expect(wide.ticks.length).toBeGreaterThan(narrow.ticks.length);
    expect(narrow.ticks.length).toBeGreaterThanOrEqual(2);
  });
});
