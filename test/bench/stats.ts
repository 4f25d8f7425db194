/** Small statistics and the row shape every figure reports. */

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least p% of the samples at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

export const round = (n: number, digits = 1): number => Number(n.toFixed(digits));

export type Unit = 'KB' | 'MB' | 'ms';

/** Ceilings on the figure (`max`: at most, `under`: strictly below) and/or on figure / baseline. */
export interface Goal {
  max?: number;
  under?: number;
  maxRatio?: number;
}

export interface Row {
  id: string;
  figure: string;
  unit: Unit;
  value: number;
  baseline: number | null;
  baselineLabel: string;
  goal: Goal | null;
  /** How many samples the value and the baseline come from (1 for sizes). */
  samples: number;
  note?: string;
}

export interface CheckedRow extends Row {
  ratio: number | null;
  pass: boolean | null;
  goalText: string;
}

export function describeGoal(goal: Goal | null, unit: Unit): string {
  if (!goal) return '—';
  const parts: string[] = [];
  if (goal.max !== undefined) parts.push(`≤ ${goal.max} ${unit}`);
  if (goal.under !== undefined) parts.push(`< ${goal.under} ${unit}`);
  if (goal.maxRatio !== undefined) parts.push(`≤ ${goal.maxRatio}× baseline`);
  return parts.join(' and ');
}

export function check(row: Row): CheckedRow {
  const ratio = row.baseline !== null && row.baseline > 0 ? row.value / row.baseline : null;
  let pass: boolean | null = null;
  if (row.goal) {
    pass = Number.isFinite(row.value);
    if (row.goal.max !== undefined) pass &&= row.value <= row.goal.max;
    if (row.goal.under !== undefined) pass &&= row.value < row.goal.under;
    if (row.goal.maxRatio !== undefined) pass &&= ratio !== null && ratio <= row.goal.maxRatio;
  }
  return { ...row, ratio, pass, goalText: describeGoal(row.goal, row.unit) };
}
