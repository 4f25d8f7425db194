/**
 * Chart geometry: pure functions from plain figures to SVG coordinates (a fixed viewBox, scaled by CSS), so the
 * charts are tested in Node and the components only draw.
 *
 * Rules:
 * - Scales are linear from 0. The axis ends on a "nice" number (1, 2, 2.5 or 5 times a power of ten) at or above
 *   the largest value, so ticks land on round figures; point axes tick on whole numbers only.
 * - Results (the bars and the words placed around them): ./resultsGeometry.ts; the helpers it shares with the
 *   results table are here.
 * - Hours: one bar per hour in time order. When the hours span several days (sessions on different days), days
 *   with nobody at all are left out, and the first bar of each day is marked so its date can be shown. Laid out
 *   at the chart's own width with words the page's text size (./useChartRoom.ts, on paper too): the room kept
 *   for words grows with them (HOURS_LAYOUT is for 14 px words), so larger text never crowds the labels.
 */
import type { HourCount } from '../../../domain/results/participation';
import type { ResultRow } from '../../../domain/results/results';
import { graphemes } from '../../components/textLimit';

export const CHART_WIDTH = 800;
export const DEFAULT_MAX_BARS = 20;

export type ResultsMeasure = 'points' | 'cost';
export type ChartRow = Pick<ResultRow, 'rank' | 'title' | 'points' | 'costPence' | 'funded'>;

/** The smallest of 1, 2, 2.5, 5 (times a power of ten) at or above `value`; 1 for nothing to show. */
export function niceCeil(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const fraction = value / power;
  const step = [1, 2, 2.5, 5, 10].find((s) => fraction <= s * (1 + 1e-9)) ?? 10;
  return step * power;
}

/** Tick values from 0 to at most `max`, about `count` of them, on nice steps (whole steps when `integer`). */
export function ticks(max: number, count = 4, integer = false): number[] {
  let step = niceCeil(max / count);
  if (integer) step = Math.max(1, Math.ceil(step));
  const out: number[] = [];
  for (let v = 0; v <= max * (1 + 1e-9); v += step) out.push(v);
  return out;
}

/** Maps [0, domainMax] onto [start, end]; values outside are clamped so nothing is drawn off the chart. */
export function linearScale(domainMax: number, start: number, end: number): (value: number) => number {
  const max = domainMax > 0 ? domainMax : 1;
  return (value) => start + ((end - start) * Math.min(Math.max(value, 0), max)) / max;
}

