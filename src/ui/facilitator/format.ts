/** Small formatting helpers for facilitator screens: dates, storage sizes and the priority method in words. */
import type { PriorityMethod } from '../../domain/types';
import { sessionDate } from '../format/dates';
import type { Translator } from '../i18n';

/** "2026-11-24" -> "24 November 2026": the one style of session dates (src/ui/format/dates.ts). */
export const longDate = sessionDate;

/** Bytes in words a facilitator can read: "350 kilobytes", "12.5 megabytes", "2.1 gigabytes". */
export function bytesInWords(t: Translator, bytes: number): string {
  const units: [string, number][] = [
    ['gigabyte', 1024 ** 3],
    ['megabyte', 1024 ** 2],
    ['kilobyte', 1024],
  ];
  const [unit, size] = units.find(([, s]) => bytes >= s) ?? ['kilobyte', 1024];
  return new Intl.NumberFormat(t.locale.intl, {
    style: 'unit',
    unit,
    unitDisplay: 'long',
    maximumFractionDigits: 1,
  }).format(bytes / size);
}

/** The priority method in one plain sentence. */
export function methodInWords(t: Translator, method: PriorityMethod): string {
  switch (method.kind) {
    case 'dots':
      return t('fac.method.dotsSummary', {
        count: method.dotsPerParticipant,
        max: method.maxDotsPerProposal,
      });
    case 'budget':
      return method.minSharePercent > 0
        ? t('fac.method.budgetSummaryMin', { percent: method.minSharePercent })
        : t('fac.method.budgetSummary');
    case 'ranking':
      return t('fac.method.rankingSummary', { count: method.maxRanked });
  }
}
