/**
 * The results chart's layout: pure functions from result rows, the pot and the chart's words to SVG coordinates,
 * so it is tested in Node and ResultsChart.tsx only draws.
 *
 * Rules:
 * - Rows are drawn in the order they come (the rule's ranking), the first `maxBars` only; the rest are counted in
 *   `hiddenCount` for the "and N more in the table" line (the data table always has every row).
 * - Measure 'points': each bar runs from 0 to the proposal's points. Measure 'cost' (for rules that fund): a
 *   waterfall, each bar starting where the costs of the funded rows above it end (all rows above when the rule
 *   funds nothing), so funded bars climb to the vertical pot line and one that does not fit is seen crossing it.
 * - Every drawn row shows a mark: a bar too narrow to see (an idea costing £0, a few pounds against a big pot, or
 *   0 points) gets a diamond at its start instead (`marker`), so a funded £0 idea is seen as funded like the rest.
 * - Words never overlap each other or the pot's line (walk at 768 px: the line ran through the figures). Each row
 *   is its title line (rank and title, cut to the chart's width), its figures (on the title line, ranged right,
 *   when both fit; else on lines of their own below it, wrapped between figures), then its bar. The pot's words
 *   sit above the chart beside its line; the line is left out where it would cross a row's words. Axis ticks
 *   are as many as fit without their words touching (four at most).
 * - The "pot runs out" line (points mode, rules that decide no funding): under the last row whose running total of
 *   costs, all rows above it included in order, still fits in the pot; above the first row if none fits; none
 *   when every drawn row fits. Its words (wrapped) take a band of their own under the line, moving the rows below.
 * - A title is a resident's words inside a line of the chart's own: it is drawn without the bidi embeddings and
 *   overrides that text stored before they were refused may hold (a title "Bus pass U+202E costs £1,000" drew its
 *   own figures backwards, "000,1£"), and isolated (FSI … PDI) after its rank, cut to fit inside the isolate.
 * - Sizes: words are `font.size` (the page's text size: the chart is drawn at its own width, one unit a CSS
 *   pixel); gaps and bars are in ems of it, so large text makes a larger chart rather than overlapping words.
 */
import { withoutBidiControls } from '../../../domain/validate';
import { isolate } from '../../i18n';
import {
  baselineIn,
  clipToWidth,
  estimatedFont,
  LINE_HEIGHT,
  textBox,
  wrapToWidth,
  type ChartFont,
  type ChartText,
  type TextAnchor,
} from './chartText';
import {
  CHART_WIDTH,
  costStarts,
  defaultMeasure,
  DEFAULT_MAX_BARS,
  lastRowWithinPot,
  linearScale,
  niceCeil,
  ticks,
  type ChartRow,
  type ResultsMeasure,
} from './geometry';

/** The page's body text at 112.5 %: what the chart assumes until it has measured the page. */
export const DEFAULT_FONT_SIZE = 18;
/** Between a bar's figures on the chart. */
export const VALUE_SEPARATOR = ' · ';

export const RESULTS_LAYOUT = {
  margin: 8,
  /** In ems: from a row's words to its bar, the bar's thickness, and from the bar to the next row. */
  barGap: 0.35,
  barHeight: 1.1,
  rowGap: 0.7,
  /** In ems: the least room between two words on one line. */
  wordGap: 1,
  /** Narrower than this (viewBox units) a bar cannot be seen, so the row gets a marker instead. */
  minBarWidth: 3,
  /** Half the diagonal of that marker, at most (and at most half the bar's thickness). */
  markerRadius: 8,
  /** Room kept between the pot's line and the words it is left out for (viewBox units; the line is 3 wide). */
  potClearance: 3,
} as const;

/** The chart's words, in the reader's language (ResultsChart.tsx), or plain ones for tests. */
export interface ResultsWords {
  /** A bar's figures as separate pieces ("£60,000", "96 points", "Funded"), joined by VALUE_SEPARATOR. */
  value: (row: ChartRow, measure: ResultsMeasure) => string[];
  /** Cost mode: the pot's words, above its line. */
  pot: string;
  /** Points mode: the words under the line where the pot runs out. */
  runsOut: string;
  /** An axis tick's words. */
  tick: (value: number, measure: ResultsMeasure) => string;
}

const PLAIN_WORDS: ResultsWords = {
  value: (r, measure) =>
    measure === 'cost'
      ? [`${r.costPence}p`, `${r.points} points`]
      : [`${r.points} points`, `${r.costPence}p`],
  pot: 'Pot',
  runsOut: 'The pot covers the proposals above this line, in this order',
  tick: (v) => String(v),
};

export interface ResultsBar {
  rank: number;
  title: string;
  /** The rank and title as drawn, cut to fit the chart's width. */
  shownTitle: string;
  funded: boolean | null;
  points: number;
  costPence: number;
  /** Cost mode: where the bar starts and ends on the money axis, in pence; points mode: 0 and the points. */
  from: number;
  to: number;
  x: number;
  width: number;
  /** Top of the bar's row (its title line); the bar itself is at barY. */
  rowY: number;
  /** A bar narrower than `RESULTS_LAYOUT.minBarWidth` is drawn as a diamond centred here instead. */
  marker: { cx: number; cy: number; r: number } | null;
  /** The title line's words, and the figures' line(s): on the title line or under it. */
  titleText: ChartText;
  valueTexts: ChartText[];
  barY: number;
  barHeight: number;
}