/** Cuts text to `max` characters with an ellipsis (the full text stays in the table). */
export function clipText(text: string, max: number): string {
  const chars = graphemes(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** Which figure the results bars show: cost for rules that fund, points for the plain vote count. */
export function defaultMeasure(rows: readonly ChartRow[]): ResultsMeasure {
  return rows.some((r) => r.funded !== null) ? 'cost' : 'points';
}

/** Where each row's bar starts on the money axis: after the funded rows above (all rows when nothing is funded). */
export function costStarts(rows: readonly ChartRow[]): number[] {
  const decided = rows.some((r) => r.funded !== null);
  let total = 0;
  return rows.map((r) => {
    const start = total;
    if (!decided || r.funded === true) total += r.costPence;
    return start;
  });
}

/** Index of the last row whose running total of costs (in order, all rows) fits the pot; -1 when none does. */
export function lastRowWithinPot(rows: readonly ChartRow[], potPence: number): number {
  let total = 0;
  let last = -1;
  for (const [i, r] of rows.entries()) {
    total += r.costPence;
    if (total > potPence) break;
    last = i;
  }
  return last;
}

export interface HourBar {
  hour: string;
  residents: number;
  x: number;
  width: number;
  y: number;
  height: number;
  /** The first bar of its day, when the chart spans several days. */
  isDayStart: boolean;
  /** Whether this bar's hour is written under it (every k-th when bars are narrow). */
  hasHourLabel: boolean;
  /** Whether the count is written above it (bars too narrow for it leave it to the table). */
  hasValueLabel: boolean;
}

export interface HoursModel {
  width: number;
  height: number;
  /** Size of the words, in viewBox units (CSS px when drawn at its own width). */
  fontSize: number;
  /** Where words go: tick numbers this far left of the axis and down from their tick; counts this far above
   * their bar; the hours and the days on these baselines. */
  tickTextDx: number;
  tickTextDy: number;
  valueGap: number;
  hourTextY: number;
  dayTextY: number;
  plotLeft: number;
  plotRight: number;
  plotTop: number;
  plotBottom: number;
  axisMax: number;
  ticks: { value: number; y: number }[];
  bars: HourBar[];
  isMultiDay: boolean;
  total: number;
  busiest: HourCount | null;
}

export const HOURS_LAYOUT = {
  /** The size of words the other figures are for; they grow in step with larger words. */
  fontSize: 14,
  margin: 8,
  axisLabelWidth: 40,
  top: 24,
  plotHeight: 180,
  axisHeight: 48,
  gap: 0.2,
  minLabelWidth: 44,
  minValueWidth: 22,
} as const;

/**
 * Drops the days with nobody at all, when the hours span several days. participation() already lists only the
 * hours of days with residents (the same rule); this keeps the chart right for any list it is given.
 */
export function hoursToShow(hours: readonly HourCount[]): HourCount[] {
  const day = (h: HourCount): string => h.hour.slice(0, 10);
  const days = new Set(hours.map(day));
  if (days.size <= 1) return [...hours];
  const busy = new Set(hours.filter((h) => h.residents > 0).map(day));
  return hours.filter((h) => busy.has(day(h)));
}

export function hoursModel(
  hours: readonly HourCount[],
  options: { width?: number; fontSize?: number } = {},
): HoursModel {
  const fontSize = options.fontSize ?? HOURS_LAYOUT.fontSize;
  // Room for words in step with their size: the 14 px layout's figures, times this.
  const k = fontSize / HOURS_LAYOUT.fontSize;
  const L = {
    ...HOURS_LAYOUT,
    axisLabelWidth: HOURS_LAYOUT.axisLabelWidth * k,
    top: HOURS_LAYOUT.top * k,
    axisHeight: HOURS_LAYOUT.axisHeight * k,
    minLabelWidth: HOURS_LAYOUT.minLabelWidth * k,
    minValueWidth: HOURS_LAYOUT.minValueWidth * k,
  };
  const width = options.width ?? CHART_WIDTH;
  const shown = hoursToShow(hours);
  const isMultiDay = new Set(shown.map((h) => h.hour.slice(0, 10))).size > 1;
  const axisMax = Math.max(1, Math.ceil(niceCeil(Math.max(0, ...shown.map((h) => h.residents)))));
  const plotLeft = L.margin + L.axisLabelWidth;
  const plotRight = width - L.margin;
  const plotTop = L.top;
  const plotBottom = plotTop + L.plotHeight;
  const y = linearScale(axisMax, plotBottom, plotTop);
  const slot = shown.length > 0 ? (plotRight - plotLeft) / shown.length : 0;
  const labelEvery = slot > 0 ? Math.max(1, Math.ceil(L.minLabelWidth / slot)) : 1;
  const bars = shown.map((h, i): HourBar => {
    const top = y(h.residents);
    const previous = shown[i - 1];
    const isDayStart =
      isMultiDay && (previous === undefined || previous.hour.slice(0, 10) !== h.hour.slice(0, 10));
    return {
      hour: h.hour,
      residents: h.residents,
      x: plotLeft + i * slot + (slot * L.gap) / 2,
      width: slot * (1 - L.gap),
      y: top,
      height: plotBottom - top,
      isDayStart,
      hasHourLabel: i % labelEvery === 0 || isDayStart,
      hasValueLabel: slot >= L.minValueWidth,
    };
  });
  let busiest: HourCount | null = null;
  for (const h of shown) if (!busiest || h.residents > busiest.residents) busiest = h;
  return {
    width,
    height: plotBottom + L.axisHeight,
    fontSize,
    tickTextDx: 6 * k,
    tickTextDy: 5 * k,
    valueGap: 5 * k,
    hourTextY: plotBottom + 20 * k,
    dayTextY: plotBottom + 40 * k,
    plotLeft,
    plotRight,
    plotTop,
    plotBottom,
    axisMax,
    ticks: ticks(axisMax, 4, true).map((value) => ({ value, y: y(value) })),
    bars,
    isMultiDay,
    total: hours.reduce((s, h) => s + h.residents, 0),
    busiest,
  };
}
