import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byStampThenId, latest } from '../../../src/domain/order';
import { effectiveSettings } from '../../../src/domain/settings';
import type { SettingsEdit } from '../../../src/domain/types';
import { validSettings } from '../helpers/session';
import { PROPERTY_BUDGET_MS } from '../helpers/property';

const rec = (id: string, at: number) => ({ id, at, deviceId: 'd' });

describe('byStampThenId and latest', () => {
  it('Given two records at different times, when ordered, then the earlier comes first whatever the ids', () => {
    expect(byStampThenId(rec('z', 1), rec('a', 2))).toBeLessThan(0);
    expect(byStampThenId(rec('a', 2), rec('z', 1))).toBeGreaterThan(0);
  });

  it('Given two records at the same time, when ordered, then the smaller id comes first', () => {
    expect(byStampThenId(rec('a', 5), rec('b', 5))).toBeLessThan(0);
    expect(byStampThenId(rec('b', 5), rec('a', 5))).toBeGreaterThan(0);
    expect(byStampThenId(rec('a', 5), rec('a', 5))).toBe(0);
  });

  it('Given no records, when the latest is asked for, then there is none', () => {
    expect(latest([])).toBeUndefined();
  });

  it(
    'Given records in any order, when the latest is taken, then it is the same record: max by (at, id)',
    () => {
      const records = fc.uniqueArray(
        fc.record({ id: fc.string({ minLength: 1, maxLength: 3 }), at: fc.nat(5) }),
        {
          minLength: 1,
          maxLength: 8,
          selector: (r) => r.id,
        },
      );
      const recordsAndShuffle = records.chain((rs) =>
        fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length })),
      );
      fc.assert(
        fc.property(recordsAndShuffle, ([rs, shuffled]) => {
          const expected = rs
            .map((r) => rec(r.id, r.at))
            .sort(byStampThenId)
            .at(-1);
          expect(latest(rs.map((r) => rec(r.id, r.at)))).toEqual(expected);
          expect(latest(shuffled.map((r) => rec(r.id, r.at)))).toEqual(expected);
        }),
        { numRuns: 100 },
      );
    },
    PROPERTY_BUDGET_MS,
  );
});

describe('effectiveSettings', () => {
  const base = validSettings();
  const edit = (id: string, at: number, values: SettingsEdit['values']): SettingsEdit => ({
    id,
    at,
    deviceId: 'd',
    values,
  });

  it('Given no edits, when settings are folded, then there are none (no session yet)', () => {
    expect(effectiveSettings([])).toBeNull();
  });

  it('Given the creation and edits of different fields, when folded, then every field keeps its latest value', () => {
    const edits = [
      edit('e3', 300, { venue: 'Library' }),
      edit('e1', 100, base),
      edit('e2', 200, { title: 'Renamed workshop' }),
    ];
    expect(effectiveSettings(edits)).toEqual({ ...base, venue: 'Library', title: 'Renamed workshop' });
  });

  it('Given two edits of one field, when folded in either order, then the later `at` wins', () => {
    const edits = [
      edit('e1', 100, base),
      edit('zz-early', 150, { title: 'Early' }),
      edit('aa-late', 250, { title: 'Late' }),
    ];
    expect(effectiveSettings(edits)?.title).toBe('Late');
    expect(effectiveSettings([...edits].reverse())?.title).toBe('Late');
  });

  it('Given two edits of one field at the same moment, when folded, then the larger id wins on every device', () => {
    const edits = [
      edit('e1', 100, base),
      edit('b-edit', 200, { venue: 'B' }),
      edit('a-edit', 200, { venue: 'A' }),
    ];
    expect(effectiveSettings(edits)?.venue).toBe('B');
    expect(effectiveSettings([...edits].reverse())?.venue).toBe('B');
  });

  it('Given an edit history, when one edit is recorded, then the earlier values stay in the history', () => {
    const edits = [edit('e1', 100, base), edit('e2', 200, { potPence: 1 })];
    expect(effectiveSettings(edits)?.potPence).toBe(1);
    expect(edits[0]?.values.potPence).toBe(base.potPence);
  });
});
