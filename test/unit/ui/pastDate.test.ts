/** The session form's "has already passed" hint: a date before the tablet's own today, nothing else. */
import { describe, expect, it } from 'vitest';
import { isPastDate } from '../../../src/ui/facilitator/formModel';

describe('a date that has passed', () => {
  it('Given the evening of 7 December 2026, then 6 December is past and 7 December and later are not', () => {
    const now = new Date(2026, 11, 7, 23, 30);
    expect(isPastDate('2026-12-06', now)).toBe(true);
    expect(isPastDate('2025-12-12', now)).toBe(true);
    expect(isPastDate('2026-12-07', now)).toBe(false);
    expect(isPastDate('2026-12-08', now)).toBe(false);
    expect(isPastDate('2027-01-01', now)).toBe(false);
  });

  it('Given the first minute of a day, then the day before has passed, read in the tablet’s own time', () => {
    const now = new Date(2027, 0, 1, 0, 1);
    expect(isPastDate('2026-12-31', now)).toBe(true);
    expect(isPastDate('2027-01-01', now)).toBe(false);
  });

  it('Given something that is not a whole date yet (typing, or empty), then nothing is said', () => {
    const now = new Date(2026, 11, 7, 12, 0);
    for (const typed of ['', '2026', '2026-1-5', 'yesterday'])
      expect(isPastDate(typed, now), typed).toBe(false);
  });
});
