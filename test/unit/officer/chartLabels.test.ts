import { describe, expect, it } from 'vitest';
import { addMessages, makeTranslator } from '../../../src/ui/i18n';
import { officerReport } from '../../../src/ui/i18n/en/officer-report';
import { barValueText, fundedText } from '../../../src/ui/officer/charts/ResultsChart';
import { dayText, hourText, hoursSummary } from '../../../src/ui/officer/charts/ParticipationChart';
import { hoursModel } from '../../../src/ui/officer/charts/geometry';
import { resultsModel } from '../../../src/ui/officer/charts/resultsGeometry';
import { cellText } from '../../../src/ui/officer/figureWords';

addMessages('en', officerReport);
const t = makeTranslator('en');

describe('chart and report labels', () => {
  const rows = [
    { rank: 1, title: 'Safer crossing', points: 1, costPence: 6_000_000, funded: true },
    { rank: 2, title: 'Youth club', points: 12, costPence: 1_250, funded: false },
  ];

  it('Given a bar, Then its words say its figure by the officer screen’s name, the cost and whether it is funded, never colour alone', () => {
    const cost = resultsModel(rows, 10_000_000);
    expect(barValueText(t, cost.bars[0]!, 'cost', 'budget')).toBe('£60,000 · 1 vote · Funded');
    expect(barValueText(t, cost.bars[1]!, 'cost', 'dots')).toBe('£12.50 · 12 dots · Not funded');
    const votes = resultsModel(
      rows.map((r) => ({ ...r, funded: null })),
      10_000_000,
    );
    expect(barValueText(t, votes.bars[1]!, 'points', 'ranking')).toBe('12 ranking points · £12.50');
    expect(barValueText(t, votes.bars[1]!, 'points', 'borda')).toBe('Borda score 12 · £12.50');
    expect(fundedText(t, true)).toBe('Funded');
  });

  it('Given a suppressed about-you cell, Then a small one reads "fewer than 5" and the one hidden to protect it "hidden"', () => {
    const base = { option: 'x', shown: 'fewer than 5', suppressed: true };
    expect(cellText(t, { ...base, count: null, suppressedBecause: 'small' })).toBe('fewer than 5');
    expect(cellText(t, { ...base, count: null, suppressedBecause: 'complementary' })).toBe('hidden');
    expect(
      cellText(t, { option: 'x', count: 1234, shown: '1234', suppressed: false, suppressedBecause: null }),
    ).toBe('1,234');
  });

  it('Given an hour kept in UTC, Then it is written on the venue’s clock (British Summer Time in June)', () => {
    expect(hourText(t, '2026-11-24T10:00Z')).toBe('10:00');
    expect(hourText(t, '2026-06-24T10:00Z')).toBe('11:00');
    expect(dayText(t, '2026-06-24T23:00Z')).toBe('25 Jun');
  });

  it('Given residents in one hour only, Then the hours chart’s summary says "1 hour starting" (it said "1 hours from 10:00 to 10:00"); over three hours, "3 hours from … to …"', () => {
    const one = hoursSummary(t, hoursModel([{ hour: '2026-11-24T10:00Z', residents: 4 }]), 'Europe/London');
    expect(one).toMatch(
      /^Bar chart of residents per hour, 1 hour starting .+10:00\. Busiest: 10:00 with 4 residents\./,
    );
    const three = hoursSummary(
      t,
      hoursModel([
        { hour: '2026-11-24T10:00Z', residents: 4 },
        { hour: '2026-11-24T11:00Z', residents: 2 },
        { hour: '2026-11-24T12:00Z', residents: 1 },
      ]),
      'Europe/London',
    );
    expect(three).toMatch(/^Bar chart of residents per hour, 3 hours from .+10:00 to .+12:00\./);
  });
});