export interface ResultsModel {
  measure: ResultsMeasure;
  width: number;
  height: number;
  /** Size of the words, in viewBox units. */
  fontSize: number;
  plotLeft: number;
  plotRight: number;
  plotTop: number;
  plotBottom: number;
  axisMax: number;
  ticks: { value: number; x: number; text: ChartText }[];
  bars: ResultsBar[];
  hiddenCount: number;
  /** Cost mode: x of the pot on the money axis, its words, and the pieces of its line (gaps where words are). */
  potX: number | null;
  potTexts: ChartText[];
  potSegments: { y1: number; y2: number }[];
  /** Points mode, rules that fund nothing: y of the line where the pot runs out, and its words under it. */
  runsOutY: number | null;
  runsOutTexts: ChartText[];
  fundedCount: number;
  /** Sum of the funded rows' costs, all rows (not only those drawn). */
  spentPence: number;
}

export interface ResultsOptions {
  measure?: ResultsMeasure;
  maxBars?: number;
  /** The chart's width in viewBox units: the width it is drawn at, in CSS px. */
  width?: number;
  font?: ChartFont;
  words?: Partial<ResultsWords>;
}

/** Every word the chart draws, for checks that none overlap. */
export function chartTexts(m: ResultsModel): ChartText[] {
  return [
    ...m.potTexts,
    ...m.runsOutTexts,
    ...m.bars.flatMap((b) => [b.titleText, ...b.valueTexts]),
    ...m.ticks.map((t) => t.text),
  ];
}

export function resultsModel(
  rows: readonly ChartRow[],
  potPence: number,
  options: ResultsOptions = {},
): ResultsModel {
  const L = RESULTS_LAYOUT;
  const font = options.font ?? estimatedFont(DEFAULT_FONT_SIZE);
  const words: ResultsWords = { ...PLAIN_WORDS, ...options.words };
  const em = font.size;
  const lineHeight = LINE_HEIGHT * em;
  const measure = options.measure ?? defaultMeasure(rows);
  const width = options.width ?? CHART_WIDTH;
  const maxBars = Math.max(1, Math.floor(options.maxBars ?? DEFAULT_MAX_BARS));
  const shown = rows.slice(0, maxBars);
  const starts = costStarts(rows);
  const spans = shown.map((r, i) =>
    measure === 'cost'
      ? { from: starts[i] ?? 0, to: (starts[i] ?? 0) + r.costPence }
      : { from: 0, to: Math.max(0, r.points) },
  );
  const largest = Math.max(0, ...spans.map((s) => s.to), measure === 'cost' ? potPence : 0);
  const axisMax = measure === 'points' ? Math.max(1, Math.ceil(niceCeil(largest))) : niceCeil(largest);
  const plotLeft = L.margin;
  const plotRight = width - L.margin;
  const plotWidth = Math.max(1, plotRight - plotLeft);
  const x = linearScale(axisMax, plotLeft, plotRight);
  const line = (text: string, top: number, at: number, anchor: TextAnchor, isBold: boolean): ChartText => ({
    text,
    x: at,
    y: baselineIn(top, font),
    anchor,
    isBold,
  });
  let y = L.margin;

  // Cost mode: the pot's words above the chart, beside its line where they fit, else at the chart's edge.
  const potX = measure === 'cost' ? x(potPence) : null;
  const potTexts: ChartText[] = [];
  if (potX !== null) {
    const lines = wrapToWidth(words.pot.split(' '), ' ', plotWidth, font, true);
    const widest = Math.max(...lines.map((l) => font.widthOf(l, true)));
    const [at, anchor]: [number, TextAnchor] =
      potX + widest <= plotRight
        ? [potX, 'start']
        : potX - widest >= plotLeft
          ? [potX, 'end']
          : [plotLeft, 'start'];
    for (const text of lines) {
      potTexts.push(line(text, y, at, anchor, true));
      y += lineHeight;
    }
    y += 0.2 * em;
  }
  const plotTop = y;

  // The "pot runs out" line goes under row `runsOutAfter` (-1: above the first), its words in a band under it.
  let runsOutAfter: number | null = null;
  if (measure === 'points' && rows.every((r) => r.funded === null)) {
    const last = lastRowWithinPot(rows, potPence);
    if (last < shown.length - 1) runsOutAfter = last;
  }
  let runsOutY: number | null = null;
  const runsOutTexts: ChartText[] = [];
  const runsOutBand = (): void => {
    runsOutY = y;
    y += 0.25 * em;
    for (const text of wrapToWidth(words.runsOut.split(' '), ' ', plotWidth, font, true)) {
      runsOutTexts.push(line(text, y, plotLeft, 'start', true));
      y += lineHeight;
    }
    y += 0.5 * em;
  };

  const barHeight = L.barHeight * em;
  if (runsOutAfter === -1) runsOutBand();
  const bars = shown.map((r, i): ResultsBar => {
    const span = spans[i] ?? { from: 0, to: 0 };
    const rowY = y;
    const shownTitle = titleLine(r.rank, r.title, plotWidth, font);
    const parts = words.value(r, measure);
    const oneLine = parts.join(VALUE_SEPARATOR);
    const fitsBeside =
      font.widthOf(shownTitle, true) + L.wordGap * em + font.widthOf(oneLine, false) <= plotWidth;
    const valueLines = fitsBeside ? [oneLine] : wrapToWidth(parts, VALUE_SEPARATOR, plotWidth, font, false);
    const titleText = line(shownTitle, y, plotLeft, 'start', true);
    const valueTexts = valueLines.map((text, k) =>
      line(text, y + (fitsBeside ? k : k + 1) * lineHeight, plotRight, 'end', false),
    );
    const textLines = fitsBeside ? 1 : 1 + valueLines.length;
    const barY = y + textLines * lineHeight + L.barGap * em;
    const barX = x(span.from);
    const barWidth = Math.max(0, x(span.to) - barX);
    y = barY + barHeight + L.rowGap * em;
    if (runsOutAfter === i) runsOutBand();
    return {
      rank: r.rank,
      title: r.title,
      shownTitle,
      funded: r.funded,
      points: r.points,
      costPence: r.costPence,
      from: span.from,
      to: span.to,
      x: barX,
      width: barWidth,
      rowY,
      marker:
        barWidth < L.minBarWidth
          ? { cx: barX, cy: barY + barHeight / 2, r: Math.min(L.markerRadius, barHeight / 2) }
          : null,
      titleText,
      valueTexts,
      barY,
      barHeight,
    };
  });
  const plotBottom = y;

  // Axis: as many ticks (four at most) as fit without their words touching or leaving the chart.
  const tickTop = plotBottom + 0.15 * em;
  const tickMarks = (count: number): ResultsModel['ticks'] =>
    ticks(axisMax, count, measure === 'points').map((value) => {
      const at = x(value);
      const anchor: TextAnchor = at <= plotLeft + 0.5 ? 'start' : at >= plotRight - 0.5 ? 'end' : 'middle';
      return { value, x: at, text: line(words.tick(value, measure), tickTop, at, anchor, false) };
    });
  const isReadable = (marks: ResultsModel['ticks']): boolean => {
    const boxes = marks.map((m) => textBox(m.text, font));
    return boxes.every(
      (b, i) =>
        b.left >= 0 && b.right <= width && (i === 0 || boxes[i - 1]!.right + L.wordGap * em <= b.left),
    );
  };
  const axis = [4, 3, 2].map(tickMarks).find(isReadable) ?? tickMarks(1);

  return {
    measure,
    width,
    height: tickTop + lineHeight + L.margin,
    fontSize: em,
    plotLeft,
    plotRight,
    plotTop,
    plotBottom,
    axisMax,
    ticks: axis,
    bars,
    hiddenCount: rows.length - shown.length,
    potX,
    potTexts,
    potSegments: potX === null ? [] : potLine(potX, plotTop, plotBottom, bars, font),
    runsOutY,
    runsOutTexts,
    fundedCount: rows.filter((r) => r.funded === true).length,
    spentPence: rows.filter((r) => r.funded === true).reduce((s, r) => s + r.costPence, 0),
  };
}

/**
 * A row's title line: "rank. title", the title cut with an ellipsis to fit `width`, without bidi embeddings,
 * overrides or isolates (withoutBidiControls, the rule typed text is stored by since they were refused) and
 * isolated, so right-to-left words or a mark cannot carry the rank into their own direction.
 */
function titleLine(rank: number, title: string, width: number, font: ChartFont): string {
  const prefix = `${rank}. `;
  const room = width - font.widthOf(prefix, true);
  return `${prefix}${isolate(clipToWidth(withoutBidiControls(title), room, font, true))}`;
}

/** The pot's line from the top of the plot to its bottom, left out (with room to spare) where words cross it. */
function potLine(
  potX: number,
  top: number,
  bottom: number,
  bars: readonly ResultsBar[],
  font: ChartFont,
): { y1: number; y2: number }[] {
  const c = RESULTS_LAYOUT.potClearance;
  const gaps = bars
    .flatMap((b) => [b.titleText, ...b.valueTexts])
    .map((t) => textBox(t, font))
    .filter((b) => b.left - c < potX && potX < b.right + c)
    .map((b) => ({ y1: b.top - c, y2: b.bottom + c }))
    .sort((a, b) => a.y1 - b.y1);
  const segments: { y1: number; y2: number }[] = [];
  let from = top;
  for (const gap of gaps) {
    if (gap.y1 > from) segments.push({ y1: from, y2: gap.y1 });
    from = Math.max(from, gap.y2);
  }
  if (bottom > from) segments.push({ y1: from, y2: bottom });
  return segments.filter((s) => s.y2 - s.y1 >= 1);
}
